/**
 * What every registry table has, in one place, for the migration of a new registry type: what
 * migrations 5–37 applied table by table through their lists (the place columns and keys, versions
 * and archiving, portal ids, grants and row-level security, the audit trigger, the place rule of
 * records under an enterprise, the name search index, the bi view). A new type's migration is then
 * its own columns and this call; test/db/registry-table-support.int.spec.ts holds a table made here
 * to the same catalogue checks as the registry's own (test/setup/registry-catalogue.ts).
 * Not a migration itself (migrations/*.ts are; this folder is not).
 */
import type { QueryRunner } from 'typeorm';
import { BI_SCHEMA, createBiView, type BiView } from './bi-view';
import { COMMENTS as BI_COMMENTS } from '../1730000000029-AddDistrictsAndEvidenceToBiViews';

/** The role requests run as (migration 16) and the role BI tools read as (migration 19). */
const APPLICATION_ROLE = 'registry_app';
const BI_READER_ROLE = 'bi_reader';

export interface RegistryTable {
  /** The table, snake_case. */
  name: string;
  /** The GraphQL type name, as the audit log records it. */
  recordType: string;
  /** CITY: city editors write their city's records (and it carries portal ids); ADMIN_ONLY: ADMIN alone. */
  scope: 'CITY' | 'ADMIN_ONLY';
  /** The type's own columns and constraints, as in CREATE TABLE, e.g. `name text NOT NULL CHECK (…)`. */
  columns: string[];
  /** Records under an enterprise (`enterprise_id`) lie in its city, and an enterprise with some does not move. */
  underEnterprise?: boolean;
  /** Indexes of the type's own columns: name and `(columns)` (its foreign keys' and its orderings'). */
  indexes?: Array<[name: string, columns: string]>;
  /** Columns `nameContains` searches: a trigram index each, where pg_trgm is installed (migration 36). */
  searched?: string[];
  /** Its view in the `bi` schema, with descriptions for the columns the shared ones do not describe. */
  biView: BiView;
  /** Goal metrics that count its records (GoalMetric values, migration 39's goal_metric), with their descriptions. */
  goalMetrics?: Record<string, string>;
}

/** What every registry view shows of a record's place; `t` is the view's own table. */
const PLACE = `t.province_code, p.name AS province_name, t.city_code, c.name AS city_name, t.district_code, d.name AS district_name`;
const PLACE_JOINS = `JOIN province p ON p.code = t.province_code LEFT JOIN city c ON c.code = t.city_code LEFT JOIN district d ON d.code = t.district_code`;

/** Said of a column that may be unknown. */
export const UNKNOWN = 'empty when the source does not say (unknown, not zero)';

/**
 * A registry type's bi view as the registry's own views are (migration 29): its id, its own columns
 * (`select`, over `t` and `joins`), its place with names, whether a sample, its portal id, source
 * and times; active records only.
 */
