/**
 * Writing sources (出处): ADMIN only; create, update with the version read, archive and restore;
 * the same publisher, title and date twice is a DUPLICATE; every refusal a userError next to its field.
 */
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

let app: TestApp;
let admin: string;
let analyst: string;
let nanjingEditor: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
  nanjingEditor = (await app.createKey('CITY_EDITOR', '320100')).key;
});
afterAll(() => app.close());

const FIELDS = 'id publisher publisherEn title publishedOn url version archivedAt';
const { CREATE, UPDATE, ARCHIVE, RESTORE } = recordMutations('Source', 'source', FIELDS);

const rowIdOf = (id: string) => Number(Buffer.from(id, 'base64url').toString().split(':')[1]);
const audits = () => sqlNumber(app, `SELECT count(*) FROM audit_entry WHERE record_type = 'Source'`);
let serial = 0;
const sourceInput = (extra: Record<string, unknown> = {}) => ({ publisher: '人民日报', title: `产改报道 ${++serial}`, publishedOn: '2025-06-01', ...extra });

async function create(key: string | null, input: Record<string, unknown>) {
  const res = key ? await app.graphqlAs(key, CREATE, { input }) : await app.graphql(CREATE, { input });
  expect(res.errors).toBeUndefined();
  return res.data.createSource;
}

async function errorsOf(input: Record<string, unknown>) {
  const result = await create(admin, input);
  expect(result.source).toBeNull();
  return Object.fromEntries(result.userErrors.map((e: any) => [e.field, e.code]));
}

function dayAfterTomorrowInChina(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 2);
  return d.toISOString().slice(0, 10);
}

