import type { NextFunction, Request, Response } from 'express';
import type { Pool } from 'pg';
import { preparedName } from '../db/request-pool';
import { hashApiKey } from '../modules/api-key/api-key-secret';
import { sendError } from '../server/http-error';
import { traceStatement } from '../server/tracing';
import type { RateLimiter } from '../server/rate-limit/rate-limit';
import type { ApiKeyCache, KeyCaller } from './api-key-cache';
import { ANONYMOUS, type Caller, type Role } from './caller';

export class Unauthenticated extends Error {}

/** Thrown when the address may not have another key looked up now; the 429 has been sent. */
class LookupRefused extends Error {}

/**
 * The caller a request's `Authorization: Bearer <key>` names; a bad or revoked key is refused, never anonymous.
 * With `keys`, a key seen in the last minute is answered from memory (src/auth/api-key-cache.ts).
 */
/** The token of an `Authorization: Bearer <token>` header, or null when the header is not of that form. */
export function bearerToken(authorization: string | undefined): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? null;
}

export async function callerOf(pool: Pool, authorization: string | undefined, keys?: ApiKeyCache, beforeLookup?: () => Promise<boolean>): Promise<Caller> {
  // Only a request without the header is anonymous: an empty or blank one is malformed.
  if (authorization === undefined) return ANONYMOUS;
  const token = bearerToken(authorization);
  if (!token) throw new Unauthenticated('The Authorization header must be "Bearer <API key>".');
  const keyHash = hashApiKey(token);
  const cached = keys?.get(keyHash);
  if (cached) return cached;
  if (beforeLookup && !(await beforeLookup())) throw new LookupRefused();
  const mark = keys?.mark() ?? 0;
  // One round trip: PostgreSQL finds the key by its hash and, if it is live, marks it used (at most
  // once a minute, so that a busy key does not write on every request). The application role cannot
  // read key hashes itself: registry_authenticate (migration 31) does it with the key in hand.
  // Named (prepared): every keyed request runs it, so each connection plans it only once.
  const lookup = { name: preparedName(pool, 'authenticate-api-key'), text: `SELECT id, role, city_code AS "cityCode", label, revoked FROM registry_authenticate($1)`, values: [token] };
  const { rows } = await traceStatement(lookup.text, lookup.name, () => pool.query<{ id: number; role: Role; cityCode: string | null; label: string; revoked: boolean }>(lookup));
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
export function authenticate(pool: Pool, options: { requireKey: boolean }, keys?: ApiKeyCache, limiter?: Pick<RateLimiter, 'beforeKeyLookup'> | null) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const authorization = req.header('authorization');
      const caller = await callerOf(pool, authorization, keys, limiter ? () => limiter.beforeKeyLookup(req, res) : undefined);
      if (caller.kind === 'anonymous' && options.requireKey) return refuse(res, 'An API key is required (Authorization: Bearer <key>).');
      res.locals.caller = caller;
      // The key itself, for this request only: PostgreSQL checks it again wherever it acts for the caller.
      res.locals.apiKey = caller.kind === 'key' ? bearerToken(authorization) : null;
      next();
    } catch (error) {
      if (error instanceof Unauthenticated) return refuse(res, error.message);
      if (error instanceof LookupRefused) return;
      next(error);
    }
  };
}
