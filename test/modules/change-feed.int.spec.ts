/**
 * The change feed (`changes`, `changesCursor`) and `updatedFrom`/`updatedTo`: a portal or BI tool that keeps a
 * copy, starting from a full snapshot and pulling changes while others write, ends with exactly the registry's
 * state, even when a transaction that wrote first commits last.
 */
import request from 'supertest';
import { fromGlobalId } from '../../src/graphql/relay/global-id';
import { presentAuditSnapshot } from '../../src/modules/audit/audit.service';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

// drain() may wait on other test files' writing transactions (the feed's horizon): more than the default 30 s per test.
jest.setTimeout(90_000);

let app: TestApp;
let admin: string;
let nanjingEditor: string;
const NANJING = '320100';

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  nanjingEditor = (await app.createKey('CITY_EDITOR', NANJING)).key;
});
afterAll(() => app.close());

type Entry = { id: string; operation: string; recordType: string; recordId: string; after: Record<string, unknown> };
const FEED = `query ($after: String, $types: [String!]) { changes(first: 100, after: $after, types: $types) {
  pageInfo { hasNextPage endCursor } nodes { id operation recordType recordId after } } }`;

/** A copy of one record type, as a consumer of the feed keeps it: record ID → the record as it became. */
class Copy {
  readonly records = new Map<string, Record<string, unknown>>();
  seen: Entry[] = [];
  constructor(
    readonly type: string,
    public cursor: string | null,
    private readonly key: string | null = null,
  ) {}

  /** One pull: every page until an empty one, each entry applied in order; the cursor kept when a page is empty. */
  async pull(): Promise<number> {
    let pulled = 0;
    for (;;) {
      const variables = { after: this.cursor, types: [this.type] };
      const res = this.key ? await app.graphqlAs(this.key, FEED, variables) : await app.graphql(FEED, variables);
      expect(res.errors).toBeUndefined();
      const { nodes, pageInfo } = res.data.changes;
      for (const entry of nodes as Entry[]) this.records.set(entry.recordId, entry.after);
      this.seen.push(...nodes);
      pulled += nodes.length;
      if (pageInfo.endCursor) this.cursor = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) return pulled;
    }
  }
}

/** Timestamps as instants (to_jsonb writes them in the session's time zone), so that equal records compare equal. */
function normalised(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(v).toISOString() : v]));
}

/** The registry's state of a table, keyed and presented as the feed presents records. */
async function registryState(table: string, type: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = await sqlRows<{ id: number; row: Record<string, unknown> }>(app, `SELECT id, to_jsonb(t) AS row FROM ${table} t`);
  return new Map(rows.map((r) => [nodeId(type, r.id), normalised(presentAuditSnapshot(type, r.row))]));
}

const asState = (copy: Copy) => new Map([...copy.records].map(([id, record]) => [id, normalised(record)]));

/**
 * Pulls until the copy has seen the last entry of its type in the feed's order (writing transaction, then entry), which
 * the feed gives after every other: the entry with the highest id may come earlier, as a transaction's id is taken at
 * its first write, not at its commit. Another test file's writing transaction, on the same PostgreSQL, holds the feed
 * back while it runs (as a write in progress does in production), a few seconds.
 */
