import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Directive, Extensions, Field, ID, Info, InputType, Int, Mutation, ObjectType, Query, Resolver, type ClassType } from 'type-graphql';
import { AGGREGATE_CACHE } from '../graphql/cache-hints';
import type { RequestContext } from '../graphql/context';
import { Connection } from '../graphql/relay/connection';
import { Node } from '../graphql/relay/node.interface';
import { PageArgs } from '../graphql/relay/page-args';
import { DivisionCodeScalar } from '../graphql/scalars';
import { ArchiveRecordInput, BulkUpsertPayload, RecordPayload } from '../graphql/writes';
import { columnFields, internal, writtenFields, type Column, type Columns } from '../registry/columns';
import { dimensionsOf, groupFields, type Dimension, type GroupDimension } from '../registry/dimensions';
import { filterConditions, filterFields, type Filters } from '../registry/filters';
import { listConnection } from '../registry/lists';
import { BY_RECORD_ID, orderingsOf, type Ordering } from '../registry/orderings';
import { cityPortalColumns, cityPortalFilters, placeColumns, placeFields, placeFilters, RegistryRecord, registryRecordColumns } from '../registry/registry-record.interface';
import type { ExportDeclaration, GoalMetricDeclaration, RegistryModule, RegistryType } from '../registry/registry-type';
import { enterpriseGroupDimensions, groupStats, placeGroupDimensions, RegistryGroup } from '../registry/stats';
import { answeredFromTally, statsTallyOf } from '../registry/stats-tally';
import { selectedFieldNames } from '../graphql/selected-fields';
import { registryRow, type TableSpec } from '../registry/table';
import { onDay, timeSeries, type EventDate } from '../registry/time-series';
import { TimeSeries, TimeSeriesArgs } from '../registry/time-series.type';
import { bulkUpsert } from '../registry/writes/bulk-upsert';
import type { FieldSpec } from '../registry/writes/fields';
import { writesFor } from '../registry/writes/record-writer';
import type { ColumnRecord, RecordSpec } from '../registry/writes/record-spec';
import { historyFieldResolver } from './audit/audit.resolver';
import { groupPlaceFieldsResolver, placeFieldsResolver, placeListResolvers } from './city/place-relations';
import { EnterpriseLinkedGroup } from './enterprise/enterprise-linked-group';
import { enterpriseIdColumn, enterpriseKeyFields } from './enterprise/enterprise-reference';
import { enterpriseRelation } from './enterprise/enterprise-relations';
import { sourceFieldResolver } from './source/source.resolver';

/** A statistic's summed or counted value over a group: a field of the group row, computed in the GROUP BY. */
export interface Measure {
  /** SQL over the table aliased `t`, an aggregate: `sum(t.participants)::integer`. */
  expression: string;
  type: () => unknown;
  description: string;
  /** False where the measure is never null (a count); a sum is null when no record states its value. */
  nullable?: boolean;
}

/**
 * A registry type kept by city portals, declared once: what it is called, its own columns, how it
 * filters, sorts, groups and is dated, what a write must give, and the goals that can count it. From
 * this one declaration come its table spec, GraphQL object, connection, payload, group, filter, order
 * and dimension types; the list, statistics and time-series queries; create, update, archive, restore
 * and bulk upsert with their inputs; its place, source, history and enterprise relations; and its
 * registry entry (node lookup, import, export, goal metrics, the test matrices). What every such record
 * has (place, samples, source, portal id, version and times) is added here, not declared again.
 * A new type's folder is then this call and its migration (migrations/support/registry-table.ts).
 */
