import type { WriteScope } from '../../auth/policy';
import type { UserErrorCode } from '../../graphql/errors/user-error';
import type { RequestDb } from '../../db/request-db';
import type { TableSpec } from '../table';
import type { FieldSpec } from './fields';

/** A record as its table stores it: column name → value. */
export type ColumnRecord = Record<string, unknown>;

/**
 * What the write engine needs to know about one writable registry type. Each module declares one
 * next to its TableSpec; creating, updating, archiving, restoring and bulk upserts are written once.
 */
export interface RecordSpec {
  /** The GraphQL type name, also the audit log's record type and the global ID prefix. */
  typename: string;
  /** The bare table name. */
  table: string;
  /** How the record is read back for the payload. */
  read: TableSpec<unknown, unknown>;
  /** Who may write: city editors (for their city) and ADMIN, or ADMIN alone. */
  scope: WriteScope;
  /** Input field name → how it is checked and stored. Several fields may fill one column (by ID, by external id). */
  fields: Record<string, FieldSpec>;
  /** Columns that must hold a value once the record is complete. */
  required: string[];
  /**
   * Columns a new record must state, while a stored one may lack them: records loaded from a report
   * keep what the report does not say unknown (null), and can still be edited. A stored value may be
   * changed but not cleared.
   */
  requiredOnCreate?: string[];
  /** Column values of a new record where the input gives none. */
  defaults?: ColumnRecord;
  /**
   * Where the record lies: none (sources), a city/province of its own, or the city of a parent
   * record it must share (a studio lies in its enterprise's city).
   */
  place: null | { parent?: { column: string; noun: string } };
  /** Whether records carry a portal's `external_id` (unique within a city). */
  externalId: boolean;
  /**
   * Columns the application role may write but not read (a craftsman's national ID number and phone,
   * migration 33), and the function that gives their stored values to the transaction's caller.
   */
  personal?: { columns: string[]; read: string };
  /** Rules between fields, on the complete record: returns [column, message] pairs. */
  check?(record: ColumnRecord): Array<[string, string]>;
  /**
   * Rules that need the stored data (a unique value another record already holds, records that
   * depend on this one), on the complete records of a whole batch, inside the write's transaction.
   * A few statements per batch, never one per record. Optional.
   */
  checkStored?(tx: RequestDb, records: Array<{ index: number; existing: ColumnRecord | null; record: ColumnRecord }>): Promise<StoredProblem[]>;
  /** The payload field that carries the record, e.g. `innovationStudio`. */
  payloadField: string;
}

/** A problem `checkStored` finds with one record: its position in the batch and the column concerned. */
export interface StoredProblem {
  index: number;
  column: string | null;
  code: UserErrorCode;
  message: string;
}

/** Every column the engine writes for this type: the fields' columns and the place columns. */
export function writableColumns(spec: RecordSpec): FieldSpec[] {
  const byColumn = new Map<string, FieldSpec>();
  for (const f of Object.values(spec.fields)) if (!byColumn.has(f.column)) byColumn.set(f.column, f);
  if (spec.place) {
    if (!byColumn.has('city_code')) byColumn.set('city_code', { column: 'city_code', sqlType: 'char(6)', kind: { type: 'division', level: 'city' } });
    if (!byColumn.has('province_code')) byColumn.set('province_code', { column: 'province_code', sqlType: 'char(6)', kind: { type: 'division', level: 'province' } });
  }
  return [...byColumn.values()];
}

/** The input field a column is reported under (the first field that fills it). */
export function fieldOfColumn(spec: RecordSpec, column: string): string | null {
  if (column === 'district_code') return 'districtCode';
  if (column === 'city_code') return 'cityCode';
  if (column === 'province_code') return 'provinceCode';
  for (const [name, f] of Object.entries(spec.fields)) if (f.column === column) return name;
  return null;
}
