/**
 * Writing published goals: ADMIN only; create, update with the version read, archive and restore;
 * every refusal a userError next to its field. Goal progress counts active registry records only.
 */
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

let app: TestApp;
let admin: string;
let analyst: string;
let nanjingEditor: string;
let sourceId: string;
let nanjingEnterpriseId: string;

const [JIANGSU, SHAANXI, NANJING, WUHAN] = ['320000', '610000', '320100', '420100'];

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
  nanjingEditor = (await app.createKey('CITY_EDITOR', NANJING)).key;
  const [source] = await sqlRows(app, 'SELECT id FROM source ORDER BY id LIMIT 1');
  sourceId = nodeId('Source', source.id);
  // The published data set has no enterprise in Nanjing: a studio written there needs one made here.
  const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING);
  nanjingEnterpriseId = nodeId('Enterprise', enterprise.id);
});
afterAll(() => app.close());

const FIELDS = 'id metric target targetQualifier deadline baselineValue baselineOn description version archivedAt province { code } city { code } district { code } source { id }';
const { CREATE, UPDATE, ARCHIVE, RESTORE } = recordMutations('Goal', 'goal', FIELDS);

const rowIdOf = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
const audits = () => sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = 'Goal'`);

function yearsFromToday(years: number): string {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear() + years, d.getUTCMonth(), 1)).toISOString().slice(0, 10);
}

async function create(key: string | null, input: Record<string, unknown>) {
  const res = key ? await app.graphqlAs(key, CREATE, { input }) : await app.graphql(CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createGoal;
}

const goalInput = (extra: Record<string, unknown> = {}) => ({ cityCode: WUHAN, metric: 'INNOVATION_STUDIOS', target: 50, deadline: '2030-12-31', sourceId, ...extra });

async function errorsOf(input: Record<string, unknown>) {
  const result = await create(admin, input);
  expect(result.goal).toBeNull();
  return Object.fromEntries(result.userErrors.map((e: any) => [e.field, e.code]));
}

describe('createGoal', () => {
  it('creates a city goal, its province taken from the city, version 1, with one audit entry', async () => {
    const before = await audits();
    const result = await create(admin, goalInput({ baselineValue: 3, baselineOn: '2025-10-11', description: '  到2030年创新工作室达到50家 ' }));
    expect(result.userErrors).toEqual([]);
    expect(result.goal).toMatchObject({
      metric: 'INNOVATION_STUDIOS', target: 50, targetQualifier: 'EXACT', deadline: '2030-12-31', baselineValue: 3, baselineOn: '2025-10-11', description: '到2030年创新工作室达到50家',
      version: 1, archivedAt: null, province: { code: '420000' }, city: { code: WUHAN }, source: { id: sourceId },
    });
    expect(await audits()).toBe(before + 1);
    const [row] = await sqlRows(app, 'SELECT province_code, city_code FROM goal WHERE id = $1', [rowIdOf(result.goal.id)]);
    expect(row).toEqual({ province_code: '420000', city_code: WUHAN });
  });

  it('creates a province-wide goal from provinceCode alone, with a deadline decades ahead', async () => {
    const deadline = yearsFromToday(24);
    const result = await create(admin, { provinceCode: SHAANXI, metric: 'CRAFTSMAN_ACADEMIES', target: 30, deadline, sourceId });
    expect(result.userErrors).toEqual([]);
    expect(result.goal).toMatchObject({ province: { code: SHAANXI }, city: null, deadline });
  });

  it('takes the qualifier of the target as published, EXACT when none is given', async () => {
    const result = await create(admin, goalInput({ target: 1000, targetQualifier: 'AT_LEAST' }));
    expect(result.userErrors).toEqual([]);
    expect(result.goal).toMatchObject({ target: 1000, targetQualifier: 'AT_LEAST' });
    expect(await sqlRows(app, 'SELECT target_qualifier FROM goal WHERE id = $1', [rowIdOf(result.goal.id)])).toEqual([{ target_qualifier: 'AT_LEAST' }]);
  });

  it("places a district goal in the district's city and province when given only the district", async () => {
    const result = await create(admin, { districtCode: '320102', metric: 'CRAFTSMEN', target: 20, deadline: '2030-12-31', sourceId });
    expect(result.userErrors).toEqual([]);
    expect(result.goal).toMatchObject({ district: { code: '320102' }, city: { code: NANJING }, province: { code: JIANGSU } });
    expect(await sqlRows(app, 'SELECT district_code, city_code, province_code FROM goal WHERE id = $1', [rowIdOf(result.goal.id)])).toEqual([
      { district_code: '320102', city_code: NANJING, province_code: JIANGSU },
    ]);
  });

  it('requires a province or a city', async () => {
    const result = await create(admin, { metric: 'CRAFTSMEN', target: 10, deadline: '2030-01-01', sourceId });
    expect(result.goal).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: 'provinceCode', code: 'INVALID', message: 'provinceCode is required.' })]);
  });

  it('refuses a target below 1 or absurdly large, and a negative baseline', async () => {
    expect(await errorsOf(goalInput({ target: 0 }))).toEqual({ target: 'INVALID' });
    expect(await errorsOf(goalInput({ target: -5 }))).toEqual({ target: 'INVALID' });
    expect(await errorsOf(goalInput({ target: 2_000_000_000 }))).toEqual({ target: 'INVALID' });
    expect(await errorsOf(goalInput({ baselineValue: -1, baselineOn: '2025-01-01' }))).toEqual({ baselineValue: 'INVALID' });
  });

  it('wants the baseline value and date together, the date not in the future and before the deadline', async () => {
    const onlyValue = await create(admin, goalInput({ baselineValue: 10 }));
    expect(onlyValue.userErrors).toEqual([expect.objectContaining({ field: 'baselineOn', code: 'INVALID', message: expect.stringContaining('baselineOn is required when baselineValue is given') })]);
    const onlyDate = await create(admin, goalInput({ baselineOn: '2025-01-01' }));
    expect(onlyDate.userErrors).toEqual([expect.objectContaining({ field: 'baselineValue', code: 'INVALID' })]);
    const late = await create(admin, goalInput({ deadline: '2024-12-31', baselineValue: 1, baselineOn: '2024-12-31' }));
    expect(late.userErrors).toEqual([expect.objectContaining({ field: 'baselineOn', code: 'INVALID', message: 'baselineOn (2024-12-31) must be before the deadline (2024-12-31).' })]);
    expect(await errorsOf(goalInput({ baselineValue: 1, baselineOn: yearsFromToday(1) }))).toEqual({ baselineOn: 'INVALID' });
  });

  it('refuses deadlines more than 30 years ahead or before 1949-10-01, and bad places and references', async () => {
    const far = await create(admin, goalInput({ deadline: yearsFromToday(31) }));
    expect(far.userErrors).toEqual([expect.objectContaining({ field: 'deadline', code: 'INVALID', message: 'deadline must be within 30 years from today.' })]);
    expect(await errorsOf(goalInput({ deadline: '1949-09-30' }))).toEqual({ deadline: 'INVALID' });
    expect(await errorsOf(goalInput({ cityCode: NANJING, provinceCode: SHAANXI }))).toEqual({ provinceCode: 'INVALID' });
    expect(await errorsOf(goalInput({ cityCode: '329900' }))).toMatchObject({ cityCode: 'NOT_FOUND' }); // (the engine adds 'provinceCode is required', as none could be derived)
    // Every province of GB/T 2260 is in the registry (台湾 710000 included); 660000 is well-formed but names none.
    expect(await errorsOf(goalInput({ cityCode: null, provinceCode: '660000' }))).toEqual({ provinceCode: 'NOT_FOUND' });
    expect(await errorsOf(goalInput({ districtCode: '320102' }))).toEqual({ districtCode: 'INVALID' }); // 玄武区 lies in Nanjing, not Wuhan
    expect(await errorsOf(goalInput({ districtCode: '420199' }))).toEqual({ districtCode: 'NOT_FOUND' });
    expect(await errorsOf(goalInput({ sourceId: nodeId('Source', 99999999) }))).toEqual({ sourceId: 'NOT_FOUND' });
    expect(await errorsOf(goalInput({ sourceId: nanjingEnterpriseId }))).toEqual({ sourceId: 'INVALID' });
    expect(await errorsOf(goalInput({ description: '长'.repeat(2001) }))).toEqual({ description: 'INVALID' });
  });

  it('reports every invalid field at once and writes nothing', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM goal');
    expect(await errorsOf(goalInput({ target: 0, deadline: '1900-01-01', description: '长'.repeat(2001), sourceId: nodeId('Source', 99999999) }))).toEqual({
      target: 'INVALID', deadline: 'INVALID', description: 'INVALID', sourceId: 'NOT_FOUND',
    });
    expect(await sqlNumber(app, 'SELECT count(*) FROM goal')).toBe(before);
  });

  it('is for ADMIN keys only: ANALYST, anonymous and city editors (even for their own city) get FORBIDDEN', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM goal');
    for (const key of [analyst, null, nanjingEditor]) {
      const result = await create(key, goalInput({ cityCode: NANJING }));
      expect(result.goal).toBeNull();
      expect(result.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    expect(await sqlNumber(app, 'SELECT count(*) FROM goal')).toBe(before);
  });
});

describe('updateGoal', () => {
  it('changes the given fields and bumps the version', async () => {
    const created = (await create(admin, goalInput({ baselineValue: 2, baselineOn: '2025-01-01' }))).goal;
    const before = await audits();
    const first = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, target: 80, description: '修订后的目标' } });
    expect(first.data.updateGoal.userErrors).toEqual([]);
    expect(first.data.updateGoal.goal).toMatchObject({ target: 80, description: '修订后的目标', version: 2, baselineValue: 2, city: { code: WUHAN } });
    expect(await audits()).toBe(before + 1);
    expect(await sqlRows(app, 'SELECT target, version FROM goal WHERE id = $1', [rowIdOf(created.id)])).toEqual([{ target: 80, version: 2 }]);
  });

  it('checks the complete record: clearing only half of the baseline is refused', async () => {
    const created = (await create(admin, goalInput({ baselineValue: 2, baselineOn: '2025-01-01' }))).goal;
    const half = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, baselineValue: null } });
    expect(half.data.updateGoal.userErrors).toEqual([expect.objectContaining({ field: 'baselineValue', code: 'INVALID' })]);
    const early = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, deadline: '2024-06-30' } });
    expect(early.data.updateGoal.userErrors).toEqual([expect.objectContaining({ field: 'baselineOn', code: 'INVALID' })]);
    const both = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, baselineValue: null, baselineOn: null } });
    expect(both.data.updateGoal.goal).toMatchObject({ baselineValue: null, baselineOn: null, version: 2 });
  });

  it('keeps required fields required: null for metric, target, its qualifier, deadline or source is refused', async () => {
    const created = (await create(admin, goalInput())).goal;
    const res = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, metric: null, target: null, targetQualifier: null, deadline: null, sourceId: null } });
    expect(res.data.updateGoal.goal).toBeNull();
    expect(Object.fromEntries(res.data.updateGoal.userErrors.map((e: any) => [e.field, e.message]))).toEqual({
      metric: 'metric is required.', target: 'target is required.', targetQualifier: 'targetQualifier is required.', deadline: 'deadline is required.', sourceId: 'sourceId is required.',
    });
  });

  it('moves a city goal to province-wide in another province', async () => {
    const created = (await create(admin, goalInput())).goal;
    const res = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, cityCode: null, provinceCode: SHAANXI } });
    expect(res.data.updateGoal.goal).toMatchObject({ province: { code: SHAANXI }, city: null, version: 2 });
  });

  it('refuses city editors and ANALYST keys, and an ID of another type', async () => {
    const created = (await create(admin, goalInput({ cityCode: NANJING, metric: 'CRAFTSMEN' }))).goal;
    for (const key of [nanjingEditor, analyst]) {
      const res = await app.graphqlAs(key, UPDATE, { input: { id: created.id, version: 1, target: 1 } });
      expect(res.data.updateGoal.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    const wrongType = await app.graphqlAs(admin, UPDATE, { input: { id: sourceId, version: 1, target: 1 } });
    expect(wrongType.data.updateGoal.userErrors).toEqual([expect.objectContaining({ field: 'id', code: 'INVALID' })]);
    expect(await sqlRows(app, 'SELECT target, version FROM goal WHERE id = $1', [rowIdOf(created.id)])).toEqual([{ target: 50, version: 1 }]);
  });
});

describe('archive and restore', () => {
  it('hides an archived goal from goal lists and city goals, keeps it reachable by node(id:), restores it', async () => {
    const created = (await create(admin, goalInput({ cityCode: NANJING, metric: 'CRAFTSMAN_ACADEMIES', target: 40 }))).goal;
    const count = async (status = 'ACTIVE') => (await app.graphql(`{ goals(filter: { cityCode: "${NANJING}", archiveStatus: ${status} }) { totalCount } }`)).data.goals.totalCount;
    const cityGoals = async () => (await app.graphql(`{ city(code: "${NANJING}") { goals { id } } }`)).data.city.goals.map((g: any) => g.id);
    const active = await count();
    expect(await cityGoals()).toContain(created.id);
    const before = await audits();

    const archived = await app.graphqlAs(admin, ARCHIVE, { input: { id: created.id, version: 1 } });
    expect(archived.data.archiveGoal.goal).toMatchObject({ version: 2, archivedAt: expect.any(String) });
    expect(await count()).toBe(active - 1);
    expect(await count('ARCHIVED')).toBe(1);
    expect(await count('ANY')).toBe(active);
    expect(await cityGoals()).not.toContain(created.id);
    const list = await app.graphql('{ goals(first: 100) { nodes { id } } }');
    expect(list.data.goals.nodes.map((g: any) => g.id)).not.toContain(created.id);
    const node = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Goal { target archivedAt progress { current } } } }`, { id: created.id });
    expect(node.data.node).toMatchObject({ target: 40, archivedAt: expect.any(String) });

    const again = await app.graphqlAs(admin, ARCHIVE, { input: { id: created.id } });
    expect(again.data.archiveGoal.goal.version).toBe(2);
    const stale = await app.graphqlAs(admin, RESTORE, { input: { id: created.id, version: 1 } });
    expect(stale.data.restoreGoal.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', currentVersion: 2 })]);
    const restored = await app.graphqlAs(admin, RESTORE, { input: { id: created.id, version: 2 } });
    expect(restored.data.restoreGoal.goal).toMatchObject({ archivedAt: null, version: 3 });
    expect(await count()).toBe(active);
    expect(await cityGoals()).toContain(created.id);
    expect(await audits()).toBe(before + 2);

    const history = await app.graphqlAs(admin, `query ($id: ID!) { node(id: $id) { ... on Goal { history { operation } } } }`, { id: created.id });
    expect(history.data.node.history.map((h: any) => h.operation)).toEqual(['RESTORE', 'ARCHIVE', 'CREATE']);
  });

  it('refuses city editors, ANALYST and anonymous callers', async () => {
    const created = (await create(admin, goalInput({ cityCode: NANJING, metric: 'CRAFTSMEN' }))).goal;
    for (const key of [nanjingEditor, analyst]) {
      const res = await app.graphqlAs(key, ARCHIVE, { input: { id: created.id } });
      expect(res.data.archiveGoal.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    const anonymous = await app.graphql(ARCHIVE, { input: { id: created.id } });
    expect(anonymous.data.archiveGoal.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM goal WHERE id = $1 AND archived_at IS NULL', [rowIdOf(created.id)])).toBe(1);
  });
});

describe('goal progress counts active records only', () => {
  const STUDIO = `mutation ($input: CreateInnovationStudioInput!) { createInnovationStudio(input: $input) { innovationStudio { id version } userErrors { field code message } } }`;
  const ARCHIVE_STUDIO = `mutation ($input: ArchiveRecordInput!) { archiveInnovationStudio(input: $input) { innovationStudio { archivedAt } userErrors { code message } } }`;
  const RESTORE_STUDIO = `mutation ($input: ArchiveRecordInput!) { restoreInnovationStudio(input: $input) { innovationStudio { archivedAt } userErrors { code message } } }`;
  /** The published Nanjing goal: 1,000 innovation studios by the end of 2026. */
  const current = async () => {
    const [goal] = await sqlRows(app, `SELECT id FROM goal WHERE city_code = $1 AND metric = 'INNOVATION_STUDIOS' ORDER BY id LIMIT 1`, [NANJING]);
    const res = await app.graphql(`{ city(code: "${NANJING}") { goals(metric: INNOVATION_STUDIOS) { id progress { current } } } }`);
    expect(res.errors).toBeUndefined();
    return res.data.city.goals.find((g: any) => g.id === nodeId('Goal', goal.id)).progress.current as number;
  };

  it("archiving a Nanjing studio lowers the Nanjing studio goal's current value by one; restoring raises it back", async () => {
    const start = await current();
    expect(start).toBe(await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE city_code = $1 AND archived_at IS NULL', [NANJING]));
    const created = await app.graphqlAs(admin, STUDIO, { input: { name: '进度测试创新工作室', kind: 'EMPLOYEE', enterpriseId: nanjingEnterpriseId } });
    expect(created.data.createInnovationStudio.userErrors).toEqual([]);
    const studioId = created.data.createInnovationStudio.innovationStudio.id;
    expect(await current()).toBe(start + 1);

    const archived = await app.graphqlAs(admin, ARCHIVE_STUDIO, { input: { id: studioId } });
    expect(archived.data.archiveInnovationStudio.userErrors).toEqual([]);
    expect(await current()).toBe(start);

    const restored = await app.graphqlAs(admin, RESTORE_STUDIO, { input: { id: studioId } });
    expect(restored.data.restoreInnovationStudio.userErrors).toEqual([]);
    expect(await current()).toBe(start + 1);
  });

  it('also through the goals list, and for province-wide goals', async () => {
    const goal = (await create(admin, { provinceCode: JIANGSU, metric: 'INNOVATION_STUDIOS', target: 5000, deadline: '2030-12-31', sourceId })).goal;
    const progressOf = async () => {
      const res = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Goal { progress { current } } } }`, { id: goal.id });
      return res.data.node.progress.current as number;
    };
    const start = await progressOf();
    expect(start).toBe(await sqlNumber(app, `SELECT count(*) FROM innovation_studio WHERE province_code = $1 AND archived_at IS NULL`, [JIANGSU]));
    const [studio] = await sqlRows(app, 'SELECT id FROM innovation_studio WHERE city_code = $1 AND archived_at IS NULL ORDER BY id LIMIT 1', [NANJING]);
    const archived = await app.graphqlAs(admin, ARCHIVE_STUDIO, { input: { id: nodeId('InnovationStudio', studio.id) } });
    expect(archived.data.archiveInnovationStudio.userErrors).toEqual([]);
    expect(await progressOf()).toBe(start - 1);
    await app.graphqlAs(admin, RESTORE_STUDIO, { input: { id: nodeId('InnovationStudio', studio.id) } });
    expect(await progressOf()).toBe(start);
  });
});
