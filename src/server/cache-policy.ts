import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getDirectiveValues,
  getNamedType,
  isCompositeType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { cacheControlDirective } from '../graphql/cache-hints';
import type { RequestContext } from '../graphql/context';

/** A response's cache policy: seconds it stays fresh (0: not cacheable) and who may share it. */
export interface CachePolicy {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

interface Hint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

function hintOf(nodes: ReadonlyArray<{ directives?: ReadonlyArray<unknown> } | null | undefined>): Hint {
  for (const node of nodes) {
    if (!node) continue;
    const values = getDirectiveValues(cacheControlDirective, node as Parameters<typeof getDirectiveValues>[1]);
    if (values) return values as Hint;
  }
  return {};
}

const typeHint = (type: GraphQLCompositeType): Hint => hintOf([type.astNode, ...(type.extensionASTNodes ?? [])]);
const fieldHint = (field: GraphQLField<unknown, unknown>): Hint => hintOf([field.astNode]);

/**
 * The policy of a whole operation, read from the document and the schema's `@cacheControl` hints
 * with Apollo's rules: a field's own hint, else its type's; a root field, or a field returning an
 * object that does not inherit, without a hint is not cacheable; the response gets the smallest
 * maxAge of its fields. Every field written in the document counts, even one that a null parent
 * would skip, so the answer can only be stricter than Apollo's per-field count.
 */
export function operationCachePolicy(schema: GraphQLSchema, document: DocumentNode): CachePolicy {
  const policy: CachePolicy = { maxAge: Number.POSITIVE_INFINITY, scope: 'PUBLIC' };
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(Boolean));
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.OPERATION_DEFINITION](node) {
        if (node.operation !== 'query') policy.maxAge = 0;
      },
      [Kind.FIELD](node: ASTNode) {
        if (node.kind !== Kind.FIELD || node.name.value === '__typename') return;
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!field || !parent || node.name.value.startsWith('__')) {
          policy.maxAge = 0; // introspection and unknown fields: never cached
          return;
        }
        const target = getNamedType(field.type);
        let hint: Hint = {};
        let inherits = false;
        if (isCompositeType(target)) {
          hint = typeHint(target);
          inherits = !!hint.inheritMaxAge;
        }
        const own = fieldHint(field);
        if (own.inheritMaxAge && hint.maxAge === undefined) {
          inherits = true;
          if (own.scope) hint = { ...hint, scope: own.scope };
        } else {
          hint = { ...hint, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) };
        }
        let maxAge = hint.maxAge;
        if (maxAge === undefined && ((isCompositeType(target) && !inherits) || roots.has(parent as never))) maxAge = 0;
        if (maxAge !== undefined) policy.maxAge = Math.min(policy.maxAge, maxAge);
        if (hint.scope === 'PRIVATE') policy.scope = 'PRIVATE';
      },
    }),
  );
  if (!Number.isFinite(policy.maxAge)) policy.maxAge = 0;
  return policy;
}

/**
 * Apollo's own cache-control plugin counts hints field by field as the response is resolved, which
 * wraps every resolver of the schema: a cost paid on every field of every request. The hints are
 * static here (no resolver sets one), so the policy is worked out once per parsed document (Apollo
 * keeps parsed documents, so a repeated query costs a WeakMap lookup) and given to Apollo's
 * response cache, and the Cache-Control header is written as Apollo writes it.
 */
export function staticCachePolicy(): ApolloServerPlugin<RequestContext> {
  const byDocument = new WeakMap<DocumentNode, CachePolicy>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, overallCachePolicy }) {
          let policy = byDocument.get(document);
          if (!policy) byDocument.set(document, (policy = operationCachePolicy(schema, document)));
          overallCachePolicy.restrict(policy);
        },
        async willSendResponse({ request, response, overallCachePolicy, contextValue }) {
          // A GET's ETag is over what it answered (data and errors), not the envelope: `extensions` carries a fresh
          // requestId (and the statement count) every time, so Express's ETag over the body never matched and
          // If-None-Match never saved a download. Express answers 304 when the client's tag matches (graphql-http.ts).
          if (request.http?.method === 'GET' && response.body.kind === 'single') {
            const { data, errors } = response.body.singleResult;
            const digest = createHash('sha1').update(JSON.stringify([data ?? null, errors ?? null])).digest('base64url');
            response.http.headers.set('etag', `W/"${digest}"`);
          }
          // What a request may see depends on its key: a shared cache must key answers by it (Vary), and must not
          // keep one answered for a key at all (private), lest it hand a keyed answer to a keyless client.
          const vary = response.http.headers.get('vary');
          if (!/\bauthorization\b/i.test(vary ?? '')) response.http.headers.set('vary', vary ? `${vary}, Authorization` : 'Authorization');
          const cacheable = overallCachePolicy.policyIfCacheable();
          const ok = response.body.kind === 'single' && !response.body.singleResult.errors;
          if (response.http.headers.has('cache-control')) return;
          const scope = contextValue.caller.kind === 'key' ? 'private' : cacheable?.scope.toLowerCase();
          response.http.headers.set('cache-control', cacheable && ok ? `max-age=${cacheable.maxAge}, ${scope}` : 'no-store');
        },
      };
    },
  };
}
