import { daysBetween, todayInChina } from '../../../common/calendar';
import { goalForecast, goalProgress, GoalStatus, GoalStatusReason, judgeGoal, type GoalEvidenceValues, type GoalTerms } from '../goal-progress';

/** Nanjing's studio goal as published: 598 studios on 2025-10-23, 1,000 by the end of 2026. */
const NANJING: GoalTerms = { target: 1000, deadline: '2026-12-31', baselineValue: 598, baselineOn: '2025-10-23' };

/** A 30-day straight line from 0 to 100, easy to check by hand. */
const JANUARY: GoalTerms = { target: 100, deadline: '2026-01-31', baselineValue: 0, baselineOn: '2026-01-01' };

const NO_BASELINE: GoalTerms = { target: 200, deadline: '2035-12-31', baselineValue: null, baselineOn: null };

describe('goalProgress', () => {
  it('gives ratio (4 decimals) and remaining', () => {
    const p = goalProgress(NANJING, 598, '2025-10-23');
    expect(p.current).toBe(598);
    expect(p.target).toBe(1000);
    expect(p.ratio).toBe(0.598);
    expect(p.remaining).toBe(402);
    expect(goalProgress(NO_BASELINE, 1, '2026-01-01').ratio).toBe(0.005);
    expect(goalProgress({ ...NO_BASELINE, target: 3 }, 1, '2026-01-01').ratio).toBe(0.3333);
  });

  it('works out Nanjing on the day of the report: on the line, 434 days and 28.19 a month to go', () => {
    const p = goalProgress(NANJING, 598, '2025-10-23');
    expect(p.daysLeft).toBe(434);
    // 402 still needed over 434 days = 434 / (365.25 / 12) = 14.26 months: 402 / 14.26 = 28.19
    expect(p.monthlyRateNeeded).toBe(28.19);
    expect(p.expectedByNow).toBe(598);
  });

  it('works out Nanjing on 2026-11-25 with no new studio: the line stands at 966.7', () => {
    const p = goalProgress(NANJING, 598, '2026-11-25');
    expect(p.daysLeft).toBe(36);
    expect(p.monthlyRateNeeded).toBe(339.89);
    // 598 + 402 × 398 / 434 = 966.65
    expect(p.expectedByNow).toBe(966.7);
  });

  describe('the straight line from baseline to target', () => {
    it('stands at the baseline on the baseline date', () => {
      expect(goalProgress(JANUARY, 0, '2026-01-01').expectedByNow).toBe(0);
    });

    it('stands at the baseline before the baseline date', () => {
      expect(goalProgress(JANUARY, 0, '2025-12-01').expectedByNow).toBe(0);
    });

    it('stands halfway at the midpoint', () => {
      expect(goalProgress(JANUARY, 0, '2026-01-16').expectedByNow).toBe(50);
      expect(goalProgress({ ...JANUARY, baselineValue: 40 }, 0, '2026-01-16').expectedByNow).toBe(70);
    });

    it('stands at the target on the deadline and after it', () => {
      expect(goalProgress(JANUARY, 0, '2026-01-31').expectedByNow).toBe(100);
      expect(goalProgress(JANUARY, 0, '2027-06-01').expectedByNow).toBe(100);
    });

    it('is rounded to one decimal', () => {
      // 100 × 1 / 30 = 3.333…
      expect(goalProgress(JANUARY, 0, '2026-01-02').expectedByNow).toBe(3.3);
    });
  });

  it('gives the monthly rate still needed from today', () => {
    // 50 in 15 days: 15 / 30.4375 months → 101.46 a month
    expect(goalProgress(JANUARY, 50, '2026-01-16').monthlyRateNeeded).toBe(101.46);
  });

  it('an achieved goal: nothing remaining, no rate needed, even past the deadline', () => {
    for (const today of ['2026-01-10', '2026-01-31', '2027-01-01']) {
      const p = goalProgress(JANUARY, 120, today);
      expect(p.remaining).toBe(0);
      expect(p.ratio).toBe(1.2);
      expect(p.monthlyRateNeeded).toBe(0);
    }
    expect(goalProgress(JANUARY, 100, '2026-01-10')).toMatchObject({ remaining: 0, ratio: 1, monthlyRateNeeded: 0 });
    // achieved by a published figure while the registry still counts less: no rate is needed either
    expect(goalProgress(JANUARY, 40, '2026-01-10', true)).toMatchObject({ remaining: 60, monthlyRateNeeded: 0 });
  });

  it('a deadline passed unmet: no days left, no rate that could still make it', () => {
    const p = goalProgress(JANUARY, 80, '2026-03-01');
    expect(p.daysLeft).toBe(0);
    expect(p.remaining).toBe(20);
    expect(p.monthlyRateNeeded).toBeNull();
    expect(goalProgress(NO_BASELINE, 5, '2036-01-01')).toMatchObject({ daysLeft: 0, monthlyRateNeeded: null, expectedByNow: null });
  });

  it('no baseline: no line to stand on', () => {
    const p = goalProgress(NO_BASELINE, 11, '2026-01-01');
    expect(p.expectedByNow).toBeNull();
    expect(p.daysLeft).toBe(daysBetween('2026-01-01', '2035-12-31'));
    expect(p.monthlyRateNeeded).toBeGreaterThan(0);
  });
});

