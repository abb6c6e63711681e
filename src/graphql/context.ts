import type { Pool } from 'pg';
import { RequestDb } from '../db/request-db';
import { Loaders } from './loaders';

/** One per request: who asks (from the portal issue on), its id, its database handle, its loaders. */
export interface RequestContext {
  requestId: string;
  db: RequestDb;
  loaders: Loaders;
}

export function createRequestContext(pool: Pool, requestId: string): RequestContext {
  return { requestId, db: new RequestDb(pool), loaders: new Loaders() };
}
