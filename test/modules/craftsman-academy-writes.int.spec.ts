/**
 * Writing craftsman academies as a city portal: create (own city, or a provincial academy by
 * ADMIN), update with the version read, archive and restore, bulk upsert by external id; every
 * refusal a userError next to its field.
 */
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { errorsByField, recordMutations } from '../setup/writes';

let app: TestApp;
let nanjing: string;
let suzhou: string;
let admin: string;
let analyst: string;

const rowIdOf = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
const auditCount = () => sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = 'CraftsmanAcademy'`);

beforeAll(async () => {
  app = await startTestApp();
  nanjing = (await app.createKey('CITY_EDITOR', '320100')).key;
  suzhou = (await app.createKey('CITY_EDITOR', '320500')).key;
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
});
afterAll(() => app.close());

const FIELDS = 'id name level hostInstitution onProvincialSupportList isSample version externalId archivedAt city { code } province { code }';
const { CREATE, UPDATE, ARCHIVE, RESTORE, UPSERT } = recordMutations('CraftsmanAcademy', 'craftsmanAcademy', FIELDS, 'upsertCraftsmanAcademies');

async function create(key: string | null, input: Record<string, unknown>) {
  const res = key ? await app.graphqlAs(key, CREATE, { input }) : await app.graphql(CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createCraftsmanAcademy;
}

async function update(key: string, input: Record<string, unknown>) {
  const res = await app.graphqlAs(key, UPDATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.updateCraftsmanAcademy;
}


describe('createCraftsmanAcademy', () => {
  it("registers an academy in the editor's city, version 1, off the support list by default, with one audit entry", async () => {
    const before = await auditCount();
    const result = await create(nanjing, { name: ' 南京建邺工匠学院  ', level: 'DISTRICT', hostInstitution: '建邺区总工会', externalId: 'NJ-A-1' });
    expect(result.userErrors).toEqual([]);
    expect(result.craftsmanAcademy).toMatchObject({
      name: '南京建邺工匠学院',
      level: 'DISTRICT',
      hostInstitution: '建邺区总工会',
      onProvincialSupportList: false,
      isSample: false,
      version: 1,
      externalId: 'NJ-A-1',
      archivedAt: null,
      city: { code: '320100' },
      province: { code: '320000' },
    });
    expect(await auditCount()).toBe(before + 1);
  });

  it('reports every invalid field with its name', async () => {
    const result = await create(admin, { name: 'x'.repeat(201), level: 'MUNICIPAL', hostInstitution: '单位\u0007', cityCode: '320100', sourceId: nodeId('Enterprise', 1) });
    expect(result.craftsmanAcademy).toBeNull();
    expect(errorsByField(result)).toEqual({ name: 'INVALID', hostInstitution: 'INVALID', sourceId: 'INVALID' });
    const messages = Object.fromEntries(result.userErrors.map((e: any) => [e.field, e.message]));
    expect(messages.name).toMatch(/at most 200 characters/);
    expect(messages.hostInstitution).toMatch(/control characters/);
    expect(messages.sourceId).toMatch(/ID of a Source/);
  });

  it('lets ADMIN register a provincial academy with only a province, but not a municipal or district one', async () => {
    const provincial = await create(admin, { name: '陕西省工匠学院', level: 'PROVINCIAL', provinceCode: '610000', onProvincialSupportList: true });
    expect(provincial.userErrors).toEqual([]);
    expect(provincial.craftsmanAcademy).toMatchObject({ city: null, province: { code: '610000' }, onProvincialSupportList: true });
    for (const level of ['MUNICIPAL', 'DISTRICT']) {
      const result = await create(admin, { name: `无城市${level}学院`, level, provinceCode: '320000' });
      expect(result.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'INVALID' })]);
      expect(result.userErrors[0].message).toMatch(/only a PROVINCIAL academy may have none/);
    }
    const mismatch = await create(admin, { name: '错省学院', level: 'MUNICIPAL', cityCode: '320100', provinceCode: '420000' });
    expect(mismatch.userErrors).toEqual([expect.objectContaining({ field: 'provinceCode', code: 'INVALID' })]);
    const noCity = await create(admin, { name: '未知城市学院', level: 'MUNICIPAL', cityCode: '320199' });
    expect(noCity.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'cityCode', code: 'NOT_FOUND' })]));
  });

  it("keeps a city editor's academy in its own city", async () => {
    const other = await create(nanjing, { name: '越界学院', level: 'MUNICIPAL', cityCode: '320500' });
    expect(other.craftsmanAcademy).toBeNull();
    expect(other.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'FORBIDDEN' })]);
  });

});

describe('updateCraftsmanAcademy', () => {
  it('changes the given fields, bumps the version', async () => {
    const created = (await create(nanjing, { name: '秦淮工匠学院', level: 'DISTRICT', hostInstitution: '秦淮区总工会' })).craftsmanAcademy;
    const first = await update(nanjing, { id: created.id, version: 1, level: 'MUNICIPAL', hostInstitution: null, onProvincialSupportList: true });
    expect(first.userErrors).toEqual([]);
    expect(first.craftsmanAcademy).toMatchObject({ name: '秦淮工匠学院', level: 'MUNICIPAL', hostInstitution: null, onProvincialSupportList: true, version: 2 });
    const [row] = await sqlRows(app, 'SELECT name, version FROM craftsman_academy WHERE id = $1', [rowIdOf(created.id)]);
    expect(row).toEqual({ name: '秦淮工匠学院', version: 2 });
  });

  it('refuses to clear a required field, and to leave a municipal academy without a city', async () => {
    const created = (await create(admin, { name: '省级学院', level: 'PROVINCIAL', provinceCode: '320000' })).craftsmanAcademy;
    const cleared = await update(admin, { id: created.id, version: 1, name: null });
    expect(cleared.userErrors).toEqual([expect.objectContaining({ field: 'name', code: 'INVALID', message: 'name is required.' })]);
    const municipal = await update(admin, { id: created.id, version: 1, level: 'MUNICIPAL' });
    expect(municipal.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'INVALID' })]);
    const withCity = await update(admin, { id: created.id, version: 1, level: 'MUNICIPAL', cityCode: '320200' });
    expect(withCity.craftsmanAcademy).toMatchObject({ level: 'MUNICIPAL', city: { code: '320200' }, province: { code: '320000' }, version: 2 });
  });

  it("refuses another city's academy, and moving one's own to another city, with FORBIDDEN", async () => {
    const theirs = (await create(suzhou, { name: '苏州工匠学院', level: 'MUNICIPAL' })).craftsmanAcademy;
    expect(theirs.city.code).toBe('320500');
    const res = await update(nanjing, { id: theirs.id, version: 1, name: '被改' });
    expect(res.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'id' })]);
    const [seeded] = await sqlRows(app, `SELECT id, version FROM craftsman_academy WHERE city_code = '320100' ORDER BY id LIMIT 1`);
    const moved = await update(nanjing, { id: nodeId('CraftsmanAcademy', seeded.id), version: seeded.version, cityCode: '320500' });
    expect(moved.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'cityCode' })]);
    const byAdmin = await update(admin, { id: theirs.id, version: 1, name: '苏州市工匠学院' });
    expect(byAdmin.craftsmanAcademy).toMatchObject({ name: '苏州市工匠学院', version: 2 });
  });

  it('records each change in the history, newest first', async () => {
    const created = (await create(nanjing, { name: '有历史的学院', level: 'DISTRICT' })).craftsmanAcademy;
    await update(nanjing, { id: created.id, version: 1, onProvincialSupportList: true });
    const res = await app.graphqlAs(admin, `query ($id: ID!) { node(id: $id) { ... on CraftsmanAcademy { history { operation changedFields actor { role cityCode } } } } }`, { id: created.id });
    expect(res.data.node.history).toEqual([
      { operation: 'UPDATE', changedFields: ['onProvincialSupportList'], actor: { role: 'CITY_EDITOR', cityCode: '320100' } },
      expect.objectContaining({ operation: 'CREATE' }),
    ]);
  });
});

describe('archive and restore', () => {
  it('hides an archived academy from lists, city lists and stats, keeps it reachable by ID, restores it', async () => {
    const [seeded] = await sqlRows(app, `SELECT id, name, level FROM craftsman_academy WHERE city_code = '320100' AND archived_at IS NULL ORDER BY id LIMIT 1`);
    const id = nodeId('CraftsmanAcademy', seeded.id);
    const counts = async (status = 'ACTIVE') =>
      (
        await app.graphql(`{ craftsmanAcademies(filter: { cityCode: "320100", archiveStatus: ${status} }) { totalCount }
          city(code: "320100") { craftsmanAcademies { totalCount } }
          craftsmanAcademyStats(groupBy: [], filter: { cityCode: "320100", archiveStatus: ${status} }) { count } }`)
      ).data;
    const active = await counts();
    expect(active.city.craftsmanAcademies.totalCount).toBe(active.craftsmanAcademies.totalCount);
    expect(active.craftsmanAcademyStats[0].count).toBe(active.craftsmanAcademies.totalCount);
    const audit = await auditCount();

    const archived = await app.graphqlAs(nanjing, ARCHIVE, { input: { id } });
    expect(archived.data.archiveCraftsmanAcademy.userErrors).toEqual([]);
    expect(archived.data.archiveCraftsmanAcademy.craftsmanAcademy.archivedAt).not.toBeNull();
    const version = archived.data.archiveCraftsmanAcademy.craftsmanAcademy.version;
    expect(await auditCount()).toBe(audit + 1);
    // Archiving an archived academy changes nothing.
    const again = await app.graphqlAs(nanjing, ARCHIVE, { input: { id } });
    expect(again.data.archiveCraftsmanAcademy.craftsmanAcademy.version).toBe(version);
    expect(await auditCount()).toBe(audit + 1);

    const after = await counts();
    expect(after.craftsmanAcademies.totalCount).toBe(active.craftsmanAcademies.totalCount - 1);
    expect(after.city.craftsmanAcademies.totalCount).toBe(active.city.craftsmanAcademies.totalCount - 1);
    expect(after.craftsmanAcademyStats[0].count).toBe(active.craftsmanAcademyStats[0].count - 1);
    const onlyArchived = await counts('ARCHIVED');
    expect([onlyArchived.craftsmanAcademies.totalCount, onlyArchived.craftsmanAcademyStats[0].count]).toEqual([1, 1]);
    expect((await counts('ANY')).craftsmanAcademies.totalCount).toBe(active.craftsmanAcademies.totalCount);
    const byLevel = (await app.graphql(`{ craftsmanAcademyStats(groupBy: [LEVEL], filter: { cityCode: "320100" }) { level count } }`)).data.craftsmanAcademyStats;
    expect(byLevel.reduce((sum: number, g: any) => sum + g.count, 0)).toBe(active.craftsmanAcademies.totalCount - 1);

    const node = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on CraftsmanAcademy { name archivedAt } } }`, { id });
    expect(node.data.node).toMatchObject({ name: seeded.name, archivedAt: expect.any(String) });

    const restored = await app.graphqlAs(nanjing, RESTORE, { input: { id, version } });
    expect(restored.data.restoreCraftsmanAcademy.craftsmanAcademy).toMatchObject({ archivedAt: null, version: version + 1 });
    expect((await counts()).craftsmanAcademies.totalCount).toBe(active.craftsmanAcademies.totalCount);
  });

  it("refuses to archive another city's academy and ANALYST keys; ADMIN may", async () => {
    const theirs = (await create(suzhou, { name: '苏州归档学院', level: 'DISTRICT' })).craftsmanAcademy;
    const byNanjing = await app.graphqlAs(nanjing, ARCHIVE, { input: { id: theirs.id } });
    expect(byNanjing.data.archiveCraftsmanAcademy.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    const byAnalyst = await app.graphqlAs(analyst, ARCHIVE, { input: { id: theirs.id } });
    expect(byAnalyst.data.archiveCraftsmanAcademy.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    const byAdmin = await app.graphqlAs(admin, ARCHIVE, { input: { id: theirs.id, version: 1 } });
    expect(byAdmin.data.archiveCraftsmanAcademy.craftsmanAcademy).toMatchObject({ version: 2, archivedAt: expect.any(String) });
  });
});

