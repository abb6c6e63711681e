/**
 * Global IDs that decode but whose key no row can have (not a number, zero, negative, past PostgreSQL's
 * integer range) sent to every write that takes an ID: create (a reference), update, archive, restore,
 * bulk upsert and CSV import. Finding 6 of issue 16: these reached SQL and came back INTERNAL (HTTP 500
 * on import), with the client's value in the log. Each is now an INVALID user error naming the field,
 * found before the write's transaction opens, and nothing of the value is logged.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

let app: TestApp;
let admin: string;
let nanjing: string;
let enterprise: { id: number; credit_code: string };
let studio: { id: number; version: number };
const logLines: string[] = [];

/** Keys no row id can be; the letters mark them so the log can be searched for them. */
const BAD_KEYS = {
  'not a number': 'qzxmark',
  'past 2³¹': '2147483648',
  'past 2⁶³': '99999999999999999999',
  zero: '0',
  negative: '-7',
  'a float': '1.5e3',
};

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await startTestApp({ logger: pino({ level: 'info' }, sink) });
  admin = (await app.createKey('ADMIN')).key;
  nanjing = (await app.createKey('CITY_EDITOR', '320100')).key;
  [enterprise] = await testEnterprises((text, params) => app.dataSource.query(text, params), '320100');
  [studio] = await sqlRows(app, `INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code) VALUES ('ID 测试工作室', 'EMPLOYEE', $1, '320000', '320100') RETURNING id, version`, [enterprise.id]);
});
afterAll(() => app.close());

const studios = recordMutations('InnovationStudio', 'innovationStudio', 'id', 'upsertInnovationStudios');
const academies = recordMutations('CraftsmanAcademy', 'craftsmanAcademy', 'id', 'upsertCraftsmanAcademies');

const cases = Object.entries(BAD_KEYS);

describe.each(cases)('a key that is %s', (_case, key) => {
  const studioId = () => toGlobalId('InnovationStudio', key);

  it.each([
    ['updateInnovationStudio', () => ({ query: studios.UPDATE, input: { id: studioId(), version: 1, name: '改名' } })],
    ['archiveInnovationStudio', () => ({ query: studios.ARCHIVE, input: { id: studioId() } })],
    ['restoreInnovationStudio', () => ({ query: studios.RESTORE, input: { id: studioId() } })],
  ])('%s: INVALID on id, before any SQL', async (mutation, make) => {
    const { query, input } = make();
    const res = await app.graphqlAs(nanjing, query, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data[mutation].userErrors).toEqual([expect.objectContaining({ field: 'id', code: 'INVALID' })]);
    // Refused before the write's transaction: no BEGIN, no statement at all.
    expect(res.extensions.sqlStatements).toBe(0);
  });

  it('createInnovationStudio: INVALID on enterpriseId, and on leadCraftsmanId', async () => {
    const res = await app.graphqlAs(nanjing, studios.CREATE, {
      input: { name: 'ID 测试', kind: 'EMPLOYEE', enterpriseId: toGlobalId('Enterprise', key), leadCraftsmanId: toGlobalId('Craftsman', key) },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.createInnovationStudio.userErrors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'enterpriseId', code: 'INVALID' }), expect.objectContaining({ field: 'leadCraftsmanId', code: 'INVALID' })]),
    );
  });

  it('updateInnovationStudio of a real studio: INVALID on leadCraftsmanId', async () => {
    const res = await app.graphqlAs(nanjing, studios.UPDATE, { input: { id: nodeId('InnovationStudio', studio.id), version: studio.version, leadCraftsmanId: toGlobalId('Craftsman', key) } });
    expect(res.errors).toBeUndefined();
    expect(res.data.updateInnovationStudio.userErrors).toEqual([expect.objectContaining({ field: 'leadCraftsmanId', code: 'INVALID' })]);
  });

  it('upsertCraftsmanAcademies: a row error on sourceId, nothing applied', async () => {
    const res = await app.graphqlAs(admin, academies.UPSERT, {
      input: { records: [{ externalId: `ID-${key}`, name: 'ID 测试学院', level: 'MUNICIPAL', cityCode: '320100', sourceId: toGlobalId('Source', key) }] },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.upsertCraftsmanAcademies).toMatchObject({ applied: false, rowErrors: [expect.objectContaining({ index: 0, field: 'sourceId', code: 'INVALID' })] });
  });

  it('a CSV import: 422 with the row error, not 500', async () => {
    const res = await request(app.app).post('/import/craftsman-academies').set('authorization', `Bearer ${admin}`).set('content-type', 'text/csv')
      .send(`externalId,name,level,cityCode,sourceId\r\nCSV-ID-1,ID 测试学院,MUNICIPAL,320100,${toGlobalId('Source', key)}\r\n`);
    expect(res.status).toBe(422);
    expect(res.body.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'sourceId', code: 'INVALID' })]);
  });
});

it('wrote nothing, logged no error and none of the values sent', async () => {
  expect(await sqlNumber(app, `SELECT count(*) FROM innovation_studio WHERE name LIKE 'ID 测试%' AND id <> $1`, [studio.id])).toBe(0);
  expect(await sqlNumber(app, `SELECT count(*) FROM craftsman_academy WHERE name = 'ID 测试学院'`)).toBe(0);
  const log = logLines.join('');
  expect(log).not.toContain('"level":50');
  expect(log).not.toContain('INTERNAL');
  for (const key of Object.values(BAD_KEYS).filter((k) => k.length > 3)) expect(log).not.toContain(key);
});
