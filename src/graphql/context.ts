import type { Pool } from 'pg';
import type { Caller } from '../auth/caller';
import { RequestDb } from '../db/request-db';
import { Loaders } from './loaders';

/** What the GraphQL layer reports about a request, for its log line and metrics (src/server/request-log.ts). */
export interface RequestOutcome {
  /** The name of each operation run (null: unnamed or not parsed). */
  operationNames: Array<string | null>;
  /** extensions.code of every error in the response. */
  errorCodes: string[];
  /** The operations' cost (ctx.queryCost summed: Apollo runs each operation on a shallow copy of the context). */
  queryCost: number;
}

/** One per request: who asks, its id, its database handle, its loaders. */
export interface RequestContext {
  requestId: string;
  caller: Caller;
  /**
   * The caller's API key as it came in (null without one), for this request only: PostgreSQL takes the
   * caller from it, never from what the application says (registry_begin, registry_craftsman_personal).
   */
  apiKey: string | null;
  db: RequestDb;
  loaders: Loaders;
  outcome: RequestOutcome;
  /** The cost of the operations run (src/graphql/limits/query-cost.ts; a batch adds up); 0 before one is known. */
  queryCost: number;
  /** The language of its messages: Chinese where the caller's Accept-Language prefers it (src/graphql/errors/chinese-messages.ts). */
  language: MessageLanguage;
}

export type MessageLanguage = 'zh' | 'en';

export function createRequestContext(pool: Pool, requestId: string, caller: Caller, apiKey: string | null = null, language: MessageLanguage = 'en'): RequestContext {
  return { requestId, caller, apiKey, db: new RequestDb(pool), loaders: new Loaders(), outcome: { operationNames: [], errorCodes: [], queryCost: 0 }, queryCost: 0, language };
}
