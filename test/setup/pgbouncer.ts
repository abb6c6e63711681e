/**
 * A private PgBouncer in transaction mode for the pooler tests: Debian's `pgbouncer` (installed by .ci/run, or here as root,
 * where missing), on a free loopback port, in front of the tests' PostgreSQL, with fewer server connections than clients
 * (so that clients share them, as a busy pooler's do), stopped by the test file that started it.
 * PgBouncer will not run as root: as root it is told to become `nobody`, which must read its files.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDaemon, stopped, startOnFreePort } from './daemon';
import { findOrInstall } from './debian-package';

export interface TestPgBouncer {
  /** postgres://127.0.0.1:<port>/<database>, without a user: the caller puts its own. */
  url(database: string): string;
  stop(): Promise<void>;
}

/**
 * `poolSize` server connections per database and user; `single` names databases also served under `<name>_single` by one
 * server connection, which all its clients share.
 */
export async function startPgBouncer(
  server: { host: string; port: number },
  users: Record<string, string>,
  options: { poolSize: number; single?: string[] } = { poolSize: 2 },
): Promise<TestPgBouncer> {
  const executable = await findOrInstall({ binary: 'pgbouncer', aptPackage: 'pgbouncer', neededFor: 'the pooler test (test/db/pooler.int.spec.ts)' });
  const dir = mkdtempSync(path.join(tmpdir(), 'registry-pgbouncer-'));
  chmodSync(dir, 0o755);
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    chmodSync(path.join(dir, name), 0o644);
    return path.join(dir, name);
  };
  const userlist = file('userlist.txt', Object.entries(users).map(([user, password]) => `"${user}" "${password.replace(/"/g, '""')}"`).join('\n') + '\n');
  const asRoot = process.getuid?.() === 0;
  let port = 0;
  const child = await startOnFreePort((p) => {
    port = p;
    const ini = file(
      'pgbouncer.ini',
      [
        '[databases]',
        ...(options.single ?? []).map((name) => `${name}_single = host=${server.host} port=${server.port} dbname=${name} pool_size=1`),
        `* = host=${server.host} port=${server.port}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        'unix_socket_dir =',
        'auth_type = scram-sha-256',
        `auth_file = ${userlist}`,
        'pool_mode = transaction',
        `default_pool_size = ${options.poolSize}`,
        'max_client_conn = 200',
        // pg sends none of these unless told; listed as a managed service's pooler would.
        'ignore_startup_parameters = extra_float_digits',
        'log_connections = 0',
        'log_disconnections = 0',
      ].join('\n') + '\n',
    );
    return startDaemon(executable, [...(asRoot ? ['-u', 'nobody'] : []), ini], /process up|listening on 127\.0\.0\.1/);
  });
  return {
    url: (database) => `postgres://127.0.0.1:${port}/${database}`,
    stop: async () => {
      await stopped(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
