/**
 * Goal forecasts (trend of the last 12 months, projection, reach date, status) and the goal ranking,
 * on hand-made records in a province the published data set leaves empty (浙江, 330000, and its cities,
 * as migrations load them) in this file's copy of the database. Records are dated relative to today (China time), so the expectations below hold on any
 * day: they are worked out by hand from the documented rule.
 */
import { syntheticCreditCode } from '../../src/common/credit-code';
import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, todayInShanghai } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const ZHEJIANG = '330000';
const CITIES = { HZ: '330100', NB: '330200', WZ: '330300', JX: '330400', HU: '330500', SX: '330600', JH: '330700' } as const;
const NAMES: Record<string, string> = { HZ: '杭州', NB: '宁波', WZ: '温州', JX: '嘉兴', HU: '湖州', SX: '绍兴', JH: '金华' };

const TODAY = todayInShanghai();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The same day `n` months earlier, or that month's last day when it is shorter (as calendars count). */
function monthsBefore(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - n, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay))).toISOString().slice(0, 10);
}
/** The trend window: after the same day a year ago, up to and including today. */
const YEAR_AGO = monthsBefore(TODAY, 12);
const inTrend = (date: string) => date > YEAR_AGO && date <= TODAY;
const OLD = '2015-06-01';
const ago = (days: number) => addDays(TODAY, -days);
/** 1,461 days = 48 months of 365.25 / 12 days: a pace of p a month adds exactly 48 × p. */
const FOUR_YEARS = addDays(TODAY, 1461);

let app: TestApp;
const q = (text: string, params: unknown[] = []) => app.dataSource.query(text, params);

/** Studios per city: their establishment dates (null: unknown). */
const STUDIOS: Record<keyof typeof CITIES, Array<string | null>> = {
  HZ: [OLD, OLD, OLD, OLD, ago(30), ago(300)], // 6, 2 of them in the last 12 months
  NB: [OLD, OLD, null], // 3, one of them undated: no pace can be measured
  WZ: [OLD, OLD, OLD, OLD, YEAR_AGO, addDays(YEAR_AGO, 1), ago(100), TODAY], // 8; a year ago to the day is out, the day after and today are in: 3
  JX: [OLD, OLD, ago(10), ago(20), ago(30)], // 5, 3 recent
  HU: [OLD, OLD, ago(10), ago(20), ago(30)],
  SX: [OLD, OLD, ago(10), ago(20), ago(30)],
  JH: [OLD, OLD, OLD], // 3, all dated, none recent: a measured pace of 0; Ningbo's ratio
};

/** City goals for INNOVATION_STUDIOS: [city, target, deadline]. */
const GOALS: Array<[keyof typeof CITIES, number, string]> = [
  ['HZ', 5, addDays(TODAY, 730)], // achieved
  ['NB', 10, addDays(TODAY, 365)], // insufficient history
  ['WZ', 20, ago(10)], // deadline passed
  ['JX', 17, FOUR_YEARS], // 5 + 3/12 × 48 = 17: exactly on track
  ['HU', 18, FOUR_YEARS], // 17 ≥ 90% of 18 = 16.2: at risk
  ['SX', 19, FOUR_YEARS], // 17 < 90% of 19 = 17.1: off track
  ['JH', 10, addDays(TODAY, 365)],
];

