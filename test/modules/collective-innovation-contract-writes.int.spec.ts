/**
 * Writing collective innovation contracts (技术创新集体合同) as a city portal: create, update with the
 * version read, archive and restore, bulk upsert by external id; every refusal a userError next
 * to its field. A contract lies in its enterprise's city.
 */
import { creditCodeCheckCharacter } from '../../src/common/credit-code';
import { fromGlobalId } from '../../src/graphql/relay/global-id';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlNumber, sqlRows, todayInShanghai } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

const NANJING = '320100';
const WUXI = '320200';
const ZILONG = '江苏紫龙药业股份有限公司';
/** Well-formed, but no enterprise of the data set has it. */
const UNKNOWN_CREDIT_CODE = '91320100XYW00000Q' + creditCodeCheckCharacter('91320100XYW00000Q');

let app: TestApp;
let nanjing: string;
let wuxi: string;
let admin: string;
let analyst: string;
/** A Nanjing enterprise whose employee count the registry knows (made here: the data set has no Nanjing enterprise). */
let nanjingEnterprise: { id: number; credit_code: string; employee_count: number };
let wuxiEnterprise: { id: number; credit_code: string };
/** Jiangsu's Zilong Pharmaceutical: no city, no employee count. */
let zilong: { id: number; credit_code: string };

beforeAll(async () => {
  app = await startTestApp();
  nanjing = (await app.createKey('CITY_EDITOR', NANJING)).key;
  wuxi = (await app.createKey('CITY_EDITOR', WUXI)).key;
  admin = (await app.createKey('ADMIN')).key;
  analyst = (await app.createKey('ANALYST')).key;
  const [made] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING, 1, { employeeCount: 500 });
  [nanjingEnterprise] = await sqlRows(app, `SELECT id, credit_code, employee_count FROM enterprise WHERE id = $1`, [made.id]);
  [wuxiEnterprise] = await sqlRows(app, `SELECT id, credit_code FROM enterprise WHERE city_code = $1 ORDER BY id LIMIT 1`, [WUXI]);
  [zilong] = await sqlRows(app, `SELECT id, credit_code FROM enterprise WHERE name = $1 AND city_code IS NULL AND employee_count IS NULL`, [ZILONG]);
});
afterAll(() => app.close());

const rowId = (id: string) => Number(fromGlobalId(id).key);
const as = (key: string | null, query: string, variables?: Record<string, unknown>) => (key ? app.graphqlAs(key, query, variables) : app.graphql(query, variables));

const FIELDS = 'id signedOn termMonths expiresOn workersCovered projectsPlanned projectsCompleted externalId version archivedAt city { code } district { code } province { code } enterprise { id }';
const { CREATE, UPDATE, ARCHIVE, RESTORE, UPSERT } = recordMutations('CollectiveInnovationContract', 'collectiveInnovationContract', FIELDS, 'upsertCollectiveInnovationContracts');

async function create(key: string | null, input: Record<string, unknown>) {
  const res = await as(key, CREATE, { input });
  expect(res.errors).toBeUndefined();
  return { contract: res.data.createCollectiveInnovationContract.collectiveInnovationContract, userErrors: res.data.createCollectiveInnovationContract.userErrors };
}

async function created(key: string, input: Record<string, unknown>) {
  const result = await create(key, input);
  expect(result.userErrors).toEqual([]);
  return result.contract;
}

const nanjingContract = (extra: Record<string, unknown> = {}) => ({
  enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), signedOn: '2024-03-01', termMonths: 36, workersCovered: 120, ...extra,
});

