import type { Role } from '../../auth/caller';
import { policy } from '../../auth/policy';
import { when } from '../../registry/filters';
import { raw, sql } from '../../db/sql';
import { selectSql, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { badInput, forbidden } from '../../graphql/errors/codes';
import { childConnection, listConnection } from '../../registry/lists';
import type { ConnectionResult } from '../../graphql/relay/connection';
import { fromGlobalId, integerKeyOf, toGlobalId } from '../../graphql/relay/global-id';
import type { AuditEntryRow, AuditOperation } from './audit-entry.type';
import { AuditLogOrderBy, type AuditLogArgs, type AuditLogFilter, type HistoryArgs } from './audit.inputs';
import { internal, type ValuesOf } from '../../registry/columns';

/** The personal columns of registry rows (craftsman), as they appear in audit snapshots (to_jsonb of the row). */
export const PERSONAL_COLUMNS: ReadonlySet<string> = new Set(['national_id_number', 'phone']);

/** Columns every write touches; listing them in `changedFields` would say nothing. */
const BOOKKEEPING_COLUMNS: ReadonlySet<string> = new Set(['version', 'updated_at']);

/** An audit_entry row as selected below, before it is presented to a caller. */
/** An audit entry as stored, with its key's label; the audit entry type (audit-entry.type.ts) presents it per caller. */
const auditEntryColumns = {
  id: internal<number>('t.id'),
  occurredAt: internal<Date>('t.occurred_at'),
  apiKeyId: internal<number | null>('t.api_key_id'),
  apiKeyLabel: internal<string | null>('k.label'),
  actorRole: internal<Role>('t.actor_role'),
  actorCityCode: internal<string | null>('t.actor_city_code'),
  requestId: internal<string | null>('t.request_id'),
  operation: internal<AuditOperation>('t.operation'),
  recordType: internal<string>('t.record_type'),
  recordId: internal<number>('t.record_id'),
  recordCityCode: internal<string | null>('t.record_city_code'),
  before: internal<Record<string, unknown> | null>('t.before'),
  after: internal<Record<string, unknown>>('t.after'),
  changedPersonal: internal<string[]>('t.changed_personal'),
};

export type AuditRecord = ValuesOf<typeof auditEntryColumns>;

/** `national_id_number` → `nationalIdNumber`: snapshot keys named as GraphQL fields are. */
function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The personal columns of each record type that has them, as they appear in its snapshots. */
const PERSONAL_OF: Readonly<Record<string, readonly string[]>> = { Craftsman: [...PERSONAL_COLUMNS] };

/**
 * The one rule for personal data in audit snapshots, for every reader of the log (GraphQL, exports):
 * a snapshot (the record's row as stored, snake_case columns, personal values kept apart by
 * migration 32) comes back keyed by camelCase names, with the personal values PostgreSQL gave this
 * caller (`personal`: registry_audit_personal, for a caller allowed to see them now) and null for
 * the rest. Null stays null.
 */
export function presentAuditSnapshot(recordType: string, snapshot: Record<string, unknown>, personal?: Record<string, unknown> | null): Record<string, unknown>;
export function presentAuditSnapshot(recordType: string, snapshot: Record<string, unknown> | null, personal?: Record<string, unknown> | null): Record<string, unknown> | null;
export function presentAuditSnapshot(recordType: string, snapshot: Record<string, unknown> | null, personal?: Record<string, unknown> | null): Record<string, unknown> | null {
  if (snapshot === null) return null;
  const presented: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(snapshot)) presented[camelCase(column)] = value;
  for (const column of PERSONAL_OF[recordType] ?? []) presented[camelCase(column)] = personal?.[column] ?? null;
  return presented;
}

/**
 * The columns a change altered (camelCase, sorted), compared on the stored snapshots, and the personal
 * columns PostgreSQL noted as changed (by name only); for CREATE every column set to a value. `version`
 * and `updated_at` are left out.
 */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>, changedPersonal: readonly string[] = []): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const columns =
    before === null
      ? Object.keys(after).filter((c) => after[c] !== null)
      : [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((c) => !same(before[c], after[c]));
  return [...columns, ...changedPersonal]
    .filter((c) => !BOOKKEEPING_COLUMNS.has(c))
    .map(camelCase)
    .sort();
}

