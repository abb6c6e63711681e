import { raw, sql, SqlFragment, where } from '../db/sql';
import type { Dimension } from './dimensions';
import type { RegistryType } from './registry-type';
import type { Tally } from './tallies';
import { groupsInOrder, type TableSpec } from './table';

/**
 * A registry type's statistics tally (issue 21): its active records counted per place, sample flag and
 * value of each of its own plain-column dimensions (a studio's kind and demonstration level), in a table
 * of its own, `<table>_stats_tally`, with the registry table's column names and types, and one counter for
 * each aggregate its measures are made of: `count(t.c)` keeps `c_known` (records that state c), `sum(t.c)`
 * keeps `c_sum` and `c_known`, `count(*) FILTER (WHERE …)` keeps `where_<n>` (records that meet the condition).
 * A measure made of those (a share of two counts, as a service request's 按时反馈率) is computed from the
 * counters' sums. A statistics request whose grouping and filter name only the tally's columns, and whose
 * measures are all made of counters, reads it (a few hundred rows at any scale) instead of every record;
 * anything else (a month, an enterprise's ownership, a name search, archived records, a count of distinct
 * enterprises) is counted live, as before.
 */
export interface StatsTally {
  /** `<table>_stats_tally`. */
  table: string;
  /** The columns it groups by, as in the registry table. */
  columns: readonly string[];
  /** The counters besides `records`: each column's name and what one record adds to it (over the record `t`). */
  counters: ReadonlyArray<{ name: string; perRecord: string }>;
  /** The measures (GraphQL aliases) it answers: each as declared (over records) and as computed over the tally's rows. */
  measures: ReadonlyArray<{ alias: string; live: string; tallied: string }>;
  /** The measures it cannot keep (a count of distinct enterprises): a request that asks for one is counted live. */
  untallied: readonly string[];
}

const PLACE_AND_SAMPLE = ['province_code', 'city_code', 'district_code', 'is_sample'];

/** `count(*) FILTER (WHERE <condition>)`, the condition ending at the parenthesis that closes the FILTER's. */
const FILTERED_COUNT = 'count(*) FILTER (WHERE ';

/**
 * A measure's aggregates, each replaced by what computes it over the tally, and the counters that needs;
 * null where the measure reads anything else (a distinct count, a column outside an aggregate, a subquery).
 */
