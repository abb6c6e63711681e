/**
 * One refused or failed root field leaves its siblings' data (the GraphQL working group's guidance: root fields
 * nullable): a page that asks for several things at once still shows what it may see.
 */
import request from 'supertest';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('answers cities and refuses only the audit log, with its path and code, without a key', async () => {
  const res = await request(app.app).post('/graphql').set('content-type', 'application/json').send({ query: '{ cities(first: 1) { totalCount } auditLog(first: 1) { totalCount } }' });
  expect(res.status).toBe(200);
  expect(res.body.data.cities.totalCount).toBeGreaterThan(300);
  expect(res.body.data.auditLog).toBeNull();
  expect(res.body.errors).toEqual([expect.objectContaining({ path: ['auditLog'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
});

it('keeps every root field of the schema nullable but the node lists', async () => {
  const res = await app.graphql('{ __type(name: "Query") { fields { name type { kind } } } }');
  const nonNull = res.data.__type.fields.filter((f: { type: { kind: string } }) => f.type.kind === 'NON_NULL').map((f: { name: string }) => f.name);
  expect(nonNull).toEqual([]);
});
