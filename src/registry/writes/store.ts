import type { RequestDb } from '../../db/request-db';
import { raw, sql, type SqlFragment } from '../../db/sql';
import type { Prepared } from './prepare';
import { writableColumns, type ColumnRecord, type RecordSpec } from './record-spec';

export type AuditOperation = 'CREATE' | 'UPDATE' | 'ARCHIVE' | 'RESTORE';

export interface Written {
  index: number;
  id: number;
  /** CONFLICT: the row would change a record that has moved on from the version the row was read at (`expected`); nothing of the batch may then be kept. */
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'CONFLICT';
  /** For CONFLICT: the record's version now. */
  currentVersion?: number;
}

const quote = (column: string) => `"${column}"`;

/** Whether a prepared record changes a personal column (the SQL below cannot compare them: the role may not read them). */
function personalChanged(spec: RecordSpec, p: Prepared): boolean {
  return (spec.personal?.columns ?? []).some((c) => (p.record[c] ?? null) !== (p.existing?.[c] ?? null));
}

/**
 * Inserts the new records and updates the changed ones in ONE statement: the rows travel as one jsonb
 * parameter, so the statement does not grow with the batch. A record whose values are all as stored is
 * left alone (no new version). Updates repeat the version check in their WHERE; the caller compares the
 * counts. PostgreSQL writes the audit entry of every row inserted or updated (migration 32), for the
 * caller registry_begin established.
 */
export async function storeRecords(tx: RequestDb, spec: RecordSpec, prepared: Prepared[], expected?: ReadonlyMap<number, number>): Promise<Written[]> {
  const columns = writableColumns(spec);
  const names = columns.map((c) => c.column);
  const personal = new Set(spec.personal?.columns ?? []);
  const compared = names.filter((n) => !personal.has(n));
  const rows = prepared.map((p) => {
    const row: ColumnRecord = {
      __index: p.index,
      __id: p.existing?.id ?? null,
      __version: p.existing?.version ?? null,
      __expected: expected?.get(p.index) ?? null,
      __personal_changed: personalChanged(spec, p),
    };
    for (const name of names) row[name] = p.record[name] ?? null;
    return row;
  });
  const recordset = raw(['"__index" integer', '"__id" integer', '"__version" integer', '"__expected" integer', '"__personal_changed" boolean', ...columns.map((c) => `${quote(c.column)} ${c.sqlType}`)].join(', '));
  const list = (prefix: string, of = names) => raw(of.map((n) => `${prefix}${quote(n)}`).join(', '));
  const assignments = raw(names.map((n) => `${quote(n)} = i.${quote(n)}`).join(', '));
  const city = spec.place ? 'city_code' : 'NULL::char(6)';
  const result = await tx.query<Result>(sql`
    WITH input AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS i(${recordset})),
    inserted AS (
      INSERT INTO ${raw(spec.table)} (${list('')}) SELECT ${list('')} FROM input WHERE "__id" IS NULL ORDER BY "__index"
      RETURNING id, ${raw(spec.externalId ? `${city} || '|' || external_id` : 'NULL::text')} AS key),
    updated AS (
      UPDATE ${raw(spec.table)} t SET ${assignments}, version = t.version + 1, updated_at = now()
      FROM input i
      WHERE t.id = i."__id" AND t.version = i."__version" AND (i."__expected" IS NULL OR i."__expected" = t.version)
        AND ((${list('t.', compared)}) IS DISTINCT FROM (${list('i.', compared)}) OR i."__personal_changed")
      RETURNING t.id, i."__index"),
    conflicted AS (
      SELECT i."__index", t.version FROM input i JOIN ${raw(spec.table)} t ON t.id = i."__id"
      WHERE i."__expected" IS DISTINCT FROM t.version AND i."__expected" IS NOT NULL
        AND ((${list('t.', compared)}) IS DISTINCT FROM (${list('i.', compared)}) OR i."__personal_changed"))
    SELECT NULL::integer AS index, id, key, 'CREATED' AS outcome FROM inserted
    UNION ALL SELECT "__index", id, NULL, 'UPDATED' FROM updated
    UNION ALL SELECT "__index", version, NULL, 'CONFLICT' FROM conflicted`);
  return matchResults(prepared, result);
}

