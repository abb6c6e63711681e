/**
 * fast-check arbitraries of valid GraphQL queries, walked from the built schema: root fields of
 * Query with their arguments filled from their types (enums from their values, page sizes within
 * the limit, division and credit codes and IDs from pools of real ones, dates, strings with odd
 * Unicode and SQL in them), selections of bounded depth, inline fragments on interfaces and unions.
 * Every object selects `__typename` (and `id` where it has one), so a response can be checked
 * object by object; every Craftsman also selects its personal fields.
 */
import fc from 'fast-check';
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export interface ValuePools {
  ids: string[];
  divisionCodes: string[];
  creditCodes: string[];
  strings: string[];
}

export interface QueryShape {
  /** Deepest field nesting (a root field is 1). */
  maxDepth: number;
  /** Largest `first`/`last` generated. */
  maxPage: number;
  /** Most fields chosen on one object, besides __typename, id and the always-selected ones. */
  maxFields: number;
}

/** Fields every object of the type selects, so the checks can find it: always, not by chance. */
const ALWAYS: Record<string, string[]> = { Craftsman: ['nationalIdNumber', 'phone'] };

/** `arbitrary` one time in `outOf`, else '' (nothing written). */
const sometimes = (arbitrary: fc.Arbitrary<string>, outOf: number) =>
  fc.oneof({ weight: outOf - 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary });

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }).map(
  (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
);
const dateTime = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

export class QueryArbitraries {
  private readonly selections = new Map<string, fc.Arbitrary<string>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly pools: ValuePools,
    private readonly shape: QueryShape,
  ) {}

  /** One query document: one to three root fields of Query. */
  query(): fc.Arbitrary<string> {
    const roots = Object.values(this.schema.getQueryType()!.getFields());
    return fc
      .uniqueArray(fc.constantFrom(...roots), { minLength: 1, maxLength: 3, selector: (f) => f.name })
      .chain((fields) => fc.tuple(...fields.map((f) => this.field(f, 1, ''))))
      .map((parts) => `query { ${parts.join(' ')} }`);
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, alias: string): fc.Arbitrary<string> {
    const head = (args: string) => `${alias ? `${alias}: ` : ''}${field.name}${args}`;
    const args = this.args(field.args);
    const type = getNamedType(field.type);
    if (isLeafType(type)) return args.map(head);
    return fc.tuple(args, fc.constant(null).chain(() => this.selection(type, depth))).map(([a, s]) => `${head(a)} { ${s} }`);
  }

  private args(args: readonly GraphQLArgument[]): fc.Arbitrary<string> {
    if (args.length === 0) return fc.constant('');
    const parts = args.map((arg) => {
      const value = this.value(arg.type, arg.name, 0).map((v) => `${arg.name}: ${v}`);
      if (isNonNullType(arg.type) && arg.defaultValue === undefined) return value;
      // A page size always (else the default page multiplies the cost); cursors and `last` rarely.
      if (arg.name === 'first') return value;
      return sometimes(value, ['last', 'after', 'before'].includes(arg.name) ? 15 : 3);
    });
    return fc.tuple(...parts).map((p) => {
      const given = p.filter(Boolean);
      return given.length ? `(${given.join(', ')})` : '';
    });
  }

  private value(type: GraphQLInputType, name: string, depth: number): fc.Arbitrary<string> {
    if (isNonNullType(type)) return this.value(type.ofType, name, depth);
    if (isListType(type)) return fc.uniqueArray(this.value(type.ofType, name, depth), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((f) => depth < 2 || (isNonNullType(f.type) && f.defaultValue === undefined));
      const parts = fields.map((f) => {
        const value = this.value(f.type, f.name, depth + 1).map((v) => `${f.name}: ${v}`);
        return isNonNullType(f.type) && f.defaultValue === undefined ? value : sometimes(value, 4);
      });
      return fc.tuple(...parts).map((p) => `{ ${p.filter(Boolean).join(', ')} }`);
    }
    return this.scalar(type.name, name).map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
  }

  private scalar(scalar: string, name: string): fc.Arbitrary<string | number | boolean> {
    switch (scalar) {
      case 'Int':
        if (name === 'first' || name === 'last') return fc.integer({ min: 1, max: this.shape.maxPage });
        return /year/i.test(name) ? fc.integer({ min: 1990, max: 2030 }) : fc.integer({ min: 0, max: 12 });
      case 'Float':
        return fc.integer({ min: 0, max: 1000 });
      case 'Boolean':
        return fc.boolean();
      case 'String':
        return fc.oneof(fc.constantFrom(...this.pools.strings), fc.string({ maxLength: 12, unit: 'grapheme' }));
      case 'ID':
        return fc.constantFrom(...this.pools.ids);
      case 'DivisionCode':
        return fc.constantFrom(...this.pools.divisionCodes);
      case 'CreditCode':
        return fc.constantFrom(...this.pools.creditCodes);
      case 'LocalDate':
        return localDate;
      case 'DateTimeISO':
        return dateTime;
      default:
        throw new Error(`query-arbitrary: no values for the scalar ${scalar} (argument ${name}); add them here`);
    }
  }

  /** The fields selected on a value of `type`, at `depth` (memoised: one arbitrary per type and depth). */
  private selection(type: GraphQLNamedType, depth: number): fc.Arbitrary<string> {
    const key = `${type.name}@${depth}`;
    let arbitrary = this.selections.get(key);
    if (!arbitrary) {
      arbitrary = isAbstractType(type) ? this.fragments(type, depth) : this.objectSelection(type as GraphQLObjectType, depth, '');
      this.selections.set(key, arbitrary);
    }
    return arbitrary;
  }

  private objectSelection(type: GraphQLObjectType, depth: number, aliasPrefix: string, conflicting = new Set<string>()): fc.Arbitrary<string> {
    const fields = Object.values(type.getFields());
    const fixed = fields.filter((f) => f.name === 'id' || ALWAYS[type.name]?.includes(f.name));
    const deeper = depth < this.shape.maxDepth;
    const optional = fields.filter((f) => !fixed.includes(f) && (deeper || isLeafType(getNamedType(f.type))));
    const alias = (f: GraphQLField<unknown, unknown>) => (conflicting.has(f.name) ? `${aliasPrefix}${f.name}` : '');
    const picked = fc
      .subarray(optional, { maxLength: Math.min(optional.length, this.shape.maxFields) })
      .chain((chosen) => (chosen.length ? fc.tuple(...chosen.map((f) => this.field(f, depth + 1, alias(f)))) : fc.constant([] as string[])));
    return fc.tuple(fc.tuple(...fixed.map((f) => this.field(f, depth + 1, alias(f)))), picked).map(([a, b]) => ['__typename', ...a, ...b].join(' '));
  }

  /**
   * `__typename` and inline fragments on some of the possible types. Where two possible types have
   * a field of the same name but another type (a studio's `kind` and an academy's `kind`), each is
   * aliased `<Type>_<field>`, since GraphQL would refuse them side by side.
   */
  private fragments(type: GraphQLNamedType & { name: string }, depth: number): fc.Arbitrary<string> {
    const possible = this.schema.getPossibleTypes(type as Parameters<GraphQLSchema['getPossibleTypes']>[0]).filter(isObjectType);
    const typesByField = new Map<string, Set<string>>();
    for (const t of possible) for (const f of Object.values(t.getFields())) typesByField.set(f.name, (typesByField.get(f.name) ?? new Set()).add(String(f.type)));
    const conflicting = new Set([...typesByField].filter(([, types]) => types.size > 1).map(([name]) => name));
    return fc
      .subarray(possible, { maxLength: Math.min(possible.length, 2) })
      .chain((chosen) => (chosen.length ? fc.tuple(...chosen.map((t) => this.objectSelection(t, depth, `${t.name}_`, conflicting).map((s) => `... on ${t.name} { ${s} }`))) : fc.constant([] as string[])))
      .map((parts) => ['__typename', ...parts].join(' '));
  }
}
