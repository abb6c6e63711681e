import { raw, sql, SqlFragment, where } from '../db/sql';
import type { Dimension } from './dimensions';
import type { RegistryType } from './registry-type';
import type { Tally } from './tallies';
import { groupsInOrder, type TableSpec } from './table';

/**
 * A registry type's statistics tally (issue 21): its active records counted per place, sample flag and
 * value of each of its own plain-column dimensions (a studio's kind and demonstration level), in a table
 * of its own, `<table>_stats_tally`, with the registry table's column names and types. A statistics
 * request whose grouping and filter name only those columns reads it (a few hundred rows at any scale)
 * instead of every record; anything else (a month, an enterprise's ownership, a name search, archived
 * records, a measure beyond the count) is counted live, as before.
 */
export interface StatsTally {
  /** `<table>_stats_tally`. */
  table: string;
  /** The columns it groups by, as in the registry table. */
  columns: readonly string[];
}

const PLACE_AND_SAMPLE = ['province_code', 'city_code', 'district_code', 'is_sample'];

/** The statistics tally a type can have: none where its statistics measure more than the count. */
export function statsTallyOf(table: string, dimensions: readonly Dimension[], measures: readonly unknown[]): StatsTally | undefined {
  if (measures.length) return undefined;
  const own = dimensions.map((d) => /^t\.([a-z_]+)$/.exec(d.expression)?.[1]).filter((c): c is string => !!c && !PLACE_AND_SAMPLE.includes(c));
  return { table: `${table}_stats_tally`, columns: [...PLACE_AND_SAMPLE, ...new Set(own)] };
}

function addToTally(tally: StatsTally, sources: Array<[string, 1 | -1]>): string {
  const columns = tally.columns.join(', ');
  const contributed = sources.map(([source, sign]) => `SELECT ${tally.columns.map((c) => `t.${c}`).join(', ')}, ${sign}::bigint AS records FROM ${source} t WHERE t.archived_at IS NULL`);
  const key = tally.columns.map((_, i) => i + 1).join(', ');
  return `INSERT INTO ${tally.table} AS s (${columns}, records)
    SELECT ${columns}, sum(c.records) FROM (${contributed.join(' UNION ALL ')}) c
    GROUP BY ${key} HAVING sum(c.records) <> 0 ORDER BY ${key}
    ON CONFLICT (${columns}) DO UPDATE SET records = s.records + excluded.records`;
}

/** The statistics tallies of these registry types, for tallies.ts to keep. */
export function statsTallies(types: readonly RegistryType[]): Tally[] {
  return types.flatMap((type) => {
    const tally = type.statsTally;
    if (!tally) return [];
    const table = type.table.from.replace(/ t$/, '');
    return [{
      name: `stats:${table}`,
      kind: 'stats' as const,
      table,
      tallyTable: tally.table,
      definition: JSON.stringify(tally.columns),
      create: [
        `CREATE TABLE ${tally.table} AS SELECT ${tally.columns.join(', ')}, 0::bigint AS records FROM ${table} WITH NO DATA`,
        `COMMENT ON TABLE ${tally.table} IS 'Active ${table} records per place, sample flag and ${tally.columns.slice(PLACE_AND_SAMPLE.length).join(', ') || 'nothing else'}, kept by triggers (src/registry/stats-tally.ts). 统计汇总'`,
        `CREATE UNIQUE INDEX ${tally.table}_key ON ${tally.table} (${tally.columns.join(', ')}) NULLS NOT DISTINCT`,
        `CREATE INDEX ${tally.table}_city_idx ON ${tally.table} (city_code)`,
        `GRANT SELECT ON ${tally.table} TO registry_app`,
      ],
      destroy: [`DROP TABLE IF EXISTS ${tally.table}`],
      add: (sources) => addToTally(tally, sources),
      clear: `DELETE FROM ${tally.table}`,
    }];
  });
}

/** A statistics tally made from an earlier declaration: its table goes. */
export function formerStatsTally(table: string) {
  return { table, kind: 'stats' as const, destroy: [`DROP TABLE IF EXISTS ${table}_stats_tally`], clear: null };
}

/** The `t.` columns a condition reads, and whether it reads anything else (a subquery). */
function columnsOf(fragment: SqlFragment, found: Set<string>): boolean {
  for (const part of fragment.parts) {
    if (part instanceof SqlFragment) {
      if (!columnsOf(part, found)) return false;
    } else if (typeof part === 'string') {
      if (/\b(select|from|exists)\b/i.test(part)) return false;
      for (const match of part.matchAll(/\bt\.([a-z_]+)/g)) found.add(match[1]);
    }
  }
  return true;
}

const ACTIVE_ONLY = 't.archived_at IS NULL';
const isActiveOnly = (f: SqlFragment) => f.parts.length === 1 && f.parts[0] === ACTIVE_ONLY;

/**
 * The GROUP BY of a statistics request over the tally, or null where the tally cannot answer it: a
 * dimension that is not one of its columns, a filter that reads another column (or archived records).
 * The filter's conditions are the list's own, over the tally's columns of the same names.
 */
export function tallyGroups(tally: StatsTally | undefined, dimensions: readonly Dimension[], conditions: readonly SqlFragment[]): SqlFragment | null {
  if (!tally) return null;
  const columns = new Set(tally.columns);
  if (!dimensions.every((d) => columns.has(/^t\.([a-z_]+)$/.exec(d.expression)?.[1] ?? ''))) return null;
  // The tally holds active records only: the filter must ask for exactly those.
  if (conditions.filter(isActiveOnly).length !== 1) return null;
  const rest = conditions.filter((c) => !isActiveOnly(c));
  const read = new Set<string>();
  if (!rest.every((c) => columnsOf(c, read)) || ![...read].every((c) => columns.has(c))) return null;
  const selected = [...dimensions.map((d) => `${d.expression} AS "${d.alias}"`), 'coalesce(sum(t.records), 0)::integer AS count'].join(', ');
  // Keys whose records were all archived or moved keep a row of 0: a group of no records is no group
  // (ungrouped, the one row counts 0, as a live count does).
  const groupBy = groupsInOrder(dimensions.length, 'sum(t.records) > 0');
  return sql`SELECT ${raw(selected)} FROM ${raw(tally.table)} t ${where(rest)} ${raw(groupBy)}`;
}

/**
 * Whether a statistics request with these arguments is answered from the tally: what the query-cost walk
 * asks before it runs (src/graphql/limits/query-cost.ts, the field's `answeredFromTally` extension), so that
 * a read of a few hundred rows is not priced as a scan of the table.
 */
export function answeredFromTally<Filter, D extends string>(
  tally: StatsTally | undefined,
  table: TableSpec<unknown, Filter>,
  dimensions: Record<D, Dimension>,
  args: { groupBy?: unknown; filter?: unknown },
): boolean {
  if (!tally || !Array.isArray(args.groupBy)) return false;
  const chosen = [...new Set(args.groupBy as D[])].map((d) => dimensions[d]);
  if (chosen.some((d) => !d)) return false;
  return tallyGroups(tally, chosen, table.conditions((args.filter ?? null) as Filter)) !== null;
}
