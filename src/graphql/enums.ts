import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum declared once: its name, what it is, and each value's meaning (English, with the
 * Chinese term). Returns the values object (`Level.MUNICIPAL === 'MUNICIPAL'`), usable as a column's
 * enum and a filter's; the type of a value is `EnumValue<typeof Level>`.
 */
export function describedEnum<const V extends Record<string, string>>(name: string, description: string, values: V): { readonly [K in keyof V]: K } {
  const keys = Object.keys(values) as Array<keyof V & string>;
  const enumObject = Object.fromEntries(keys.map((k) => [k, k])) as { readonly [K in keyof V]: K };
  registerEnumType(enumObject, { name, description, valuesConfig: Object.fromEntries(keys.map((k) => [k, { description: values[k] }])) as never });
  return enumObject;
}

export type EnumValue<E> = E[keyof E];
