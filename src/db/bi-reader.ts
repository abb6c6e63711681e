import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BI_READER_ROLE } from '../../migrations/1730000000019-CreateBiReaderRole';

const SCRAM_ITERATIONS = 4096; // PostgreSQL's own default (scram_iterations)

/**
 * The password as PostgreSQL stores it (SCRAM-SHA-256 verifier, RFC 5803 / 7677), computed here as
 * psql's \password does, so the password itself never reaches the server: not its statement log,
 * not pg_stat_statements.
 */
function scramVerifier(password: string, salt = randomBytes(16)): string {
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
  await dataSource.query(statement);
}
