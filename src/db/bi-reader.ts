import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { retryingSharedCatalogRace } from './faults';
import { BI_READER_ROLE } from '../../migrations/1730000000019-CreateBiReaderRole';

const SCRAM_ITERATIONS = 4096; // PostgreSQL's own default (scram_iterations)

/**
 * The password as PostgreSQL stores it (SCRAM-SHA-256 verifier, RFC 5803 / 7677), computed here as
 * psql's \password does, so the password itself never reaches the server: not its statement log,
 * not pg_stat_statements.
 */
export function scramVerifier(password: string, salt = randomBytes(16)): string {
  const salted = pbkdf2Sync(password, salt, SCRAM_ITERATIONS, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${SCRAM_ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * Lets BI tools log in as bi_reader (BI_READER_PASSWORD, set at every start; migration 19 made the
 * role without a password). Printable ASCII only: PostgreSQL normalises other passwords (SASLprep)
 * before hashing them, and a verifier computed without that would silently refuse the login.
 */
export async function setBiReaderPassword(dataSource: Pick<DataSource, 'query'>, password: string): Promise<void> {
  if (!/^[\x21-\x7e]+$/.test(password)) {
    throw new Error('BI_READER_PASSWORD must be printable ASCII without spaces, e.g. the output of `openssl rand -base64 24`');
  }
  // ALTER ROLE takes no parameters: PostgreSQL quotes the name and the verifier itself (%I, %L).
  const [{ statement }]: { statement: string }[] = await dataSource.query(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS statement`, [
    BI_READER_ROLE,
    scramVerifier(password),
  ]);
  // The role is the server's: another instance or database setting it at the same moment is waited out.
  await retryingSharedCatalogRace(() => dataSource.query(statement));
}

/** What bi_reader's sessions may not outlast, whatever they SET (migration 19's role settings, enforced). */
export interface BiReaderLimits {
  statementMs: number;
  idleInTransactionMs: number;
}

export const BI_READER_LIMITS: BiReaderLimits = { statementMs: 60_000, idleInTransactionMs: 300_000 };

/**
 * Enforces bi_reader's limits from outside its sessions, every `everyMs`: a statement running longer than
 * the limit is cancelled (pg_cancel_backend), a session idle in a transaction longer than its limit is
 * ended (pg_terminate_backend), as the owner (a member of bi_reader, migration 37). One statement a round;
 * a failure is logged and the next round tries again. Returns the function that stops it.
 */
export function guardBiReaderSessions(dataSource: Pick<DataSource, 'query'>, log: Logger, limits = BI_READER_LIMITS, everyMs = 5_000): () => void {
  const round = async () => {
    try {
      const ended: { pid: number; action: string }[] = await dataSource.query(
        `SELECT pid, CASE WHEN state = 'active' THEN 'cancelled' ELSE 'terminated' END AS action,
           CASE WHEN state = 'active' THEN pg_cancel_backend(pid) ELSE pg_terminate_backend(pid) END AS done
         FROM pg_stat_activity
         WHERE usename = $1 AND pid <> pg_backend_pid() AND (
           (state = 'active' AND now() - query_start > make_interval(secs => $2::float8 / 1000))
           OR (state LIKE 'idle in transaction%' AND now() - state_change > make_interval(secs => $3::float8 / 1000)))`,
        [BI_READER_ROLE, limits.statementMs, limits.idleInTransactionMs],
      );
      for (const { pid, action } of ended) log.warn({ pid, action, limits }, 'bi_reader session over its limits');
    } catch (error) {
      log.warn({ reason: (error as Error).message }, 'bi_reader guard: could not check the sessions');
    }
  };
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
