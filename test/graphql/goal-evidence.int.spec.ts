/**
 * Each goal's evidence kept for today (goal_evidence, migration 54; src/registry/goal-evidence.ts): the API reads a
 * goal's row only where it is kept for today, and counts from the tally otherwise; the refresh counts every goal
 * without one, on a new day, after a goal's scope changes, and with a write of records or of a goal in flight it
 * waits for it, so that the rows agree with the tally the triggers go on adding to and with the goals as they are. (That the triggers keep the rows equal to a live count after
 * any sequence of writes is the property test in tallies.int.spec.ts.)
 */
import pino from 'pino';
import { addDays, todayInChina } from '../../src/common/calendar';
import { registryChanges } from '../../src/db/registry-changes';
import { keepGoalEvidence, refreshGoalEvidence, untilNextChinaDay } from '../../src/registry/goal-evidence';
import { testEnterprises } from '../setup/fixtures';
import { sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

const NANJING = '320100';
const TODAY = todayInChina();

let app: TestApp;
let nanjingGoal: number;
const q = <T = any>(text: string, params?: unknown[]) => sqlRows<T>(app, text, params);

/** Nanjing's studio goal as the API answers it (a new query text each time: the response cache has not seen it). */
let asked = 0;
async function nanjingCurrent(): Promise<number> {
  const res = await app.graphql(`{ r${(asked += 1)}: goalRanking(metric: INNOVATION_STUDIOS, provinceCode: "320000") { city { code } progress { current } } }`);
  expect(res.errors).toBeUndefined();
  return res.data[`r${asked}`].find((r: any) => r.city.code === NANJING).progress.current;
}
/** Nanjing's active studios, counted over the records. */
const nanjingStudios = async () => Number((await q(`SELECT count(*) AS n FROM innovation_studio WHERE city_code = $1 AND archived_at IS NULL`, [NANJING]))[0].n);
const kept = async (goalId: number) => (await q(`SELECT as_of::text AS "asOf", records::int AS records FROM goal_evidence WHERE goal_id = $1`, [goalId]))[0] ?? null;
const eventually = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 100 && !(await check()); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await check()).toBe(true);
};

/**
 * With Nanjing's goal left without a row and `write` run in a transaction held open: the refresh waits for it (it has
 * not finished 300 ms later), and once the write commits it counts that goal.
 */
async function refreshDuring(write: (run: (text: string, params?: unknown[]) => Promise<unknown>) => Promise<unknown>): Promise<void> {
  await refreshGoalEvidence(app.dataSource, TODAY);
  await q(`DELETE FROM goal_evidence WHERE goal_id = $1`, [nanjingGoal]);
  const writer = app.dataSource.createQueryRunner();
  await writer.connect();
  try {
    await writer.startTransaction();
    await write((text, params) => writer.query(text, params));
    let done = false;
    const refreshing = refreshGoalEvidence(app.dataSource, TODAY).then((n) => ((done = true), n));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    await writer.commitTransaction();
    expect(await refreshing).toBe(1);
  } finally {
    await writer.release();
  }
}

beforeAll(async () => {
  app = await startTestApp();
  [{ id: nanjingGoal }] = await q(`SELECT id FROM goal WHERE city_code = $1 AND metric = 'INNOVATION_STUDIOS' AND archived_at IS NULL ORDER BY id LIMIT 1`, [NANJING]);
});
afterAll(() => app.close());

it('counts every goal once for a day, and all of them again on the next', async () => {
  const goals = Number((await q(`SELECT count(*) AS n FROM goal`))[0].n);
  expect(goals).toBeGreaterThan(0);
  expect(await refreshGoalEvidence(app.dataSource, TODAY)).toBe(goals);
  expect(await refreshGoalEvidence(app.dataSource, TODAY)).toBe(0);
  expect(await kept(nanjingGoal)).toEqual({ asOf: TODAY, records: await nanjingStudios() });
  expect(await refreshGoalEvidence(app.dataSource, addDays(TODAY, 1))).toBe(goals);
  expect((await kept(nanjingGoal)).asOf).toBe(addDays(TODAY, 1));
  // Never back a day: an instance whose clock is behind leaves the rows for the new day as they are.
  expect(await refreshGoalEvidence(app.dataSource, TODAY)).toBe(0);
  expect((await kept(nanjingGoal)).asOf).toBe(addDays(TODAY, 1));
  await q(`DELETE FROM goal_evidence`);
});

