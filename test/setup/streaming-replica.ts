/**
 * A PostgreSQL primary of its own and a streaming replica of it, for the read-replica tests: both the embedded
 * PostgreSQL's build, on free loopback ports, in a temporary folder removed when they stop. The npm package ships no
 * pg_basebackup (and Debian's, of an older major version, refuses a newer server), so the replica is made as PostgreSQL's
 * manual documents a base backup by hand ("Making a Base Backup Using the Low Level API"): pg_backup_start, a copy of the
 * data directory, pg_backup_stop's backup_label; then standby.signal and primary_conninfo, with a replication slot
 * holding the WAL until the replica streams it.
 */
import { chownSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, appendFileSync, chmodSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort, serverUser, startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded';
import { ownerQuery } from '../../bench/database';
import { withDatabase } from './database-url';

export interface PrimaryAndReplica {
  /** The superuser's URL of `database` on the primary. */
  primaryUrl: string;
  /** The same database on the replica. */
  replicaUrl: string;
  /** Runs `text` as the superuser on the replica (pg_wal_replay_pause, statistics). */
  onReplica<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  /** Runs `text` as the superuser on the primary. */
  onPrimary<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** What a base backup leaves out of the copy (the manual's list): the running server's files, WAL, slots, temporary files. */
const NOT_COPIED = new Set(['postmaster.pid', 'postmaster.opts', 'pg_wal', 'pg_replslot', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);

async function baseBackup(primary: RunningPostgres, primaryDir: string, replicaDir: string): Promise<void> {
  const SLOT = 'registry_test_replica';
  const client = new Client({ connectionString: primary.url });
  await client.connect();
  try {
    // Reserved now: the primary keeps every WAL segment from here until the replica has streamed it.
    await client.query(`SELECT pg_create_physical_replication_slot($1, true)`, [SLOT]);
    await client.query(`SELECT pg_backup_start('registry test replica', true)`);
    cpSync(primaryDir, replicaDir, { recursive: true, filter: (from) => !NOT_COPIED.has(path.basename(from)) || path.dirname(from) !== primaryDir });
    const { rows } = await client.query<{ labelfile: string }>(`SELECT labelfile FROM pg_backup_stop(false)`);
    writeFileSync(path.join(replicaDir, 'backup_label'), rows[0].labelfile);
  } finally {
    await client.end();
  }
  // The directories left out are made empty, as the server expects them.
  for (const name of NOT_COPIED) if (!name.includes('.')) mkdirSync(path.join(replicaDir, name), { mode: 0o700 });
  writeFileSync(path.join(replicaDir, 'standby.signal'), '');
  const { password, port } = new URL(primary.url);
  appendFileSync(
    path.join(replicaDir, 'postgresql.auto.conf'),
    // The superuser's password is random base64url (src/db/embedded.ts): nothing in it needs quoting.
    `primary_conninfo = 'host=127.0.0.1 port=${port} user=postgres password=${decodeURIComponent(password)}'\nprimary_slot_name = '${SLOT}'\n`,
  );
  // The copy is the server user's, as the original (the test may run as root, which copied it).
  const ids = serverUser();
  const own = (p: string) => {
    if (ids) chownSync(p, ids.uid, ids.gid);
    if (statSync(p).isDirectory()) for (const entry of readdirSync(p)) own(path.join(p, entry));
  };
  own(replicaDir);
  chmodSync(replicaDir, 0o700);
}

/** A primary with an empty `database`, and a replica streaming from it. */
export async function startPrimaryAndReplica(database: string): Promise<PrimaryAndReplica> {
  const dir = mkdtempSync(path.join(tmpdir(), 'registry-replica-'));
  const primary = await startEmbeddedPostgres({ dataDir: path.join(dir, 'primary'), port: await freePort() });
  let replica: RunningPostgres | null = null;
  try {
    await ownerQuery(primary.url, `CREATE DATABASE ${database}`);
    const replicaDir = path.join(dir, 'replica');
    await baseBackup(primary, path.join(dir, 'primary'), replicaDir);
    replica = await startEmbeddedPostgres({ dataDir: replicaDir, port: await freePort(), password: decodeURIComponent(new URL(primary.url).password) });
  } catch (error) {
    await primary.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const running = replica;
  return {
    primaryUrl: withDatabase(primary.url, database),
    replicaUrl: withDatabase(running.url, database),
    onReplica: (text, values) => ownerQuery(withDatabase(running.url, database), text, values),
    onPrimary: (text, values) => ownerQuery(withDatabase(primary.url, database), text, values),
    stopReplica: () => running.stop(),
    async stop() {
      await running.stop();
      await primary.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
