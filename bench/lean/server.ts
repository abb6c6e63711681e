/**
 * The lean server of `npm run bench` (issue 21): what a hand-written GraphQL server in Node does with the same
 * questions. Fastify and Mercurius (graphql-jit on) over the committed schema (schema/schema.graphql); no
 * authentication, limits, loaders or plugins; every root field of an operation is answered from the raw floor's one
 * prepared statement for that operation (bench/raw-server.ts), run once per request. Env: DATABASE_URL, PORT,
 * POOL_SIZE. Prints "listening".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import mercurius from 'mercurius';
import type { GraphQLResolveInfo } from 'graphql';
import { endPool, handlers } from '../raw-server';

type Context = { operation?: Promise<Record<string, unknown>>; reply: { request: { body: { operationName?: string; variables?: Record<string, unknown> } } } };

/** The request's operation answered once, by the raw floor's statement; each root field takes its part (by its alias). */
function rootField(_root: unknown, args: { id?: string }, context: Context, info: GraphQLResolveInfo) {
  const { operationName = '', variables = {} } = context.reply.request.body;
  context.operation ??= handlers[operationName]?.(variables) ?? Promise.reject(new Error(`unknown operation ${operationName}`));
  return context.operation.then((data) => {
    const value = data[info.path.key as string] as Record<string, unknown> | null;
    // node(id:) answers an interface: the type is the one the global id names.
    if (value && args.id && info.fieldName === 'node') return { ...value, __typename: Buffer.from(args.id, 'base64url').toString('utf8').split(':')[0] };
    return value;
  });
}

const schema = readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
const app = Fastify({ keepAliveTimeout: 60_000 });
void app.register(mercurius, {
  schema,
  resolvers: { Query: Object.fromEntries(['goalRanking', 'city', 'enterprises', 'innovationStudioStats', 'node'].map((name) => [name, rootField])) } as never,
  jit: 1,
});
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => console.log('listening'));
process.on('SIGTERM', () => {
  void app.close().then(() => endPool()).then(() => process.exit(0));
});