describe('todayInChina', () => {
  it('is the next day in China from 16:00 UTC', () => {
    expect(todayInChina(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
    expect(todayInChina(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
    expect(todayInChina(new Date('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(todayInChina(new Date('2026-11-24T00:00:00Z'))).toBe('2026-11-24');
  });

  it('crosses month and year boundaries', () => {
    expect(todayInChina(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(todayInChina(new Date('2028-02-28T20:00:00Z'))).toBe('2028-02-29');
  });

  it('stays UTC+8 in summer (China has no daylight saving)', () => {
    expect(todayInChina(new Date('2026-07-01T15:59:00Z'))).toBe('2026-07-01');
    expect(todayInChina(new Date('2026-07-01T16:00:00Z'))).toBe('2026-07-02');
  });

  it('defaults to now, as YYYY-MM-DD', () => {
    expect(todayInChina()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('changes daysLeft across the UTC date boundary', () => {
    const before = goalProgress(NANJING, 598, todayInChina(new Date('2026-11-24T15:00:00Z')));
    const after = goalProgress(NANJING, 598, todayInChina(new Date('2026-11-24T17:00:00Z')));
    expect(before.daysLeft).toBe(37);
    expect(after.daysLeft).toBe(36);
  });
});

/**
 * Four years to the deadline: 2026-01-01 to 2030-01-01 is 1,461 days (2028 is a leap year), exactly 48
 * months of 365.25 / 12 days, so that a trend of 12 a year (1 a month) adds 48 by the deadline.
 */
const FOUR_YEARS = { target: 100, deadline: '2030-01-01' };
const TODAY = '2026-01-01';

describe('goalForecast', () => {
  it('takes the pace from the last 12 months: monthlyTrend = trend / 12, to 2 decimals', () => {
    expect(goalForecast(FOUR_YEARS, 10, 12, TODAY)).toMatchObject({ trendLast12Months: 12, monthlyTrend: 1 });
    expect(goalForecast(FOUR_YEARS, 10, 7, TODAY).monthlyTrend).toBe(0.58);
  });

  it('projects current + pace × months left to the deadline', () => {
    expect(goalForecast(FOUR_YEARS, 10, 12, TODAY).projectedAtDeadline).toBe(58);
    // 6 a year for 48 months: + 24
    expect(goalForecast(FOUR_YEARS, 10, 6, TODAY).projectedAtDeadline).toBe(34);
    // 7 a year: 10 + 7 / 12 × 48 = 38
    expect(goalForecast(FOUR_YEARS, 10, 7, TODAY).projectedAtDeadline).toBe(38);
  });

  it('gives the day the target is reached at that pace, rounded up to a whole day', () => {
    // 48 still needed at 1 a month: 48 months = 1,461 days, the deadline itself
    expect(goalForecast(FOUR_YEARS, 52, 12, TODAY).projectedReachDate).toBe('2030-01-01');
    // 49 needed: 49 × 30.4375 = 1,491.44 days, so the 1,492nd day
    expect(goalForecast(FOUR_YEARS, 51, 12, TODAY).projectedReachDate).toBe('2030-02-01');
    // 50 needed at 0.5 a month: 100 months = 3,043.75 days → 3,044 days
    expect(goalForecast(FOUR_YEARS, 50, 6, TODAY).projectedReachDate).toBe('2034-05-03');
  });

  it('an achieved goal: ACHIEVED, no reach date, even past its deadline', () => {
    expect(goalForecast(FOUR_YEARS, 100, 12, TODAY)).toEqual({
      trendLast12Months: 12, monthlyTrend: 1, projectedAtDeadline: 148, projectedReachDate: null, status: GoalStatus.ACHIEVED,
    });
    expect(goalForecast(FOUR_YEARS, 130, 0, '2031-06-01')).toMatchObject({ projectedAtDeadline: 130, projectedReachDate: null, status: GoalStatus.ACHIEVED });
  });

  it('no history: pace 0, nothing projected beyond today, no reach date, OFF_TRACK', () => {
    expect(goalForecast(FOUR_YEARS, 10, 0, TODAY)).toEqual({
      trendLast12Months: 0, monthlyTrend: 0, projectedAtDeadline: 10, projectedReachDate: null, status: GoalStatus.OFF_TRACK,
    });
    // with no history, a goal already at 90% still stands at 90% on its deadline
    expect(goalForecast(FOUR_YEARS, 90, 0, TODAY).status).toBe(GoalStatus.AT_RISK);
  });

  it('a deadline in the past: projected = current, OFF_TRACK however close, the reach date still at the pace', () => {
    const past = goalForecast(FOUR_YEARS, 99, 12, '2030-01-02');
    expect(past).toMatchObject({ projectedAtDeadline: 99, status: GoalStatus.OFF_TRACK });
    // 1 needed at 1 a month: 30.4375 days → 31
    expect(past.projectedReachDate).toBe('2030-02-02');
  });

  it('the deadline day itself has not passed: judged on current', () => {
    expect(goalForecast(FOUR_YEARS, 95, 12, '2030-01-01')).toMatchObject({ projectedAtDeadline: 95, status: GoalStatus.AT_RISK });
    expect(goalForecast(FOUR_YEARS, 95, 12, '2030-01-02').status).toBe(GoalStatus.OFF_TRACK);
  });

  it('ON_TRACK from a projection of exactly the target; AT_RISK from exactly 90% of it; OFF_TRACK below', () => {
    expect(goalForecast(FOUR_YEARS, 52, 12, TODAY)).toMatchObject({ projectedAtDeadline: 100, status: GoalStatus.ON_TRACK });
    expect(goalForecast(FOUR_YEARS, 51, 12, TODAY)).toMatchObject({ projectedAtDeadline: 99, status: GoalStatus.AT_RISK });
    expect(goalForecast(FOUR_YEARS, 42, 12, TODAY)).toMatchObject({ projectedAtDeadline: 90, status: GoalStatus.AT_RISK });
    expect(goalForecast(FOUR_YEARS, 41, 12, TODAY)).toMatchObject({ projectedAtDeadline: 89, status: GoalStatus.OFF_TRACK });
  });

  it('no reach date past the year 9999', () => {
    expect(goalForecast({ target: 1_000_000_000, deadline: '2035-12-31' }, 0, 1, TODAY).projectedReachDate).toBeNull();
  });
});

/** Evidence with every record dated and known: the pace is measured. */
const measured = (current: number, gained: number, extra: Partial<GoalEvidenceValues> = {}): GoalEvidenceValues => ({
  records: current, current, unknownValues: 0, gainedLast12Months: gained, undated: 0, samples: 0, published: null, ...extra,
});

describe('judgeGoal: a status only as strong as its evidence', () => {
  it('NO_DATA when the registry counts nothing in scope and no report gives a figure: not OFF_TRACK, nothing projected, onTrack null', () => {
    const j = judgeGoal(FOUR_YEARS, measured(0, 0), TODAY);
    expect(j).toMatchObject({ status: GoalStatus.NO_DATA, statusReason: GoalStatusReason.NO_RECORDS, onTrack: null, achieved: false, paceMeasured: false, projectedAtDeadline: null, projectedReachDate: null });
    expect(j.statusExplanation).toMatch(/无法判断进度 · .*cannot be judged/);
    // with no data, even a passed deadline says NO_DATA: there is nothing that shows the goal missed
    expect(judgeGoal(FOUR_YEARS, measured(0, 0), '2031-01-01').status).toBe(GoalStatus.NO_DATA);
  });

  it('INSUFFICIENT_HISTORY when counted records are undated: Nanjing’s 598 sample studios, 25 days before the deadline', () => {
    const j = judgeGoal({ target: 1000, deadline: '2026-12-31' }, measured(598, 0, { undated: 598, samples: 598 }), '2026-12-06');
    expect(j).toMatchObject({ status: GoalStatus.INSUFFICIENT_HISTORY, statusReason: GoalStatusReason.UNDATED_RECORDS, onTrack: null, paceMeasured: false, projectedAtDeadline: null });
    expect(j.statusExplanation).toContain('598 of the 598 records counted have no date');
    expect(j.statusExplanation).toContain('598 条记录中有 598 条');
  });

  it('once the deadline has passed unmet, OFF_TRACK whatever the dates', () => {
    const j = judgeGoal({ target: 1000, deadline: '2026-12-31' }, measured(598, 0, { undated: 598 }), '2027-01-01');
    expect(j).toMatchObject({ status: GoalStatus.OFF_TRACK, statusReason: GoalStatusReason.DEADLINE_PASSED, onTrack: false });
  });

  it('undated records can only add to the pace: ON_TRACK when the dated ones alone reach the target', () => {
    // 10 now, 12 dated in the last year: 10 + 1 × 48 = 58 ≥ 50
    const j = judgeGoal({ ...FOUR_YEARS, target: 50 }, measured(10, 12, { records: 10, undated: 3 }), TODAY);
    expect(j).toMatchObject({ status: GoalStatus.ON_TRACK, statusReason: GoalStatusReason.DATED_PACE_REACHES_TARGET, onTrack: true, paceMeasured: false, projectedAtDeadline: 58 });
    // the same short of the target: not OFF_TRACK, since the undated ones may be recent
    expect(judgeGoal(FOUR_YEARS, measured(10, 12, { undated: 3 }), TODAY)).toMatchObject({ status: GoalStatus.INSUFFICIENT_HISTORY, projectedAtDeadline: null });
  });

  it('a sum with unknown values cannot measure a pace: INSUFFICIENT_HISTORY (UNKNOWN_VALUES)', () => {
    expect(judgeGoal(FOUR_YEARS, measured(40, 0, { records: 20_800, unknownValues: 20_799 }), TODAY)).toMatchObject({
      status: GoalStatus.INSUFFICIENT_HISTORY, statusReason: GoalStatusReason.UNKNOWN_VALUES,
    });
  });

  it('with a measured pace, the forecast decides: ON_TRACK, AT_RISK, OFF_TRACK as before, and onTrack agrees', () => {
    expect(judgeGoal(FOUR_YEARS, measured(52, 12), TODAY)).toMatchObject({ status: GoalStatus.ON_TRACK, statusReason: GoalStatusReason.PACE_REACHES_TARGET, onTrack: true, paceMeasured: true, projectedAtDeadline: 100 });
    expect(judgeGoal(FOUR_YEARS, measured(42, 12), TODAY)).toMatchObject({ status: GoalStatus.AT_RISK, statusReason: GoalStatusReason.PACE_NEARLY_REACHES_TARGET, onTrack: false });
    expect(judgeGoal(FOUR_YEARS, measured(41, 12), TODAY)).toMatchObject({ status: GoalStatus.OFF_TRACK, statusReason: GoalStatusReason.PACE_FALLS_SHORT, onTrack: false });
    // a measured pace of 0 (every record dated, none recent) is evidence too
    expect(judgeGoal(FOUR_YEARS, measured(10, 0), TODAY)).toMatchObject({ status: GoalStatus.OFF_TRACK, paceMeasured: true, projectedAtDeadline: 10 });
  });

  it('ACHIEVED by the registry, or by a published figure that is exact or a lower bound, never by an "about" one', () => {
    expect(judgeGoal(FOUR_YEARS, measured(100, 0, { undated: 100 }), TODAY)).toMatchObject({ status: GoalStatus.ACHIEVED, statusReason: GoalStatusReason.TARGET_REACHED_IN_REGISTRY, achieved: true, onTrack: true });
    const published = (qualifier: 'EXACT' | 'AT_LEAST' | 'ABOUT' | 'AT_MOST') => ({ value: 120, qualifier, asOf: '2025-10-22', publisher: '扬子晚报网' });
    const byFigure = judgeGoal(FOUR_YEARS, measured(0, 0, { published: published('AT_LEAST') }), TODAY);
    expect(byFigure).toMatchObject({ status: GoalStatus.ACHIEVED, statusReason: GoalStatusReason.TARGET_REACHED_IN_PUBLISHED_FIGURE, achieved: true });
    expect(byFigure.statusExplanation).toContain('over 120 (扬子晚报网, 2025-10-22)');
    expect(judgeGoal(FOUR_YEARS, measured(0, 0, { published: published('EXACT') }), TODAY).status).toBe(GoalStatus.ACHIEVED);
    expect(judgeGoal(FOUR_YEARS, measured(0, 0, { published: published('ABOUT') }), TODAY).status).toBe(GoalStatus.INSUFFICIENT_HISTORY);
    expect(judgeGoal(FOUR_YEARS, measured(0, 0, { published: published('AT_MOST') }), TODAY).status).toBe(GoalStatus.INSUFFICIENT_HISTORY);
  });

  it('only a published figure and no records: INSUFFICIENT_HISTORY (ONLY_PUBLISHED_FIGURES), quoting it', () => {
    const j = judgeGoal(FOUR_YEARS, measured(0, 0, { published: { value: 11, qualifier: 'EXACT', asOf: '2025-10-20', publisher: '新华日报' } }), TODAY);
    expect(j).toMatchObject({ status: GoalStatus.INSUFFICIENT_HISTORY, statusReason: GoalStatusReason.ONLY_PUBLISHED_FIGURES, onTrack: null });
    expect(j.statusExplanation).toContain('11（新华日报, 2025-10-20）');
  });

  it('onTrack never contradicts status', () => {
    const cases: GoalEvidenceValues[] = [measured(0, 0), measured(598, 0, { undated: 598 }), measured(52, 12), measured(42, 12), measured(41, 12), measured(100, 0)];
    for (const evidence of cases) {
      for (const today of [TODAY, '2031-01-01']) {
        const { status, onTrack } = judgeGoal(FOUR_YEARS, evidence, today);
        const expected = { ACHIEVED: true, ON_TRACK: true, AT_RISK: false, OFF_TRACK: false, NO_DATA: null, INSUFFICIENT_HISTORY: null }[status];
        expect(onTrack).toBe(expected);
      }
    }
  });
});