beforeAll(async () => {
  app = await startTestApp();
  // 浙江 and its cities are there already (GB/T 2260, migration 24), with the names the ranking shows.
  expect(await q(`SELECT code, name FROM city WHERE code = ANY($1) ORDER BY code`, [Object.values(CITIES)])).toEqual(
    Object.entries(CITIES).map(([key, code]) => ({ code, name: NAMES[key] })).sort((a, b) => a.code.localeCompare(b.code)),
  );
  const [{ id: source }] = await q('SELECT id FROM source ORDER BY id LIMIT 1');
  const [{ id: host }] = await q(`INSERT INTO enterprise (credit_code, name, ownership, province_code) VALUES ($1, '浙江测试企业', 'PRIVATE', $2) RETURNING id`, [
    syntheticCreditCode(ZHEJIANG, 1), ZHEJIANG,
  ]);
  // Studios with no host enterprise on record (a record lies in its enterprise's city, and the province's one has none).
  const studio = (city: string, on: string | null, archived = false) =>
    q(`INSERT INTO innovation_studio (name, kind, province_code, city_code, established_on, archived_at) VALUES ('测试工作室', 'EMPLOYEE', $1, $2, $3, $4)`, [
      ZHEJIANG, city, on, archived ? new Date() : null,
    ]);
  for (const [key, dates] of Object.entries(STUDIOS)) for (const on of dates) await studio(CITIES[key as keyof typeof CITIES], on);
  await studio(CITIES.WZ, ago(5), true); // archived: counts nowhere

  const goal = (city: string | null, metric: string, target: number, deadline: string, archived = false) =>
    q(`INSERT INTO goal (province_code, city_code, metric, target, deadline, source_id, archived_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      ZHEJIANG, city, metric, target, deadline, source, archived ? new Date() : null,
    ]);
  for (const [key, target, deadline] of GOALS) await goal(CITIES[key], 'INNOVATION_STUDIOS', target, deadline);
  // Not in the studio ranking: province-wide, archived, another metric
  await goal(null, 'INNOVATION_STUDIOS', 100, FOUR_YEARS);
  await goal(CITIES.NB, 'INNOVATION_STUDIOS', 1, FOUR_YEARS, true);
  await goal(CITIES.HZ, 'CRAFTSMAN_ACADEMIES', 3, FOUR_YEARS);

  // Craftsmen, dated by recognition day, else only to their year
  const craftsman = (status: string, year: number | null, recognizedOn: string | null, archived = false) =>
    q(`INSERT INTO craftsman (name, level, status, year, recognized_on, province_code, city_code, archived_at) VALUES ('测试工匠', 'MUNICIPAL', $1, $2, $3, $4, $5, $6)`, [
      status, year, recognizedOn, ZHEJIANG, CITIES.HZ, archived ? new Date() : null,
    ]);
  await craftsman('CERTIFIED', null, ago(60));
  await craftsman('CERTIFIED', Number(TODAY.slice(0, 4)) - 1, null); // some day of last year
  await craftsman('CERTIFIED', Number(TODAY.slice(0, 4)) - 3, null);
  await craftsman('CERTIFIED', Number(YEAR_AGO.slice(0, 4)), YEAR_AGO);
  await craftsman('IN_TRAINING', null, ago(10)); // not certified: not counted
  await craftsman('CERTIFIED', null, ago(5), true); // archived
  await goal(null, 'CRAFTSMEN', 10, FOUR_YEARS);

  for (const [on, workers] of [[ago(90), 100], ['2015-01-01', 50]] as const) {
    await q(`INSERT INTO collective_innovation_contract (enterprise_id, province_code, signed_on, term_months, workers_covered) VALUES ($1, $2, $3, 36, $4)`, [host, ZHEJIANG, on, workers]);
  }
  await goal(null, 'WORKERS_COVERED', 1000, FOUR_YEARS);
});
afterAll(() => app.close());

const FORECAST = 'current daysLeft trendLast12Months monthlyTrend projectedAtDeadline projectedReachDate status paceMeasured onTrack';

async function progressOf(): Promise<Map<string, any>> {
  const res = await gql(app, `{ goals(first: 100, filter: { provinceCode: "${ZHEJIANG}" }) { nodes { metric city { code } progress { ${FORECAST} } } } }`);
  return new Map(res.goals.nodes.map((g: any) => [`${g.city?.code ?? ZHEJIANG}:${g.metric}`, g.progress]));
}
const studios = (progress: Map<string, any>, city: keyof typeof CITIES) => progress.get(`${CITIES[city]}:INNOVATION_STUDIOS`);

describe('goal forecast', () => {
  let progress: Map<string, any>;
  beforeAll(async () => {
    progress = await progressOf();
  });

  it('an achieved goal: ACHIEVED, no reach date; the projection still runs at its pace', () => {
    const p = studios(progress, 'HZ');
    expect(p).toMatchObject({ current: 6, trendLast12Months: 2, monthlyTrend: 0.17, projectedReachDate: null, status: 'ACHIEVED', daysLeft: 730, paceMeasured: true, onTrack: true });
    // 6 + 2/12 a month for 730 days (730 / 30.4375 = 23.98 months) = 10.00
    expect(p.projectedAtDeadline).toBeCloseTo(6 + (2 / 12) * (730 / 30.4375), 2);
  });

  it('a goal with every record dated and none recent: a measured pace of 0, projected = current, no reach date, OFF_TRACK', () => {
    expect(studios(progress, 'JH')).toEqual({
      current: 3, daysLeft: 365, trendLast12Months: 0, monthlyTrend: 0, projectedAtDeadline: 3, projectedReachDate: null, status: 'OFF_TRACK', paceMeasured: true, onTrack: false,
    });
  });

  it('a goal with an undated record: the pace cannot be measured, nothing is projected, INSUFFICIENT_HISTORY, not OFF_TRACK', () => {
    expect(studios(progress, 'NB')).toEqual({
      current: 3, daysLeft: 365, trendLast12Months: 0, monthlyTrend: 0, projectedAtDeadline: null, projectedReachDate: null, status: 'INSUFFICIENT_HISTORY',
      paceMeasured: false, onTrack: null,
    });
  });

  it('a deadline in the past: projected = current, OFF_TRACK, reached later at the pace of the last 12 months', () => {
    // today and the day after a year ago count; a year ago to the day and the archived studio do not
    expect(studios(progress, 'WZ')).toEqual({
      current: 8, daysLeft: 0, trendLast12Months: 3, monthlyTrend: 0.25, projectedAtDeadline: 8,
      // 12 still needed at 0.25 a month: 48 months = 1,461 days
      projectedReachDate: addDays(TODAY, 1461), status: 'OFF_TRACK', paceMeasured: true, onTrack: false,
    });
  });

  it('on track: projected exactly the target at the deadline, reached on the deadline', () => {
    expect(studios(progress, 'JX')).toEqual({
      current: 5, daysLeft: 1461, trendLast12Months: 3, monthlyTrend: 0.25, projectedAtDeadline: 17, projectedReachDate: FOUR_YEARS, status: 'ON_TRACK',
      paceMeasured: true, onTrack: true,
    });
  });

  it('at risk: projected 17 of 18, at least 90%; reached 13 / 0.25 = 52 months from today', () => {
    // 52 × 30.4375 = 1,582.75 days → the 1,583rd day
    expect(studios(progress, 'HU')).toMatchObject({ projectedAtDeadline: 17, projectedReachDate: addDays(TODAY, 1583), status: 'AT_RISK' });
  });

  it('off track: projected 17 of 19, below 90% (17.1)', () => {
    // 14 / 0.25 = 56 months = 1,704.5 days → the 1,705th day
    expect(studios(progress, 'SX')).toMatchObject({ projectedAtDeadline: 17, projectedReachDate: addDays(TODAY, 1705), status: 'OFF_TRACK' });
  });

  it('a province-wide goal counts its cities together; Ningbo’s undated studio leaves its pace unmeasured', () => {
    const p = progress.get(`${ZHEJIANG}:INNOVATION_STUDIOS`);
    const all = Object.values(STUDIOS).flat();
    const trend = all.filter((d) => d !== null && inTrend(d)).length;
    expect(trend).toBe(2 + 3 + 3 + 3 + 3);
    // the dated ones alone: 35 + 14/12 × 48 = 91 of 100, short of it; the undated one might be recent, so no verdict
    expect(p).toMatchObject({ current: 35, trendLast12Months: 14, monthlyTrend: 1.17, projectedAtDeadline: null, status: 'INSUFFICIENT_HISTORY', paceMeasured: false });
    expect(all.length).toBe(35);
  });

  it('craftsmen: certified ones, dated by recognition; one known only by last year is in the trend window only if all of that year is', () => {
    const lastYear = Number(TODAY.slice(0, 4)) - 1;
    // last year lies wholly after YEAR_AGO never; wholly at or before it only when today is 31 December
    const lastYearPlaced = `${lastYear}-12-31` <= YEAR_AGO;
    const trend = [ago(60)].filter(inTrend).length;
    // the in-training, the archived and the year-old or older craftsmen do not count in the trend
    const expected = lastYearPlaced
      ? { current: 4, trendLast12Months: trend, paceMeasured: true, projectedAtDeadline: 4 + (trend / 12) * 48, status: 4 + (trend / 12) * 48 >= 9 ? 'AT_RISK' : 'OFF_TRACK' }
      : { current: 4, trendLast12Months: trend, paceMeasured: false, projectedAtDeadline: null, status: 'INSUFFICIENT_HISTORY' };
    expect(progress.get(`${ZHEJIANG}:CRAFTSMEN`)).toMatchObject(expected);
  });

  it('workers covered: the workers of contracts signed in the last 12 months', () => {
    // 150 + 100/12 × 48 = 550 of 1,000: off track; 850 more at 100 a year = 8.5 years = 3,104.6 days
    expect(progress.get(`${ZHEJIANG}:WORKERS_COVERED`)).toMatchObject({
      current: 150, trendLast12Months: 100, monthlyTrend: 8.33, projectedAtDeadline: 550, projectedReachDate: addDays(TODAY, 3105), status: 'OFF_TRACK', paceMeasured: true,
    });
  });

  it('all goals of a page take one statement for their progress, however many', async () => {
    const shape = (filter: string) => `{ goals(first: 100, filter: { ${filter} }) { nodes { progress { ${FORECAST} } } } }`;
    const ours = await app.graphql(shape(`provinceCode: "${ZHEJIANG}"`));
    const one = await app.graphql(shape(`cityCode: "${CITIES.HZ}", metrics: [CRAFTSMAN_ACADEMIES]`));
    expect(ours.data.goals.nodes.length).toBeGreaterThan(one.data.goals.nodes.length);
    expect(ours.extensions.sqlStatements).toBe(2);
    expect(one.extensions.sqlStatements).toBe(2);
  });
});

describe('goalRanking', () => {
  const RANKING = 'rank city { code name } goal { target metric } progress { current ratio status }';
  const ranking = async (args: string) => (await gql(app, `{ goalRanking(${args}) { ${RANKING} } }`)).goalRanking;

  it("orders a province's city goals by ratio, highest first, equal ratios by city code", async () => {
    const entries = await ranking(`metric: INNOVATION_STUDIOS, provinceCode: "${ZHEJIANG}"`);
    // 6/5 = 1.2 · 8/20 = 0.4 · 3/10 = 0.3 (宁波 330200 before 金华 330700) · 5/17 · 5/18 · 5/19
    expect(entries.map((e: any) => [e.rank, e.city.name, e.progress.current, e.goal.target])).toEqual([
      [1, '杭州', 6, 5], [2, '温州', 8, 20], [3, '宁波', 3, 10], [4, '金华', 3, 10], [5, '嘉兴', 5, 17], [6, '湖州', 5, 18], [7, '绍兴', 5, 19],
    ]);
    expect(entries.map((e: any) => e.progress.status)).toEqual(['ACHIEVED', 'OFF_TRACK', 'INSUFFICIENT_HISTORY', 'OFF_TRACK', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK']);
    expect(entries.every((e: any) => e.goal.metric === 'INNOVATION_STUDIOS')).toBe(true);
  });

  it('without a province, every city goal for the metric: Nanjing’s 598 of 1,000 between 1.2 and 0.4', async () => {
    const entries = await ranking('metric: INNOVATION_STUDIOS');
    expect(entries.map((e: any) => e.city.code)).toEqual([CITIES.HZ, '320100', CITIES.WZ, CITIES.NB, CITIES.JH, CITIES.JX, CITIES.HU, CITIES.SX]);
    expect(entries[1].progress).toMatchObject({ current: PUBLISHED.nanjingStudios, ratio: PUBLISHED.nanjingStudios / PUBLISHED.nanjingStudioGoal });
    expect(entries.map((e: any) => e.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('filters by deadline, ranking from 1 within what is left', async () => {
    expect((await ranking(`metric: INNOVATION_STUDIOS, provinceCode: "${ZHEJIANG}", deadlineTo: "${TODAY}"`)).map((e: any) => [e.rank, e.city.code])).toEqual([[1, CITIES.WZ]]);
    const later = await ranking(`metric: INNOVATION_STUDIOS, provinceCode: "${ZHEJIANG}", deadlineFrom: "${addDays(TODAY, 1000)}"`);
    expect(later.map((e: any) => [e.rank, e.city.code])).toEqual([[1, CITIES.JX], [2, CITIES.HU], [3, CITIES.SX]]);
  });

  it('another metric, and a metric no city has a goal for', async () => {
    expect((await ranking('metric: CRAFTSMAN_ACADEMIES')).map((e: any) => [e.rank, e.city.code, e.progress.current])).toEqual([[1, CITIES.HZ, 0]]);
    expect(await ranking('metric: WORKERS_COVERED')).toEqual([]);
  });

  it('runs one statement (the ranking with its values and its cities), however many entries', async () => {
    const shape = (province: string) => `{ goalRanking(metric: INNOVATION_STUDIOS, provinceCode: "${province}") { ${RANKING} progress { trendLast12Months projectedReachDate } } }`;
    const ours = await app.graphql(shape(ZHEJIANG));
    const jiangsu = await app.graphql(shape('320000'));
    expect(ours.data.goalRanking).toHaveLength(7);
    expect(jiangsu.data.goalRanking).toHaveLength(1);
    expect(ours.extensions.sqlStatements).toBe(1);
    expect(jiangsu.extensions.sqlStatements).toBe(1);
  });
});
