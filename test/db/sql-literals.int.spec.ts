/**
 * COPY takes no bind parameters, so the export's COPY writes its filter values into the statement
 * (renderInline, src/db/sql.ts), made text by pg's own prepareValue (pg/lib/utils, not in pg's typings: this
 * pins that it is still there and still means what a parameter means) and quoted by pg's escapeLiteral.
 * Each value here gives the same answer written in as given as a parameter, hostile text included.
 */
import { Client } from 'pg';
import { render, renderInline, sql } from '../../src/db/sql';
import { createTestDatabase } from '../setup/test-app';

let database: { url: string; drop: () => Promise<void> };
let client: Client;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  client = new Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await database.drop();
});

const HOSTILE = ["O'Brien", 'back\\slash', "'); DROP TABLE x; --", '$1 and $$ quoted $$', '秦淮区 "quoted"', 'tab\tnew\nline', ''];

it.each([
  ['text', (v: unknown) => sql`SELECT ${v}::text AS v`, HOSTILE],
  ['text[]', (v: unknown) => sql`SELECT ${v}::text[] AS v`, [HOSTILE, ['a,b', '{c}', 'NULL', null]]],
  ['= ANY of an untyped list', (v: unknown) => sql`SELECT x FROM unnest(ARRAY['a', 'b''c', 'd\\e']) x WHERE x = ANY(${v}) ORDER BY x`, [['b\'c', 'd\\e'], ['zzz']]],
  ['integer', (v: unknown) => sql`SELECT ${v}::int + 1 AS v`, [0, -7, 2147483646]],
  ['boolean', (v: unknown) => sql`SELECT NOT ${v}::boolean AS v`, [true, false]],
  ['date', (v: unknown) => sql`SELECT ${v}::date AS v`, ['2024-02-29', '1949-10-01']],
  ['null', (v: unknown) => sql`SELECT ${v}::text IS NULL AS v`, [null]],
  ['two values', (v: unknown) => sql`SELECT ${v}::text || ${'$1'}::text AS v`, ['x$1']],
])('%s: written in gives what the parameter gives', async (_name, statement, values) => {
  for (const value of values as unknown[]) {
    const { text, values: params } = render(statement(value));
    const bound = await client.query(text, params);
    const inline = await client.query(renderInline(statement(value)));
    expect(inline.rows).toEqual(bound.rows);
  }
});
