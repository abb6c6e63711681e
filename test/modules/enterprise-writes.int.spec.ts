/**
 * Writing enterprises as a city portal: create (own city, or a province-level enterprise by ADMIN),
 * update with the version read, archive and restore, bulk upsert by external id; credit codes
 * checked and unique; every refusal a userError next to its field.
 */
import { syntheticCreditCode } from '../../src/common/credit-code';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { errorsByField, recordMutations } from '../setup/writes';

let app: TestApp;
let nanjing: string;
let suzhou: string;
let admin: string;
let analyst: string;
/** A Nanjing enterprise that hosts an innovation studio (made here: the data set has no Nanjing enterprise). */
let hostWithStudios: { id: number; credit_code: string; name: string };

/** Well-formed credit codes no enterprise of the data set has (its samples use serials up to about 130,000). */
let serial = 900_000;
const freshCode = (division = '320100') => syntheticCreditCode(division, (serial += 1));
/** A credit code with a wrong check character. */
const badCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
const rowIdOf = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
const auditCount = () => sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = 'Enterprise'`);

beforeAll(async () => {
  app = await startTestApp();
  nanjing = (await app.createKey('CITY_EDITOR', '320100')).key;
  suzhou = (await app.createKey('CITY_EDITOR', '320500')).key;
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
  const [host] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
  const studio = await app.graphqlAs(admin, `mutation ($input: CreateInnovationStudioInput!) { createInnovationStudio(input: $input) { userErrors { message } } }`, {
    input: { name: '测试主办企业工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', host.id) },
  });
  expect(studio.data.createInnovationStudio.userErrors).toEqual([]);
  [hostWithStudios] = await sqlRows(app, 'SELECT id, credit_code, name FROM enterprise WHERE id = $1', [host.id]);
});
afterAll(() => app.close());

const FIELDS = 'id creditCode name nameEn ownership industry employeeCount establishedOn version externalId archivedAt city { code } district { code } province { code }';
const { CREATE, UPDATE, ARCHIVE, RESTORE, UPSERT } = recordMutations('Enterprise', 'enterprise', FIELDS, 'upsertEnterprises');

async function create(key: string | null, input: Record<string, unknown>) {
  const res = key ? await app.graphqlAs(key, CREATE, { input }) : await app.graphql(CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createEnterprise;
}

async function update(key: string, input: Record<string, unknown>) {
  const res = await app.graphqlAs(key, UPDATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.updateEnterprise;
}


describe('createEnterprise', () => {
  it("registers an enterprise in the editor's city, version 1, with one audit entry", async () => {
    const before = await auditCount();
    const code = freshCode();
    const result = await create(nanjing, { creditCode: code.toLowerCase(), name: '  南京新工匠科技有限公司 ', ownership: 'PRIVATE', industry: '软件', employeeCount: 120, externalId: 'NJ-E-1' });
    expect(result.userErrors).toEqual([]);
    expect(result.enterprise).toMatchObject({
      creditCode: code,
      name: '南京新工匠科技有限公司',
      ownership: 'PRIVATE',
      employeeCount: 120,
      version: 1,
      externalId: 'NJ-E-1',
      archivedAt: null,
      city: { code: '320100' },
      province: { code: '320000' },
    });
    expect(await auditCount()).toBe(before + 1);
    const [row] = await sqlRows(app, 'SELECT credit_code, city_code, province_code, is_sample FROM enterprise WHERE id = $1', [rowIdOf(result.enterprise.id)]);
    expect(row).toEqual({ credit_code: code, city_code: '320100', province_code: '320000', is_sample: false });
  });

  it('refuses a credit code already registered with DUPLICATE on creditCode, and writes nothing', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM enterprise');
    const result = await create(nanjing, { creditCode: hostWithStudios.credit_code, name: '重复企业', ownership: 'OTHER' });
    expect(result.enterprise).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: 'creditCode', code: 'DUPLICATE' })]);
    expect(result.userErrors[0].message).toContain(hostWithStudios.name);
    expect(await sqlNumber(app, 'SELECT count(*) FROM enterprise')).toBe(before);
  });

  it('reports every invalid field with its name', async () => {
    const result = await create(admin, { creditCode: badCheck(freshCode()), name: '   ', ownership: 'PRIVATE', employeeCount: -1, cityCode: '320199', externalId: 'x'.repeat(101) });
    expect(result.enterprise).toBeNull();
    expect(errorsByField(result)).toMatchObject({ creditCode: 'INVALID', name: 'INVALID', employeeCount: 'INVALID', cityCode: 'NOT_FOUND', externalId: 'INVALID' });
    const messages = Object.fromEntries(result.userErrors.map((e: any) => [e.field, e.message]));
    expect(messages.creditCode).toMatch(/check character/);
    expect(messages.name).toBe('name is required.');
    expect(messages.employeeCount).toMatch(/between 0 and 5000000/);
  });

  it('refuses an implausible employee count and a credit code of the wrong length', async () => {
    const result = await create(admin, { creditCode: '9132010012345', name: '大企业', ownership: 'STATE_OWNED', cityCode: '320100', employeeCount: 6_000_000 });
    expect(errorsByField(result)).toEqual({ creditCode: 'INVALID', employeeCount: 'INVALID' });
    expect(result.userErrors.find((e: any) => e.field === 'creditCode').message).toMatch(/18 characters/);
  });

  it("takes the province from the city, and refuses a province that is not the city's", async () => {
    const result = await create(admin, { creditCode: freshCode('420100'), name: '武汉新企业', ownership: 'STATE_OWNED', cityCode: '420100' });
    expect(result.enterprise).toMatchObject({ city: { code: '420100' }, province: { code: '420000' } });
    const mismatch = await create(admin, { creditCode: freshCode(), name: '错省企业', ownership: 'PRIVATE', cityCode: '320100', provinceCode: '420000' });
    expect(mismatch.userErrors).toEqual([expect.objectContaining({ field: 'provinceCode', code: 'INVALID' })]);
  });

  it('lets ADMIN register a province-level enterprise with a province and no city', async () => {
    const result = await create(admin, { creditCode: freshCode('610000'), name: '陕西省级企业', ownership: 'STATE_OWNED', provinceCode: '610000' });
    expect(result.userErrors).toEqual([]);
    expect(result.enterprise).toMatchObject({ city: null, province: { code: '610000' } });
    const none = await create(admin, { creditCode: freshCode(), name: '无地企业', ownership: 'PRIVATE' });
    expect(none.userErrors).toEqual([expect.objectContaining({ field: 'provinceCode', code: 'INVALID', message: 'provinceCode is required.' })]);
    // Every province of GB/T 2260 is in the registry; 660000 is well-formed but names none.
    const unknown = await create(admin, { creditCode: freshCode(), name: '未知省企业', ownership: 'PRIVATE', provinceCode: '660000' });
    expect(unknown.userErrors).toEqual([expect.objectContaining({ field: 'provinceCode', code: 'NOT_FOUND' })]);
  });

  it("keeps a city editor's enterprise in its own city", async () => {
    const other = await create(nanjing, { creditCode: freshCode(), name: '越界企业', ownership: 'PRIVATE', cityCode: '320500' });
    expect(other.enterprise).toBeNull();
    expect(other.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'FORBIDDEN' })]);
    // With only a province, the editor's city is still the enterprise's: the province must be its own.
    const provinceOnly = await create(nanjing, { creditCode: freshCode(), name: '省级企业', ownership: 'PRIVATE', provinceCode: '610000' });
    expect(provinceOnly.userErrors).toEqual([expect.objectContaining({ field: 'provinceCode', code: 'INVALID' })]);
  });

  it('requires a new enterprise to state its ownership, on every write path', async () => {
    // The create input declares it non-null; a bulk upsert row may leave it out (it may update a stored enterprise).
    const noOwnership = await app.graphqlAs(admin, CREATE, { input: { creditCode: freshCode(), name: '无所有制企业', cityCode: '320100' } });
    expect(noOwnership.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(noOwnership.errors?.[0].message).toMatch(/ownership/);
    const before = await sqlNumber(app, 'SELECT count(*) FROM enterprise');
    const upsert = await app.graphqlAs(nanjing, UPSERT, { input: { records: [{ externalId: 'NO-OWNERSHIP', creditCode: freshCode(), name: '无所有制企业' }] } });
    expect(upsert.data.upsertEnterprises.applied).toBe(false);
    expect(upsert.data.upsertEnterprises.rowErrors.map((e: any) => [e.index, e.field, e.code, e.message])).toEqual([[0, 'ownership', 'INVALID', 'ownership is required.']]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM enterprise')).toBe(before);
  });

  it("places an enterprise in a district of its city; a district alone gives ADMIN's enterprise its city and province", async () => {
    const placed = await create(nanjing, { creditCode: freshCode(), name: '玄武区企业', ownership: 'PRIVATE', districtCode: '320102' });
    expect(placed.userErrors).toEqual([]);
    expect(placed.enterprise).toMatchObject({ city: { code: '320100' }, district: { code: '320102' }, province: { code: '320000' } });
    const byDistrict = await create(admin, { creditCode: freshCode('320200'), name: '锡山区企业', ownership: 'PRIVATE', districtCode: '320205' });
    expect(byDistrict.userErrors).toEqual([]);
    expect(byDistrict.enterprise).toMatchObject({ city: { code: '320200' }, district: { code: '320205' }, province: { code: '320000' } });
    const rows = await sqlRows(app, 'SELECT district_code, city_code, province_code FROM enterprise WHERE id = ANY($1) ORDER BY id', [[placed, byDistrict].map((r) => rowIdOf(r.enterprise.id))]);
    expect(rows).toEqual([
      { district_code: '320102', city_code: '320100', province_code: '320000' },
      { district_code: '320205', city_code: '320200', province_code: '320000' },
    ]);
  });

  it('refuses a district of another city (INVALID) and one that does not exist (NOT_FOUND), and writes nothing', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM enterprise');
    const foreign = await create(admin, { creditCode: freshCode(), name: '错区企业', ownership: 'PRIVATE', cityCode: '320100', districtCode: '320205' });
    expect(foreign.enterprise).toBeNull();
    expect(foreign.userErrors).toEqual([expect.objectContaining({ field: 'districtCode', code: 'INVALID', message: expect.stringContaining('320200') })]);
    // A city editor's enterprise lies in its own city, so another city's district is refused the same way.
    const editors = await create(nanjing, { creditCode: freshCode(), name: '错区企业', ownership: 'PRIVATE', districtCode: '320205' });
    expect(errorsByField(editors)).toEqual({ districtCode: 'INVALID' });
    const unknown = await create(admin, { creditCode: freshCode(), name: '无此区企业', ownership: 'PRIVATE', cityCode: '320100', districtCode: '320199' });
    expect(errorsByField(unknown)).toEqual({ districtCode: 'NOT_FOUND' });
    expect(await sqlNumber(app, 'SELECT count(*) FROM enterprise')).toBe(before);
  });

});

describe('updateEnterprise', () => {
  it('changes the given fields, bumps the version', async () => {
    const created = (await create(nanjing, { creditCode: freshCode(), name: '玄武企业', ownership: 'PRIVATE', industry: '制造', employeeCount: 10 })).enterprise;
    const first = await update(nanjing, { id: created.id, version: 1, name: '玄武智造有限公司', industry: null, employeeCount: 0 });
    expect(first.userErrors).toEqual([]);
    expect(first.enterprise).toMatchObject({ name: '玄武智造有限公司', industry: null, employeeCount: 0, version: 2, ownership: 'PRIVATE', city: { code: '320100' } });
    const [row] = await sqlRows(app, 'SELECT name, version FROM enterprise WHERE id = $1', [rowIdOf(created.id)]);
    expect(row).toEqual({ name: '玄武智造有限公司', version: 2 });
  });

  it('keeps its own credit code, and refuses one another enterprise holds with DUPLICATE', async () => {
    const created = (await create(nanjing, { creditCode: freshCode(), name: '改码企业', ownership: 'PRIVATE' })).enterprise;
    const same = await update(nanjing, { id: created.id, version: 1, creditCode: created.creditCode, name: '改码企业二' });
    expect(same.userErrors).toEqual([]);
    const taken = await update(nanjing, { id: created.id, version: 2, creditCode: hostWithStudios.credit_code });
    expect(taken.userErrors).toEqual([expect.objectContaining({ field: 'creditCode', code: 'DUPLICATE' })]);
    const corrected = freshCode();
    const fixed = await update(nanjing, { id: created.id, version: 2, creditCode: corrected });
    expect(fixed.enterprise).toMatchObject({ creditCode: corrected, version: 3 });
  });

  it("refuses another city's enterprise, and moving one's own to another city, with FORBIDDEN", async () => {
    const theirs = (await create(suzhou, { creditCode: freshCode('320500'), name: '苏州企业', ownership: 'PRIVATE' })).enterprise;
    expect(theirs.city.code).toBe('320500');
    const res = await update(nanjing, { id: theirs.id, version: 1, name: '被改' });
    expect(res.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'id' })]);
    const mine = (await create(nanjing, { creditCode: freshCode(), name: '想搬家的企业', ownership: 'PRIVATE' })).enterprise;
    const moved = await update(nanjing, { id: mine.id, version: 1, cityCode: '320500' });
    expect(moved.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'cityCode' })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM enterprise WHERE id = $1 AND version = 1', [rowIdOf(mine.id)])).toBe(1);
  });

  it('lets ADMIN move an enterprise to another city or to province level, but not one with studios under it', async () => {
    const created = (await create(admin, { creditCode: freshCode(), name: '搬迁企业', ownership: 'PRIVATE', cityCode: '320100', districtCode: '320102' })).enterprise;
    expect(created.district).toEqual({ code: '320102' });
    // A move that names no district takes the enterprise out of its old one (which lies in the old city).
    const toWuhan = await update(admin, { id: created.id, version: 1, cityCode: '420100' });
    expect(toWuhan.enterprise).toMatchObject({ city: { code: '420100' }, district: null, province: { code: '420000' }, version: 2 });
    const toShaanxi = await update(admin, { id: created.id, version: 2, cityCode: null, provinceCode: '610000' });
    expect(toShaanxi.enterprise).toMatchObject({ city: null, province: { code: '610000' }, version: 3 });

    const [host] = await sqlRows(app, 'SELECT version FROM enterprise WHERE id = $1', [hostWithStudios.id]);
    const res = await update(admin, { id: nodeId('Enterprise', hostWithStudios.id), version: host.version, cityCode: '320500' });
    expect(res.enterprise).toBeNull();
    expect(res.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'INVALID' })]);
    expect(res.userErrors[0].message).toMatch(/innovation studio/);
  });

  it('keeps the employee count at or above the workers its collective contracts cover', async () => {
    // No published contract states the workers it covers: an enterprise of 500 with contracts covering 300 and 120.
    const [employer] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100', 1, { employeeCount: 500 });
    const id = nodeId('Enterprise', employer.id);
    for (const workersCovered of [300, 120]) {
      const contract = await app.graphqlAs(admin, `mutation ($input: CreateCollectiveInnovationContractInput!) { createCollectiveInnovationContract(input: $input) { userErrors { message } } }`, {
        input: { enterpriseId: id, signedOn: '2024-01-01', termMonths: 36, workersCovered },
      });
      expect(contract.data.createCollectiveInnovationContract.userErrors).toEqual([]);
    }
    const [{ version }] = await sqlRows(app, 'SELECT version FROM enterprise WHERE id = $1', [employer.id]);
    const below = await update(admin, { id, version, employeeCount: 299 });
    expect(below.userErrors).toEqual([expect.objectContaining({ field: 'employeeCount', code: 'INVALID' })]);
    expect(below.userErrors[0].message).toContain('300 workers');
    const equal = await update(admin, { id, version, employeeCount: 300 });
    expect(equal.enterprise).toMatchObject({ employeeCount: 300, version: version + 1 });
  });

  it('updates a published enterprise that states no ownership, and sets no floor where its contract does not say how many workers it covers', async () => {
    const [sample] = await sqlRows(
      app,
      `SELECT e.id, e.version, e.name FROM enterprise e JOIN collective_innovation_contract k ON k.enterprise_id = e.id
       WHERE e.is_sample AND e.ownership IS NULL AND k.workers_covered IS NULL ORDER BY e.id LIMIT 1`,
    );
    const res = await update(admin, { id: nodeId('Enterprise', sample.id), version: sample.version, employeeCount: 0 });
    expect(res.userErrors).toEqual([]);
    expect(res.enterprise).toMatchObject({ name: sample.name, ownership: null, employeeCount: 0, version: sample.version + 1, city: null, province: { code: '320000' } });
    expect(await sqlRows(app, 'SELECT ownership, employee_count FROM enterprise WHERE id = $1', [sample.id])).toEqual([{ ownership: null, employee_count: 0 }]);
  });

  it('records each change in the history, newest first', async () => {
    const created = (await create(nanjing, { creditCode: freshCode(), name: '有历史的企业', ownership: 'PRIVATE' })).enterprise;
    await update(nanjing, { id: created.id, version: 1, employeeCount: 55 });
    const res = await app.graphqlAs(admin, `query ($id: ID!) { node(id: $id) { ... on Enterprise { history { operation changedFields actor { role cityCode } } } } }`, { id: created.id });
    expect(res.data.node.history).toEqual([
      { operation: 'UPDATE', changedFields: ['employeeCount'], actor: { role: 'CITY_EDITOR', cityCode: '320100' } },
      expect.objectContaining({ operation: 'CREATE' }),
    ]);
  });
});

describe('archive and restore', () => {
  it('hides an archived enterprise from lists, keeps it reachable by ID, credit code and the studios it hosts, restores it', async () => {
    const id = nodeId('Enterprise', hostWithStudios.id);
    const count = async (status = 'ACTIVE') =>
      (await app.graphql(`{ enterprises(filter: { cityCode: "320100", archiveStatus: ${status} }) { totalCount } city(code: "320100") { enterprises { totalCount } } }`)).data;
    const active = await count();
    expect(active.city.enterprises.totalCount).toBe(active.enterprises.totalCount);
    const audit = await auditCount();

    const archived = await app.graphqlAs(nanjing, ARCHIVE, { input: { id } });
    expect(archived.data.archiveEnterprise.userErrors).toEqual([]);
    const version = archived.data.archiveEnterprise.enterprise.version;
    expect(archived.data.archiveEnterprise.enterprise.archivedAt).not.toBeNull();
    expect(await auditCount()).toBe(audit + 1);

    const after = await count();
    expect(after.enterprises.totalCount).toBe(active.enterprises.totalCount - 1);
    expect(after.city.enterprises.totalCount).toBe(active.city.enterprises.totalCount - 1);
    expect((await count('ARCHIVED')).enterprises.totalCount).toBe(1);

    const reach = await app.graphql(
      `query ($id: ID!, $code: CreditCode!) { node(id: $id) { ... on Enterprise { name archivedAt } } enterprise(creditCode: $code) { name } }`,
      { id, code: hostWithStudios.credit_code },
    );
    expect(reach.data.node.name).toBe(hostWithStudios.name);
    expect(reach.data.enterprise.name).toBe(hostWithStudios.name);
    const [studio] = await sqlRows(app, 'SELECT id FROM innovation_studio WHERE enterprise_id = $1 AND archived_at IS NULL ORDER BY id LIMIT 1', [hostWithStudios.id]);
    const hosted = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on InnovationStudio { enterprise { name archivedAt } } } }`, { id: nodeId('InnovationStudio', studio.id) });
    expect(hosted.data.node.enterprise).toMatchObject({ name: hostWithStudios.name, archivedAt: expect.any(String) });

    // A new studio may not name an archived enterprise.
    const studioRes = await app.graphqlAs(nanjing, `mutation ($input: CreateInnovationStudioInput!) { createInnovationStudio(input: $input) { userErrors { field code } } }`, {
      input: { name: '新工作室', kind: 'EMPLOYEE', enterpriseId: id },
    });
    expect(studioRes.data.createInnovationStudio.userErrors).toEqual([{ field: 'enterpriseId', code: 'INVALID' }]);

    const stale = await app.graphqlAs(nanjing, RESTORE, { input: { id, version: version - 1 } });
    expect(stale.data.restoreEnterprise.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: version })]);
    const restored = await app.graphqlAs(nanjing, RESTORE, { input: { id, version } });
    expect(restored.data.restoreEnterprise.enterprise).toMatchObject({ archivedAt: null, version: version + 1 });
    expect((await count()).enterprises.totalCount).toBe(active.enterprises.totalCount);
  });

  it("refuses to archive another city's enterprise, and ANALYST keys", async () => {
    const theirs = (await create(suzhou, { creditCode: freshCode('320500'), name: '苏州归档企业', ownership: 'PRIVATE' })).enterprise;
    const byNanjing = await app.graphqlAs(nanjing, ARCHIVE, { input: { id: theirs.id } });
    expect(byNanjing.data.archiveEnterprise.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    const byAnalyst = await app.graphqlAs(analyst, ARCHIVE, { input: { id: theirs.id } });
    expect(byAnalyst.data.archiveEnterprise.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    const byAdmin = await app.graphqlAs(admin, ARCHIVE, { input: { id: theirs.id } });
    expect(byAdmin.data.archiveEnterprise.enterprise.archivedAt).not.toBeNull();
  });
});

