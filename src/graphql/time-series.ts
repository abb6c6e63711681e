import type { PlaceFilter } from '../db/filters';
import { raw, sql, where, type SqlFragment } from '../db/sql';
import { filteredFrom, type TableSpec } from '../db/table';
import type { RequestContext } from './context';
import { badInput } from './errors/codes';
import { SeriesGrouping, SeriesInterval, type TimeSeriesArgs, type TimeSeriesLineRow } from './time-series.type';

/** Enough for 50 years of months; more points than any chart shows, and a bound on the statement's rows. */
const MAX_SERIES_PERIODS = 600;

/**
 * What a time series needs about a registry type: its table (from and filter, as in its list field)
 * and the date each record is dated by, an SQL expression over `t` that is null when unknown. Each
 * module declares the expression next to its TableSpec.
 */
export interface SeriesSpec<Filter extends PlaceFilter> {
  table: TableSpec<unknown, Filter>;
  datedBy: string;
}

/** SQL text per interval, from code only: the step of generate_series and the date_trunc unit. */
const INTERVALS: Record<SeriesInterval, { months: number; step: string; unit: string }> = {
  [SeriesInterval.MONTH]: { months: 1, step: '1 month', unit: 'month' },
  [SeriesInterval.YEAR]: { months: 12, step: '1 year', unit: 'year' },
};

/** Months since year 0 of the period a 'YYYY-MM-DD' date falls in, and back. */
const monthIndex = (date: string, months: number) => {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  return index - (index % months);
};
const monthDate = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;

/** The periods asked for: first days of the first and last period, the day after the last, and how many. */
function seriesPeriods(interval: SeriesInterval, from: string, to: string) {
  if (from > to) throw badInput(`from (${from}) is after to (${to}): give the first period first.`, 'from');
  const { months } = INTERVALS[interval];
  const first = monthIndex(from, months);
  const last = monthIndex(to, months);
  const count = (last - first) / months + 1;
  if (count > MAX_SERIES_PERIODS) {
    throw badInput(`from ${from} to ${to} is ${count} periods of a ${interval.toLowerCase()}; a series has at most ${MAX_SERIES_PERIODS}: shorten the range or count by YEAR.`, 'to');
  }
  return { from: monthDate(first), to: monthDate(last), end: monthDate(last + months), count };
}

/**
 * The lines and the record columns that place a record on one. Lines come from the province and
 * city tables so that places with nothing to count still get a line of zeros; records with no city
 * get a line per province, only where such records exist.
 */
function linesOf(groupBy: SeriesGrouping, filter: PlaceFilter | null | undefined): { keys: string; lines: SqlFragment } {
  const province = filter?.provinceCode ?? null;
  const city = filter?.cityCode ?? null;
  if (groupBy === SeriesGrouping.PROVINCE) {
    const conditions = [
      ...(province ? [sql`p.code = ${province}`] : []),
      ...(city ? [sql`p.code IN (SELECT c.province_code FROM city c WHERE c.code = ${city})`] : []),
    ];
    return { keys: 't.province_code, NULL::char(6)', lines: sql`SELECT p.code AS province_code, NULL::char(6) AS city_code FROM province p ${where(conditions)}` };
  }
  if (groupBy === SeriesGrouping.CITY) {
    const conditions = [...(province ? [sql`c.province_code = ${province}`] : []), ...(city ? [sql`c.code = ${city}`] : [])];
    return {
      keys: 't.province_code, t.city_code',
      lines: sql`SELECT c.province_code, c.code AS city_code FROM city c ${where(conditions)}
        UNION ALL SELECT DISTINCT r.province_code, NULL::char(6) FROM records r WHERE r.city_code IS NULL`,
    };
  }
  return { keys: 'NULL::char(6), NULL::char(6)', lines: raw('SELECT NULL::char(6) AS province_code, NULL::char(6) AS city_code') };
}

interface PointRow {
  provinceCode: string | null;
  cityCode: string | null;
  period: string;
  count: number;
  cumulative: number;
  undated: number;
}

/**
 * Counts per period and running totals for every line, in one statement: the filtered records are
 * read once, binned by period, and the running total is a window sum per line on top of the records
 * dated before the series starts. Undated records are counted per line, in no point.
 */
export async function timeSeries<Filter extends PlaceFilter>(ctx: RequestContext, spec: SeriesSpec<Filter>, args: TimeSeriesArgs & { filter?: Filter | null }) {
  const periods = seriesPeriods(args.interval, args.from, args.to);
  const { step, unit } = INTERVALS[args.interval];
  const { keys, lines } = linesOf(args.groupBy ?? SeriesGrouping.NONE, args.filter);
  const rows = await ctx.db.query<PointRow>(sql`
    WITH periods AS (
      SELECT generate_series(${periods.from}::timestamp, ${periods.to}::timestamp, ${raw(`interval '${step}'`)})::date AS period
    ), records (province_code, city_code, dated_on) AS (
      SELECT ${raw(`${keys}, (${spec.datedBy})::date`)} ${filteredFrom(spec.table, args.filter)}
    ), lines AS (${lines}
    ), totals AS (
      SELECT province_code, city_code, count(*) FILTER (WHERE dated_on IS NULL) AS undated, count(*) FILTER (WHERE dated_on < ${periods.from}::date) AS earlier
      FROM records GROUP BY 1, 2
    ), binned AS (
      SELECT province_code, city_code, date_trunc(${raw(`'${unit}'`)}, dated_on::timestamp)::date AS period, count(*) AS n
      FROM records WHERE dated_on >= ${periods.from}::date AND dated_on < ${periods.end}::date GROUP BY 1, 2, 3
    )
    SELECT l.province_code AS "provinceCode", l.city_code AS "cityCode", p.period, coalesce(b.n, 0)::integer AS count,
      (coalesce(tot.earlier, 0) + sum(coalesce(b.n, 0)) OVER (PARTITION BY l.province_code, l.city_code ORDER BY p.period))::integer AS cumulative,
      coalesce(tot.undated, 0)::integer AS undated
    FROM lines l CROSS JOIN periods p
    LEFT JOIN totals tot ON tot.province_code IS NOT DISTINCT FROM l.province_code AND tot.city_code IS NOT DISTINCT FROM l.city_code
    LEFT JOIN binned b ON b.province_code IS NOT DISTINCT FROM l.province_code AND b.city_code IS NOT DISTINCT FROM l.city_code AND b.period = p.period
    ORDER BY l.province_code NULLS FIRST, l.city_code NULLS LAST, p.period`);
  const byLine = new Map<string, TimeSeriesLineRow>();
  for (const r of rows) {
    const key = `${r.provinceCode}|${r.cityCode}`;
    let line = byLine.get(key);
    if (!line) byLine.set(key, (line = { provinceCode: r.provinceCode, cityCode: r.cityCode, undatedCount: r.undated, points: [] }));
    line.points.push({ period: r.period, count: r.count, cumulative: r.cumulative });
  }
  const result = [...byLine.values()];
  return { interval: args.interval, from: periods.from, to: periods.to, undatedCount: result.reduce((n, l) => n + l.undatedCount, 0), lines: result };
}
