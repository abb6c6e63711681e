import type { NextFunction, Request, Response } from 'express';
import type { Pool } from 'pg';
import { hashApiKey } from '../modules/api-key/api-key-secret';
import { sendError } from '../server/http-error';
import type { ApiKeyCache, KeyCaller } from './api-key-cache';
import { ANONYMOUS, type Caller, type Role } from './caller';

export class Unauthenticated extends Error {}

/**
 * The caller a request's `Authorization: Bearer <key>` names; a bad or revoked key is refused, never anonymous.
 * With `keys`, a key seen in the last minute is answered from memory (src/auth/api-key-cache.ts).
 */
/** The token of an `Authorization: Bearer <token>` header, or null when the header is not of that form. */
export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}

export async function callerOf(pool: Pool, authorization: string | undefined, keys?: ApiKeyCache): Promise<Caller> {
  if (!authorization) return ANONYMOUS;
  const token = bearerToken(authorization);
  if (!token) throw new Unauthenticated('The Authorization header must be "Bearer <API key>".');
  const keyHash = hashApiKey(token);
  const cached = keys?.get(keyHash);
  if (cached) return cached;
  const mark = keys?.mark() ?? 0;
  // One round trip: find the key and, if it is live, mark it used — at most once a minute, so
  // that a busy key does not write on every request.
  // Named (prepared): every keyed request runs it, so each connection plans it only once.
  const { rows } = await pool.query<{ id: number; role: Role; cityCode: string | null; label: string; revoked: boolean }>({
    name: 'authenticate-api-key',
    text: `WITH found AS (SELECT id, role, city_code, label, revoked_at FROM api_key WHERE key_hash = $1),
     touched AS (UPDATE api_key k SET last_used_at = now() FROM found
       WHERE k.id = found.id AND found.revoked_at IS NULL AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute'))
     SELECT id, role, city_code AS "cityCode", label, revoked_at IS NOT NULL AS revoked FROM found`,
    values: [keyHash],
  });
  const key = rows[0];
  if (!key) throw new Unauthenticated('Unknown API key.');
  if (key.revoked) throw new Unauthenticated('This API key has been revoked.');
  const caller: KeyCaller = { kind: 'key', apiKeyId: key.id, role: key.role, cityCode: key.cityCode, label: key.label };
  keys?.set(keyHash, caller, mark);
  return caller;
}

function refuse(res: Response, message: string): void {
  res.setHeader('www-authenticate', 'Bearer realm="reform-registry"');
  sendError(res, 401, 'UNAUTHENTICATED', message);
}

/**
 * Finds the caller before any API route runs (res.locals.caller). Without a key a request is
 * anonymous, which production refuses: there, only the health endpoints are open.
 */
export function authenticate(pool: Pool, options: { requireKey: boolean }, keys?: ApiKeyCache) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const caller = await callerOf(pool, req.header('authorization'), keys);
      if (caller.kind === 'anonymous' && options.requireKey) return refuse(res, 'An API key is required (Authorization: Bearer <key>).');
      res.locals.caller = caller;
      next();
    } catch (error) {
      if (error instanceof Unauthenticated) return refuse(res, error.message);
      next(error);
    }
  };
}