describe('upsertEnterprises', () => {
  const codes = Array.from({ length: 60 }, () => freshCode());
  const records = (n: number, suffix = '') =>
    Array.from({ length: n }, (_, i) => ({ externalId: `NJ-ENT-${i}`, creditCode: codes[i], name: `同步企业 ${i}${suffix}`, ownership: 'PRIVATE', employeeCount: 10 + i }));

  it('creates, then updates only what changed, then replays by idempotency key', async () => {
    const audit = await auditCount();
    const first = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(3) } });
    expect(first.data.upsertEnterprises).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0, rowErrors: [], userErrors: [] });
    expect(await auditCount()).toBe(audit + 3);
    const changed = records(3);
    changed[1].employeeCount = 999;
    const second = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'ent-1' } });
    expect(second.data.upsertEnterprises).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2, replayed: false });
    expect(second.data.upsertEnterprises.records[1]).toMatchObject({ index: 1, externalId: 'NJ-ENT-1', outcome: 'UPDATED' });
    const replay = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'ent-1' } });
    expect(replay.data.upsertEnterprises).toMatchObject({ applied: true, updated: 1, replayed: true });
    expect(await auditCount()).toBe(audit + 4);
    const rows = await sqlRows(app, `SELECT external_id, city_code, employee_count FROM enterprise WHERE external_id LIKE 'NJ-ENT-%' ORDER BY external_id`);
    expect(rows).toEqual([
      { external_id: 'NJ-ENT-0', city_code: '320100', employee_count: 10 },
      { external_id: 'NJ-ENT-1', city_code: '320100', employee_count: 999 },
      { external_id: 'NJ-ENT-2', city_code: '320100', employee_count: 12 },
    ]);
    const listed = await app.graphql(`{ enterprises(filter: { cityCode: "320100", externalId: "NJ-ENT-1" }) { nodes { creditCode employeeCount } } }`);
    expect(listed.data.enterprises.nodes).toEqual([{ creditCode: codes[1], employeeCount: 999 }]);
  });

  it('applies nothing when some rows are bad, and reports every bad row next to its field', async () => {
    const rows = records(50, ' bad').map((r, i) => ({ ...r, externalId: `NJ-BAD-${i}`, creditCode: codes[10 + i] ?? freshCode() }));
    rows[3].name = '';
    rows[8].creditCode = rows[7].creditCode; // twice in the batch
    rows[12].creditCode = hostWithStudios.credit_code; // already registered
    rows[20].creditCode = badCheck(rows[20].creditCode);
    rows[33].employeeCount = -5;
    const before = await sqlNumber(app, 'SELECT count(*) FROM enterprise');
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: rows } });
    const payload = res.data.upsertEnterprises;
    expect(payload.applied).toBe(false);
    expect(payload.rowErrors.map((e: any) => [e.index, e.field, e.code])).toEqual([
      [3, 'name', 'INVALID'],
      [8, 'creditCode', 'DUPLICATE'],
      [12, 'creditCode', 'DUPLICATE'],
      [20, 'creditCode', 'INVALID'],
      [33, 'employeeCount', 'INVALID'],
    ]);
    expect(payload.rowErrors[1].message).toMatch(/rows 7 and 8/);
    expect(await sqlNumber(app, 'SELECT count(*) FROM enterprise')).toBe(before);
  });

  it("requires a city for ADMIN rows, and refuses rows of another city for a city editor", async () => {
    const row = { externalId: 'ADM-1', creditCode: freshCode(), name: '管理员同步企业', ownership: 'OTHER' };
    const noCity = await app.graphqlAs(admin, UPSERT, { input: { records: [row] } });
    expect(noCity.data.upsertEnterprises.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'cityCode', code: 'INVALID' })]);
    const foreign = await app.graphqlAs(nanjing, UPSERT, { input: { records: [{ ...row, cityCode: '320500' }] } });
    expect(foreign.data.upsertEnterprises.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'cityCode', code: 'FORBIDDEN' })]);
    const byAdmin = await app.graphqlAs(admin, UPSERT, { input: { records: [{ ...row, cityCode: '320500' }] } });
    expect(byAdmin.data.upsertEnterprises).toMatchObject({ applied: true, created: 1 });
  });

  it('runs the same SQL statements for 5 records as for 500', async () => {
    const batch = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ externalId: `SIZE-${tag}-${i}`, creditCode: freshCode(), name: `批量企业 ${i}`, ownership: 'OTHER' }));
    const small = await app.graphqlAs(nanjing, UPSERT, { input: { records: batch(5, 'small') } });
    const large = await app.graphqlAs(nanjing, UPSERT, { input: { records: batch(500, 'large') } });
    expect(large.data.upsertEnterprises).toMatchObject({ applied: true, created: 500 });
    expect(large.extensions.sqlStatements).toBe(small.extensions.sqlStatements);
  });

  it('refuses ANALYST and anonymous callers as a whole', async () => {
    for (const res of [await app.graphqlAs(analyst, UPSERT, { input: { records: records(1) } }), await app.graphql(UPSERT, { input: { records: records(1) } })]) {
      expect(res.data.upsertEnterprises).toMatchObject({ applied: false, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    }
  });
});
