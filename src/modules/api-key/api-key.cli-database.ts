import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PASSWORD_FILE } from '../../db/embedded';

/**
 * The embedded PostgreSQL a running server (`npm start`) keeps in DATA_DIR, if there is one.
 * src/db/embedded.ts runs it with DATA_DIR itself as the data directory, so PostgreSQL's lock file
 * is DATA_DIR/postmaster.pid: line 1 is the postmaster's pid, line 4 its port, line 6 the first
 * listen address. A second postmaster cannot start on a held directory, so the CLI connects to
 * this one instead. A file left by a crash (its pid no longer running) counts as not running. It logs
 * in as the superuser, with the password the data directory keeps (PASSWORD_FILE, readable by its owner).
 */
export function runningEmbeddedPostgresUrl(dataDir: string, credentials = { user: 'postgres', password: superuserPassword(dataDir) }): string | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0 || !isRunning(pid)) return null;
  const listen = (lines[5] ?? '').trim();
  const host = /^[0-9.]+$/.test(listen) && listen !== '0.0.0.0' ? listen : '127.0.0.1';
  return `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@${host}:${port}/postgres`;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user (the `postgres` user when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The embedded superuser's password, as src/db/embedded.ts keeps it; '' when there is none to read (the login then fails, saying so). */
function superuserPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
}
