import { createHash } from 'node:crypto';
import type { Caller } from '../../auth/caller';
import { UserErrorCode, type UserError } from '../../graphql/errors/user-error';
import type { RequestDb } from '../request-db';
import { sql } from '../sql';

/** A request still "running" after this long is taken to have died with its process; its key may be used again. */
const ABANDONED_AFTER = '15 minutes';

export function payloadHash(operation: string, payload: unknown): string {
  return createHash('sha256').update(JSON.stringify([operation, payload])).digest('hex');
}

export type Claim<R> = { kind: 'claimed' } | { kind: 'replay'; result: R } | { kind: 'refused'; error: UserError };

/**
 * Claims an idempotency key for this API key before the work starts, in its own committed
 * statement, so that a concurrent replay sees it: the first request runs; a replay of a finished
 * one gets its stored result; a replay while it runs, or the key with another payload, is refused.
 */
export async function claimIdempotencyKey<R>(db: RequestDb, caller: Caller, key: string, operation: string, hash: string): Promise<Claim<R>> {
  if (caller.kind !== 'key') return { kind: 'refused', error: { field: 'idempotencyKey', code: UserErrorCode.FORBIDDEN, message: 'Idempotency keys need an API key.' } };
  const [claimed] = await db.query(sql`
    INSERT INTO idempotency_request (api_key_id, key, operation, payload_hash) VALUES (${caller.apiKeyId}, ${key}, ${operation}, ${hash})
    ON CONFLICT (api_key_id, key) DO UPDATE SET started_at = now(), operation = excluded.operation, payload_hash = excluded.payload_hash
      WHERE idempotency_request.completed_at IS NULL AND idempotency_request.started_at < now() - ${ABANDONED_AFTER}::interval
    RETURNING 1 AS claimed`);
  if (claimed) return { kind: 'claimed' };
  const [earlier] = await db.query<{ operation: string; hash: string; result: R | null }>(
    sql`SELECT operation, payload_hash AS hash, result FROM idempotency_request WHERE api_key_id = ${caller.apiKeyId} AND key = ${key}`,
  );
  if (!earlier) return claimIdempotencyKey(db, caller, key, operation, hash); // released meanwhile: try again
  if (earlier.operation !== operation || earlier.hash !== hash) {
    return { kind: 'refused', error: { field: 'idempotencyKey', code: UserErrorCode.IDEMPOTENCY_KEY_REUSED, message: `Idempotency key '${key}' was already used with a different payload; use a new key for new data.` } };
  }
  if (earlier.result === null) {
    return { kind: 'refused', error: { field: 'idempotencyKey', code: UserErrorCode.IN_PROGRESS, message: `A request with idempotency key '${key}' is still running; retry when it has finished to get its result.` } };
  }
  return { kind: 'replay', result: earlier.result };
}

/** Stores the result, in the work's own transaction, so that it is kept exactly when the work is. */
export async function completeIdempotencyKey(tx: RequestDb, caller: Caller, key: string, result: unknown): Promise<void> {
  if (caller.kind !== 'key') return;
  await tx.query(sql`UPDATE idempotency_request SET completed_at = now(), result = ${JSON.stringify(result)}::jsonb WHERE api_key_id = ${caller.apiKeyId} AND key = ${key}`);
}

/** Lets the key go when nothing was applied (refused rows, an error), so a corrected retry can use it. */
export async function releaseIdempotencyKey(db: RequestDb, caller: Caller, key: string): Promise<void> {
  if (caller.kind !== 'key') return;
  await db.query(sql`DELETE FROM idempotency_request WHERE api_key_id = ${caller.apiKeyId} AND key = ${key} AND completed_at IS NULL`);
}
