import { createHash } from 'node:crypto';
import type { Caller } from '../../auth/caller';
import { UserErrorCode, type UserError } from '../../graphql/errors/user-error';
import type { RequestDb } from '../../db/request-db';
import { sql } from '../../db/sql';

export function payloadHash(operation: string, payload: unknown): string {
  return createHash('sha256').update(JSON.stringify([operation, payload])).digest('hex');
}

/** A keyed request: the caller's idempotency key, the operation and the hash of its payload. */
export interface IdempotentRequest {
  key: string;
  operation: string;
  hash: string;
}

export type Claim<R> = { kind: 'claimed' } | { kind: 'replay'; result: R } | { kind: 'refused'; error: UserError };

/**
 * Claims an idempotency key inside the work's own transaction `tx`. The claim is a transaction-level
 * advisory lock, keyed by PostgreSQL with a secret of the database (registry_try_idempotency_lock,
 * migration 35) so that no other role can take it first: a concurrent replay cannot take it and is
 * refused (IN_PROGRESS), and it ends with
 * the transaction however that ends (commit, rollback, a lost connection, a crashed process or
 * database), so a key is never left "running" by a request that died. The result is stored in the
 * same transaction (completeIdempotencyKey): it exists exactly when the work was applied, and a
 * replay of a finished request gets it instead of applying twice.
 */
export async function claimIdempotencyKey<R>(tx: RequestDb, caller: Caller, request: IdempotentRequest): Promise<Claim<R>> {
  if (caller.kind !== 'key') return { kind: 'refused', error: { field: 'idempotencyKey', code: UserErrorCode.FORBIDDEN, message: 'Idempotency keys need an API key.' } };
  const { key, operation, hash } = request;
  const [lock] = await tx.query<{ locked: boolean }>(sql`SELECT registry_try_idempotency_lock(${key}) AS locked`);
  if (!lock.locked) {
    return { kind: 'refused', error: { field: 'idempotencyKey', code: UserErrorCode.IN_PROGRESS, message: `A request with idempotency key '${key}' is still running; retry when it has finished to get its result.` } };
  }
  const [earlier] = await tx.query<{ operation: string; hash: string; result: R }>(
    sql`SELECT operation, payload_hash AS hash, result FROM idempotency_request WHERE api_key_id = ${caller.apiKeyId} AND key = ${key} AND completed_at IS NOT NULL`,
  );
  if (!earlier) return { kind: 'claimed' };
  if (earlier.operation !== operation || earlier.hash !== hash) {
    return { kind: 'refused', error: { field: 'idempotencyKey', code: UserErrorCode.IDEMPOTENCY_KEY_REUSED, message: `Idempotency key '${key}' was already used with a different payload; use a new key for new data.` } };
  }
  return { kind: 'replay', result: earlier.result };
}

/**
 * Stores the result in the work's transaction. A row still marked running (left by a version that
 * claimed keys in a separate statement) is taken over: the lock proves nothing else runs with the key.
 */
export async function completeIdempotencyKey(tx: RequestDb, caller: Caller, request: IdempotentRequest, result: unknown): Promise<void> {
  if (caller.kind !== 'key') return;
  await tx.query(sql`
    INSERT INTO idempotency_request (api_key_id, key, operation, payload_hash, completed_at, result)
    VALUES (${caller.apiKeyId}, ${request.key}, ${request.operation}, ${request.hash}, now(), ${JSON.stringify(result)}::jsonb)
    ON CONFLICT (api_key_id, key) DO UPDATE SET operation = excluded.operation, payload_hash = excluded.payload_hash,
      started_at = now(), completed_at = now(), result = excluded.result`);
}
