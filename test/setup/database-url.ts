import { applicationRolePassword, applicationRoleUrl } from '../../src/db/app-role';

export const TEMPLATE_DATABASE = 'registry_template';

/** The same server URL, pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * What a request pool logs in with on this server: the application role, with the password the start
 * derives from the owner's (src/db/app-role.ts); the global setup sets it, as every start does.
 */
export function requestUrlOf(ownerUrl: string): string {
  return applicationRoleUrl(ownerUrl, applicationRolePassword(ownerUrl));
}
