import type { Pool, PoolClient } from 'pg';
import { registryChanges } from './registry-changes';
import { render, type SqlFragment } from './sql';

/** What a write transaction tells PostgreSQL about the caller, for row-level security. */
export interface TransactionSettings {
  role: string;
  city: string;
  requestId: string;
}

/**
 * The database as one request sees it: every statement goes through here, so the request knows
 * how many it ran (reported in the response's `extensions.sqlStatements`). Inside `transaction`
 * statements run on the transaction's connection.
 */
export class RequestDb {
  statements = 0;

  constructor(
    private readonly pool: Pool,
    private readonly client: PoolClient | null = null,
    private readonly parent: RequestDb | null = null,
  ) {}

  async query<T = Record<string, unknown>>(fragment: SqlFragment): Promise<T[]> {
    const { text, values } = render(fragment);
    this.count();
    const result = await (this.client ?? this.pool).query(text, values);
    return result.rows as T[];
  }

  private count(): void {
    this.statements += 1;
    this.parent?.count();
  }

  /**
   * Runs `work` in one transaction whose caller settings row-level security reads; commits if it
   * returns, rolls back if it throws.
   */
  async transaction<T>(settings: TransactionSettings, work: (tx: RequestDb) => Promise<T>): Promise<T> {
    if (this.client) throw new Error('transactions do not nest');
    const client = await this.pool.connect();
    const tx = new RequestDb(this.pool, client, this);
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('registry.role', $1, true), set_config('registry.city', $2, true), set_config('registry.request_id', $3, true)`,
        [settings.role, settings.city, settings.requestId],
      );
      this.statements += 2;
      const result = await work(tx);
      await client.query('COMMIT');
      this.statements += 1;
      registryChanges.committed();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
