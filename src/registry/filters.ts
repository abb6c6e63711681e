import 'reflect-metadata';
import { Field } from 'type-graphql';
import { join, likeContains, planByValues, raw, sql, type SqlFragment } from '../db/sql';
import { ArchiveStatus } from '../graphql/writes';
import type { Column } from './columns';

/** Condition builders shared by the modules' filters; each returns [] when the input is absent. */
export const when = {
  equals(column: string, value: unknown): SqlFragment[] {
    return value == null ? [] : [sql`${raw(column)} = ${value}`];
  },
  inList(column: string, values: ReadonlyArray<unknown> | null | undefined): SqlFragment[] {
    return values == null ? [] : [sql`${raw(column)} = ANY(${[...values]})`];
  },
  between(column: string, from: unknown, to: unknown): SqlFragment[] {
    return [...(from == null ? [] : [sql`${raw(column)} >= ${from}`]), ...(to == null ? [] : [sql`${raw(column)} <= ${to}`])];
  },
  /** Archived records only when asked for: ACTIVE (the default), ARCHIVED or ANY. */
  archived(status: 'ACTIVE' | 'ARCHIVED' | 'ANY' | null | undefined): SqlFragment[] {
    if (status === 'ANY') return [];
    return [raw(status === 'ARCHIVED' ? 't.archived_at IS NOT NULL' : 't.archived_at IS NULL')];
  },
  /** Any of the columns contains the text, case-insensitively (names in Chinese or English). */
  contains(columns: string[], text: string | null | undefined): SqlFragment[] {
    const trimmed = text?.trim();
    if (!trimmed) return [];
    const pattern = likeContains(trimmed);
    return [planByValues(sql`(${join(columns.map((c) => sql`${raw(c)} ILIKE ${pattern}`), ' OR ')})`)];
  },
};

/** Filter fields every place-scoped registry type has (what time series group by). */
export interface PlaceFilter {
  provinceCode?: string | null;
  cityCode?: string | null;
  districtCode?: string | null;
}

/**
 * One field of a type's filter input, declared once: its GraphQL input field (always optional) and
 * the condition it adds, over the columns it names (src/registry/columns.ts), so that the filter
 * input class (filterFields), the list's WHERE (filterConditions) and the filter's TypeScript type
 * (FilterOf) come from the same declaration.
 */
export interface FilterField<V> {
  readonly type: () => unknown;
  readonly description: string;
  condition(value: V | null | undefined): SqlFragment[];
  /** Never set: carries V for FilterOf. */
  readonly value?: V;
}

export type Filters = Readonly<Record<string, FilterField<any>>>;

/** The values a filter input may hold, every field optional. */
export type FilterOf<F extends Filters> = { [K in keyof F]?: (F[K] extends FilterField<infer V> ? V : never) | null };

/** The GraphQL type of a column's field, for the filter fields made from it. */
function typeOf(column: Column<unknown>, type?: () => unknown): () => unknown {
  const found = type ?? column.field?.type;
  if (!found) throw new Error(`'${column.sql}' has no GraphQL field: give the filter its type`);
  return found;
}

export const filterBy = {
  /** Any of these values of the column: an enum list such as `kinds: [EMPLOYEE]`. */
  anyOf: <T>(column: Column<T>, description: string): FilterField<Array<NonNullable<T>>> => ({
    type: () => [typeOf(column)()],
    description,
    condition: (values) => when.inList(column.sql, values),
  }),
  /** The column equals the value. */
  equalTo: <T>(column: Column<T>, description: string, type?: () => unknown): FilterField<NonNullable<T>> => ({
    type: typeOf(column, type),
    description,
    condition: (value) => when.equals(column.sql, value),
  }),
  /** The column is at least the value (a date or number range's start). */
  atLeast: <T>(column: Column<T>, description: string, type?: () => unknown): FilterField<NonNullable<T>> => ({
    type: typeOf(column, type),
    description,
    condition: (value) => when.between(column.sql, value, null),
  }),
  /** The column is at most the value (a range's end). */
  atMost: <T>(column: Column<T>, description: string, type?: () => unknown): FilterField<NonNullable<T>> => ({
    type: typeOf(column, type),
    description,
    condition: (value) => when.between(column.sql, null, value),
  }),
  /** Any of the columns contains the text, case-insensitively. */
  contains: (columns: ReadonlyArray<Column<unknown>>, description: string): FilterField<string> => ({
    type: () => String,
    description,
    condition: (text) => when.contains(columns.map((c) => c.sql), text),
  }),
  /** Active records (the default), archived ones or all. */
  archiveStatus: (description: string): FilterField<'ACTIVE' | 'ARCHIVED' | 'ANY'> => ({
    type: () => ArchiveStatus,
    description,
    condition: (status) => when.archived(status),
  }),
  /** A condition of its own (a goal set for a whole province). */
  custom: <V>(type: () => unknown, description: string, condition: (value: V) => SqlFragment[]): FilterField<V> => ({
    type,
    description,
    condition: (value) => (value == null ? [] : condition(value)),
  }),
};

/** The WHERE conditions of a filter input, in the declaration's order. */
export function filterConditions<F extends Filters>(filters: F): (filter: FilterOf<F> | null | undefined) => SqlFragment[] {
  const fields = Object.entries(filters);
  return (filter) => fields.flatMap(([name, f]) => f.condition((filter as Record<string, unknown> | null | undefined)?.[name]));
}

/** Adds the declared filter fields to an input type class (type-graphql's @Field, every one optional). */
export function filterFields(filters: Filters): ClassDecorator {
  return (target) => {
    for (const [name, f] of Object.entries(filters)) Field(f.type as never, { nullable: true, description: f.description })(target.prototype, name);
  };
}
