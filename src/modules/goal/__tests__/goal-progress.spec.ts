import { daysBetween, todayInChina } from '../../../common/calendar';
import { goalForecast, goalProgress, GoalStatus, type GoalTerms } from '../goal-progress';

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
    expect(p.achieved).toBe(false);
    expect(goalProgress(NO_BASELINE, 1, '2026-01-01').ratio).toBe(0.005);
    expect(goalProgress({ ...NO_BASELINE, target: 3 }, 1, '2026-01-01').ratio).toBe(0.3333);
  });

  it('works out Nanjing on the day of the report: on the line, 434 days and 28.19 a month to go', () => {
    const p = goalProgress(NANJING, 598, '2025-10-23');
    expect(p.daysLeft).toBe(434);
    // 402 still needed over 434 days = 434 / (365.25 / 12) = 14.26 months: 402 / 14.26 = 28.19
    expect(p.monthlyRateNeeded).toBe(28.19);
    expect(p.expectedByNow).toBe(598);
    expect(p.onTrack).toBe(true);
  });

  it('works out Nanjing on 2026-11-25 with no new studio: behind the line', () => {
    const p = goalProgress(NANJING, 598, '2026-11-25');
    expect(p.daysLeft).toBe(36);
    expect(p.monthlyRateNeeded).toBe(339.89);
    // 598 + 402 × 398 / 434 = 966.65
    expect(p.expectedByNow).toBe(966.7);
    expect(p.onTrack).toBe(false);
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

  it('is on track exactly when current reaches the line before the deadline', () => {
    expect(goalProgress(JANUARY, 50, '2026-01-16').onTrack).toBe(true);
    expect(goalProgress(JANUARY, 49, '2026-01-16').onTrack).toBe(false);
    expect(goalProgress(JANUARY, 99, '2026-01-30').onTrack).toBe(true); // line at 96.7
  });

  it('gives the monthly rate still needed from today', () => {
    // 50 in 15 days: 15 / 30.4375 months → 101.46 a month
    expect(goalProgress(JANUARY, 50, '2026-01-16').monthlyRateNeeded).toBe(101.46);
  });

  it('an achieved goal: nothing remaining, no rate needed, on track, even past the deadline', () => {
    for (const today of ['2026-01-10', '2026-01-31', '2027-01-01']) {
      const p = goalProgress(JANUARY, 120, today);
      expect(p.achieved).toBe(true);
      expect(p.remaining).toBe(0);
      expect(p.ratio).toBe(1.2);
      expect(p.monthlyRateNeeded).toBe(0);
      expect(p.onTrack).toBe(true);
    }
    expect(goalProgress(JANUARY, 100, '2026-01-10')).toMatchObject({ achieved: true, remaining: 0, ratio: 1, onTrack: true });
    expect(goalProgress(NO_BASELINE, 200, '2026-01-01')).toMatchObject({ achieved: true, onTrack: true, expectedByNow: null });
  });

  it('a deadline passed unmet: no days left, no rate that could still make it, not on track', () => {
    const p = goalProgress(JANUARY, 80, '2026-03-01');
    expect(p.daysLeft).toBe(0);
    expect(p.remaining).toBe(20);
    expect(p.monthlyRateNeeded).toBeNull();
    expect(p.onTrack).toBe(false);
    // the same without a baseline: still judged, because the deadline has passed
    expect(goalProgress(NO_BASELINE, 5, '2036-01-01')).toMatchObject({ daysLeft: 0, monthlyRateNeeded: null, onTrack: false, expectedByNow: null });
  });

  it('no baseline: nothing to judge by before the deadline', () => {
    const p = goalProgress(NO_BASELINE, 11, '2026-01-01');
    expect(p.expectedByNow).toBeNull();
    expect(p.onTrack).toBeNull();
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
