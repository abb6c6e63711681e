import { PUBLISHED } from '../../seeds/published-data-set';
import { daysFrom, gql, nodeId, sqlNumber, sqlRows, todayInShanghai } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const [JIANGSU, SHAANXI, NANJING] = ['320000', '610000', '320100'];
const PROGRESS = 'progress { current target ratio remaining achieved daysLeft monthlyRateNeeded expectedByNow onTrack }';
const total = async (filter: string) => (await gql(app, `{ goals(filter: { ${filter} }) { totalCount } }`)).goals.totalCount;

describe('goals', () => {
  it('are the nine published goals with their scope, target and deadline', async () => {
    const res = await gql(app, '{ goals(first: 100) { totalCount nodes { metric target deadline scope { __typename ... on City { code } ... on Province { code } } } } }');
    expect(res.goals.totalCount).toBe(PUBLISHED.goals);
    const p = PUBLISHED;
    expect(res.goals.nodes.map((g: any) => [g.scope.__typename, g.scope.code, g.metric, g.target, g.deadline])).toEqual([
      ['City', NANJING, 'INNOVATION_STUDIOS', p.nanjingStudioGoal, '2026-12-31'],
      ['City', NANJING, 'PROVINCIAL_CRAFTSMEN', p.nanjingProvincialCraftsmenGoal, '2035-12-31'],
      ['City', NANJING, 'MUNICIPAL_CRAFTSMEN', p.nanjingMunicipalCraftsmenGoal, '2035-12-31'],
      ['Province', JIANGSU, 'NATIONAL_CRAFTSMEN', p.jiangsuNationalCraftsmenGoal, '2035-12-31'],
      ['Province', JIANGSU, 'PROVINCIAL_CRAFTSMEN', p.jiangsuProvincialCraftsmenGoal, '2035-12-31'],
      ['Province', JIANGSU, 'MUNICIPAL_CRAFTSMEN', p.jiangsuMunicipalCraftsmenGoal, '2035-12-31'],
      ['Province', SHAANXI, 'NATIONAL_CRAFTSMEN', p.shaanxiNationalCraftsmenGoal, '2035-12-31'],
      ['Province', SHAANXI, 'PROVINCIAL_CRAFTSMEN', p.shaanxiProvincialCraftsmenGoal, '2035-12-31'],
      ['Province', SHAANXI, 'MUNICIPAL_CRAFTSMEN', p.shaanxiMunicipalCraftsmenGoal, '2035-12-31'],
    ]);
  });

  it('each cites its source report and names its province and city', async () => {
    const res = await gql(app, '{ goals(first: 100) { nodes { description province { code } city { code } source { publisher title } } } }');
    const rows = await sqlRows(app, `SELECT g.description, g.province_code AS p, g.city_code AS c, s.publisher, s.title FROM goal g JOIN source s ON s.id = g.source_id ORDER BY g.id`);
    expect(res.goals.nodes).toEqual(rows.map((r) => ({
      description: r.description, province: { code: r.p }, city: r.c ? { code: r.c } : null, source: { publisher: r.publisher, title: r.title },
    })));
  });

  it('filter by province (its own goals and its cities\'), by city and province-wide only', async () => {
    expect(await total(`provinceCode: "${JIANGSU}"`)).toBe(await sqlNumber(app, 'SELECT count(*) FROM goal WHERE province_code = $1', [JIANGSU]));
    expect(await total(`provinceCode: "${JIANGSU}", provinceWide: true`)).toBe(3);
    expect(await total(`provinceCode: "${JIANGSU}", provinceWide: false`)).toBe(3);
    expect(await total(`cityCode: "${NANJING}"`)).toBe(3);
    expect(await total('cityCode: "320200"')).toBe(0);
  });

  it('filter by metrics and by deadline range', async () => {
    expect(await total('metrics: [NATIONAL_CRAFTSMEN]')).toBe(2);
    expect(await total('metrics: [PROVINCIAL_CRAFTSMEN, MUNICIPAL_CRAFTSMEN]')).toBe(6);
    expect(await total('deadlineTo: "2030-01-01"')).toBe(1);
    expect(await total('deadlineFrom: "2035-12-31", deadlineTo: "2035-12-31"')).toBe(8);
    expect(await total('metrics: [WORKERS_COVERED]')).toBe(0);
  });

  it('order by DEADLINE_ASC as SQL does', async () => {
    const res = await gql(app, '{ goals(first: 100, orderBy: DEADLINE_ASC) { nodes { id } } }');
    const rows = await sqlRows(app, 'SELECT id FROM goal ORDER BY deadline, id');
    expect(res.goals.nodes).toEqual(rows.map((r) => ({ id: nodeId('Goal', r.id) })));
  });
});

