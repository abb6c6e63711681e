import type { Pool } from 'pg';
import { render, type SqlFragment } from './sql';

/**
 * The database as one request sees it: every statement goes through here, so the request knows
 * how many it ran (reported in the response's `extensions.sqlStatements`).
 */
export class RequestDb {
  statements = 0;

  constructor(private readonly pool: Pool) {}

  async query<T = Record<string, unknown>>(fragment: SqlFragment): Promise<T[]> {
    const { text, values } = render(fragment);
    this.statements += 1;
    const result = await this.pool.query(text, values);
    return result.rows as T[];
  }
}
