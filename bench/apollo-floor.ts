/**
 * The Apollo floor of `npm run bench` (issue 21): the least any server on this stack can spend on a request.
 * The API's own HTTP plumbing (src/server/serving.ts, Express, express.json, src/server/graphql-http.ts's
 * apolloHandler) and Apollo Server 5 with the API's graphql-jit executor (src/graphql/jit-executor.ts), over the
 * committed schema (schema/schema.graphql); every root field answered as the lean server answers it, from the raw
 * floor's one prepared statement (bench/lean/server.ts, bench/raw-server.ts). No authentication, limits, loaders,
 * plugins of the API's (Apollo's own cache control and landing page are off, as in the API), type-graphql or request
 * database.
 *
 * So the bench splits the API's distance from the lean server (Fastify + Mercurius) in two: the floor against the
 * lean server is what the stack costs, the API against the floor is what the API does on top. Env: DATABASE_URL,
 * PORT, POOL_SIZE. Prints "listening".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import { buildSchema } from 'graphql';
import { jitGateway } from '../src/graphql/jit-executor';
import { apolloHandler } from '../src/server/graphql-http';
import { Serving } from '../src/server/serving';
import { endPool, operationRootField, ROOT_FIELDS, type OperationContext } from './raw-server';

type Context = OperationContext & { body: { operationName?: string; variables?: Record<string, unknown> } };

/** As the lean server's: the operation answered once by the raw floor's statement, each root field its part. */
const rootField = operationRootField<Context>((context) => context.body);

async function main(): Promise<void> {
  const schema = buildSchema(readFileSync(path.join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));
  const fields = schema.getQueryType()!.getFields();
  for (const name of ROOT_FIELDS) fields[name].resolve = rootField as never;
  // Apollo's per-field cache control wraps every resolver (and so stops graphql-jit reading properties inline): off, as in the API.
  const plugins = [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()];
  const apollo = new ApolloServer<Context>({ gateway: jitGateway(schema), plugins, csrfPrevention: false, stopOnTerminationSignals: false });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  app.use('/graphql', express.json({ limit: '1mb' }), apolloHandler(apollo, async (req) => ({ body: req.body })));
  const serving = new Serving();
  serving.serve(app);
  await serving.listen(Number(process.env.PORT), '127.0.0.1');
  console.log('listening');
  process.on('SIGTERM', () => {
    void serving.drain(5_000).then(() => apollo.stop()).then(() => endPool()).then(() => process.exit(0));
  });
}

void main();
