import { dateOfDay, dayNumber, daysBetween } from '../../common/calendar';

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

const DAYS_PER_MONTH = 365.25 / 12;

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

/**
 * Forecast rule: the pace is what the registry gained in the last 12 months, dated by each record's
 * event date (studios established, contracts signed, craftsmen recognised …), spread evenly over the
 * months. At that pace, projectedAtDeadline is current + pace × the months left (a month being
 * 365.25 / 12 days), and projectedReachDate the day the target is reached.
 */
export enum GoalStatus {
  ACHIEVED = 'ACHIEVED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
}

/** Short of the target at the deadline, but by no more than this share of it: AT_RISK, not yet OFF_TRACK. */
export const AT_RISK_SHARE = 0.9;

export interface GoalForecastValues {
  trendLast12Months: number;
  monthlyTrend: number;
  projectedAtDeadline: number;
  projectedReachDate: string | null;
  status: GoalStatus;
}

/** The last day a LocalDate can name; a reach date later than that is given as none. */
const LAST_DAY = dayNumber('9999-12-31');

/** The date `days` after `date`, or null past the last day a LocalDate can name. */
function addDaysWithinRange(date: string, days: number): string | null {
  const day = dayNumber(date) + days;
  return day > LAST_DAY ? null : dateOfDay(day);
}

/**
 * Where a goal is heading at the pace of the last 12 months (see GoalStatus for the rule). The status
 * is judged on projectedAtDeadline as returned (2 decimals), so that a client can check it.
 */
export function goalForecast(terms: Pick<GoalTerms, 'target' | 'deadline'>, current: number, trendLast12Months: number, today: string): GoalForecastValues {
  const monthsLeft = Math.max(daysBetween(today, terms.deadline), 0) / DAYS_PER_MONTH;
  const projectedAtDeadline = round(current + (trendLast12Months / 12) * monthsLeft, 2);
  const remaining = terms.target - current;
  // remaining ÷ (trend / 12) months of 365.25 / 12 days = remaining × 1461 / (4 × trend) days, in whole
  // numbers so that an exact day is not pushed to the next by rounding; the first whole day at or past it.
  const projectedReachDate = remaining <= 0 || trendLast12Months <= 0 ? null : addDaysWithinRange(today, Math.ceil((remaining * 1461) / (4 * trendLast12Months)));
  let status: GoalStatus;
  if (remaining <= 0) status = GoalStatus.ACHIEVED;
  else if (today > terms.deadline) status = GoalStatus.OFF_TRACK;
  else if (projectedAtDeadline >= terms.target) status = GoalStatus.ON_TRACK;
  else if (projectedAtDeadline >= AT_RISK_SHARE * terms.target) status = GoalStatus.AT_RISK;
  else status = GoalStatus.OFF_TRACK;
  return { trendLast12Months, monthlyTrend: round(trendLast12Months / 12, 2), projectedAtDeadline, projectedReachDate, status };
}

