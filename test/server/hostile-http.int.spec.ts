/**
 * Hostile HTTP: malformed JSON and GraphQL, wrong content types, bodies of the wrong shape,
 * oversized bodies, unknown routes. Each is a 4xx with a JSON `{ errors }` body whose error has a
 * stable code, and the request id both in the x-request-id header and in extensions.requestId.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Serving } from '../../src/server/serving';
import { gql } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** A refusal (4xx, or 200 without data for a GraphQL request error to an application/json client): a JSON error body with this code and the request id in both places; returns the error. */
function expectRefusal(res: request.Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.text);
  expect(body.errors[0].extensions.code).toBe(code);
  expect(body.errors[0].extensions.stacktrace).toBeUndefined();
  expect(res.headers['x-request-id']).toBeTruthy();
  expect(body.extensions.requestId).toBe(res.headers['x-request-id']);
  return body.errors[0] as { message: string; extensions: Record<string, unknown> };
}

const raw = (type: string | null, body: string | Buffer) => {
  const req = request(app.app).post('/graphql');
  if (type) req.set('content-type', type);
  return req.send(body);
};

describe('malformed bodies', () => {
  it.each([
    ['broken JSON', '{"query": "{ __typename }"'],
    ['a JSON string', '"{ __typename }"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['not JSON at all', 'query { __typename }'],
  ])('%s is 400 BAD_REQUEST', async (_label, body) => {
    const error = expectRefusal(await raw('application/json', body), 400, 'BAD_REQUEST');
    expect(error.message.length).toBeLessThan(300);
  });

  it.each([
    ['no query', {}],
    ['a query that is a number', { query: 42 }],
    ['a query that is an object', { query: { a: 1 } }],
    ['variables that are a string', { query: '{ __typename }', variables: '{"a":1}' }],
    ['variables that are a list', { query: '{ __typename }', variables: [1] }],
    ['an operation name that is a number', { query: '{ __typename }', operationName: 7 }],
    ['an empty batch', []],
  ])('%s is 400 BAD_REQUEST', async (_label, body) => {
    expectRefusal(await raw('application/json', JSON.stringify(body)), 400, 'BAD_REQUEST');
  });

  it('an empty POST is 400 BAD_REQUEST', async () => {
    expectRefusal(await request(app.app).post('/graphql').set('content-type', 'application/json'), 400, 'BAD_REQUEST');
  });

  it.each([
    ['a syntax error', '{ provinces { totalCount }'],
    ['a stray character', '{ provinces ] }'],
    ['an unterminated string', '{ city(code: "3201'],
    ['an invalid escape', '{ city(code: "\\ud800") { name } }'],
    ['NUL in the text', '{ __typename \u0000 }'],
  ])('GraphQL with %s is GRAPHQL_PARSE_FAILED, 200 with no data for an application/json client', async (_label, query) => {
    expectRefusal(await raw('application/json', JSON.stringify({ query })), 200, 'GRAPHQL_PARSE_FAILED');
  });

  it('an operation name that is not in the document is OPERATION_RESOLUTION_FAILURE (a request error: 200 for application/json)', async () => {
    expectRefusal(await raw('application/json', JSON.stringify({ query: 'query A { __typename }', operationName: 'B' })), 200, 'OPERATION_RESOLUTION_FAILURE');
  });
});

describe('content types', () => {
  it.each([
    ['text/plain', '{"query":"{ __typename }"}'],
    ['application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ __typename }\r\n--x--\r\n'],
    ['application/graphql', '{ __typename }'],
    ['application/xml', '<query/>'],
  ])('%s is 415 UNSUPPORTED_MEDIA_TYPE', async (type, body) => {
    const error = expectRefusal(await raw(type, body), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toMatch(/^Send GraphQL requests as Content-Type: application\/json/);
  });

  it('no content type is 415 too', async () => {
    expectRefusal(await raw(null, Buffer.from('{"query":"{ __typename }"}')), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('JSON in a charset other than UTF-8 is 415', async () => {
    expectRefusal(await raw('application/json; charset=latin-9000', '{"query":"{ __typename }"}'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('JSON with charset=utf-8 is fine', async () => {
    const res = await raw('application/json; charset=utf-8', '{"query":"{ __typename }"}');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('sizes', () => {
  it('a body over 1 MB is 413 PAYLOAD_TOO_LARGE', async () => {
    const variables = { filler: 'x'.repeat(1_100_000) };
    const error = expectRefusal(await raw('application/json', JSON.stringify({ query: '{ __typename }', variables })), 413, 'PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/larger than .*1 MB/);
  });

  it('a query of almost 1 MB stops at the token limit, without parsing it all', async () => {
    const query = `{ ${'__typename '.repeat(90_000)} }`;
    const error = expectRefusal(await raw('application/json', JSON.stringify({ query })), 200, 'QUERY_TOO_COMPLEX');
    expect(error.extensions.limit).toBe('tokens');
  });

  it('a GET whose URL is over the 16 KB of headers is 431 HEADERS_TOO_LARGE, answered and not reset, by the server as npm start serves', async () => {
    // Node's parser refuses it before the app: the server's own clientError answer (src/server/serving.ts), so the real server.
    const serving = new Serving();
    await serving.listen(0, '127.0.0.1');
    serving.serve(app.app);
    try {
      const { port } = serving.server.address() as AddressInfo;
      const url = `http://127.0.0.1:${port}/graphql?query=${encodeURIComponent(`{ ${'__typename '.repeat(6000)} }`)}`;
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get(url, { agent: false }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        }).on('error', reject);
      });
      expect(answer.status).toBe(431);
      const [error] = JSON.parse(answer.body).errors;
      expect(error.extensions).toMatchObject({ code: 'HEADERS_TOO_LARGE', englishMessage: expect.stringMatching(/over 16 KB/) });
      expect(error.message).toMatch(/^请求头或网址过长/);
    } finally {
      await serving.close();
    }
  });
});

describe('methods and routes', () => {
  it('an unknown route is a JSON 404 NOT_FOUND', async () => {
    const error = expectRefusal(await request(app.app).get('/etc/passwd'), 404, 'NOT_FOUND');
    expect(error.message).toMatch(/the API is at \/graphql/);
    expectRefusal(await request(app.app).post('/nothing-here').send({}), 404, 'NOT_FOUND');
  });

  it('PUT /graphql is refused with 405', async () => {
    expectRefusal(await request(app.app).put('/graphql').set('content-type', 'application/json').send('{"query":"{ __typename }"}'), 405, 'BAD_REQUEST');
  });

  it('a GET without a query is 400 BAD_REQUEST', async () => {
    expectRefusal(await request(app.app).get('/graphql').set('accept', 'application/json'), 400, 'BAD_REQUEST');
  });

  it('a mutation over GET is 405', async () => {
    const res = await request(app.app).get('/graphql').query({ query: 'mutation { revokeApiKey(input: { id: "x" }) { __typename } }' }).set('accept', 'application/json');
    expectRefusal(res, 405, 'BAD_REQUEST');
  });
});

describe('request ids', () => {
  it('a hostile incoming x-request-id is cut, never echoed whole', async () => {
    const res = await request(app.app).post('/graphql').set('x-request-id', 'a'.repeat(10_000)).send({ query: '{ __typename }' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toHaveLength(100);
  });

  it('every other route answers with one too', async () => {
    for (const path of ['/healthz', '/graphiql/examples.json', '/dashboard']) {
      expect((await request(app.app).get(path)).headers['x-request-id']).toBeTruthy();
    }
  });
});

describe('afterwards', () => {
  it('the server still answers a normal query', async () => {
    expect((await gql(app, '{ province(code: "320000") { name } }')).province.name).toBe('江苏');
  });
});
