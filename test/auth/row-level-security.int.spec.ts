/**
 * The second line of defence, tested as an attacker would use it: a plain pg session opened exactly as
 * the request pool opens one (the application role, logging in with its own password), running any SQL
 * it likes, as if a bug let SQL through. What PostgreSQL allows that session is what an attacker gets.
 * It must not become another role, forge a caller (set_config) or an audit entry, read key hashes or
 * personal data, write keys, write outside its caller's city, put a record outside its enterprise's
 * city, or see another key's idempotent results (issue 16).
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { APPLICATION_ROLE } from '../../migrations/1730000000016-CreateApplicationRoleWithRowLevelSecurity';
import { Role } from '../../src/auth/caller';
import { nationalIdCheckCharacter } from '../../src/common/national-id';
import { apiKeyStore } from '../../src/modules/api-key/api-key.store';
import { requestUrlOf } from '../setup/database-url';
import { createTestDatabase } from '../setup/test-app';
import { registryTypes } from '../../src/modules';

const NANJING = '320100';
const WUXI = '320200'; // 无锡, another city of Jiangsu (320000)
const JIANGSU = '320000';

const CITY_TABLES = [
  'enterprise', 'craftsman', 'innovation_studio', 'craftsman_academy', 'collective_innovation_contract',
  'skill_competition', 'training_programme', 'grassroots_organisation', 'reform_alliance', 'enterprise_service_request', 'reform_demonstration', 'competition_award',
] as const;
const ADMIN_TABLES = ['source', 'goal', 'reported_figure'] as const;
type Table = (typeof CITY_TABLES)[number] | (typeof ADMIN_TABLES)[number];

/** A credit code of the right alphabet (the table checks the characters, the API the check character). */
const creditCode = () => Array.from(randomBytes(18), (b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
/** An enterprise of the city `$1` (of Jiangsu without a city when null): a studio or contract must lie in its enterprise's city. */
const ENTERPRISE_OF_CITY = `(SELECT min(id) FROM enterprise WHERE city_code IS NOT DISTINCT FROM $1::char(6) AND province_code = '${JIANGSU}')`;

/** One new row of each table; `$1` is the city (null for none), for the city tables. */
const INSERT: Record<Table, () => { text: string; values: unknown[] }> = {
  enterprise: () => ({
    text: `INSERT INTO enterprise (credit_code, name, ownership, province_code, city_code) VALUES ($2, 'RLS 测试企业', 'PRIVATE', '${JIANGSU}', $1) RETURNING id`,
    values: [creditCode()],
  }),
  craftsman: () => ({ text: `INSERT INTO craftsman (name, level, status, province_code, city_code) VALUES ('RLS 测试工匠', 'MUNICIPAL', 'CANDIDATE', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  innovation_studio: () => ({
    text: `INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code) VALUES ('RLS 测试工作室', 'EMPLOYEE', ${ENTERPRISE_OF_CITY}, '${JIANGSU}', $1) RETURNING id`,
    values: [],
  }),
  craftsman_academy: () => ({ text: `INSERT INTO craftsman_academy (name, level, province_code, city_code) VALUES ('RLS 测试学院', 'MUNICIPAL', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  collective_innovation_contract: () => ({
    text: `INSERT INTO collective_innovation_contract (enterprise_id, province_code, city_code, signed_on, term_months, workers_covered)
           VALUES (${ENTERPRISE_OF_CITY}, '${JIANGSU}', $1, '2025-01-01', 12, 10) RETURNING id`,
    values: [],
  }),
  skill_competition: () => ({ text: `INSERT INTO skill_competition (name, province_code, city_code) VALUES ('RLS 测试竞赛', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  training_programme: () => ({ text: `INSERT INTO training_programme (name, province_code, city_code) VALUES ('RLS 测试培训', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  grassroots_organisation: () => ({
    text: `INSERT INTO grassroots_organisation (name, kind, province_code, city_code) VALUES ('RLS 测试工会', 'TRADE_UNION', '${JIANGSU}', $1) RETURNING id`,
    values: [],
  }),
  reform_alliance: () => ({ text: `INSERT INTO reform_alliance (name, province_code, city_code) VALUES ('RLS 测试联盟', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  enterprise_service_request: () => ({
    text: `INSERT INTO enterprise_service_request (subject, province_code, city_code) VALUES ('RLS 测试诉求', '${JIANGSU}', $1) RETURNING id`,
    values: [],
  }),
  reform_demonstration: () => ({ text: `INSERT INTO reform_demonstration (name, province_code, city_code) VALUES ('RLS 测试示范', '${JIANGSU}', $1) RETURNING id`, values: [] }),
  competition_award: () => ({
    text: `INSERT INTO competition_award (skill_competition_id, winner_name, province_code, city_code) VALUES ((SELECT min(id) FROM skill_competition), 'RLS 测试获奖者', '${JIANGSU}', $1) RETURNING id`,
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

type Outcome = { rowCount: number } | { error: string; code: string };

let database: { url: string; drop: () => Promise<void> };
let owner: Client;
let app: Client;
const keys = {} as Record<'admin' | 'nanjingEditor' | 'wuxiEditor' | 'analyst' | 'revoked', { key: string; id: number }>;
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
  const key = async (role: Role, city: string | null) => {
    const { record, key: secret } = await apiKeyStore.create(owner, { role, cityCode: city, label: `RLS ${role} ${city ?? ''}` });
    return { key: secret, id: record.id };
  };
  keys.admin = await key(Role.ADMIN, null);
  keys.nanjingEditor = await key(Role.CITY_EDITOR, NANJING);
  keys.wuxiEditor = await key(Role.CITY_EDITOR, WUXI);
  keys.analyst = await key(Role.ANALYST, null);
  keys.revoked = await key(Role.ADMIN, null);
  await apiKeyStore.revoke(owner, keys.revoked.id);

  // Exactly as the request pool logs in (src/db/request-pool.ts): as the application role, with its own password.
  app = new Client({ connectionString: requestUrlOf(database.url) });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await database?.drop();
});

it('attacks every writable registry type (a new type must join CITY_TABLES or ADMIN_TABLES and INSERT)', () => {
  const declared = (scope: string) => registryTypes().flatMap((t) => (t.record?.scope === scope ? [t.record.table] : [])).sort();
  expect([...CITY_TABLES].sort()).toEqual(declared('CITY'));
  expect([...ADMIN_TABLES].sort()).toEqual(declared('ADMIN_ONLY'));
});

/**
 * Runs one statement on the request connection in its own transaction, as the caller of `key` (established
 * as src/db/request-db.ts does, by registry_begin) or as no caller, then rolls back: the fixtures stay.
 */
async function attempt(key: string | null, text: string, values: unknown[] = []): Promise<Outcome> {
  await app.query('BEGIN');
  try {
    if (key) await app.query(`SELECT registry_begin($1, 'rls-test')`, [key]);
    const result = await app.query(text, values);
    return { rowCount: result.rowCount ?? 0 };
  } catch (error) {
    return { error: (error as Error).message, code: (error as { code: string }).code };
  } finally {
    await app.query('ROLLBACK');
  }
}

/** Rows of `text` on the request connection, in a transaction of the caller of `key` (rolled back). */
async function rowsAs<T = Record<string, unknown>>(key: string | null, text: string, values: unknown[] = []): Promise<T[]> {
  await app.query('BEGIN');
  try {
    if (key) await app.query(`SELECT registry_begin($1, 'rls-test')`, [key]);
    return (await app.query(text, values)).rows as T[];
  } finally {
    await app.query('ROLLBACK');
  }
}

const ROW_POLICY = { code: '42501', error: expect.stringMatching(/new row violates row-level security policy/) };
const NO_PRIVILEGE = { code: '42501', error: expect.stringMatching(/permission denied|must be|only an ADMIN/) };
const NOT_IN_ENTERPRISE_CITY = { code: '23514', error: expect.stringMatching(/lies in/) };
const touch = (table: string) => `UPDATE ${table} SET updated_at = now() WHERE id = $1`;

describe('the request connection itself', () => {
  it('is the application role, logged in as itself: no superuser, owns no table, member of no role', async () => {
    const [who] = (await app.query(`SELECT current_user AS "user", session_user AS "session", r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls, r.rolreplication
      FROM pg_roles r WHERE r.rolname = current_user`)).rows;
    expect(who).toEqual({ user: APPLICATION_ROLE, session: APPLICATION_ROLE, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolreplication: false });
    expect((await app.query(`SELECT tablename FROM pg_tables WHERE tableowner = current_user`)).rows).toEqual([]);
    expect((await app.query(`SELECT roleid::regrole::text FROM pg_auth_members WHERE member = current_user::regrole`)).rows).toEqual([]);
    // Reads are open to every caller, with or without one.
    expect(await attempt(null, `SELECT id FROM innovation_studio WHERE id = $1`, [rows.innovation_studio.other])).toEqual({ rowCount: 1 });
  });

  // Finding 1 of issue 16: the pool logged in as the superuser and only SET ROLE registry_app.
  it.each([
    ['SET ROLE to the superuser', 'SET ROLE postgres'],
    ["SET ROLE to the tables' owner", () => `SET ROLE ${JSON.stringify(new URL(database.url).username)}`],
    ['SET SESSION AUTHORIZATION', 'SET SESSION AUTHORIZATION postgres'],
    ['SET ROLE bi_reader', 'SET ROLE bi_reader'],
  ])('cannot become another role: %s', async (_case, statement) => {
    expect(await attempt(null, typeof statement === 'function' ? statement() : statement)).toEqual({ code: '42501', error: expect.stringMatching(/permission denied/) });
    expect((await app.query('SELECT current_user AS "user"')).rows[0].user).toBe(APPLICATION_ROLE);
  });

  it.each([
    ['create a table', 'CREATE TABLE public.rls_attack (id int)'],
    ['create a function', `CREATE FUNCTION public.rls_attack() RETURNS int LANGUAGE sql AS 'SELECT 1'`],
    ['run a program', `COPY (SELECT 1) TO PROGRAM 'true'`],
    ['read a server file', `SELECT pg_read_file('postgresql.conf')`],
    ['switch the audit trigger off', 'ALTER TABLE innovation_studio DISABLE TRIGGER innovation_studio_audit'],
    ['switch row-level security off', 'ALTER TABLE innovation_studio DISABLE ROW LEVEL SECURITY'],
    ['drop a policy', 'DROP POLICY innovation_studio_update ON innovation_studio'],
    // The counts goals and statistics read are the owner's triggers' alone (src/registry/tallies.ts).
    ['change a goal count', `UPDATE goal_tally SET records = records + 1000 WHERE metric = 'INNOVATION_STUDIOS'`],
    ['add a goal count', `INSERT INTO goal_tally VALUES ('INNOVATION_STUDIOS', '320100', 'Y', NULL, NULL, false, 1000, 1000, 0)`],
    ['change a goal\'s kept evidence', 'UPDATE goal_evidence SET value_sum = value_sum + 1000'],
    ['forget a goal\'s kept evidence', 'DELETE FROM goal_evidence'],
    ['call the function that forgets it', 'SELECT goal_evidence_forget()'],
    ['change a statistic', 'UPDATE innovation_studio_stats_tally SET records = 0'],
    ['empty a statistic', 'DELETE FROM innovation_studio_stats_tally'],
    ['switch a tally trigger off', 'ALTER TABLE innovation_studio DISABLE TRIGGER innovation_studio_goal_tally_insert'],
    ['call a tally trigger function', 'SELECT innovation_studio_goal_tally_truncate()'],
  ])('cannot %s', async (_case, statement) => {
    expect(await attempt(keys.admin.key, statement)).toMatchObject({ code: expect.stringMatching(/^42501$/) });
  });
});

// Finding 2 of issue 16: the policies trusted settings the session sets itself.
describe('a caller the session cannot forge', () => {
  it('set_config of the old settings gives no right to write', async () => {
    const forged = `SELECT set_config('registry.role', 'ADMIN', true), set_config('registry.city', '', true)`;
    await app.query('BEGIN');
    try {
      await app.query(forged);
      expect((await app.query(touch('innovation_studio'), [rows.innovation_studio.other])).rowCount).toBe(0);
      await expect(app.query(insertInto('craftsman_academy', WUXI).text, insertInto('craftsman_academy', WUXI).values)).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('the caller table is out of reach: it can be neither read nor written', async () => {
    expect(await attempt(keys.admin.key, 'SELECT * FROM request_context')).toEqual(NO_PRIVILEGE);
    expect(await attempt(null, `INSERT INTO request_context VALUES (pg_backend_pid(), pg_current_xact_id(), 1, 'ADMIN', NULL, 'x')`)).toEqual(NO_PRIVILEGE);
    expect(await attempt(keys.nanjingEditor.key, `UPDATE request_context SET role = 'ADMIN'`)).toEqual(NO_PRIVILEGE);
  });

  it.each([
    ['an unknown key', () => `rr_${randomBytes(24).toString('hex')}`],
    ['a revoked key', () => keys.revoked.key],
    ['an empty key', () => ''],
  ])('registry_begin refuses %s', async (_case, key) => {
    expect(await attempt(null, `SELECT registry_begin($1, 'x')`, [key()])).toEqual({ code: '28000', error: 'unknown or revoked API key' });
  });

  it('the caller lasts one transaction: the next one on the same connection has none', async () => {
    const studio = rows.innovation_studio.own;
    await app.query('BEGIN');
    await app.query(`SELECT registry_begin($1, 'x')`, [keys.admin.key]);
    expect((await app.query(touch('innovation_studio'), [studio])).rowCount).toBe(1);
    await app.query('COMMIT');
    expect(await attempt(null, touch('innovation_studio'), [studio])).toEqual({ rowCount: 0 });
    // Nor does a transaction that only reads after registry_begin's carry it into the next.
    await app.query('BEGIN');
    await app.query(`SELECT registry_begin($1, 'x')`, [keys.admin.key]);
    await app.query('ROLLBACK');
    expect(await attempt(null, touch('innovation_studio'), [studio])).toEqual({ rowCount: 0 });
  });
});

describe.each(CITY_TABLES)('%s, a city table', (table) => {
  it(`a CITY_EDITOR of ${NANJING} updates its own city's rows`, async () => {
    expect(await attempt(keys.nanjingEditor.key, touch(table), [rows[table].own])).toEqual({ rowCount: 1 });
  });

  it(`a CITY_EDITOR of ${NANJING} cannot update a row of ${WUXI} or one without a city (0 rows)`, async () => {
    expect(await attempt(keys.nanjingEditor.key, touch(table), [rows[table].other])).toEqual({ rowCount: 0 });
    expect(await attempt(keys.nanjingEditor.key, touch(table), [rows[table].none])).toEqual({ rowCount: 0 });
    const all = await attempt(keys.nanjingEditor.key, `UPDATE ${table} SET updated_at = now()`);
    const own = await owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE city_code = $1`, [NANJING]);
    expect(all).toEqual({ rowCount: own.rows[0].n }); // a blanket UPDATE reaches exactly its own city's rows
  });

  it(`a CITY_EDITOR of ${NANJING} cannot move its row to ${WUXI} or out of any city`, async () => {
    // Refused by the policy or, for a record under an enterprise, first by the enterprise-city rule.
    const refused = { code: expect.stringMatching(/^(42501|23514)$/), error: expect.any(String) };
    expect(await attempt(keys.nanjingEditor.key, `UPDATE ${table} SET city_code = $2 WHERE id = $1`, [rows[table].own, WUXI])).toEqual(refused);
    expect(await attempt(keys.nanjingEditor.key, `UPDATE ${table} SET city_code = NULL WHERE id = $1`, [rows[table].own])).toEqual(refused);
  });

  it(`a CITY_EDITOR of ${NANJING} inserts into its city only`, async () => {
    const mine = insertInto(table, NANJING);
    expect(await attempt(keys.nanjingEditor.key, mine.text, mine.values)).toEqual({ rowCount: 1 });
    const theirs = insertInto(table, WUXI);
    expect(await attempt(keys.nanjingEditor.key, theirs.text, theirs.values)).toEqual(ROW_POLICY);
    const cityless = insertInto(table, null);
    expect(await attempt(keys.nanjingEditor.key, cityless.text, cityless.values)).toEqual(ROW_POLICY);
  });

  it.each<[string, () => string | null]>([
    ['ANALYST', () => keys.analyst.key],
    ['no caller', () => null],
  ])('%s: every write is refused', async (_case, key) => {
    const insert = insertInto(table, NANJING);
    expect(await attempt(key(), insert.text, insert.values)).toEqual(ROW_POLICY);
    expect(await attempt(key(), touch(table), [rows[table].own])).toEqual({ rowCount: 0 });
  });

  it('ADMIN writes in every city and without one', async () => {
    for (const id of Object.values(rows[table])) expect(await attempt(keys.admin.key, touch(table), [id])).toEqual({ rowCount: 1 });
    for (const city of [WUXI, null]) {
      const insert = insertInto(table, city);
      expect(await attempt(keys.admin.key, insert.text, insert.values)).toEqual({ rowCount: 1 });
    }
  });
});

describe.each(ADMIN_TABLES)('%s, kept by ADMIN alone', (table) => {
  it('is refused to a CITY_EDITOR, even for its own city, and to ANALYST', async () => {
    const [{ id }] = (await owner.query(`SELECT max(id) AS id FROM ${table}`)).rows;
    for (const key of [keys.nanjingEditor.key, keys.analyst.key, null]) {
      const insert = insertInto(table, null);
      expect(await attempt(key, insert.text, insert.values)).toEqual(ROW_POLICY);
      expect(await attempt(key, touch(table), [id])).toEqual({ rowCount: 0 });
    }
  });

  it('is written by ADMIN', async () => {
    const [{ id }] = (await owner.query(`SELECT max(id) AS id FROM ${table}`)).rows;
    const insert = insertInto(table, null);
    expect(await attempt(keys.admin.key, insert.text, insert.values)).toEqual({ rowCount: 1 });
    expect(await attempt(keys.admin.key, touch(table), [id])).toEqual({ rowCount: 1 });
  });
});

// Finding 2 of issue 16: the application role could write keys and read every key's hash.
describe('API keys', () => {
  it('their hashes cannot be read; their public columns can', async () => {
    expect(await attempt(null, 'SELECT key_hash FROM api_key')).toEqual(NO_PRIVILEGE);
    expect(await attempt(null, 'SELECT * FROM api_key')).toEqual(NO_PRIVILEGE);
    expect(await attempt(null, 'SELECT id, role, city_code, label FROM api_key WHERE id = $1', [keys.admin.id])).toEqual({ rowCount: 1 });
  });

  it.each([
    ['insert an ADMIN key', `INSERT INTO api_key (key_hash, prefix, role, label) VALUES (repeat('a', 64), 'rr_x', 'ADMIN', 'forged')`],
    ['re-role a key', () => `UPDATE api_key SET role = 'ADMIN', city_code = NULL WHERE id = ${keys.nanjingEditor.id}`],
    ['un-revoke a key', () => `UPDATE api_key SET revoked_at = NULL WHERE id = ${keys.revoked.id}`],
    ['delete a key', 'DELETE FROM api_key'],
  ])('cannot be written directly, even as ADMIN: %s', async (_case, statement) => {
    expect(await attempt(keys.admin.key, typeof statement === 'function' ? statement() : statement)).toEqual(NO_PRIVILEGE);
  });

  it('are made and revoked through the definer functions, for an ADMIN caller only', async () => {
    const create = `SELECT * FROM registry_create_api_key(repeat('b', 64), 'rr_b', 'ADMIN', NULL, 'forged')`;
    for (const key of [keys.nanjingEditor.key, keys.analyst.key, null]) {
      expect(await attempt(key, create)).toEqual({ code: '42501', error: 'only an ADMIN key may administer API keys' });
      expect(await attempt(key, `SELECT * FROM registry_revoke_api_key($1)`, [keys.admin.id])).toEqual({ code: '42501', error: 'only an ADMIN key may administer API keys' });
    }
    expect(await attempt(keys.admin.key, create)).toEqual({ rowCount: 1 });
  });
});

// Finding 2 of issue 16: the application role could insert audit entries naming any key and role.
describe('the audit log', () => {
  const FORGED = `INSERT INTO audit_entry (api_key_id, actor_role, operation, record_type, record_id, record_city_code, after)
                  VALUES ($1, 'ADMIN', 'UPDATE', 'InnovationStudio', 1, '${NANJING}', '{}'::jsonb)`;
  let entry: number;
  beforeAll(async () => {
    entry = (await owner.query(`INSERT INTO audit_entry (actor_role, operation, record_type, record_id, after) VALUES ('ADMIN', 'CREATE', 'Source', 1, '{}') RETURNING id`)).rows[0].id;
  });

  it('cannot be written by the application role, for any caller', async () => {
    for (const key of [keys.admin.key, keys.nanjingEditor.key, null]) expect(await attempt(key, FORGED, [keys.admin.id])).toEqual(NO_PRIVILEGE);
    expect(await attempt(keys.admin.key, `SELECT nextval('audit_entry_id_seq')`)).toEqual(NO_PRIVILEGE);
  });

  it('is written by PostgreSQL for every change, naming the caller registry_begin established', async () => {
    await app.query('BEGIN');
    try {
      await app.query(`SELECT registry_begin($1, 'rls-audit-request')`, [keys.nanjingEditor.key]);
      await app.query(`UPDATE craftsman_academy SET name = 'RLS 改名' WHERE id = $1`, [rows.craftsman_academy.own]);
      const written = await app.query(`SELECT api_key_id, actor_role, actor_city_code, request_id, operation, record_type, record_id, before->>'name' AS "before", after->>'name' AS "after"
        FROM audit_entry WHERE record_type = 'CraftsmanAcademy' AND record_id = $1`, [rows.craftsman_academy.own]);
      expect(written.rows).toEqual([{ api_key_id: keys.nanjingEditor.id, actor_role: 'CITY_EDITOR', actor_city_code: NANJING, request_id: 'rls-audit-request', operation: 'UPDATE',
        record_type: 'CraftsmanAcademy', record_id: rows.craftsman_academy.own, before: 'RLS 测试学院', after: 'RLS 改名' }]);
    } finally {
      await app.query('ROLLBACK');
    }
  });

  it('cannot be changed or emptied by anyone, ADMIN included', async () => {
    expect(await attempt(keys.admin.key, `UPDATE audit_entry SET after = '{"forged": true}' WHERE id = $1`, [entry])).toEqual(NO_PRIVILEGE);
    expect(await attempt(keys.admin.key, `DELETE FROM audit_entry WHERE id = $1`, [entry])).toEqual(NO_PRIVILEGE);
    expect(await attempt(keys.admin.key, `TRUNCATE audit_entry`)).toEqual(NO_PRIVILEGE);
    expect((await owner.query('SELECT after FROM audit_entry WHERE id = $1', [entry])).rows).toEqual([{ after: {} }]);
  });
});

describe('personal data', () => {
  let craftsman: number;
  const idNumber = `32010219700101123${nationalIdCheckCharacter('32010219700101123')}`;
  beforeAll(async () => {
    craftsman = rows.craftsman.own;
    await owner.query(`UPDATE craftsman SET national_id_number = $2, phone = '13912345678' WHERE id = $1`, [craftsman, idNumber]);
  });

  it.each([
    ['the national ID number', 'SELECT national_id_number FROM craftsman'],
    ['the phone', 'SELECT phone FROM craftsman'],
    ['every column', 'SELECT * FROM craftsman'],
    ['in a condition', `SELECT id FROM craftsman WHERE national_id_number LIKE '3201%'`],
    ["the audit log's personal values", 'SELECT * FROM audit_personal'],
  ])('cannot be read from the tables: %s', async (_case, statement) => {
    expect(await attempt(keys.admin.key, statement)).toEqual(NO_PRIVILEGE);
  });

  it('is given by PostgreSQL to a caller who may see it, by its key', async () => {
    const personal = (key: string) => rowsAs(null, 'SELECT id, national_id_number, phone FROM registry_craftsman_personal($1, $2)', [key, [craftsman]]);
    expect(await personal(keys.nanjingEditor.key)).toEqual([{ id: craftsman, national_id_number: idNumber, phone: '13912345678' }]);
    expect(await personal(keys.admin.key)).toEqual([{ id: craftsman, national_id_number: idNumber, phone: '13912345678' }]);
    expect(await personal(keys.wuxiEditor.key)).toEqual([]);
    expect(await personal(keys.analyst.key)).toEqual([]);
    expect(await personal(keys.revoked.key)).toEqual([]);
  });

  // Finding 9 of issue 16.
  it('a national ID number belongs to one active craftsman, across cities', async () => {
    const duplicate = await attempt(keys.admin.key, `INSERT INTO craftsman (name, level, status, province_code, city_code, national_id_number)
      VALUES ('重复身份证', 'MUNICIPAL', 'CANDIDATE', '${JIANGSU}', '${WUXI}', $1)`, [idNumber]);
    expect(duplicate).toMatchObject({ code: '23505' });
  });
});

// Finding 2 of issue 16: a Nanjing studio on a Wuxi enterprise was allowed in SQL.
describe("a record lies in its enterprise's city", () => {
  it.each(['innovation_studio', 'collective_innovation_contract'] as const)('%s: not on an enterprise of another city, even for ADMIN', async (table) => {
    const onWuxiEnterprise = INSERT[table]().text.replace(ENTERPRISE_OF_CITY, `${rows.enterprise.other}`);
    expect(await attempt(keys.admin.key, onWuxiEnterprise, [NANJING])).toEqual(NOT_IN_ENTERPRISE_CITY);
    expect(await attempt(keys.admin.key, `UPDATE ${table} SET enterprise_id = $2 WHERE id = $1`, [rows[table].own, rows.enterprise.other])).toEqual(NOT_IN_ENTERPRISE_CITY);
  });

  it('a craftsman with an enterprise lies in its city', async () => {
    expect(await attempt(keys.admin.key, `UPDATE craftsman SET enterprise_id = $2 WHERE id = $1`, [rows.craftsman.own, rows.enterprise.other])).toEqual(NOT_IN_ENTERPRISE_CITY);
  });

  it('an enterprise with records does not move away from them', async () => {
    expect(await attempt(keys.admin.key, `UPDATE enterprise SET city_code = $2 WHERE id = $1`, [rows.enterprise.own, WUXI])).toEqual({ code: '23514', error: expect.stringMatching(/has records/) });
  });

  // Finding 9 of issue 16: any city editor could make another city's craftsman the lead of its studio.
  it("a studio's lead craftsman is of its city", async () => {
    expect(await attempt(keys.nanjingEditor.key, `UPDATE innovation_studio SET lead_craftsman_id = $2 WHERE id = $1`, [rows.innovation_studio.own, rows.craftsman.other])).toEqual({
      code: '23514',
      error: expect.stringMatching(/lead craftsman/),
    });
    expect(await attempt(keys.nanjingEditor.key, `UPDATE innovation_studio SET lead_craftsman_id = $2 WHERE id = $1`, [rows.innovation_studio.own, rows.craftsman.own])).toEqual({ rowCount: 1 });
  });
});

// Finding 8 of issue 16: locks and notifications others could predict.
describe('idempotency and notifications', () => {
  it("a key's idempotent results are its own: others' rows are neither seen nor written", async () => {
    await owner.query(`INSERT INTO idempotency_request (api_key_id, key, operation, payload_hash) VALUES ($1, 'wuxi-batch-1', 'upsertEnterprises', repeat('0', 64))`, [keys.wuxiEditor.id]);
    expect(await rowsAs(keys.nanjingEditor.key, 'SELECT key FROM idempotency_request')).toEqual([]);
    expect(await rowsAs(keys.wuxiEditor.key, 'SELECT key FROM idempotency_request')).toEqual([{ key: 'wuxi-batch-1' }]);
    expect(await attempt(keys.nanjingEditor.key, `INSERT INTO idempotency_request (api_key_id, key, operation, payload_hash) VALUES ($1, 'x', 'y', repeat('0', 64))`, [keys.wuxiEditor.id])).toEqual(ROW_POLICY);
    expect(await attempt(keys.nanjingEditor.key, `DELETE FROM idempotency_request`)).toEqual({ rowCount: 0 });
  });

  it('the secret that keys the locks and the channel cannot be read', async () => {
    expect(await attempt(keys.admin.key, 'SELECT * FROM registry_secret')).toEqual(NO_PRIVILEGE);
  });
});

describe('what no caller may do', () => {
  it.each([...CITY_TABLES, ...ADMIN_TABLES, 'api_key', 'city', 'province'])('DELETE from %s is refused, even to ADMIN', async (table) => {
    expect(await attempt(keys.admin.key, `DELETE FROM ${table} WHERE false`)).toEqual(NO_PRIVILEGE);
    expect(await attempt(keys.nanjingEditor.key, `DELETE FROM ${table} WHERE false`)).toEqual(NO_PRIVILEGE);
  });

  it('changing the division tables is refused, even to ADMIN', async () => {
    expect(await attempt(keys.admin.key, `UPDATE city SET name = 'x' WHERE code = $1`, [NANJING])).toEqual(NO_PRIVILEGE);
    expect(await attempt(keys.admin.key, `INSERT INTO province (code, name) VALUES ('990000', 'x')`)).toEqual(NO_PRIVILEGE);
  });
});
