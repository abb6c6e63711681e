/**
 * Requests generated from the schema for the hostile-input tests: one per text-like leaf (String, ID
 * or custom scalar, at any depth of any input object or list) of every argument of every root field,
 * and one per number leaf (Int, Float, NonNegativeInt), each with the other required values filled
 * in with something well-formed, so that the value under test is what the server has to cope with.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { syntheticCreditCode } from '../../src/common/credit-code';

export interface ArgumentCase {
  /** e.g. `Query.innovationStudios(filter.nameContains)` */
  name: string;
  operation: 'query' | 'mutation';
  /** The document, with every argument passed as a variable. */
  query: string;
  /** The variables, with `value` at the leaf under test. */
  variablesWith(value: unknown): Record<string, unknown>;
}

const NUMBERS = new Set(['Int', 'Float', 'NonNegativeInt']);
const DEFAULTS: Record<string, unknown> = {
  String: 'x',
  ID: 'x',
  Int: 1,
  Float: 1,
  NonNegativeInt: 1,
  Boolean: false,
  DivisionCode: '320100',
  CreditCode: syntheticCreditCode('320100', 424242),
  LocalDate: '2020-01-01',
  DateTimeISO: '2020-01-01T00:00:00.000Z',
  JSONObject: {},
};

/** A well-formed value of the type: required fields only, one item per list. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  if (!(type.name in DEFAULTS)) throw new Error(`argument-cases: no sample value for scalar ${type.name}`);
  return DEFAULTS[type.name];
}

type Leaf = { path: Array<string | number>; scalar: string };

/** Every scalar leaf under a type, with the path to put a value there (list items at index 0). */
function leaves(type: GraphQLInputType, path: Array<string | number>, seen: Set<string>): Leaf[] {
  if (isNonNullType(type)) return leaves(type.ofType, path, seen);
  if (isListType(type)) return leaves(type.ofType, [...path, 0], seen);
  if (isInputObjectType(type)) {
    if (seen.has(type.name)) return []; // recursive inputs: one level is enough
    const inner = new Set(seen).add(type.name);
    return Object.values(type.getFields()).flatMap((f) => leaves(f.type, [...path, f.name], inner));
  }
  return isScalarType(type) ? [{ path, scalar: type.name }] : [];
}

/** `value` set at `path` inside a sample of `type`, the path's objects and lists created as needed. */
function withValueAt(type: GraphQLInputType, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const named = isNonNullType(type) ? type.ofType : type;
  if (isListType(named)) return [withValueAt(named.ofType, path.slice(1), value)];
  if (!isInputObjectType(named)) throw new Error('argument-cases: path goes through a scalar');
  const base = (sample(named) ?? {}) as Record<string, unknown>;
  const field = named.getFields()[path[0] as string];
  return { ...base, [path[0]]: withValueAt(field.type, path.slice(1), value) };
}

function caseFor(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, target: GraphQLArgument, leaf: Leaf): ArgumentCase {
  const args = field.args.filter((a) => a === target || isNonNullType(a.type));
  const definitions = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const where = [target.name, ...leaf.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))].join('').replace(/\.\[/g, '[');
  return {
    name: `${operation === 'query' ? 'Query' : 'Mutation'}.${field.name}(${where}: ${leaf.scalar})`,
    operation,
    query: `${operation} Hostile(${definitions}) { ${field.name}(${passed})${selection} }`,
    variablesWith: (value) =>
      Object.fromEntries(args.map((a) => [a.name, a === target ? withValueAt(a.type, leaf.path, value) : sample(a.type)])),
  };
}

function cases(schema: GraphQLSchema, keep: (scalar: string) => boolean): ArgumentCase[] {
  const roots = [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const;
  return roots.flatMap(([operation, root]) =>
    Object.values(root?.getFields() ?? {}).flatMap((field) =>
      field.args.flatMap((arg) => leaves(arg.type, [], new Set()).filter((l) => keep(l.scalar)).map((leaf) => caseFor(operation, field, arg, leaf))),
    ),
  );
}

/** Every String, ID and custom-scalar leaf of every root field's arguments. */
export const textArgumentCases = (schema: GraphQLSchema) => cases(schema, (scalar) => !NUMBERS.has(scalar) && scalar !== 'Boolean');

/** Every Int, Float and NonNegativeInt leaf of every root field's arguments. */
export const numberArgumentCases = (schema: GraphQLSchema) => cases(schema, (scalar) => NUMBERS.has(scalar));
