import type { Caller } from '../../auth/caller';
import type { RequestDb } from '../request-db';
import { raw, sql, type SqlFragment } from '../sql';
import type { Prepared } from './prepare';
import { writableColumns, type ColumnRecord, type RecordSpec } from './record-spec';

export type AuditOperation = 'CREATE' | 'UPDATE' | 'ARCHIVE' | 'RESTORE';

export interface Written {
  index: number;
  id: number;
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED';
}

const quote = (column: string) => `"${column}"`;

/** The audit entry's "who": key, role and city of the caller, and the request. */
function actor(caller: Caller, requestId: string): SqlFragment {
  const key = caller.kind === 'key' ? caller : null;
  return sql`${key?.apiKeyId ?? null}::integer, ${key?.role ?? null}::text, ${key?.cityCode ?? null}::char(6), ${requestId}::text`;
}

/** The audit entry's record city: the row's city_code, or NULL for types with no place (sources). */
function cityOf(spec: RecordSpec, alias: string): SqlFragment {
  return raw(spec.place ? `${alias}.city_code` : 'NULL::char(6)');
}

const AUDIT_COLUMNS = raw('(api_key_id, actor_role, actor_city_code, request_id, operation, record_type, record_id, record_city_code, before, after)');

/**
 * Inserts the new records and updates the changed ones in ONE statement, with an audit entry for
 * each record that changed: the rows travel as one jsonb parameter, so the statement does not grow
 * with the batch. A record whose values are all as stored is left alone (no new version, no entry).
 * Updates repeat the version check in their WHERE; the caller compares the counts.
 */
export async function storeRecords(tx: RequestDb, caller: Caller, requestId: string, spec: RecordSpec, prepared: Prepared[]): Promise<Written[]> {
  const columns = writableColumns(spec);
  const names = columns.map((c) => c.column);
  const rows = prepared.map((p) => {
    const row: ColumnRecord = { __index: p.index, __id: p.existing?.id ?? null, __version: p.existing?.version ?? null };
    for (const name of names) row[name] = p.record[name] ?? null;
    return row;
  });
  const recordset = raw(['"__index" integer', '"__id" integer', '"__version" integer', ...columns.map((c) => `${quote(c.column)} ${c.sqlType}`)].join(', '));
  const list = (prefix: string) => raw(names.map((n) => `${prefix}${quote(n)}`).join(', '));
  const assignments = raw(names.map((n) => `${quote(n)} = i.${quote(n)}`).join(', '));
  const city = spec.place ? 'city_code' : 'NULL::char(6)';
  const result = await tx.query<Result>(sql`
    WITH input AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS i(${recordset})),
    before AS (SELECT t.id, to_jsonb(t) AS doc FROM ${raw(spec.table)} t JOIN input i ON t.id = i."__id"),
    inserted AS (
      INSERT INTO ${raw(spec.table)} (${list('')}) SELECT ${list('')} FROM input WHERE "__id" IS NULL ORDER BY "__index"
      RETURNING *),
    updated AS (
      UPDATE ${raw(spec.table)} t SET ${assignments}, version = t.version + 1, updated_at = now()
      FROM input i
      WHERE t.id = i."__id" AND t.version = i."__version" AND (${list('t.')}) IS DISTINCT FROM (${list('i.')})
      RETURNING t.*, i."__index"),
    audit AS (
      INSERT INTO audit_entry ${AUDIT_COLUMNS}
      SELECT ${actor(caller, requestId)}, 'CREATE', ${spec.typename}, n.id, ${cityOf(spec, 'n')}, NULL, to_jsonb(n) FROM inserted n
      UNION ALL
      SELECT ${actor(caller, requestId)}, 'UPDATE', ${spec.typename}, u.id, ${cityOf(spec, 'u')}, b.doc, to_jsonb(u) - '__index'
      FROM updated u JOIN before b ON b.id = u.id)
    SELECT NULL::integer AS index, id, ${raw(spec.externalId ? `${city} || '|' || external_id` : 'NULL')} AS key, 'CREATED' AS outcome FROM inserted
    UNION ALL SELECT "__index", id, NULL, 'UPDATED' FROM updated`);
  return matchResults(prepared, result);
}

type Result = { index: number | null; id: number; key: string | null; outcome: 'CREATED' | 'UPDATED' };

/**
 * Which input row each result belongs to: updates report their row; a new record is matched by
 * its (city, external id), or is the only new record of the batch.
 */
function matchResults(prepared: Prepared[], result: Result[]): Written[] {
  const inserted = result.filter((r) => r.outcome === 'CREATED');
  const insertedByKey = new Map(inserted.map((r) => [r.key, r.id]));
  const updated = new Set(result.filter((r) => r.outcome === 'UPDATED').map((r) => r.index));
  const fresh = prepared.filter((p) => !p.existing);
  return prepared.map((p) => {
    if (p.existing) return { index: p.index, id: p.existing.id as number, outcome: updated.has(p.index) ? 'UPDATED' : 'UNCHANGED' };
    const id = fresh.length === 1 ? inserted[0].id : insertedByKey.get(`${p.record.city_code}|${p.record.external_id}`);
    if (id === undefined) throw new Error(`could not match new ${p.index} to an inserted row`);
    return { index: p.index, id, outcome: 'CREATED' };
  });
}

/** Archives (or restores) one record with its audit entry; null when its version is not `version`. */
export async function setArchived(tx: RequestDb, caller: Caller, requestId: string, spec: RecordSpec, id: number, version: number, archived: boolean): Promise<number | null> {
  const rows = await tx.query<{ id: number }>(sql`
    WITH before AS (SELECT t.id, to_jsonb(t) AS doc FROM ${raw(spec.table)} t WHERE t.id = ${id}),
    updated AS (
      UPDATE ${raw(spec.table)} t SET archived_at = ${raw(archived ? 'now()' : 'NULL')}, version = t.version + 1, updated_at = now()
      WHERE t.id = ${id} AND t.version = ${version} RETURNING t.*),
    audit AS (
      INSERT INTO audit_entry ${AUDIT_COLUMNS}
      SELECT ${actor(caller, requestId)}, ${archived ? 'ARCHIVE' : 'RESTORE'}, ${spec.typename}, u.id, ${cityOf(spec, 'u')}, b.doc, to_jsonb(u)
      FROM updated u JOIN before b ON b.id = u.id)
    SELECT id FROM updated`);
  return rows[0]?.id ?? null;
}

/** The stored rows, locked for the rest of the transaction: by id, or by (city, external id). */
export async function lockRecords(tx: RequestDb, spec: RecordSpec, by: { ids: number[] } | { cities: Array<string | null>; externalIds: string[] }): Promise<ColumnRecord[]> {
  const condition: SqlFragment =
    'ids' in by
      ? sql`t.id = ANY(${by.ids})`
      : sql`(t.city_code, t.external_id) IN (SELECT * FROM unnest(${by.cities}::char(6)[], ${by.externalIds}::text[]) AS k(city, external))`;
  return tx.query(sql`SELECT t.* FROM ${raw(spec.table)} t WHERE ${condition} ORDER BY t.id FOR UPDATE`);
}

