import { Role, type Caller } from '../../auth/caller';
import { policy } from '../../auth/policy';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode, type RowError, type UserError } from '../../graphql/errors/user-error';
import { toGlobalId } from '../../graphql/relay/global-id';
import type { BulkUpsertPayload, UpsertedRecord } from '../../graphql/writes';
import { UpsertOutcome } from '../../graphql/writes';
import type { RequestDb } from '../../db/request-db';
import { checkValue, field, type PendingReference } from './fields';
import { claimIdempotencyKey, completeIdempotencyKey, payloadHash, type IdempotentRequest } from './idempotency';
import { prepareDrafts, type Draft, type Problem } from './prepare';
import type { RecordSpec } from './record-spec';
import { WriteRefused, problemFromDatabase } from './record-writer';
import { lockRecords, storeRecords, type Written } from './store';

export const MAX_UPSERT_RECORDS = 5000;

function refused(userErrors: UserError[], rowErrors: RowError[] = []): BulkUpsertPayload {
  return { applied: false, replayed: false, created: 0, updated: 0, unchanged: 0, records: [], rowErrors, userErrors };
}

/** The refusal a caller who may not write this type gets (FORBIDDEN), before anything is read; null when it may. */
export function upsertRefusedTo(caller: Caller, spec: RecordSpec): BulkUpsertPayload | null {
  const allowed = policy.mayWriteKind(caller, spec.scope);
  return allowed.allowed ? null : refused([{ field: null, code: UserErrorCode.FORBIDDEN, message: allowed.reason }]);
}

/**
 * Inserts or updates records by their portal's external id within their city, all or nothing.
 * Every row is checked before anything is written, and every problem of every row is reported.
 * With an idempotency key, a replay returns the first result instead of applying twice.
 */
export async function bulkUpsert(ctx: RequestContext, spec: RecordSpec, records: Record<string, unknown>[], idempotencyKey?: string | null): Promise<BulkUpsertPayload> {
  const notAllowed = upsertRefusedTo(ctx.caller, spec);
  if (notAllowed) return notAllowed;
  if (records.length > MAX_UPSERT_RECORDS) {
    return refused([{ field: 'records', code: UserErrorCode.INVALID, message: `At most ${MAX_UPSERT_RECORDS} records per call (got ${records.length}); split the batch.` }]);
  }
  const key = idempotencyKey?.trim();
  if (idempotencyKey != null && (!key || key.length > 200)) return refused([{ field: 'idempotencyKey', code: UserErrorCode.INVALID, message: 'idempotencyKey must be 1-200 characters.' }]);
  const idempotent = key ? { key, operation: `upsert:${spec.typename}`, hash: payloadHash(spec.typename, records) } : null;
  return upsertOnce(ctx, spec, records, idempotent);
}

/**
 * One transaction: the idempotency claim (when keyed), the checks, the writes and the stored result,
 * so that a batch is applied, and its key used, exactly when the transaction commits; a refused or
 * failed one (even by a lost database) leaves the key free for a retry.
 */
async function upsertOnce(ctx: RequestContext, spec: RecordSpec, records: Record<string, unknown>[], idempotent: IdempotentRequest | null): Promise<BulkUpsertPayload> {
  try {
    return await ctx.db.transaction({ apiKey: ctx.apiKey, requestId: ctx.requestId }, async (tx) => {
      if (idempotent) {
        const claim = await claimIdempotencyKey<BulkUpsertPayload>(tx, ctx.caller, idempotent);
        if (claim.kind === 'refused') return refused([claim.error]);
        if (claim.kind === 'replay') return { ...claim.result, replayed: true };
      }
      const { keyed, named, problems } = keysOf(ctx, spec, records);
      const existing = keyed.length ? await lockRecords(tx, spec, { cities: keyed.map((k) => k.city), externalIds: keyed.map((k) => k.externalId) }) : [];
      const byKey = new Map(existing.map((row) => [`${row.city_code}|${row.external_id}`, row]));
      const drafts: Draft[] = keyed.map((k) => ({ index: k.index, values: records[k.index], existing: byKey.get(`${k.city}|${k.externalId}`) ?? null, city: k.city }));
      drafts.push(...(await namedDrafts(tx, spec, records, named, drafts, problems)));
      const prepared = await prepareDrafts(tx, ctx.caller, spec, drafts);
      const all = [...problems, ...prepared.problems].sort((a, b) => a.index - b.index);
      if (all.length) throw new WriteRefused(all);

      const written = await storeRecords(tx, spec, prepared.prepared, versionsRead(records, named));
      const conflicts = written.filter((w) => w.outcome === 'CONFLICT');
      // The statement changed nothing of these rows, but others' changes are undone with the transaction: all or nothing.
      if (conflicts.length) throw new WriteRefused(conflicts.map((w) => conflictOf(records, w)));
      const externalIdOf = new Map(prepared.prepared.map((p) => [p.index, p.record.external_id as string | null]));
      const upserted: UpsertedRecord[] = written.map((w) => ({
        index: w.index,
        // Null only for a row named by its registry ID whose record has no portal id (an import of an export; GraphQL rows always have one).
        externalId: externalIdOf.get(w.index)!,
        id: toGlobalId(spec.typename, w.id),
        outcome: UpsertOutcome[w.outcome as keyof typeof UpsertOutcome],
      }));
      const count = (o: UpsertOutcome) => upserted.filter((r) => r.outcome === o).length;
      const result: BulkUpsertPayload = {
        applied: true,
        replayed: false,
        created: count(UpsertOutcome.CREATED),
        updated: count(UpsertOutcome.UPDATED),
        unchanged: count(UpsertOutcome.UNCHANGED),
        records: upserted,
        rowErrors: [],
        userErrors: [],
      };
      if (idempotent) await completeIdempotencyKey(tx, ctx.caller, idempotent, result);
      return result;
    });
  } catch (error) {
    if (error instanceof WriteRefused) return refused([], error.problems.map(toRowError));
    const problem = problemFromDatabase(spec, error);
    if (problem) {
      const message = problem.code === UserErrorCode.DUPLICATE ? `${problem.message} Another request wrote the same external ids at the same time; retry.` : problem.message;
      return refused([{ field: problem.field, code: problem.code, message }]);
    }
    throw error;
  } finally {
    ctx.loaders.clear();
  }
}

