import type { PlaceFilter } from './filters';
import { raw, sql, where, type SqlFragment } from '../db/sql';
import { filteredFrom, type TableSpec } from './table';
import type { RequestContext } from '../graphql/context';
import { badInput } from '../graphql/errors/codes';
import { SeriesGrouping, SeriesInterval, type TimeSeriesArgs, type TimeSeriesLineRow } from './time-series.type';

/** Enough for 50 years of months; more points than any chart shows, and a bound on the statement's rows. */
const MAX_SERIES_PERIODS = 600;

/**
 * When the event a record is dated by happened (a studio established, a craftsman recognised), as SQL
 * over `t`: the earliest and the latest day it can have been. Both are the same column where the day
 * is known or not (null); a craftsman known only by the year of recognition lies between 1 January and
 * 31 December of it. Each module declares its own next to its TableSpec; series and goal trends read it.
 */
export interface EventDate {
  earliest: string;
  latest: string;
}

/** An event known to the day: what most types are dated by. */
export const onDay = (column: string): EventDate => ({ earliest: column, latest: column });

/** What a time series needs about a registry type: its table (from and filter, as in its list field) and its event date. */
export interface SeriesSpec<Filter extends PlaceFilter> {
  table: TableSpec<unknown, Filter>;
  dated: EventDate;
}

/**
 * The day a record is counted on in periods of `unit`: the event's day where it is known to lie in one
 * period (a craftsman known by the year lies in one year, in no one month); null (undated) otherwise.
 */
function periodDate(dated: EventDate, unit: string): string {
  if (dated.earliest === dated.latest) return dated.earliest;
  return `CASE WHEN date_trunc('${unit}', ${dated.earliest}) = date_trunc('${unit}', ${dated.latest}) THEN ${dated.earliest} END`;
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
 * The lines and the record columns that place a record on one. Lines come from the province, city and
 * district tables so that places with nothing to count still get a line of zeros; records with no city
 * (or, by district, no district) get a line per province (city), only where such records exist.
 */
function linesOf(groupBy: SeriesGrouping, filter: PlaceFilter | null | undefined): { keys: string; lines: SqlFragment } {
  const province = filter?.provinceCode ?? null;
  const city = filter?.cityCode ?? null;
  const district = filter?.districtCode ?? null;
  /** The conditions on a line table: `own` names its columns of each level, `up` how to reach a level it lacks. */
  const inPlace = (own: { province: string; city?: string; district?: string }, up: { city?: string; district?: string }) => [
    ...(province ? [sql`${raw(own.province)} = ${province}`] : []),
    ...(city ? [own.city ? sql`${raw(own.city)} = ${city}` : sql`${raw(own.province)} IN (${raw(up.city!)} ${city})`] : []),
    ...(district ? [own.district ? sql`${raw(own.district)} = ${district}` : sql`${raw(own.city ?? own.province)} IN (${raw(up.district!)} ${district})`] : []),
  ];
  if (groupBy === SeriesGrouping.PROVINCE) {
    return {
      keys: 't.province_code, NULL::char(6), NULL::char(6)',
      lines: sql`SELECT p.code AS province_code, NULL::char(6) AS city_code, NULL::char(6) AS district_code FROM province p ${where(
        inPlace({ province: 'p.code' }, { city: 'SELECT c.province_code FROM city c WHERE c.code =', district: 'SELECT d.province_code FROM district d WHERE d.code =' }),
      )}`,
    };
  }
  if (groupBy === SeriesGrouping.CITY) {
    return {
      keys: 't.province_code, t.city_code, NULL::char(6)',
      lines: sql`SELECT c.province_code, c.code AS city_code, NULL::char(6) AS district_code FROM city c ${where(inPlace({ province: 'c.province_code', city: 'c.code' }, { district: 'SELECT d.city_code FROM district d WHERE d.code =' }))}
        UNION ALL SELECT DISTINCT r.province_code, NULL::char(6), NULL::char(6) FROM records r WHERE r.city_code IS NULL`,
    };
  }
  if (groupBy === SeriesGrouping.DISTRICT) {
    if (!province && !city && !district) {
      throw badInput('A series by DISTRICT needs a place: give provinceCode, cityCode or districtCode in the filter (the country has about 2,900 districts).', 'groupBy');
    }
    return {
      keys: 't.province_code, t.city_code, t.district_code',
      lines: sql`SELECT d.province_code, d.city_code, d.code AS district_code FROM district d ${where(inPlace({ province: 'd.province_code', city: 'd.city_code', district: 'd.code' }, {}))}
        UNION ALL SELECT DISTINCT r.province_code, r.city_code, NULL::char(6) FROM records r WHERE r.district_code IS NULL`,
    };
  }
  return { keys: 'NULL::char(6), NULL::char(6), NULL::char(6)', lines: raw('SELECT NULL::char(6) AS province_code, NULL::char(6) AS city_code, NULL::char(6) AS district_code') };
}

interface PointRow {
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
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
  const datedBy = periodDate(spec.dated, unit);
  const same = (a: string, b: string) => ['province_code', 'city_code', 'district_code'].map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');
  const rows = await ctx.db.query<PointRow>(sql`
    WITH periods AS (
      SELECT generate_series(${periods.from}::timestamp, ${periods.to}::timestamp, ${raw(`interval '${step}'`)})::date AS period
    ), records (province_code, city_code, district_code, dated_on) AS (
      SELECT ${raw(`${keys}, (${datedBy})::date`)} ${filteredFrom(spec.table, args.filter)}
    ), lines AS (${lines}
    ), totals AS (
      SELECT province_code, city_code, district_code, count(*) FILTER (WHERE dated_on IS NULL) AS undated, count(*) FILTER (WHERE dated_on < ${periods.from}::date) AS earlier
      FROM records GROUP BY 1, 2, 3
    ), binned AS (
      SELECT province_code, city_code, district_code, date_trunc(${raw(`'${unit}'`)}, dated_on::timestamp)::date AS period, count(*) AS n
      FROM records WHERE dated_on >= ${periods.from}::date AND dated_on < ${periods.end}::date GROUP BY 1, 2, 3, 4
    )
    SELECT l.province_code AS "provinceCode", l.city_code AS "cityCode", l.district_code AS "districtCode", p.period, coalesce(b.n, 0)::integer AS count,
      (coalesce(tot.earlier, 0) + sum(coalesce(b.n, 0)) OVER (PARTITION BY l.province_code, l.city_code, l.district_code ORDER BY p.period))::integer AS cumulative,
      coalesce(tot.undated, 0)::integer AS undated
    FROM lines l CROSS JOIN periods p
    LEFT JOIN totals tot ON ${raw(same('tot', 'l'))}
    LEFT JOIN binned b ON ${raw(same('b', 'l'))} AND b.period = p.period
    ORDER BY l.province_code NULLS FIRST, l.city_code NULLS LAST, l.district_code NULLS LAST, p.period`);
  const byLine = new Map<string, TimeSeriesLineRow>();
  for (const r of rows) {
    const key = `${r.provinceCode}|${r.cityCode}|${r.districtCode}`;
    let line = byLine.get(key);
    if (!line) byLine.set(key, (line = { provinceCode: r.provinceCode, cityCode: r.cityCode, districtCode: r.districtCode, undatedCount: r.undated, points: [] }));
    line.points.push({ period: r.period, count: r.count, cumulative: r.cumulative });
  }
  const result = [...byLine.values()];
  return { interval: args.interval, from: periods.from, to: periods.to, undatedCount: result.reduce((n, l) => n + l.undatedCount, 0), lines: result };
}