describe('createCollectiveInnovationContract', () => {
  it("creates a contract in its enterprise's city, version 1, with one audit entry", async () => {
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const contract = await created(nanjing, nanjingContract({ projectsPlanned: 12, projectsCompleted: 4, externalId: ' NJ-HT-1 ' }));
    expect(contract).toMatchObject({
      signedOn: '2024-03-01', termMonths: 36, expiresOn: '2027-02-28', workersCovered: 120, projectsPlanned: 12, projectsCompleted: 4,
      externalId: 'NJ-HT-1', version: 1, archivedAt: null, city: { code: NANJING }, province: { code: '320000' }, enterprise: { id: nodeId('Enterprise', nanjingEnterprise.id) },
    });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 1);
    const [entry] = await sqlRows(app, `SELECT operation, record_city_code FROM audit_entry WHERE record_type = 'CollectiveInnovationContract' AND record_id = $1`, [rowId(contract.id)]);
    expect(entry).toEqual({ operation: 'CREATE', record_city_code: NANJING });
  });

  it('counts no projects when none are given', async () => {
    const contract = await created(nanjing, nanjingContract());
    expect(contract).toMatchObject({ projectsPlanned: 0, projectsCompleted: 0 });
  });

  it("refuses a cityCode other than the enterprise's city", async () => {
    const result = await create(admin, nanjingContract({ cityCode: WUXI }));
    expect(result.contract).toBeNull();
    expect(result.userErrors).toEqual([expect.objectContaining({ field: 'cityCode', code: 'INVALID', message: expect.stringContaining(`city of its enterprise (${NANJING})`) })]);
  });

  it('reports every invalid field with its name and a message', async () => {
    const tomorrow = new Date(Date.parse(`${todayInShanghai()}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    const result = await create(nanjing, nanjingContract({ signedOn: tomorrow, termMonths: 121, workersCovered: -1, projectsPlanned: -2, projectsCompleted: 10_001 }));
    expect(result.contract).toBeNull();
    const byField = Object.fromEntries(result.userErrors.map((e: any) => [e.field, e.message]));
    expect(byField).toEqual({
      signedOn: 'signedOn must not be in the future.',
      termMonths: 'termMonths must be between 1 and 120 (got 121).',
      workersCovered: 'workersCovered must be between 0 and 5000000 (got -1).',
      projectsPlanned: 'projectsPlanned must be between 0 and 10000 (got -2).',
      projectsCompleted: 'projectsCompleted must be between 0 and 10000 (got 10001).',
    });
    const early = await create(nanjing, nanjingContract({ signedOn: '1949-09-30', termMonths: 0 }));
    expect(early.userErrors.map((e: any) => [e.field, e.message])).toEqual([
      ['signedOn', 'signedOn must be on or after 1949-10-01.'],
      ['termMonths', 'termMonths must be between 1 and 120 (got 0).'],
    ]);
  });

  it('refuses more completed projects than planned', async () => {
    const result = await create(nanjing, nanjingContract({ projectsPlanned: 3, projectsCompleted: 5 }));
    expect(result.userErrors).toEqual([
      expect.objectContaining({ field: 'projectsCompleted', code: 'INVALID', message: 'projectsCompleted (5) must not exceed projectsPlanned (3): completed projects are among those the contract plans.' }),
    ]);
    // Completed = planned is fine: every planned project done.
    await created(nanjing, nanjingContract({ projectsPlanned: 3, projectsCompleted: 3 }));
  });

  it("refuses to cover more workers than the enterprise employs, where the registry knows its workforce", async () => {
    const employees = nanjingEnterprise.employee_count;
    const over = await create(nanjing, nanjingContract({ workersCovered: employees + 1 }));
    expect(over.userErrors).toEqual([
      expect.objectContaining({ field: 'workersCovered', code: 'INVALID', message: expect.stringContaining(`enterprise's ${employees} employees`) }),
    ]);
    await created(nanjing, nanjingContract({ workersCovered: employees }));
    // Zilong's workforce is not recorded: no limit but the sane maximum.
    const contract = await created(admin, { enterpriseId: nodeId('Enterprise', zilong.id), signedOn: '2025-02-01', termMonths: 24, workersCovered: 150_000 });
    expect(contract).toMatchObject({ city: null, province: { code: '320000' }, workersCovered: 150_000 });
  });

  it('reports an unknown enterprise as NOT_FOUND, and an ID of another type as INVALID', async () => {
    const unknown = await create(admin, nanjingContract({ enterpriseId: nodeId('Enterprise', 99999999) }));
    expect(unknown.userErrors).toEqual([expect.objectContaining({ field: 'enterpriseId', code: 'NOT_FOUND' })]);
    const wrongType = await create(admin, nanjingContract({ enterpriseId: nodeId('City', NANJING) }));
    expect(wrongType.userErrors).toEqual([expect.objectContaining({ field: 'enterpriseId', code: 'INVALID', message: 'enterpriseId must be the ID of a Enterprise, not of a City.' })]);
  });

  it("refuses ANALYST and anonymous callers, and an editor writing another city's or a city-less enterprise's contract; nothing is written", async () => {
    const before = await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract');
    for (const key of [analyst, null]) {
      expect(await create(key, nanjingContract())).toEqual({ contract: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN', field: null })] });
    }
    const other = await create(nanjing, nanjingContract({ enterpriseId: nodeId('Enterprise', wuxiEnterprise.id) }));
    expect(other.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'cityCode' })]);
    const cityless = await create(nanjing, nanjingContract({ enterpriseId: nodeId('Enterprise', zilong.id) }));
    expect(cityless.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('no city') })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract')).toBe(before);
  });

  it('requires a new contract to state when it was signed, its term and the workers it covers, on every write path', async () => {
    // The create input declares them non-null; a bulk upsert row may leave them out (it may update a stored contract).
    const direct = await app.graphqlAs(nanjing, CREATE, { input: { enterpriseId: nodeId('Enterprise', nanjingEnterprise.id), termMonths: 36, workersCovered: 10 } });
    expect(direct.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(direct.errors?.[0].message).toMatch(/signedOn/);
    const before = await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract');
    const full = { enterpriseCreditCode: nanjingEnterprise.credit_code, signedOn: '2024-01-01', termMonths: 24, workersCovered: 10 };
    const { signedOn, termMonths, workersCovered, ...bare } = full;
    const rows = [
      { ...bare, externalId: 'REQ-0', termMonths, workersCovered },
      { ...bare, externalId: 'REQ-1', signedOn, workersCovered },
      { ...bare, externalId: 'REQ-2', signedOn, termMonths },
      { ...full, externalId: 'REQ-3' },
    ];
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: rows } });
    expect(res.data.upsertCollectiveInnovationContracts.applied).toBe(false);
    expect(res.data.upsertCollectiveInnovationContracts.rowErrors.map((e: any) => [e.index, e.field, e.code, e.message])).toEqual([
      [0, 'signedOn', 'INVALID', 'signedOn is required.'],
      [1, 'termMonths', 'INVALID', 'termMonths is required.'],
      [2, 'workersCovered', 'INVALID', 'workersCovered is required.'],
    ]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract')).toBe(before);
  });

  it("places a contract in a district of its enterprise's city, and refuses another city's district or an unknown one", async () => {
    const placed = await created(nanjing, nanjingContract({ districtCode: '320105' }));
    expect(placed).toMatchObject({ city: { code: NANJING }, district: { code: '320105' } });
    expect(await sqlRows(app, 'SELECT district_code FROM collective_innovation_contract WHERE id = $1', [rowId(placed.id)])).toEqual([{ district_code: '320105' }]);
    const before = await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract');
    const foreign = await create(nanjing, nanjingContract({ districtCode: '320205' }));
    expect(foreign).toEqual({ contract: null, userErrors: [expect.objectContaining({ field: 'districtCode', code: 'INVALID', message: expect.stringContaining(WUXI) })] });
    const unknown = await create(nanjing, nanjingContract({ districtCode: '320199' }));
    expect(unknown.userErrors).toEqual([expect.objectContaining({ field: 'districtCode', code: 'NOT_FOUND' })]);
    // Zilong has no city, so its contract has no district to lie in.
    const cityless = await create(admin, { enterpriseId: nodeId('Enterprise', zilong.id), signedOn: '2025-02-01', termMonths: 24, workersCovered: 10, districtCode: '320102' });
    expect(cityless.userErrors).toEqual([expect.objectContaining({ field: 'districtCode', code: 'INVALID' })]);
    expect(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract')).toBe(before);
  });

  it('lets ADMIN create a contract in any city', async () => {
    const contract = await created(admin, nanjingContract({ enterpriseId: nodeId('Enterprise', wuxiEnterprise.id), workersCovered: 1 }));
    expect(contract.city).toEqual({ code: WUXI });
  });
});

