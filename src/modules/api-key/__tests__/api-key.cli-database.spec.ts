import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PASSWORD_FILE } from '../../../db/embedded';
import { runningEmbeddedPostgresUrl } from '../api-key.cli-database';

/** A postmaster.pid as PostgreSQL 17 writes it: pid, data dir, start time, port, socket dir, listen address, shmem key, status. */
const pidFile = (pid: number, port: number, listen = '127.0.0.1') => `${pid}\n/data\n1795604837\n${port}\n\n${listen}\n  2606008    262184\nready   \n`;

describe('runningEmbeddedPostgresUrl', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'registry-pidfile-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is null when no PostgreSQL holds the directory', () => {
    expect(runningEmbeddedPostgresUrl(dir)).toBeNull();
    expect(runningEmbeddedPostgresUrl(path.join(dir, 'missing'))).toBeNull();
  });

  it('connects to the running postmaster on the port of line 4, with the password the data directory keeps', () => {
    writeFileSync(path.join(dir, 'postmaster.pid'), pidFile(process.pid, 54321));
    writeFileSync(path.join(dir, PASSWORD_FILE), 'r4nd/m+pw\n', { mode: 0o600 });
    expect(runningEmbeddedPostgresUrl(dir)).toBe('postgres://postgres:r4nd%2Fm%2Bpw@127.0.0.1:54321/postgres');
  });

  it('ignores a file a crashed postmaster left behind (its pid no longer runs)', () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(path.join(dir, 'postmaster.pid'), pidFile(gone, 54321));
    expect(runningEmbeddedPostgresUrl(dir)).toBeNull();
  });

  it('ignores a file it cannot read a port from', () => {
    writeFileSync(path.join(dir, 'postmaster.pid'), `${process.pid}\n/data\n`);
    expect(runningEmbeddedPostgresUrl(dir)).toBeNull();
  });
});
