/**
 * The raw baseline of `npm run bench`: the practical floor for the six questions. A bare node:http
 * server takes the same POST body as the API, runs one hand-written SQL statement per request
 * through `pg` and answers with JSON.stringify in the API's response shape (global ids, cursors),
 * so that the bench can check it gives the same data. No GraphQL, no framework, no validation
 * beyond what the queries need. Env: DATABASE_URL, PORT, POOL_SIZE. Prints "listening".
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { GraphQLResolveInfo } from 'graphql';
import { Pool, types } from 'pg';
import { encodeCursor } from '../src/graphql/relay/cursor';
import { toGlobalId } from '../src/graphql/relay/global-id';

types.setTypeParser(types.builtins.DATE, (value) => value);
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE || 10) });

/**
 * Each statement runs prepared (named): a connection parses and plans it once, then only binds and executes it,
 * as the API's statements do (src/db/request-db.ts). Unnamed, PostgreSQL would plan every request's statement
 * anew, and the floor would be slower than what a lean server does.
 */
const prepared = (name: string, text: string, values: unknown[]) => pool.query({ name, text, values });

// "Today" in China time, recomputed at most once a second (Intl formatting costs more than the query plan).
const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
let today = { at: 0, day: '' };
const todayInChina = () => (Date.now() - today.at < 1000 ? today.day : (today = { at: Date.now(), day: chinaDay.format(new Date()) }).day);

type Variables = Record<string, any>;
const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const keyOf = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

/** Each operation's answer (its `data`), by operationName: also what the lean server's resolvers return (bench/lean/server.ts). */
export const handlers: Record<string, (v: Variables) => Promise<Record<string, unknown>>> = {
  async Q1(v) {
    // Counted from the goal tally, as the API counts (src/registry/goal-tally.ts): the count from the year rows; the
    // window (a year back from today: no whole year inside it) from the month rows between its first and last month
    // and the day rows of those two months.
    const { rows } = await prepared('raw_q1',
      `WITH w AS (SELECT $2::date AS today, ($2::date - interval '12 months')::date AS after),
       m AS (SELECT w.*, w.after - (extract(day from w.after)::int - 1) AS am, w.today - (extract(day from w.today)::int - 1) AS tm FROM w)
       SELECT c.code, c.name, g.target, g.deadline, coalesce(n.current, 0)::int AS current, coalesce(n.trend, 0)::int AS trend
         FROM goal g JOIN city c ON c.code = g.city_code CROSS JOIN m
         CROSS JOIN LATERAL (SELECT
           (SELECT sum(x.value_sum) FROM goal_tally x WHERE x.metric = g.metric AND x.scope_code = g.city_code AND x.grain = 'Y') AS current,
           coalesce((SELECT sum(x.value_sum) FROM goal_tally x WHERE x.metric = g.metric AND x.scope_code = g.city_code AND x.grain = 'M'
                       AND x.earliest > m.am AND x.earliest < m.tm AND x.latest < m.tm), 0)
           + coalesce((SELECT sum(x.value_sum) FROM goal_tally x WHERE x.metric = g.metric AND x.scope_code = g.city_code AND x.grain = 'D'
                         AND x.earliest > m.after AND x.earliest < (m.am + interval '1 month')::date), 0)
           + coalesce((SELECT sum(x.value_sum) FROM goal_tally x WHERE x.metric = g.metric AND x.scope_code = g.city_code AND x.grain = 'D'
                         AND x.earliest >= m.tm AND x.earliest <= m.today AND x.latest <= m.today), 0) AS trend) n
        WHERE g.metric = 'INNOVATION_STUDIOS' AND g.province_code = $1 AND g.archived_at IS NULL
        ORDER BY coalesce(n.current, 0)::numeric / g.target DESC, g.city_code, g.id`,
      [v.province, todayInChina()],
    );
    return {
      goalRanking: rows.map((r, i) => ({
        rank: i + 1, city: { code: r.code, name: r.name }, goal: { target: r.target, deadline: r.deadline },
        progress: { current: r.current, ratio: round4(r.current / r.target), remaining: Math.max(r.target - r.current, 0), trendLast12Months: r.trend },
      })),
    };
  },
  async Q2(v) {
    const { rows } = await prepared('raw_q2',
      `SELECT c.code, c.name, s.id, s.name AS s_name, s.kind, s.established_on, e.id AS e_id, e.name AS e_name, e.credit_code
         FROM city c
         LEFT JOIN LATERAL (SELECT * FROM innovation_studio s WHERE s.city_code = c.code AND s.archived_at IS NULL ORDER BY s.id LIMIT 100) s ON true
         LEFT JOIN enterprise e ON e.id = s.enterprise_id
        WHERE c.code = $1 ORDER BY s.id`,
      [v.city],
    );
    if (!rows.length) return { city: null };
    const nodes = rows.filter((r) => r.id !== null).map((r) => ({
      id: toGlobalId('InnovationStudio', r.id), name: r.s_name, kind: r.kind, establishedOn: r.established_on,
      enterprise: { id: toGlobalId('Enterprise', r.e_id), name: r.e_name, creditCode: r.credit_code },
    }));
    return { city: { code: rows[0].code, name: rows[0].name, innovationStudios: { nodes } } };
  },
  async Q3(v) {
    const { rows } = await prepared('raw_q3',
      `SELECT e.id, e.credit_code, e.name,
              (SELECT count(*) FROM innovation_studio s WHERE s.enterprise_id = e.id AND s.archived_at IS NULL)::int AS studios,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'signedOn', c.signed_on, 'workersCovered', c.workers_covered) ORDER BY c.id)
                          FROM (SELECT id, signed_on, workers_covered FROM collective_innovation_contract c
                                 WHERE c.enterprise_id = e.id AND c.archived_at IS NULL ORDER BY c.id LIMIT 5) c), '[]') AS contracts
         FROM enterprise e WHERE e.city_code = $1 AND e.ownership = $2 AND e.archived_at IS NULL ORDER BY e.id LIMIT 100`,
      [v.city, v.ownership],
    );
    return {
      enterprises: {
        nodes: rows.map((r) => ({
          id: toGlobalId('Enterprise', r.id), creditCode: r.credit_code, name: r.name,
          collectiveContracts: { nodes: r.contracts.map((c: any) => ({ ...c, id: toGlobalId('CollectiveInnovationContract', c.id) })) },
          innovationStudios: { totalCount: r.studios },
        })),
      },
    };
  },
  async Q4(v) {
    const { rows } = await prepared('raw_q4',
      `SELECT city_code AS "cityCode", kind, sum(records)::int AS count FROM innovation_studio_stats_tally
        WHERE province_code = $1 GROUP BY 1, 2 HAVING sum(records) > 0 ORDER BY 1, 2`,
      [v.province],
    );
    return { innovationStudioStats: rows };
  },
  async Q5(v) {
    const { rows: [r] } = await prepared('raw_q5',
      `SELECT (SELECT json_build_object('name', name, 'kind', kind, 'establishedOn', established_on) FROM innovation_studio WHERE id = $1) AS s,
              (SELECT json_build_object('name', name, 'creditCode', credit_code, 'ownership', ownership) FROM enterprise WHERE id = $2) AS e,
              (SELECT json_build_object('signedOn', signed_on, 'workersCovered', workers_covered) FROM collective_innovation_contract WHERE id = $3) AS c`,
      [keyOf(v.s), keyOf(v.e), keyOf(v.c)],
    );
    const withId = (id: string, row: object | null) => (row ? { id, ...row } : null);
    return { s: withId(v.s, r.s), e: withId(v.e, r.e), c: withId(v.c, r.c) };
  },
  async Q6(v) {
    const [, , afterId] = JSON.parse(Buffer.from(v.after, 'base64url').toString('utf8'));
    const { rows } = await prepared('raw_q6',
      `SELECT id, credit_code, name FROM enterprise WHERE archived_at IS NULL AND id > $1 ORDER BY id LIMIT 101`, [afterId]);
    const page = rows.slice(0, 100);
    const last = page[page.length - 1];
    return {
      enterprises: {
        nodes: page.map((r) => ({ id: toGlobalId('Enterprise', r.id), creditCode: r.credit_code, name: r.name })),
        pageInfo: { hasNextPage: rows.length > 100, endCursor: last ? encodeCursor({ order: 'ID_ASC', value: last.id, id: last.id }) : null },
      },
    };
  },
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const handler = handlers[body.operationName];
  if (!handler) return send(res, 400, { errors: [{ message: `unknown operation ${body.operationName}` }] });
  send(res, 200, { data: await handler(body.variables ?? {}) });
}

