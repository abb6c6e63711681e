import { goalMetrics } from './goal-metrics';
import type { GoalMetricDeclaration } from './registry-type';
import type { Tally } from './tallies';

/**
 * The goal tally (migration 52): what goals count, kept as records change, so that goal progress and
 * rankings read a few hundred rows at any scale instead of every record of their scope (issue 21).
 *
 * A record that a metric counts (active, meeting the metric's condition) adds to the rows of its metric,
 * of each of its scopes (its province, city and district), of its sample flag and of its event date: the
 * exact (earliest, latest) days ('D'), the months they fall in ('M', dated by each month's first day) and
 * the years ('Y', by each year's first day).
 * Each row holds how many records, the sum of their known values (their number for a count) and how many
 * have no value. A goal's evidence compares event dates only with three days: the window's start, today,
 * and the day the goal counts from. A year row answers every such comparison exactly unless one of its
 * years holds one of those days, a month row unless one of its months does; the month rows of those (at
 * most three) years and the day rows of those months answer the rest (`goalTallyEvidence`). So a goal
 * reads its scope's year rows, a few years of month rows and a few months of day rows: about a hundred
 * rows, however many records there are.
 *
 * Those rows still cost about 0.3 ms a goal; so each goal's evidence is also kept as of one day (goal_evidence,
 * migration 54), added to by the same triggers and counted again from the tally for each new day
 * (goal-evidence.ts). A read takes a goal's row where it is kept for that read's day, and counts from the tally
 * otherwise (`goalEvidence`).
 *
 * Its triggers are made from the declarations at start-up (tallies.ts). A property test (test/graphql/tallies.int.spec.ts) holds
 * the tally and the kept evidence equal to a live count after random writes.
 */

type Metrics = Array<[string, GoalMetricDeclaration]>;

/** The first day of the month of a date expression, immutably (date_trunc on a date goes through timestamptz). */
const monthOf = (date: string) => `(${date} - (extract(day from ${date})::integer - 1))`;
/** The first day of the year of a date expression. */
const yearOf = (date: string) => `(${date} - (extract(doy from ${date})::integer - 1))`;

/** Each row of `source` (aliased t) that a metric counts, as a signed contribution. */
function contributions(metrics: Metrics, source: string, sign: 1 | -1): string {
  return metrics
    .map(([metric, m]) => {
      const value = m.summed ? `coalesce((${m.summed})::numeric, 0)` : '1';
      const unknown = m.summed ? `CASE WHEN (${m.summed}) IS NULL THEN 1 ELSE 0 END` : '0';
      return `SELECT '${metric}'::text AS metric, t.province_code, t.city_code, t.district_code, t.is_sample,
          (${m.dated.earliest})::date AS earliest, (${m.dated.latest})::date AS latest,
          ${sign}::bigint AS records, ${sign} * ${value} AS value_sum, (${sign} * ${unknown})::bigint AS unknown_values
        FROM ${source} t WHERE t.archived_at IS NULL${m.condition ? ` AND (${m.condition})` : ''}`;
    })
    .join('\n      UNION ALL ');
}

/**
 * Adds contributions to the tally and to the kept evidence of the goals they count for (goal_evidence,
 * migration 54), in one statement. The tally: spread over the record's scopes and grains, summed per row
 * key (one insertion per key however many records), in key order (concurrent writers lock rows in the same
 * order), and nothing where the changes cancel out (an edit that moves no count writes no row). The
 * evidence: each goal of a changed metric and scope gets the contributions' measures as of the day its
 * evidence is kept for. The measures are computed in the SET from the row being updated, so a row that a
 * concurrent refresh moved to another day is added to as of that day (PostgreSQL re-evaluates the SET for
 * the row's latest version); and additions commute, like the tally's.
 */
