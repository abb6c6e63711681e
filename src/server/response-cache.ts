import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { registryChanges } from '../db/registry-changes';
import type { RequestContext } from '../graphql/context';
import { staticCachePolicy } from './cache-policy';

/**
 * Whole responses of cacheable queries (those that ask only for aggregates: see
 * src/graphql/cache-hints.ts) are kept in memory for their max-age, so a dashboard repeating its
 * query costs no SQL. Any committed write empties the cache at once, so an instance never answers
 * from before its own writes, nor from before another instance's (their commits notify this one: migration 51,
 * src/auth/api-key-cache.ts's listening connection). The policy comes
 * from cache-policy.ts, once per query document, in place of Apollo's per-field cache control.
 */
export function responseCache(maxSizeBytes = 32 * 1024 * 1024): ApolloServerPlugin<RequestContext>[] {
  const cache = new InMemoryLRUCache<string>({ maxSize: maxSizeBytes });
  let unsubscribe = () => undefined as unknown;
  const invalidation: ApolloServerPlugin<RequestContext> = {
    async serverWillStart() {
      unsubscribe = registryChanges.subscribe(() => cache.clear());
      return {
        async serverWillStop() {
          unsubscribe();
        },
      };
    },
  };
  // The policy is known before execution (cache-policy.ts): a query that may not be cached is not
  // hashed and looked up either. An answer read from a replica is kept only if the replica had replayed every change
  // this instance has heard of (src/db/read-replicas.ts, cacheable): else the cache would keep what the write emptied it of.
  const cacheable = async ({ overallCachePolicy }: { overallCachePolicy: { policyIfCacheable(): unknown } }) => overallCachePolicy.policyIfCacheable() !== null;
  return [ApolloServerPluginCacheControlDisabled(), staticCachePolicy(), responseCachePlugin<RequestContext>({ cache, shouldReadFromCache: cacheable, shouldWriteToCache: async ({ contextValue }) => contextValue.db.reads?.cacheable ?? true }), invalidation];
}
