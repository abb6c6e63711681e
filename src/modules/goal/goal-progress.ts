import { dateOfDay, dayNumber, daysBetween } from '../../common/calendar';

/**
 * Goal arithmetic, pure so that it can be tested on its own. Dates are 'YYYY-MM-DD' strings.
 * goalProgress: where the registry count stands against the target and the deadline; goalForecast:
 * where a measured pace leads; judgeGoal: the status the evidence supports (see GoalStatus).
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
  daysLeft: number;
  monthlyRateNeeded: number | null;
  expectedByNow: number | null;
}

const DAYS_PER_MONTH = 365.25 / 12;

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The registry count against the target. `expectedByNow` is where a straight line from the baseline (the
 * value published with the goal) to the target stands today: a reference, not a judgement (that is the
 * status's). `monthlyRateNeeded` is 0 once the goal is achieved (by the registry or a published figure).
 */
export function goalProgress(terms: GoalTerms, current: number, today: string, achieved = current >= terms.target): GoalProgressValues {
  const remaining = Math.max(terms.target - current, 0);
  const daysLeft = Math.max(daysBetween(today, terms.deadline), 0);
  const monthlyRateNeeded = achieved ? 0 : daysLeft > 0 ? round(remaining / (daysLeft / DAYS_PER_MONTH), 2) : null;

  let expectedByNow: number | null = null;
  if (terms.baselineValue !== null && terms.baselineOn !== null) {
    const span = daysBetween(terms.baselineOn, terms.deadline);
    const elapsed = Math.min(Math.max(daysBetween(terms.baselineOn, today), 0), span);
    expectedByNow = round(terms.baselineValue + (terms.target - terms.baselineValue) * (elapsed / span), 1);
  }
  return { current, target: terms.target, ratio: round(current / terms.target, 4), remaining, daysLeft, monthlyRateNeeded, expectedByNow };
}

/**
 * Forecast rule: the pace is what the registry gained in the last 12 months, dated by each record's
 * event date (studios established, contracts signed, craftsmen recognised …), spread evenly over the
 * months. At that pace, projectedAtDeadline is current + pace × the months left (a month being
 * 365.25 / 12 days), and projectedReachDate the day the target is reached.
 *
 * Status rule (judgeGoal): a status is only as strong as its evidence.
 * - ACHIEVED: the registry count reaches the target, or the latest published figure does (stated as
 *   exact or as a lower bound: "598", "over 1,000"; an "about" or an "at most" does not).
 * - NO_DATA: the registry counts nothing for the metric in the scope and no report gives a figure.
 * - OFF_TRACK, deadline passed: not achieved and the deadline is behind us.
 * - With a measured pace (every record counted has a date that places it in or before the last 12
 *   months, and every value summed is known): ON_TRACK if projectedAtDeadline ≥ target, AT_RISK if
 *   ≥ 90% of it, else OFF_TRACK.
 * - Without one: ON_TRACK when the dated records alone already carry the goal there (the undated ones can
 *   only add to the pace); otherwise INSUFFICIENT_HISTORY: nothing is projected.
 */
export enum GoalStatus {
  ACHIEVED = 'ACHIEVED',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  NO_DATA = 'NO_DATA',
  INSUFFICIENT_HISTORY = 'INSUFFICIENT_HISTORY',
}