function addToTally(metrics: Metrics, sources: Array<[string, 1 | -1]>): string {
  const contributed = sources.map(([source, sign]) => contributions(metrics, source, sign)).join('\n      UNION ALL ');
  const earliest = `CASE gr.grain WHEN 'D' THEN c.earliest WHEN 'M' THEN ${monthOf('c.earliest')} ELSE ${yearOf('c.earliest')} END`;
  const latest = `CASE gr.grain WHEN 'D' THEN c.latest WHEN 'M' THEN ${monthOf('c.latest')} ELSE ${yearOf('c.latest')} END`;
  const nonZero = `HAVING sum(c.records) <> 0 OR sum(c.value_sum) <> 0 OR sum(c.unknown_values) <> 0`;
  const scopeOf = `coalesce(g.district_code, g.city_code, g.province_code)`;
  const counts = `t.metric = g.metric AND ${scopeOf} IN (t.province_code, t.city_code, t.district_code)`;
  return `WITH c AS MATERIALIZED (
      SELECT c.metric, c.province_code, c.city_code, c.district_code, c.is_sample, c.earliest, c.latest,
        sum(c.records) AS records, sum(c.value_sum) AS value_sum, sum(c.unknown_values) AS unknown_values
      FROM (${contributed}) c GROUP BY 1, 2, 3, 4, 5, 6, 7 ${nonZero}
    ), tallied AS (
    INSERT INTO goal_tally AS g (metric, scope_code, grain, earliest, latest, is_sample, records, value_sum, unknown_values)
    SELECT c.metric, s.scope_code, gr.grain, ${earliest}, ${latest}, c.is_sample, sum(c.records), sum(c.value_sum), sum(c.unknown_values)
    FROM c
      CROSS JOIN LATERAL (VALUES (c.province_code), (c.city_code), (c.district_code)) s (scope_code)
      CROSS JOIN (VALUES ('D'), ('M'), ('Y')) gr (grain)
    WHERE s.scope_code IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    ${nonZero}
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (metric, scope_code, grain, earliest, latest, is_sample)
    DO UPDATE SET records = g.records + excluded.records, value_sum = g.value_sum + excluded.value_sum, unknown_values = g.unknown_values + excluded.unknown_values
    )
    UPDATE goal_evidence e SET (${EVIDENCE_COLUMNS.join(', ')}) = (
      SELECT ${goalMeasures().map((measure, i) => `e.${EVIDENCE_COLUMNS[i]} + ${measure}`).join(', ')}
      FROM c t CROSS JOIN LATERAL (SELECT e.as_of AS today, (e.as_of - interval '12 months')::date AS after) w
      WHERE ${counts} AND ${inGoalPeriod})
    FROM goal g
    WHERE g.id = e.goal_id AND EXISTS (SELECT FROM c t WHERE ${counts})`;
}

/** Empties the tally's rows of these metrics, and the kept evidence of their goals (the refresh makes it again from the tally). */
const clearMetrics = (names: readonly string[]) => {
  const list = names.map((n) => `'${n}'`).join(', ');
  return `DELETE FROM goal_tally WHERE metric IN (${list});
    DELETE FROM goal_evidence e USING goal g WHERE g.id = e.goal_id AND g.metric IN (${list})`;
};

/** Per registry table whose records some goal metric counts, its goal tally. */
export function goalTallies(): Tally[] {
  const byTable = new Map<string, Metrics>();
  for (const [metric, m] of goalMetrics()) byTable.set(m.table, [...(byTable.get(m.table) ?? []), [metric, m]]);
  return [...byTable].map(([table, metrics]) => ({
    name: `goal:${table}`,
    kind: 'goal',
    table,
    tallyTable: 'goal_tally',
    // Its triggers keep the goals' evidence too since migration 54: a definition of its own, so an upgrade makes them again.
    definition: JSON.stringify({ metrics: metrics.map(([metric, m]) => [metric, m.condition ?? null, m.summed ?? null, m.dated.earliest, m.dated.latest]), keeps: 'goal_evidence' }),
    add: (sources) => addToTally(metrics, sources),
    clear: clearMetrics(metrics.map(([metric]) => metric)),
  }));
}