export function registryView(view: { table: string; comment: string; select: string; joins?: string; columns: Record<string, string> }): BiView {
  return {
    name: view.table,
    comment: view.comment,
    select: `SELECT t.id, ${view.select}, ${PLACE}, t.is_sample, t.external_id, t.source_id, t.created_at, t.updated_at
      FROM ${view.table} t ${view.joins ?? ''} ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: view.columns,
  };
}

/** Creates the table with everything every registry table has. */
export async function createRegistryTable(q: QueryRunner, table: RegistryTable, biComments: Record<string, string> = BI_COMMENTS): Promise<void> {
  const t = table.name;
  const portal = table.scope === 'CITY';
  await q.query(`
    CREATE TABLE ${t} (
      id serial PRIMARY KEY,
      ${[
        ...table.columns,
        ...(table.underEnterprise ? ['enterprise_id integer REFERENCES enterprise (id)'] : []),
        'province_code char(6) NOT NULL REFERENCES province (code)',
        'city_code char(6)',
        'district_code char(6)',
        'is_sample boolean NOT NULL DEFAULT false',
        'source_id integer REFERENCES source (id)',
        ...(portal ? ['external_id text CHECK (length(btrim(external_id)) BETWEEN 1 AND 100)'] : []),
        'version integer NOT NULL DEFAULT 1 CHECK (version > 0)',
        'created_at timestamptz NOT NULL DEFAULT now()',
        'updated_at timestamptz NOT NULL DEFAULT now()',
        'archived_at timestamptz',
        'FOREIGN KEY (city_code, province_code) REFERENCES city (code, province_code)',
        `CONSTRAINT ${t}_district_in_city FOREIGN KEY (district_code, city_code) REFERENCES district (code, city_code)`,
        `CONSTRAINT ${t}_district_has_city CHECK (district_code IS NULL OR city_code IS NOT NULL)`,
      ].join(',\n      ')}
    )`);
  // Every foreign key leads an index (house rule); place lists page by id.
  const indexes: Array<[string, string]> = [
    [`${t}_province_code_idx`, 'province_code, id'],
    [`${t}_city_code_idx`, 'city_code, id'],
    [`${t}_city_province_idx`, 'city_code, province_code'],
    [`${t}_district_code_idx`, 'district_code, city_code, id'],
    [`${t}_source_id_idx`, 'source_id'],
    ...(table.underEnterprise ? [[`${t}_enterprise_id_idx`, 'enterprise_id, id'] as [string, string]] : []),
    ...(table.indexes ?? []),
  ];
  for (const [name, columns] of indexes) await q.query(`CREATE INDEX ${name} ON ${t} (${columns})`);
  // What changed since a copy's last pull (updatedFrom; migration 49 gave the tables made before it theirs).
  await q.query(`CREATE INDEX IF NOT EXISTS ${t}_updated_at_idx ON ${t} (updated_at, id)`);
  if (portal) await q.query(`CREATE UNIQUE INDEX ${t}_external_id_key ON ${t} (city_code, external_id) NULLS NOT DISTINCT WHERE external_id IS NOT NULL`);

  // Written by the request role under row-level security only (migrations 16, 31).
  const mayWrite = portal ? 'registry_caller_may_write(city_code)' : 'registry_caller_may_write(NULL)';
  await q.query(`GRANT SELECT, INSERT, UPDATE ON ${t} TO ${APPLICATION_ROLE}`);
  await q.query(`GRANT USAGE ON SEQUENCE ${t}_id_seq TO ${APPLICATION_ROLE}`);
  await q.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
  await q.query(`CREATE POLICY ${t}_read ON ${t} FOR SELECT TO ${APPLICATION_ROLE} USING (true)`);
  await q.query(`CREATE POLICY ${t}_insert ON ${t} FOR INSERT TO ${APPLICATION_ROLE} WITH CHECK (${mayWrite})`);
  await q.query(`CREATE POLICY ${t}_update ON ${t} FOR UPDATE TO ${APPLICATION_ROLE} USING (${mayWrite}) WITH CHECK (${mayWrite})`);

  // Every change the request role makes is audited in its transaction (migration 32).
  await q.query(`CREATE TRIGGER ${t}_audit AFTER INSERT OR UPDATE ON ${t} FOR EACH ROW
    WHEN (current_user = '${APPLICATION_ROLE}') EXECUTE FUNCTION registry_audit('${table.recordType}', '{}')`);
  // Records under an enterprise lie in its city; the enterprise's own rule finds this trigger (migrations 34, 38).
  if (table.underEnterprise) {
    await q.query(`CREATE TRIGGER ${t}_in_enterprise_city BEFORE INSERT OR UPDATE OF enterprise_id, city_code, province_code ON ${t}
      FOR EACH ROW EXECUTE FUNCTION registry_in_enterprise_city()`);
  }

  const [trgm] = await q.query(`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`);
  if (trgm) for (const column of table.searched ?? []) await q.query(`CREATE INDEX ${t}_${column}_trgm_idx ON ${t} USING gin (${column} ${trgm.schema}.gin_trgm_ops)`);

  await createBiView(q, table.biView, biComments);
  await q.query(`GRANT SELECT ON ${BI_SCHEMA}.${table.biView.name} TO ${BI_READER_ROLE}`);

  for (const [metric, description] of Object.entries(table.goalMetrics ?? {})) {
    await q.query(`INSERT INTO goal_metric (name, description) VALUES ($1, $2)`, [metric, description]);
  }
}

/** Undoes createRegistryTable: the view, then the table with its indexes, policies, triggers and grants. */
export async function dropRegistryTable(q: QueryRunner, table: RegistryTable): Promise<void> {
  // A goal set on one of its metrics keeps the metric (and the table) from going: the foreign key refuses.
  await q.query(`DELETE FROM goal_metric WHERE name = ANY($1)`, [Object.keys(table.goalMetrics ?? {})]);
  await q.query(`DROP VIEW ${BI_SCHEMA}.${table.biView.name}`);
  await q.query(`DROP TABLE ${table.name}`);
}
