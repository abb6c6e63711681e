/**
 * Writing published figures (公开统计数据): ADMIN only; create, update with the version read,
 * archive and restore; metric, unit and value must agree; every refusal a userError next to its field.
 */
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

let app: TestApp;
let admin: string;
let analyst: string;
let xuzhouEditor: string;
let sourceId: string;

const [JIANGSU, XUZHOU, FOSHAN] = ['320000', '320300', '440600'];

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
  xuzhouEditor = (await app.createKey('CITY_EDITOR', XUZHOU)).key;
  const [source] = await sqlRows(app, 'SELECT id FROM source ORDER BY id LIMIT 1');
  sourceId = nodeId('Source', source.id);
});
afterAll(() => app.close());

const FIELDS = 'id metric value unit asOf subject version archivedAt province { code } city { code } source { id }';
const { CREATE, UPDATE, ARCHIVE, RESTORE } = recordMutations('ReportedFigure', 'reportedFigure', FIELDS);

const rowIdOf = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
const audits = () => sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = 'ReportedFigure'`);
const figureInput = (extra: Record<string, unknown> = {}) => ({ cityCode: XUZHOU, metric: 'SKILL_COMPETITIONS', value: 120, unit: 'EVENTS', asOf: '2025-09-30', sourceId, ...extra });

async function create(key: string | null, input: Record<string, unknown>) {
  const res = key ? await app.graphqlAs(key, CREATE, { input }) : await app.graphql(CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createReportedFigure;
}

async function errorsOf(input: Record<string, unknown>) {
  const result = await create(admin, input);
  expect(result.reportedFigure).toBeNull();
  return Object.fromEntries(result.userErrors.map((e: any) => [e.field, e.code]));
}

describe('createReportedFigure', () => {
  it("creates a city's figure, its province taken from the city, version 1, with one audit entry", async () => {
    const before = await audits();
    const result = await create(admin, figureInput({ subject: ' 徐工集团 ' }));
    expect(result.userErrors).toEqual([]);
    expect(result.reportedFigure).toMatchObject({
      metric: 'SKILL_COMPETITIONS', value: 120, unit: 'EVENTS', asOf: '2025-09-30', subject: '徐工集团', version: 1, archivedAt: null,
      province: { code: JIANGSU }, city: { code: XUZHOU }, source: { id: sourceId },
    });
    expect(await audits()).toBe(before + 1);
  });

  it('creates province-wide figures and percentages with decimals', async () => {
    const share = await create(admin, { provinceCode: JIANGSU, metric: 'HIGHLY_SKILLED_WORKER_SHARE', value: 31.25, unit: 'PERCENT', asOf: '2025-10-20', sourceId });
    expect(share.userErrors).toEqual([]);
    expect(share.reportedFigure).toMatchObject({ value: 31.25, province: { code: JIANGSU }, city: null, subject: null });
    const growth = await create(admin, figureInput({ metric: 'PUBLIC_BUDGET_REVENUE_GROWTH', value: 150.5, unit: 'PERCENT' }));
    expect(growth.userErrors).toEqual([]);
    const [row] = await sqlRows(app, 'SELECT value::text AS value FROM reported_figure WHERE id = $1', [rowIdOf(share.reportedFigure.id)]);
    expect(row.value).toBe('31.25');
  });

  it('refuses negative values, dates in the future or before 1949-10-01, and over-long subjects', async () => {
    const negative = await create(admin, figureInput({ value: -1 }));
    expect(negative.userErrors).toEqual([expect.objectContaining({ field: 'value', code: 'INVALID', message: 'value must be at least 0 (got -1).' })]);
    expect(await errorsOf(figureInput({ asOf: '2999-01-01' }))).toEqual({ asOf: 'INVALID' });
    expect(await errorsOf(figureInput({ asOf: '1949-09-30' }))).toEqual({ asOf: 'INVALID' });
    expect(await errorsOf(figureInput({ subject: '园'.repeat(201) }))).toEqual({ subject: 'INVALID' });
  });

  it('wants percentages in PERCENT, shares at most 100, and counts whole and not in PERCENT', async () => {
    const shareUnit = await create(admin, figureInput({ metric: 'ISSUE_RESOLUTION_SATISFACTION', value: 97, unit: 'COUNT' }));
    expect(shareUnit.userErrors).toEqual([expect.objectContaining({ field: 'unit', code: 'INVALID', message: 'unit must be PERCENT for ISSUE_RESOLUTION_SATISFACTION, which is a percentage.' })]);
    const over = await create(admin, figureInput({ metric: 'HIGHLY_SKILLED_WORKER_SHARE', value: 100.5, unit: 'PERCENT' }));
    expect(over.userErrors).toEqual([expect.objectContaining({ field: 'value', code: 'INVALID', message: expect.stringContaining('at most 100') })]);
    expect((await create(admin, figureInput({ metric: 'HIGHLY_SKILLED_WORKER_SHARE', value: 100, unit: 'PERCENT' }))).userErrors).toEqual([]);
    const countInPercent = await create(admin, figureInput({ metric: 'SKILLED_WORKERS', value: 40, unit: 'PERCENT' }));
    expect(countInPercent.userErrors).toEqual([expect.objectContaining({ field: 'unit', code: 'INVALID', message: expect.stringContaining('is a count, not a percentage') })]);
    const fraction = await create(admin, figureInput({ metric: 'SKILLED_WORKERS', value: 1320000.5, unit: 'PERSONS' }));
    expect(fraction.userErrors).toEqual([expect.objectContaining({ field: 'value', code: 'INVALID', message: expect.stringContaining('whole number') })]);
  });

  it('refuses bad places and sources, reporting every problem at once, and writes nothing', async () => {
    expect(await errorsOf(figureInput({ provinceCode: '440000' }))).toEqual({ provinceCode: 'INVALID' });
    expect(await errorsOf(figureInput({ cityCode: '329900' }))).toMatchObject({ cityCode: 'NOT_FOUND' }); // (the engine adds 'provinceCode is required', as none could be derived)
    expect(await errorsOf(figureInput({ cityCode: null }))).toEqual({ provinceCode: 'INVALID' });
    const before = await sqlNumber(app, 'SELECT count(*) FROM reported_figure');
    expect(await errorsOf(figureInput({ value: -3, asOf: '1900-01-01', sourceId: nodeId('Source', 99999999) }))).toEqual({ value: 'INVALID', asOf: 'INVALID', sourceId: 'NOT_FOUND' });
    expect(await sqlNumber(app, 'SELECT count(*) FROM reported_figure')).toBe(before);
  });

  it('is for ADMIN keys only: ANALYST, anonymous and city editors (even for their own city) get FORBIDDEN', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM reported_figure');
    for (const key of [analyst, null, xuzhouEditor]) {
      const result = await create(key, figureInput());
      expect(result.reportedFigure).toBeNull();
      expect(result.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    expect(await sqlNumber(app, 'SELECT count(*) FROM reported_figure')).toBe(before);
  });
});

describe('updateReportedFigure', () => {
  it('changes the given fields and bumps the version', async () => {
    const created = (await create(admin, figureInput({ metric: 'ISSUE_RESOLUTION_SATISFACTION', value: 95.5, unit: 'PERCENT' }))).reportedFigure;
    const before = await audits();
    const first = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, asOf: '2025-10-01', subject: '徐州经开区' } });
    expect(first.data.updateReportedFigure.userErrors).toEqual([]);
    expect(first.data.updateReportedFigure.reportedFigure).toMatchObject({ value: 95.5, asOf: '2025-10-01', subject: '徐州经开区', version: 2 });
    expect(await audits()).toBe(before + 1);
    expect(await sqlRows(app, 'SELECT value::float8 AS value, version FROM reported_figure WHERE id = $1', [rowIdOf(created.id)])).toEqual([{ value: 95.5, version: 2 }]);
  });

  it('checks the complete record: a stored percentage cannot become a count, nor a count a fraction', async () => {
    const percent = (await create(admin, figureInput({ metric: 'ISSUE_RESOLUTION_SATISFACTION', value: 97.5, unit: 'PERCENT' }))).reportedFigure;
    const asCount = await app.graphqlAs(admin, UPDATE, { input: { id: percent.id, version: 1, metric: 'ENTERPRISE_ISSUES_COLLECTED', unit: 'COUNT' } });
    expect(asCount.data.updateReportedFigure.userErrors).toEqual([expect.objectContaining({ field: 'value', code: 'INVALID' })]);
    const count = (await create(admin, figureInput())).reportedFigure;
    const fraction = await app.graphqlAs(admin, UPDATE, { input: { id: count.id, version: 1, value: 120.5 } });
    expect(fraction.data.updateReportedFigure.userErrors).toEqual([expect.objectContaining({ field: 'value', code: 'INVALID' })]);
    const cleared = await app.graphqlAs(admin, UPDATE, { input: { id: count.id, version: 1, value: null, sourceId: null } });
    expect(Object.fromEntries(cleared.data.updateReportedFigure.userErrors.map((e: any) => [e.field, e.message]))).toEqual({ value: 'value is required.', sourceId: 'sourceId is required.' });
  });

  it('moves a figure to another city, its province following', async () => {
    const created = (await create(admin, figureInput())).reportedFigure;
    const res = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, cityCode: FOSHAN } });
    expect(res.data.updateReportedFigure.reportedFigure).toMatchObject({ province: { code: '440000' }, city: { code: FOSHAN }, version: 2 });
  });

  it('refuses city editors and ANALYST keys', async () => {
    const created = (await create(admin, figureInput())).reportedFigure;
    for (const key of [xuzhouEditor, analyst]) {
      const res = await app.graphqlAs(key, UPDATE, { input: { id: created.id, version: 1, value: 1 } });
      expect(res.data.updateReportedFigure.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    expect(await sqlRows(app, 'SELECT value::float8 AS value, version FROM reported_figure WHERE id = $1', [rowIdOf(created.id)])).toEqual([{ value: 120, version: 1 }]);
  });
});

describe('archive and restore', () => {
  it('hides an archived figure from lists and city lists, keeps it reachable by node(id:), restores it', async () => {
    const created = (await create(admin, figureInput({ cityCode: FOSHAN, metric: 'TRAINING_COURSES', value: 12 }))).reportedFigure;
    const total = async (status = 'ACTIVE') => (await app.graphql(`{ reportedFigures(filter: { cityCode: "${FOSHAN}", archiveStatus: ${status} }) { totalCount } }`)).data.reportedFigures.totalCount;
    const underCity = async () => (await app.graphql(`{ city(code: "${FOSHAN}") { reportedFigures(first: 100) { totalCount nodes { id } } } }`)).data.city.reportedFigures;
    const active = await total();
    expect((await underCity()).nodes.map((f: any) => f.id)).toContain(created.id);
    const before = await audits();

    const archived = await app.graphqlAs(admin, ARCHIVE, { input: { id: created.id } });
    expect(archived.data.archiveReportedFigure.reportedFigure).toMatchObject({ version: 2, archivedAt: expect.any(String) });
    expect(await total()).toBe(active - 1);
    expect(await total('ARCHIVED')).toBe(1);
    expect(await total('ANY')).toBe(active);
    const city = await underCity();
    expect(city.totalCount).toBe(active - 1);
    expect(city.nodes.map((f: any) => f.id)).not.toContain(created.id);
    const node = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on ReportedFigure { value archivedAt } } }`, { id: created.id });
    expect(node.data.node).toMatchObject({ value: 12, archivedAt: expect.any(String) });

    const restored = await app.graphqlAs(admin, RESTORE, { input: { id: created.id, version: 2 } });
    expect(restored.data.restoreReportedFigure.reportedFigure).toMatchObject({ archivedAt: null, version: 3 });
    expect(await total()).toBe(active);
    expect(await audits()).toBe(before + 2);

    const history = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on ReportedFigure { history { operation } } } }`, { id: created.id });
    expect(history.data.node.history.map((h: any) => h.operation)).toEqual(['RESTORE', 'ARCHIVE', 'CREATE']);
  });

  it('refuses city editors, ANALYST and anonymous callers', async () => {
    const created = (await create(admin, figureInput())).reportedFigure;
    for (const key of [xuzhouEditor, analyst]) {
      const res = await app.graphqlAs(key, ARCHIVE, { input: { id: created.id } });
      expect(res.data.archiveReportedFigure.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    const anonymous = await app.graphql(ARCHIVE, { input: { id: created.id } });
    expect(anonymous.data.archiveReportedFigure.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM reported_figure WHERE id = $1 AND archived_at IS NULL', [rowIdOf(created.id)])).toBe(1);
  });
});
