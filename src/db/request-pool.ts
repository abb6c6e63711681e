import { Pool } from 'pg';
import { APPLICATION_ROLE } from '../../migrations/1730000000016-CreateApplicationRoleWithRowLevelSecurity';

/**
 * The pool requests run on. Its connections act as the application role, which owns no table, so
 * PostgreSQL's row-level security applies to every statement a request runs (migrations, seeds
 * and the CLI keep the owner's connection).
 */
export function createRequestPool(url: string, max = Number(process.env.DB_POOL_SIZE || 10)): Pool {
  return new Pool({ connectionString: url, max, application_name: 'reform-registry', options: `-c role=${APPLICATION_ROLE}` });
}
