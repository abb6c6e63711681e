/** The mutation documents the write tests send, built once for every record type. */

const USER_ERRORS = 'userErrors { field code message currentVersion }';
const UPSERT_RESULT =
  'applied replayed created updated unchanged records { index externalId id outcome } rowErrors { index field code message } userErrors { field code message }';

export interface RecordMutations {
  CREATE: string;
  UPDATE: string;
  ARCHIVE: string;
  RESTORE: string;
  /** Only for the types city portals bulk-upsert. */
  UPSERT: string;
}

/**
 * create/update/archive/restore<Type> selecting `fields` of the record and every userError field,
 * and, given the upsert mutation's name (e.g. `upsertCraftsmen`), the bulk upsert with its whole report.
 */
export function recordMutations(type: string, payloadField: string, fields: string, upsert?: string): RecordMutations {
  const write = (operation: string, input: string) =>
    `mutation ($input: ${input}!) { ${operation}${type}(input: $input) { ${payloadField} { ${fields} } ${USER_ERRORS} } }`;
  const upsertInput = upsert ? `${upsert[0].toUpperCase()}${upsert.slice(1)}Input` : '';
  return {
    CREATE: write('create', `Create${type}Input`),
    UPDATE: write('update', `Update${type}Input`),
    ARCHIVE: write('archive', 'ArchiveRecordInput'),
    RESTORE: write('restore', 'ArchiveRecordInput'),
    UPSERT: upsert ? `mutation ($input: ${upsertInput}!) { ${upsert}(input: $input) { ${UPSERT_RESULT} } }` : '',
  };
}

/** A payload's userErrors as { field: code }, for checking which fields a refusal names. */
export const errorsByField = (payload: { userErrors: Array<{ field: string | null; code: string }> }) =>
  Object.fromEntries(payload.userErrors.map((e) => [e.field, e.code]));