function tallied(expression: string, counters: Map<string, string>, conditions: string[]): string | null {
  let out = '';
  let rest = expression;
  for (;;) {
    const at = rest.indexOf(FILTERED_COUNT);
    if (at < 0) break;
    let depth = 1;
    let end = at + FILTERED_COUNT.length;
    for (; end < rest.length && depth > 0; end += 1) if (rest[end] === '(') depth += 1; else if (rest[end] === ')') depth -= 1;
    const condition = rest.slice(at + FILTERED_COUNT.length, end - 1);
    if (depth !== 0 || /\b(select|from|exists)\b/i.test(condition)) return null;
    if (!conditions.includes(condition)) conditions.push(condition);
    const name = `where_${conditions.indexOf(condition) + 1}`;
    // A condition that is null for a record (an unknown value) does not count it, as FILTER does not.
    counters.set(name, `coalesce((${condition})::int, 0)::bigint`);
    out += `${rest.slice(0, at)}coalesce(sum(t.${name}), 0)`;
    rest = rest.slice(end);
  }
  out += rest;
  out = out.replace(/\b(sum|count)\(t\.([a-z_]+)\)/g, (_, kind: string, column: string) => {
    if (kind === 'sum') counters.set(`${column}_sum`, `coalesce(t.${column}, 0)::numeric`);
    counters.set(`${column}_known`, `(t.${column} IS NOT NULL)::int::bigint`);
    // A sum over records none of which states the column is unknown (null), as a live sum is; a count of them is 0.
    return kind === 'sum' ? `(CASE WHEN sum(t.${column}_known) > 0 THEN sum(t.${column}_sum) END)` : `coalesce(sum(t.${column}_known), 0)`;
  });
  // What is left must be arithmetic over the counters: any other aggregate or column of the record is not kept.
  const left = out.replace(/sum\(t\.[a-z_0-9]+\)/g, '');
  if (/\bt\.|\b(count|sum|avg|min|max|array_agg|string_agg|bool_and|bool_or)\s*\(|\b(distinct|select|filter)\b/i.test(left)) return null;
  return out;
}

/** The statistics tally a type has: its grouping columns and the counters of the measures it can keep. */
export function statsTallyOf(table: string, dimensions: readonly Dimension[], measures: readonly Dimension[]): StatsTally {
  const own = dimensions.map((d) => /^t\.([a-z_]+)$/.exec(d.expression)?.[1]).filter((c): c is string => !!c && !PLACE_AND_SAMPLE.includes(c));
  const byColumn = new Map<string, string>();
  const byCondition = new Map<string, string>();
  const conditions: string[] = [];
  const kept: Array<{ alias: string; live: string; tallied: string }> = [];
  const untallied: string[] = [];
  for (const m of measures) {
    const counters = new Map<string, string>();
    const over = tallied(m.expression, counters, conditions);
    if (over === null) {
      untallied.push(m.alias);
      continue;
    }
    for (const [name, perRecord] of counters) (name.startsWith('where_') ? byCondition : byColumn).set(name, perRecord);
    kept.push({ alias: m.alias, live: m.expression, tallied: over });
  }
  // Column counters first, each column's sum before its known count, in the order measures name the columns
  // (the order tallies had before conditions were kept, so that theirs are not rebuilt), then the conditions.
  const columnOrder = [...new Set([...byColumn.keys()].map((name) => name.replace(/_(sum|known)$/, '')))];
  const columnCounters = columnOrder.flatMap((c) => [`${c}_sum`, `${c}_known`].filter((name) => byColumn.has(name)));
  return {
    table: `${table}_stats_tally`,
    columns: [...PLACE_AND_SAMPLE, ...new Set(own)],
    counters: [...columnCounters.map((name) => [name, byColumn.get(name)!] as const), ...byCondition].map(([name, perRecord]) => ({ name, perRecord })),
    measures: kept,
    untallied,
  };
}

/** The tally's own columns besides the grouping ones: the count, and each counter. */
const countColumns = (tally: StatsTally) => ['records', ...tally.counters.map((c) => c.name)];

function addToTally(tally: StatsTally, sources: Array<[string, 1 | -1]>): string {
  const columns = tally.columns.join(', ');
  const counts = countColumns(tally);
  const contributed = sources.map(
    ([source, sign]) =>
      `SELECT ${tally.columns.map((c) => `t.${c}`).join(', ')}, ${sign}::bigint AS records` +
      tally.counters.map((c) => `, ${sign} * ${c.perRecord} AS ${c.name}`).join('') +
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
    const sums = tally.counters.filter((c) => c.name.endsWith('_sum')).map((c) => c.name);
    const table = type.table.from.replace(/ t$/, '');
    return [{
      name: `stats:${table}`,
      kind: 'stats' as const,
      table,
      tallyTable: tally.table,
      // Each form as the tallies of its kind were first declared, so that an upgrade rebuilds none of them: the grouping
      // columns alone (no measures), with the counters' names (sums and counts of columns), and with what each counter
      // adds (a condition's counter is named by its place, `where_<n>`, so its name does not say what it counts).
      definition: JSON.stringify(
        !tally.counters.length
          ? tally.columns
          : tally.counters.some((c) => c.name.startsWith('where_'))
            ? { columns: tally.columns, counters: tally.counters }
            : { columns: tally.columns, measured: countColumns(tally) },
      ),
      create: [
        `CREATE TABLE ${tally.table} AS SELECT ${tally.columns.join(', ')}, 0::bigint AS records` +
          tally.counters.map((c) => `, 0::${sums.includes(c.name) ? 'numeric' : 'bigint'} AS ${c.name}`).join('') +
          ` FROM ${table} WITH NO DATA`,
        `COMMENT ON TABLE ${tally.table} IS 'Active ${table} records per place, sample flag and ${tally.columns.slice(PLACE_AND_SAMPLE.length).join(', ') || 'nothing else'}${tally.counters.length ? `, with the counters of its measures (${tally.counters.map((c) => c.name).join(', ')})` : ''}, kept by triggers (src/registry/stats-tally.ts). 统计汇总'`,
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
 * dimension that is not one of its columns, a filter that reads another column (or archived records), a
 * measure asked for (`requested`, GraphQL field names; all when not given) that it does not keep.
 * The filter's conditions are the list's own, over the tally's columns of the same names.
 */
export function tallyGroups(
  tally: StatsTally | undefined,
  dimensions: readonly Dimension[],
  conditions: readonly SqlFragment[],
  requested?: ReadonlySet<string>,
): SqlFragment | null {
  if (!tally) return null;
  if (tally.untallied.some((alias) => !requested || requested.has(alias))) return null;
  const columns = new Set(tally.columns);
  if (!dimensions.every((d) => columns.has(/^t\.([a-z_]+)$/.exec(d.expression)?.[1] ?? ''))) return null;
  // The tally holds active records only: the filter must ask for exactly those.
  if (conditions.filter(isActiveOnly).length !== 1) return null;
  const rest = conditions.filter((c) => !isActiveOnly(c));
  const read = new Set<string>();
  if (!rest.every((c) => columnsOf(c, read)) || ![...read].every((c) => columns.has(c))) return null;
  const measures = tally.measures.map((m) => `${m.tallied} AS "${m.alias}"`);
  const selected = [...dimensions.map((d) => `${d.expression} AS "${d.alias}"`), 'coalesce(sum(t.records), 0)::integer AS count', ...measures].join(', ');
  // Keys whose records were all archived or moved keep a row of 0: a group of no records is no group
  // (ungrouped, the one row counts 0, as a live count does).
  const groupBy = groupsInOrder(dimensions.length, 'sum(t.records) > 0');
  return sql`SELECT ${raw(selected)} FROM ${raw(tally.table)} t ${where(rest)} ${raw(groupBy)}`;
}

/**
 * Whether a statistics request with these arguments and these fields of its groups is answered from the
 * tally: what the query-cost walk asks before it runs (src/graphql/limits/query-cost.ts, the field's
 * `answeredFromTally` extension), so that a read of a few hundred rows is not priced as a scan of the table.
 */
export function answeredFromTally<Filter, D extends string>(
  tally: StatsTally | undefined,
  table: TableSpec<unknown, Filter>,
  dimensions: Record<D, Dimension>,
  args: { groupBy?: unknown; filter?: unknown },
  requested?: ReadonlySet<string>,
): boolean {
  if (!tally || !Array.isArray(args.groupBy)) return false;
  const chosen = [...new Set(args.groupBy as D[])].map((d) => dimensions[d]);
  if (chosen.some((d) => !d)) return false;
  return tallyGroups(tally, chosen, table.conditions((args.filter ?? null) as Filter), requested) !== null;
}