describe('createSource', () => {
  it('creates a source, trimmed, version 1, with one audit entry that has no city', async () => {
    const before = await audits();
    const result = await create(admin, { publisher: ' 人民日报 ', publisherEn: "People's Daily", title: ' 产业工人队伍建设改革综述 ', publishedOn: '2025-05-01', url: 'https://www.people.com.cn/report/1' });
    expect(result.userErrors).toEqual([]);
    expect(result.source).toEqual({
      id: expect.any(String), publisher: '人民日报', publisherEn: "People's Daily", title: '产业工人队伍建设改革综述', publishedOn: '2025-05-01',
      url: 'https://www.people.com.cn/report/1', version: 1, archivedAt: null,
    });
    expect(await audits()).toBe(before + 1);
    const [entry] = await sqlRows(app, `SELECT operation, record_city_code FROM audit_entry WHERE record_type = 'Source' AND record_id = $1`, [rowIdOf(result.source.id)]);
    expect(entry).toEqual({ operation: 'CREATE', record_city_code: null });
  });

  it('accepts http and https addresses and no address at all', async () => {
    expect((await create(admin, sourceInput({ url: 'http://example.org' }))).userErrors).toEqual([]);
    expect((await create(admin, sourceInput({ url: null }))).source.url).toBeNull();
  });

  it('refuses addresses that are not http(s) web addresses', async () => {
    for (const url of ['ftp://example.org/report', 'www.example.org', 'not a url', 'https://exa mple.org', 'javascript:alert(1)', 'https://']) {
      const result = await create(admin, sourceInput({ url }));
      expect(result.source).toBeNull();
      expect(result.userErrors).toEqual([expect.objectContaining({ field: 'url', code: 'INVALID', message: expect.stringMatching(/^url must/) })]);
    }
    expect(await errorsOf(sourceInput({ url: `https://example.org/${'a'.repeat(2000)}` }))).toEqual({ url: 'INVALID' });
  });

  it('refuses empty or over-long publishers and titles, and dates in the future or before 1949-10-01', async () => {
    expect(await errorsOf(sourceInput({ publisher: '   ' }))).toEqual({ publisher: 'INVALID' });
    expect(await errorsOf(sourceInput({ publisher: '报'.repeat(201) }))).toEqual({ publisher: 'INVALID' });
    expect(await errorsOf(sourceInput({ title: '' }))).toEqual({ title: 'INVALID' });
    expect(await errorsOf(sourceInput({ title: '题'.repeat(501) }))).toEqual({ title: 'INVALID' });
    expect(await errorsOf(sourceInput({ publisherEn: 'x'.repeat(201) }))).toEqual({ publisherEn: 'INVALID' });
    const future = await create(admin, sourceInput({ publishedOn: dayAfterTomorrowInChina() }));
    expect(future.userErrors).toEqual([expect.objectContaining({ field: 'publishedOn', code: 'INVALID', message: 'publishedOn must not be in the future.' })]);
    expect(await errorsOf(sourceInput({ publishedOn: '1949-09-30' }))).toEqual({ publishedOn: 'INVALID' });
    expect(await errorsOf(sourceInput({ publisher: '', title: '', publishedOn: '1900-01-01', url: 'ftp://x' }))).toEqual({
      publisher: 'INVALID', title: 'INVALID', publishedOn: 'INVALID', url: 'INVALID',
    });
  });

  it('refuses the same publisher, title and date twice with DUPLICATE, and writes nothing', async () => {
    const input = sourceInput({ title: '重复的报道' });
    expect((await create(admin, input)).userErrors).toEqual([]);
    const before = await sqlNumber(app, 'SELECT count(*) FROM source');
    const audit = await audits();
    const again = await create(admin, { ...input, publisherEn: 'another English name', url: 'https://example.org/other' });
    expect(again.source).toBeNull();
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: 'title', message: expect.stringContaining('same publisher, title and publication date') })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM source')).toBe(before);
    expect(await audits()).toBe(audit);
    // the same title from another publisher or on another day is another report
    expect((await create(admin, { ...input, publisher: '光明日报' })).userErrors).toEqual([]);
    expect((await create(admin, { ...input, publishedOn: '2025-06-02' })).userErrors).toEqual([]);
  });

  it('is for ADMIN keys only: ANALYST, anonymous and city editors get FORBIDDEN', async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM source');
    for (const key of [analyst, null, nanjingEditor]) {
      const result = await create(key, sourceInput());
      expect(result.source).toBeNull();
      expect(result.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: null })]);
    }
    expect(await sqlNumber(app, 'SELECT count(*) FROM source')).toBe(before);
  });
});

describe('updateSource', () => {
  it('changes the given fields and bumps the version', async () => {
    const created = (await create(admin, sourceInput({ url: 'https://example.org/a' }))).source;
    const before = await audits();
    const first = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, publisherEn: "People's Daily", url: null } });
    expect(first.data.updateSource.source).toMatchObject({ publisherEn: "People's Daily", url: null, version: 2, title: created.title });
    expect(await audits()).toBe(before + 1);
    expect(await sqlRows(app, 'SELECT title, version FROM source WHERE id = $1', [rowIdOf(created.id)])).toEqual([{ title: created.title, version: 2 }]);
  });

  it('an update that changes nothing keeps the version and writes no audit entry', async () => {
    const created = (await create(admin, sourceInput())).source;
    const before = await audits();
    const res = await app.graphqlAs(admin, UPDATE, { input: { id: created.id, version: 1, title: created.title } });
    expect(res.data.updateSource.source.version).toBe(1);
    expect(await audits()).toBe(before);
  });

  it('refuses an update into a duplicate, an invalid URL, and clearing a required field', async () => {
    const a = (await create(admin, sourceInput())).source;
    const b = (await create(admin, sourceInput())).source;
    const dup = await app.graphqlAs(admin, UPDATE, { input: { id: b.id, version: 1, title: a.title } });
    expect(dup.data.updateSource.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: 'title' })]);
    const bad = await app.graphqlAs(admin, UPDATE, { input: { id: b.id, version: 1, url: 'mailto:editor@example.org', publisher: null } });
    expect(Object.fromEntries(bad.data.updateSource.userErrors.map((e: any) => [e.field, e.code]))).toEqual({ url: 'INVALID', publisher: 'INVALID' });
  });

  it('refuses city editors and ANALYST keys, and an unknown ID', async () => {
    const created = (await create(admin, sourceInput())).source;
    for (const key of [nanjingEditor, analyst]) {
      const res = await app.graphqlAs(key, UPDATE, { input: { id: created.id, version: 1, title: '被改' } });
      expect(res.data.updateSource.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    const missing = await app.graphqlAs(admin, UPDATE, { input: { id: nodeId('Source', 99999999), version: 1, title: 'x' } });
    expect(missing.data.updateSource.userErrors).toEqual([expect.objectContaining({ field: 'id', code: 'NOT_FOUND' })]);
  });
});