/** What the progress of a goal must be today, from the documented rules, computed here. */
function expectedProgress(g: { target: number; deadline: string; baseline?: [number, string] }, current: number) {
  const today = todayInShanghai();
  const remaining = Math.max(g.target - current, 0);
  const daysLeft = Math.max(daysFrom(today, g.deadline), 0);
  let expectedByNow: number | null = null;
  if (g.baseline) {
    const [value, on] = g.baseline;
    const span = daysFrom(on, g.deadline);
    const elapsed = Math.min(Math.max(daysFrom(on, today), 0), span);
    expectedByNow = value + ((g.target - value) * elapsed) / span;
  }
  return { current, target: g.target, remaining, achieved: remaining === 0, daysLeft, expectedByNow, monthly: daysLeft > 0 ? remaining / (daysLeft / (365.25 / 12)) : null };
}

function checkProgress(actual: any, expected: ReturnType<typeof expectedProgress>) {
  expect(actual).toMatchObject({ current: expected.current, target: expected.target, remaining: expected.remaining, achieved: expected.achieved, daysLeft: expected.daysLeft });
  expect(actual.ratio).toBeCloseTo(expected.current / expected.target, 4);
  if (expected.expectedByNow === null) expect(actual.expectedByNow).toBeNull();
  else expect(actual.expectedByNow).toBeCloseTo(expected.expectedByNow, 1);
  if (expected.achieved) expect(actual.monthlyRateNeeded).toBe(0);
  else if (expected.monthly === null) expect(actual.monthlyRateNeeded).toBeNull();
  else expect(actual.monthlyRateNeeded).toBeCloseTo(expected.monthly, 1);
}

const EVIDENCE = 'statusReason statusExplanation paceMeasured evidence { registryRecords registryValue sampleRecords undatedRecords unknownValueRecords gainedLast12Months latestPublished { value qualifier asOf source { publisher } } published { value asOf } }';
const JUDGED = `${PROGRESS.slice(0, -1)} trendLast12Months projectedReachDate status projectedAtDeadline ${EVIDENCE} }`;
const TODAY = todayInShanghai();

