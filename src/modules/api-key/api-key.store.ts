import type { Role } from '../../auth/caller';
import { RequestDb } from '../../db/request-db';
import { raw, render, sql, type SqlFragment } from '../../db/sql';
import { displayPrefix, generateApiKey, hashApiKey } from './api-key-secret';

/** Anything that runs a parameterised query: a pg Pool or Client, or a TypeORM DataSource. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** The owner's connection (CLI, tests) or a request's database handle (GraphQL, counted and in its transaction). */
export type ApiKeyDb = Queryable | RequestDb;

export interface ApiKeyRecord {
  id: number;
  prefix: string;
  role: Role;
  cityCode: string | null;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = raw(`id, prefix, role, city_code AS "cityCode", label, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`);

function rowsOf<T>(result: unknown): T[] {
  // pg returns { rows }; TypeORM's DataSource.query the rows themselves, but [rows, affected] for UPDATE and DELETE.
  if (!Array.isArray(result)) return (result as { rows: T[] }).rows;
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

async function run<T>(db: ApiKeyDb, fragment: SqlFragment): Promise<T[]> {
  if (db instanceof RequestDb) return db.query<T>(fragment);
  const { text, values } = render(fragment);
  return rowsOf<T>(await db.query(text, values));
}

/**
 * API keys in the database, shared by the CLI (as the owner) and the ADMIN mutations (as the
 * application role). The caller checks role/city rules (api-key.rules.ts); the table's CHECKs repeat them.
 * The application role may read a key's public columns but write none: a request's writes go through
 * registry_create_api_key and registry_revoke_api_key, which PostgreSQL allows for an ADMIN caller only
 * (migration 31).
 */
export const apiKeyStore = {
  async create(db: ApiKeyDb, input: { role: Role; cityCode: string | null; label: string }): Promise<{ record: ApiKeyRecord; key: string }> {
    const key = generateApiKey();
    const values = sql`${hashApiKey(key)}, ${displayPrefix(key)}, ${input.role}, ${input.cityCode}::char(6), ${input.label.trim()}`;
    const [record] = await run<ApiKeyRecord>(
      db,
      db instanceof RequestDb
        ? sql`SELECT ${COLUMNS} FROM registry_create_api_key(${values})`
        : sql`INSERT INTO api_key (key_hash, prefix, role, city_code, label) VALUES (${values}) RETURNING ${COLUMNS}`,
    );
    return { record, key };
  },

  async list(db: ApiKeyDb): Promise<ApiKeyRecord[]> {
    return run<ApiKeyRecord>(db, sql`SELECT ${COLUMNS} FROM api_key ORDER BY id`);
  },

  async byId(db: ApiKeyDb, id: number): Promise<ApiKeyRecord | null> {
    const [record] = await run<ApiKeyRecord>(db, sql`SELECT ${COLUMNS} FROM api_key WHERE id = ${id}`);
    return record ?? null;
  },

  /** Revokes a key; revoking it again keeps the first time. Null when there is no such key. */
  async revoke(db: ApiKeyDb, id: number): Promise<ApiKeyRecord | null> {
    const [record] = await run<ApiKeyRecord>(
      db,
      db instanceof RequestDb
        ? sql`SELECT ${COLUMNS} FROM registry_revoke_api_key(${id})`
        : sql`UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = ${id} RETURNING ${COLUMNS}`,
    );
    return record ?? null;
  },

  /** The city's name (e.g. 南京), or null when the registry has no city with this code. */
  async cityName(db: ApiKeyDb, code: string): Promise<string | null> {
    const [row] = await run<{ name: string }>(db, sql`SELECT name FROM city WHERE code = ${code}`);
    return row?.name ?? null;
  },
};