/** A goal tally made from an earlier declaration: its metrics' rows are deleted. */
export function formerGoalTally(table: string, definition: string) {
  // Before migration 54 a definition was the metrics' array alone.
  const parsed = JSON.parse(definition) as Array<[string]> | { metrics: Array<[string]> };
  const metrics = (Array.isArray(parsed) ? parsed : parsed.metrics).map(([metric]) => metric);
  return { table, kind: 'goal' as const, destroy: [], clear: metrics.length ? clearMetrics(metrics) : null };
}

/** The kept evidence's columns (goal_evidence, migration 54), in the order of the evidence array. */
export const EVIDENCE_COLUMNS = ['records', 'value_sum', 'unknown_values', 'gained_last_12_months', 'undated', 'samples', 'outside_period'] as const;

/** Which tally rows or contributions (aliased t) a goal `g` counts at all: none whose latest day is before its period. */
const inGoalPeriod = `(g.counts_from IS NULL OR t.latest IS NULL OR t.latest >= g.counts_from)`;

/**
 * The evidence's measures over rows aliased t (tally rows or contributions: earliest, latest, is_sample, records,
 * value_sum, unknown_values) for the goal `g` in the trend window `w` (`w.after`, `w.today`): [records, current,
 * unknown values, gained in the window, undated, samples, not placeable in the goal's period]. `counted`,
 * `inWindow` and `placed` are the same comparisons of event dates as a live count's.
 */
function goalMeasures(): string[] {
  const inPeriod = `(g.counts_from IS NULL OR t.earliest >= g.counts_from)`;
  const counted = `${inPeriod} IS TRUE`;
  const inWindow = `(t.earliest > w.after AND t.latest <= w.today)`;
  const placed = `coalesce(t.latest <= w.after OR t.earliest > w.today OR ${inWindow}, false)`;
  const sum = (column: string, filter: string) => `coalesce(sum(t.${column}) FILTER (WHERE ${filter}), 0)`;
  return [
    sum('records', counted), sum('value_sum', counted), sum('unknown_values', counted), sum('value_sum', `${counted} AND ${inWindow}`),
    sum('records', `${counted} AND NOT ${placed}`), sum('records', `${counted} AND t.is_sample`), sum('records', `NOT ${counted}`),
  ];
}

/**
 * The evidence of the goal `g` in the trend window `w`, counted from the tally: an array of `type` in the order of
 * EVIDENCE_COLUMNS.
 */
