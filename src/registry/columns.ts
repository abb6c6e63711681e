import { Field, Float, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../graphql/scalars';

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
  /** Never set: carries T for RowOf. */
  readonly value?: T;
}

class DeclaredColumn<T> implements Column<T> {
  readonly value?: T;
  constructor(
    readonly sql: string,
    readonly field: Column<T>['field'],
  ) {}

  /** The same column where the value may be unknown (null), e.g. a date a report does not give. */
  orNull(): DeclaredColumn<T | null> {
    return new DeclaredColumn<T | null>(this.sql, this.field && { ...this.field, nullable: true });
  }
}

/** Columns of a GraphQL type `type`: `(sql, description)` declares one. */
export const columnOf =
  <T>(type: () => unknown) =>
  (sql: string, description: string): DeclaredColumn<T> =>
    new DeclaredColumn<T>(sql, { type, nullable: false, description });

export const text = columnOf<string>(() => String);
export const integer = columnOf<number>(() => Int);
export const float = columnOf<number>(() => Float);
export const flag = columnOf<boolean>(() => Boolean);
export const localDate = columnOf<string>(() => LocalDateScalar);
export const divisionCode = columnOf<string>(() => DivisionCodeScalar);
export const enumColumn = <E extends Record<string, string>>(values: E) => columnOf<E[keyof E]>(() => values);

/** A column only the server reads: a relation's key (enterpriseId), a source's id, bookkeeping. */
export const internal = <T>(sql: string): DeclaredColumn<T> => new DeclaredColumn<T>(sql, null);

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
