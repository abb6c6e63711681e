import { createHmac, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { retryingSharedCatalogRace } from './faults';
import { APPLICATION_ROLE } from '../../migrations/1730000000016-CreateApplicationRoleWithRowLevelSecurity';
import { logger } from '../logger';
import { scramVerifier } from './bi-reader';

/** A password made once per process when nothing else can give one (see applicationRolePassword). */
let processPassword: string | undefined;

/**
 * The application role's password: REGISTRY_APP_PASSWORD when set; else derived from the owner's (an
 * HMAC of the owner's password: not of the host, which instances may name differently, as localhost or
 * an address, while the role is the server's), so that every instance with the owner's password
 * derives the same one and none needs another secret; else, with no owner password to
 * derive from (trust or peer authentication), a random one for this process, which a second instance
 * would replace.
 */
export function applicationRolePassword(ownerUrl: string, configured?: string | null): string {
  if (configured) return configured;
  const url = new URL(ownerUrl);
  const ownerPassword = decodeURIComponent(url.password);
  if (ownerPassword) return createHmac('sha256', ownerPassword).update(APPLICATION_ROLE).digest('base64url');
  if (!processPassword) {
    processPassword = randomBytes(24).toString('base64url');
    logger.warn('DATABASE_URL has no password to derive the application role\'s from: one was made for this process; set REGISTRY_APP_PASSWORD when several instances share the database');
  }
  return processPassword;
}

/** The URL the request pool logs in with: the owner's server and database, as the application role. */
export function applicationRoleUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = APPLICATION_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

/**
 * A request pool's URL at another server than DATABASE_URL's: a pooler (DATABASE_POOLER_URL) or a streaming replica
 * (DATABASE_REPLICA_URLS): that URL's host, port, options and, where it names one, database; the application role's name and
 * password, whatever that URL says (its own user would not be under row-level security; a replica has the primary's roles).
 */
export function applicationRoleAt(requestUrl: string, serverUrl: string): string {
  const direct = new URL(requestUrl);
  const url = new URL(serverUrl);
  url.username = direct.username;
  url.password = direct.password;
  if (url.pathname === '' || url.pathname === '/') url.pathname = direct.pathname;
  return url.toString();
}

/**
 * Lets the application role log in with `password` (set at every start, as the owner; migration 30
 * made it a login role without one). Only its SCRAM verifier reaches the server.
 */
export async function setApplicationRolePassword(dataSource: Pick<DataSource, 'query'>, password: string): Promise<void> {
  const [{ statement }]: { statement: string }[] = await dataSource.query(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS statement`, [
    APPLICATION_ROLE,
    scramVerifier(password),
  ]);
  // The role is the server's: another instance or database setting it at the same moment is waited out.
  await retryingSharedCatalogRace(() => dataSource.query(statement));
}
