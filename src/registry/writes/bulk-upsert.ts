import { Role, type Caller } from '../../auth/caller';
import { policy } from '../../auth/policy';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode, type RowError, type UserError } from '../../graphql/errors/user-error';
import { toGlobalId } from '../../graphql/relay/global-id';
import type { BulkUpsertPayload, UpsertedRecord } from '../../graphql/writes';
import { UpsertOutcome } from '../../graphql/writes';
import { checkValue } from './fields';
import { claimIdempotencyKey, completeIdempotencyKey, payloadHash, type IdempotentRequest } from './idempotency';
import { prepareDrafts, type Draft, type Problem } from './prepare';
import type { RecordSpec } from './record-spec';
import { WriteRefused, problemFromDatabase } from './record-writer';
import { lockRecords, storeRecords } from './store';

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
      const { keyed, problems } = keysOf(ctx, records);
      const existing = await lockRecords(tx, spec, { cities: keyed.map((k) => k.city), externalIds: keyed.map((k) => k.externalId) });
      const byKey = new Map(existing.map((row) => [`${row.city_code}|${row.external_id}`, row]));
      const drafts: Draft[] = keyed.map((k) => ({ index: k.index, values: records[k.index], existing: byKey.get(`${k.city}|${k.externalId}`) ?? null, city: k.city }));
      const prepared = await prepareDrafts(tx, ctx.caller, spec, drafts);
      const all = [...problems, ...prepared.problems].sort((a, b) => a.index - b.index);
      if (all.length) throw new WriteRefused(all);

      const written = await storeRecords(tx, spec, prepared.prepared);
      const externalIdOf = new Map(keyed.map((k) => [k.index, k.externalId]));
      const upserted: UpsertedRecord[] = written.map((w) => ({
        index: w.index,
        externalId: externalIdOf.get(w.index)!,
        id: toGlobalId(spec.typename, w.id),
        outcome: UpsertOutcome[w.outcome],
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

const toRowError = ({ index, field, code, message }: Problem): RowError => ({ index, field, code, message });

/** Each row's key, (city, external id): the city defaults to a city editor's own; a key given twice is a DUPLICATE. */
function keysOf(ctx: RequestContext, records: Record<string, unknown>[]) {
  const problems: Problem[] = [];
  const keyed: Array<{ index: number; city: string; externalId: string }> = [];
  const seen = new Map<string, number>();
  const editorCity = ctx.caller.kind === 'key' && ctx.caller.role === Role.CITY_EDITOR ? ctx.caller.cityCode : null;
  records.forEach((record, index) => {
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
  return { keyed, problems };
}
