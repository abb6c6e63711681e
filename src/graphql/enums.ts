import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum declared once: its name, what it is, and each value's meaning (English, with the
 * Chinese term). Returns the values object (`Level.MUNICIPAL === 'MUNICIPAL'`), usable as a column's
 * enum and a filter's; the type of a value is `EnumValue<typeof Level>`.
 */
export function describedEnum<const V extends Record<string, string>>(name: string, description: string, values: V): { readonly [K in keyof V]: K } {
  const enumObject = Object.fromEntries(Object.keys(values).map((k) => [k, k])) as { readonly [K in keyof V]: K };
  describeEnum(enumObject as Record<string, string>, name, description, values);
  return enumObject;
}

/**
 * The same for an enum declared as a TypeScript enum (used as a type across the code, or declared where
 * type-graphql is not imported: goal-progress.ts is pure): its GraphQL name, what it is, and each value's
 * meaning, every value described (the compiler checks that none is left out).
 */
export function describeEnum<E extends Record<string, string>>(enumObject: E, name: string, description: string, values: { readonly [K in keyof E]: string }): void {
  registerEnumType(enumObject, { name, description, valuesConfig: Object.fromEntries(Object.keys(values).map((k) => [k, { description: values[k as keyof E] }])) as never });
}

export type EnumValue<E> = E[keyof E];