describe('archive and restore', () => {
  it('hides an archived source from the list, keeps it where records cite it and by node(id:), refuses new citations, restores it', async () => {
    const [cited] = await sqlRows(app, 'SELECT s.id, s.title FROM source s JOIN goal g ON g.source_id = s.id ORDER BY s.id LIMIT 1');
    const id = nodeId('Source', cited.id);
    const total = async (status = 'ACTIVE') => (await app.graphql(`{ sources(filter: { archiveStatus: ${status} }) { totalCount } }`)).data.sources.totalCount;
    const active = await total();
    const before = await audits();

    const archived = await app.graphqlAs(admin, ARCHIVE, { input: { id, version: 1 } });
    expect(archived.data.archiveSource.source).toMatchObject({ version: 2, archivedAt: expect.any(String) });
    expect(await total()).toBe(active - 1);
    expect(await total('ARCHIVED')).toBe(1);
    expect(await total('ANY')).toBe(active);
    const list = await app.graphql('{ sources(first: 100) { nodes { id } } }');
    expect(list.data.sources.nodes.map((s: any) => s.id)).not.toContain(id);

    const citing = await app.graphql(`{ goals(first: 100) { nodes { source { id title archivedAt } } } }`);
    expect(citing.data.goals.nodes.map((g: any) => g.source)).toContainEqual({ id, title: cited.title, archivedAt: expect.any(String) });
    const node = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Source { title } } }`, { id });
    expect(node.data.node).toEqual({ title: cited.title });

    const goal = await app.graphqlAs(admin, `mutation ($input: CreateGoalInput!) { createGoal(input: $input) { goal { id } userErrors { field code message } } }`, {
      input: { provinceCode: '320000', metric: 'CRAFTSMEN', target: 10, deadline: '2030-12-31', sourceId: id },
    });
    expect(goal.data.createGoal.userErrors).toEqual([expect.objectContaining({ field: 'sourceId', code: 'INVALID', message: expect.stringContaining('archived') })]);

    const restored = await app.graphqlAs(admin, RESTORE, { input: { id, version: 2 } });
    expect(restored.data.restoreSource.source).toMatchObject({ archivedAt: null, version: 3 });
    expect(await total()).toBe(active);
    expect(await audits()).toBe(before + 2);

    const history = await app.graphql(`query ($id: ID!) { node(id: $id) { ... on Source { history { operation actor { role } } } } }`, { id });
    expect(history.data.node.history.map((h: any) => h.operation)).toEqual(['RESTORE', 'ARCHIVE']);
  });

  it('refuses city editors, ANALYST and anonymous callers', async () => {
    const created = (await create(admin, sourceInput())).source;
    for (const key of [nanjingEditor, analyst]) {
      const res = await app.graphqlAs(key, ARCHIVE, { input: { id: created.id } });
      expect(res.data.archiveSource.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    const anonymous = await app.graphql(ARCHIVE, { input: { id: created.id } });
    expect(anonymous.data.archiveSource.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM source WHERE id = $1 AND archived_at IS NULL', [rowIdOf(created.id)])).toBe(1);
  });
});
