/**
 * Writing craftsmen as a city portal (create, update with the version read, archive and restore,
 * bulk upsert by external id), and the craftsman's personal data (个人信息: national ID number,
 * phone): shown to ADMIN and the editor of the craftsman's city on every path that reaches a
 * craftsman, null for everyone else, and never read from the database for them.
 */
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { fromGlobalId } from '../../src/graphql/relay/global-id';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlNumber, sqlRows, todayInShanghai } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

/** GB 11643 check digit, computed here independently of the API (ISO 7064 MOD 11-2). */
function withCheckDigit(body: string): string {
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * (2 ** (17 - i) % 11), 0);
  const value = (12 - (sum % 11)) % 11;
  return body + (value === 10 ? 'X' : String(value));
}

const NANJING = '320100';
const WUXI = '320200';
/** Valid national ID numbers (a Nanjing-born holder of 1985, one of 1979 whose check digit is X, one of 1990). */
const ID_1985 = withCheckDigit('32010219850612123');
const ID_X = '11010519491231002X';
const ID_1990 = withCheckDigit('32020319900307045');
/** More holders: a national ID number belongs to one active craftsman (issue 16), so each craftsman below has its own. */
const ID_1985_UPDATED = withCheckDigit('32010219850612124');
const ID_1990_UPSERTED = withCheckDigit('32020319900307046');
const ID_1990_WUXI = withCheckDigit('32020319900307047');
const ID_OF_NTH = (n: number) => withCheckDigit(`32010219800101${String(n).padStart(3, '0')}`);
const PHONE = '13912345678';
/** Well-formed, but no enterprise of the data set has it. */
const UNKNOWN_CREDIT_CODE = '91320100XYW00000Q' + creditCodeCheckCharacter('91320100XYW00000Q');

let app: TestApp;
let nanjing: string;
let wuxi: string;
let admin: string;
let analyst: string;
/** Made here: the published data set has no enterprise in Nanjing. */
let nanjingEnterprise: { id: number; credit_code: string };
/** One of Wuxi's published enterprises. */
let wuxiEnterprise: { id: number; credit_code: string };

beforeAll(async () => {
  app = await startTestApp();
  nanjing = (await app.createKey('CITY_EDITOR', NANJING)).key;
  wuxi = (await app.createKey('CITY_EDITOR', WUXI)).key;
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
  [nanjingEnterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING);
  [wuxiEnterprise] = await sqlRows(app, `SELECT id, credit_code FROM enterprise WHERE city_code = $1 ORDER BY id LIMIT 1`, [WUXI]);
});
afterAll(() => app.close());

const rowId = (id: string) => Number(fromGlobalId(id).key);
const as = (key: string | null, query: string, variables?: Record<string, unknown>) => (key ? app.graphqlAs(key, query, variables) : app.graphql(query, variables));

const FIELDS = 'id name level status honoraryTitle year version externalId archivedAt nationalIdNumber phone city { code } district { code } province { code } enterprise { id }';
const { CREATE, UPDATE, ARCHIVE, RESTORE, UPSERT } = recordMutations('Craftsman', 'craftsman', FIELDS, 'upsertCraftsmen');

