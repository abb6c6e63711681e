/**
 * What PostgreSQL must hold for a registry table, asked of its own catalogue: used for every registry
 * type the modules declare (test/db/registry-tables.int.spec.ts) and for a table made by
 * migrations/support/registry-table.ts (test/db/registry-table-support.int.spec.ts).
 */
type Query = (text: string, params?: unknown[]) => Promise<any[]>;

const APP = 'registry_app';
const BI = 'bi_reader';

export interface RegistryTableExpectation {
  table: string;
  recordType: string;
  /** Carries portal ids (external_id), unique within a city. */
  externalId: boolean;
  /** Lies in its enterprise's city. */
  underEnterprise: boolean;
}

/** What is missing or wrong, each as a sentence naming the table; empty when it holds everything. */
export async function registryTableProblems(query: Query, expected: RegistryTableExpectation): Promise<string[]> {
  const { table } = expected;
  const problems: string[] = [];
  const [rights] = await query(
    `SELECT c.relrowsecurity AS rls,
            has_any_column_privilege($2, c.oid, 'SELECT') AS may_select,
            has_table_privilege($2, c.oid, 'INSERT') AS may_insert,
            has_table_privilege($2, c.oid, 'UPDATE') AS may_update,
            has_table_privilege($2, c.oid, 'DELETE') OR has_table_privilege($2, c.oid, 'TRUNCATE') AS may_delete,
            (SELECT array_agg(p.polcmd::text ORDER BY p.polcmd::text) FROM pg_policy p WHERE p.polrelid = c.oid AND $2::regrole = ANY(p.polroles)) AS policies
     FROM pg_class c WHERE c.oid = $1::regclass`,
    [table, APP],
  );
  if (!rights.rls) problems.push(`${table}: row-level security is off`);
  if (!rights.may_select || !rights.may_insert || !rights.may_update) problems.push(`${table}: ${APP} may not read, insert and update it`);
  if (rights.may_delete) problems.push(`${table}: ${APP} may delete from it`);
  if (JSON.stringify(rights.policies) !== JSON.stringify(['a', 'r', 'w'])) problems.push(`${table}: ${APP}'s policies are ${JSON.stringify(rights.policies)}, not one each to read, insert and update`);

  const [audit] = await query(`SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2`, [table, `${table}_audit`]);
  if (!audit?.def.includes(`registry_audit('${expected.recordType}'`)) problems.push(`${table}: no audit trigger ${table}_audit recording ${expected.recordType}`);

  const [bi] = await query(`SELECT to_regclass($1) IS NOT NULL AS exists, coalesce(has_table_privilege($2, to_regclass($1), 'SELECT'), false) AS may_select`, [`bi.${table}`, BI]);
  if (!bi.exists || !bi.may_select) problems.push(`${table}: no view bi.${table} that ${BI} may read`);

  const unique = await query(`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = $1::regclass AND indisunique`, [table]);
  if (expected.externalId && !unique.some((i) => i.def.includes('(city_code, external_id)'))) problems.push(`${table}: external ids are not unique within a city`);

  const indexes = await query(`SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid = $1::regclass`, [table]);
  if (!indexes.some((i) => / \(updated_at, id\)$/.test(i.def))) problems.push(`${table}: no index on (updated_at, id) for what changed since a copy's last pull (updatedFrom)`);

  const [place] = await query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2`, [table, `${table}_in_enterprise_city`]);
  if (expected.underEnterprise && place.n !== 1) problems.push(`${table}: not kept in its enterprise's city (no trigger ${table}_in_enterprise_city)`);
  return problems;
}

/**
 * Whether PostgreSQL refuses to move an enterprise while a record of `table` lies under it: a new
 * enterprise in the record's city takes the record, then is moved (as the owner, in a transaction
 * rolled back; `query` must run on one connection). Null when the table has no record in a city to try it with.
 */
export async function enterpriseMoveRefused(query: Query, table: string, creditCode: string): Promise<string | null> {
  const [record] = await query(`SELECT id, city_code, province_code FROM ${table} WHERE city_code IS NOT NULL ORDER BY id LIMIT 1`);
  if (!record) return null;
  const other = record.city_code === '320100' ? '320200' : '320100';
  await query('BEGIN');
  try {
    const [enterprise] = await query(
      `INSERT INTO enterprise (credit_code, name, ownership, province_code, city_code) VALUES ($1, '测试搬迁企业', 'PRIVATE', $2, $3) RETURNING id`,
      [creditCode, record.province_code, record.city_code],
    );
    await query(`UPDATE ${table} SET enterprise_id = $1 WHERE id = $2`, [enterprise.id, record.id]);
    await query(`UPDATE enterprise SET city_code = $1, province_code = (SELECT province_code FROM city WHERE code = $1) WHERE id = $2`, [other, enterprise.id]);
    return 'moved';
  } catch (error) {
    return (error as { constraint?: string }).constraint ?? String(error);
  } finally {
    await query('ROLLBACK');
  }
}