const toRowError = ({ index, field, code, message, currentVersion }: Problem): RowError => ({ index, field, code, message, ...(currentVersion === undefined ? {} : { currentVersion }) });

/**
 * The version each row named by ID was read at, where it gives one (an export's `version` column): such a row may
 * change its record only while the record is still at that version, so that a file exported before someone else's
 * change does not silently undo it. A row equal to the record as it is now is not a conflict.
 */
function versionsRead(records: Record<string, unknown>[], named: Array<{ index: number }>): Map<number, number> {
  return new Map(named.flatMap(({ index }) => (typeof records[index].version === 'number' ? [[index, records[index].version as number] as const] : [])));
}

function conflictOf(records: Record<string, unknown>[], w: Written): Problem {
  return {
    index: w.index,
    field: 'version',
    code: UserErrorCode.CONFLICT,
    message: `The record changed since it was read (version ${String(records[w.index].version)}, now ${w.currentVersion}): export it again and reapply the edit.`,
    currentVersion: w.currentVersion,
  };
}

/**
 * Each row's key: its registry ID where the row gives one (`id`: a spreadsheet exported from the registry
 * and sent back; GraphQL's record input has no such field), else (city, external id), the city defaulting to
 * a city editor's own. A key given twice is a DUPLICATE.
 */
function keysOf(ctx: RequestContext, spec: RecordSpec, records: Record<string, unknown>[]) {
  const problems: Problem[] = [];
  const keyed: Array<{ index: number; city: string; externalId: string }> = [];
  const named: Array<{ index: number; id: number }> = [];
  const seen = new Map<string, number>();
  const editorCity = ctx.caller.kind === 'key' && ctx.caller.role === Role.CITY_EDITOR ? ctx.caller.cityCode : null;
  records.forEach((record, index) => {
    if (record.id != null && record.id !== '') {
      const id = checkValue(field.reference('id', spec.typename, spec.table), record.id);
      if (!id.ok || id.value === null) {
        problems.push({ index, field: 'id', code: UserErrorCode.INVALID, message: `id ${id.ok ? 'must not be empty' : id.message}.` });
        return;
      }
      const rowId = (id.value as PendingReference).value as number;
      const first = seen.get(`#${rowId}`);
      if (first !== undefined) {
        problems.push({ index, field: 'id', code: UserErrorCode.DUPLICATE, message: `id ${String(record.id)} appears twice: rows ${first} and ${index}.` });
        return;
      }
      seen.set(`#${rowId}`, index);
      named.push({ index, id: rowId });
      return;
    }
    const externalId = checkValue({ kind: { type: 'text', max: 100 }, column: 'external_id', sqlType: 'text' }, record.externalId ?? null);
    const city = (record.cityCode as string | null | undefined) ?? editorCity;
    if (!externalId.ok || externalId.value === null) {
      problems.push({ index, field: 'externalId', code: UserErrorCode.INVALID, message: externalId.ok ? 'externalId is required: it is the key of the upsert.' : `externalId ${externalId.message}.` });
      return;
    }
    if (!city) {
      problems.push({ index, field: 'cityCode', code: UserErrorCode.INVALID, message: 'cityCode is required: external ids are unique within a city.' });
      return;
    }
    const key = `${city}|${externalId.value}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ index, field: 'externalId', code: UserErrorCode.DUPLICATE, message: `externalId '${externalId.value}' appears twice in city ${city}: rows ${first} and ${index}.` });
      return;
    }
    seen.set(key, index);
    keyed.push({ index, city, externalId: externalId.value as string });
  });
  return { keyed, named, problems };
}

/**
 * The drafts of rows named by registry ID: the stored records, locked (one statement, only when some row
 * has an ID); an ID no record has is NOT_FOUND, and a record also named by its portal id in the batch a DUPLICATE.
 */
async function namedDrafts(tx: RequestDb, spec: RecordSpec, records: Record<string, unknown>[], named: Array<{ index: number; id: number }>, keyedDrafts: Draft[], problems: Problem[]): Promise<Draft[]> {
  if (!named.length) return [];
  const stored = new Map((await lockRecords(tx, spec, { ids: named.map((n) => n.id) })).map((row) => [row.id as number, row]));
  const keyedRow = new Map(keyedDrafts.flatMap((d) => (d.existing ? [[d.existing.id as number, d.index] as const] : [])));
  const drafts: Draft[] = [];
  for (const { index, id } of named) {
    const existing = stored.get(id);
    if (!existing) {
      problems.push({ index, field: 'id', code: UserErrorCode.NOT_FOUND, message: `No ${spec.typename} has id ${String(records[index].id)} (or it is not one the caller may see).` });
    } else if (keyedRow.has(id)) {
      problems.push({ index, field: 'id', code: UserErrorCode.DUPLICATE, message: `Row ${keyedRow.get(id)} names the same record by its externalId.` });
    } else {
      drafts.push({ index, values: records[index], existing, city: existing.city_code as string | null });
    }
  }
  return drafts;
}
