/**
 * A request the export endpoints refuse before the first byte, answered as `{ errors: [...] }` with
 * a stable code, as /graphql and /import answer (`extensions.field` names the query parameter at fault).
 */
export class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A query parameter that is unknown or does not coerce to its GraphQL type. */
export const badParameter = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new ExportError(400, 'BAD_USER_INPUT', message, { field, ...details });
