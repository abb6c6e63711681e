import { ArgsType, Field, Int } from 'type-graphql';
import { raw, sql, where } from '../../db/sql';
import type { RequestContext } from '../../graphql/context';
import { badInput } from '../../graphql/errors/codes';
import { toConnection, type ConnectionResult, type FetchedRows } from '../../graphql/relay/connection';
import { decodeCursor, encodeCursor } from '../../graphql/relay/cursor';
import { MAX_PAGE_SIZE, requestedLimit } from '../../graphql/relay/page-args';
import { selectSql } from '../../registry/table';
import { registryTypes } from '..';
import type { AuditEntryRow } from './audit-entry.type';
import { auditEntryTable, presentAuditEntry, type AuditRecord } from './audit.service';

/** The ordering a change-feed cursor belongs to: the writing transaction, then the entry. */
const FEED_ORDER = 'CHANGES';
const MAX_TYPES = 50;

@ArgsType()
export class ChangesArgs {
  @Field(() => Int, { nullable: true, description: `At most this many changes (0 to ${MAX_PAGE_SIZE}; default 20).` })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'The changes after this cursor: the `endCursor` of your last pull (keep it when a page comes back empty), or `changesCursor` taken before a full export. Omitted: from the first change the registry recorded.',
  })
  after?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only changes to records of these GraphQL types, e.g. ["InnovationStudio", "Craftsman"]; all types when omitted.' })
  types?: string[] | null;
}

/** The feed's position after an entry: its transaction's id (xid8, as text) and its own id. */
const cursorOf = (record: AuditRecord & { transactionId: string }) => encodeCursor({ order: FEED_ORDER, value: record.transactionId, id: record.id });

function positionOf(after: string | null | undefined): { transactionId: string; id: number } | null {
  if (after == null) return null;
  const position = decodeCursor(after, FEED_ORDER, 'after', { value: 'text', id: 'integer' });
  if (!/^\d{1,19}$/.test(String(position.value))) throw badInput(`'after' is not a cursor issued by this API: '${after.slice(0, 60)}'`, 'after');
  return { transactionId: String(position.value), id: Number(position.id) };
}

/** The audited record types a feed may be asked for: the registry's types whose records clients write. */
function recordTypesOf(types: readonly string[] | null | undefined): string[] | null {
  if (types == null) return null;
  if (types.length > MAX_TYPES) throw badInput(`'types' may name at most ${MAX_TYPES} types, got ${types.length}`, 'types');
  const known = new Set(registryTypes().filter((t) => t.table.columns.updatedAt).map((t) => t.typename));
  const unknown = types.filter((t) => !known.has(t));
  if (unknown.length) throw badInput(`'types' names no registry type with changes: ${unknown.slice(0, 5).map((t) => `'${t.slice(0, 40)}'`).join(', ')}; use ${[...known].sort().join(', ')}`, 'types');
  return [...new Set(types)];
}

/**
 * Entries of transactions that can no longer commit after this read: older than the oldest one still running
 * (migration 50 says why ids alone would skip a late commit). A write in progress holds the feed back for
 * its own few seconds (REQUEST_TIMEOUT_MS at most), never for good.
 */
const SETTLED = raw('t.transaction_id < pg_snapshot_xmin(pg_current_snapshot())');

/**
 * The change feed (变更流): every change to the registry in the order it can no longer be overtaken, for a
 * portal or BI tool that keeps a copy and pulls what changed since its last pull. Each entry's `after` is the
 * whole record as it became (archived ones carry `archivedAt`): applied in order, a copy ends as the registry
 * is. The same read rights as `history`: records anyone may read, personal values only to who may see them.
 */
export const changeFeed = {
  changes(ctx: RequestContext, args: ChangesArgs): ConnectionResult<AuditEntryRow> {
    const limit = requestedLimit({ first: args.first });
    const from = positionOf(args.after);
    const types = recordTypesOf(args.types);
    const conditions = [
      SETTLED,
      ...(from ? [sql`(t.transaction_id, t.id) > (${from.transactionId}::xid8, ${from.id}::bigint)`] : []),
      ...(types ? [sql`t.record_type = ANY(${types})`] : []),
    ];
    const page = async (): Promise<FetchedRows<AuditEntryRow>> => {
      const records = await ctx.db.query<AuditRecord & { transactionId: string }>(sql`
        SELECT ${raw(selectSql(auditEntryTable))}, t.transaction_id::text AS "transactionId"
        FROM audit_entry t LEFT JOIN api_key k ON k.id = t.api_key_id ${where(conditions)}
        ORDER BY t.transaction_id, t.id LIMIT ${limit + 1}`);
      return { rows: records.map(presentAuditEntry), cursorAt: (index) => cursorOf(records[index]) };
    };
    const count = async () => {
      const [row] = await ctx.db.query<{ count: number }>(sql`SELECT count(*)::integer AS count FROM audit_entry t ${where(conditions)}`);
      return row.count;
    };
    return toConnection(page, count, { backward: false, limit, cursor: from ? { order: FEED_ORDER, value: from.transactionId, id: from.id } : null });
  },

  /** The position of the newest settled change: a starting `after` for a copy made from a full export taken after it. */
  async latestCursor(ctx: RequestContext): Promise<string | null> {
    const [record] = await ctx.db.query<AuditRecord & { transactionId: string }>(
      sql`SELECT t.id, t.transaction_id::text AS "transactionId" FROM audit_entry t WHERE ${SETTLED} ORDER BY t.transaction_id DESC, t.id DESC LIMIT 1`,
    );
    return record ? cursorOf(record) : null;
  },
};