/** An audit_entry row as the caller sees it: global IDs, the actor; the snapshots are presented by the entry's field resolvers. */
export function presentAuditEntry(record: AuditRecord): AuditEntryRow {
  return {
    __typename: 'AuditEntry',
    id: toGlobalId('AuditEntry', record.id),
    rowId: record.id,
    occurredAt: record.occurredAt,
    operation: record.operation,
    recordType: record.recordType,
    recordId: toGlobalId(record.recordType, record.recordId),
    recordCityCode: record.recordCityCode,
    actor: {
      apiKeyId: record.apiKeyId === null ? null : toGlobalId('ApiKey', record.apiKeyId),
      label: record.apiKeyLabel,
      role: record.actorRole,
      cityCode: record.actorCityCode,
    },
    requestId: record.requestId,
    stored: { before: record.before, after: record.after },
    changedFields: changedFields(record.before, record.after, record.changedPersonal),
  };
}

/** The audit log filter with its global IDs decoded; `nothing` when an ID can name no entry. */
interface AuditConditions {
  recordType?: string | null;
  recordKey?: number | null;
  operations?: AuditOperation[] | null;
  apiKeyId?: number | null;
  recordCityCode?: string | null;
  occurredFrom?: Date | null;
  occurredTo?: Date | null;
  nothing?: boolean;
}


function decodeFilter(filter: AuditLogFilter | null | undefined): AuditConditions | null {
  if (!filter) return null;
  const conditions: AuditConditions = {
    recordType: filter.recordType,
    operations: filter.operations,
    recordCityCode: filter.recordCityCode,
    occurredFrom: filter.occurredFrom,
    occurredTo: filter.occurredTo,
  };
  if (filter.recordId != null) {
    // A well-formed ID of a record that cannot exist matches nothing, as node(id:) gives null.
    const { typename, key } = fromGlobalId(filter.recordId, 'filter.recordId');
    const recordKey = integerKeyOf(key);
    if (recordKey === null || (filter.recordType != null && filter.recordType !== typename)) conditions.nothing = true;
    conditions.recordType = typename;
    conditions.recordKey = recordKey;
  }
  if (filter.apiKeyId != null) {
    const { typename, key } = fromGlobalId(filter.apiKeyId, 'filter.apiKeyId');
    if (typename !== 'ApiKey') throw badInput(`'filter.apiKeyId' must be the ID of an ApiKey, not of a ${typename}`, 'filter.apiKeyId');
    conditions.apiKeyId = integerKeyOf(key);
    if (conditions.apiKeyId === null) conditions.nothing = true;
  }
  return conditions;
}

const FROM = 'audit_entry t LEFT JOIN api_key k ON k.id = t.api_key_id';

/** The audit log as a list table; `toRow` is bound to the caller per request (see auditService.log). */
export const auditEntryTable: TableSpec<AuditRecord, AuditConditions> = {
  from: FROM,
  columns: auditEntryColumns,
  key: 't.id',
  toRow: (record) => record as unknown as AuditRecord,
  conditions: (f) => [
    ...(f?.nothing ? [raw('false')] : []),
    ...when.equals('t.record_type', f?.recordType),
    ...when.equals('t.record_id', f?.recordKey),
    ...when.inList('t.operation', f?.operations),
    ...when.equals('t.api_key_id', f?.apiKeyId),
    ...when.equals('t.record_city_code', f?.recordCityCode),
    ...when.between('t.occurred_at', f?.occurredFrom, f?.occurredTo),
  ],
  // By id, the order entries were written in; bigserial ids stay within the cursors' integer range.
  orders: {
    [AuditLogOrderBy.NEWEST_FIRST]: { expression: 't.id', direction: 'DESC', type: 'integer' },
    [AuditLogOrderBy.OLDEST_FIRST]: { expression: 't.id', direction: 'ASC', type: 'integer' },
  },
};