describe('goal progress, counted live, judged by its evidence', () => {
  it("Nanjing's studio goal: 598 of 1,000, all sample studios without a date, so no pace: INSUFFICIENT_HISTORY until the deadline, then OFF_TRACK", async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { goals(metric: INNOVATION_STUDIOS) { baselineValue baselineOn targetQualifier ${JUDGED} } } }`);
    const [goal] = res.city.goals;
    const current = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE city_code = $1', [NANJING]);
    expect(current).toBe(PUBLISHED.nanjingStudios);
    expect(goal.targetQualifier).toBe('AT_LEAST'); // "超过1000家"
    const expected = expectedProgress({ target: PUBLISHED.nanjingStudioGoal, deadline: '2026-12-31', baseline: [goal.baselineValue, goal.baselineOn] }, current);
    checkProgress(goal.progress, expected);
    const passed = TODAY > '2026-12-31';
    expect(goal.progress).toMatchObject({
      status: passed ? 'OFF_TRACK' : 'INSUFFICIENT_HISTORY', statusReason: passed ? 'DEADLINE_PASSED' : 'UNDATED_RECORDS',
      onTrack: passed ? false : null, paceMeasured: false, projectedAtDeadline: null, trendLast12Months: 0,
    });
    expect(goal.progress.evidence).toEqual({
      registryRecords: 598, registryValue: 598, sampleRecords: 598, undatedRecords: 598, unknownValueRecords: 0, gainedLast12Months: 0,
      // 扬子晚报网 gives the total (南京日报 gives 276 + 322, a breakdown, not this metric)
      latestPublished: { value: 598, qualifier: 'EXACT', asOf: '2025-10-22', source: { publisher: '扬子晚报网' } },
      published: [{ value: 598, asOf: '2025-10-22' }],
    });
    if (!passed) expect(goal.progress.statusExplanation).toMatch(/^598 条记录中有 598 条.* · 598 of the 598 records counted have no date/);
  });

  it("Jiangsu's national craftsmen goal counts the province's 11 certified national craftsmen; known only to have been named by 2025, they give no pace", async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { goals(metric: NATIONAL_CRAFTSMEN) { baselineValue baselineOn ${JUDGED} } } }`);
    const [goal] = res.province.goals;
    const current = await sqlNumber(app, "SELECT count(*) FROM craftsman WHERE province_code = $1 AND level = 'NATIONAL' AND status = 'CERTIFIED'", [JIANGSU]);
    expect(current).toBe(PUBLISHED.jiangsuNationalCraftsmen);
    checkProgress(goal.progress, expectedProgress({ target: PUBLISHED.jiangsuNationalCraftsmenGoal, deadline: '2035-12-31', baseline: [goal.baselineValue, goal.baselineOn] }, current));
    expect(goal.progress).toMatchObject({ status: 'INSUFFICIENT_HISTORY', statusReason: 'UNDATED_RECORDS', onTrack: null, trendLast12Months: 0 });
    // Two reports give the province's figure; the province-wide goal shows both, the latest last.
    expect(goal.progress.evidence.published).toEqual([{ value: 11, asOf: '2025-10-19' }, { value: 11, asOf: '2025-10-20' }]);
    expect(goal.progress.evidence.latestPublished).toMatchObject({ value: 11, asOf: '2025-10-20', source: { publisher: '新华日报' } });
  });

  it('craftsmen goals count only certified craftsmen: the 300 Nanjing trainees do not count, and with nothing counted and nothing published the goal is NO_DATA, not OFF_TRACK', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { goals(metric: MUNICIPAL_CRAFTSMEN) { ${JUDGED} } } }`);
    const progress = res.city.goals[0].progress;
    checkProgress(progress, expectedProgress({ target: PUBLISHED.nanjingMunicipalCraftsmenGoal, deadline: '2035-12-31' }, 0));
    expect(progress).toMatchObject({ status: 'NO_DATA', statusReason: 'NO_RECORDS', onTrack: null, achieved: false, projectedAtDeadline: null, projectedReachDate: null });
    expect(progress.evidence).toMatchObject({ registryRecords: 0, latestPublished: null, published: [] });
  });

  it('on the published data set no goal is OFF_TRACK before its deadline: 2 lack dated history, 7 have no data', async () => {
    const res = await gql(app, `{ goals(first: 100) { nodes { metric deadline scope { ... on City { code } ... on Province { code } } progress { status onTrack } } } }`);
    const statuses = res.goals.nodes.map((g: any) => [g.scope.code, g.metric, g.progress.status, g.progress.onTrack]);
    const nanjingStudios = TODAY > '2026-12-31' ? ['OFF_TRACK', false] : ['INSUFFICIENT_HISTORY', null];
    expect(statuses).toEqual([
      [NANJING, 'INNOVATION_STUDIOS', ...nanjingStudios],
      [NANJING, 'PROVINCIAL_CRAFTSMEN', 'NO_DATA', null],
      [NANJING, 'MUNICIPAL_CRAFTSMEN', 'NO_DATA', null],
      [JIANGSU, 'NATIONAL_CRAFTSMEN', 'INSUFFICIENT_HISTORY', null],
      [JIANGSU, 'PROVINCIAL_CRAFTSMEN', 'NO_DATA', null],
      [JIANGSU, 'MUNICIPAL_CRAFTSMEN', 'NO_DATA', null],
      [SHAANXI, 'NATIONAL_CRAFTSMEN', 'NO_DATA', null],
      [SHAANXI, 'PROVINCIAL_CRAFTSMEN', 'NO_DATA', null],
      [SHAANXI, 'MUNICIPAL_CRAFTSMEN', 'NO_DATA', null],
    ]);
  });

  it("Shaanxi's goals progress when its cities' records are entered: a Xi'an editor registers a national craftsman", async () => {
    const { key } = await app.createKey('CITY_EDITOR', '610100', "Xi'an portal");
    const created = await app.graphqlAs(key, `mutation { createCraftsman(input: { name: "测试国家工匠", level: NATIONAL, status: CERTIFIED, recognizedOn: "${TODAY}" }) { craftsman { city { name province { name } } } userErrors { field code message } } }`);
    expect(created.errors).toBeUndefined();
    expect(created.data.createCraftsman).toEqual({ craftsman: { city: { name: '西安', province: { name: '陕西' } } }, userErrors: [] });
    const res = await gql(app, `{ province(code: "${SHAANXI}") { goals(metric: NATIONAL_CRAFTSMEN) { ${JUDGED} } } }`);
    const progress = res.province.goals[0].progress;
    // one craftsman recognised today: counted, dated, in the last 12 months; a pace of 1 a year is far short of 50
    expect(progress).toMatchObject({ current: 1, status: 'OFF_TRACK', statusReason: 'PACE_FALLS_SHORT', paceMeasured: true, trendLast12Months: 1 });
    expect(progress.evidence).toMatchObject({ registryRecords: 1, sampleRecords: 0, undatedRecords: 0 });
  });
});

describe('goal progress of goals inserted in this file', () => {
  const inserted: Record<string, string> = {};
  beforeAll(async () => {
    const sourceId = await sqlNumber(app, 'SELECT min(id) FROM source');
    const insert = async (key: string, values: unknown[]) => {
      const [row] = await sqlRows(app, `INSERT INTO goal (province_code, city_code, district_code, metric, target, deadline, baseline_value, baseline_on, source_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, [...values, sourceId]);
      inserted[key] = nodeId('Goal', row.id);
    };
    await insert('missed', [JIANGSU, NANJING, null, 'CRAFTSMAN_ACADEMIES', 100, '2024-12-31', 20, '2023-01-01']);
    await insert('achieved', [JIANGSU, NANJING, null, 'INNOVATION_STUDIOS', 500, '2030-12-31', null, null]);
    await insert('contracts', [JIANGSU, null, null, 'COLLECTIVE_CONTRACTS', 20_000, '2020-06-30', null, null]);
    await insert('workers', [JIANGSU, null, null, 'WORKERS_COVERED', 3_000_000, '2099-12-31', 1_000_000, '2020-01-01']);
    await insert('wuhan', ['420000', '420100', null, 'INNOVATION_STUDIOS', 10, '2099-12-31', 1, '2020-01-01']);
    await insert('xuanwu', [JIANGSU, NANJING, '320102', 'INNOVATION_STUDIOS', 3, '2099-12-31', null, null]);
  });
  const progressOf = async (key: string) => (await gql(app, `{ node(id: "${inserted[key]}") { ... on Goal { ${JUDGED} } } }`)).node.progress;

  it('a goal whose deadline passed unmet: not achieved, 0 days left, OFF_TRACK and not on track, no monthly rate', async () => {
    const current = await sqlNumber(app, 'SELECT count(*) FROM craftsman_academy WHERE city_code = $1', [NANJING]);
    const progress = await progressOf('missed');
    expect(progress).toMatchObject({
      current, remaining: 100 - current, achieved: false, daysLeft: 0, monthlyRateNeeded: null, onTrack: false, expectedByNow: 100,
      status: 'OFF_TRACK', statusReason: 'DEADLINE_PASSED',
    });
  });

  it('an achieved goal: ratio above 1, nothing remaining, on track even without a baseline, 0 a month needed', async () => {
    const progress = await progressOf('achieved');
    checkProgress(progress, expectedProgress({ target: 500, deadline: '2030-12-31' }, PUBLISHED.nanjingStudios));
    expect(progress).toMatchObject({ achieved: true, remaining: 0, onTrack: true, monthlyRateNeeded: 0, ratio: 1.196, status: 'ACHIEVED', statusReason: 'TARGET_REACHED_IN_REGISTRY' });
  });

  it('an achieved goal stays achieved after its deadline', async () => {
    expect(await progressOf('contracts')).toMatchObject({ current: PUBLISHED.jiangsuContractEnterprises, achieved: true, daysLeft: 0, onTrack: true, monthlyRateNeeded: 0, status: 'ACHIEVED' });
  });

  it('a workers-covered goal sums only the coverage that is known: unknown is not zero, and the published 2 million is shown as evidence', async () => {
    const progress = await progressOf('workers');
    const contracts = await sqlNumber(app, 'SELECT count(*) FROM collective_innovation_contract WHERE province_code = $1', [JIANGSU]);
    checkProgress(progress, expectedProgress({ target: 3_000_000, deadline: '2099-12-31', baseline: [1_000_000, '2020-01-01'] }, 0));
    expect(progress).toMatchObject({ status: 'INSUFFICIENT_HISTORY', statusReason: 'UNKNOWN_VALUES', onTrack: null, projectedAtDeadline: null });
    expect(progress.evidence).toMatchObject({
      registryRecords: contracts, registryValue: 0, unknownValueRecords: contracts,
      latestPublished: { value: PUBLISHED.jiangsuWorkersCovered, qualifier: 'EXACT', asOf: '2025-09-29', source: { publisher: '新华日报' } },
    });
  });

  it("a goal over undated records is not judged ahead or behind (Wuhan's 5 studios)", async () => {
    const progress = await progressOf('wuhan');
    checkProgress(progress, expectedProgress({ target: 10, deadline: '2099-12-31', baseline: [1, '2020-01-01'] }, PUBLISHED.wuhanHeavyStudios));
    expect(progress).toMatchObject({ status: 'INSUFFICIENT_HISTORY', onTrack: null, evidence: { registryRecords: 5, sampleRecords: 5, undatedRecords: 5 } });
  });

  it('a district goal counts the records placed in its district, and only those', async () => {
    expect(await progressOf('xuanwu')).toMatchObject({ current: 0, status: 'NO_DATA' });
    await sqlRows(app, `UPDATE innovation_studio SET district_code = '320102', established_on = $1 WHERE id IN (SELECT id FROM innovation_studio WHERE city_code = $2 ORDER BY id LIMIT 2)`, [TODAY, NANJING]);
    const progress = await progressOf('xuanwu');
    expect(progress).toMatchObject({ current: 2, status: 'ON_TRACK', statusReason: 'PACE_REACHES_TARGET', paceMeasured: true, trendLast12Months: 2 });
    expect((await gql(app, `{ node(id: "${inserted.xuanwu}") { ... on Goal { scope { __typename ... on District { code name city { name } } } } } }`)).node.scope).toEqual({
      __typename: 'District', code: '320102', name: '玄武区', city: { name: '南京' },
    });
  });

  it('a published figure that reaches the target achieves the goal; a plan or a figure about part of the place does not', async () => {
    const sourceId = await sqlNumber(app, 'SELECT min(id) FROM source');
    const figure = (value: number, qualifier: string, kind: string, subject: string | null) =>
      sqlRows(app, `INSERT INTO reported_figure (province_code, city_code, metric, value, unit, qualifier, kind, subject, as_of, source_id)
        VALUES ($1, $2, 'INNOVATION_STUDIOS', $3, 'ORGANISATIONS', $4, $5, $6, $7, $8)`, [JIANGSU, NANJING, value, qualifier, kind, subject, TODAY, sourceId]);
    const nanjing = async () => (await gql(app, `{ city(code: "${NANJING}") { goals(metric: INNOVATION_STUDIOS) { ${JUDGED} } } }`)).city.goals[0].progress;
    await figure(1500, 'EXACT', 'PLAN', null);
    await figure(1500, 'EXACT', 'ACHIEVEMENT', '某园区');
    await figure(1100, 'ABOUT', 'ACHIEVEMENT', null);
    expect((await nanjing()).status).not.toBe('ACHIEVED');
    expect((await nanjing()).evidence.latestPublished).toMatchObject({ value: 1100, qualifier: 'ABOUT' });
    await figure(1000, 'AT_LEAST', 'ACHIEVEMENT', null);
    const progress = await nanjing();
    expect(progress).toMatchObject({ status: 'ACHIEVED', statusReason: 'TARGET_REACHED_IN_PUBLISHED_FIGURE', achieved: true, onTrack: true, current: 598, monthlyRateNeeded: 0 });
    expect(progress.statusExplanation).toContain('over 1,000');
  });
});