describe('updateCollectiveInnovationContract', () => {
  it('changes the given fields, bumps the version', async () => {
    const contract = await created(nanjing, nanjingContract({ projectsPlanned: 10, projectsCompleted: 2 }));
    const first = await app.graphqlAs(nanjing, UPDATE, { input: { id: contract.id, version: 1, projectsCompleted: 6, termMonths: 12 } });
    expect(first.data.updateCollectiveInnovationContract.collectiveInnovationContract).toMatchObject({ projectsCompleted: 6, termMonths: 12, expiresOn: '2025-02-28', version: 2 });
    const [row] = await sqlRows(app, 'SELECT projects_completed, version FROM collective_innovation_contract WHERE id = $1', [rowId(contract.id)]);
    expect(row).toEqual({ projects_completed: 6, version: 2 });
    const history = await app.graphql(`{ node(id: "${contract.id}") { ... on CollectiveInnovationContract { history { operation changedFields } } } }`);
    expect(history.data.node.history).toEqual([
      { operation: 'UPDATE', changedFields: ['projectsCompleted', 'termMonths'] },
      { operation: 'CREATE', changedFields: expect.arrayContaining(['enterpriseId', 'signedOn', 'workersCovered']) },
    ]);
  });

  it('checks the rules on the whole record: completed projects against the stored plan; neither the enterprise nor a stated count can be cleared', async () => {
    const contract = await created(nanjing, nanjingContract({ projectsPlanned: 5, projectsCompleted: 5 }));
    const fewer = await app.graphqlAs(nanjing, UPDATE, { input: { id: contract.id, version: 1, projectsPlanned: 4 } });
    expect(fewer.data.updateCollectiveInnovationContract.userErrors).toEqual([expect.objectContaining({ field: 'projectsCompleted', code: 'INVALID' })]);
    const noEnterprise = await app.graphqlAs(nanjing, UPDATE, { input: { id: contract.id, version: 1, enterpriseId: null } });
    expect(noEnterprise.data.updateCollectiveInnovationContract.userErrors).toEqual([expect.objectContaining({ field: 'enterpriseId', code: 'INVALID', message: 'enterpriseId is required.' })]);
    // A stored contract may lack a count its source never gave (the published ones do), but one it has cannot be wiped out.
    const cleared = await app.graphqlAs(nanjing, UPDATE, { input: { id: contract.id, version: 1, workersCovered: null } });
    expect(cleared.data.updateCollectiveInnovationContract.userErrors).toEqual([expect.objectContaining({ field: 'workersCovered', code: 'INVALID', message: 'workersCovered is required.' })]);
    expect(await sqlRows(app, 'SELECT workers_covered, version FROM collective_innovation_contract WHERE id = $1', [rowId(contract.id)])).toEqual([{ workers_covered: 120, version: 1 }]);
  });

  it('updates published contracts that do not say when they were signed or how many workers they cover, keeping those unknown', async () => {
    const [zilongContract] = await sqlRows(
      app,
      `SELECT id, version, projects_planned FROM collective_innovation_contract WHERE enterprise_id = $1 AND signed_on IS NULL AND NOT is_sample`,
      [zilong.id],
    );
    const id = nodeId('CollectiveInnovationContract', zilongContract.id);
    const tooMany = await app.graphqlAs(admin, UPDATE, { input: { id, version: zilongContract.version, projectsCompleted: zilongContract.projects_planned + 1 } });
    expect(tooMany.data.updateCollectiveInnovationContract.userErrors).toEqual([expect.objectContaining({ field: 'projectsCompleted', code: 'INVALID' })]);
    const res = await app.graphqlAs(admin, UPDATE, { input: { id, version: zilongContract.version, externalId: 'ZL-1', projectsCompleted: zilongContract.projects_planned } });
    expect(res.data.updateCollectiveInnovationContract.userErrors).toEqual([]);
    expect(res.data.updateCollectiveInnovationContract.collectiveInnovationContract).toMatchObject({
      signedOn: null, termMonths: null, expiresOn: null, workersCovered: null, projectsPlanned: zilongContract.projects_planned, projectsCompleted: zilongContract.projects_planned,
      externalId: 'ZL-1', version: zilongContract.version + 1, city: null, province: { code: '320000' }, enterprise: { id: nodeId('Enterprise', zilong.id) },
    });

    // A sample contract states nothing but its enterprise.
    const [sample] = await sqlRows(app, `SELECT id, version FROM collective_innovation_contract WHERE is_sample ORDER BY id LIMIT 1`);
    const sampleRes = await app.graphqlAs(admin, UPDATE, { input: { id: nodeId('CollectiveInnovationContract', sample.id), version: sample.version, externalId: 'SAMPLE-1' } });
    expect(sampleRes.data.updateCollectiveInnovationContract.userErrors).toEqual([]);
    expect(sampleRes.data.updateCollectiveInnovationContract.collectiveInnovationContract).toMatchObject({
      signedOn: null, termMonths: null, workersCovered: null, projectsPlanned: null, projectsCompleted: null, externalId: 'SAMPLE-1', version: sample.version + 1,
    });
    expect(await sqlRows(app, 'SELECT signed_on, term_months, workers_covered, external_id FROM collective_innovation_contract WHERE id = $1', [sample.id])).toEqual([
      { signed_on: null, term_months: null, workers_covered: null, external_id: 'SAMPLE-1' },
    ]);
  });

  it("refuses another city's contract with FORBIDDEN, and a move to another city's enterprise", async () => {
    const wuxiContract = await created(wuxi, nanjingContract({ enterpriseId: nodeId('Enterprise', wuxiEnterprise.id), workersCovered: 1 }));
    const res = await app.graphqlAs(nanjing, UPDATE, { input: { id: wuxiContract.id, version: 1, workersCovered: 0 } });
    expect(res.data.updateCollectiveInnovationContract.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'id' })]);
    const own = await created(nanjing, nanjingContract());
    const moved = await app.graphqlAs(nanjing, UPDATE, { input: { id: own.id, version: 1, enterpriseId: nodeId('Enterprise', wuxiEnterprise.id), workersCovered: 1 } });
    expect(moved.data.updateCollectiveInnovationContract.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: 'cityCode' })]);
    const analystRes = await app.graphqlAs(analyst, UPDATE, { input: { id: own.id, version: 1, workersCovered: 1 } });
    expect(analystRes.data.updateCollectiveInnovationContract.userErrors[0].code).toBe('FORBIDDEN');
  });
});

