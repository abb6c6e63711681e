import { getNamedType, GraphQLInputObjectType, isEnumType, isNonNullType } from 'graphql';
import { chineseTermOf } from '../../common/chinese-term';
import type { RecordSpec } from '../../registry/writes/record-spec';
import { exportColumns } from '../export/export-columns';
import { exportTypes } from '../export/export-types';
import { buildRegistrySchema } from '../schema';
import { registryTypes } from '..';

/** A record type that can be imported from CSV (`POST /import/<slug>`). */
export interface ImportType {
  /** The URL segment, e.g. `innovation-studios`. */
  slug: string;
  spec: RecordSpec;
  /** The GraphQL bulk upsert of the same records: its `input.records` fields are the CSV's columns. */
  mutation: string;
}

let importTypes: readonly ImportType[] | undefined;

/** Every registry type that declares an import. */
const IMPORT_TYPES = (): readonly ImportType[] =>
  (importTypes ??= registryTypes().flatMap((t) => (t.import && t.record ? [{ slug: t.import.slug, spec: t.record, mutation: t.import.mutation }] : [])));

export const importTypeSlugs = (): string[] => IMPORT_TYPES().map((t) => t.slug);

export function importTypeOf(slug: string): ImportType | null {
  return IMPORT_TYPES().find((t) => t.slug === slug) ?? null;
}

/** The column that names a stored record by its registry ID (an export's first column): such a row updates that record. */
export const ID_COLUMN = 'id';
/** The version a row named by ID was exported at (an export's `version` column): the row may change its record only while it is still at that version. */
export const VERSION_COLUMN = 'version';

/** The columns a spreadsheet of this type may have, in the GraphQL input's order, and those it must have. */
export interface ImportColumns {
  /** The fields an import writes (the bulk input's), by their API names. */
  allowed: string[];
  /** Fields every file must have a column for (externalId, unless rows are named by `id`). */
  required: string[];
  /** Each field's Chinese label (its header in templates and workbooks); the field name where the schema names no term. */
  labels: Map<string, string>;
  /** A header as a spreadsheet may write it (the field name, its Chinese label, or `id`) → the field. */
  headers: Map<string, string>;
  /** Headers of what the type's export holds and an import does not write (place names, times, version), in English and Chinese: read and left alone. */
  readOnly: Set<string>;
  /** Per enum field: its values' Chinese labels → the API values, so that a cell may say 劳模创新工作室 for MODEL_WORKER. */
  enumLabels: Map<string, Map<string, string>>;
}

const columnsCache = new Map<string, ImportColumns>();

/**
 * The columns are the fields of the bulk upsert's record input (e.g. `InnovationStudioRecordInput`),
 * read from the built schema so that the two can never drift apart; a field the GraphQL input
 * requires (non-null, e.g. externalId) is a required column. Headers may be the field names or the
 * Chinese terms their descriptions give; the type's export columns are accepted and ignored, so
 * that an export edited and sent back imports as it is.
 */
export function importColumns(type: ImportType): ImportColumns {
  const cached = columnsCache.get(type.slug);
  if (cached) return cached;
  const mutation = buildRegistrySchema().getMutationType()?.getFields()[type.mutation];
  const inputArg = mutation?.args.find((a) => a.name === 'input');
  const input = inputArg && getNamedType(inputArg.type);
  const recordsField = input instanceof GraphQLInputObjectType ? input.getFields().records : undefined;
  const record = recordsField && getNamedType(recordsField.type);
  if (!(record instanceof GraphQLInputObjectType)) throw new Error(`CSV import ${type.slug}: mutation ${type.mutation}(input: { records }) is not in the schema`);
  const fields = Object.values(record.getFields()).filter((f) => f.name in type.spec.fields);
  const allowed = fields.map((f) => f.name);
  if (!allowed.includes('externalId')) throw new Error(`CSV import ${type.slug}: ${record.name} has no externalId field`);
  const required = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
  if (!required.includes('externalId')) required.unshift('externalId');

  const labels = new Map(fields.map((f) => [f.name, chineseTermOf(f.description) ?? f.name]));
  const headers = new Map<string, string>([[ID_COLUMN, ID_COLUMN], ['ID', ID_COLUMN], [VERSION_COLUMN, VERSION_COLUMN], ['版本', VERSION_COLUMN]]);
  for (const name of labels.keys()) headers.set(name, name);
  for (const [name, label] of labels) if (!headers.has(label)) headers.set(label, name);
  const exported = exportTypes().find((t) => t.typeName === type.spec.typename);
  // A workbook export heads a written field by its object field's term (城市代码 for cityCode): read back as that field.
  for (const c of exported ? exportColumns(exported) : []) if (labels.has(c.name) && !headers.has(c.label)) headers.set(c.label, c.name);
  const readOnly = new Set(
    (exported ? exportColumns(exported) : []).flatMap((c) => (headers.has(c.name) ? [] : [c.name, c.label])).filter((h) => !headers.has(h)),
  );
  const enumLabels = new Map(
    fields.flatMap((f) => {
      const named = getNamedType(f.type);
      if (!isEnumType(named)) return [];
      const byLabel = new Map(named.getValues().flatMap((v) => { const label = chineseTermOf(v.description); return label ? [[label, v.name] as const] : []; }));
      return [[f.name, byLabel] as const];
    }),
  );
  const columns: ImportColumns = { allowed, required, labels, headers, readOnly, enumLabels };
  columnsCache.set(type.slug, columns);
  return columns;
}
