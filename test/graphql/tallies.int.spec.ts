/**
 * The tallies (src/registry/goal-tally.ts, stats-tally.ts) stay exactly equal to a live count: after random
 * sequences of creates, edits, moves between cities and districts, archives, restores and bulk upserts
 * (through the API's own upsert and behind its back in SQL), every goal's evidence as the API gives it
 * equals the live count of its records (the count the goal service ran before the tally, written out here), and so
 * does the evidence each goal keeps for today (goal_evidence, kept by the same triggers: no refresh runs here),
 * and the statistics the API reads from a tally equal a GROUP BY over the records. Event dates are drawn
 * around the days the evidence compares with (the trend window's start, today, a goal's first day), where
 * the tally switches from month rows to day rows.
 */
import fc from 'fast-check';
import { todayInChina } from '../../src/common/calendar';
import { goalMetrics } from '../../src/registry/goal-metrics';
import { refreshGoalEvidence } from '../../src/registry/goal-evidence';
import { EVIDENCE_COLUMNS } from '../../src/registry/goal-tally';
import { registryModules } from '../../src/modules';
import { testEnterprises } from '../setup/fixtures';
import { nodeId, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const NANJING = '320100';
const SUZHOU = '320500';
const RUNS = Number(process.env.TALLY_RUNS || 60);
const TODAY = todayInChina();

let app: TestApp;
let admin: string;
let hosts: Record<string, number[]>;
let districts: Record<string, Array<string | null>>;
const q = <T = any>(text: string, params?: unknown[]) => sqlRows<T>(app, text, params);

/** A date as YYYY-MM-DD, `days` after `date`. */
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const yearBefore = `${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`;
/** A goal's first day, mid-month: its month is a boundary month too. */
const COUNTS_FROM = shift(TODAY, -200).slice(0, 8) + '15';
/** Days near every boundary, and far from them, and unknown. */
const eventDate = fc.oneof(
  ...[TODAY, yearBefore, COUNTS_FROM].map((day) => fc.integer({ min: -40, max: 40 }).map((d) => shift(day, d))),
  fc.integer({ min: 400, max: 4000 }).map((d) => shift(TODAY, -d)),
  fc.constant(null),
);

const studio = fc.record({ city: fc.constantFrom(NANJING, SUZHOU), host: fc.nat(1), district: fc.nat(2), kind: fc.constantFrom('EMPLOYEE', 'MODEL_WORKER', 'CRAFTSMAN'), on: eventDate, sample: fc.boolean() });
const craftsman = fc.record({
  city: fc.constantFrom(NANJING, SUZHOU, null), district: fc.nat(2), level: fc.constantFrom('NATIONAL', 'PROVINCIAL', 'MUNICIPAL'),
  status: fc.constantFrom('CERTIFIED', 'CANDIDATE'), on: eventDate, yearOnly: fc.boolean(), sample: fc.boolean(),
});
/** Which of the rows an operation touches: a fraction of them, by id modulo. */
const some = fc.record({ modulo: fc.integer({ min: 2, max: 7 }), rest: fc.nat(6) });
const operation = fc.oneof(
  fc.record({ op: fc.constant('insert studios' as const), rows: fc.array(studio, { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('insert craftsmen' as const), rows: fc.array(craftsman, { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('upsert studios' as const), rows: fc.array(studio.map((s) => ({ ...s, city: NANJING })), { minLength: 1, maxLength: 6 }), key: fc.nat(9) }),
  fc.record({ op: fc.constant('redate' as const), which: some, table: fc.constantFrom('innovation_studio', 'craftsman'), on: eventDate }),
  fc.record({ op: fc.constant('move studios' as const), which: some, to: fc.constantFrom(NANJING, SUZHOU), district: fc.nat(2) }),
  fc.record({ op: fc.constant('move craftsmen' as const), which: some, to: fc.constantFrom(NANJING, SUZHOU, null), district: fc.nat(2) }),
  fc.record({ op: fc.constant('archive' as const), which: some, table: fc.constantFrom('innovation_studio', 'craftsman') }),
  fc.record({ op: fc.constant('restore' as const), which: some, table: fc.constantFrom('innovation_studio', 'craftsman') }),
  fc.record({ op: fc.constant('recertify' as const), which: some, status: fc.constantFrom('CERTIFIED', 'CANDIDATE'), level: fc.constantFrom('NATIONAL', 'MUNICIPAL') }),
  fc.record({ op: fc.constant('resample' as const), which: some, table: fc.constantFrom('innovation_studio', 'craftsman') }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

const picked = (which: { modulo: number; rest: number }) => `id % ${which.modulo} = ${which.rest % which.modulo} AND name LIKE '计数测试%'`;
const districtOf = (city: string | null, index: number) => (city ? districts[city][index % districts[city].length] : null);
let serial = 0;

async function apply(o: Operation): Promise<void> {
  switch (o.op) {
    case 'insert studios':
      for (const s of o.rows) {
        await q(`INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code, district_code, established_on, is_sample) VALUES ($1, $2, $3, '320000', $4, $5, $6, $7)`,
          [`计数测试工作室 ${(serial += 1)}`, s.kind, hosts[s.city][s.host], s.city, districtOf(s.city, s.district), s.on, s.sample]);
      }
      return;
    case 'insert craftsmen':
      // One statement for the lot: a statement-level trigger adds them together.
      await q(`INSERT INTO craftsman (name, level, status, year, recognized_on, province_code, city_code, district_code, is_sample)
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::date[], $6::text[], $7::text[], $8::text[], $9::boolean[])`, [
        o.rows.map(() => `计数测试工匠 ${(serial += 1)}`), o.rows.map((c) => c.level), o.rows.map((c) => c.status),
        o.rows.map((c) => (c.on ? Number(c.on.slice(0, 4)) : null)), o.rows.map((c) => (c.yearOnly ? null : c.on)),
        o.rows.map(() => '320000'), o.rows.map((c) => c.city), o.rows.map((c) => districtOf(c.city, c.district)), o.rows.map((c) => c.sample),
      ]);
      return;
    case 'upsert studios': {
      // Through the API's bulk upsert (INSERT … ON CONFLICT DO UPDATE: both triggers in one statement): new external ids and known ones.
      const records = o.rows.map((s, i) => ({
        externalId: `tally-${(o.key + i) % 10}`, name: `计数测试工作室 upsert ${(o.key + i) % 10}`, kind: s.kind,
        cityCode: NANJING, enterpriseId: nodeId('Enterprise', hosts[NANJING][s.host]), establishedOn: s.on && s.on > TODAY ? TODAY : s.on, // the API refuses a day to come
      }));
      const unique = [...new Map(records.map((r) => [r.externalId, r])).values()];
      const res = await app.graphqlAs(admin, `mutation($input: UpsertInnovationStudiosInput!) { upsertInnovationStudios(input: $input) { applied rowErrors { index code message } userErrors { code message } } }`, { input: { records: unique } });
      expect(res.errors).toBeUndefined();
      expect(res.data.upsertInnovationStudios).toMatchObject({ applied: true, rowErrors: [], userErrors: [] });
      return;
    }
    case 'redate':
      if (o.table === 'craftsman') await q(`UPDATE craftsman SET recognized_on = $1, year = $2 WHERE ${picked(o.which)}`, [o.on, o.on ? Number(o.on.slice(0, 4)) : null]);
      else await q(`UPDATE innovation_studio SET established_on = $1 WHERE ${picked(o.which)}`, [o.on]);
      return;
    case 'move studios':
      await q(`UPDATE innovation_studio SET enterprise_id = $1, city_code = $2, district_code = $3 WHERE external_id IS NULL AND ${picked(o.which)}`, [hosts[o.to][0], o.to, districtOf(o.to, o.district)]);
      return;
    case 'move craftsmen':
      await q(`UPDATE craftsman SET city_code = $1, district_code = $2 WHERE enterprise_id IS NULL AND ${picked(o.which)}`, [o.to, districtOf(o.to, o.district)]);
      return;
    case 'archive':
      await q(`UPDATE ${o.table} SET archived_at = now() WHERE archived_at IS NULL AND ${picked(o.which)}`);
      return;
    case 'restore':
      await q(`UPDATE ${o.table} SET archived_at = NULL WHERE archived_at IS NOT NULL AND ${picked(o.which)}`);
      return;
    case 'recertify':
      await q(`UPDATE craftsman SET status = $1, level = $2 WHERE ${picked(o.which)}`, [o.status, o.level]);
      return;
    case 'resample':
      await q(`UPDATE ${o.table} SET is_sample = NOT is_sample WHERE ${picked(o.which)}`);
      return;
  }
}

/** A goal's evidence counted live over its records: the goal service's own statement before the tally (issue 21). */
function liveEvidence(metric: string): string {
  const m = goalMetrics().get(metric)!;
  const inPeriod = `(g.counts_from IS NULL OR ${m.dated.earliest} >= g.counts_from)`;
  const counted = `${inPeriod} IS TRUE`;
  const inWindow = `(${m.dated.earliest} > w.after AND ${m.dated.latest} <= w.today)`;
  const placed = `coalesce(${m.dated.latest} <= w.after OR ${m.dated.earliest} > w.today OR ${inWindow}, false)`;
  const value = (filter: string) => (m.summed ? `coalesce(sum(${m.summed}) FILTER (WHERE ${filter}), 0)` : `count(*) FILTER (WHERE ${filter})`);
  const measures = [
    `count(*) FILTER (WHERE ${counted})`, value(counted), m.summed ? `count(*) FILTER (WHERE ${counted} AND ${m.summed} IS NULL)` : '0',
    value(`${counted} AND ${inWindow}`), `count(*) FILTER (WHERE ${counted} AND NOT ${placed})`, `count(*) FILTER (WHERE ${counted} AND t.is_sample)`,
    `count(*) FILTER (WHERE NOT ${counted})`,
  ];
  const select = (scope: string) =>
    `(SELECT ARRAY[${measures.join(', ')}]::bigint[] FROM ${m.table} t WHERE ${scope} AND t.archived_at IS NULL${m.condition ? ` AND ${m.condition}` : ''}
      AND (g.counts_from IS NULL OR ${m.dated.latest} IS NULL OR ${m.dated.latest} >= g.counts_from))`;
  return `(CASE WHEN g.district_code IS NOT NULL THEN ${select('t.district_code = g.district_code')}
    WHEN g.city_code IS NOT NULL THEN ${select('t.city_code = g.city_code')} ELSE ${select('t.province_code = g.province_code')} END)`;
}

const METRICS = ['INNOVATION_STUDIOS', 'CRAFTSMEN', 'NATIONAL_CRAFTSMEN', 'MUNICIPAL_CRAFTSMEN'];
let goalIds: number[] = [];

/** Every test goal's evidence, as the API answers it, as counted live and as kept for today. */
async function goalEvidence(): Promise<{ api: unknown[]; live: unknown[]; kept: unknown[] }> {
  const ids = goalIds.map((id) => nodeId('Goal', id));
  const res = await app.graphql(`query Evidence${(asked += 1)}($ids: [ID!]!) { nodes(ids: $ids) { ... on Goal { metric progress { evidence {
    registryRecords registryValue unknownValueRecords gainedLast12Months undatedRecords sampleRecords periodUnknownRecords } } } } }`, { ids });
  expect(res.errors).toBeUndefined();
  const api = res.data.nodes.map((n: any) => [n.metric, ...Object.values(n.progress.evidence).map(Number)]);
  const live = await q<{ v: string[]; metric: string }>(`WITH w AS (SELECT $1::date AS today, ($1::date - interval '12 months')::date AS after)
    SELECT g.metric, (CASE g.metric ${METRICS.map((m) => `WHEN '${m}' THEN ${liveEvidence(m)}`).join(' ')} END) AS v
    FROM goal g CROSS JOIN w WHERE g.id = ANY($2) ORDER BY array_position($2, g.id)`, [TODAY, goalIds]);
  const kept = await q<{ metric: string; v: string[] }>(`SELECT g.metric, ARRAY[${EVIDENCE_COLUMNS.map((c) => `e.${c}`).join(', ')}]::bigint[] AS v
    FROM goal g JOIN goal_evidence e ON e.goal_id = g.id AND e.as_of = $1 WHERE g.id = ANY($2) ORDER BY array_position($2, g.id)`, [TODAY, goalIds]);
  return { api, live: live.map((r) => [r.metric, ...r.v.map(Number)]), kept: kept.map((r) => [r.metric, ...r.v.map(Number)]) };
}

let asked = 0;
/** Statistics the API reads from a tally, beside a GROUP BY over the records. */
async function stats(): Promise<Array<{ what: string; api: unknown; live: unknown }>> {
  const checks: Array<{ what: string; api: unknown; live: unknown }> = [];
  // A new alias each time: a new query text, which the response cache has not seen (these writes bypass the API).
  const studioStats = async (groupBy: string, filter: string, fields: string) =>
    (await app.graphql(`{ s${(asked += 1)}: innovationStudioStats(groupBy: [${groupBy}], filter: ${filter}) { ${fields} count } }`)).data[`s${asked}`];
  checks.push({
    what: 'studios by city and kind in Jiangsu',
    api: await studioStats('CITY, KIND', '{ provinceCode: "320000" }', 'cityCode kind'),
    live: await q(`SELECT city_code AS "cityCode", kind, count(*)::int AS count FROM innovation_studio WHERE archived_at IS NULL AND province_code = '320000' GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2 NULLS LAST`),
  });
  checks.push({
    what: "Nanjing's studios by district, samples only",
    api: await studioStats('DISTRICT', `{ cityCode: "${NANJING}", isSample: true }`, 'districtCode'),
    live: await q(`SELECT district_code AS "districtCode", count(*)::int AS count FROM innovation_studio WHERE archived_at IS NULL AND city_code = $1 AND is_sample GROUP BY 1 ORDER BY 1 NULLS LAST`, [NANJING]),
  });
  checks.push({
    what: 'every studio, ungrouped',
    api: await studioStats('', '{}', ''),
    live: await q(`SELECT count(*)::int AS count FROM innovation_studio WHERE archived_at IS NULL`),
  });
  const craftsmen = await app.graphql(`{ c${(asked += 1)}: craftsmanStats(groupBy: [CITY, LEVEL, STATUS], filter: { provinceCode: "320000" }) { cityCode level status count } }`);
  expect(craftsmen.errors).toBeUndefined();
  checks.push({
    what: 'craftsmen by city, level and status',
    api: craftsmen.data[`c${asked}`],
    live: await q(`SELECT city_code AS "cityCode", level, status, count(*)::int AS count FROM craftsman WHERE archived_at IS NULL AND province_code = '320000' GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST, 2 NULLS LAST, 3 NULLS LAST`),
  });
  return checks;
}

beforeAll(async () => {
  registryModules();
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  const query = (text: string, params?: unknown[]) => app.dataSource.query(text, params);
  hosts = {
    [NANJING]: (await testEnterprises(query, NANJING, 2)).map((e) => e.id),
    [SUZHOU]: (await testEnterprises(query, SUZHOU, 2)).map((e) => e.id),
  };
  districts = {};
  for (const city of [NANJING, SUZHOU]) {
    districts[city] = [null, ...(await q<{ code: string }>(`SELECT code FROM district WHERE city_code = $1 ORDER BY code LIMIT 2`, [city])).map((d) => d.code)];
  }
  // Goals of each metric in each kind of scope, counting everything or only from a day.
  const [{ id: sourceId }] = await q(`SELECT id FROM source ORDER BY id LIMIT 1`);
  for (const metric of METRICS) {
    for (const [city, district] of [[null, null], [NANJING, null], [SUZHOU, null], [NANJING, districts[NANJING][1]]]) {
      for (const countsFrom of [null, COUNTS_FROM]) {
        const [goal] = await q(`INSERT INTO goal (province_code, city_code, district_code, metric, target, deadline, counts_from, source_id)
          VALUES ('320000', $1, $2, $3, 1000, '2030-12-31', $4, $5) RETURNING id`, [city, district, metric, countsFrom, sourceId]);
        goalIds.push(goal.id);
      }
    }
  }
  // Their evidence kept for today, as the server does at start (src/registry/goal-evidence.ts); from here on only the triggers keep it.
  expect(await refreshGoalEvidence(app.dataSource, TODAY)).toBeGreaterThanOrEqual(goalIds.length);
}, 60_000);
afterAll(() => app.close());

it('the counts the API reads from the tallies equal a live count after any sequence of writes', async () => {
  // The published data set first: the tallies were built from it at start-up.
  const published = await goalEvidence();
  expect(published.api).toEqual(published.live);
  expect(published.kept).toEqual(published.live);
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
      for (const o of operations) await apply(o);
      const evidence = await goalEvidence();
      expect(evidence.api).toEqual(evidence.live);
      expect(evidence.kept).toEqual(evidence.live);
      for (const check of await stats()) expect({ what: check.what, counts: check.api }).toEqual({ what: check.what, counts: check.live });
    }),
    { numRuns: RUNS, seed: 20261207, endOnFailure: true },
  );
  // The writes reached the goals: every metric and every scope counted something, some records were gained in the
  // window and some could not be placed in it. (Goals were made metric by metric, 4 scopes × 2 first days each.)
  const rows = (await goalEvidence()).api as Array<[string, ...number[]]>;
  const counting = rows.map((row, i) => ({ metric: row[0], scope: Math.floor(i / 2) % 4, records: row[1], gained: row[4], undated: row[5] })).filter((g) => g.records > 0);
  expect(new Set(counting.map((g) => g.metric))).toEqual(new Set(METRICS));
  expect(new Set(counting.map((g) => g.scope))).toEqual(new Set([0, 1, 2, 3]));
  expect(counting.some((g) => g.gained > 0)).toBe(true);
  expect(counting.some((g) => g.undated > 0)).toBe(true);
}, 180_000);

it('statistics the tally cannot answer are counted live: a month, an enterprise, a name, archived records', async () => {
  const live = await app.graphql(`{
    byMonth: innovationStudioStats(groupBy: [MONTH_ESTABLISHED], filter: { cityCode: "${NANJING}" }) { month count }
    byOwnership: innovationStudioStats(groupBy: [OWNERSHIP], filter: { cityCode: "${NANJING}" }) { ownership count }
    named: innovationStudioStats(groupBy: [KIND], filter: { nameContains: "计数测试" }) { kind count }
    archived: innovationStudioStats(groupBy: [KIND], filter: { archiveStatus: ARCHIVED }) { kind count } }`);
  expect(live.errors).toBeUndefined();
  const [archived] = await q(`SELECT count(*)::int AS n FROM innovation_studio WHERE archived_at IS NOT NULL`);
  expect(live.data.archived.reduce((n: number, g: any) => n + g.count, 0)).toBe(archived.n);
  const [named] = await q(`SELECT count(*)::int AS n FROM innovation_studio WHERE archived_at IS NULL AND name LIKE '%计数测试%'`);
  expect(live.data.named.reduce((n: number, g: any) => n + g.count, 0)).toBe(named.n);
  const [nanjing] = await q(`SELECT count(*)::int AS n FROM innovation_studio WHERE archived_at IS NULL AND city_code = $1`, [NANJING]);
  expect(live.data.byMonth.reduce((n: number, g: any) => n + g.count, 0)).toBe(nanjing.n);
  expect(live.data.byOwnership.reduce((n: number, g: any) => n + g.count, 0)).toBe(nanjing.n);
});
