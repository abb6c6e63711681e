/**
 * The role × operation matrix: every write of every record type tried as each role — ADMIN,
 * ANALYST, the editor of the record's city, the editor of another city, and no key — on a record
 * of Nanjing. Only the roles the policy names may change anything; every refusal is FORBIDDEN and
 * leaves the database as it was; every change writes exactly one audit entry.
 */
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';
import { registryTypes } from '../../src/modules';

const NANJING = '320100';
type Role = 'ADMIN' | 'ANALYST' | 'NANJING_EDITOR' | 'OTHER_EDITOR' | 'ANONYMOUS';
const ROLES: Role[] = ['ADMIN', 'ANALYST', 'NANJING_EDITOR', 'OTHER_EDITOR', 'ANONYMOUS'];

let app: TestApp;
const keys: Partial<Record<Role, string>> = {};
let enterpriseId: string;
let sourceId: string;
let serial = 0;

/** A fresh, well-formed credit code no enterprise has. */
function freshCreditCode(): string {
  serial += 1;
  const body = `91320100MX${String(serial).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

interface RecordType {
  name: string;
  table: string;
  payload: string;
  /** Writable by city editors of the record's city (true) or by ADMIN alone (false). */
  cityKept: boolean;
  create(): Record<string, unknown>;
  /** One field to change in an update. */
  change(): Record<string, unknown>;
  upsert?: string;
}

const TYPES: RecordType[] = [
  { name: 'Enterprise', table: 'enterprise', payload: 'enterprise', cityKept: true, upsert: 'upsertEnterprises',
    create: () => ({ creditCode: freshCreditCode(), name: '矩阵企业', ownership: 'PRIVATE', cityCode: NANJING }), change: () => ({ name: `矩阵企业 ${serial++}` }) },
  { name: 'InnovationStudio', table: 'innovation_studio', payload: 'innovationStudio', cityKept: true, upsert: 'upsertInnovationStudios',
    create: () => ({ name: '矩阵工作室', kind: 'EMPLOYEE', enterpriseId, cityCode: NANJING }), change: () => ({ name: `矩阵工作室 ${serial++}` }) },
  { name: 'CraftsmanAcademy', table: 'craftsman_academy', payload: 'craftsmanAcademy', cityKept: true, upsert: 'upsertCraftsmanAcademies',
    create: () => ({ name: '矩阵工匠学院', level: 'MUNICIPAL', cityCode: NANJING }), change: () => ({ name: `矩阵工匠学院 ${serial++}` }) },
  { name: 'Craftsman', table: 'craftsman', payload: 'craftsman', cityKept: true, upsert: 'upsertCraftsmen',
    create: () => ({ name: '矩阵工匠', level: 'MUNICIPAL', status: 'CANDIDATE', cityCode: NANJING }), change: () => ({ name: `矩阵工匠 ${serial++}` }) },
  { name: 'CollectiveInnovationContract', table: 'collective_innovation_contract', payload: 'collectiveInnovationContract', cityKept: true,
    upsert: 'upsertCollectiveInnovationContracts',
    create: () => ({ enterpriseId, signedOn: '2025-01-01', termMonths: 12, workersCovered: 1, cityCode: NANJING }), change: () => ({ termMonths: 12 + (serial++ % 100) }) },
  { name: 'Goal', table: 'goal', payload: 'goal', cityKept: false,
    create: () => ({ metric: 'INNOVATION_STUDIOS', target: 10, deadline: '2030-12-31', sourceId, cityCode: NANJING }), change: () => ({ target: 11 + serial++ }) },
  { name: 'ReportedFigure', table: 'reported_figure', payload: 'reportedFigure', cityKept: false,
    create: () => ({ metric: 'TRAINING_COURSES', value: 1, unit: 'COUNT', asOf: '2025-01-01', sourceId, cityCode: NANJING }), change: () => ({ value: 2 + serial++ }) },
  { name: 'Source', table: 'source', payload: 'source', cityKept: false,
    create: () => ({ publisher: '矩阵', title: `矩阵报告 ${serial++}`, publishedOn: '2025-01-01' }), change: () => ({ title: `矩阵报告 ${serial++}` }) },
];

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
  // The studios and contracts below need a Nanjing enterprise, which the published data set does not have (its workforce unknown: no limit on the workers a contract covers).
  const [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING);
  enterpriseId = nodeId('Enterprise', enterprise.id);
  const [source] = await sqlRows(app, 'SELECT id FROM source ORDER BY id LIMIT 1');
  sourceId = nodeId('Source', source.id);
});
afterAll(() => app.close());

it('covers every writable registry type (a new type must join TYPES)', () => {
  expect(TYPES.map((t) => t.name).sort()).toEqual(registryTypes().flatMap((t) => (t.record ? [t.typename] : [])).sort());
});

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