export function goalTallyEvidence(type: 'bigint' | 'numeric' = 'bigint'): string {
  // The years and months that hold a day the dates are compared with (null dates lie in none). A record is read from
  // its year rows where neither date lies in such a year, else from its month rows where neither lies in such a month,
  // else from its day rows: each record once, each comparison exact. Rows of a boundary year or month are looked up as
  // ranges of the indexes (by either date).
  const days = ['w.after', 'w.today', 'g.counts_from'];
  const years = days.map(yearOf);
  const months = days.map(monthOf);
  const within = (date: string, firsts: string[], span: string) =>
    `coalesce(${firsts.map((first) => `(${date} >= ${first} AND ${date} < (${first} + interval '${span}')::date)`).join(' OR ')}, false)`;
  const inYears = (date: string) => within(date, years, '1 year');
  const inMonths = (date: string) => within(date, months, '1 month');
  const ranges = (firsts: string[]) => `(SELECT DISTINCT b.first FROM unnest(ARRAY[${firsts.join(', ')}]) AS b (first) WHERE b.first IS NOT NULL) b`;
  const inRange = (date: string, span: string) => `${date} >= b.first AND ${date} < (b.first + interval '${span}')::date`;
  const scope = `x.metric = g.metric AND x.scope_code = coalesce(g.district_code, g.city_code, g.province_code)`;
  const rows = [
    `SELECT x.* FROM goal_tally x WHERE ${scope} AND x.grain = 'Y' AND NOT ${inYears('x.earliest')} AND NOT ${inYears('x.latest')}`,
    `SELECT x.* FROM ${ranges(years)} JOIN goal_tally x ON ${scope} AND x.grain = 'M' AND ${inRange('x.earliest', '1 year')}
      WHERE NOT ${inMonths('x.earliest')} AND NOT ${inMonths('x.latest')}`,
    `SELECT x.* FROM ${ranges(years)} JOIN goal_tally x ON ${scope} AND x.grain = 'M' AND ${inRange('x.latest', '1 year')}
      WHERE NOT ${inYears('x.earliest')} AND NOT ${inMonths('x.latest')}`,
    `SELECT x.* FROM ${ranges(months)} JOIN goal_tally x ON ${scope} AND x.grain = 'D' AND ${inRange('x.earliest', '1 month')}`,
    `SELECT x.* FROM ${ranges(months)} JOIN goal_tally x ON ${scope} AND x.grain = 'D' AND ${inRange('x.latest', '1 month')} WHERE NOT ${inMonths('x.earliest')}`,
  ].join('\n      UNION ALL ');
  return `(SELECT ARRAY[${goalMeasures().join(', ')}]::${type}[] FROM (${rows}) t WHERE ${inGoalPeriod})`;
}

/**
 * The evidence of the goal `g` (with its id) in the trend window `w`, as goal.service.ts reads it: the goal's kept
 * evidence where it is kept for `w.today` (one row), else counted from the tally (COALESCE runs that subquery only then).
 */
export function goalEvidence(): string {
  return `coalesce((SELECT ARRAY[${EVIDENCE_COLUMNS.map((c) => `e.${c}`).join(', ')}]::bigint[] FROM goal_evidence e WHERE e.goal_id = g.id AND e.as_of = w.today),
    ${goalTallyEvidence()})`;
}

/**
 * Keeps the evidence of every goal that has none for `$1` (a day, China time) or later: counted from the tally. Run by the
 * owner with the tally and the goals held against writers (goal-evidence.ts: their triggers add to the tally and the kept
 * evidence together, or forget a changed goal's row), so that no write lands between the count and the row; returns the
 * goals it kept.
 */
export const REFRESH_GOAL_EVIDENCE = `WITH w AS (SELECT $1::date AS today, ($1::date - interval '12 months')::date AS after)
  INSERT INTO goal_evidence (goal_id, as_of, ${EVIDENCE_COLUMNS.join(', ')})
  SELECT g.id, w.today, ${EVIDENCE_COLUMNS.map((_, i) => `x.v[${i + 1}]`).join(', ')}
  FROM goal g CROSS JOIN w CROSS JOIN LATERAL (SELECT ${goalTallyEvidence('numeric')} AS v OFFSET 0) x
  WHERE NOT EXISTS (SELECT FROM goal_evidence e WHERE e.goal_id = g.id AND e.as_of >= w.today)
  ORDER BY g.id
  ON CONFLICT (goal_id) DO UPDATE SET as_of = excluded.as_of, ${EVIDENCE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE goal_evidence.as_of < excluded.as_of
  RETURNING goal_id`;

/**
 * Whether some goal has no kept evidence for `$1` or a later day: the refresh has work (one cheap look before taking the
 * lock). A row is never moved back a day: an instance whose clock is behind another's, just after midnight, leaves the
 * other's rows for the new day as they are (its own reads count from the tally for those seconds).
 */
export const GOAL_EVIDENCE_MISSING = `SELECT EXISTS (SELECT FROM goal g WHERE NOT EXISTS (SELECT FROM goal_evidence e WHERE e.goal_id = g.id AND e.as_of >= $1::date)) AS missing`;