/** Every entry of many records of one type, newest first: one statement for a whole page of records. */
async function historiesOf(ctx: RequestContext, recordType: string, recordIds: readonly number[]): Promise<Map<number, AuditRecord[]>> {
  const records = await ctx.db.query<AuditRecord>(
    sql`SELECT ${raw(selectSql(auditEntryTable))} FROM ${raw(FROM)} WHERE t.record_type = ${recordType} AND t.record_id = ANY(${[...recordIds]}::integer[]) ORDER BY t.id DESC`,
  );
  const byRecord = new Map<number, AuditRecord[]>();
  for (const record of records) byRecord.set(record.recordId, [...(byRecord.get(record.recordId) ?? []), record]);
  return byRecord;
}

/** The audit log presenting its entries for the caller (the snapshots are presented by the entry's field resolvers). */
const presentedEntryTable: TableSpec<AuditEntryRow, AuditConditions> = { ...auditEntryTable, toRow: (record) => presentAuditEntry(record as unknown as AuditRecord) };

export const auditService = {
  /** The audit log (ADMIN only): a connection over audit_entry, filtered, newest first by default. */
  log(ctx: RequestContext, args: AuditLogArgs): ConnectionResult<AuditEntryRow> {
    const may = policy.mayAdminister(ctx.caller);
    if (!may.allowed) throw forbidden(`The audit log is open to ADMIN keys only: ${may.reason}`);
    return listConnection(ctx, presentedEntryTable, { ...args, filter: decodeFilter(args.filter) }, AuditLogOrderBy.NEWEST_FIRST);
  },

  /**
   * A record's changes a page at a time (`changeHistory`), for everyone who may read the record: every
   * record of the type on the page shares one statement for its page and one for its count.
   */
  historyPage(ctx: RequestContext, recordType: string, recordId: number, args: HistoryArgs): ConnectionResult<AuditEntryRow> {
    return childConnection(ctx, presentedEntryTable, 't.record_id', recordId, { ...args, filter: { recordType } }, AuditLogOrderBy.NEWEST_FIRST);
  },

  /**
   * One entry by its database id (`node(id:)`), for everyone: every audited record is one anyone may read,
   * and so its history (personal values masked as in `history`). All the entries a request asks for, one statement.
   */
  entry(ctx: RequestContext, id: number): Promise<AuditEntryRow | null> {
    const loader = ctx.loaders.get<number, AuditRecord | null>('audit-entry', async (ids) => {
      const records = await ctx.db.query<AuditRecord>(sql`SELECT ${raw(selectSql(auditEntryTable))} FROM ${raw(FROM)} WHERE t.id = ANY(${[...ids]}::bigint[])`);
      const byId = new Map(records.map((r) => [Number(r.id), r]));
      return ids.map((i) => byId.get(i) ?? null);
    });
    return loader.load(id).then((record) => (record ? presentAuditEntry(record) : null));
  },

  /**
   * A record's changes, newest first, for everyone who may read the record (personal values masked
   * by presentAuditSnapshot). Batched per request and type: one statement for all records asked.
   */
  history(ctx: RequestContext, recordType: string, recordId: number): Promise<AuditEntryRow[]> {
    const loader = ctx.loaders.get<number, AuditRecord[]>(`audit-history:${recordType}`, async (ids) => {
      const byRecord = await historiesOf(ctx, recordType, ids);
      return ids.map((id) => byRecord.get(id) ?? []);
    });
    return loader.load(recordId).then((records) => records.map(presentAuditEntry));
  },

  /**
   * The personal values of an entry's snapshots that PostgreSQL gives this caller: batched per request,
   * asked only for callers whose role can see any (ADMIN, CITY_EDITOR), for every entry whose snapshots
   * are read (so that the statements follow the query, not the entries' types); PostgreSQL answers
   * for the entries of records the caller may see now (registry_audit_personal, migration 33).
   */
  async personalOf(ctx: RequestContext, entry: AuditEntryRow): Promise<{ before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null> {
    if (ctx.apiKey === null || !policy.mayHavePersonalData(ctx.caller)) return null;
    const loader = ctx.loaders.get<number, { before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null>('audit-personal', async (ids) => {
      const rows = await ctx.db.query<{ id: number; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(
        sql`SELECT audit_entry_id AS id, before, after FROM registry_audit_personal(${ctx.apiKey}, ${[...ids]}::bigint[])`,
      );
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    return loader.load(entry.rowId);
  },
};
