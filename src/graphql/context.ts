import type { Pool } from 'pg';
import type { Caller } from '../auth/caller';
import { RequestDb } from '../db/request-db';
import { Loaders } from './loaders';

/** One per request: who asks, its id, its database handle, its loaders. */
export interface RequestContext {
  requestId: string;
  caller: Caller;
  db: RequestDb;
  loaders: Loaders;
}

export function createRequestContext(pool: Pool, requestId: string, caller: Caller): RequestContext {
  return { requestId, caller, db: new RequestDb(pool), loaders: new Loaders() };
}
