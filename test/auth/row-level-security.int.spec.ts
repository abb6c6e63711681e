/**
 * The second line of defence (migration 16), tested behind the application's back: a plain pg
 * connection acting as the application role, with the caller settings a write transaction sets.
 * PostgreSQL itself must keep a city editor inside its city, ANALYST and callers without settings
 * out of every table, everyone but ADMIN out of goals, sources and figures, the audit log
 * append-only, and DELETE out of reach.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APPLICATION_ROLE } from '../../migrations/1730000000016-CreateApplicationRoleWithRowLevelSecurity';
import { createTestDatabase } from '../setup/test-app';

const NANJING = '320100';
const WUXI = '320200'; // 无锡, another city of Jiangsu (320000)
const JIANGSU = '320000';

const CITY_TABLES = ['enterprise', 'craftsman', 'innovation_studio', 'craftsman_academy', 'collective_innovation_contract'] as const;
const ADMIN_TABLES = ['source', 'goal', 'reported_figure'] as const;
type Table = (typeof CITY_TABLES)[number] | (typeof ADMIN_TABLES)[number];

/** A credit code of the right alphabet (the table checks the characters, the API the check character). */
const creditCode = () => Array.from(randomBytes(18), (b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');

/** One new row of each table; `$1` is the city (null for none), for the city tables. */
const INSERT: Record<Table, () => { text: string; values: unknown[] }> = {
  enterprise: () => ({
    text: `INSERT INTO enterprise (credit_code, name, ownership, province_code, city_code) VALUES ($2, 'RLS 测试企业', 'PRIVATE', '${JIANGSU}', $1) RETURNING id`,
    values: [creditCode()],
  }),
  craftsman: () => ({ text: `INSERT INTO craftsman (name, level, status, province_code, city_code) VALUES ('RLS 测试工匠', 'MUNICIPAL', 'CANDIDATE', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  innovation_studio: () => ({
    text: `INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code) VALUES ('RLS 测试工作室', 'EMPLOYEE', (SELECT min(id) FROM enterprise), '${JIANGSU}', $1) RETURNING id`,
    values: [],
  }),
  craftsman_academy: () => ({ text: `INSERT INTO craftsman_academy (name, level, province_code, city_code) VALUES ('RLS 测试学院', 'MUNICIPAL', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  collective_innovation_contract: () => ({
    text: `INSERT INTO collective_innovation_contract (enterprise_id, province_code, city_code, signed_on, term_months, workers_covered)
           VALUES ((SELECT min(id) FROM enterprise), '${JIANGSU}', $1, '2025-01-01', 12, 10) RETURNING id`,
    values: [],
  }),
  source: () => ({ text: `INSERT INTO source (publisher, title, published_on) VALUES ('RLS', $1, '2025-01-01') RETURNING id`, values: [`RLS 测试 ${randomBytes(4).toString('hex')}`] }),
  goal: () => ({
    text: `INSERT INTO goal (province_code, city_code, metric, target, deadline, source_id) VALUES ('${JIANGSU}', '${NANJING}', 'INNOVATION_STUDIOS', 10, '2030-12-31', (SELECT min(id) FROM source)) RETURNING id`,
    values: [],
  }),
  reported_figure: () => ({
    text: `INSERT INTO reported_figure (province_code, city_code, metric, value, unit, as_of, source_id) VALUES ('${JIANGSU}', '${NANJING}', 'RLS_TEST', 1, 'COUNT', '2025-01-01', (SELECT min(id) FROM source)) RETURNING id`,
    values: [],
  }),
};

function insertInto(table: Table, city: string | null): { text: string; values: unknown[] } {
  const { text, values } = INSERT[table]();
  return (CITY_TABLES as readonly string[]).includes(table) ? { text, values: [city, ...values] } : { text, values };
}

type Settings = { role: string; city?: string } | null;
type Outcome = { rowCount: number } | { error: string; code: string };

let database: { url: string; drop: () => Promise<void> };
let owner: Client;
let app: Client;
/** Fixture rows made by the owner (whom row-level security does not bind): per city table, one per city and one without. */
const rows = {} as Record<(typeof CITY_TABLES)[number], { own: number; other: number; none: number }>;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new Client({ connectionString: database.url });
  await owner.connect();
  for (const table of CITY_TABLES) {
    const make = async (city: string | null) => {
      const { text, values } = insertInto(table, city);
      return (await owner.query<{ id: number }>(text, values)).rows[0].id;
    };
    rows[table] = { own: await make(NANJING), other: await make(WUXI), none: await make(null) };
  }
  app = new Client({ connectionString: database.url, options: `-c role=${APPLICATION_ROLE}` });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await database?.drop();
});

/**
 * Runs one statement as the application role in its own transaction, with the caller settings
 * set as src/db/request-db.ts sets them (transaction-local), then rolls back: the fixtures stay.
 */
async function attempt(settings: Settings, text: string, values: unknown[] = []): Promise<Outcome> {
  await app.query('BEGIN');
  try {
    if (settings) await app.query(`SELECT set_config('registry.role', $1, true), set_config('registry.city', $2, true)`, [settings.role, settings.city ?? '']);
    const result = await app.query(text, values);
    return { rowCount: result.rowCount ?? 0 };
  } catch (error) {
    return { error: (error as Error).message, code: (error as { code: string }).code };
  } finally {
    await app.query('ROLLBACK');
  }
}

const NANJING_EDITOR: Settings = { role: 'CITY_EDITOR', city: NANJING };
const ADMIN: Settings = { role: 'ADMIN' };
const ROW_POLICY = { code: '42501', error: expect.stringMatching(/new row violates row-level security policy/) };
const NO_PRIVILEGE = { code: '42501', error: expect.stringMatching(/permission denied/) };
const touch = (table: string) => `UPDATE ${table} SET updated_at = now() WHERE id = $1`;

it('the connection really acts as the application role, which owns no table', async () => {
  expect((await app.query('SELECT current_user AS "user", session_user AS "session"')).rows[0]).toEqual({ user: APPLICATION_ROLE, session: expect.any(String) });
  const owned = await app.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
  expect(owned.rows).toEqual([]);
  // Reads are open to every caller, with or without settings.
  expect(await attempt(null, `SELECT id FROM innovation_studio WHERE id = $1`, [rows.innovation_studio.other])).toEqual({ rowCount: 1 });
});

describe.each(CITY_TABLES)('%s, a city table', (table) => {
  it(`a CITY_EDITOR of ${NANJING} updates its own city's rows`, async () => {
    expect(await attempt(NANJING_EDITOR, touch(table), [rows[table].own])).toEqual({ rowCount: 1 });
  });

  it(`a CITY_EDITOR of ${NANJING} cannot update a row of ${WUXI} or one without a city (0 rows)`, async () => {
    expect(await attempt(NANJING_EDITOR, touch(table), [rows[table].other])).toEqual({ rowCount: 0 });
    expect(await attempt(NANJING_EDITOR, touch(table), [rows[table].none])).toEqual({ rowCount: 0 });
    const all = await attempt(NANJING_EDITOR, `UPDATE ${table} SET updated_at = now()`);
    const own = await owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE city_code = $1`, [NANJING]);
    expect(all).toEqual({ rowCount: own.rows[0].n }); // a blanket UPDATE reaches exactly its own city's rows
  });

  it(`a CITY_EDITOR of ${NANJING} cannot move its row to ${WUXI} or out of any city`, async () => {
    expect(await attempt(NANJING_EDITOR, `UPDATE ${table} SET city_code = $2 WHERE id = $1`, [rows[table].own, WUXI])).toEqual(ROW_POLICY);
    expect(await attempt(NANJING_EDITOR, `UPDATE ${table} SET city_code = NULL WHERE id = $1`, [rows[table].own])).toEqual(ROW_POLICY);
  });

  it(`a CITY_EDITOR of ${NANJING} inserts into its city only`, async () => {
    const mine = insertInto(table, NANJING);
    expect(await attempt(NANJING_EDITOR, mine.text, mine.values)).toEqual({ rowCount: 1 });
    const theirs = insertInto(table, WUXI);
    expect(await attempt(NANJING_EDITOR, theirs.text, theirs.values)).toEqual(ROW_POLICY);
    const cityless = insertInto(table, null);
    expect(await attempt(NANJING_EDITOR, cityless.text, cityless.values)).toEqual(ROW_POLICY);
  });

  it.each<[string, Settings]>([
    ['ANALYST', { role: 'ANALYST' }],
    ['no caller settings', null],
    ['CITY_EDITOR without a city', { role: 'CITY_EDITOR' }],
    ['an unknown role', { role: 'SUPERUSER', city: NANJING }],
  ])('%s: every write is refused', async (_case, settings) => {
    const insert = insertInto(table, NANJING);
    expect(await attempt(settings, insert.text, insert.values)).toEqual(ROW_POLICY);
    expect(await attempt(settings, touch(table), [rows[table].own])).toEqual({ rowCount: 0 });
  });

  it('ADMIN writes in every city and without one', async () => {
    for (const id of Object.values(rows[table])) expect(await attempt(ADMIN, touch(table), [id])).toEqual({ rowCount: 1 });
    for (const city of [WUXI, null]) {
      const insert = insertInto(table, city);
      expect(await attempt(ADMIN, insert.text, insert.values)).toEqual({ rowCount: 1 });
    }
  });
});

describe.each(ADMIN_TABLES)('%s, kept by ADMIN alone', (table) => {
  it('is refused to a CITY_EDITOR, even for its own city, and to ANALYST', async () => {
    const [{ id }] = (await owner.query(`SELECT max(id) AS id FROM ${table}`)).rows;
    for (const settings of [NANJING_EDITOR, { role: 'ANALYST' }, null]) {
      const insert = insertInto(table, null);
      expect(await attempt(settings, insert.text, insert.values)).toEqual(ROW_POLICY);
      expect(await attempt(settings, touch(table), [id])).toEqual({ rowCount: 0 });
    }
  });

  it('is written by ADMIN', async () => {
    const [{ id }] = (await owner.query(`SELECT max(id) AS id FROM ${table}`)).rows;
    const insert = insertInto(table, null);
    expect(await attempt(ADMIN, insert.text, insert.values)).toEqual({ rowCount: 1 });
    expect(await attempt(ADMIN, touch(table), [id])).toEqual({ rowCount: 1 });
  });
});

describe('the audit log', () => {
  let entry: number;
  const APPEND = `INSERT INTO audit_entry (actor_role, actor_city_code, operation, record_type, record_id, record_city_code, after)
                  VALUES ($1, $2, 'UPDATE', 'InnovationStudio', 1, $2, '{}'::jsonb)`;
  beforeAll(async () => {
    entry = (await owner.query(`INSERT INTO audit_entry (actor_role, operation, record_type, record_id, after) VALUES ('ADMIN', 'CREATE', 'Source', 1, '{}') RETURNING id`)).rows[0].id;
  });

  it('takes entries from writers, for their own city', async () => {
    expect(await attempt(ADMIN, APPEND, ['ADMIN', WUXI])).toEqual({ rowCount: 1 });
    expect(await attempt(NANJING_EDITOR, APPEND, ['CITY_EDITOR', NANJING])).toEqual({ rowCount: 1 });
    expect(await attempt(NANJING_EDITOR, APPEND, ['CITY_EDITOR', WUXI])).toEqual(ROW_POLICY);
    expect(await attempt({ role: 'ANALYST' }, APPEND, ['ANALYST', NANJING])).toEqual(ROW_POLICY);
  });

  it('cannot be changed or emptied by anyone, ADMIN included', async () => {
    expect(await attempt(ADMIN, `UPDATE audit_entry SET after = '{"forged": true}' WHERE id = $1`, [entry])).toEqual(NO_PRIVILEGE);
    expect(await attempt(ADMIN, `DELETE FROM audit_entry WHERE id = $1`, [entry])).toEqual(NO_PRIVILEGE);
    expect(await attempt(ADMIN, `TRUNCATE audit_entry`)).toEqual(NO_PRIVILEGE);
    expect((await owner.query('SELECT after FROM audit_entry WHERE id = $1', [entry])).rows).toEqual([{ after: {} }]);
  });
});

describe('what no caller may do', () => {
  it.each([...CITY_TABLES, ...ADMIN_TABLES, 'api_key', 'city', 'province'])('DELETE from %s is refused, even to ADMIN', async (table) => {
    expect(await attempt(ADMIN, `DELETE FROM ${table} WHERE false`)).toEqual(NO_PRIVILEGE);
    expect(await attempt(NANJING_EDITOR, `DELETE FROM ${table} WHERE false`)).toEqual(NO_PRIVILEGE);
  });

  it('changing the division tables is refused, even to ADMIN', async () => {
    expect(await attempt(ADMIN, `UPDATE city SET name = 'x' WHERE code = $1`, [NANJING])).toEqual(NO_PRIVILEGE);
    expect(await attempt(ADMIN, `INSERT INTO province (code, name) VALUES ('990000', 'x')`)).toEqual(NO_PRIVILEGE);
  });

  it('the caller settings last one transaction: the next one on the same connection has none', async () => {
    const studio = rows.innovation_studio.own;
    await app.query('BEGIN');
    await app.query(`SELECT set_config('registry.role', 'ADMIN', true), set_config('registry.city', '', true)`);
    expect((await app.query(touch('innovation_studio'), [studio])).rowCount).toBe(1);
    await app.query('COMMIT');
    expect(await attempt(null, touch('innovation_studio'), [studio])).toEqual({ rowCount: 0 });
  });
});
