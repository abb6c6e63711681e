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
 * Statements run as named (prepared) statements: a connection parses and plans a text once and
 * then only binds and executes it, which for the folded statements of a list (src/db/fold.ts) is
 * about half of PostgreSQL's work. Texts follow the query's shape, never its values; the first
 * MAX_PREPARED distinct texts get a name and later ones run unnamed, which bounds what this process
 * and every connection keep.
 */
const MAX_PREPARED = 200;
const statementNames = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_PREPARED) statementNames.set(text, (name = `registry_${statementNames.size + 1}`));
  return name;
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
    const result = await (this.client ?? this.pool).query({ name: statementName(text), text, values });
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
    // A checked-out connection that breaks emits 'error' (besides failing the statement in flight);
    // unheard, that would end the process. Such a client, or one a failed ROLLBACK left in its
    // transaction, is dropped rather than given back to the pool.
    let broken: Error | undefined;
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
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
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