export interface RecordTypeDeclaration<C extends Columns, F extends Filters> {
  /** The GraphQL type name, e.g. `SkillCompetition`. */
  typename: string;
  /** The table, snake_case. */
  table: string;
  /** One and several in English (lower case), and the Chinese term. */
  noun: { one: string; many: string; zh: string };
  /** The object type's description (English, with the Chinese term). */
  description: string;
  /** The Query list field, camelCase plural: `skillCompetitions`; `upsert<ListField>` is its bulk upsert. */
  listField: string;
  /** The URL segment of its export and import: `skill-competitions`. */
  slug: string;
  /** Names an older type was published with where they differ from those derived (the schema is a contract). */
  published?: {
    /** The prefix of its statistics and series fields (`collectiveContract` for `collectiveContractStats`); the typename, lower first, by default. */
    fieldPrefix?: string;
    /** The plural of its bulk upsert mutation and input (`CollectiveInnovationContracts`); the list field, upper first, by default. */
    plural?: string;
    /** The import's URL segment, where it differs from the export's. */
    importSlug?: string;
    /** Further URL segments its export answers to. */
    exportAliases?: string[];
    /** Input types of written fields where they differ from the column's type (an older input took Int where the field is NonNegativeInt). */
    inputTypes?: Record<string, () => unknown>;
  };
  /** Its own columns; the place, portal and record columns (and enterprise_id where `enterprise`) are added. */
  columns: C;
  /** Whether ADMIN may place a record in a province alone, with no city (a provincial academy): adds `provinceCode` to the inputs. */
  provinceLevel?: boolean;
  /**
   * Where records lie under an enterprise (`enterprise_id`, in its city): the record's `enterprise` and the enterprise's list;
   * `required` where every record has one (the record's province then comes with its enterprise).
   */
  enterprise?: { field: string; list: string; required?: boolean };
  /** Its own filters; place, sample, portal id and archive filters are added. */
  filters: (columns: C & typeof placeColumns) => F;
  /** Its own orderings; ID_ASC (by record id, the default) comes first. */
  orderings: Record<string, Ordering>;
  /** Its own statistics dimensions; place dimensions come first, and the enterprise's ownership and industry last where `enterprise`. */
  dimensions: Record<string, GroupDimension>;
  /** Measures of its statistics besides `count`. */
  measures?: Record<string, Measure>;
  /**
   * The column its time series (and goals' trends) date a record by, and what that date is; `event` where a record may be
   * dated more loosely than a day (a craftsman known only by the year of the title: some day of that year).
   */
  datedBy: { column: keyof C & string; what: string; event?: EventDate };
  /** Columns a complete record holds; columns a new record must give; column values of a new record when none is given. */
  write: {
    required: string[];
    requiredOnCreate?: string[];
    defaults?: ColumnRecord;
    check?(record: ColumnRecord): Array<[string, string]>;
    /** Where `check` gives the place rule its own message (a craftsman lies in an enterprise, a city or a province), the province is not simply required. */
    placeInCheck?: boolean;
    /** Rules that read stored rows (a contract covers no more workers than its enterprise employs); one statement per batch. */
    checkStored?: RecordSpec['checkStored'];
    /** A reference named by another key (a lead craftsman's external id), as bulk upserts and spreadsheets may: field → how it is looked up, with its description. */
    keys?: Record<string, { spec: FieldSpec; description: string }>;
    /** What an input field says where its column's description does not fit a write (the rule a value must meet): field → description. */
    inputs?: Record<string, string>;
  };
  /**
   * Relations of its own (to-one fields of its references, its list under another type: relations.ts), and any other field
   * resolvers of its own (personal data read through the policy).
   */
  relations?: (own: { Type: ClassType; Connection: ClassType; ListArgs: ClassType; table: TableSpec<any, any>; defaultOrder: string }) => ClassType[];
  /**
   * Personal data (个人信息): columns written (as text inputs) but never selected, read only through the definer function
   * `read` (for the write engine's comparisons) and by the type's own field resolvers; `export` fills them for the rows the
   * policy lets the caller see.
   */
  personal?: {
    fields: Record<string, { spec: FieldSpec; description: string }>;
    read: string;
    export: NonNullable<ExportDeclaration['enrich']>;
  };
  /** Goals that can count it: metric name → which records and what is summed. */
  goalMetrics?: Record<string, Omit<GoalMetricDeclaration, 'table' | 'dated'>>;
}