describe('upsertCraftsmanAcademies', () => {
  const records = (n: number, suffix = '') =>
    Array.from({ length: n }, (_, i) => ({ externalId: `NJ-ACAD-${i}`, name: `同步学院 ${i}${suffix}`, level: i % 2 ? 'DISTRICT' : 'MUNICIPAL' }));

  it('creates, then updates only what changed, then replays by idempotency key', async () => {
    const audit = await auditCount();
    const first = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(3) } });
    expect(first.data.upsertCraftsmanAcademies).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0, rowErrors: [], userErrors: [] });
    expect(await auditCount()).toBe(audit + 3);
    const changed: Array<Record<string, unknown>> = records(3);
    changed[2].onProvincialSupportList = true;
    const second = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'acad-1' } });
    expect(second.data.upsertCraftsmanAcademies).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2, replayed: false });
    const replay = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'acad-1' } });
    expect(replay.data.upsertCraftsmanAcademies).toMatchObject({ applied: true, updated: 1, replayed: true });
    expect(await auditCount()).toBe(audit + 4);
    const reused = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(2), idempotencyKey: 'acad-1' } });
    expect(reused.data.upsertCraftsmanAcademies.userErrors).toEqual([expect.objectContaining({ code: 'IDEMPOTENCY_KEY_REUSED' })]);
    const listed = await app.graphql(`{ craftsmanAcademies(filter: { cityCode: "320100", externalId: "NJ-ACAD-2" }) { nodes { name onProvincialSupportList } } }`);
    expect(listed.data.craftsmanAcademies.nodes).toEqual([{ name: '同步学院 2', onProvincialSupportList: true }]);
  });

  it('applies nothing when some rows are bad, and reports every bad row next to its field', async () => {
    const rows: Array<Record<string, unknown>> = records(40, ' bad').map((r, i) => ({ ...r, externalId: `NJ-ACAD-BAD-${i}` }));
    rows[2].name = '   ';
    rows[9].externalId = rows[8].externalId;
    rows[15].hostInstitution = '单'.repeat(201);
    rows[30].sourceId = 'not-an-id';
    const before = await sqlNumber(app, 'SELECT count(*) FROM craftsman_academy');
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: rows } });
    const payload = res.data.upsertCraftsmanAcademies;
    expect(payload.applied).toBe(false);
    expect(payload.rowErrors.map((e: any) => [e.index, e.field, e.code])).toEqual([
      [2, 'name', 'INVALID'],
      [9, 'externalId', 'DUPLICATE'],
      [15, 'hostInstitution', 'INVALID'],
      [30, 'sourceId', 'INVALID'],
    ]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM craftsman_academy')).toBe(before);
  });

  it("requires a city for ADMIN rows, refuses another city's rows for a city editor, and refuses ANALYST keys", async () => {
    const row = { externalId: 'SZ-ACAD-1', name: '苏州同步学院', level: 'MUNICIPAL' };
    const noCity = await app.graphqlAs(admin, UPSERT, { input: { records: [row] } });
    expect(noCity.data.upsertCraftsmanAcademies.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'cityCode', code: 'INVALID' })]);
    const foreign = await app.graphqlAs(nanjing, UPSERT, { input: { records: [{ ...row, cityCode: '320500' }] } });
    expect(foreign.data.upsertCraftsmanAcademies.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'cityCode', code: 'FORBIDDEN' })]);
    const byAnalyst = await app.graphqlAs(analyst, UPSERT, { input: { records: [row] } });
    expect(byAnalyst.data.upsertCraftsmanAcademies).toMatchObject({ applied: false, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    const bySuzhou = await app.graphqlAs(suzhou, UPSERT, { input: { records: [row] } });
    expect(bySuzhou.data.upsertCraftsmanAcademies).toMatchObject({ applied: true, created: 1 });
    expect(await sqlNumber(app, `SELECT count(*) FROM craftsman_academy WHERE city_code = '320500' AND external_id = 'SZ-ACAD-1'`)).toBe(1);
  });
});
