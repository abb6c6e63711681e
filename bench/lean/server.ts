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
import { endPool, operationRootField, ROOT_FIELDS, type OperationContext } from '../raw-server';

type Context = OperationContext & { reply: { request: { body: { operationName?: string; variables?: Record<string, unknown> } } } };

const rootField = operationRootField<Context>((context) => context.reply.request.body);

const schema = readFileSync(path.join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
const app = Fastify({ keepAliveTimeout: 60_000 });
void app.register(mercurius, {
  schema,
  resolvers: { Query: Object.fromEntries(ROOT_FIELDS.map((name) => [name, rootField])) } as never,
  jit: 1,
});
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => console.log('listening'));
process.on('SIGTERM', () => {
  void app.close().then(() => endPool()).then(() => process.exit(0));
});
