/**
 * The write contract every writable registry type keeps, tried on each type the modules declare
 * (their examples: test/setup/record-examples.ts): a created record is version 1 with one audit entry;
 * an update names the version it read, and a stale one is a CONFLICT that changes nothing; of two
 * concurrent updates of one version exactly one wins; an archived record leaves its list and counts
 * but stays reachable, and comes back when restored; a bulk upsert replayed with its idempotency key
 * answers the first result without applying twice. Who may write is the role matrix's
 * (test/auth/role-matrix.int.spec.ts); each type's own rules are in its <type>-writes suite.
 */
import { sqlNumber, sqlRows } from '../setup/queries';
import { fillExampleContext, writableTypes, type ExampleContext } from '../setup/record-examples';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';


let app: TestApp;
let admin: string;
const context: ExampleContext = { enterpriseId: '', sourceId: '', skillCompetitionId: '' };

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  await fillExampleContext(app, context);
});
afterAll(() => app.close());

async function asAdmin(query: string, variables: Record<string, unknown>) {
  const res = await app.graphqlAs(admin, query, variables);
  expect(res.errors).toBeUndefined();
  return Object.values(res.data as Record<string, any>)[0];
}

const rowIdOf = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

describe.each(writableTypes(context).map((t) => [t.name, t] as const))('%s', (_, type) => {
  const m = recordMutations(type.name, type.payload, 'id version archivedAt', type.upsert);
  const audited = (id: number) => sqlNumber(app, 'SELECT count(*) FROM audit_entry WHERE record_type = $1 AND record_id = $2', [type.name, id]);
  const create = async () => {
    const created = await asAdmin(m.CREATE, { input: type.create() });
    expect(created.userErrors).toEqual([]);
    return created[type.payload] as { id: string; version: number; archivedAt: string | null };
  };

  it('creates a record at version 1 with one audit entry, reachable by node(id:)', async () => {
    const record = await create();
    expect(record).toMatchObject({ version: 1, archivedAt: null });
    expect(await audited(rowIdOf(record.id))).toBe(1);
    const found = await app.graphqlAs(admin, `query ($id: ID!) { node(id: $id) { __typename id } }`, { id: record.id });
    expect(found.data.node).toEqual({ __typename: type.name, id: record.id });
  });

  it('updates only the version it was read at: a stale version is a CONFLICT naming the current one, and changes nothing', async () => {
    const record = await create();
    const first = await asAdmin(m.UPDATE, { input: { id: record.id, version: 1, ...type.change() } });
    expect(first.userErrors).toEqual([]);
    expect(first[type.payload].version).toBe(2);
    const stale = await asAdmin(m.UPDATE, { input: { id: record.id, version: 1, ...type.change() } });
    expect(stale[type.payload]).toBeNull();
    expect(stale.userErrors).toEqual([expect.objectContaining({ field: 'version', code: 'CONFLICT', currentVersion: 2 })]);
    const [row] = await sqlRows(app, `SELECT version FROM ${type.table} WHERE id = $1`, [rowIdOf(record.id)]);
    expect(row.version).toBe(2);
    expect(await audited(rowIdOf(record.id))).toBe(2);
  });

  it('lets exactly one of six concurrent updates of the same version win', async () => {
    const record = await create();
    const results = await Promise.all(Array.from({ length: 6 }, () => asAdmin(m.UPDATE, { input: { id: record.id, version: 1, ...type.change() } })));
    const outcomes = results.map((r) => (r.userErrors.length ? r.userErrors[0].code : 'OK'));
    expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'CONFLICT')).toHaveLength(5);
    expect(await audited(rowIdOf(record.id))).toBe(2);
  });

  if (type.listField) {
    it('archives a record out of its list and counts, keeps it reachable, and restores it', async () => {
      const record = await create();
      const count = async () => (await asAdmin(`{ list: ${type.listField} { totalCount } }`, {})).totalCount as number;
      const before = await count();
      const archived = await asAdmin(m.ARCHIVE, { input: { id: record.id } });
      expect(archived.userErrors).toEqual([]);
      expect(archived[type.payload]).toMatchObject({ version: 2, archivedAt: expect.any(String) });
      expect(await count()).toBe(before - 1);
      const found = await app.graphqlAs(admin, `query ($id: ID!) { node(id: $id) { ... on RegistryRecord { archivedAt } } }`, { id: record.id });
      expect(found.data.node.archivedAt).toEqual(expect.any(String));
      const restored = await asAdmin(m.RESTORE, { input: { id: record.id } });
      expect(restored[type.payload]).toMatchObject({ version: 3, archivedAt: null });
      expect(await count()).toBe(before);
    });
  }

  if (type.upsert) {
    it('applies a bulk upsert once: replayed with its idempotency key, it answers the first result and writes nothing more', async () => {
      const { cityCode, ...fields } = type.create();
      const externalId = `CONTRACT-${type.name}-${Date.now()}`;
      const input = { records: [{ ...fields, cityCode, externalId }], idempotencyKey: `contract-${externalId}` };
      const first = await asAdmin(m.UPSERT, { input });
      expect(first).toMatchObject({ applied: true, replayed: false, created: 1 });
      const auditBefore = await sqlNumber(app, 'SELECT count(*) FROM audit_entry');
      const again = await asAdmin(m.UPSERT, { input });
      expect(again).toMatchObject({ applied: true, replayed: true, created: 1 });
      expect(again.records).toEqual(first.records);
      expect(await sqlNumber(app, `SELECT count(*) FROM ${type.table} WHERE external_id = $1`, [externalId])).toBe(1);
      expect(await sqlNumber(app, 'SELECT count(*) FROM audit_entry')).toBe(auditBefore);
    });
  }
});
