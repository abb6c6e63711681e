/**
 * OpenTelemetry, on the server as `npm start` runs it, configured by the standard OTEL_* variables only, its
 * spans received by an OTLP collector in this process (OTLP/HTTP, JSON): a request that comes with a W3C
 * `traceparent` is traced as HTTP → GraphQL (parse, validate, execute) → SQL under the caller's trace, no
 * span carries a value the caller sent, the request log line has the trace id, and an export is traced too.
 * Without the variables the server starts no tracing at all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpRequest, startServer, stopServers, waitFor, waitReady, type Running } from '../setup/server-process';
import { createTestDatabase } from '../setup/test-app';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  service: unknown;
}

let database: { url: string; drop: () => Promise<void> };
let collector: Server;
let server: Running;
const spans: ReceivedSpan[] = [];
const requests: Array<{ path: string; type: string | undefined }> = [];

/** OTLP/JSON's attribute list as a plain object. */
const attributesOf = (list: Array<{ key: string; value: Record<string, unknown> }> = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, Object.values(value)[0]]));

beforeAll(async () => {
  database = await createTestDatabase();
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', type: req.headers['content-type'] });
      const payload = JSON.parse(body) as { resourceSpans: Array<{ resource: { attributes: never }; scopeSpans: Array<{ spans: Array<Record<string, any>> }> }> };
      for (const resourceSpans of payload.resourceSpans) {
        const service = attributesOf(resourceSpans.resource.attributes)['service.name'];
        for (const scope of resourceSpans.scopeSpans) {
          for (const s of scope.spans) spans.push({ traceId: s.traceId, spanId: s.spanId, parentSpanId: s.parentSpanId || undefined, name: s.name, kind: s.kind, attributes: attributesOf(s.attributes), service });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  server = await startServer({
    DATABASE_URL: database.url,
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_SERVICE_NAME: 'registry-under-test',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });
  await waitReady(server);
}, 180_000);

afterAll(async () => {
  await stopServers();
  await new Promise((resolve) => collector?.close(resolve));
  await database?.drop();
}, 60_000);

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

it('traces a request under the caller\'s trace: HTTP, then GraphQL parse, validate and execute, then each SQL statement', async () => {
  const marker = '秦淮区独有的搜索词';
  const answer = await httpRequest(`${server.base}/graphql`, {
    query: 'query Traced($city: DivisionCode!, $name: String) { innovationStudios(first: 2, filter: { cityCode: $city, nameContains: $name }) { totalCount nodes { name } } }',
    variables: { city: '320100', name: marker },
  }, { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01`, 'x-request-id': 'traced-request' });
  expect(answer.status).toBe(200);
  expect(answer.body.errors).toBeUndefined();

  const http = await waitFor('the request span', () => spans.find((s) => s.traceId === TRACE_ID && s.name === 'POST /graphql'));
  expect(http).toMatchObject({ parentSpanId: CALLER_SPAN, kind: 2, service: 'registry-under-test' });
  expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200, 'registry.request_id': 'traced-request' });

  const phases = await waitFor('the GraphQL spans', () => {
    const found = ['graphql.parse', 'graphql.validate', 'graphql.execute'].map((name) => spans.find((s) => s.traceId === TRACE_ID && s.name === name));
    return found.every(Boolean) ? (found as ReceivedSpan[]) : undefined;
  });
  for (const phase of phases) expect(phase.parentSpanId).toBe(http.spanId);
  const execute = phases[2];
  expect(execute.attributes).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'Traced' });

  const statements = await waitFor('the SQL spans', () => {
    const found = spans.filter((s) => s.traceId === TRACE_ID && s.attributes['db.system.name'] === 'postgresql');
    return found.length >= answer.body.extensions.sqlStatements ? found : undefined;
  });
  expect(statements).toHaveLength(answer.body.extensions.sqlStatements);
  for (const statement of statements) {
    expect(statement.parentSpanId).toBe(execute.spanId);
    expect(statement.name).toBe(statement.attributes['db.operation.name']);
    expect(String(statement.attributes['db.query.text'])).toMatch(/\$1/);
  }
  // Nothing the caller sent as a value is in any span: not the search text, not the city code.
  const everything = JSON.stringify(spans.filter((s) => s.traceId === TRACE_ID));
  expect(everything).not.toContain(marker);
  expect(everything).not.toContain('320100');
  expect(requests.every((r) => r.path === '/v1/traces' && r.type?.startsWith('application/json'))).toBe(true);

  // The request log line names the trace.
  const line = await waitFor('the request log line', () => server.logs.find((l) => l.msg === 'request' && l.requestId === 'traced-request'));
  expect(line.traceId).toBe(TRACE_ID);
});

it('starts a trace of its own for a request without traceparent, and traces an export', async () => {
  const answer = await httpRequest(`${server.base}/export/innovation-studios.csv?cityCode=320100`, undefined, { 'x-request-id': 'traced-export' });
  expect(answer.status).toBe(200);
  const line = await waitFor('the export log line', () => server.logs.find((l) => l.msg === 'request' && l.requestId === 'traced-export'));
  expect(line.traceId).toMatch(/^[0-9a-f]{32}$/);
  const http = await waitFor('the export span', () => spans.find((s) => s.traceId === line.traceId && s.name === 'GET /export/:file'));
  expect(http.parentSpanId).toBeUndefined();
  const rows = await waitFor('the export statement span', () => spans.find((s) => s.traceId === line.traceId && s.parentSpanId === http.spanId && s.attributes['db.system.name'] === 'postgresql'));
  expect(String(rows.attributes['db.query.text'])).toMatch(/FROM innovation_studio/);
  expect(JSON.stringify(spans.filter((s) => s.traceId === line.traceId))).not.toContain('320100');
});
