import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a report does not say is unknown, and unknown is not zero: a record loaded from a report may lack
 * its host enterprise, kind, demonstration level, ownership, support-list status, signing date, term,
 * coverage or project counts (NULL, shown as null by the API). New records written through the API
 * still have to state them (the write engine's requiredOnCreate); the defaults that stood in for
 * "not stated" (NONE, false, 0) go, so a load that states nothing stores nothing.
 */
const UNKNOWABLE: Array<[table: string, column: string, formerDefault?: string]> = [
  ['enterprise', 'ownership'],
  ['innovation_studio', 'enterprise_id'],
  ['innovation_studio', 'kind'],
  ['innovation_studio', 'demonstration_level', `'NONE'`],
  ['craftsman_academy', 'on_provincial_support_list', 'false'],
  ['collective_innovation_contract', 'signed_on'],
  ['collective_innovation_contract', 'term_months'],
  ['collective_innovation_contract', 'workers_covered'],
  ['collective_innovation_contract', 'projects_planned', '0'],
  ['collective_innovation_contract', 'projects_completed', '0'],
];

/** Orderings by a column that may now be unknown sort it as a value (a keyset cursor needs one on every row): their indexes. */
const ORDER_INDEXES: Array<[name: string, table: string, columns: string]> = [
  ['collective_innovation_contract_signed_on_order_idx', 'collective_innovation_contract', "(coalesce(signed_on, date '0001-01-01')), id"],
  ['collective_innovation_contract_workers_covered_known_order_idx', 'collective_innovation_contract', '(coalesce(workers_covered, -1)), id'],
];

export class AllowUnknownRecordValues1730000000026 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const [table, column, formerDefault] of UNKNOWABLE) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} DROP NOT NULL${formerDefault ? `, ALTER COLUMN ${column} DROP DEFAULT` : ''}`);
    }
    for (const [name, table, columns] of ORDER_INDEXES) await q.query(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }

  /** Fails while a row holds an unknown value: there is no true value to put back. */
  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...ORDER_INDEXES].reverse()) await q.query(`DROP INDEX ${name}`);
    for (const [table, column, formerDefault] of [...UNKNOWABLE].reverse()) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET NOT NULL${formerDefault ? `, ALTER COLUMN ${column} SET DEFAULT ${formerDefault}` : ''}`);
    }
  }
}
