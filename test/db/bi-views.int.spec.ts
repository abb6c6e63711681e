/**
 * The bi schema (migrations 18 and 19, the views recreated by migration 29 with districts, founding
 * dates and qualifiers) as a BI tool sees it: a plain pg connection logged in as bi_reader, with a
 * password set the way start-up sets BI_READER_PASSWORD. It reads every view, the views hold what
 * the API lists (active records, names joined in, unknown values empty), and everything else is
 * refused: base tables, personal fields, writes, new objects.
 */
import { Client } from 'pg';
import { CreateBiViews1730000000018 } from '../../migrations/1730000000018-CreateBiViews';
import { BI_READER_ROLE, CreateBiReaderRole1730000000019 } from '../../migrations/1730000000019-CreateBiReaderRole';
import { AddDistrictsAndEvidenceToBiViews1730000000029 } from '../../migrations/1730000000029-AddDistrictsAndEvidenceToBiViews';
import { createHash } from 'node:crypto';
import { API_KEY_CHANNEL } from '../../migrations/1730000000021-NotifyApiKeyChanges';
import { guardBiReaderSessions, setBiReaderPassword } from '../../src/db/bi-reader';
import { logger } from '../../src/logger';
import { testEnterpriseFamilies } from '../setup/fixtures';
import { gql, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { registryTypes } from '../../src/modules';

const PASSWORD = 'bi-reader-test-Pa55word';
const NANJING = '320100';
const XUANWU = '320102';

/** Each view with the API list that shows the same records and the table it reads. */
const VIEWS = [
  { view: 'province', field: 'provinces', table: 'province', archivable: false },
  { view: 'city', field: 'cities', table: 'city', archivable: false },
  { view: 'district', field: 'districts', table: 'district', archivable: false },
  { view: 'enterprise', field: 'enterprises', table: 'enterprise', archivable: true },
  { view: 'innovation_studio', field: 'innovationStudios', table: 'innovation_studio', archivable: true },
  { view: 'craftsman_academy', field: 'craftsmanAcademies', table: 'craftsman_academy', archivable: true },
  { view: 'collective_innovation_contract', field: 'collectiveContracts', table: 'collective_innovation_contract', archivable: true },
  { view: 'craftsman', field: 'craftsmen', table: 'craftsman', archivable: true },
  { view: 'goal', field: 'goals', table: 'goal', archivable: true },
  { view: 'reported_figure', field: 'reportedFigures', table: 'reported_figure', archivable: true },
  { view: 'source', field: 'sources', table: 'source', archivable: true },
  ...['skill_competition', 'training_programme', 'grassroots_organisation', 'reform_alliance', 'enterprise_service_request', 'reform_demonstration', 'competition_award'].map((table) => ({
    view: table,
    field: registryTypes().find((t) => t.table.from === `${table} t`)!.export!.listField,
    table,
    archivable: true,
  })),
];

let app: TestApp;
let bi: Client;

/** The outcome of one statement run as bi_reader: its rows, or the error's SQLSTATE and message. */
async function asReader(text: string, values: unknown[] = []): Promise<{ rows: any[] } | { code: string; message: string }> {
  try {
    return { rows: (await bi.query(text, values)).rows };
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
}

/** The same inside a read-write transaction, rolled back: privileges, not the read-only default, must refuse. */
async function asReaderReadWrite(text: string): Promise<{ rows: any[] } | { code: string; message: string }> {
  await bi.query('BEGIN READ WRITE');
  try {
    return await asReader(text);
  } finally {
    await bi.query('ROLLBACK');
  }
}

const readerCount = async (view: string) => Number((await bi.query(`SELECT count(*) AS n FROM bi.${view}`)).rows[0].n);

beforeAll(async () => {
  app = await startTestApp();
  const query = (text: string, params?: unknown[]) => app.dataSource.query(text, params);
  // The published data set names no enterprise in Nanjing (its 598 studios have none) and places no
  // record in a district: six test enterprises there, in its first six districts, with three studios each.
  await testEnterpriseFamilies(query, NANJING, 6, () => ({ studios: 3 }));
  // A goal for a district, and a published figure that is a plan, not an achievement.
  await query(`INSERT INTO goal (province_code, city_code, district_code, metric, target, target_qualifier, deadline, description, source_id)
    SELECT '320000', $1, $2, 'INNOVATION_STUDIOS', 60, 'AT_LEAST', '2027-12-31', '测试目标', min(id) FROM source`, [NANJING, XUANWU]);
  await query(`INSERT INTO reported_figure (province_code, city_code, district_code, metric, value, unit, qualifier, kind, as_of, source_id)
    SELECT '320000', $1, $2, 'INNOVATION_STUDIOS', 80, 'ORGANISATIONS', 'ABOUT', 'PLAN', '2025-06-30', min(id) FROM source`, [NANJING, XUANWU]);
  // No report names a competition's winners: one award, at a Wuhan Heavy Industry competition.
  await query(`INSERT INTO competition_award (skill_competition_id, winner_name, province_code, city_code) SELECT min(id), '测试获奖者', '420000', '420100' FROM skill_competition`);
  await setBiReaderPassword(app.dataSource, PASSWORD);
  const url = new URL((app.dataSource.options as { url: string }).url);
  url.username = BI_READER_ROLE;
  url.password = PASSWORD;
  bi = new Client({ connectionString: url.toString() });
  await bi.connect();
});
afterAll(async () => {
  await bi?.end();
  await app?.close();
});

it('checks a view of every registry type (a new type must join VIEWS)', () => {
  expect(VIEWS.map((v) => v.table).sort()).toEqual(registryTypes().map((t) => t.table.from.replace(/ t$/, '')).sort());
});

describe('the bi_reader login', () => {
  it('logs in with the password start-up sets, as a role with no powers of its own', async () => {
    expect(await asReader('SELECT current_user AS "user", session_user AS "session"')).toEqual({ rows: [{ user: BI_READER_ROLE, session: BI_READER_ROLE }] });
    const [role] = await sqlRows(app, `SELECT rolcanlogin, rolinherit, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolconnlimit FROM pg_roles WHERE rolname = $1`, [BI_READER_ROLE]);
    expect(role).toEqual({ rolcanlogin: true, rolinherit: false, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, rolconnlimit: 10 });
  });

  it('starts read-only, with a statement limit and the bi schema on its search path', async () => {
    const setting = async (name: string) => (await bi.query(`SELECT current_setting($1) AS v`, [name])).rows[0].v;
    expect(await setting('default_transaction_read_only')).toBe('on');
    expect(await setting('statement_timeout')).toBe('1min');
    expect(await setting('idle_in_transaction_session_timeout')).toBe('5min');
    expect(await setting('search_path')).toBe('bi');
    expect(await asReader('SELECT count(*)::int AS n FROM innovation_studio')).toEqual({ rows: [{ n: await readerCount('innovation_studio') }] });
  });

  it('refuses a password PostgreSQL would normalise differently', async () => {
    await expect(setBiReaderPassword(app.dataSource, '工匠 密码')).rejects.toThrow(/printable ASCII/);
  });
});

describe('the views', () => {
  it('are exactly these, each described for BI tools in English with the Chinese term, every column too', async () => {
    const views = await sqlRows(app, `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
      FROM pg_class c WHERE c.relnamespace = 'bi'::regnamespace ORDER BY 1`);
    expect(views.map((v) => v.name)).toEqual(VIEWS.map((v) => v.view).sort());
    for (const view of views) expect(view.comment).toMatch(/[A-Za-z].*\p{Script=Han}/u);
    const undescribed = await sqlRows(app, `SELECT c.relname || '.' || a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'bi'::regnamespace AND a.attnum > 0 AND coalesce(col_description(c.oid, a.attnum), '') = ''`);
    expect(undescribed).toEqual([]);
    const [{ n }] = await sqlRows(app, `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'bi'`);
    expect(n).toBeGreaterThan(100);
  });

  it('hold the active records the API lists: an archived record leaves its view', async () => {
    const archived: { view: string; table: string; id: number }[] = [];
    for (const { view, table } of VIEWS.filter((v) => v.archivable)) {
      const before = await readerCount(view);
      const id = await sqlNumber(app, `WITH archived AS (UPDATE ${table} SET archived_at = now()
        WHERE id = (SELECT max(id) FROM ${table} WHERE archived_at IS NULL) RETURNING id) SELECT id FROM archived`);
      expect(id).toBeGreaterThan(0);
      archived.push({ view, table, id });
      expect(await readerCount(view)).toBe(before - 1);
      expect(await asReader(`SELECT id FROM bi.${view} WHERE id = $1`, [id])).toEqual({ rows: [] });
    }
    const api = await gql(app, `{ ${VIEWS.map(({ field }) => `${field} { totalCount }`).join(' ')} }`);
    for (const { view, field, table, archivable } of VIEWS) {
      const active = await sqlNumber(app, `SELECT count(*) FROM ${table}${archivable ? ' WHERE archived_at IS NULL' : ''}`);
      expect({ view, rows: await readerCount(view) }).toEqual({ view, rows: api[field].totalCount });
      expect({ view, rows: await readerCount(view) }).toEqual({ view, rows: active });
    }
    expect(archived).toHaveLength(VIEWS.filter((v) => v.archivable).length);
    // Restored, each is back in its view.
    for (const { view, table, id } of archived) {
      await sqlRows(app, `UPDATE ${table} SET archived_at = NULL WHERE id = $1`, [id]);
      expect(await asReader(`SELECT id FROM bi.${view} WHERE id = $1`, [id])).toEqual({ rows: [{ id }] });
    }
  });

  it("flatten names: a studio row carries its city, district, province and enterprise names and its lead craftsman's, empty where unknown", async () => {
    // Give the newest Nanjing studio a lead craftsman, so that name is shown too.
    await sqlRows(app, `UPDATE innovation_studio SET lead_craftsman_id = (SELECT min(id) FROM craftsman WHERE city_code = $1)
      WHERE id = (SELECT max(id) FROM innovation_studio WHERE city_code = $1)`, [NANJING]);
    // The newest 100: the 18 test studios (with an enterprise and a district) and 82 published ones (neither).
    const data = await gql(app, `{ innovationStudios(last: 100, orderBy: ID_ASC, filter: { cityCode: "${NANJING}" }) { nodes {
      name kind city { name } district { name } province { name } enterprise { name creditCode } leadCraftsman { name } } } }`);
    const fromApi = data.innovationStudios.nodes.map((s: any) => ({
      name: s.name, kind: s.kind, city_name: s.city.name, district_name: s.district?.name ?? null, province_name: s.province.name,
      enterprise_name: s.enterprise?.name ?? null, enterprise_credit_code: s.enterprise?.creditCode ?? null, lead_craftsman_name: s.leadCraftsman?.name ?? null,
    }));
    const rows = await asReader(`SELECT name, kind, city_name, district_name, province_name, enterprise_name, enterprise_credit_code, lead_craftsman_name
      FROM (SELECT * FROM bi.innovation_studio WHERE city_code = $1 ORDER BY id DESC LIMIT 100) newest ORDER BY id`, [NANJING]);
    expect(rows).toEqual({ rows: fromApi });
    expect(fromApi).toHaveLength(100);
    expect(fromApi[99].lead_craftsman_name).not.toBeNull();
    expect(fromApi.filter((s: any) => s.enterprise_name !== null && s.district_name !== null)).toHaveLength(18);
    expect(fromApi.filter((s: any) => s.enterprise_name === null && s.enterprise_credit_code === null && s.district_name === null)).toHaveLength(82);
    expect(new Set(fromApi.map((s: any) => `${s.city_name} ${s.province_name}`))).toEqual(new Set(['南京 江苏']));
  });

  it('hold studios that have no enterprise: all 598 published Nanjing studios are there, enterprise and level empty', async () => {
    expect(await asReader(`SELECT count(*)::int AS n, count(kind)::int AS with_kind, count(demonstration_level)::int AS with_level
      FROM bi.innovation_studio WHERE city_code = $1 AND enterprise_id IS NULL`, [NANJING])).toEqual({ rows: [{ n: 598, with_kind: 598, with_level: 0 }] });
  });

  it('show districts, founding dates and how figures and targets were published, as the base tables hold them', async () => {
    const districts = await asReader(`SELECT code, name, city_code, city_name, province_name FROM bi.district WHERE city_code = $1 ORDER BY code`, [NANJING]);
    expect(districts).toEqual({ rows: expect.arrayContaining([{ code: XUANWU, name: '玄武区', city_code: NANJING, city_name: '南京', province_name: '江苏' }]) });
    expect((districts as { rows: unknown[] }).rows).toHaveLength(11);
    // Divisions with their full names and pinyin
    expect(await asReader(`SELECT code, full_name, pinyin FROM bi.province WHERE code = '320000'
      UNION ALL SELECT code, full_name, pinyin FROM bi.city WHERE code = $1 UNION ALL SELECT code, full_name, pinyin FROM bi.district WHERE code = $2`, [NANJING, XUANWU]))
      .toEqual({ rows: [
        { code: '320000', full_name: '江苏省', pinyin: 'jiang su sheng' },
        { code: NANJING, full_name: '南京市', pinyin: 'nan jing shi' },
        { code: XUANWU, full_name: '玄武区', pinyin: 'xuan wu qu' },
      ] });
    // Each registry view has the district; the test records are in one, the published ones in none.
    const [{ n: inDistricts }] = await sqlRows(app, `SELECT count(*)::int AS n FROM innovation_studio WHERE district_code IS NOT NULL`);
    expect(inDistricts).toBe(18);
    for (const view of ['enterprise', 'innovation_studio', 'craftsman_academy', 'collective_innovation_contract', 'craftsman', 'goal', 'reported_figure']) {
      const [{ placed }] = await sqlRows(app, `SELECT count(*) FILTER (WHERE district_code IS NOT NULL)::int AS placed FROM bi.${view}`);
      const [{ base }] = await sqlRows(app, `SELECT count(*) FILTER (WHERE district_code IS NOT NULL)::int AS base FROM ${view} WHERE archived_at IS NULL`);
      expect({ view, placed }).toEqual({ view, placed: base });
    }
    expect(await asReader(`SELECT district_code, district_name, scope_name, target_qualifier FROM bi.goal WHERE district_code IS NOT NULL`))
      .toEqual({ rows: [{ district_code: XUANWU, district_name: '玄武区', scope_name: '玄武区', target_qualifier: 'AT_LEAST' }] });
    // Qualifiers and kinds, as the figures and goals hold them
    const differing = await sqlNumber(app, `SELECT (SELECT count(*) FROM bi.reported_figure v JOIN reported_figure t USING (id)
        WHERE (v.qualifier, v.kind) IS DISTINCT FROM (t.qualifier, t.kind))
      + (SELECT count(*) FROM bi.goal v JOIN goal t USING (id) WHERE v.target_qualifier IS DISTINCT FROM t.target_qualifier)`);
    expect(differing).toBe(0);
    expect(await asReader(`SELECT value::int, qualifier, kind FROM bi.reported_figure WHERE kind = 'PLAN' AND district_code = $1`, [XUANWU]))
      .toEqual({ rows: [{ value: 80, qualifier: 'ABOUT', kind: 'PLAN' }] });
    // Founding dates: none published; a test enterprise founded on a known day shows it.
    await sqlRows(app, `UPDATE enterprise SET established_on = '2001-05-08' WHERE id = (SELECT min(id) FROM enterprise WHERE city_code = $1)`, [NANJING]);
    expect(await asReader(`SELECT established_on::text FROM bi.enterprise WHERE established_on IS NOT NULL`)).toEqual({ rows: [{ established_on: '2001-05-08' }] });
  });

  it('name every place and enterprise the way the base tables do', async () => {
    // Checked by the owner, who reads both: no view row names another place or enterprise than its codes and ids say.
    for (const { view } of VIEWS.filter((v) => !['province', 'city', 'district', 'source'].includes(v.view))) {
      const wrong = await sqlNumber(app, `SELECT count(*) FROM bi.${view} v JOIN province p ON p.code = v.province_code
        LEFT JOIN city c ON c.code = v.city_code LEFT JOIN district d ON d.code = v.district_code
        WHERE v.province_name IS DISTINCT FROM p.name OR v.city_name IS DISTINCT FROM c.name OR v.district_name IS DISTINCT FROM d.name`);
      expect({ view, wrong }).toEqual({ view, wrong: 0 });
    }
    const wrongDistricts = await sqlNumber(app, `SELECT count(*) FROM bi.district v JOIN district d USING (code) JOIN city c ON c.code = d.city_code
      JOIN province p ON p.code = d.province_code WHERE (v.name, v.city_code, v.city_name, v.province_code, v.province_name) IS DISTINCT FROM (d.name, c.code, c.name, p.code, p.name)`);
    expect(wrongDistricts).toBe(0);
    for (const view of ['innovation_studio', 'collective_innovation_contract', 'craftsman']) {
      const [{ named, wrong }] = await sqlRows(app, `SELECT count(*) FILTER (WHERE v.enterprise_name IS NOT NULL)::int AS named,
        count(*) FILTER (WHERE v.enterprise_name IS DISTINCT FROM e.name)::int AS wrong
        FROM bi.${view} v JOIN enterprise e ON e.id = v.enterprise_id`);
      expect({ view, wrong }).toEqual({ view, wrong: 0 });
      expect(named).toBeGreaterThan(0);
    }
    const goals = await asReader(`SELECT DISTINCT city_code, district_code, scope_name FROM bi.goal
      WHERE province_code = '320000' AND (city_code IS NULL OR city_code = $1) ORDER BY 1, 2`, [NANJING]);
    expect(goals).toEqual({ rows: [
      { city_code: NANJING, district_code: XUANWU, scope_name: '玄武区' },
      { city_code: NANJING, district_code: null, scope_name: '南京' },
      { city_code: null, district_code: null, scope_name: '江苏' },
    ] });
  });
});

describe('what bi_reader may not do', () => {
  const NO_PRIVILEGE = { code: '42501', message: expect.stringMatching(/permission denied/) };

  it.each(['craftsman', 'innovation_studio', 'enterprise', 'api_key', 'audit_entry', 'goal', 'source', 'province', 'district', 'migration'])(
    'read the base table public.%s',
    async (table) => {
      expect(await asReader(`SELECT * FROM public.${table} LIMIT 1`)).toEqual(NO_PRIVILEGE);
    },
  );

  it('act as the application role or the owner', async () => {
    expect(await asReader(`SET ROLE registry_app`)).toEqual(NO_PRIVILEGE);
    const owner = (await sqlRows(app, 'SELECT current_user AS name'))[0].name;
    expect(await asReader(`SET ROLE "${owner}"`)).toEqual(NO_PRIVILEGE);
  });

  it('see a personal field: the craftsman view has no national ID number and no phone', async () => {
    for (const column of ['national_id_number', 'phone']) {
      expect(await asReader(`SELECT ${column} FROM bi.craftsman LIMIT 1`)).toEqual({ code: '42703', message: expect.stringContaining(`"${column}" does not exist`) });
    }
    const personal = await sqlRows(app, `SELECT table_name || '.' || column_name AS column FROM information_schema.columns
      WHERE table_schema = 'bi' AND column_name ~* '(national_id|id_number|id_card|identity|phone|mobile)'`);
    expect(personal).toEqual([]);
  });

  it('write through a view, even in a read-write transaction', async () => {
    // By default every transaction is read-only: even a temporary table, which anyone may make, is refused …
    expect(await asReader(`CREATE TEMP TABLE probe (id int)`)).toMatchObject({ code: '25006' });
    // … but a session may make it read-write; then the privileges refuse (simple views would be updatable).
    expect(await asReaderReadWrite(`UPDATE bi.source SET title = 'x'`)).toEqual(NO_PRIVILEGE);
    expect(await asReaderReadWrite(`INSERT INTO bi.province (code, name) VALUES ('990000', 'x')`)).toEqual(NO_PRIVILEGE);
    expect(await asReaderReadWrite(`DELETE FROM bi.source`)).toEqual(NO_PRIVILEGE);
    // Views that join are not updatable at all, whoever asks.
    const NOT_UPDATABLE = { code: '55000', message: expect.stringMatching(/^cannot (insert into|update|delete from) view/) };
    expect(await asReaderReadWrite(`DELETE FROM bi.city`)).toEqual(NOT_UPDATABLE);
    expect(await asReaderReadWrite(`UPDATE bi.innovation_studio SET name = 'x'`)).toEqual(NOT_UPDATABLE);
    expect(await asReaderReadWrite(`INSERT INTO bi.craftsman (name) VALUES ('x')`)).toEqual(NOT_UPDATABLE);
  });

  // Finding 8 of issue 16: bi_reader could predict and hold the advisory lock of a portal's idempotency key.
  it("hold the lock of a portal's idempotency key: the locks are keyed with a secret it cannot read", async () => {
    const { key, id } = await app.createKey('CITY_EDITOR', NANJING, 'Nanjing portal');
    const idempotencyKey = 'academies-2026-12';
    // The lock the platform used to take: 64 bits of sha256(api key id, idempotency key), which anyone could compute.
    const predictable = createHash('sha256').update(`${id}\0${idempotencyKey}`).digest().readBigInt64BE(0).toString();
    expect(await asReader('SELECT pg_advisory_lock($1::bigint)', [predictable])).toEqual({ rows: [{ pg_advisory_lock: '' }] });
    try {
      const res = await app.graphqlAs(key, `mutation($input: UpsertCraftsmanAcademiesInput!) { upsertCraftsmanAcademies(input: $input) { applied created userErrors { code } } }`, {
        input: { idempotencyKey, records: [{ externalId: 'BI-LOCK-1', name: '锁测试工匠学院', level: 'MUNICIPAL', cityCode: NANJING }] },
      });
      expect(res.data.upsertCraftsmanAcademies).toEqual({ applied: true, created: 1, userErrors: [] });
    } finally {
      await bi.query('SELECT pg_advisory_unlock_all()');
    }
    expect(await asReader(`SELECT * FROM public.registry_secret`)).toEqual(NO_PRIVILEGE);
    expect(await asReader(`SELECT public.registry_try_idempotency_lock('x')`)).toEqual(NO_PRIVILEGE);
  });

  it('learn the channel on which instances hear of API key changes', async () => {
    expect(await asReader('SELECT public.registry_api_key_channel()')).toEqual(NO_PRIVILEGE);
    // The old, fixed channel carries nothing any more: a key change is announced on the secret one only.
    const [{ channel }] = await sqlRows(app, 'SELECT registry_api_key_channel() AS channel');
    expect(channel).not.toBe(API_KEY_CHANNEL);
    const heard: string[] = [];
    const onNotification = (message: { channel: string }) => heard.push(message.channel);
    bi.on('notification', onNotification);
    await bi.query(`LISTEN ${API_KEY_CHANNEL}`);
    try {
      const { id } = await app.createKey('ANALYST');
      await sqlRows(app, `UPDATE api_key SET label = 'renamed for bi test' WHERE id = $1`, [id]);
      await bi.query('SELECT 1'); // notifications arrive with the next exchange
      await new Promise((resolve) => setTimeout(resolve, 200));
      await bi.query('SELECT 1');
      expect(heard).toEqual([]);
    } finally {
      await bi.query('UNLISTEN *');
      bi.off('notification', onNotification);
    }
  });

  // Finding 8 of issue 16: its limits are role settings it may lift in its own session; the guard enforces them from outside.
  it('run past its statement limit after lifting it: the guard cancels the statement', async () => {
    const stop = guardBiReaderSessions(app.dataSource, logger.child({}, { level: 'silent' }), { statementMs: 300, idleInTransactionMs: 60_000 }, 100);
    try {
      await bi.query('SET statement_timeout = 0');
      const started = Date.now();
      expect(await asReader('SELECT pg_sleep(30)')).toEqual({ code: '57014', message: 'canceling statement due to user request' });
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      stop();
      await bi.query('RESET statement_timeout');
    }
  });

  it('stay idle in a transaction past its limit: the guard ends the session', async () => {
    const url = new URL((app.dataSource.options as { url: string }).url);
    url.username = BI_READER_ROLE;
    url.password = PASSWORD;
    const idle = new Client({ connectionString: url.toString() });
    const lost = new Promise<Error>((resolve) => idle.on('error', resolve));
    await idle.connect();
    const stop = guardBiReaderSessions(app.dataSource, logger.child({}, { level: 'silent' }), { statementMs: 60_000, idleInTransactionMs: 300 }, 100);
    try {
      await idle.query('SET idle_in_transaction_session_timeout = 0');
      await idle.query('BEGIN');
      expect((await lost).message).toMatch(/terminat/);
    } finally {
      stop();
      await idle.end().catch(() => undefined);
    }
  });

  it('create a table in the bi or public schema, or a schema of its own', async () => {
    expect(await asReaderReadWrite(`CREATE TABLE bi.probe (id int)`)).toEqual(NO_PRIVILEGE);
    expect(await asReaderReadWrite(`CREATE VIEW bi.probe AS SELECT 1`)).toEqual(NO_PRIVILEGE);
    expect(await asReaderReadWrite(`CREATE TABLE public.probe (id int)`)).toEqual(NO_PRIVILEGE);
    expect(await asReaderReadWrite(`CREATE SCHEMA probe`)).toEqual(NO_PRIVILEGE);
  });
});

describe('the migrations undone and redone', () => {
  it('take the schema and the grants away, keep the shared role, and give them back', async () => {
    const runner = app.dataSource.createQueryRunner();
    const studios = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE archived_at IS NULL');
    // The registry types made later (createRegistryTable) keep their views in the bi schema: undone first, redone last.
    const later = app.dataSource.migrations.filter((m) => Number(m.constructor.name.slice(-13)) > 1730000000039);
    try {
      for (const migration of [...later].reverse()) await migration.down(runner);
      // Migration 29 undone: migration 18's views again, with no district view; its studio view
      // joined each studio's enterprise, so it leaves out the studios that have none.
      await new AddDistrictsAndEvidenceToBiViews1730000000029().down(runner);
      expect(await asReader('SELECT count(*) FROM bi.district')).toMatchObject({ code: '42P01' });
      expect(await readerCount('innovation_studio')).toBe(studios - 598);
      await new CreateBiReaderRole1730000000019().down(runner);
      expect(await asReader('SELECT count(*) FROM bi.source')).toEqual({ code: '42501', message: 'permission denied for schema bi' });
      await new CreateBiViews1730000000018().down(runner);
      expect(await sqlRows(app, `SELECT nspname FROM pg_namespace WHERE nspname = 'bi'`)).toEqual([]);
      expect(await sqlRows(app, `SELECT rolname FROM pg_roles WHERE rolname = $1`, [BI_READER_ROLE])).toHaveLength(1);

      await new CreateBiViews1730000000018().up(runner);
      await new CreateBiReaderRole1730000000019().up(runner); // the role exists already: only the grants are made
      expect(await readerCount('source')).toBe(await sqlNumber(app, 'SELECT count(*) FROM source WHERE archived_at IS NULL'));
      await new AddDistrictsAndEvidenceToBiViews1730000000029().up(runner); // grants its recreated views itself
      expect(await readerCount('district')).toBe(await sqlNumber(app, 'SELECT count(*) FROM district'));
      expect(await readerCount('innovation_studio')).toBe(studios);
      for (const migration of later) await migration.up(runner);
      expect(await readerCount('skill_competition')).toBe(0); // its data went with the tables: these migrations only make them
    } finally {
      await runner.release();
    }
  });
});
