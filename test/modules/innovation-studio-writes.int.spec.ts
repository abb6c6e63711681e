/**
 * Writing innovation studios as a city portal: create, update with the version read, archive and
 * restore, bulk upsert by external id; every refusal a userError next to its field.
 */
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { errorsByField, recordMutations } from '../setup/writes';

/** Well-formed, but no enterprise of the data set has it. */
const UNKNOWN_CREDIT_CODE = '91320100XYW00000Q' + creditCodeCheckCharacter('91320100XYW00000Q');

let app: TestApp;
let nanjing: string;
let suzhou: string;
let admin: string;
let nanjingEnterprise: { id: number; credit_code: string };
let suzhouEnterprise: { id: number };

beforeAll(async () => {
  app = await startTestApp();
  nanjing = (await app.createKey('CITY_EDITOR', '320100')).key;
  suzhou = (await app.createKey('CITY_EDITOR', '320500')).key;
  admin = (await app.createKey('ADMIN')).key;
  // The published data set names no enterprise in Nanjing or Suzhou (its Nanjing studios name no host): make one in each.
  const query = (text: string, params?: unknown[]) => app.dataSource.query(text, params);
  [nanjingEnterprise] = await testEnterprises(query, '320100');
  [suzhouEnterprise] = await testEnterprises(query, '320500');
});
afterAll(() => app.close());

const FIELDS = 'id name kind demonstrationLevel establishedOn version externalId archivedAt city { code } district { code } enterprise { id }';
const { CREATE, UPDATE, ARCHIVE, RESTORE, UPSERT } = recordMutations('InnovationStudio', 'innovationStudio', FIELDS, 'upsertInnovationStudios');

