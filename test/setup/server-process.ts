/**
 * The server as `npm run start:dev` runs it (`npm start` runs the same code compiled), in a child process (src/server/main.ts through ts-node), for
 * the tests of start-up, shutdown and faults: its JSON log lines, plain HTTP requests on their own
 * connections, and polling helpers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

export interface Running {
  child: ChildProcess;
  base: string;
  /** Parsed JSON log lines so far (pino writes one per line on stdout). */
  logs: Array<Record<string, any>>;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Running[] = [];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts src/server/main.ts the way `npm run start:dev` does (ts-node, transpile only), with no build step. */
export async function startServer(env: Record<string, string>): Promise<Running> {
  // PORT=0 unless the test names one: the system gives a free port as the server listens, so no other suite's server or
  // daemon can take it in between (as one could take a port freePort() had found, while ts-node compiled).
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  delete childEnv.TEST_DATABASE_URL;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  let pending = '';
  const logs: Array<Record<string, any>> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const listened = () => logs.find((l) => typeof l.msg === 'string' && l.msg.startsWith('listening'));
  const running: Running = {
    child,
    /** The port the server logged that it listens on. */
    get base() {
      const port = env.PORT ?? listened()?.port;
      if (!port) throw new Error(`the server has not said that it listens:\n${text.slice(-2000)}`);
      return `http://127.0.0.1:${port}`;
    },
    logs,
    output: () => text,
    exited,
  };
  started.push(running);
  // Back once it listens (its address known), or once it has exited without (a start that fails, which the test looks at).
  let gone = false;
  void exited.then(() => (gone = true));
  while (!gone && !listened()) await sleep(50);
  return running;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** An HTTP request on its own connection (no keep-alive), resolving to status, headers and parsed body. */
export function httpRequest(url: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      url,
      {
        method: payload ? 'POST' : 'GET',
        agent: false,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...headers },
      },
      (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (data += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode!, headers: res.headers, body: data ? JSON.parse(data) : undefined });
          } catch {
            resolve({ status: res.statusCode!, headers: res.headers, body: data });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A GraphQL query that must succeed (200, no errors); resolves to its data. */
export async function graphql(server: Running, query: string): Promise<any> {
  const res = await httpRequest(`${server.base}/graphql`, { query });
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

/** Polls /readyz until it answers 200; fails at once if the process exits. */
export async function waitReady(server: Running, limitMs = 150_000): Promise<void> {
  let exited: { code: number | null } | undefined;
  void server.exited.then((e) => (exited = e));
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the server exited with code ${exited.code} before it was ready:\n${server.output().slice(-3000)}`);
    try {
      // Ready is this server's answer only once it has logged that it listens (a port a test named may be another's).
      const listening = server.logs.some((l) => typeof l.msg === 'string' && l.msg.startsWith('listening'));
      if (listening && (await httpRequest(`${server.base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`the server was not ready in ${limitMs} ms:\n${server.output().slice(-3000)}`);
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== null && (value as unknown) !== false) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** True once the server has written a log line with this message. */
export const logged = (server: Running, msg: string) => server.logs.some((l) => l.msg === msg);

/** Stops every server the test file started that still runs: SIGTERM, then SIGKILL after 15 s. */
export async function stopServers(): Promise<void> {
  for (const server of started) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      // A timer left running after the server exits would keep the jest worker from exiting.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([server.exited, new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
      clearTimeout(timer);
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    }
  }
}
