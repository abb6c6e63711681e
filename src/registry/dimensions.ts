import 'reflect-metadata';
import { Field, Int, registerEnumType } from 'type-graphql';
import type { Columns } from './columns';

/** A column to group by: its SQL expression and the group row's property name. */
export interface Dimension {
  expression: string;
  alias: string;
}

/** One value of a type's statistics `groupBy` enum: what it groups by, what it says, and the group row's field it fills. */
export interface GroupDimension {
  readonly dimension: Dimension;
  readonly description: string;
  readonly deprecationReason?: string;
  /** The group row's field it fills, where the group type does not have it already (place codes and month: RegistryGroup). */
  readonly field?: { readonly type: () => unknown; readonly description: string };
}

/** The year of a date expression, in a group row's `year`. */
export const yearOf = (date: string): Dimension => ({ expression: `extract(year FROM ${date})::integer`, alias: 'year' });
/** The month of a date expression (its first day), in a group row's `month`. */
export const monthOf = (date: string): Dimension => ({ expression: `date_trunc('month', ${date})::date`, alias: 'month' });

const columnOf = <C extends Columns>(columns: C, name: keyof C & string) => {
  const column = columns[name];
  if (!column) throw new Error(`no column ${name} to group by`);
  return column;
};

export const groupBy = {
  /** A column's own values (a kind, a level); `field` describes the group row's field of the same name. */
  column: <C extends Columns>(columns: C, name: keyof C & string, description: string, field: string): GroupDimension => {
    const column = columnOf(columns, name);
    if (!column.field) throw new Error(`column ${name} has no GraphQL type to group by`);
    return { dimension: { expression: column.sql, alias: name }, description, field: { type: column.field.type, description: field } };
  },
  /** The year of a date column, in the group row's `year` (described by `field` where this dimension declares it). */
  year: <C extends Columns>(columns: C, name: keyof C & string, description: string, field?: string): GroupDimension => ({
    dimension: yearOf(columnOf(columns, name).sql),
    description,
    ...(field ? { field: { type: () => Int, description: field } } : {}),
  }),
  /** The month of a date column, in the group row's `month` (its first day). */
  month: <C extends Columns>(columns: C, name: keyof C & string, description: string): GroupDimension => ({
    dimension: monthOf(columnOf(columns, name).sql),
    description,
  }),
  /** Any other grouping: an expression (the record's enterprise's ownership), into a field the group type has. */
  expression: (dimension: Dimension, description: string, options: { deprecationReason?: string } = {}): GroupDimension => ({ dimension, description, ...options }),
};

/**
 * A type's statistics dimensions, declared once: the GraphQL `groupBy` enum (registered here, with
 * its descriptions and deprecations), the dimensions groupStats reads, and (groupFields) the group
 * row's fields they fill.
 */
export function dimensionsOf<const D extends Record<string, GroupDimension>>(
  name: string,
  description: string,
  dimensions: D,
): { values: { readonly [K in keyof D]: K }; dimensions: Record<keyof D, Dimension>; declared: D } {
  const keys = Object.keys(dimensions) as Array<keyof D & string>;
  const values = Object.fromEntries(keys.map((k) => [k, k])) as { readonly [K in keyof D]: K };
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(
      keys.map((k) => [k, { description: dimensions[k].description, ...(dimensions[k].deprecationReason ? { deprecationReason: dimensions[k].deprecationReason } : {}) }]),
    ) as never,
  });
  return { values, dimensions: Object.fromEntries(keys.map((k) => [k, dimensions[k].dimension])) as Record<keyof D, Dimension>, declared: dimensions };
}

/** Adds to a group type the fields its dimensions fill (nullable: ungrouped dimensions are null). */
export function groupFields(dimensions: Record<string, GroupDimension>): ClassDecorator {
  return (target) => {
    for (const d of Object.values(dimensions)) {
      if (d.field) Field(d.field.type as never, { nullable: true, description: d.field.description })(target.prototype, d.dimension.alias);
    }
  };
}
