import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { textProblem } from '../../graphql/limits/argument-text';
import { HttpError } from '../../server/http-error';

/**
 * Query parameters → GraphQL arguments. The parameters of an export are the fields of the GraphQL
 * filter input (`?cityCode=320100&kinds=MODEL_WORKER,EMPLOYEE`) and, for statistics, the field's
 * other arguments (`groupBy`). Text is turned into the JSON a client would send, then coerced by
 * graphql-js against the schema's own input types, so that scalars (DivisionCode, LocalDate,
 * CreditCode), enums and lists are checked exactly as the API checks them.
 */
export interface ExportParameters {
  /** As a client would send them (GraphQL variables): `{ filter: {...}, groupBy: [...] }`. */
  variables: Record<string, unknown>;
  /** The filter as resolvers receive it, for the module's TableSpec `conditions`. */
  filter: Record<string, unknown>;
}

/** A query parameter that is unknown or does not coerce to its GraphQL type: 400, `extensions.field` names it. */
export const badParameter = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new HttpError(400, 'BAD_USER_INPUT', message, { field, ...details });

const NUMERIC = new Set(['Int', 'Float', 'NonNegativeInt', 'NonNegativeFloat', 'PositiveInt']);
const NUMBER_TEXT = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** One value's text as JSON: numbers and booleans parsed; anything unparsable is left as text for coercion to refuse. */
function scalarFromText(type: GraphQLNamedType, text: string): unknown {
  if (NUMERIC.has(type.name)) return NUMBER_TEXT.test(text.trim()) ? Number(text) : text;
  if (type.name === 'Boolean') return text.trim() === 'true' ? true : text.trim() === 'false' ? false : text;
  return text;
}

/**
 * A parameter's values (repeated parameters give several) as JSON. Lists take comma-separated
 * items, repeated or both. An empty value counts as not given, except for a required list
 * (`groupBy=`), which is then empty.
 */
function valueFromText(name: string, type: GraphQLInputType, texts: string[]): unknown {
  const nullable = getNullableType(type);
  const named = getNamedType(type);
  if (isListType(nullable)) {
    const items = texts.flatMap((t) => t.split(',')).map((t) => t.trim()).filter((t) => t !== '');
    if (items.length === 0) return isNonNullType(type) ? [] : undefined;
    return items.map((item) => scalarFromText(named, item));
  }
  if (texts.length > 1) throw badParameter(name, `Query parameter '${name}' is given ${texts.length} times; it takes one value.`);
  return texts[0].trim() === '' ? undefined : scalarFromText(named, texts[0]);
}

/** graphql-js coercion; the first problem becomes a 400 naming the parameter (the filter field or the argument). */
function coerce(value: unknown, type: GraphQLInputType, argument?: string): unknown {
  return coerceInputValue(value, type, (path, _invalid, error) => {
    const field = argument ?? String(path[0] ?? 'filter');
    throw badParameter(field, `Query parameter '${field}': ${error.message}`);
  });
}

/**
 * Reads `search` as the fields of `filterType` plus the arguments `args` (not `filter` itself).
 * Unknown parameters and invalid values are refused with 400, naming the parameter.
 */
export function readParameters(search: URLSearchParams, filterType: GraphQLInputObjectType, args: readonly GraphQLArgument[] = []): ExportParameters {
  const filterFields = filterType.getFields();
  const argTypes = new Map(args.map((a) => [a.name, a.type]));
  const filter: Record<string, unknown> = {};
  const others: Record<string, unknown> = {};
  for (const name of new Set(search.keys())) {
    const type = argTypes.get(name) ?? filterFields[name]?.type;
    if (!type) {
      const known = [...argTypes.keys(), ...Object.keys(filterFields)];
      throw badParameter(name, `Unknown query parameter '${name.slice(0, 60)}'. Parameters: ${known.join(', ')}.`, { parameters: known });
    }
    // As in the API (src/graphql/limits/argument-text.ts): text PostgreSQL cannot hold is refused here, not in SQL.
    const problem = search.getAll(name).map((text) => textProblem(text, name)).find(Boolean);
    if (problem) throw badParameter(name, `Query parameter '${name}' ${problem}.`);
    const value = valueFromText(name, type, search.getAll(name));
    if (value !== undefined) (argTypes.has(name) ? others : filter)[name] = value;
  }
  for (const arg of args) {
    if (isNonNullType(arg.type) && others[arg.name] === undefined && arg.defaultValue === undefined) {
      throw badParameter(arg.name, `Query parameter '${arg.name}' is required (${String(arg.type)}).`);
    }
    if (others[arg.name] !== undefined) coerce(others[arg.name], arg.type, arg.name);
  }
  return { variables: { ...others, filter }, filter: coerce(filter, filterType) as Record<string, unknown> };
}
