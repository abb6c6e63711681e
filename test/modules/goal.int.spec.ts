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

describe('goal progress, counted live', () => {
  it("Nanjing's studio goal: 598 of 1,000 by 2026-12-31, judged against its baseline", async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { goals(metric: INNOVATION_STUDIOS) { baselineValue baselineOn ${PROGRESS} } } }`);
    const [goal] = res.city.goals;
    const current = await sqlNumber(app, 'SELECT count(*) FROM innovation_studio WHERE city_code = $1', [NANJING]);
    expect(current).toBe(PUBLISHED.nanjingStudios);
    const expected = expectedProgress({ target: PUBLISHED.nanjingStudioGoal, deadline: '2026-12-31', baseline: [goal.baselineValue, goal.baselineOn] }, current);
    checkProgress(goal.progress, expected);
    expect(goal.progress.onTrack).toBe(expected.achieved || (expected.daysLeft > 0 && current >= expected.expectedByNow!));
  });

  it("Jiangsu's national craftsmen goal counts the province's 11 certified national craftsmen", async () => {
    const res = await gql(app, `{ province(code: "${JIANGSU}") { goals(metric: NATIONAL_CRAFTSMEN) { baselineValue baselineOn ${PROGRESS} } } }`);
    const [goal] = res.province.goals;
    const current = await sqlNumber(app, "SELECT count(*) FROM craftsman WHERE province_code = $1 AND level = 'NATIONAL' AND status = 'CERTIFIED'", [JIANGSU]);
    expect(current).toBe(PUBLISHED.jiangsuNationalCraftsmen);
    checkProgress(goal.progress, expectedProgress({ target: PUBLISHED.jiangsuNationalCraftsmenGoal, deadline: '2035-12-31', baseline: [goal.baselineValue, goal.baselineOn] }, current));
  });

  it('craftsmen goals count only certified craftsmen: the 300 Nanjing trainees do not count', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { goals(metric: MUNICIPAL_CRAFTSMEN) { ${PROGRESS} } } }`);
    const progress = res.city.goals[0].progress;
    checkProgress(progress, expectedProgress({ target: PUBLISHED.nanjingMunicipalCraftsmenGoal, deadline: '2035-12-31' }, 0));
  });

  it('goals without a baseline cannot be judged: onTrack and expectedByNow are null', async () => {
    const res = await gql(app, `{ goals(first: 100, filter: { provinceCode: "${SHAANXI}" }) { nodes { baselineValue ${PROGRESS} } } }`);
    expect(res.goals.nodes).toHaveLength(3);
    for (const goal of res.goals.nodes) {
      expect(goal.baselineValue).toBeNull();
      expect(goal.progress).toMatchObject({ current: 0, expectedByNow: null, onTrack: null, achieved: false });
    }
  });
});

describe('goal progress of goals inserted in this file', () => {
  const inserted: Record<string, string> = {};
  beforeAll(async () => {
    const sourceId = await sqlNumber(app, 'SELECT min(id) FROM source');
    const insert = async (key: string, values: unknown[]) => {
      const [row] = await sqlRows(app, `INSERT INTO goal (province_code, city_code, metric, target, deadline, baseline_value, baseline_on, source_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, [...values, sourceId]);
      inserted[key] = nodeId('Goal', row.id);
    };
    await insert('missed', [JIANGSU, NANJING, 'CRAFTSMAN_ACADEMIES', 100, '2024-12-31', 20, '2023-01-01']);
    await insert('achieved', [JIANGSU, NANJING, 'INNOVATION_STUDIOS', 500, '2030-12-31', null, null]);
    await insert('contracts', [JIANGSU, null, 'COLLECTIVE_CONTRACTS', 20_000, '2020-06-30', null, null]);
    await insert('workers', [JIANGSU, null, 'WORKERS_COVERED', 3_000_000, '2099-12-31', 1_000_000, '2020-01-01']);
    await insert('wuhan', ['420000', '420100', 'INNOVATION_STUDIOS', 10, '2099-12-31', 1, '2020-01-01']);
  });
  const progressOf = async (key: string) => (await gql(app, `{ node(id: "${inserted[key]}") { ... on Goal { ${PROGRESS} } } }`)).node.progress;

  it('a goal whose deadline passed unmet: not achieved, 0 days left, not on track, no monthly rate', async () => {
    const current = await sqlNumber(app, 'SELECT count(*) FROM craftsman_academy WHERE city_code = $1', [NANJING]);
    const progress = await progressOf('missed');
    expect(progress).toMatchObject({ current, remaining: 100 - current, achieved: false, daysLeft: 0, monthlyRateNeeded: null, onTrack: false, expectedByNow: 100 });
  });

  it('an achieved goal: ratio above 1, nothing remaining, on track even without a baseline, 0 a month needed', async () => {
    const progress = await progressOf('achieved');
    checkProgress(progress, expectedProgress({ target: 500, deadline: '2030-12-31' }, PUBLISHED.nanjingStudios));
    expect(progress).toMatchObject({ achieved: true, remaining: 0, onTrack: true, monthlyRateNeeded: 0, ratio: 1.196 });
  });

  it('an achieved goal stays achieved after its deadline', async () => {
    expect(await progressOf('contracts')).toMatchObject({ current: PUBLISHED.jiangsuContractEnterprises, achieved: true, daysLeft: 0, onTrack: true, monthlyRateNeeded: 0 });
  });

  it('a workers-covered goal sums the workers of the contracts in its scope', async () => {
    const progress = await progressOf('workers');
    checkProgress(progress, expectedProgress({ target: 3_000_000, deadline: '2099-12-31', baseline: [1_000_000, '2020-01-01'] }, PUBLISHED.jiangsuWorkersCovered));
    expect(progress.onTrack).toBe(true);
  });

  it("a goal ahead of its straight line from the baseline is on track (Wuhan's 5 studios)", async () => {
    const progress = await progressOf('wuhan');
    const expected = expectedProgress({ target: 10, deadline: '2099-12-31', baseline: [1, '2020-01-01'] }, PUBLISHED.wuhanHeavyStudios);
    checkProgress(progress, expected);
    expect(progress.onTrack).toBe(true);
  });
});
