import 'reflect-metadata';
import { Field, Float, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../graphql/scalars';
import { field, type FieldSpec } from './writes/fields';

/**
 * A column of a registry type, declared once: the SQL that selects it (over the table aliased `t`),
 * the GraphQL field it is (type, nullability, description; none for a column only the server reads,
 * such as a relation's key), and, through its type parameter, the TypeScript type of its value in
 * the row resolvers see. The select list, the object type's fields and the row type all come from
 * the same declaration (`selectList`, `columnFields`, `RowOf`).
 */
export interface Column<T> {
  readonly sql: string;
  readonly field: null | { readonly type: () => unknown; readonly nullable: boolean; readonly description: string };
  /** How the write engine checks and stores it, where clients write it (src/registry/writes/fields.ts). */
  readonly write?: FieldSpec;
  /** Never set: carries T for RowOf. */
  readonly value?: T;
}

/** What a column's value is, for the write engine's check of it. */
type ValueKind = { type: 'text' } | { type: 'integer' } | { type: 'decimal' } | { type: 'boolean' } | { type: 'date' } | { type: 'enum'; values: Record<string, string> } | { type: 'other' };

/** How a written column is bounded: text by characters, numbers by range, dates by how far ahead. */
export interface WriteBounds {
  max?: number;
  min?: number;
  maxYearsAhead?: number;
  problem?: (value: string) => string | null;
}

class DeclaredColumn<T> implements Column<T> {
  readonly value?: T;
  constructor(
    readonly sql: string,
    readonly field: Column<T>['field'],
    private readonly kind: ValueKind,
    readonly write?: FieldSpec,
  ) {}

  /** The same column where the value may be unknown (null), e.g. a date a report does not give. */
  orNull(): DeclaredColumn<T | null> {
    return new DeclaredColumn<T | null>(this.sql, this.field && { ...this.field, nullable: true }, this.kind, this.write);
  }

  /** The same column, written by clients and checked as its kind within `bounds` (text needs `max`, integers `min` and `max`). */
  written(bounds: WriteBounds = {}): DeclaredColumn<T> {
    const column = this.columnName();
    const need = (value: number | undefined, what: string) => {
      if (value === undefined) throw new Error(`column ${column}: a written ${this.kind.type} column needs ${what}`);
      return value;
    };
    const k = this.kind;
    const spec =
      k.type === 'text' ? field.text(column, need(bounds.max, 'max'), { problem: bounds.problem })
      : k.type === 'integer' ? field.integer(column, need(bounds.min, 'min'), need(bounds.max, 'max'))
      : k.type === 'decimal' ? field.decimal(column, need(bounds.min, 'min'))
      : k.type === 'boolean' ? field.boolean(column)
      : k.type === 'date' ? field.date(column, bounds.maxYearsAhead ?? 0)
      : k.type === 'enum' ? field.enum(column, k.values)
      : null;
    if (!spec) throw new Error(`column ${column}: say how it is written with writtenAs()`);
    return this.writtenAs(() => spec);
  }

  /** The same column, written as `make` says (a reference, a credit code). */
  writtenAs(make: (column: string) => FieldSpec): DeclaredColumn<T> {
    return new DeclaredColumn<T>(this.sql, this.field, this.kind, make(this.columnName()));
  }

  private columnName(): string {
    // A column of the table, perhaps cast for reading (`t.value::float8`).
    const name = /^t\.([a-z_][a-z0-9_]*)(::[a-z0-9]+)?$/.exec(this.sql)?.[1];
    if (!name) throw new Error(`'${this.sql}' is not a column of the table: it cannot be written`);
    return name;
  }
}

/** Columns of a GraphQL type `type`: `(sql, description)` declares one. */
const columnOfKind =
  <T>(type: () => unknown, kind: ValueKind) =>
  (sql: string, description: string): DeclaredColumn<T> =>
    new DeclaredColumn<T>(sql, { type, nullable: false, description }, kind);

/** Columns of another GraphQL type (a custom scalar): written only with writtenAs. */
export const columnOf = <T>(type: () => unknown) => columnOfKind<T>(type, { type: 'other' });

export const text = columnOfKind<string>(() => String, { type: 'text' });
export const integer = columnOfKind<number>(() => Int, { type: 'integer' });
export const float = columnOfKind<number>(() => Float, { type: 'decimal' });
export const flag = columnOfKind<boolean>(() => Boolean, { type: 'boolean' });
export const localDate = columnOfKind<string>(() => LocalDateScalar, { type: 'date' });
export const divisionCode = columnOfKind<string>(() => DivisionCodeScalar, { type: 'other' });
export const enumColumn = <E extends Record<string, string>>(values: E) => columnOfKind<E[keyof E]>(() => values, { type: 'enum', values });

/** A column only the server reads (a relation's key, bookkeeping); one clients write by reference says so with writtenAs. */
export const internal = <T>(sql: string): DeclaredColumn<T> => new DeclaredColumn<T>(sql, null, { type: 'other' });

/** The write engine's fields of the written columns, by their names (input field = column alias), in declaration order. */
export function writtenFields(columns: Columns): Record<string, FieldSpec> {
  return Object.fromEntries(Object.entries(columns).flatMap(([name, c]) => (c.write ? [[name, c.write]] : [])));
}

export type Columns = Readonly<Record<string, Column<unknown>>>;

/** The values of a row selected with these columns, by alias. */
export type ValuesOf<C extends Columns> = { -readonly [K in keyof C]: C[K] extends Column<infer T> ? T : never };

/**
 * The row resolvers see (src/registry/table.ts registryRow): the selected values, the GraphQL type
 * name, the global `id` in place of the database id, which stays as `rowId`.
 */
export type RowOf<Typename extends string, C extends Columns> = Omit<ValuesOf<C>, 'id'> & { __typename: Typename; id: string } & ('id' extends keyof C ? { rowId: number } : unknown);

/** `t.name` when the alias is the column's own name, else `<sql> AS "<alias>"`. */
const selectItem = (alias: string, sql: string) => (sql === `t.${alias}` ? sql : `${sql} AS "${alias}"`);

/** The select list of these columns, in their order, each aliased to its property name. */
export function selectItems(columns: Columns): Map<string, string> {
  return new Map(Object.entries(columns).map(([alias, c]) => [alias, selectItem(alias, c.sql)]));
}

/**
 * Adds the GraphQL fields of the declared columns to an object type class (type-graphql's @Field,
 * applied as the decorator would be on a property); columns without a field are left out.
 */
export function columnFields(columns: Columns): ClassDecorator {
  return (target) => {
    for (const [name, column] of Object.entries(columns)) {
      if (!column.field) continue;
      const { type, nullable, description } = column.field;
      Field(type as () => unknown as never, { nullable, description })(target.prototype, name);
    }
  };
}
