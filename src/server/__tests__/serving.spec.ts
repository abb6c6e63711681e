import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Serving } from '../serving';

function get(port: number, path: string, agent?: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: agent ?? false }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(data) }));
      })
      .on('error', reject);
  });
}

describe('Serving', () => {
  let serving: Serving;
  let port: number;
  beforeEach(async () => {
    serving = new Serving();
    await serving.listen(0, '127.0.0.1');
    port = (serving.server.address() as AddressInfo).port;
  });
  afterEach(() => serving.close());

  it('before the app is in: alive, not ready, and the API says UNAVAILABLE with Retry-After and a request id', async () => {
    expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(port, '/readyz')).toMatchObject({ status: 503, body: { status: 'unavailable', reason: 'starting: the database is not ready yet' } });
    const api = await get(port, '/graphql?query={__typename}');
    expect(api).toMatchObject({ status: 503, headers: { 'retry-after': '5' }, body: { errors: [{ extensions: { code: 'UNAVAILABLE' } }] } });
    expect(api.body.extensions.requestId).toBe(api.headers['x-request-id']);
  });

  it('serves the app once it is in', async () => {
    serving.serve((_req, res) => res.end(JSON.stringify({ app: true })));
    expect(await get(port, '/anything')).toMatchObject({ status: 200, body: { app: true } });
  });

  it('hands an Express app requests and responses that already have its prototypes, so Express has none to set', async () => {
    const app = express();
    app.get('/who', (req, res) => res.json({ path: req.path, app: req.app === app, ip: req.ip }));
    serving.serve(app);
    // Looked at before the app (and Express's setPrototypeOf) sees them.
    let arrived: { request: boolean; response: boolean } | undefined;
    serving.server.prependListener('request', (req, res) => (arrived = { request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response }));
    expect(await get(port, '/who?x=1')).toMatchObject({ status: 200, body: { path: '/who', app: true, ip: '127.0.0.1' } });
    expect(arrived).toEqual({ request: true, response: true });
  });

  it('drains: a request in flight finishes and closes its connection; a new connection is refused', async () => {
    let finish!: () => void;
    let arrived!: () => void;
    const held = new Promise<void>((resolve) => (finish = resolve));
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    serving.serve((_req, res) => {
      arrived();
      void held.then(() => res.end(JSON.stringify({ done: true })));
    });
    const agent = new http.Agent({ keepAlive: true });
    const inFlight = get(port, '/slow', agent);
    await arrival;
    const drained = serving.drain(10_000);
    await expect(get(port, '/healthz')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    finish();
    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, headers: { connection: 'close' }, body: { done: true } });
    expect(await drained).toBe(0);
    agent.destroy();
  });

  it('cuts what is still in flight at the deadline, and says how many', async () => {
    let arrived!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    serving.serve(() => arrived()); // never answers
    const inFlight = get(port, '/stuck');
    await arrival;
    expect(await serving.drain(100)).toBe(1);
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
