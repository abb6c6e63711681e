/**
 * The audit log over HTTP: `auditLog` (ADMIN only, filtered, paged, ordered) and records' `history`
 * (batched, personal values masked by the caller's rights). Entries are written here directly
 * with SQL, shaped as the write engine writes them (to_jsonb of the whole row).
 */
import 'reflect-metadata';
import { nationalIdCheckCharacter } from '../../src/common/national-id';
import { fromGlobalId } from '../../src/graphql/relay/global-id';
import { nodeId, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
const keys: Record<'admin' | 'analyst' | 'nanjingEditor' | 'wuxiEditor', { key: string; id: number }> = {} as never;

const NANJING = '320100';
const WUXI = '320200';
const NATIONAL_ID = '32010219800101001X';
const PHONE = '13912345678';

/** Inserts one audit entry; `before`/`after` are SQL expressions over the record's row `r`. */
async function insertEntry(e: {
  table: string;
  recordType: string;
  recordId: number;
  operation: 'CREATE' | 'UPDATE' | 'ARCHIVE' | 'RESTORE';
  apiKeyId: number | null;
  role: string;
  actorCity?: string | null;
  cityCode: string | null;
  before: string;
  after: string;
  occurredAt?: string;
  params?: unknown[];
}): Promise<number> {
  const params = [e.apiKeyId, e.role, e.actorCity ?? null, `req-${e.recordType}-${e.recordId}`, e.operation, e.recordType, e.recordId, e.cityCode, e.occurredAt ?? new Date().toISOString(), ...(e.params ?? [])];
  const [row] = await sqlRows<{ id: number }>(
    app,
    `INSERT INTO audit_entry (api_key_id, actor_role, actor_city_code, request_id, operation, record_type, record_id, record_city_code, occurred_at, before, after)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, ${e.before}, ${e.after} FROM ${e.table} r WHERE r.id = $7 RETURNING id`,
    params,
  );
  // Personal values are kept apart from the snapshots, as the database's audit trigger keeps them (migration 32).
  if (e.recordType === 'Craftsman') {
    await sqlRows(app, `INSERT INTO audit_personal (audit_entry_id, before, after)
      SELECT a.id, (SELECT jsonb_object_agg(k, v) FROM jsonb_each(a.before) AS x(k, v) WHERE k = ANY ($2::text[])),
        (SELECT jsonb_object_agg(k, v) FROM jsonb_each(a.after) AS x(k, v) WHERE k = ANY ($2::text[])) FROM audit_entry a WHERE a.id = $1`, [row.id, PERSONAL]);
    await sqlRows(app, `UPDATE audit_entry a SET changed_personal = ARRAY(SELECT c FROM unnest($2::text[]) AS c
        WHERE (a.after -> c) IS DISTINCT FROM coalesce(a.before -> c, 'null'::jsonb) ORDER BY c),
      before = before - $2::text[], after = after - $2::text[] WHERE a.id = $1`, [row.id, PERSONAL]);
  }
  return Number(row.id);
}
const PERSONAL = ['national_id_number', 'phone'];

const ENTRY = `id occurredAt operation recordType recordId recordCityCode requestId before after changedFields
  actor { apiKeyId label role cityCode }`;

async function auditLog(key: string | null, args: string, selection = `totalCount pageInfo { hasNextPage hasPreviousPage endCursor startCursor } nodes { ${ENTRY} }`) {
  const query = `{ auditLog${args ? `(${args})` : ''} { ${selection} } }`;
  return key ? app.graphqlAs(key, query) : app.graphql(query);
}

let studios: Array<{ id: number; city_code: string | null }>;
let craftsman: { id: number };
const studioEntries: number[] = [];
let craftsmanCreate: number;
let craftsmanUpdate: number;
let archiveEntry: number;

beforeAll(async () => {
  app = await startTestApp();
  keys.admin = await app.createKey('ADMIN', null, 'province office');
  keys.analyst = await app.createKey('ANALYST');
  keys.nanjingEditor = await app.createKey('CITY_EDITOR', NANJING, 'Nanjing portal');
  keys.wuxiEditor = await app.createKey('CITY_EDITOR', WUXI, 'Wuxi portal');
  await sqlRows(app, 'DELETE FROM audit_entry');

  studios = await sqlRows(app, 'SELECT id, city_code FROM innovation_studio WHERE city_code = $1 ORDER BY id LIMIT 20', [NANJING]);
  [craftsman] = await sqlRows(app, 'SELECT id FROM craftsman WHERE city_code = $1 ORDER BY id LIMIT 1', [NANJING]);

  // Every studio: created, then renamed (two entries each), by the Nanjing portal, a minute apart.
  for (const [i, s] of studios.entries()) {
    const base = Date.UTC(2025, 0, 1, 0, i * 2);
    studioEntries.push(
      await insertEntry({ table: 'innovation_studio', recordType: 'InnovationStudio', recordId: s.id, operation: 'CREATE', apiKeyId: keys.nanjingEditor.id, role: 'CITY_EDITOR', actorCity: NANJING,
        cityCode: s.city_code, before: 'NULL', after: `to_jsonb(r) || '{"name": "旧名"}'`, occurredAt: new Date(base).toISOString() }),
      await insertEntry({ table: 'innovation_studio', recordType: 'InnovationStudio', recordId: s.id, operation: 'UPDATE', apiKeyId: keys.nanjingEditor.id, role: 'CITY_EDITOR', actorCity: NANJING,
        cityCode: s.city_code, before: `to_jsonb(r) || '{"name": "旧名"}'`, after: `to_jsonb(r) || '{"version": 2, "updated_at": "2025-01-02T00:00:00+00:00"}'`,
        occurredAt: new Date(base + 60_000).toISOString() }),
    );
  }
  // A craftsman with personal data, created and then given a new phone number and title, by ADMIN.
  const personal = `to_jsonb(r) || jsonb_build_object('national_id_number', $10::text, 'phone', $11::text, 'honorary_title', NULL)`;
  craftsmanCreate = await insertEntry({ table: 'craftsman', recordType: 'Craftsman', recordId: craftsman.id, operation: 'CREATE', apiKeyId: keys.admin.id, role: 'ADMIN',
    cityCode: NANJING, before: 'NULL', after: personal, occurredAt: '2025-02-01T00:00:00Z', params: [NATIONAL_ID, PHONE] });
  craftsmanUpdate = await insertEntry({ table: 'craftsman', recordType: 'Craftsman', recordId: craftsman.id, operation: 'UPDATE', apiKeyId: keys.admin.id, role: 'ADMIN',
    cityCode: NANJING, before: personal, after: `${personal} || jsonb_build_object('phone', '13800000000', 'honorary_title', '金陵工匠', 'version', 2, 'updated_at', now())`,
    occurredAt: '2025-02-02T00:00:00Z', params: [NATIONAL_ID, PHONE] });
  // An archive made outside the API (no key) of a studio in another city.
  const [wuhan] = await sqlRows(app, "SELECT id, city_code FROM innovation_studio WHERE city_code <> $1 AND city_code IS NOT NULL ORDER BY id LIMIT 1", [NANJING]);
  archiveEntry = await insertEntry({ table: 'innovation_studio', recordType: 'InnovationStudio', recordId: wuhan.id, operation: 'ARCHIVE', apiKeyId: null, role: 'ADMIN',
    cityCode: wuhan.city_code, before: 'to_jsonb(r)', after: `to_jsonb(r) || jsonb_build_object('archived_at', '2025-03-01T00:00:00+00:00', 'version', 2)`,
    occurredAt: '2025-03-01T00:00:00Z' });
});
afterAll(() => app.close());

const total = () => studioEntries.length + 3;

describe('auditLog', () => {
  it.each([
    ['ANALYST', () => keys.analyst.key],
    ['CITY_EDITOR', () => keys.nanjingEditor.key],
    ['anonymous', () => null],
  ])('is refused to %s with FORBIDDEN', async (_who, key) => {
    const res = await auditLog(key(), '', 'totalCount');
    expect(res.data).toEqual({ auditLog: null }); // the refused root field alone is null (root fields are nullable)
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(res.errors![0].path).toEqual(['auditLog']);
  });

  it('lists every entry for ADMIN, newest first, with the actor, the record and the request', async () => {
    const res = await auditLog(keys.admin.key, 'first: 3');
    expect(res.errors).toBeUndefined();
    const log = res.data.auditLog;
    expect(log.totalCount).toBe(total());
    expect(log.nodes.map((n: any) => n.id)).toEqual([archiveEntry, craftsmanUpdate, craftsmanCreate].map((id) => nodeId('AuditEntry', id)));
    const [archive, update] = log.nodes;
    expect(archive).toMatchObject({
      operation: 'ARCHIVE',
      recordType: 'InnovationStudio',
      occurredAt: '2025-03-01T00:00:00.000Z',
      actor: { apiKeyId: null, label: null, role: 'ADMIN', cityCode: null },
      changedFields: ['archivedAt'],
    });
    expect(update).toMatchObject({
      operation: 'UPDATE',
      recordType: 'Craftsman',
      recordId: nodeId('Craftsman', craftsman.id),
      recordCityCode: NANJING,
      requestId: `req-Craftsman-${craftsman.id}`,
      actor: { apiKeyId: nodeId('ApiKey', keys.admin.id), label: 'province office', role: 'ADMIN', cityCode: null },
    });
    expect(log.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('orders OLDEST_FIRST and pages forward and backward without gaps or repeats', async () => {
    const all = (await auditLog(keys.admin.key, 'first: 100, orderBy: OLDEST_FIRST', 'nodes { id }')).data.auditLog.nodes.map((n: any) => n.id);
    expect(all).toHaveLength(total());
    expect(all[0]).toBe(nodeId('AuditEntry', studioEntries[0]));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await auditLog(keys.admin.key, `first: 7, orderBy: OLDEST_FIRST${after ? `, after: "${after}"` : ''}`);
      const page = res.data.auditLog;
      seen.push(...page.nodes.map((n: any) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    const newest = (await auditLog(keys.admin.key, 'first: 100', 'nodes { id }')).data.auditLog.nodes.map((n: any) => n.id);
    expect(newest).toEqual([...all].reverse());

    const last = await auditLog(keys.admin.key, 'last: 5, orderBy: OLDEST_FIRST');
    expect(last.data.auditLog.nodes.map((n: any) => n.id)).toEqual(all.slice(-5));
    expect(last.data.auditLog.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const before = await auditLog(keys.admin.key, `last: 5, orderBy: OLDEST_FIRST, before: "${last.data.auditLog.pageInfo.startCursor}"`);
    expect(before.data.auditLog.nodes.map((n: any) => n.id)).toEqual(all.slice(-10, -5));
  });

  it('refuses a cursor of the other ordering', async () => {
    const first = await auditLog(keys.admin.key, 'first: 1');
    const res = await auditLog(keys.admin.key, `first: 1, orderBy: OLDEST_FIRST, after: "${first.data.auditLog.pageInfo.endCursor}"`);
    expect(res.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('filters by record type, record, operations, key, city and time', async () => {
    const count = async (filter: string) => {
      const res = await auditLog(keys.admin.key, `filter: { ${filter} }`, 'totalCount nodes { id }');
      expect(res.errors).toBeUndefined();
      return res.data.auditLog.totalCount;
    };
    expect(await count('recordType: "Craftsman"')).toBe(2);
    expect(await count('recordType: "InnovationStudio"')).toBe(studioEntries.length + 1);
    expect(await count(`recordId: "${nodeId('InnovationStudio', studios[3].id)}"`)).toBe(2);
    expect(await count(`recordId: "${nodeId('Craftsman', craftsman.id)}"`)).toBe(2);
    expect(await count(`recordId: "${nodeId('Craftsman', craftsman.id)}", recordType: "InnovationStudio"`)).toBe(0);
    expect(await count(`recordId: "${nodeId('Craftsman', 999999)}"`)).toBe(0);
    expect(await count('operations: [CREATE]')).toBe(studios.length + 1);
    expect(await count('operations: [ARCHIVE, RESTORE]')).toBe(1);
    expect(await count(`apiKeyId: "${nodeId('ApiKey', keys.nanjingEditor.id)}"`)).toBe(studioEntries.length);
    expect(await count(`apiKeyId: "${nodeId('ApiKey', keys.analyst.id)}"`)).toBe(0);
    expect(await count(`recordCityCode: "${NANJING}"`)).toBe(studioEntries.length + 2);
    expect(await count('occurredFrom: "2025-02-01T00:00:00Z", occurredTo: "2025-02-02T00:00:00Z"')).toBe(2);
    expect(await count('occurredFrom: "2025-02-01T00:00:00Z"')).toBe(3);
    expect(await count('occurredTo: "2025-01-01T00:00:00Z"')).toBe(1);
    expect(await count(`recordType: "Craftsman", operations: [UPDATE], recordCityCode: "${NANJING}"`)).toBe(1);
  });

  it('rejects an apiKeyId that is not an API key ID, and malformed IDs', async () => {
    const wrongType = await auditLog(keys.admin.key, `filter: { apiKeyId: "${nodeId('Craftsman', 1)}" }`, 'totalCount');
    expect(wrongType.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.apiKeyId' });
    const garbage = await auditLog(keys.admin.key, 'filter: { recordId: "not an id!" }', 'totalCount');
    expect(garbage.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.recordId' });
  });
});

describe('changedFields', () => {
  it('lists the columns an update altered, camelCase, without version and updatedAt', async () => {
    const res = await auditLog(keys.admin.key, `filter: { recordId: "${nodeId('Craftsman', craftsman.id)}" }`);
    const [update, create] = res.data.auditLog.nodes;
    expect(update.changedFields).toEqual(['honoraryTitle', 'phone']);
    expect(update.before.phone).toBe(PHONE);
    expect(update.after.phone).toBe('13800000000');
    expect(update.after.version).toBe(2);
    // CREATE: every column given a value.
    const [row] = await sqlRows(app, 'SELECT to_jsonb(c) AS doc FROM craftsman c WHERE id = $1', [craftsman.id]);
    const expected = Object.entries({ ...row.doc, national_id_number: NATIONAL_ID, phone: PHONE, honorary_title: null })
      .filter(([column, value]) => value !== null && column !== 'version' && column !== 'updated_at')
      .map(([column]) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()))
      .sort();
    expect(create.before).toBeNull();
    expect(create.changedFields).toEqual(expected);
    expect(create.changedFields).toEqual(expect.arrayContaining(['id', 'name', 'nationalIdNumber', 'phone', 'cityCode']));
    expect(create.changedFields).not.toContain('honoraryTitle');
  });

  it('gives snapshots the GraphQL field names', async () => {
    const res = await auditLog(keys.admin.key, `filter: { recordId: "${nodeId('Craftsman', craftsman.id)}", operations: [CREATE] }`);
    const after = res.data.auditLog.nodes[0].after;
    expect(after).toMatchObject({ id: craftsman.id, cityCode: NANJING, nationalIdNumber: NATIONAL_ID, phone: PHONE });
    expect(Object.keys(after).filter((k) => k.includes('_'))).toEqual([]);
  });
});

describe('history', () => {
  const studiosQuery = (first: number) => `{ innovationStudios(first: ${first}, filter: { cityCode: "${NANJING}" }) {
    nodes { id name history { id operation recordId changedFields actor { label role cityCode } before after } } } }`;

  it('gives each studio its changes, newest first, to every caller', async () => {
    const res = await app.graphql(studiosQuery(2));
    expect(res.errors).toBeUndefined();
    const [first, second] = res.data.innovationStudios.nodes;
    expect(first.id).toBe(nodeId('InnovationStudio', studios[0].id));
    expect(first.history.map((h: any) => h.id)).toEqual([studioEntries[1], studioEntries[0]].map((id) => nodeId('AuditEntry', id)));
    expect(first.history.map((h: any) => h.operation)).toEqual(['UPDATE', 'CREATE']);
    expect(first.history[0]).toMatchObject({ recordId: first.id, changedFields: ['name'], actor: { label: 'Nanjing portal', role: 'CITY_EDITOR', cityCode: NANJING } });
    expect(first.history[0].before.name).toBe('旧名');
    expect(first.history[0].after.name).toBe(first.name);
    expect(second.history.map((h: any) => h.id)).toEqual([studioEntries[3], studioEntries[2]].map((id) => nodeId('AuditEntry', id)));
  });

  it('is empty for a record without changes', async () => {
    const [untouched] = await sqlRows(app, "SELECT id FROM innovation_studio WHERE id NOT IN (SELECT record_id FROM audit_entry WHERE record_type = 'InnovationStudio') ORDER BY id LIMIT 1");
    const res = await app.graphql(`{ node(id: "${nodeId('InnovationStudio', untouched.id)}") { ... on InnovationStudio { history { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.node.history).toEqual([]);
  });

  it('runs as many SQL statements for 20 studios as for 2', async () => {
    const two = await app.graphql(studiosQuery(2));
    const twenty = await app.graphql(studiosQuery(20));
    expect(twenty.errors).toBeUndefined();
    expect(twenty.data.innovationStudios.nodes.filter((n: any) => n.history.length === 2)).toHaveLength(20);
    expect(twenty.extensions.sqlStatements).toBe(two.extensions.sqlStatements);
    expect(two.extensions.sqlStatements).toBe(2);
  });
});

describe('changeHistory, the connection (history, the list, is deprecated and still answers)', () => {
  const pageQuery = (first: number, args: string) => `{ innovationStudios(first: ${first}, filter: { cityCode: "${NANJING}" }) {
    nodes { id history { id } changeHistory(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id operation recordId } } } } } }`;

  it('pages through a record\'s changes, newest first, and ends with what history lists', async () => {
    const first = await app.graphql(pageQuery(1, 'first: 1'));
    expect(first.errors).toBeUndefined();
    const [studio] = first.data.innovationStudios.nodes;
    const page1 = studio.changeHistory;
    expect(page1.totalCount).toBe(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await app.graphql(pageQuery(1, `first: 1, after: "${page1.pageInfo.endCursor}"`));
    const page2 = second.data.innovationStudios.nodes[0].changeHistory;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const paged = [...page1.edges, ...page2.edges].map((e: any) => e.node);
    expect(paged.map((n: any) => n.id)).toEqual(studio.history.map((h: any) => h.id));
    expect(paged.map((n: any) => n.operation)).toEqual(['UPDATE', 'CREATE']);
    expect(paged.every((n: any) => n.recordId === studio.id)).toBe(true);

    const oldest = await app.graphql(pageQuery(1, 'first: 5, orderBy: OLDEST_FIRST'));
    expect(oldest.data.innovationStudios.nodes[0].changeHistory.edges.map((e: any) => e.node.id)).toEqual([...studio.history].reverse().map((h: any) => h.id));
  });

  it('runs as many SQL statements for 20 studios as for 2 (one page statement, one count, for all of them)', async () => {
    const two = await app.graphql(pageQuery(2, 'first: 1'));
    const twenty = await app.graphql(pageQuery(20, 'first: 1'));
    expect(twenty.errors).toBeUndefined();
    expect(twenty.data.innovationStudios.nodes.map((n: any) => n.changeHistory.totalCount)).toEqual(Array(20).fill(2));
    expect(twenty.extensions.sqlStatements).toBe(two.extensions.sqlStatements);
  });
});

describe('an audit entry is a Node', () => {
  it('node(id:) refetches an entry of a record\'s history, for any caller', async () => {
    const id = nodeId('AuditEntry', studioEntries[1]);
    const res = await app.graphql(`{ node(id: "${id}") { __typename id ... on AuditEntry { operation recordId changedFields } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.node).toEqual({ __typename: 'AuditEntry', id, operation: 'UPDATE', recordId: nodeId('InnovationStudio', studios[0].id), changedFields: ['name'] });
  });

  it('answers null for an entry that does not exist, and several at once with nodes(ids:)', async () => {
    const ids = [nodeId('AuditEntry', studioEntries[0]), nodeId('AuditEntry', 999_999_999), nodeId('InnovationStudio', studios[0].id)];
    const res = await app.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.nodes).toEqual([{ __typename: 'AuditEntry', id: ids[0] }, null, { __typename: 'InnovationStudio', id: ids[2] }]);
  });

  it("masks a craftsman's personal values in an entry fetched by node(id:) as in history", async () => {
    const query = `{ node(id: "${nodeId('AuditEntry', craftsmanUpdate)}") { ... on AuditEntry { after } } }`;
    expect((await app.graphql(query)).data.node.after).toMatchObject({ nationalIdNumber: null, phone: null });
    expect((await app.graphqlAs(keys.admin.key, query)).data.node.after).toMatchObject({ nationalIdNumber: NATIONAL_ID, phone: '13800000000' });
  });
});

describe('personal data in audit entries', () => {
  const callers: Array<{ who: string; key: () => string | null; visible: boolean }> = [
    { who: 'ADMIN', key: () => keys.admin.key, visible: true },
    { who: "the CITY_EDITOR of the record's city", key: () => keys.nanjingEditor.key, visible: true },
    { who: 'ANALYST', key: () => keys.analyst.key, visible: false },
    { who: 'a CITY_EDITOR of another city', key: () => keys.wuxiEditor.key, visible: false },
    { who: 'anonymous', key: () => null, visible: false },
  ];

  it('shows national ID numbers and phones to ADMIN in the audit log', async () => {
    const res = await auditLog(keys.admin.key, `filter: { recordId: "${nodeId('Craftsman', craftsman.id)}" }`);
    const [update, create] = res.data.auditLog.nodes;
    expect(update.before).toMatchObject({ nationalIdNumber: NATIONAL_ID, phone: PHONE });
    expect(update.after).toMatchObject({ nationalIdNumber: NATIONAL_ID, phone: '13800000000' });
    expect(create.after).toMatchObject({ nationalIdNumber: NATIONAL_ID, phone: PHONE });
  });

  const historyOf = async (key: string | null, id: number) => {
    const query = `{ node(id: "${nodeId('Craftsman', id)}") { ... on Craftsman { history { operation changedFields before after } } } }`;
    const res = key ? await app.graphqlAs(key, query) : await app.graphql(query);
    expect(res.errors).toBeUndefined();
    return res.data.node.history;
  };

  it.each(callers)("in a Nanjing craftsman's history over HTTP, as $who (personal values shown: $visible)", async ({ key, visible }) => {
    const [update, create] = await historyOf(key(), craftsman.id);
    const shown = (phone: string) => (visible ? { nationalIdNumber: NATIONAL_ID, phone } : { nationalIdNumber: null, phone: null });
    expect(update.before).toMatchObject(shown(PHONE));
    expect(update.after).toMatchObject(shown('13800000000'));
    expect(create.after).toMatchObject(shown(PHONE));
    expect(create.after).toMatchObject({ id: craftsman.id, cityCode: NANJING });
    // Which fields changed is not personal: the same for everyone.
    expect(update.changedFields).toEqual(['honoraryTitle', 'phone']);
  });

  it('keeps personal values out of the snapshots the application role can read', async () => {
    const [entry] = await sqlRows(app, `SELECT before, after, changed_personal FROM audit_entry WHERE id = $1`, [craftsmanUpdate]);
    expect(Object.keys(entry.before)).not.toContain('phone');
    expect(Object.keys(entry.after)).not.toContain('national_id_number');
    expect(entry.changed_personal).toEqual(['phone']);
  });

  // Finding 5 of issue 16: masking followed the entry's city, so the editor of a craftsman's former
  // city kept reading its personal values in history after ADMIN moved it.
  it("masks a moved craftsman's history by its city now: the former city's editor no longer sees personal values", async () => {
    const idNumber = `32010219750505123${nationalIdCheckCharacter('32010219750505123')}`;
    const created = await app.graphqlAs(keys.admin.key, `mutation { createCraftsman(input: { name: "迁移测试工匠", level: MUNICIPAL, status: CANDIDATE,
      cityCode: "${NANJING}", nationalIdNumber: "${idNumber}", phone: "${PHONE}" }) { userErrors { code message } craftsman { id version } } }`);
    expect(created.data.createCraftsman.userErrors).toEqual([]);
    const { id, version } = created.data.createCraftsman.craftsman;
    const rowId = Number(fromGlobalId(id).key);
    expect((await historyOf(keys.nanjingEditor.key, rowId))[0].after).toMatchObject({ nationalIdNumber: idNumber, phone: PHONE });

    const moved = await app.graphqlAs(keys.admin.key, `mutation { updateCraftsman(input: { id: "${id}", version: ${version}, cityCode: "${WUXI}" }) {
      userErrors { code message } craftsman { city { code } } } }`);
    expect(moved.data.updateCraftsman).toEqual({ userErrors: [], craftsman: { city: { code: WUXI } } });

    const formerCity = await historyOf(keys.nanjingEditor.key, rowId);
    expect(formerCity.map((e: any) => e.operation)).toEqual(['UPDATE', 'CREATE']);
    for (const entry of formerCity) {
      expect(entry.after).toMatchObject({ nationalIdNumber: null, phone: null });
      if (entry.before) expect(entry.before).toMatchObject({ nationalIdNumber: null, phone: null });
    }
    const newCity = await historyOf(keys.wuxiEditor.key, rowId);
    expect(newCity[1].after).toMatchObject({ nationalIdNumber: idNumber, phone: PHONE, cityCode: NANJING });
    expect(newCity[0].after).toMatchObject({ nationalIdNumber: idNumber, phone: PHONE, cityCode: WUXI });
  });
});

describe('entries written by the write engine', () => {
  it("show in the record's history and in the audit log, with the request's id", async () => {
    const [studio] = await sqlRows(app, "SELECT id, version, name FROM innovation_studio WHERE city_code = $1 AND id NOT IN (SELECT record_id FROM audit_entry WHERE record_type = 'InnovationStudio') ORDER BY id LIMIT 1", [NANJING]);
    const id = nodeId('InnovationStudio', studio.id);
    const res = await app.graphqlAs(keys.nanjingEditor.key, `mutation($id: ID!, $version: Int!) {
      updateInnovationStudio(input: { id: $id, version: $version, name: "审计测试工作室" }) {
        userErrors { code message }
        innovationStudio { id history { operation recordId changedFields requestId actor { apiKeyId label role cityCode } before after } } } }`, { id, version: studio.version });
    expect(res.errors).toBeUndefined();
    const payload = res.data.updateInnovationStudio;
    expect(payload.userErrors).toEqual([]);
    const [entry] = payload.innovationStudio.history;
    expect(entry).toMatchObject({
      operation: 'UPDATE',
      recordId: id,
      changedFields: ['name'],
      requestId: res.extensions.requestId,
      actor: { apiKeyId: nodeId('ApiKey', keys.nanjingEditor.id), label: 'Nanjing portal', role: 'CITY_EDITOR', cityCode: NANJING },
    });
    expect(entry.before).toMatchObject({ name: studio.name, version: studio.version });
    expect(entry.after).toMatchObject({ name: '审计测试工作室', version: studio.version + 1, cityCode: NANJING });

    const log = await auditLog(keys.admin.key, `filter: { recordId: "${id}" }`, 'nodes { changedFields requestId }');
    expect(log.data.auditLog.nodes).toEqual([{ changedFields: ['name'], requestId: res.extensions.requestId }]);
  });
});
