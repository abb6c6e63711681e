import type { DataSource, EntityManager } from 'typeorm';
import { logger } from '../logger';

/**
 * Counts kept as records change (issue 21): the goal tally (goal-tally.ts) and the statistics tallies
 * (stats-tally.ts). Each is made from the registry types' declarations, so its triggers are made here at
 * start-up, by the owner after the migrations (src/db/migrate.ts), not written in a migration; migration 52's
 * `tally_definition` keeps what each was made from, and a changed declaration rebuilds that tally once.
 *
 * The triggers are statement-level, over transition tables: a bulk upsert of 5,000 records adds to the
 * tally once per key, not once per record. They run as the owner (SECURITY DEFINER): requests may read a
 * tally, never write one.
 */
export interface Tally {
  /** `goal:<table>` or `stats:<table>`. */
  name: string;
  kind: 'goal' | 'stats';
  /** The registry table whose records it counts. */
  table: string;
  /** What it is made from; a change rebuilds it. */
  definition: string;
  /** The table the tally is kept in (ANALYZEd after a rebuild). */
  tallyTable: string;
  /** Statements that make what the triggers write to, run before them (a statistics tally's table). */
  create?: string[];
  /** Statements that take that away again, after the triggers are dropped. */
  destroy?: string[];
  /** Adds the signed contributions of these row sources (aliased t inside) to the tally, in one statement. */
  add(sources: Array<[source: string, sign: 1 | -1]>): string;
  /** Empties the tally's rows of this table. */
  clear: string;
}

const DEFINER = 'SECURITY DEFINER SET search_path = pg_catalog, public';
const OPERATIONS = [
  ['insert', 'INSERT', 'REFERENCING NEW TABLE AS new_rows'],
  ['update', 'UPDATE', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'],
  ['delete', 'DELETE', 'REFERENCING OLD TABLE AS old_rows'],
] as const;

const functionOf = (t: Pick<Tally, 'table' | 'kind'>) => `${t.table}_${t.kind}_tally`;

/** The statements that make a tally's trigger functions and triggers (replacing any). */
function triggerStatements(tally: Tally): string[] {
  const fn = functionOf(tally);
  return [
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${tally.add([['new_rows', 1]])};
      ELSIF TG_OP = 'UPDATE' THEN
        ${tally.add([['new_rows', 1], ['old_rows', -1]])};
      ELSE
        ${tally.add([['old_rows', -1]])};
      END IF;
      RETURN NULL;
    END $$`,
    `CREATE OR REPLACE FUNCTION ${fn}_truncate() RETURNS trigger LANGUAGE plpgsql ${DEFINER} AS $$
    BEGIN
      ${tally.clear};
      RETURN NULL;
    END $$`,
    `REVOKE ALL ON FUNCTION ${fn}() FROM PUBLIC`,
    `REVOKE ALL ON FUNCTION ${fn}_truncate() FROM PUBLIC`,
    ...OPERATIONS.flatMap(([suffix, event, referencing]) => [
      `DROP TRIGGER IF EXISTS ${fn}_${suffix} ON ${tally.table}`,
      `CREATE TRIGGER ${fn}_${suffix} AFTER ${event} ON ${tally.table} ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    ]),
    `DROP TRIGGER IF EXISTS ${fn}_truncate ON ${tally.table}`,
    `CREATE TRIGGER ${fn}_truncate AFTER TRUNCATE ON ${tally.table} FOR EACH STATEMENT EXECUTE FUNCTION ${fn}_truncate()`,
  ];
}

/** The statements that take a tally's triggers and functions away. */
function dropStatements(t: Pick<Tally, 'table' | 'kind'>): string[] {
  const fn = functionOf(t);
  return [
    ...['insert', 'update', 'delete', 'truncate'].map((suffix) => `DROP TRIGGER IF EXISTS ${fn}_${suffix} ON ${t.table}`),
    `DROP FUNCTION IF EXISTS ${fn}()`,
    `DROP FUNCTION IF EXISTS ${fn}_truncate()`,
  ];
}

/**
 * Makes every tally's triggers and rebuilds the rows of any tally whose declaration changed (the first
 * time: every one). Each tally's registry table is held against writers (SHARE ROW EXCLUSIVE) while its
 * rows are counted, all in one transaction; instances starting together take turns (an advisory lock).
 * Where nothing changed it reads one small table. `gone` undoes a tally no longer declared.
 */
export async function syncTallies(
  dataSource: DataSource,
  wanted: readonly Tally[],
  gone: (name: string, definition: string) => { table: string; kind: Tally['kind']; destroy: string[]; clear: string | null },
): Promise<string[]> {
  const rebuilt: string[] = [];
  await dataSource.transaction(async (manager: EntityManager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('tally_sync'))`);
    const stored = new Map<string, string>(
      (await manager.query(`SELECT name, definition FROM tally_definition`)).map((r: { name: string; definition: string }) => [r.name, r.definition]),
    );
    const byName = new Map(wanted.map((t) => [t.name, t]));
    for (const name of new Set([...byName.keys(), ...stored.keys()])) {
      const tally = byName.get(name);
      if (tally && tally.definition === stored.get(name)) continue;
      const started = Date.now();
      if (stored.has(name)) {
        // Made from another declaration (or no longer declared): taken away first, then made anew.
        const old = gone(name, stored.get(name)!);
        for (const statement of dropStatements(old)) await manager.query(statement);
        if (old.clear) await manager.query(old.clear);
        for (const statement of old.destroy) await manager.query(statement);
        await manager.query(`DELETE FROM tally_definition WHERE name = $1`, [name]);
      }
      if (tally) {
        await manager.query(`LOCK TABLE ${tally.table} IN SHARE ROW EXCLUSIVE MODE`);
        for (const statement of [...(tally.create ?? []), ...triggerStatements(tally), tally.clear, tally.add([[tally.table, 1]])]) await manager.query(statement);
        await manager.query(`INSERT INTO tally_definition (name, definition) VALUES ($1, $2)`, [name, tally.definition]);
        // Every row was just written: the planner's estimates need fresh statistics.
        await manager.query(`ANALYZE ${tally.tallyTable}`);
      }
      logger.info({ tally: name, ms: Date.now() - started }, tally ? 'tally built' : 'tally removed');
      rebuilt.push(name);
    }
  });
  return rebuilt;
}
