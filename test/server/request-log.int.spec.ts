/**
 * The request log: exactly one JSON line per API request (/graphql, /export, /import) with its id,
 * key, role, operation, duration, SQL statements, cost, status and error codes, and nothing a
 * client sent as a value: no variables, no query text or query string, no personal data.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { nationalIdCheckCharacter } from '../../src/common/national-id';
import { startTestApp, type TestApp } from '../setup/test-app';

const FIELDS = ['apiKeyId', 'durationMs', 'errorCodes', 'level', 'method', 'msg', 'operationName', 'path', 'queryCost', 'requestId', 'role', 'sqlStatements', 'status', 'time', 'traceId'];

/** Everything the app logged, as written. */
const written: string[] = [];
let app: TestApp;
let analyst: { key: string; id: number };
let nanjing: { key: string; id: number };
let admin: string;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  app = await startTestApp({ logger: pino({ level: 'info', base: undefined }, sink) });
  analyst = await app.createKey('ANALYST');
  nanjing = await app.createKey('CITY_EDITOR', '320100');
  admin = (await app.createKey('ADMIN')).key;
});
afterAll(() => app.close());

/** The request lines of one request id (the line is written when the response has gone, so wait for it). */
async function linesOf(requestId: string): Promise<Array<Record<string, any>>> {
  const find = () => written.map((text) => JSON.parse(text)).filter((line) => line.msg === 'request' && line.requestId === requestId);
  for (let i = 0; i < 50 && find().length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return find();
}

function graphql(requestId: string, body: Record<string, unknown>, key?: string) {
  const req = request(app.app).post('/graphql').set('content-type', 'application/json').set('x-request-id', requestId);
  if (key) req.set('authorization', `Bearer ${key}`);
  return req.send(body);
}

describe('one line per request', () => {
  it('names the request, the key and its role, the operation, its SQL statements, cost, status and duration', async () => {
    const res = await graphql('log-graphql-1', {
      query: 'query NanjingStudios($city: DivisionCode!) { innovationStudios(first: 3, filter: { cityCode: $city }) { totalCount nodes { name enterprise { name } } } }',
      variables: { city: '320100' },
    }, analyst.key);
    expect(res.status).toBe(200);
    const lines = await linesOf('log-graphql-1');
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(Object.keys(line).sort()).toEqual(FIELDS);
    expect(line).toMatchObject({
      msg: 'request', level: 30, method: 'POST', path: '/graphql', status: 200, apiKeyId: analyst.id, role: 'ANALYST',
      operationName: 'NanjingStudios', sqlStatements: res.body.extensions.sqlStatements, queryCost: res.body.extensions.cost, errorCodes: [],
    });
    expect(line.sqlStatements).toBeGreaterThan(1);
    expect(line.queryCost).toBeGreaterThan(0);
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
    expect(res.headers['x-request-id']).toBe('log-graphql-1');
    expect(line.traceId).toBeNull();
  });

  it("names the caller's trace (its traceparent), for finding the request in a tracing UI, even with tracing off", async () => {
    await graphql('log-traced', { query: '{ provinces(first: 1) { totalCount } }' }).set('traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(await linesOf('log-traced')).toMatchObject([{ traceId: '4bf92f3577b34da6a3ce929d0e0e4736' }]);
  });

  it('gives a request without an id a new one, the same in the response and the log', async () => {
    const res = await request(app.app).post('/graphql').set('content-type', 'application/json').send({ query: '{ provinces(first: 1) { totalCount } }' });
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await linesOf(id)).toMatchObject([{ role: 'ANONYMOUS', apiKeyId: null, operationName: null, status: 200 }]);
  });

  it('lists the error codes of a refused or failed request with its status', async () => {
    await graphql('log-bad-key', { query: '{ provinces(first: 1) { totalCount } }' }, 'not-a-key');
    expect(await linesOf('log-bad-key')).toMatchObject([{ status: 401, role: null, apiKeyId: null, errorCodes: ['UNAUTHENTICATED'], sqlStatements: null }]);

    await graphql('log-bad-input', { query: 'query TooMany { innovationStudios(first: 1000) { totalCount } }' }, nanjing.key);
    const [badInput] = await linesOf('log-bad-input');
    expect(badInput).toMatchObject({ role: 'CITY_EDITOR', apiKeyId: nanjing.id, operationName: 'TooMany' });
    expect(badInput.errorCodes.length).toBeGreaterThan(0);
    expect(badInput.errorCodes.every((code: string) => /^[A-Z_]+$/.test(code))).toBe(true);

    await graphql('log-unknown-field', { query: '{ noSuchField }' });
    expect(await linesOf('log-unknown-field')).toMatchObject([{ status: 200, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] }]);

    // Refused by the HTTP layer before GraphQL: no query at all.
    const empty = await graphql('log-no-query', { variables: {} });
    expect(empty.status).toBe(400);
    expect(await linesOf('log-no-query')).toMatchObject([{ status: 400, errorCodes: [empty.body.errors[0].extensions.code] }]);
  });

  it('covers exports and imports, by path without the query string', async () => {
    const exported = await request(app.app).get('/export/innovation-studios.csv?cityCode=320100&nameContains=秦淮').set('x-request-id', 'log-export');
    expect(exported.status).toBe(200);
    const [line] = await linesOf('log-export');
    expect(line).toMatchObject({ method: 'GET', path: '/export/innovation-studios.csv', status: 200, role: 'ANONYMOUS' });
    expect(JSON.stringify(line)).not.toMatch(/cityCode|秦淮/);

    const refused = await request(app.app).get('/export/innovation-studios.csv?cityCode=999999').set('x-request-id', 'log-export-400');
    expect(refused.status).toBe(400);
    expect(await linesOf('log-export-400')).toMatchObject([{ status: 400, errorCodes: ['BAD_USER_INPUT'] }]);

    const imported = await request(app.app).post('/import/craftsmen').set('authorization', `Bearer ${nanjing.key}`)
      .set('content-type', 'text/csv').set('x-request-id', 'log-import').send('externalId,name,level,status,cityCode\r\nLOG-1,测试工匠,MUNICIPAL,CANDIDATE,320100\r\n');
    expect(imported.status).toBe(200);
    const [importLine] = await linesOf('log-import');
    expect(importLine).toMatchObject({ method: 'POST', path: '/import/craftsmen', status: 200, role: 'CITY_EDITOR', apiKeyId: nanjing.id, errorCodes: [] });
    expect(importLine.sqlStatements).toBeGreaterThan(0);
  });

  it('lists the code of a refusal written outside GraphQL, whose body carries the same request id', async () => {
    const post = (path: string, type: string) => request(app.app).post(path).set('content-type', type);
    // An import is answered for a caller who may import (anyone else gets 401 or 403 before the body is looked at).
    const postAsEditor = (path: string, type: string) => post(path, type).set('authorization', `Bearer ${nanjing.key}`);
    const refusals: Array<[string, request.Test, string, number, string]> = [
      ['log-import-404', post('/import/widgets', 'text/csv'), 'externalId\r\n', 404, 'NOT_FOUND'],
      ['log-import-415', postAsEditor('/import/craftsmen', 'application/json'), '{}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['log-import-400', postAsEditor('/import/craftsmen', 'text/csv'), '', 400, 'BAD_REQUEST'],
      ['log-export-404', request(app.app).get('/export/nothing.csv'), '', 404, 'NOT_FOUND'],
      ['log-graphql-415', post('/graphql', 'text/plain'), '{}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['log-graphql-json', post('/graphql', 'application/json'), '{"query": ', 400, 'BAD_REQUEST'],
    ];
    for (const [requestId, req, body, status, code] of refusals) {
      const res = await req.set('x-request-id', requestId).send(body);
      expect([res.status, res.body.errors[0].extensions.code, res.body.extensions.requestId]).toEqual([status, code, requestId]);
      expect(await linesOf(requestId)).toMatchObject([{ status, errorCodes: [code] }]);
    }
  });
});

describe('no personal data', () => {
  const idNumber = (first17: string) => first17 + nationalIdCheckCharacter(first17);
  const ID_NUMBER = idNumber('32010219800101571');
  const OTHER_ID = idNumber('32010219790202233');
  const CSV_ID = idNumber('32010219780303344');
  const PHONE = '13812345670';
  const NAME = '日志测试人';

  it('logs no national ID number, phone or name of a craftsman written through GraphQL or CSV', async () => {
    const create = 'mutation AddCraftsman($input: CreateCraftsmanInput!) { createCraftsman(input: $input) { craftsman { id nationalIdNumber } userErrors { code message } } }';
    const input = { name: NAME, level: 'MUNICIPAL', status: 'CANDIDATE', cityCode: '320100', nationalIdNumber: ID_NUMBER, phone: PHONE };
    const created = await graphql('log-pii-create', { query: create, variables: { input } }, admin);
    expect(created.body.data.createCraftsman).toMatchObject({ craftsman: { nationalIdNumber: ID_NUMBER }, userErrors: [] });
    // A refused one: its values are echoed to the caller, never to the log.
    const broken = ID_NUMBER.slice(0, 17) + (ID_NUMBER.endsWith('0') ? '1' : '0');
    const refused = await graphql('log-pii-refused', { query: create, variables: { input: { ...input, nationalIdNumber: broken, phone: '12345' } } }, admin);
    expect(refused.body.data.createCraftsman.userErrors.length).toBeGreaterThan(0);
    // One written inline in the query text rather than in variables.
    await graphql('log-pii-inline', { query: `mutation { createCraftsman(input: { name: "${NAME}", level: MUNICIPAL, status: CANDIDATE, cityCode: "320100", nationalIdNumber: "${OTHER_ID}", phone: "${PHONE}" }) { userErrors { code } } }` }, admin);
    const imported = await request(app.app).post('/import/craftsmen').set('authorization', `Bearer ${nanjing.key}`).set('content-type', 'text/csv').set('x-request-id', 'log-pii-csv')
      .send(`externalId,name,level,status,cityCode,nationalIdNumber,phone\r\nLOG-P1,${NAME},MUNICIPAL,CANDIDATE,320100,${CSV_ID},${PHONE}\r\n`);
    expect(imported.status).toBe(200);
    // And read back by a caller who may see it.
    await graphql('log-pii-read', { query: `query { craftsmen(first: 100, filter: { cityCode: "320100" }) { nodes { name nationalIdNumber phone } } }` }, admin);

    for (const id of ['log-pii-create', 'log-pii-refused', 'log-pii-inline', 'log-pii-csv', 'log-pii-read']) expect(await linesOf(id)).toHaveLength(1);
    const everything = written.join('');
    for (const value of [ID_NUMBER, OTHER_ID, CSV_ID, broken, PHONE, NAME]) expect(everything).not.toContain(value);
  });
});