/** A result row; for CONFLICT, `id` carries the record's current version. */
type Result = { index: number | null; id: number; key: string | null; outcome: 'CREATED' | 'UPDATED' | 'CONFLICT' };

/**
 * Which input row each result belongs to: updates report their row; a new record is matched by
 * its (city, external id), or is the only new record of the batch.
 */
function matchResults(prepared: Prepared[], result: Result[]): Written[] {
  const inserted = result.filter((r) => r.outcome === 'CREATED');
  const insertedByKey = new Map(inserted.map((r) => [r.key, r.id]));
  const updated = new Set(result.filter((r) => r.outcome === 'UPDATED').map((r) => r.index));
  const conflicted = new Map(result.filter((r) => r.outcome === 'CONFLICT').map((r) => [r.index, r.id]));
  const fresh = prepared.filter((p) => !p.existing);
  return prepared.map((p) => {
    const current = conflicted.get(p.index);
    if (current !== undefined) return { index: p.index, id: p.existing!.id as number, outcome: 'CONFLICT', currentVersion: current };
    if (p.existing) return { index: p.index, id: p.existing.id as number, outcome: updated.has(p.index) ? 'UPDATED' : 'UNCHANGED' };
    const id = fresh.length === 1 ? inserted[0].id : insertedByKey.get(`${p.record.city_code}|${p.record.external_id}`);
    if (id === undefined) throw new Error(`could not match new ${p.index} to an inserted row`);
    return { index: p.index, id, outcome: 'CREATED' };
  });
}

/** Archives (or restores) one record (PostgreSQL writes its audit entry); null when its version is not `version`. */
export async function setArchived(tx: RequestDb, spec: RecordSpec, id: number, version: number, archived: boolean): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(sql`
    UPDATE ${raw(spec.table)} t SET archived_at = ${raw(archived ? 'now()' : 'NULL')}, version = t.version + 1, updated_at = now()
    WHERE t.id = ${id} AND t.version = ${version} RETURNING t.id`);
  return rows[0]?.id ?? null;
}

/** The stored rows, locked for the rest of the transaction: by id, or by (city, external id). */
export async function lockRecords(tx: RequestDb, spec: RecordSpec, by: { ids: number[] } | { cities: Array<string | null>; externalIds: string[] }): Promise<ColumnRecord[]> {
  const condition: SqlFragment =
    'ids' in by
      ? sql`t.id = ANY(${by.ids})`
      : sql`(t.city_code, t.external_id) IN (SELECT * FROM unnest(${by.cities}::char(6)[], ${by.externalIds}::text[]) AS k(city, external))`;
  const personal = spec.personal;
  if (!personal) return tx.query(sql`SELECT t.* FROM ${raw(spec.table)} t WHERE ${condition} ORDER BY t.id FOR UPDATE`);
  // The application role may not read the personal columns: every other one here, those through the
  // spec's function, which gives them for the records the transaction's caller may change.
  const readable = ['id', 'version', 'archived_at', 'province_code', 'city_code', ...writableColumns(spec).map((c) => c.column)].filter((c) => !personal.columns.includes(c));
  const rows = await tx.query<ColumnRecord>(sql`SELECT ${raw([...new Set(readable)].map((c) => `t.${quote(c)}`).join(', '))} FROM ${raw(spec.table)} t WHERE ${condition} ORDER BY t.id FOR UPDATE`);
  if (!rows.length) return rows;
  const values = await tx.query<ColumnRecord>(sql`SELECT * FROM ${raw(personal.read)}(${rows.map((r) => r.id as number)})`);
  const byId = new Map(values.map((v) => [v.id, v]));
  for (const row of rows) for (const column of personal.columns) row[column] = byId.get(row.id)?.[column] ?? null;
  return rows;
}