async function drain(copy: Copy): Promise<void> {
  const [{ newest }] = await sqlRows<{ newest: string }>(app, 'SELECT id::text AS newest FROM audit_entry WHERE record_type = $1 ORDER BY transaction_id DESC, id DESC LIMIT 1', [copy.type]);
  const deadline = Date.now() + 40_000;
  while (!copy.seen.some((e) => fromGlobalId(e.id).key === newest)) {
    if (Date.now() > deadline) throw new Error(`the feed never gave entry ${newest}`);
    await copy.pull();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const studioIds = async (n: number) =>
  (await sqlRows<{ id: number; version: number }>(app, 'SELECT id, version FROM innovation_studio WHERE city_code = $1 AND archived_at IS NULL ORDER BY id LIMIT $2', [NANJING, n])).map((r) => ({
    id: nodeId('InnovationStudio', r.id),
    version: r.version,
  }));

const rename = (key: string, studio: { id: string; version: number }, name: string) =>
  app.graphqlAs(key, `mutation { updateInnovationStudio(input: { id: "${studio.id}", version: ${studio.version}, name: "${name}" }) { userErrors { code message } innovationStudio { version } } }`);

describe('a copy kept by the change feed', () => {
  it('ends with exactly the registry, though the transaction that wrote first commits last', async () => {
    const start = (await app.graphql('{ changesCursor }')).data.changesCursor;
    const copy = new Copy('InnovationStudio', start);
    for (const [id, record] of await registryState('innovation_studio', 'InnovationStudio')) copy.records.set(id, record);

    const [held, ...others] = await studioIds(6);
    // A write that takes its audit entry first and commits last: a request's transaction (as src/db/request-db.ts
    // opens one, on the request pool, for an ADMIN key), held open.
    const client = await app.requestPool.connect();
    let open = false;
    try {
      await client.query('BEGIN');
      open = true;
      await client.query('SELECT registry_begin($1, $2)', [admin, 'held-open']);
      await client.query(`UPDATE innovation_studio SET name = '迟提交的名称', version = version + 1 WHERE id = $1`, [Number(fromGlobalId(held.id).key)]);
      const renamed = await Promise.all(others.map((studio, i) => rename(admin, studio, `并发改名 ${i}`)));
      for (const r of renamed) expect(r.data.updateInnovationStudio.userErrors).toEqual([]);

      // The later writes have committed, but their transactions are younger than the one still open: the
      // feed holds them back rather than give them and move past the entry still to come.
      await copy.pull();
      expect(copy.seen.map((e) => e.recordId)).not.toContain(others[0].id);
      await client.query('COMMIT');
      open = false;
    } finally {
      if (open) await client.query('ROLLBACK');
      client.release();
    }
    await drain(copy);
    expect(copy.seen.map((e) => e.recordId)).toEqual(expect.arrayContaining([held.id, ...others.map((o) => o.id)]));
    expect(asState(copy)).toEqual(await registryState('innovation_studio', 'InnovationStudio'));
  });

  it('ends with exactly the registry after creates, updates and archives written concurrently while it pulls', async () => {
    const copy = new Copy('InnovationStudio', (await app.graphql('{ changesCursor }')).data.changesCursor);
    for (const [id, record] of await registryState('innovation_studio', 'InnovationStudio')) copy.records.set(id, record);
    const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING);
    const studios = await studioIds(12);

    let writing = true;
    const puller = (async () => {
      while (writing) await copy.pull();
    })();
    const results = await Promise.all([
      ...studios.slice(0, 8).map((s, i) => rename(i % 2 ? admin : nanjingEditor, s, `同时改名 ${i}`)),
      ...studios.slice(8).map((s) => app.graphqlAs(admin, `mutation { archiveInnovationStudio(input: { id: "${s.id}", version: ${s.version} }) { userErrors { code } } }`)),
      ...[0, 1, 2, 3].map((i) =>
        app.graphqlAs(nanjingEditor, `mutation { createInnovationStudio(input: { name: "变更流新建 ${i}", kind: MODEL_WORKER, enterpriseId: "${nodeId('Enterprise', enterprise.id)}" }) { userErrors { code } } }`),
      ),
    ]).finally(() => (writing = false));
    await puller;
    for (const r of results) expect(Object.values(r.data)[0]).toMatchObject({ userErrors: [] });
    await drain(copy);
    const state = await registryState('innovation_studio', 'InnovationStudio');
    expect(asState(copy)).toEqual(state);
    // The archived ones are in the copy as archived, not missing.
    for (const s of studios.slice(8)) expect(copy.records.get(s.id)?.archivedAt).toBeTruthy();
  });
});

describe('the feed', () => {
  it('gives only the types asked for, oldest first, and refuses a type with no changes or a forged cursor', async () => {
    const res = await app.graphql(`{ changes(first: 5, types: ["InnovationStudio"]) { nodes { recordType } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.changes.nodes.every((n: { recordType: string }) => n.recordType === 'InnovationStudio')).toBe(true);

    const unknown = await app.graphql('{ changes(types: ["ApiKey"]) { totalCount } }');
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'types' });
    const forged = await app.graphql(`{ changes(after: "${Buffer.from(JSON.stringify(['CHANGES', '1; DROP TABLE x', 1])).toString('base64url')}") { totalCount } }`);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const otherOrder = await app.graphql(`{ changes(after: "${Buffer.from(JSON.stringify(['NEWEST_FIRST', 1, 1])).toString('base64url')}") { totalCount } }`);
    expect(otherOrder.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it("shows a craftsman's personal values only to those who may see them", async () => {
    const [craftsman] = await sqlRows<{ id: number; version: number }>(app, 'SELECT id, version FROM craftsman WHERE city_code = $1 ORDER BY id LIMIT 1', [NANJING]);
    const cursor = (await app.graphql('{ changesCursor }')).data.changesCursor;
    const updated = await app.graphqlAs(admin, `mutation { updateCraftsman(input: { id: "${nodeId('Craftsman', craftsman.id)}", version: ${craftsman.version}, phone: "13900001111" }) { userErrors { code } } }`);
    expect(updated.data.updateCraftsman.userErrors).toEqual([]);
    const anonymous = new Copy('Craftsman', cursor);
    const editor = new Copy('Craftsman', cursor, nanjingEditor);
    await drain(anonymous);
    await drain(editor);
    const id = nodeId('Craftsman', craftsman.id);
    expect(anonymous.records.get(id)).toMatchObject({ phone: null, nationalIdNumber: null });
    expect(editor.records.get(id)).toMatchObject({ phone: '13900001111' });
  });

  it('runs the same SQL statements for a page of 100 changes as for one', async () => {
    const one = await app.graphql('{ changes(first: 1) { totalCount nodes { id recordId after actor { label } } } }');
    const hundred = await app.graphql('{ changes(first: 100) { totalCount nodes { id recordId after actor { label } } } }');
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data.changes.nodes.length).toBeGreaterThan(5);
    expect(hundred.extensions.sqlStatements).toBe(one.extensions.sqlStatements);
  });
});

describe('updatedFrom and updatedTo', () => {
  it('list the records changed in a window, archived ones with archiveStatus: ANY', async () => {
    const [{ now }] = await sqlRows<{ now: Date }>(app, 'SELECT now() AS now');
    const [studio] = await studioIds(1);
    expect((await rename(admin, studio, '窗口内改名')).data.updateInnovationStudio.userErrors).toEqual([]);
    const since = await app.graphql(`query ($from: DateTimeISO) { innovationStudios(first: 100, filter: { updatedFrom: $from, archiveStatus: ANY }) { totalCount nodes { id name } } }`, { from: now.toISOString() });
    expect(since.errors).toBeUndefined();
    expect(since.data.innovationStudios.nodes).toEqual([{ id: studio.id, name: '窗口内改名' }]);
    const before = await app.graphql(`query ($to: DateTimeISO) { innovationStudios(filter: { updatedTo: $to, cityCode: "${NANJING}" }) { nodes { id } } }`, { to: now.toISOString() });
    expect(before.data.innovationStudios.nodes.map((n: { id: string }) => n.id)).not.toContain(studio.id);
    // The same filter on the flat export, for a BI tool's incremental load.
    const exported = await request(app.app).get('/export/innovation-studios.ndjson').query({ updatedFrom: now.toISOString(), archiveStatus: 'ANY' });
    expect(exported.status).toBe(200);
    expect(exported.text.trim().split('\n').map((line) => JSON.parse(line).name)).toEqual(['窗口内改名']);
  });
});