it("answers from a goal's row kept for today, and counts from the tally where its row is for another day", async () => {
  await refreshGoalEvidence(app.dataSource, TODAY);
  const counted = await nanjingStudios();
  expect(await nanjingCurrent()).toBe(counted);
  // Changed behind the API: the answer is the row's, so the row is what was read.
  await q(`UPDATE goal_evidence SET value_sum = 4321 WHERE goal_id = $1`, [nanjingGoal]);
  expect(await nanjingCurrent()).toBe(4321);
  // The same row as of yesterday is not today's evidence: counted from the tally again.
  await q(`UPDATE goal_evidence SET as_of = $2 WHERE goal_id = $1`, [nanjingGoal, addDays(TODAY, -1)]);
  expect(await nanjingCurrent()).toBe(counted);
  expect(await refreshGoalEvidence(app.dataSource, TODAY)).toBe(1);
  expect(await kept(nanjingGoal)).toEqual({ asOf: TODAY, records: counted });
});

it('forgets a goal whose scope or first day changes, and counts it again', async () => {
  await refreshGoalEvidence(app.dataSource, TODAY);
  await q(`UPDATE goal SET description = description WHERE id = $1`, [nanjingGoal]);
  expect(await kept(nanjingGoal)).not.toBeNull();
  await q(`UPDATE goal SET counts_from = '2020-01-01' WHERE id = $1`, [nanjingGoal]);
  expect(await kept(nanjingGoal)).toBeNull();
  expect(await refreshGoalEvidence(app.dataSource, TODAY)).toBe(1);
  const [{ n }] = await q(`SELECT count(*)::int AS n FROM innovation_studio WHERE city_code = $1 AND archived_at IS NULL AND established_on >= '2020-01-01'`, [NANJING]);
  expect(await kept(nanjingGoal)).toEqual({ asOf: TODAY, records: n });
  await q(`UPDATE goal SET counts_from = NULL WHERE id = $1`, [nanjingGoal]);
});

it('waits for a write in flight, so that the rows it makes hold it', async () => {
  const [host] = await testEnterprises((text, params) => app.dataSource.query(text, params), NANJING, 1);
  // The tally trigger adds the studio to the tally; Nanjing's goal has no row for it to add to.
  await refreshDuring((run) => run(`INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code, established_on) VALUES ('依据测试工作室', 'EMPLOYEE', $1, '320000', $2, $3)`, [host.id, NANJING, TODAY]));
  expect(await kept(nanjingGoal)).toEqual({ asOf: TODAY, records: await nanjingStudios() });
});

it("waits for a goal's change in flight, so that it counts the goal as changed", async () => {
  await refreshDuring((run) => run(`UPDATE goal SET counts_from = '2021-01-01' WHERE id = $1`, [nanjingGoal]));
  const [{ n }] = await q(`SELECT count(*)::int AS n FROM innovation_studio WHERE city_code = $1 AND archived_at IS NULL AND established_on >= '2021-01-01'`, [NANJING]);
  expect(n).toBeLessThan(await nanjingStudios());
  expect(await kept(nanjingGoal)).toEqual({ asOf: TODAY, records: n });
  await q(`UPDATE goal SET counts_from = NULL WHERE id = $1`, [nanjingGoal]);
});

it('keeps the rows while the server runs: at start, and after a write that left a goal without one', async () => {
  await q(`DELETE FROM goal_evidence`);
  const stop = keepGoalEvidence(app.dataSource, pino({ level: 'silent' }));
  try {
    await eventually(async () => (await kept(nanjingGoal))?.asOf === TODAY);
    await q(`DELETE FROM goal_evidence WHERE goal_id = $1`, [nanjingGoal]);
    registryChanges.committed();
    await eventually(async () => (await kept(nanjingGoal)) !== null);
  } finally {
    stop();
  }
});

it('waits for the next midnight, China time', () => {
  expect(untilNextChinaDay(Date.parse('2026-12-07T15:59:00Z'))).toBe(60_000);
  expect(untilNextChinaDay(Date.parse('2026-12-07T16:00:00Z'))).toBe(86_400_000);
});
