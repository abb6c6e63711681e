/**
 * Goal arithmetic, pure so that it can be tested on its own. Dates are 'YYYY-MM-DD' strings.
 *
 * On-track rule: a goal is on track when it is achieved, or when its deadline has not passed and
 * the current value is at least where a straight line from the baseline (the value published
 * with the goal) to the target would be today. Without a baseline it cannot be judged (null).
 */
export interface GoalTerms {
  target: number;
  deadline: string;
  baselineValue: number | null;
  baselineOn: string | null;
}

export interface GoalProgressValues {
  current: number;
  target: number;
  ratio: number;
  remaining: number;
  achieved: boolean;
  daysLeft: number;
  monthlyRateNeeded: number | null;
  expectedByNow: number | null;
  onTrack: boolean | null;
}

const DAY_MS = 86_400_000;
const DAYS_PER_MONTH = 365.25 / 12;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function goalProgress(terms: GoalTerms, current: number, today: string): GoalProgressValues {
  const remaining = Math.max(terms.target - current, 0);
  const achieved = remaining === 0;
  const daysLeft = Math.max(daysBetween(today, terms.deadline), 0);
  const monthlyRateNeeded = achieved ? 0 : daysLeft > 0 ? round(remaining / (daysLeft / DAYS_PER_MONTH), 2) : null;

  let expectedByNow: number | null = null;
  if (terms.baselineValue !== null && terms.baselineOn !== null) {
    const span = daysBetween(terms.baselineOn, terms.deadline);
    const elapsed = Math.min(Math.max(daysBetween(terms.baselineOn, today), 0), span);
    expectedByNow = round(terms.baselineValue + (terms.target - terms.baselineValue) * (elapsed / span), 1);
  }
  const onTrack = achieved ? true : daysLeft === 0 ? false : expectedByNow === null ? null : current >= expectedByNow;

  return { current, target: terms.target, ratio: round(current / terms.target, 4), remaining, achieved, daysLeft, monthlyRateNeeded, expectedByNow, onTrack };
}

/** Today in China Standard Time, the registry's calendar. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
