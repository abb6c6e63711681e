import type { DataSource } from 'typeorm';
import { CHINA_OFFSET_MS, todayInChina } from '../common/calendar';
import { registryChanges } from '../db/registry-changes';
import type { Logger } from 'pino';
import { GOAL_EVIDENCE_MISSING, REFRESH_GOAL_EVIDENCE } from './goal-tally';

const DAY_MS = 86_400_000;
/** After a committed write, how long the refresh waits for more (a city's import is many commits): one look per this at most. */
const SETTLE_MS = 250;

/**
 * Counts again, from the goal tally, the kept evidence (migration 54) of every goal that has none for `today`: all of
 * them on a new day, a new goal or one whose scope changed. As the owner, in one transaction that holds the tally and
 * the goals against writers for the count, so that the rows agree with the tally their triggers go on adding to and
 * with the goals as they are. Returns how
 * many goals it counted; none (and no lock) where every goal is kept for `today`.
 */
export async function refreshGoalEvidence(dataSource: DataSource, today: string = todayInChina()): Promise<number> {
  const [{ missing }] = await dataSource.query(GOAL_EVIDENCE_MISSING, [today]);
  if (!missing) return 0;
  return dataSource.transaction(async (manager) => {
    // Goals too: a goal whose first day or scope changes while its evidence is counted would keep the old count (its
    // trigger forgets a row the refresh has not yet written).
    await manager.query(`LOCK TABLE goal, goal_tally IN SHARE MODE`);
    return (await manager.query(REFRESH_GOAL_EVIDENCE, [today])).length;
  });
}

/** Milliseconds from `now` to the next midnight, China time. */
export const untilNextChinaDay = (now: number): number => DAY_MS - ((now + CHINA_OFFSET_MS) % DAY_MS);

/**
 * Keeps the goals' evidence current while the server runs: at start, just after each midnight (China time), and after
 * committed writes that left a goal without a row. A refresh that fails (the database away) is logged and tried again
 * at the next of these; meanwhile reads count from the tally, so answers are never wrong, only slower. Returns the
 * function that stops it.
 */
export function keepGoalEvidence(dataSource: DataSource, log: Logger): () => void {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let settle: NodeJS.Timeout | undefined;
  let midnight: NodeJS.Timeout | undefined;
  const refresh = (why: string) => {
    running = running.then(async () => {
      if (stopped) return;
      const started = Date.now();
      try {
        const goals = await refreshGoalEvidence(dataSource);
        if (goals) log.info({ goals, why, ms: Date.now() - started }, 'goal evidence counted from the tally');
      } catch (error) {
        if (!stopped) log.warn({ err: error, why }, 'goal evidence not refreshed: goals are counted from the tally until the next refresh');
      }
    });
  };
  const atMidnight = () => {
    midnight = setTimeout(() => {
      refresh('a new day');
      atMidnight();
    }, untilNextChinaDay(Date.now()) + 1_000);
    midnight.unref();
  };
  const unsubscribe = registryChanges.subscribe(() => {
    if (settle) return;
    settle = setTimeout(() => {
      settle = undefined;
      refresh('a committed write');
    }, SETTLE_MS);
    settle.unref();
  });
  refresh('start');
  atMidnight();
  return () => {
    stopped = true;
    unsubscribe();
    clearTimeout(settle);
    clearTimeout(midnight);
  };
}
