/**
 * The role × operation matrix: every write of every record type tried as each role — ADMIN,
 * ANALYST, the editor of the record's city, the editor of another city, and no key — on a record
 * of Nanjing. Only the roles the policy names may change anything; every refusal is FORBIDDEN and
 * leaves the database as it was; every change writes exactly one audit entry.
 */
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';
import { fillExampleContext, writableTypes, type ExampleContext, type WritableType } from '../setup/record-examples';

const NANJING = '320100';
type Role = 'ADMIN' | 'ANALYST' | 'NANJING_EDITOR' | 'OTHER_EDITOR' | 'ANONYMOUS';
const ROLES: Role[] = ['ADMIN', 'ANALYST', 'NANJING_EDITOR', 'OTHER_EDITOR', 'ANONYMOUS'];

let app: TestApp;
const keys: Partial<Record<Role, string>> = {};
let serial = 0;
const context: ExampleContext = { enterpriseId: '', sourceId: '', skillCompetitionId: '' };
const TYPES = writableTypes(context);
type RecordType = WritableType;

function allowed(type: RecordType, role: Role): boolean {
  return role === 'ADMIN' || (type.cityKept && role === 'NANJING_EDITOR');
}

async function as(role: Role, query: string, variables: Record<string, unknown>) {
  const res = keys[role] ? await app.graphqlAs(keys[role]!, query, variables) : await app.graphql(query, variables);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data as Record<string, any>)[0];
}

const mutations = (type: RecordType) => recordMutations(type.name, type.payload, 'id version archivedAt', type.upsert);
const write = (type: RecordType, op: 'create' | 'update' | 'archive' | 'restore') => mutations(type)[op.toUpperCase() as 'CREATE' | 'UPDATE' | 'ARCHIVE' | 'RESTORE'];

async function stored(type: RecordType, id: number) {
  const [row] = await sqlRows(app, `SELECT version, archived_at IS NOT NULL AS archived FROM ${type.table} WHERE id = $1`, [id]);
  return row as { version: number; archived: boolean };
}

const rowIdOf = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

beforeAll(async () => {
  app = await startTestApp();
  keys.ADMIN = (await app.createKey('ADMIN')).key;
  keys.ANALYST = (await app.createKey('ANALYST')).key;
  keys.NANJING_EDITOR = (await app.createKey('CITY_EDITOR', NANJING)).key;
  keys.OTHER_EDITOR = (await app.createKey('CITY_EDITOR', '320300')).key;
  await fillExampleContext(app, context);
});
afterAll(() => app.close());

describe.each(TYPES)('$name', (type) => {
  let recordId: number;
  let globalId: string;

  beforeAll(async () => {
    const created = await as('ADMIN', write(type, 'create'), { input: type.create() });
    expect(created.userErrors).toEqual([]);
    globalId = created[type.payload].id;
    recordId = rowIdOf(globalId);
  });

  it.each(ROLES)('create, update, archive, restore as %s: allowed only where the policy says, refused without a trace otherwise', async (role) => {
    const ok = allowed(type, role);
    const auditBefore = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const countBefore = await sqlNumber(app, `SELECT count(*) FROM ${type.table}`);
    let changes = 0;
    const expectOutcome = (result: any) => {
      if (ok) {
        expect(result.userErrors).toEqual([]);
        changes += 1;
      } else {
        expect(result[type.payload]).toBeNull();
        expect(result.userErrors.map((e: any) => e.code)).toContain('FORBIDDEN');
      }
    };

    expectOutcome(await as(role, write(type, 'create'), { input: type.create() }));
    expect(await sqlNumber(app, `SELECT count(*) FROM ${type.table}`)).toBe(countBefore + (ok ? 1 : 0));

    const before = await stored(type, recordId);
    expectOutcome(await as(role, write(type, 'update'), { input: { id: globalId, version: before.version, ...type.change() } }));
    expect((await stored(type, recordId)).version).toBe(before.version + (ok ? 1 : 0));

    expectOutcome(await as(role, write(type, 'archive'), { input: { id: globalId } }));
    expect((await stored(type, recordId)).archived).toBe(ok);
    if (!ok) await app.dataSource.query(`UPDATE ${type.table} SET archived_at = now() WHERE id = $1`, [recordId]);
    expectOutcome(await as(role, write(type, 'restore'), { input: { id: globalId } }));
    expect((await stored(type, recordId)).archived).toBe(!ok);
    if (!ok) await app.dataSource.query(`UPDATE ${type.table} SET archived_at = NULL WHERE id = $1`, [recordId]);

    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(auditBefore + changes);
  });

  if (type.upsert) {
    it.each(ROLES)('bulk upsert into Nanjing as %s', async (role) => {
      const ok = allowed(type, role);
      const { cityCode, ...fields } = type.create();
      const externalId = `MATRIX-${role}-${serial++}`;
      const auditBefore = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
      const result = await as(role, mutations(type).UPSERT, { input: { records: [{ ...fields, cityCode, externalId }] } });
      expect(result.applied).toBe(ok);
      if (!ok) expect([...result.rowErrors, ...result.userErrors].map((e: any) => e.code)).toContain('FORBIDDEN');
      expect(await sqlNumber(app, `SELECT count(*) FROM ${type.table} WHERE external_id = $1`, [externalId])).toBe(ok ? 1 : 0);
      expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(auditBefore + (ok ? 1 : 0));
    });
  }
});