/** Why a goal has its status: the evidence that decided it. */
export enum GoalStatusReason {
  TARGET_REACHED_IN_REGISTRY = 'TARGET_REACHED_IN_REGISTRY',
  TARGET_REACHED_IN_PUBLISHED_FIGURE = 'TARGET_REACHED_IN_PUBLISHED_FIGURE',
  NO_RECORDS = 'NO_RECORDS',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  PACE_REACHES_TARGET = 'PACE_REACHES_TARGET',
  DATED_PACE_REACHES_TARGET = 'DATED_PACE_REACHES_TARGET',
  PACE_NEARLY_REACHES_TARGET = 'PACE_NEARLY_REACHES_TARGET',
  PACE_FALLS_SHORT = 'PACE_FALLS_SHORT',
  UNDATED_RECORDS = 'UNDATED_RECORDS',
  UNKNOWN_VALUES = 'UNKNOWN_VALUES',
  ONLY_PUBLISHED_FIGURES = 'ONLY_PUBLISHED_FIGURES',
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

/** What the registry and the reports say about a goal's metric in its scope (GoalEvidence in the API). */
export interface GoalEvidenceValues {
  /** Records counted in the scope (for a sum: the records whose values are summed). */
  records: number;
  /** The registry's value: the count, or the sum of the known values. */
  current: number;
  /** Records whose summed value is unknown (0 for counts). */
  unknownValues: number;
  /** Gained in the last 12 months by records whose date places them there. */
  gainedLast12Months: number;
  /** Records whose date cannot tell whether they fall in the last 12 months (none, or only a year that overlaps them). */
  undated: number;
  /**
   * For a goal that counts from a day (countsFrom): records of the scope whose date cannot tell whether
   * they fall in its period, left out of `records` and `current` (0 for other goals).
   */
  outsidePeriodUnknown?: number;
  /** Sample records among those counted. */
  samples: number;
  /** The latest published figure for the metric in exactly this scope, if any. */
  published: PublishedFigure | null;
}

export interface PublishedFigure {
  value: number;
  qualifier: 'EXACT' | 'AT_LEAST' | 'ABOUT' | 'AT_MOST';
  asOf: string;
  /** Who published it, to name in the explanation: 南京日报 2025-10-23. */
  publisher: string | null;
}

export interface GoalJudgement extends Omit<GoalForecastValues, 'projectedAtDeadline'> {
  projectedAtDeadline: number | null;
  achieved: boolean;
  onTrack: boolean | null;
  paceMeasured: boolean;
  statusReason: GoalStatusReason;
  statusExplanation: string;
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


const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const n = (value: number) => count.format(value);

/** A published figure as an explanation quotes it: "598 (南京日报, 2025-10-23)". */
function quoted(figure: PublishedFigure, language: 'zh' | 'en'): string {
  const bound = { EXACT: ['', ''], AT_LEAST: ['超过', 'over '], ABOUT: ['约', 'about '], AT_MOST: ['不超过', 'at most '] }[figure.qualifier];
  const who = figure.publisher ? `${figure.publisher}, ` : '';
  return language === 'zh' ? `${bound[0]}${n(figure.value)}（${who}${figure.asOf}）` : `${bound[1]}${n(figure.value)} (${who}${figure.asOf})`;
}

/**
 * The status the evidence supports, by the rule above GoalStatus, with its reason, a sentence that says
 * it in Chinese and in English, and the forecast where the pace is measured.
 */
export function judgeGoal(terms: Pick<GoalTerms, 'target' | 'deadline'>, evidence: GoalEvidenceValues, today: string): GoalJudgement {
  const { target } = terms;
  const forecast = goalForecast(terms, evidence.current, evidence.gainedLast12Months, today);
  const published = evidence.published;
  const paceMeasured = evidence.records > 0 && evidence.undated === 0 && evidence.unknownValues === 0;
  const judged = (status: GoalStatus, statusReason: GoalStatusReason, zh: string, en: string, projected = paceMeasured) => ({
    ...forecast,
    projectedAtDeadline: projected ? forecast.projectedAtDeadline : null,
    projectedReachDate: projected ? forecast.projectedReachDate : null,
    status,
    achieved: status === GoalStatus.ACHIEVED,
    onTrack: status === GoalStatus.ACHIEVED || status === GoalStatus.ON_TRACK ? true : status === GoalStatus.AT_RISK || status === GoalStatus.OFF_TRACK ? false : null,
    paceMeasured,
    statusReason,
    statusExplanation: `${zh} · ${en}`,
  });
  const counted = `${n(evidence.current)}`;

  if (evidence.current >= target) {
    return judged(GoalStatus.ACHIEVED, GoalStatusReason.TARGET_REACHED_IN_REGISTRY,
      `登记数量 ${counted} 已达到目标 ${n(target)}`, `The registry counts ${counted}, at or above the target of ${n(target)}.`);
  }
  if (published && (published.qualifier === 'EXACT' || published.qualifier === 'AT_LEAST') && published.value >= target) {
    return judged(GoalStatus.ACHIEVED, GoalStatusReason.TARGET_REACHED_IN_PUBLISHED_FIGURE,
      `公开数据 ${quoted(published, 'zh')} 已达到目标 ${n(target)}`, `A published figure, ${quoted(published, 'en')}, reaches the target of ${n(target)}.`);
  }
  const unplaced = evidence.outsidePeriodUnknown ?? 0;
  if (unplaced > 0) {
    // Unknown is not zero: these may fall in the goal's period, so neither a shortfall nor a pace can be judged.
    return judged(GoalStatus.INSUFFICIENT_HISTORY, GoalStatusReason.UNDATED_RECORDS,
      `另有 ${n(unplaced)} 条记录没有日期，无法判断是否在统计期内，未计入；登记数量 ${counted}，目标 ${n(target)}`,
      `${n(unplaced)} more records have no date that tells whether they fall in the goal's period and are not counted; the registry counts ${counted} of ${n(target)}.`);
  }
  if (evidence.records === 0 && !published) {
    return judged(GoalStatus.NO_DATA, GoalStatusReason.NO_RECORDS,
      '登记系统在目标范围内尚无该指标的记录，也没有公开数据，无法判断进度', 'The registry holds no records for this metric in the goal\'s scope and no report gives a figure: progress cannot be judged.');
  }
  if (today > terms.deadline) {
    return judged(GoalStatus.OFF_TRACK, GoalStatusReason.DEADLINE_PASSED,
      `截止日期 ${terms.deadline} 已过，登记数量 ${counted}，未达到目标 ${n(target)}`, `The deadline, ${terms.deadline}, has passed with ${counted} of ${n(target)} in the registry.`);
  }
  const pace = `${n(forecast.monthlyTrend)}`;
  if (paceMeasured) {
    const projected = n(forecast.projectedAtDeadline);
    const zh = `按近12个月的进度（月均 ${pace}），截止日预计 ${projected}，目标 ${n(target)}`;
    const en = `At the pace of the last 12 months (${pace} a month), ${projected} by the deadline against a target of ${n(target)}.`;
    if (forecast.status === GoalStatus.ON_TRACK) return judged(GoalStatus.ON_TRACK, GoalStatusReason.PACE_REACHES_TARGET, zh, en);
    if (forecast.status === GoalStatus.AT_RISK) return judged(GoalStatus.AT_RISK, GoalStatusReason.PACE_NEARLY_REACHES_TARGET, zh, en);
    return judged(GoalStatus.OFF_TRACK, GoalStatusReason.PACE_FALLS_SHORT, zh, en);
  }
  if (evidence.records > 0 && forecast.projectedAtDeadline >= target) {
    return judged(GoalStatus.ON_TRACK, GoalStatusReason.DATED_PACE_REACHES_TARGET,
      `仅按有日期的记录计算的进度（月均 ${pace}）已可在截止日达到目标 ${n(target)}`,
      `The dated records alone gain ${pace} a month, enough to reach ${n(target)} by the deadline; undated ones can only add to that.`, true);
  }
  if (evidence.records === 0) {
    return judged(GoalStatus.INSUFFICIENT_HISTORY, GoalStatusReason.ONLY_PUBLISHED_FIGURES,
      `登记系统在目标范围内尚无记录；最新公开数据为 ${quoted(published!, 'zh')}，一个数据点无法测算进度`,
      `The registry holds no records in the goal's scope; the latest published figure is ${quoted(published!, 'en')}, and one figure gives no pace.`);
  }
  if (evidence.unknownValues > 0) {
    return judged(GoalStatus.INSUFFICIENT_HISTORY, GoalStatusReason.UNKNOWN_VALUES,
      `${n(evidence.records)} 条记录中有 ${n(evidence.unknownValues)} 条数值未知，无法测算进度`,
      `${n(evidence.unknownValues)} of the ${n(evidence.records)} records counted have no known value: the pace cannot be measured.`);
  }
  return judged(GoalStatus.INSUFFICIENT_HISTORY, GoalStatusReason.UNDATED_RECORDS,
    `${n(evidence.records)} 条记录中有 ${n(evidence.undated)} 条没有可判断是否在近12个月内的日期，无法测算进度`,
    `${n(evidence.undated)} of the ${n(evidence.records)} records counted have no date that places them in or before the last 12 months: the pace cannot be measured.`);
}
