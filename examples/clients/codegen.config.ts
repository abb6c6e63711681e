/**
 * GraphQL Code Generator for a client of the registry (the README's *Clients* section): every custom scalar mapped
 * to a TypeScript type, and `strictScalars` so that a scalar added later fails the generation rather than
 * becoming `any`. A portal's own codegen.ts is this config with `@graphql-codegen/cli`'s `CodegenConfig` around it.
 */
export const SCALARS = {
  // GB/T 2260 and GB 32100-2015 codes, and RFC 3339 dates and times: strings on the wire (see each @specifiedBy).
  DivisionCode: 'string',
  CreditCode: 'string',
  LocalDate: 'string',
  DateTimeISO: 'string',
  NonNegativeInt: 'number',
  JSONObject: 'Record<string, unknown>',
} as const;

export const TYPESCRIPT_CONFIG = { strictScalars: true, scalars: SCALARS, enumsAsTypes: true, avoidOptionals: { field: true } };

/** As a portal writes it in codegen.ts (`npx graphql-codegen`). */
export const codegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'examples/clients/operations.graphql',
  generates: {
    'examples/clients/generated/graphql.ts': { plugins: ['typescript-operations', 'typed-document-node'], config: TYPESCRIPT_CONFIG },
  },
};