const upperFirst = (s: string) => s[0].toUpperCase() + s.slice(1);
/** "a skill competition", "an innovation studio". */
const aOrAn = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** The GraphQL input type of a written field: its column's own type, or ID for a reference. */
function inputTypeOf(column: Column<unknown> | undefined, spec: FieldSpec): () => unknown {
  // A reference by record ID is an ID; by a portal id or a credit code, text.
  if (spec.kind.type === 'reference') return spec.kind.by === 'id' ? () => ID : () => String;
  if (spec.kind.type === 'division') return () => DivisionCodeScalar;
  if (column?.field) return column.field.type;
  throw new Error(`written column ${spec.column} has no GraphQL type`);
}

/**
 * The enterprise's portal id and credit code as the activity types were first released (issue 18): typed ID on their
 * bulk-upsert inputs, where older types take String. The schema is a contract, so they keep it (`published.inputTypes`).
 */
export const ENTERPRISE_KEYS_RELEASED_AS_ID: Record<string, () => unknown> = { enterpriseCreditCode: () => ID, enterpriseExternalId: () => ID };

/** The descriptions of the fields every record input has (place, portal id, enterprise keys). */
const SHARED_INPUTS: Record<string, string> = {
  provinceCode: 'Province division code (所在省份), for a province-level record with no city (ADMIN only); otherwise the city’s province.',
  districtCode: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.',
  enterpriseId: 'ID of the enterprise (企业ID).',
  enterpriseExternalId: "The enterprise's external id in the same city (企业外部编号).",
  enterpriseCreditCode: "The enterprise's unified social credit code (企业统一社会信用代码).",
  sourceId: 'ID of the source that documents the record (来源ID).',
};

/**
 * A description with the bounds the write engine holds the value to (src/registry/writes/fields.ts), so that the
 * schema says what a write checks: "Up to 200 characters.", "0 to 5,000,000.", "From 1949-10-01, not in the future."
 */
function withBounds(description: string, spec: FieldSpec): string {
  const k = spec.kind;
  // Thousands grouped from 10,000 on: a year stays 1949.
  const n = (v: number) => (Math.abs(v) >= 10_000 ? v.toLocaleString('en-US') : String(v));
  // A column that states its own bounds in its own words keeps them.
  const stated = [k.type === 'integer' ? [k.min, k.max].flatMap((v) => [n(v), String(v)]) : [], k.type === 'date' ? [k.min] : []].flat();
  if (stated.some((v) => description.includes(v)) && k.type !== 'text') return description;
  const bounds =
    k.type === 'text' && !k.problem
      ? `Up to ${n(k.max)} characters.`
      : k.type === 'integer'
        ? `${n(k.min)} to ${n(k.max)}.`
        : k.type === 'date'
          ? `From ${k.min}, ${k.maxYearsAhead ? `up to ${k.maxYearsAhead} years ahead` : 'not in the future'}.`
          : '';
  return bounds ? `${description} ${bounds}` : description;
}