async function create(key: string, input: Record<string, unknown>) {
  const res = await app.graphqlAs(key, CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createInnovationStudio;
}

describe('createInnovationStudio', () => {
  it("creates a studio in the editor's city, version 1, with an audit entry", async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const result = await create(nanjing, { name: '  秦淮工匠创新工作室 ', kind: 'CRAFTSMAN', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), establishedOn: '2024-05-01' });
    expect(result.userErrors).toEqual([]);
    expect(result.innovationStudio).toMatchObject({ name: '秦淮工匠创新工作室', kind: 'CRAFTSMAN', demonstrationLevel: 'NONE', version: 1, city: { code: '320100' }, archivedAt: null });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(before + 1);
  });

  it('refuses a studio of an enterprise in another city with FORBIDDEN, and writes nothing', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    const result = await create(nanjing, { name: '越界工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', suzhouEnterprise.id) });
    expect(result.innovationStudio).toBeNull();
    expect(result.userErrors.map((e: any) => e.code)).toContain('FORBIDDEN');
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);
  });

  // Finding 9 of issue 16: any city editor could make another city's craftsman the lead of its studio.
  it("refuses a lead craftsman of another city, on create and on update, and takes one of the studio's city", async () => {
    const [suzhouCraftsman] = await sqlRows(app, `INSERT INTO craftsman (name, level, status, province_code, city_code) VALUES ('苏州工匠', 'MUNICIPAL', 'CANDIDATE', '320000', '320500') RETURNING id`);
    const [nanjingCraftsman] = await sqlRows(app, `INSERT INTO craftsman (name, level, status, province_code, city_code) VALUES ('南京工匠', 'MUNICIPAL', 'CANDIDATE', '320000', '320100') RETURNING id`);
    const studio = { name: '领衔人测试工作室', kind: 'CRAFTSMAN', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) };
    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    const refused = await create(nanjing, { ...studio, leadCraftsmanId: nodeId('Craftsman', suzhouCraftsman.id) });
    expect(refused.innovationStudio).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: 'leadCraftsmanId', code: 'INVALID', message: expect.stringContaining('320500') })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);

    const made = await create(nanjing, { ...studio, leadCraftsmanId: nodeId('Craftsman', nanjingCraftsman.id) });
    expect(made.userErrors).toEqual([]);
    const update = await app.graphqlAs(nanjing, UPDATE, { input: { id: made.innovationStudio.id, version: 1, leadCraftsmanId: nodeId('Craftsman', suzhouCraftsman.id) } });
    expect(update.data.updateInnovationStudio.userErrors).toEqual([expect.objectContaining({ field: 'leadCraftsmanId', code: 'INVALID' })]);
  });

  // Finding 9 of issue 16: names that read otherwise than they are were stored.
  it.each([
    ['a right-to-left override (U+202E), which shows the name backwards', '工作室\u202e室作工', /bidirectional control characters \(双向控制字符\).*U\+202E/],
    ['a left-to-right isolate (U+2066)', '工作室\u2066x\u2069', /bidirectional control characters.*U\+2066/],
    ['only zero-width characters', '\u200b\u200c\ufeff', /visible characters/],
    ['a C1 control (U+0085, next line)', '工作\u0085室', /control characters.*U\+0085/],
    ['a line separator (U+2028)', '工作\u2028室', /control characters or line separators.*U\+2028/],
    ['a paragraph separator (U+2029)', '工作\u2029室', /U\+2029/],
  ])('refuses a name with %s, saying why', async (_case, name, message) => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    const result = await create(nanjing, { name, kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) });
    expect(result.userErrors).toEqual([expect.objectContaining({ field: 'name', code: 'INVALID', message: expect.stringMatching(message) })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);
  });

  it('keeps a name with a zero-width joiner among visible characters (emoji, some scripts need it)', async () => {
    const result = await create(nanjing, { name: '工匠👩\u200d🔧工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) });
    expect(result.userErrors).toEqual([]);
  });

  it('reports every invalid field with its name', async () => {
    const result = await create(admin, { name: '   ', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', 99999999), establishedOn: '2999-01-01', cityCode: '320500' });
    expect(result.innovationStudio).toBeNull();
    const byField = Object.fromEntries(result.userErrors.map((e: any) => [e.field, e.code]));
    expect(byField).toMatchObject({ name: 'INVALID', enterpriseId: 'NOT_FOUND', establishedOn: 'INVALID' });
  });

  it('requires a new studio to state its kind and its enterprise, on every write path', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    // The create input declares both non-null: a studio without them is not even a valid request.
    const noKind = await app.graphqlAs(nanjing, CREATE, { input: { name: '无类型工作室', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) } });
    expect(noKind.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(noKind.errors?.[0].message).toMatch(/kind/);
    // A bulk upsert row may leave them out (it may update a stored studio), so a new row is refused next to the field.
    const rows = [
      { externalId: 'REQ-0', name: '无类型工作室', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) },
      { externalId: 'REQ-1', name: '无企业工作室', kind: 'EMPLOYEE' },
      { externalId: 'REQ-2', name: '完整工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) },
    ];
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: rows } });
    expect(res.data.upsertInnovationStudios.applied).toBe(false);
    expect(res.data.upsertInnovationStudios.rowErrors.map((e: any) => [e.index, e.field, e.code, e.message])).toEqual([
      [0, 'kind', 'INVALID', 'kind is required.'],
      [1, 'enterpriseId', 'INVALID', 'enterpriseId is required.'],
    ]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);
  });

  it("places a studio in a district of its enterprise's city, and refuses a district of another city or one that does not exist", async () => {
    const placed = await create(nanjing, { name: '秦淮区创新工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), districtCode: '320104' });
    expect(placed.userErrors).toEqual([]);
    expect(placed.innovationStudio).toMatchObject({ city: { code: '320100' }, district: { code: '320104' } });
    const id = Number(Buffer.from(placed.innovationStudio.id, 'base64url').toString().split(':')[1]);
    expect(await sqlRows(app, 'SELECT city_code, district_code FROM innovation_studio WHERE id = $1', [id])).toEqual([{ city_code: '320100', district_code: '320104' }]);
    // No published studio lies in a district: the new one is 秦淮区's only one.
    const inDistrict = await app.graphql(`{ district(code: "320104") { innovationStudios { totalCount } } innovationStudios(filter: { districtCode: "320104" }) { nodes { id } } }`);
    expect(inDistrict.data.district.innovationStudios.totalCount).toBe(1);
    expect(inDistrict.data.innovationStudios.nodes).toEqual([{ id: placed.innovationStudio.id }]);

    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    const wuxiDistrict = await create(nanjing, { name: '锡山区工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), districtCode: '320205' });
    expect(wuxiDistrict.innovationStudio).toBeNull();
    expect(wuxiDistrict.userErrors).toEqual([expect.objectContaining({ field: 'districtCode', code: 'INVALID', message: expect.stringContaining('320200') })]);
    const unknown = await create(nanjing, { name: '无此区工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), districtCode: '320199' });
    expect(unknown.innovationStudio).toBeNull();
    expect(errorsByField(unknown)).toEqual({ districtCode: 'NOT_FOUND' });
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);

    // On update too: another district of the city is accepted, another city's refused, null takes the studio out of its district.
    const moved = await app.graphqlAs(nanjing, UPDATE, { input: { id: placed.innovationStudio.id, version: 1, districtCode: '320102' } });
    expect(moved.data.updateInnovationStudio.innovationStudio).toMatchObject({ district: { code: '320102' }, version: 2 });
    const foreign = await app.graphqlAs(nanjing, UPDATE, { input: { id: placed.innovationStudio.id, version: 2, districtCode: '320205' } });
    expect(errorsByField(foreign.data.updateInnovationStudio)).toEqual({ districtCode: 'INVALID' });
    const cleared = await app.graphqlAs(nanjing, UPDATE, { input: { id: placed.innovationStudio.id, version: 2, districtCode: null } });
    expect(cleared.data.updateInnovationStudio.innovationStudio).toMatchObject({ district: null, city: { code: '320100' }, version: 3 });
  });

});

describe('updateInnovationStudio', () => {
  it('changes the given fields, bumps the version', async () => {
    const created = (await create(nanjing, { name: '玄武创新工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) })).innovationStudio;
    const first = await app.graphqlAs(nanjing, UPDATE, { input: { id: created.id, version: 1, name: '玄武职工创新工作室', establishedOn: null } });
    expect(first.data.updateInnovationStudio.innovationStudio).toMatchObject({ name: '玄武职工创新工作室', version: 2, kind: 'EMPLOYEE' });
    const [row] = await sqlRows(app, 'SELECT name, version FROM innovation_studio WHERE id = $1', [Number(Buffer.from(created.id, 'base64url').toString().split(':')[1])]);
    expect(row).toEqual({ name: '玄武职工创新工作室', version: 2 });
  });

  it('updates a published Nanjing studio that states no enterprise and no demonstration level, keeping them unknown', async () => {
    const [sample] = await sqlRows(
      app,
      `SELECT id, name, kind, version FROM innovation_studio WHERE is_sample AND city_code = '320100' AND enterprise_id IS NULL AND demonstration_level IS NULL ORDER BY id LIMIT 1`,
    );
    expect(sample.kind).not.toBeNull();
    const res = await app.graphqlAs(nanjing, UPDATE, { input: { id: nodeId('InnovationStudio', sample.id), version: sample.version, externalId: 'NJ-SAMPLE-1', districtCode: '320115' } });
    expect(res.data.updateInnovationStudio.userErrors).toEqual([]);
    expect(res.data.updateInnovationStudio.innovationStudio).toMatchObject({
      name: sample.name, kind: sample.kind, demonstrationLevel: null, enterprise: null, externalId: 'NJ-SAMPLE-1',
      version: sample.version + 1, city: { code: '320100' }, district: { code: '320115' },
    });
    expect(await sqlRows(app, 'SELECT enterprise_id, demonstration_level, external_id, district_code FROM innovation_studio WHERE id = $1', [sample.id])).toEqual([
      { enterprise_id: null, demonstration_level: null, external_id: 'NJ-SAMPLE-1', district_code: '320115' },
    ]);
    // A studio that has no enterprise still lies in its city: a district of another city is refused.
    const foreign = await app.graphqlAs(nanjing, UPDATE, { input: { id: nodeId('InnovationStudio', sample.id), version: sample.version + 1, districtCode: '320205' } });
    expect(errorsByField(foreign.data.updateInnovationStudio)).toEqual({ districtCode: 'INVALID' });
  });

  it("updates a published Wuhan studio whose kind is unknown, keeping it unknown", async () => {
    const [studio] = await sqlRows(app, `SELECT id, version, demonstration_level FROM innovation_studio WHERE city_code = '420100' AND kind IS NULL ORDER BY id LIMIT 1`);
    const res = await app.graphqlAs(admin, UPDATE, { input: { id: nodeId('InnovationStudio', studio.id), version: studio.version, externalId: 'WH-1' } });
    expect(res.data.updateInnovationStudio.userErrors).toEqual([]);
    expect(res.data.updateInnovationStudio.innovationStudio).toMatchObject({ kind: null, demonstrationLevel: studio.demonstration_level, externalId: 'WH-1', version: studio.version + 1, city: { code: '420100' } });
  });

  it("refuses another city's studio with FORBIDDEN", async () => {
    const created = (await create(suzhou, { name: '苏州工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', suzhouEnterprise.id) })).innovationStudio;
    const res = await app.graphqlAs(nanjing, UPDATE, { input: { id: created.id, version: 1, name: '被改' } });
    expect(res.data.updateInnovationStudio.userErrors[0].code).toBe('FORBIDDEN');
  });
});

describe('archive and restore', () => {
  it('hides an archived studio from lists and counts, keeps it reachable, restores it', async () => {
    const created = (await create(nanjing, { name: '归档工作室', kind: 'EMPLOYEE', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) })).innovationStudio;
    const count = async (status = 'ACTIVE') => (await app.graphql(`{ innovationStudios(filter: { cityCode: "320100", archiveStatus: ${status} }) { totalCount } }`)).data.innovationStudios.totalCount;
    const active = await count();
    const archived = await app.graphqlAs(nanjing, ARCHIVE, { input: { id: created.id } });
    expect(archived.data.archiveInnovationStudio.innovationStudio.archivedAt).not.toBeNull();
    expect(await count()).toBe(active - 1);
    expect(await count('ARCHIVED')).toBe(1);
    const node = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on InnovationStudio { name archivedAt } } }`, { id: created.id });
    expect(node.data.node.name).toBe('归档工作室');
    const restored = await app.graphqlAs(nanjing, RESTORE, { input: { id: created.id, version: 2 } });
    expect(restored.data.restoreInnovationStudio.innovationStudio).toMatchObject({ archivedAt: null, version: 3 });
    expect(await count()).toBe(active);
  });
});

describe('upsertInnovationStudios', () => {
  const records = (n: number, suffix = '') =>
    Array.from({ length: n }, (_, i) => ({ externalId: `NJ-${i}`, name: `同步工作室 ${i}${suffix}`, kind: 'EMPLOYEE', enterpriseCreditCode: nanjingEnterprise.credit_code }));

  it('creates, then updates only what changed, then replays by idempotency key', async () => {
    const first = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(3) } });
    expect(first.data.upsertInnovationStudios).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0, rowErrors: [] });
    const changed = records(3);
    changed[1].name = '改名了';
    const second = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'k1' } });
    expect(second.data.upsertInnovationStudios).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2, replayed: false });
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const replay = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'k1' } });
    expect(replay.data.upsertInnovationStudios).toMatchObject({ applied: true, updated: 1, replayed: true });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit);
    const reused = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(2), idempotencyKey: 'k1' } });
    expect(reused.data.upsertInnovationStudios.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('applies nothing when some rows are bad, and reports every bad row', async () => {
    const rows = records(50, ' bad');
    rows[3].name = '';
    rows[17].kind = 'EMPLOYEE';
    (rows[17] as any).establishedOn = '1900-01-01';
    rows[40].enterpriseCreditCode = UNKNOWN_CREDIT_CODE;
    const before = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio');
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: rows } });
    const payload = res.data.upsertInnovationStudios;
    expect(payload.applied).toBe(false);
    expect(payload.rowErrors.map((e: any) => [e.index, e.field])).toEqual([
      [3, 'name'],
      [17, 'establishedOn'],
      [40, 'enterpriseCreditCode'],
    ]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio')).toBe(before);
  });
});

describe('upsertInnovationStudios at full size', () => {
  const big = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({ externalId: `BIG-${tag}-${i}`, name: `批量工作室 ${i}`, kind: i % 2 ? 'EMPLOYEE' : 'MODEL_WORKER', enterpriseId: nodeId('Enterprise', nanjingEnterprise.id) }));

  it('applies 5,000 records in one call with one audit entry per record, and the same statements as for 5', async () => {
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const small = await app.graphqlAs(nanjing, UPSERT, { input: { records: big(5, 'small') } });
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: big(5000, 'large') } });
    expect(res.data.upsertInnovationStudios).toMatchObject({ applied: true, created: 5000, rowErrors: [] });
    expect(res.data.upsertInnovationStudios.records[4999]).toMatchObject({ index: 4999, externalId: 'BIG-large-4999', outcome: 'CREATED' });
    expect(await sqlNumber(app, `SELECT count(*) FROM innovation_studio WHERE external_id LIKE 'BIG-large-%'`)).toBe(5000);
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 5005);
    expect(res.extensions.sqlStatements).toBe(small.extensions.sqlStatements);
  });

  it('refuses more than 5,000 records', async () => {
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: big(5001, 'over') } });
    expect(res.data.upsertInnovationStudios).toMatchObject({ applied: false, userErrors: [expect.objectContaining({ field: 'records', code: 'INVALID' })] });
  });

  it('applies a batch once when the same idempotency key is sent twice at the same time', async () => {
    const records = big(500, 'race');
    const [a, b] = await Promise.all([0, 1].map(() => app.graphqlAs(nanjing, UPSERT, { input: { records, idempotencyKey: 'race-1' } })));
    const outcomes = [a, b].map((r) => r.data.upsertInnovationStudios);
    const ran = outcomes.filter((o) => o.applied && !o.replayed);
    expect(ran).toHaveLength(1);
    const other = outcomes.find((o) => o !== ran[0])!;
    expect(other.replayed || other.userErrors[0]?.code === 'IN_PROGRESS').toBe(true);
    expect(await sqlNumber(app, `SELECT count(*) FROM innovation_studio WHERE external_id LIKE 'BIG-race-%'`)).toBe(500);
  });
});