/** The root fields the six queries ask: the GraphQL servers over these statements answer each with `operationRootField`. */
export const ROOT_FIELDS = ['goalRanking', 'city', 'enterprises', 'innovationStudioStats', 'node'];

/** What a GraphQL server over these statements keeps per request: its body, read by `bodyOf`, and the operation's answer. */
export interface OperationContext {
  operation?: Promise<Record<string, unknown>>;
}

/**
 * A root field's resolver for the lean server and the Apollo floor (bench/lean/server.ts, bench/apollo-floor.ts): the
 * request's operation is answered once, by its statement here, and each root field takes its part (by its alias).
 */
export function operationRootField<C extends OperationContext>(bodyOf: (context: C) => { operationName?: string; variables?: Variables }) {
  return (_root: unknown, args: { id?: string }, context: C, info: GraphQLResolveInfo) => {
    const { operationName = '', variables = {} } = bodyOf(context);
    context.operation ??= handlers[operationName]?.(variables) ?? Promise.reject(new Error(`unknown operation ${operationName}`));
    return context.operation.then((data) => {
      const value = data[info.path.key as string] as Record<string, unknown> | null;
      // node(id:) answers an interface: the type is the one the global id names.
      if (value && args.id && info.fieldName === 'node') return { ...value, __typename: Buffer.from(args.id, 'base64url').toString('utf8').split(':')[0] };
      return value;
    });
  };
}

/** Ends the pool (the lean server stops with it). */
export const endPool = () => pool.end();

if (require.main === module) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { errors: [{ message: error.message }] }));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
  process.on('SIGTERM', () => {
    server.close();
    void pool.end().then(() => process.exit(0));
  });
}
