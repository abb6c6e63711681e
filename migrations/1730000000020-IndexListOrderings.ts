import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every `orderBy` of a list reads its page from an index: the ordering's own expression (as the
 * module's OrderSpec writes it) followed by the id that breaks ties, so that a page, and a page
 * after a keyset cursor deep in the table, is an index range scan rather than a sort of the
 * whole table. The other orderings already had theirs (id, name of enterprises, dates of
 * contracts, studios' establishment date where known).
 */
const INDEXES: Array<[name: string, table: string, columns: string]> = [
  ['enterprise_credit_code_order_idx', 'enterprise', '(credit_code::text), id'],
  ['enterprise_employee_count_order_idx', 'enterprise', '(coalesce(employee_count, -1)), id'],
  ['innovation_studio_name_order_idx', 'innovation_studio', 'name, id'],
  ['innovation_studio_established_on_order_idx', 'innovation_studio', "(coalesce(established_on, date '0001-01-01')), id"],
  ['collective_innovation_contract_workers_covered_order_idx', 'collective_innovation_contract', 'workers_covered, id'],
  ['craftsman_name_order_idx', 'craftsman', 'name, id'],
  ['craftsman_year_order_idx', 'craftsman', '(coalesce(year, 0)), id'],
  ['craftsman_academy_name_order_idx', 'craftsman_academy', 'name, id'],
];

export class IndexListOrderings1730000000020 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    for (const [name, table, columns] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${name}`);
  }
}