async function create(key: string | null, input: Record<string, unknown>) {
  const res = await as(key, CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createCraftsman;
}

async function created(key: string, input: Record<string, unknown>) {
  const result = await create(key, input);
  expect(result.userErrors).toEqual([]);
  return result.craftsman;
}

const base = (extra: Record<string, unknown> = {}) => ({ name: '测试工匠', level: 'MUNICIPAL', status: 'CANDIDATE', ...extra });

describe('createCraftsman', () => {
  it("creates a craftsman of an enterprise in the enterprise's city, version 1, with one audit entry", async () => {
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const craftsman = await created(nanjing, base({
      name: '  王建国 ', honoraryTitle: '南京工匠', year: 2024, enterpriseId: nodeId('Enterprise', nanjingEnterprise.id),
      nationalIdNumber: ` ${ID_X.toLowerCase()} `, phone: PHONE, externalId: 'NJ-GJ-1',
    }));
    expect(craftsman).toMatchObject({
      name: '王建国', level: 'MUNICIPAL', status: 'CANDIDATE', honoraryTitle: '南京工匠', year: 2024, version: 1, externalId: 'NJ-GJ-1',
      archivedAt: null, city: { code: NANJING }, province: { code: '320000' }, enterprise: { id: nodeId('Enterprise', nanjingEnterprise.id) },
      // The editor of the craftsman's city sees the personal data it wrote, as stored (trimmed, X upper-cased).
      nationalIdNumber: ID_X, phone: PHONE,
    });
    const [row] = await sqlRows(app, 'SELECT national_id_number, phone, city_code FROM craftsman WHERE id = $1', [rowId(craftsman.id)]);
    expect(row).toEqual({ national_id_number: ID_X, phone: PHONE, city_code: NANJING });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 1);
    expect(await sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = 'Craftsman' AND record_id = $1 AND operation = 'CREATE'`, [rowId(craftsman.id)])).toBe(1);
  });

  it("puts a craftsman without an enterprise in the editor's own city", async () => {
    const craftsman = await created(nanjing, base({ name: '无企业工匠' }));
    expect(craftsman).toMatchObject({ city: { code: NANJING }, enterprise: null, nationalIdNumber: null, phone: null });
  });

  it('lets ADMIN record a craftsman the source places only in a province', async () => {
    const craftsman = await created(admin, base({ name: '省级工匠', level: 'NATIONAL', status: 'CERTIFIED', provinceCode: '320000', phone: PHONE }));
    expect(craftsman).toMatchObject({ city: null, province: { code: '320000' }, phone: PHONE });
    // A craftsman with no city has no city editor: only ADMIN sees the phone.
    const seen = await app.graphqlAs(nanjing, `{ node(id: "${craftsman.id}") { ... on Craftsman { phone } } }`);
    expect(seen.data.node.phone).toBeNull();
  });

  it("places a craftsman in a district: of its enterprise's city, or, given only a district by ADMIN, in that district's city", async () => {
    const withEnterprise = await created(nanjing, base({ name: '鼓楼区工匠', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), districtCode: '320106' }));
    expect(withEnterprise).toMatchObject({ city: { code: NANJING }, district: { code: '320106' }, province: { code: '320000' } });
    const onlyDistrict = await created(admin, base({ name: '滨湖区工匠', districtCode: '320211' }));
    expect(onlyDistrict).toMatchObject({ city: { code: WUXI }, district: { code: '320211' }, province: { code: '320000' }, enterprise: null });
    const rows = await sqlRows(app, 'SELECT district_code, city_code, province_code FROM craftsman WHERE id = ANY($1) ORDER BY id', [[withEnterprise.id, onlyDistrict.id].map(rowId)]);
    expect(rows).toEqual([
      { district_code: '320106', city_code: NANJING, province_code: '320000' },
      { district_code: '320211', city_code: WUXI, province_code: '320000' },
    ]);
  });

  it("refuses a district outside the craftsman's city (INVALID) or unknown (NOT_FOUND), and writes nothing", async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM craftsman');
    const ofEnterprise = await create(admin, base({ enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), districtCode: '320211' }));
    expect(ofEnterprise).toEqual({ craftsman: null, userErrors: [expect.objectContaining({ field: 'districtCode', code: 'INVALID', message: expect.stringContaining(WUXI) })] });
    const ofCity = await create(admin, base({ cityCode: WUXI, districtCode: '320106' }));
    expect(ofCity.userErrors).toEqual([expect.objectContaining({ field: 'districtCode', code: 'INVALID' })]);
    const unknown = await create(admin, base({ cityCode: NANJING, districtCode: '320199' }));
    expect(unknown.userErrors).toEqual([expect.objectContaining({ field: 'districtCode', code: 'NOT_FOUND' })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM craftsman')).toBe(before);
  });

  it("refuses a cityCode other than the enterprise's city", async () => {
    const result = await create(admin, base({ enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), cityCode: WUXI }));
    expect(result.craftsman).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'INVALID', message: expect.stringContaining(`city of its enterprise (${NANJING})`) })]);
  });

  it('reports every invalid field with its name and a message', async () => {
    const thisYear = Number(todayInShanghai().slice(0, 4));
    const result = await create(admin, {
      name: '   ', level: 'MUNICIPAL', status: 'CANDIDATE', year: thisYear + 1, cityCode: NANJING,
      nationalIdNumber: ID_1985.slice(0, 17) + (ID_1985[17] === '0' ? '1' : '0'), phone: '12345', honoraryTitle: '称'.repeat(101),
    });
    expect(result.craftsman).toBeNull();
    const byField = Object.fromEntries(result.userErrors.map((e: any) => [e.field, e]));
    expect(Object.keys(byField).sort()).toEqual(['honoraryTitle', 'name', 'nationalIdNumber', 'phone', 'year']);
    expect(byField.name).toMatchObject({ code: 'INVALID', message: 'name is required.' });
    expect(byField.year.message).toBe(`year must not be later than ${thisYear}: it is the year of selection or award (got ${thisYear + 1}).`);
    expect(byField.nationalIdNumber.message).toMatch(/GB 11643 check digit/);
    expect(byField.phone.message).toMatch(/mainland mobile number/);
    expect(byField.honoraryTitle.message).toMatch(/at most 100 characters/);
  });

  it('refuses impossible birth dates, years before 1949, and holders under the minimum working age', async () => {
    const impossible = withCheckDigit('32010219900230123');
    const child = withCheckDigit(`320102${Number(todayInShanghai().slice(0, 4)) - 10}0101123`);
    const first = await create(admin, base({ cityCode: NANJING, nationalIdNumber: impossible, year: 1948 }));
    expect(first.userErrors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'nationalIdNumber', code: 'INVALID', message: expect.stringMatching(/birth date 19900230/) }),
      expect.objectContaining({ field: 'year', code: 'INVALID', message: 'year must be between 1949 and 2100 (got 1948).' }),
    ]));
    const second = await create(admin, base({ cityCode: NANJING, nationalIdNumber: child }));
    expect(second.userErrors).toEqual([expect.objectContaining({ field: 'nationalIdNumber', code: 'INVALID', message: expect.stringMatching(/at least 16/) })]);
  });

  it('reports an unknown enterprise or city, a craftsman with no place at all, and a missing status', async () => {
    const res = await create(admin, base({ enterpriseId: nodeId('Enterprise', 99999999) }));
    expect(res.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'enterpriseId', code: 'NOT_FOUND', message: 'No Enterprise exists with this ID.' })]));
    const nowhere = await create(admin, base());
    expect(nowhere.userErrors).toEqual([expect.objectContaining({ field: 'provinceCode', code: 'INVALID', message: expect.stringMatching(/neither an enterprise nor a city/) })]);
    const city = await create(admin, base({ cityCode: '329900' }));
    expect(city.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'NOT_FOUND' })]);
    const missing = await app.graphqlAs(admin, `mutation { createCraftsman(input: { name: "x", level: MUNICIPAL }) { userErrors { field code message currentVersion } } }`);
    expect(missing.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it("refuses ANALYST and anonymous callers, and an editor writing in another city, with FORBIDDEN; nothing is written", async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM craftsman');
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    for (const key of [analyst, null]) {
      const result = await create(key, base({ cityCode: NANJING }));
      expect(result).toEqual({ craftsman: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN', field: null })] });
    }
    const otherEnterprise = await create(nanjing, base({ enterpriseId: nodeId('Enterprise', wuxiEnterprise.id) }));
    expect(otherEnterprise.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'cityCode' })]);
    const otherCity = await create(nanjing, base({ cityCode: WUXI }));
    expect(otherCity.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining(WUXI) })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM craftsman')).toBe(before);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);
  });

  it('lets ADMIN create a craftsman in any city', async () => {
    const craftsman = await created(admin, base({ enterpriseId: nodeId('Enterprise', wuxiEnterprise.id), nationalIdNumber: ID_1990 }));
    expect(craftsman).toMatchObject({ city: { code: WUXI }, nationalIdNumber: ID_1990 });
  });
});

describe('updateCraftsman', () => {
  it('changes the given fields and clears personal data with null', async () => {
    const craftsman = await created(nanjing, base({ name: '更新工匠', nationalIdNumber: ID_1985_UPDATED, phone: PHONE }));
    const first = await app.graphqlAs(nanjing, UPDATE, { input: { id: craftsman.id, version: 1, status: 'IN_TRAINING', phone: null, year: 2023 } });
    expect(first.data.updateCraftsman.craftsman).toMatchObject({ name: '更新工匠', status: 'IN_TRAINING', year: 2023, version: 2, phone: null, nationalIdNumber: ID_1985_UPDATED });
    const [row] = await sqlRows(app, 'SELECT name, status, phone, version FROM craftsman WHERE id = $1', [rowId(craftsman.id)]);
    expect(row).toEqual({ name: '更新工匠', status: 'IN_TRAINING', phone: null, version: 2 });
  });

  it('moves a craftsman with its enterprise: the city follows, and the move must stay in a city the editor edits', async () => {
    const craftsman = await created(admin, base({ name: '搬迁工匠', cityCode: NANJING }));
    const moved = await app.graphqlAs(admin, UPDATE, { input: { id: craftsman.id, version: 1, enterpriseId: nodeId('Enterprise', wuxiEnterprise.id) } });
    expect(moved.data.updateCraftsman.craftsman).toMatchObject({ city: { code: WUXI }, version: 2 });
    const editorMove = await created(nanjing, base({ name: '越界搬迁' }));
    const refused = await app.graphqlAs(nanjing, UPDATE, { input: { id: editorMove.id, version: 1, enterpriseId: nodeId('Enterprise', wuxiEnterprise.id) } });
    expect(refused.data.updateCraftsman.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'cityCode' })]);
  });

  it("refuses another city's craftsman with FORBIDDEN, and ANALYST altogether", async () => {
    const craftsman = await created(wuxi, base({ name: '无锡工匠' }));
    const res = await app.graphqlAs(nanjing, UPDATE, { input: { id: craftsman.id, version: 1, name: '被改' } });
    expect(res.data.updateCraftsman.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'id' })]);
    const analystRes = await app.graphqlAs(analyst, UPDATE, { input: { id: craftsman.id, version: 1, name: '被改' } });
    expect(analystRes.data.updateCraftsman.userErrors[0].code).toBe('FORBIDDEN');
    expect((await sqlRows(app, 'SELECT name FROM craftsman WHERE id = $1', [rowId(craftsman.id)]))[0].name).toBe('无锡工匠');
  });

  it('checks the rules on the whole record: a new national ID is checked like a new record', async () => {
    const craftsman = await created(nanjing, base({ name: '校验工匠' }));
    const res = await app.graphqlAs(nanjing, UPDATE, { input: { id: craftsman.id, version: 1, nationalIdNumber: '123' } });
    expect(res.data.updateCraftsman.userErrors).toEqual([expect.objectContaining({ field: 'nationalIdNumber', code: 'INVALID', message: expect.stringMatching(/17 digits/) })]);
  });
});

describe('archive and restore', () => {
  it('hides an archived craftsman from lists, child lists and stats; keeps it reachable by node and relation; restores it', async () => {
    const craftsman = await created(nanjing, base({ name: '归档工匠', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) }));
    const counts = async (status = 'ACTIVE') => {
      const res = await app.graphql(`{
        craftsmen(filter: { cityCode: "${NANJING}", archiveStatus: ${status} }) { totalCount }
        craftsmanStats(groupBy: [], filter: { cityCode: "${NANJING}", archiveStatus: ${status} }) { count }
        city(code: "${NANJING}") { craftsmen(filter: { archiveStatus: ${status} }) { totalCount } }
        enterprise(creditCode: "${nanjingEnterprise.credit_code}") { craftsmen(filter: { archiveStatus: ${status} }) { totalCount } } }`);
      expect(res.errors).toBeUndefined();
      return [res.data.craftsmen.totalCount, res.data.craftsmanStats[0].count, res.data.city.craftsmen.totalCount, res.data.enterprise.craftsmen.totalCount];
    };
    const active = await counts();
    const archived = await app.graphqlAs(nanjing, ARCHIVE, { input: { id: craftsman.id, version: 1 } });
    expect(archived.data.archiveCraftsman.craftsman).toMatchObject({ version: 2, archivedAt: expect.any(String) });
    expect(await counts()).toEqual(active.map((n) => n - 1));
    expect(await counts('ARCHIVED')).toEqual([1, 1, 1, 1]);
    const node = await app.graphql(`{ node(id: "${craftsman.id}") { ... on Craftsman { name archivedAt } } }`);
    expect(node.data.node).toMatchObject({ name: '归档工匠', archivedAt: expect.any(String) });
    const again = await app.graphqlAs(nanjing, ARCHIVE, { input: { id: craftsman.id } });
    expect(again.data.archiveCraftsman.craftsman.version).toBe(2);
    const stale = await app.graphqlAs(nanjing, RESTORE, { input: { id: craftsman.id, version: 1 } });
    expect(stale.data.restoreCraftsman.userErrors[0]).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const restored = await app.graphqlAs(nanjing, RESTORE, { input: { id: craftsman.id, version: 2 } });
    expect(restored.data.restoreCraftsman.craftsman).toMatchObject({ archivedAt: null, version: 3 });
    expect(await counts()).toEqual(active);
    const operations = await sqlRows(app, `SELECT operation FROM audit_entry WHERE record_type = 'Craftsman' AND record_id = $1 ORDER BY id`, [rowId(craftsman.id)]);
    expect(operations.map((o) => o.operation)).toEqual(['CREATE', 'ARCHIVE', 'RESTORE']);
  });

  it("refuses to archive another city's craftsman, and ANALYST and anonymous callers", async () => {
    const craftsman = await created(wuxi, base({ name: '无锡归档' }));
    for (const key of [nanjing, analyst, null]) {
      const res = await as(key, ARCHIVE, { input: { id: craftsman.id } });
      expect(res.data.archiveCraftsman).toEqual({ craftsman: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    }
  });
});

describe('upsertCraftsmen', () => {
  const records = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({ externalId: `${tag}-${i}`, name: `同步工匠 ${i}`, level: 'MUNICIPAL', status: 'IN_TRAINING', enterpriseCreditCode: nanjingEnterprise.credit_code }));

  it('creates, then updates only what changed (personal data included), then replays by idempotency key', async () => {
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const first = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(3, 'UP') } });
    expect(first.data.upsertCraftsmen).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0, rowErrors: [], userErrors: [] });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 3);
    const changed: Array<Record<string, unknown>> = records(3, 'UP');
    changed[1].phone = PHONE;
    changed[2].status = 'CERTIFIED';
    const second = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'craftsmen-1' } });
    expect(second.data.upsertCraftsmen).toMatchObject({ applied: true, created: 0, updated: 2, unchanged: 1, replayed: false });
    expect(second.data.upsertCraftsmen.records.map((r: any) => r.outcome)).toEqual(['UNCHANGED', 'UPDATED', 'UPDATED']);
    const [row] = await sqlRows(app, `SELECT phone, city_code, version FROM craftsman WHERE external_id = 'UP-1'`);
    expect(row).toEqual({ phone: PHONE, city_code: NANJING, version: 2 });
    const entries = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    expect(entries).toBe(audit + 5);
    const replay = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'craftsmen-1' } });
    expect(replay.data.upsertCraftsmen).toMatchObject({ applied: true, updated: 2, replayed: true });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(entries);
    const reused = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(2, 'UP'), idempotencyKey: 'craftsmen-1' } });
    expect(reused.data.upsertCraftsmen.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    const byExternalId = await app.graphql(`{ craftsmen(filter: { cityCode: "${NANJING}", externalId: "UP-2" }) { nodes { status externalId } } }`);
    expect(byExternalId.data.craftsmen.nodes).toEqual([{ status: 'CERTIFIED', externalId: 'UP-2' }]);
  });

  it('applies nothing when some rows are bad, and reports every bad row', async () => {
    const rows: Array<Record<string, unknown>> = records(20, 'BAD');
    rows[2].name = '';
    rows[5].nationalIdNumber = ID_1985.slice(0, 17) + (ID_1985[17] === '0' ? '1' : '0');
    rows[9].phone = '000';
    rows[12].enterpriseCreditCode = UNKNOWN_CREDIT_CODE;
    rows[15].externalId = 'BAD-0';
    const before = await sqlNumber(app, 'SELECT count(*) FROM craftsman');
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: rows } });
    const payload = res.data.upsertCraftsmen;
    expect(payload.applied).toBe(false);
    expect(payload.rowErrors.map((e: any) => [e.index, e.field, e.code])).toEqual([
      [2, 'name', 'INVALID'],
      [5, 'nationalIdNumber', 'INVALID'],
      [9, 'phone', 'INVALID'],
      [12, 'enterpriseCreditCode', 'NOT_FOUND'],
      [15, 'externalId', 'DUPLICATE'],
    ]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM craftsman')).toBe(before);
  });

  it("keeps editors to their own city's records, requires a city of ADMIN, and refuses ANALYST", async () => {
    const foreign = await app.graphqlAs(nanjing, UPSERT, { input: { records: [{ externalId: 'X-1', name: '越界', level: 'MUNICIPAL', status: 'CANDIDATE', cityCode: WUXI }] } });
    expect(foreign.data.upsertCraftsmen.rowErrors).toEqual([expect.objectContaining({ index: 0, code: 'FORBIDDEN' })]);
    const adminNoCity = await app.graphqlAs(admin, UPSERT, { input: { records: [{ externalId: 'A-1', name: '管理员', level: 'MUNICIPAL', status: 'CANDIDATE' }] } });
    expect(adminNoCity.data.upsertCraftsmen.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'cityCode', code: 'INVALID' })]);
    const adminWuxi = await app.graphqlAs(admin, UPSERT, { input: { records: [{ externalId: 'A-1', name: '管理员', level: 'MUNICIPAL', status: 'CANDIDATE', cityCode: WUXI, nationalIdNumber: ID_1990_UPSERTED }] } });
    expect(adminWuxi.data.upsertCraftsmen).toMatchObject({ applied: true, created: 1 });
    const refused = await app.graphqlAs(analyst, UPSERT, { input: { records: records(1, 'AN') } });
    expect(refused.data.upsertCraftsmen).toMatchObject({ applied: false, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    const anonymous = await app.graphql(UPSERT, { input: { records: records(1, 'AN') } });
    expect(anonymous.data.upsertCraftsmen.userErrors[0].code).toBe('FORBIDDEN');
  });
});

describe('personal data (个人信息) on every path to a craftsman', () => {
  const callers: Array<{ who: string; key: () => string | null; visible: boolean }> = [
    { who: 'ADMIN', key: () => admin, visible: true },
    { who: "the CITY_EDITOR of the craftsman's city", key: () => nanjing, visible: true },
    { who: 'a CITY_EDITOR of another city', key: () => wuxi, visible: false },
    { who: 'ANALYST', key: () => analyst, visible: false },
    { who: 'anonymous', key: () => null, visible: false },
  ];
  const NEW_PHONE = '025-83123456';
  let craftsman: { id: string };
  let studio: { id: string };

  beforeAll(async () => {
    craftsman = await created(admin, base({ name: '个人信息工匠', externalId: 'PII-1', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), nationalIdNumber: ID_1985, phone: PHONE }));
    const updated = await app.graphqlAs(admin, UPDATE, { input: { id: craftsman.id, version: 1, phone: NEW_PHONE } });
    expect(updated.data.updateCraftsman.userErrors).toEqual([]);
    const res = await app.graphqlAs(admin, `mutation ($input: CreateInnovationStudioInput!) { createInnovationStudio(input: $input) { innovationStudio { id } userErrors { message } } }`, {
      input: { name: '个人信息工作室', kind: 'CRAFTSMAN', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), leadCraftsmanId: craftsman.id },
    });
    expect(res.data.createInnovationStudio.userErrors).toEqual([]);
    studio = res.data.createInnovationStudio.innovationStudio;
  });

  const personal = (visible: boolean, phone = NEW_PHONE) => (visible ? { nationalIdNumber: ID_1985, phone } : { nationalIdNumber: null, phone: null });

  it.each(callers)('in the root list, as $who (shown: $visible)', async ({ key, visible }) => {
    const res = await as(key(), `{ craftsmen(filter: { cityCode: "${NANJING}", externalId: "PII-1" }) { nodes { id nationalIdNumber phone } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.craftsmen.nodes).toEqual([{ id: craftsman.id, ...personal(visible) }]);
  });

  it.each(callers)('by node(id:), as $who (shown: $visible)', async ({ key, visible }) => {
    const res = await as(key(), `{ node(id: "${craftsman.id}") { ... on Craftsman { nationalIdNumber phone } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual(personal(visible));
  });

  it.each(callers)("nested under the enterprise and as a studio's lead craftsman, as $who (shown: $visible)", async ({ key, visible }) => {
    const res = await as(key(), `{
      enterprise(creditCode: "${nanjingEnterprise.credit_code}") { craftsmen(filter: { externalId: "PII-1" }) { nodes { nationalIdNumber phone } } }
      node(id: "${studio.id}") { ... on InnovationStudio { leadCraftsman { nationalIdNumber phone } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.enterprise.craftsmen.nodes).toEqual([personal(visible)]);
    expect(res.data.node.leadCraftsman).toEqual(personal(visible));
  });

  it.each(callers)('in history, as $who (shown: $visible)', async ({ key, visible }) => {
    const res = await as(key(), `{ node(id: "${craftsman.id}") { ... on Craftsman { history { operation changedFields before after } } } }`);
    expect(res.errors).toBeUndefined();
    const [update, create] = res.data.node.history;
    expect(update.operation).toBe('UPDATE');
    expect(create.operation).toBe('CREATE');
    expect(update.before).toMatchObject(personal(visible, PHONE));
    expect(update.after).toMatchObject(personal(visible, NEW_PHONE));
    expect(create.after).toMatchObject({ ...personal(visible, PHONE), name: '个人信息工匠', cityCode: NANJING });
    // Which fields changed is not personal: the same for everyone.
    expect(update.changedFields).toEqual(['phone']);
  });

  it("shows a mixed page's personal data only for the editor's own city", async () => {
    const wuxiCraftsman = await created(admin, base({ name: '无锡个人信息', externalId: 'PII-1', cityCode: WUXI, nationalIdNumber: ID_1990_WUXI }));
    const query = `{ craftsmen(filter: { externalId: "PII-1" }) { nodes { id city { code } nationalIdNumber } } }`;
    const asNanjing = await app.graphqlAs(nanjing, query);
    const asWuxi = await app.graphqlAs(wuxi, query);
    const shown = (res: any) => Object.fromEntries(res.data.craftsmen.nodes.map((n: any) => [n.city.code, n.nationalIdNumber]));
    expect(shown(asNanjing)).toEqual({ [NANJING]: ID_1985, [WUXI]: null });
    expect(shown(asWuxi)).toEqual({ [NANJING]: null, [WUXI]: ID_1990_WUXI });
    expect(asWuxi.data.craftsmen.nodes.map((n: any) => n.id)).toContain(wuxiCraftsman.id);
  });

  // Finding 9 of issue 16: duplicate national ID numbers were accepted across cities.
  it('refuses a national ID number another active craftsman holds, in any city, without saying whose', async () => {
    const res = await create(wuxi, base({ name: '重复身份证', cityCode: WUXI, nationalIdNumber: ID_1985 }));
    expect(res.craftsman).toBeNull();
    expect(res.userErrors).toEqual([{ field: 'nationalIdNumber', code: 'DUPLICATE', message: 'This national ID number (公民身份号码) is already registered to another active craftsman.', currentVersion: null }]);
    const batch = await app.graphqlAs(wuxi, UPSERT, { input: { records: [{ externalId: 'DUP-1', name: '重复', level: 'MUNICIPAL', status: 'CANDIDATE', cityCode: WUXI, nationalIdNumber: ID_1985 }] } });
    expect(batch.data.upsertCraftsmen.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'nationalIdNumber', code: 'DUPLICATE' })]);
  });

  it('reads personal data in one statement for a whole page, and not at all for callers who may not see it', async () => {
    // Every Nanjing craftsman without one gets a national ID number of its own and a phone.
    const unnumbered = await sqlRows<{ id: number }>(app, `SELECT id FROM craftsman WHERE city_code = $1 AND national_id_number IS NULL ORDER BY id`, [NANJING]);
    await sqlRows(app, `UPDATE craftsman c SET national_id_number = n.number, phone = $3 FROM unnest($1::int[], $2::text[]) AS n(id, number) WHERE c.id = n.id`, [
      unnumbered.map((r) => r.id), unnumbered.map((_, i) => ID_OF_NTH(i)), PHONE,
    ]);
    const stored = new Map((await sqlRows(app, `SELECT id, national_id_number FROM craftsman WHERE city_code = $1`, [NANJING])).map((r) => [nodeId('Craftsman', r.id), r.national_id_number]));
    const page = (n: number, personalFields: boolean) =>
      `{ craftsmen(first: ${n}, filter: { cityCode: "${NANJING}" }) { nodes { id name ${personalFields ? 'nationalIdNumber phone' : ''} } } }`;
    const statements = async (key: string | null, n: number, personalFields: boolean) => {
      const res = await as(key, page(n, personalFields));
      expect(res.errors).toBeUndefined();
      expect(res.data.craftsmen.nodes).toHaveLength(n);
      return { count: res.extensions.sqlStatements as number, nodes: res.data.craftsmen.nodes };
    };
    const plain = await statements(admin, 50, false);
    const two = await statements(admin, 2, true);
    const fifty = await statements(admin, 50, true);
    // The page; then one batched read of the personal data of every craftsman on it, whatever its size.
    expect(fifty.count).toBe(two.count);
    expect(fifty.count).toBe(plain.count + 1);
    expect(fifty.nodes.every((n: any) => n.nationalIdNumber === stored.get(n.id) && n.phone === PHONE)).toBe(true);
    for (const key of [wuxi, analyst, null]) {
      const denied = await statements(key, 50, true);
      expect(denied.count).toBe(plain.count);
      expect(denied.nodes.every((n: any) => n.nationalIdNumber === null && n.phone === null)).toBe(true);
    }
  });
});
