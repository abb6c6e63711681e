import { raw, sql, SqlFragment, where } from '../db/sql';
import type { Dimension } from './dimensions';
import type { RegistryType } from './registry-type';
import type { Tally } from './tallies';
import { groupsInOrder, type TableSpec } from './table';

/**
 * A registry type's statistics tally (issue 21): its active records counted per place, sample flag and
 * value of each of its own plain-column dimensions (a studio's kind and demonstration level), in a table
 * of its own, `<table>_stats_tally`, with the registry table's column names and types, and for each column
 * its measures sum or count (an organisation's members), that column's sum and how many records state it.
 * A statistics request whose grouping and filter name only those columns reads it (a few hundred rows at any
 * scale) instead of every record; anything else (a month, an enterprise's ownership, a name search, archived
 * records) is counted live, as before. A type with a measure that is not a plain sum or count of a column (a
 * count of distinct enterprises, a share) has no tally.
 */
export interface StatsTally {
  /** `<table>_stats_tally`. */
  table: string;
  /** The columns it groups by, as in the registry table. */
  columns: readonly string[];
  /** The columns its measures sum or count: the tally keeps `<column>_known` (records that state it) and, for a sum, `<column>_sum`. */
  measured: ReadonlyArray<{ column: string; summed: boolean }>;
  /** Each measure of the type's statistics (its GraphQL alias) as the tally answers it. */
  measures: ReadonlyArray<{ alias: string; kind: 'sum' | 'count'; column: string }>;
}

/** A measure the tally can keep: `sum(t.<column>)::integer` or `count(t.<column>)::integer`. */
const TALLIED_MEASURE = /^(sum|count)\(t\.([a-z_]+)\)::integer$/;

const PLACE_AND_SAMPLE = ['province_code', 'city_code', 'district_code', 'is_sample'];

/** The statistics tally a type can have: none where its statistics measure more than the count. */
export function statsTallyOf(table: string, dimensions: readonly Dimension[], measures: readonly Dimension[]): StatsTally | undefined {
  const tallied = measures.map((m) => ({ alias: m.alias, match: TALLIED_MEASURE.exec(m.expression) }));
  if (tallied.some((m) => !m.match)) return undefined;
  const own = dimensions.map((d) => /^t\.([a-z_]+)$/.exec(d.expression)?.[1]).filter((c): c is string => !!c && !PLACE_AND_SAMPLE.includes(c));
  return {
    table: `${table}_stats_tally`,
    columns: [...PLACE_AND_SAMPLE, ...new Set(own)],
    measured: [...new Set(tallied.map((m) => m.match![2]))].map((column) => ({ column, summed: tallied.some((m) => m.match![2] === column && m.match![1] === 'sum') })),
    measures: tallied.map((m) => ({ alias: m.alias, kind: m.match![1] as 'sum' | 'count', column: m.match![2] })),
  };
}

/** The tally's own columns besides the grouping ones: the count, and each measured column's sum and known count. */
const countColumns = (tally: StatsTally) => ['records', ...tally.measured.flatMap((m) => [...(m.summed ? [`${m.column}_sum`] : []), `${m.column}_known`])];

function addToTally(tally: StatsTally, sources: Array<[string, 1 | -1]>): string {
  const columns = tally.columns.join(', ');
  const counts = countColumns(tally);
  const contributed = sources.map(
    ([source, sign]) =>
      `SELECT ${tally.columns.map((c) => `t.${c}`).join(', ')}, ${sign}::bigint AS records` +
      tally.measured.map((m) => `${m.summed ? `, ${sign} * coalesce(t.${m.column}, 0)::numeric AS ${m.column}_sum` : ''}, ${sign} * (t.${m.column} IS NOT NULL)::int::bigint AS ${m.column}_known`).join('') +
      ` FROM ${source} t WHERE t.archived_at IS NULL`,
  );
  const key = tally.columns.map((_, i) => i + 1).join(', ');
  // A record whose measure changed in place adds nothing to the count but to the sum: a key is kept where anything moved.
  return `INSERT INTO ${tally.table} AS s (${columns}, ${counts.join(', ')})
    SELECT ${columns}, ${counts.map((c) => `sum(c.${c})`).join(', ')} FROM (${contributed.join(' UNION ALL ')}) c
    GROUP BY ${key} HAVING ${counts.map((c) => `sum(c.${c}) <> 0`).join(' OR ')} ORDER BY ${key}
    ON CONFLICT (${columns}) DO UPDATE SET ${counts.map((c) => `${c} = s.${c} + excluded.${c}`).join(', ')}`;
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
      // The grouping columns alone, as before measures were kept, so that a type without measures is not rebuilt.
      definition: JSON.stringify(tally.measured.length ? { columns: tally.columns, measured: countColumns(tally) } : tally.columns),
      create: [
        `CREATE TABLE ${tally.table} AS SELECT ${tally.columns.join(', ')}, 0::bigint AS records` +
          tally.measured.map((m) => `${m.summed ? `, 0::numeric AS ${m.column}_sum` : ''}, 0::bigint AS ${m.column}_known`).join('') +
          ` FROM ${table} WITH NO DATA`,
        `COMMENT ON TABLE ${tally.table} IS 'Active ${table} records per place, sample flag and ${tally.columns.slice(PLACE_AND_SAMPLE.length).join(', ') || 'nothing else'}${tally.measured.length ? `, with how many records state ${tally.measured.map((m) => m.column).join(', ')} and the sums` : ''}, kept by triggers (src/registry/stats-tally.ts). 统计汇总'`,
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
  const measures = tally.measures.map((m) =>
    // A sum over records none of which states the column is unknown (null), as a live sum is; a count of them is 0.
    m.kind === 'sum' ? `(CASE WHEN sum(t.${m.column}_known) > 0 THEN sum(t.${m.column}_sum) END)::integer AS "${m.alias}"` : `coalesce(sum(t.${m.column}_known), 0)::integer AS "${m.alias}"`,
  );
  const selected = [...dimensions.map((d) => `${d.expression} AS "${d.alias}"`), 'coalesce(sum(t.records), 0)::integer AS count', ...measures].join(', ');
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