describe('archive and restore', () => {
  it('hides an archived contract from lists, child lists and stats; keeps it reachable by node; restores it', async () => {
    const contract = await created(nanjing, nanjingContract({ workersCovered: 77, projectsPlanned: 3 }));
    const totals = async (status = 'ACTIVE') => {
      const filter = `archiveStatus: ${status}`;
      const res = await app.graphql(`{
        collectiveContracts(filter: { cityCode: "${NANJING}", ${filter} }) { totalCount }
        collectiveContractStats(groupBy: [], filter: { cityCode: "${NANJING}", ${filter} }) { count workersCovered projectsPlanned }
        city(code: "${NANJING}") { collectiveContracts(filter: { ${filter} }) { totalCount } }
        enterprise(creditCode: "${nanjingEnterprise.credit_code}") { collectiveContracts(filter: { ${filter} }) { totalCount } } }`);
      expect(res.errors).toBeUndefined();
      const [stats] = res.data.collectiveContractStats;
      return [res.data.collectiveContracts.totalCount, stats.count, stats.workersCovered, stats.projectsPlanned, res.data.city.collectiveContracts.totalCount, res.data.enterprise.collectiveContracts.totalCount];
    };
    const active = await totals();
    const archived = await app.graphqlAs(nanjing, ARCHIVE, { input: { id: contract.id, version: 1 } });
    expect(archived.data.archiveCollectiveInnovationContract.collectiveInnovationContract).toMatchObject({ version: 2, archivedAt: expect.any(String) });
    const [count, statsCount, workers, planned, cityCount, enterpriseCount] = active;
    expect(await totals()).toEqual([count - 1, statsCount - 1, workers - 77, planned - 3, cityCount - 1, enterpriseCount - 1]);
    expect(await totals('ARCHIVED')).toEqual([1, 1, 77, 3, 1, 1]);
    const node = await app.graphql(`{ node(id: "${contract.id}") { ... on CollectiveInnovationContract { workersCovered archivedAt } } }`);
    expect(node.data.node).toMatchObject({ workersCovered: 77, archivedAt: expect.any(String) });
    const restored = await app.graphqlAs(nanjing, RESTORE, { input: { id: contract.id, version: 2 } });
    expect(restored.data.restoreCollectiveInnovationContract.collectiveInnovationContract).toMatchObject({ archivedAt: null, version: 3 });
    expect(await totals()).toEqual(active);
    const operations = await sqlRows(app, `SELECT operation FROM audit_entry WHERE record_type = 'CollectiveInnovationContract' AND record_id = $1 ORDER BY id`, [rowId(contract.id)]);
    expect(operations.map((o) => o.operation)).toEqual(['CREATE', 'ARCHIVE', 'RESTORE']);
  });

  it("refuses to archive another city's contract, and ANALYST and anonymous callers; ADMIN may", async () => {
    const contract = await created(wuxi, nanjingContract({ enterpriseId: nodeId('Enterprise', wuxiEnterprise.id), workersCovered: 1 }));
    for (const key of [nanjing, analyst, null]) {
      const res = await as(key, ARCHIVE, { input: { id: contract.id } });
      expect(res.data.archiveCollectiveInnovationContract).toEqual({ collectiveInnovationContract: null, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    }
    const byAdmin = await app.graphqlAs(admin, ARCHIVE, { input: { id: contract.id } });
    expect(byAdmin.data.archiveCollectiveInnovationContract.userErrors).toEqual([]);
  });
});

describe('upsertCollectiveInnovationContracts', () => {
  const records = (n: number, tag: string): Array<Record<string, unknown>> =>
    Array.from({ length: n }, (_, i) => ({ externalId: `${tag}-${i}`, enterpriseCreditCode: nanjingEnterprise.credit_code, signedOn: '2023-06-01', termMonths: 24, workersCovered: 10 + i, projectsPlanned: 4 }));

  it('creates, then updates only what changed, then replays by idempotency key', async () => {
    const audit = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
    const first = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(3, 'UP') } });
    expect(first.data.upsertCollectiveInnovationContracts).toMatchObject({ applied: true, created: 3, updated: 0, unchanged: 0, rowErrors: [], userErrors: [] });
    const changed = records(3, 'UP');
    changed[0].projectsCompleted = 2;
    const second = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'contracts-1' } });
    expect(second.data.upsertCollectiveInnovationContracts).toMatchObject({ applied: true, created: 0, updated: 1, unchanged: 2, replayed: false });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 4);
    const replay = await app.graphqlAs(nanjing, UPSERT, { input: { records: changed, idempotencyKey: 'contracts-1' } });
    expect(replay.data.upsertCollectiveInnovationContracts).toMatchObject({ applied: true, updated: 1, replayed: true });
    expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(audit + 4);
    const reused = await app.graphqlAs(nanjing, UPSERT, { input: { records: records(2, 'UP'), idempotencyKey: 'contracts-1' } });
    expect(reused.data.upsertCollectiveInnovationContracts.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    const byExternalId = await app.graphql(`{ collectiveContracts(filter: { cityCode: "${NANJING}", externalId: "UP-0" }) { nodes { projectsCompleted city { code } } } }`);
    expect(byExternalId.data.collectiveContracts.nodes).toEqual([{ projectsCompleted: 2, city: { code: NANJING } }]);
  });

  it('applies nothing when some rows are bad, and reports every bad row', async () => {
    const rows = records(30, 'BAD');
    rows[1].termMonths = 0;
    rows[4].projectsCompleted = 5;
    rows[8].enterpriseCreditCode = UNKNOWN_CREDIT_CODE;
    rows[11].workersCovered = nanjingEnterprise.employee_count + 1;
    delete rows[20].signedOn;
    rows[25].enterpriseId = nodeId('Enterprise', nanjingEnterprise.id);
    delete rows[28].enterpriseCreditCode;
    const before = await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract');
    const res = await app.graphqlAs(nanjing, UPSERT, { input: { records: rows } });
    const payload = res.data.upsertCollectiveInnovationContracts;
    expect(payload.applied).toBe(false);
    expect(payload.rowErrors.map((e: any) => [e.index, e.field, e.code])).toEqual([
      [1, 'termMonths', 'INVALID'],
      [4, 'projectsCompleted', 'INVALID'],
      [8, 'enterpriseCreditCode', 'NOT_FOUND'],
      [11, 'workersCovered', 'INVALID'],
      [20, 'signedOn', 'INVALID'],
      [25, 'enterpriseCreditCode', 'INVALID'],
      [28, 'enterpriseId', 'INVALID'],
    ]);
    expect(payload.rowErrors[5].message).toBe('Give only one of enterpriseId, enterpriseExternalId, enterpriseCreditCode.');
    expect(payload.rowErrors[6].message).toBe('enterpriseId is required.');
    expect(await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract')).toBe(before);
  });

  it("keeps editors to their own city's records, requires a city of ADMIN, and refuses ANALYST and anonymous callers", async () => {
    const foreign = await app.graphqlAs(nanjing, UPSERT, { input: { records: [{ ...records(1, 'X')[0], enterpriseCreditCode: wuxiEnterprise.credit_code, cityCode: WUXI, workersCovered: 1 }] } });
    expect(foreign.data.upsertCollectiveInnovationContracts.rowErrors).toEqual([expect.objectContaining({ index: 0, code: 'FORBIDDEN' })]);
    const adminNoCity = await app.graphqlAs(admin, UPSERT, { input: { records: records(1, 'A') } });
    expect(adminNoCity.data.upsertCollectiveInnovationContracts.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'cityCode', code: 'INVALID' })]);
    const adminWithCity = await app.graphqlAs(admin, UPSERT, { input: { records: records(1, 'A').map((r) => ({ ...r, cityCode: NANJING })) } });
    expect(adminWithCity.data.upsertCollectiveInnovationContracts).toMatchObject({ applied: true, created: 1 });
    for (const key of [analyst, null]) {
      const refused = await as(key, UPSERT, { input: { records: records(1, 'AN') } });
      expect(refused.data.upsertCollectiveInnovationContracts).toMatchObject({ applied: false, userErrors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
    }
  });
});