/** Declares a registry type kept by city portals; the module file exports `module`, other types may use the classes. */
export function recordType<C extends Columns, F extends Filters>(d: RecordTypeDeclaration<C, F>) {
  const { typename, noun } = d;
  const singular = lowerFirst(typename);
  const fieldPrefix = d.published?.fieldPrefix ?? singular;
  const plural = d.published?.plural ?? upperFirst(d.listField);
  const enterpriseRequired = d.enterprise?.required ?? false;
  const columns = {
    id: internal<number>('t.id'),
    ...d.columns,
    ...(d.enterprise ? { enterpriseId: enterpriseRequired ? enterpriseIdColumn<number>() : enterpriseIdColumn<number | null>() } : {}),
    ...placeColumns,
    ...cityPortalColumns(noun.one),
    ...registryRecordColumns,
  } as unknown as C & typeof placeColumns & ReturnType<typeof cityPortalColumns> & typeof registryRecordColumns;

  @ObjectType(typename, { implements: [Node, RegistryRecord], description: d.description })
  @columnFields(columns)
  class Type extends RegistryRecord {}
  // The class is the GraphQL type: folds and type-graphql's errors name it by its class name.
  Object.defineProperty(Type, 'name', { value: typename });

  @ObjectType(`${typename}Connection`, { description: `A page of ${noun.many}.` })
  class TypeConnection extends Connection(Type, typename, noun.one) {}

  @ObjectType(`${typename}Payload`, { description: `The result of a write to ${aOrAn(noun.one)}.` })
  class TypePayload extends RecordPayload(Type, typename, singular, noun.one) {}

  const filters = { ...placeFilters, ...d.filters(columns), ...cityPortalFilters(noun.one, noun.many) };
  @InputType(`${typename}Filter`, { description: `Which ${noun.many} to include; all given conditions must hold.` })
  @filterFields(filters)
  class TypeFilter {}

  const orderings = orderingsOf(`${typename}OrderBy`, `Orderings of ${noun.many}; ties are broken by record id. Unknown values sort as the earliest.`, {
    ID_ASC: BY_RECORD_ID,
    ...d.orderings,
  });
  const defaultOrder = 'ID_ASC';

  const dimensions = dimensionsOf(`${typename}Dimension`, `What ${noun.one} statistics can be grouped by.`, {
    ...placeGroupDimensions(noun.one, noun.many),
    ...d.dimensions,
    ...(d.enterprise
      ? enterpriseGroupDimensions(
          `The ownership of the ${noun.one}'s enterprise (所有制)${enterpriseRequired ? '' : `; ${noun.many} with no enterprise form their own group`}.`,
          `The industry of the ${noun.one}'s enterprise (行业); unknown industries form their own group.`,
        )
      : {}),
  });
  const measures: Dimension[] = Object.entries(d.measures ?? {}).map(([alias, m]) => ({ alias, expression: m.expression }));
  const statsTally = statsTallyOf(d.table, Object.values(dimensions.dimensions), measures);

  @ObjectType(`${typename}Group`, { description: `${upperFirst(noun.many)} counted per group (${noun.zh}统计); ungrouped dimensions are null.` })
  @groupFields(dimensions.declared)
  class TypeGroup extends (d.enterprise ? EnterpriseLinkedGroup : RegistryGroup) {
    @Field(() => Int, { description: `Number of ${noun.many} in the group.` })
    count: number;
  }
  Object.defineProperty(TypeGroup, 'name', { value: `${typename}Group` });
  for (const [name, m] of Object.entries(d.measures ?? {})) Field(m.type as never, { nullable: m.nullable ?? true, description: m.description })(TypeGroup.prototype, name);

  @ArgsType()
  class ListArgs extends PageArgs {
    @Field(() => TypeFilter, { nullable: true, description: 'Filter.' })
    filter?: object | null;

    @Field(() => orderings.values, { nullable: true, description: 'Ordering (default ID_ASC).' })
    orderBy?: string | null;
  }

  @ArgsType()
  class StatsArgs {
    @Field(() => [dimensions.values], { description: 'Dimensions to group by, e.g. [CITY]; [] gives one total row.' })
    groupBy: Array<keyof typeof dimensions.dimensions>;

    @Field(() => TypeFilter, { nullable: true, description: `Which ${noun.many} to count.` })
    filter?: object | null;
  }

  @ArgsType()
  class SeriesArgs extends TimeSeriesArgs {
    @Field(() => TypeFilter, { nullable: true, description: `Which ${noun.many} to count, as in \`${d.listField}\`; archived ones only when asked for.` })
    filter?: object | null;
  }

  const table: TableSpec<Record<string, unknown>, Record<string, unknown>> = {
    from: `${d.table} t`,
    columns,
    key: 't.id',
    toRow: registryRow(typename, Type),
    conditions: filterConditions(filters) as TableSpec<unknown, Record<string, unknown>>['conditions'],
    orders: orderings.orders,
  };
  const dated = d.datedBy.event ?? onDay((d.columns[d.datedBy.column] as Column<unknown>).sql);

  const fields: Record<string, FieldSpec> = {
    ...writtenFields(columns),
    ...(d.enterprise ? enterpriseKeyFields : {}),
    ...Object.fromEntries(Object.entries(d.write.keys ?? {}).map(([name, key]) => [name, key.spec])),
    ...placeFields(d.provinceLevel ?? false),
    ...Object.fromEntries(Object.entries(d.personal?.fields ?? {}).map(([name, personal]) => [name, personal.spec])),
  };
  const record: RecordSpec = {
    typename,
    table: d.table,
    read: table as TableSpec<unknown, unknown>,
    scope: 'CITY',
    payloadField: singular,
    fields,
    // A record under a required enterprise takes its province from it: a missing enterprise is reported once, as enterpriseId.
    required: enterpriseRequired ? [...d.write.required, 'enterprise_id'] : d.write.placeInCheck ? d.write.required : [...d.write.required, 'province_code'],
    requiredOnCreate: d.write.requiredOnCreate,
    defaults: d.write.defaults,
    place: d.enterprise ? { parent: { column: 'enterprise_id', noun: 'enterprise' } } : {},
    externalId: true,
    check: d.write.check,
    checkStored: d.write.checkStored,
    personal: d.personal && { columns: Object.values(d.personal.fields).map((f) => f.spec.column), read: d.personal.read },
  };
  const writes = writesFor(record);

  // The write inputs, from the written fields: create (what a new record must give is required), update
  // (every field optional, null clears), and one record of a bulk upsert (keyed by its portal id).
  const columnByName = new Map<string, Column<unknown>>(Object.entries(columns));
  // The place is settled by the write engine (the city's province, the editor's city): no place input is required.
  const requiredOnCreate = new Set(
    [...(d.write.requiredOnCreate ?? []), ...d.write.required, ...(enterpriseRequired ? ['enterprise_id'] : [])].filter((c) => !['province_code', 'city_code', 'district_code'].includes(c)),
  );
  const cityInput = d.enterprise
    ? 'City division code (所属城市): a city editor’s own city when not given; where the record has an enterprise, its city.'
    : 'City division code (所属城市): a city editor’s own city when not given.';
  const defaults = d.write.defaults ?? {};
  const describe = (name: string, spec: FieldSpec) => {
    if (d.write.inputs?.[name]) return withBounds(d.write.inputs[name], spec);
    if (name === 'cityCode') return cityInput;
    if (d.write.keys?.[name]) return d.write.keys[name].description;
    if (d.personal?.fields[name]) return d.personal.fields[name].description;
    const described = withBounds(SHARED_INPUTS[name] ?? columnByName.get(name)?.field?.description ?? `${name}.`, spec);
    return spec.column in defaults ? `${described} ${JSON.stringify(defaults[spec.column])} when not given on a new record.` : described;
  };
  const inputTypes: Record<string, () => unknown> = {
    ...Object.fromEntries(Object.keys(d.personal?.fields ?? {}).map((name) => [name, () => String])),
    ...d.published?.inputTypes,
  };
  const inputField = (target: object, name: string, spec: FieldSpec, required: boolean, suffix = '') =>
    Field((inputTypes[name] ?? inputTypeOf(columnByName.get(name), spec)) as never, { nullable: !required, description: describe(name, spec) + suffix })(target, name);
  // Inputs list the place first, then the type's own fields, then what it refers to, then its source: the order a
  // spreadsheet template's columns follow (src/modules/bulk-import).
  const placeNames = Object.keys(placeFields(d.provinceLevel ?? false));
  const referenceNames = ['enterpriseId', ...(d.enterprise ? Object.keys(enterpriseKeyFields) : []), ...Object.keys(d.write.keys ?? {})];
  const personalNames = Object.keys(d.personal?.fields ?? {});
  const last = new Set(['externalId', ...placeNames, ...referenceNames, ...personalNames, 'sourceId']);
  const inputOrder = [
    'externalId',
    ...placeNames,
    ...Object.keys(fields).filter((name) => !last.has(name)),
    ...personalNames,
    ...referenceNames.filter((name) => name in fields),
    'sourceId',
  ];
  const orderedFields = inputOrder.map((name) => [name, fields[name]] as const);
  const keyedByReference = new Set([...(d.enterprise ? Object.keys(enterpriseKeyFields) : []), ...Object.keys(d.write.keys ?? {})]);

  @InputType(`Create${typename}Input`, { description: `A new ${noun.one} (新建${noun.zh}).` })
  class CreateInput {}
  for (const [name, spec] of orderedFields) {
    if (name === 'externalId' || keyedByReference.has(name)) continue;
    inputField(CreateInput.prototype, name, spec, requiredOnCreate.has(spec.column) && !(spec.column in defaults));
  }
  Field(() => String, { nullable: true, description: `The portal's own id for the ${noun.one} (外部编号), up to 100 characters, unique within the city.` })(CreateInput.prototype, 'externalId');

  @InputType(`Update${typename}Input`, { description: `Changes to ${aOrAn(noun.one)} (修改${noun.zh}): only the fields given change; null clears an optional field.` })
  class UpdateInput {
    @Field(() => ID, { description: `The ${noun.one}’s ID.` })
    id: string;

    @Field(() => Int, { description: `The version the caller read; if the ${noun.one} has moved on, nothing changes (CONFLICT).` })
    version: number;
  }
  for (const [name, spec] of orderedFields) if (!keyedByReference.has(name)) inputField(UpdateInput.prototype, name, spec, false);

  @InputType(`${typename}RecordInput`, {
    description: `One ${noun.one} of a bulk upsert (批量同步), matched by its externalId within its city: created if new, else updated.${d.enterprise ? ` Give the enterprise by ${enterpriseRequired ? 'exactly' : 'at most'} one of enterpriseId, enterpriseExternalId, enterpriseCreditCode.` : ''}`,
  })
  class RecordInput {
    @Field({ description: `The portal's own id for the ${noun.one} (外部编号), unique within the city; the key of the upsert.` })
    externalId: string;
  }
  for (const [name, spec] of orderedFields) {
    const required = requiredOnCreate.has(spec.column) && !(spec.column in defaults) && !keyedByReference.has(name);
    if (name !== 'externalId') inputField(RecordInput.prototype, name, spec, false, required ? ` Required for a new ${noun.one}.` : '');
  }

  @InputType(`Upsert${plural}Input`, { description: `A bulk upsert of ${noun.many} (批量同步${noun.zh}): all records are applied, or none.` })
  class UpsertInput {
    @Field(() => [RecordInput], { description: `Up to 5,000 ${noun.many}.` })
    records: object[];

    @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same records returns the first result without applying twice (per API key).' })
    idempotencyKey?: string | null;
  }

  const zh = noun.zh;
  @Resolver(() => Type)
  class TypeResolver {
    @Query(() => TypeConnection, { nullable: true, name: d.listField, description: `${upperFirst(noun.many)} (${zh}) in the registry.` })
    list(@Ctx() ctx: RequestContext, @Args(() => ListArgs) args: ListArgs, @Info() info: GraphQLResolveInfo) {
      return listConnection(ctx, table, args as never, defaultOrder, info);
    }

    @Directive(AGGREGATE_CACHE)
    @Query(() => TimeSeries, { nullable: true, name: `${fieldPrefix}Series`, description: `${upperFirst(noun.many)} per month or year and in total by then, per province, city or district, for charts (${zh}趋势); dated by ${d.datedBy.column}, ${d.datedBy.what}.` })
    series(@Ctx() ctx: RequestContext, @Args(() => SeriesArgs) args: SeriesArgs) {
      return timeSeries(ctx, { table: table as never, dated }, args as never);
    }

    @Directive(AGGREGATE_CACHE)
    @Extensions({
      answeredFromTally: (args: { groupBy?: unknown; filter?: unknown }, selected: Set<string>) => answeredFromTally(statsTally, table, dimensions.dimensions, args, selected),
    })
    @Query(() => [TypeGroup], { nullable: true, name: `${fieldPrefix}Stats`, description: `${upperFirst(noun.many)} counted per group, computed in one SQL GROUP BY (${zh}统计).` })
    stats(@Ctx() ctx: RequestContext, @Args(() => StatsArgs) args: StatsArgs, @Info() info: GraphQLResolveInfo) {
      // Which measures are asked for matters only to a type with one its tally does not keep (the contracts' distinct count).
      const requested = statsTally.untallied.length ? selectedFieldNames(info.fieldNodes.map((n) => n.selectionSet), (name) => info.fragments[name]) : undefined;
      return groupStats(ctx, table, dimensions.dimensions, args.groupBy, args.filter as never, measures, statsTally, requested);
    }

    @Mutation(() => TypePayload, { name: `create${typename}`, description: `Registers a new ${noun.one} (新建${zh}): ADMIN, or the editor of its city.` })
    create(@Ctx() ctx: RequestContext, @Arg('input', () => CreateInput, { description: `The new ${noun.one}.` }) input: object) {
      return writes.create(ctx, input);
    }

    @Mutation(() => TypePayload, { name: `update${typename}`, description: `Changes ${aOrAn(noun.one)}, if it is still at the version the caller read (修改${zh}).` })
    update(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateInput, { description: `Which ${noun.one}, the version read, and the changes.` }) input: UpdateInput) {
      return writes.update(ctx, input);
    }

    @Mutation(() => TypePayload, { name: `archive${typename}`, description: `Archives ${aOrAn(noun.one)} (归档): hidden from lists and counts, kept with its history, restorable.` })
    archive(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: `Which ${noun.one} to archive.` }) input: ArchiveRecordInput) {
      return writes.archive(ctx, input);
    }

    @Mutation(() => TypePayload, { name: `restore${typename}`, description: `Restores an archived ${noun.one} (恢复).` })
    restore(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: `Which ${noun.one} to restore.` }) input: ArchiveRecordInput) {
      return writes.restore(ctx, input);
    }

    @Mutation(() => BulkUpsertPayload, { name: `upsert${plural}`, description: `Creates or updates up to 5,000 ${noun.many} by external id, all or nothing (批量同步${zh}).` })
    upsert(@Ctx() ctx: RequestContext, @Arg('input', () => UpsertInput, { description: `The ${noun.many} and an optional idempotency key.` }) input: UpsertInput) {
      return bulkUpsert(ctx, record, input.records as never, input.idempotencyKey);
    }
  }

  const resolvers: Function[] = [
    TypeResolver,
    ...(d.enterprise
      ? enterpriseRelation({
          Type,
          field: d.listField,
          Connection: TypeConnection,
          Args: ListArgs,
          table: () => table,
          defaultOrder,
          enterprise: { description: d.enterprise.field, nullable: !enterpriseRequired },
          description: d.enterprise.list,
        })
      : []),
    ...(d.relations?.({ Type, Connection: TypeConnection, ListArgs, table, defaultOrder }) ?? []),
    ...placeFieldsResolver(Type, noun.one),
    groupPlaceFieldsResolver(TypeGroup),
    sourceFieldResolver(Type, noun.one),
    historyFieldResolver(Type, typename, noun.one),
    ...placeListResolvers(d.listField, TypeConnection, ListArgs, `${noun.many} (${zh})`, () => table, defaultOrder),
  ];

  const registryType: RegistryType = {
    typename,
    noun,
    table,
    node: { key: 'id', pattern: /^[1-9][0-9]{0,9}$/ },
    record,
    import: { slug: d.published?.importSlug ?? d.slug, mutation: `upsert${plural}` },
    export: { slug: d.slug, aliases: d.published?.exportAliases, listField: d.listField, statsField: `${fieldPrefix}Stats`, enrich: d.personal?.export },
    statsTally,
    goalMetrics: Object.fromEntries(Object.entries(d.goalMetrics ?? {}).map(([metric, m]) => [metric, { ...m, table: d.table, dated }])),
  };
  const module: RegistryModule = { resolvers, types: [registryType] };
  return { module, Type, table, columns, record };
}