describe('a published Nanjing studio that names no enterprise (its city is its own)', () => {
  const studioType = TYPES.find((t) => t.name === 'InnovationStudio')!;

  it.each(ROLES)('update as %s: allowed only where the policy says, refused without a trace otherwise', async (role) => {
    const [sample] = await sqlRows(app, `SELECT id FROM innovation_studio WHERE is_sample AND city_code = $1 AND enterprise_id IS NULL ORDER BY id LIMIT 1`, [NANJING]);
    const ok = allowed(studioType, role);
    const before = await stored(studioType, sample.id);
    const auditBefore = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const result = await as(role, write(studioType, 'update'), { input: { id: nodeId('InnovationStudio', sample.id), version: before.version, externalId: `MATRIX-SAMPLE-${serial++}` } });
    if (ok) expect(result.userErrors).toEqual([]);
    else expect(result.userErrors.map((e: any) => e.code)).toContain('FORBIDDEN');
    expect((await stored(studioType, sample.id)).version).toBe(before.version + (ok ? 1 : 0));
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(auditBefore + (ok ? 1 : 0));
  });
});

describe('reads across roles', () => {
  const LOG = '{ auditLog(first: 1) { totalCount } }';
  const KEYS = '{ apiKeys { id } }';

  it.each(ROLES)('the audit log and the key list are for ADMIN only (%s)', async (role) => {
    for (const query of [LOG, KEYS]) {
      const res = keys[role] ? await app.graphqlAs(keys[role]!, query) : await app.graphql(query);
      if (role === 'ADMIN') expect(res.errors).toBeUndefined();
      else expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it.each(ROLES)('aggregates and lists are readable by every role (%s)', async (role) => {
    const query = `{ craftsmanStats(groupBy: [CITY]) { count } craftsmen(first: 5, filter: { cityCode: "${NANJING}" }) { nodes { name } } }`;
    const res = keys[role] ? await app.graphqlAs(keys[role]!, query) : await app.graphql(query);
    expect(res.errors).toBeUndefined();
    expect(res.data.craftsmanStats.length).toBeGreaterThan(0);
  });

  it.each(ROLES)("a Nanjing craftsman's personal data by node(id:), as %s", async (role) => {
    const [craftsman] = await sqlRows(app, `SELECT id FROM craftsman WHERE city_code = $1 ORDER BY id LIMIT 1`, [NANJING]);
    await app.dataSource.query(`UPDATE craftsman SET national_id_number = '11010519491231002X', phone = '13912345678' WHERE id = $1`, [craftsman.id]);
    const query = `query ($id: ID!) { node(id: $id) { ... on Craftsman { name nationalIdNumber phone } } }`;
    const variables = { id: nodeId('Craftsman', craftsman.id) };
    const res = keys[role] ? await app.graphqlAs(keys[role]!, query, variables) : await app.graphql(query, variables);
    const visible = role === 'ADMIN' || role === 'NANJING_EDITOR';
    expect(res.data.node.name).toBeTruthy();
    expect(res.data.node.nationalIdNumber).toBe(visible ? '11010519491231002X' : null);
    expect(res.data.node.phone).toBe(visible ? '13912345678' : null);
  });
});
