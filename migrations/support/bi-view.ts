/**
 * How a `bi` view is made (migrations 18 and 29): not a migration itself (migrations/*.ts are, this
 * folder is not), so that TypeORM does not take its functions for migration classes.
 */
import type { QueryRunner } from 'typeorm';

/** The schema BI tools read (migration 18). */
export const BI_SCHEMA = 'bi';

export interface BiView {
  name: string;
  comment: string;
  select: string;
  /** Descriptions of the columns that the shared descriptions do not already give. */
  columns: Record<string, string>;
}

/** A quoted SQL literal for constant descriptions (they are code, never input). */
export const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Creates one view with its description and every column's (shared descriptions from `comments`). */
export async function createBiView(q: QueryRunner, view: BiView, comments: Record<string, string>): Promise<void> {
  const qualified = `${BI_SCHEMA}.${view.name}`;
  await q.query(`CREATE VIEW ${qualified} WITH (security_invoker = false) AS ${view.select}`);
  await q.query(`COMMENT ON VIEW ${qualified} IS ${literal(view.comment)}`);
  const columns: { name: string }[] = await q.query(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 ORDER BY attnum`,
    [qualified],
  );
  for (const { name } of columns) {
    const comment = view.columns[name] ?? comments[name];
    // BI tools show these descriptions: a view column without one is a mistake here, not a gap to ship.
    if (!comment) throw new Error(`${qualified}.${name} has no description`);
    await q.query(`COMMENT ON COLUMN ${qualified}.${name} IS ${literal(comment)}`);
  }
}

