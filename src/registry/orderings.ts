import 'reflect-metadata';
import { registerEnumType } from 'type-graphql';
import { internal, type Column } from './columns';
import type { OrderSpec } from './table';

/** One `orderBy` value of a type's lists: how it sorts (over a declared column) and what it says to a reader. */
export interface Ordering {
  readonly spec: OrderSpec;
  readonly description: string;
}

/** The value unknown dates sort as, the earliest (a keyset cursor needs a value on every row). */
export const EARLIEST_DATE = "date '0001-01-01'";

/**
 * Sorts by a column, `direction`, its cursor values of SQL `type`; `unknownAs` places rows whose value
 * is unknown at one end (e.g. EARLIEST_DATE, or -1 for counts), since a keyset cursor needs a value on
 * every row. Ties are broken by the table's key (src/registry/table.ts).
 */
export function sortBy(column: Column<unknown>, direction: OrderSpec['direction'], type: OrderSpec['type'], description: string, unknownAs?: string): Ordering {
  return { spec: { expression: unknownAs === undefined ? column.sql : `coalesce(${column.sql}, ${unknownAs})`, direction, type }, description };
}

/**
 * The collation names sort by: pinyin where the server has ICU, code point where it has not (migration 48).
 * The ordering's expression carries it, so the ORDER BY, the keyset cursor's comparison and the index agree.
 */
export const NAME_COLLATION = 'registry_name';

/** Sorts by a name, A to Z as a Chinese reader expects (常州, 南京, 南通, 苏州, 宿迁, 徐州); ties by the table's key. */
export function byName(column: Column<unknown>, description: string): Ordering {
  return { spec: { expression: `(${column.sql} COLLATE ${NAME_COLLATION})`, direction: 'ASC', type: 'text' }, description };
}

/**
 * A type's orderings, declared once: the GraphQL enum (its name, description and each value's),
 * registered here, and the table spec's `orders`. `values` is the enum object (`X.ID_ASC`).
 */
export function orderingsOf<const O extends Record<string, Ordering>>(
  name: string,
  description: string,
  orderings: O,
): { values: { readonly [K in keyof O]: K }; orders: Record<string, OrderSpec> } {
  const keys = Object.keys(orderings) as Array<keyof O & string>;
  const values = Object.fromEntries(keys.map((k) => [k, k])) as { readonly [K in keyof O]: K };
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(keys.map((k) => [k, { description: orderings[k].description }])) as never,
  });
  return { values, orders: Object.fromEntries(keys.map((k) => [k, orderings[k].spec])) };
}

/** Every registry record's default order: by record id, the order of registration. */
export const BY_RECORD_ID = sortBy(internal<number>('t.id'), 'ASC', 'integer', 'By record id, ascending (the order of registration).');

/** The orderings of a division list (provinces, cities, districts): by code, or by name with ties by code. */
export const DIVISION_ORDERINGS = {
  CODE_ASC: sortBy(internal<string>('t.code'), 'ASC', 'text', 'By division code, ascending.'),
  NAME_ASC: byName(internal<string>('t.name'), 'By name in pinyin order (按拼音排序: 常州, 南京, 南通, 苏州); ties by division code.'),
};
