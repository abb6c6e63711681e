/** A studio goal for each city that has not published one, so that goal progress covers the whole province. */
import type { Row } from '../published/batch';
import { GOALS } from '../published/reports';
import { SAMPLE_LABEL, addDays, rngFor, type ScaleContext } from './common';
import type { CityPlan } from './plan';

/** Cities with a published studio goal keep it (Nanjing: 1,000 by the end of 2026). */
const PUBLISHED_STUDIO_GOAL_CITIES = new Set(GOALS.filter((g) => g.metric === 'INNOVATION_STUDIOS').map((g) => g.city_code));

/**
 * Like Nanjing's: a round target well above today's count (1.3 to 1.9 times, in fifties) by the end
 * of next year, with the count a year ago as its baseline, so that onTrack and the forecast have
 * something to judge. `studios` are the city's synthetic studios.
 */
export function cityStudioGoal(ctx: ScaleContext, city: CityPlan, studios: readonly Row[]): Row | null {
  if (PUBLISHED_STUDIO_GOAL_CITIES.has(city.code) || studios.length === 0) return null;
  const rng = rngFor(ctx.scale, city.code, 'goal');
  const target = Math.ceil((studios.length * (1.3 + 0.6 * rng.float())) / 50) * 50;
  const baselineOn = addDays(ctx.asOf, -365);
  const deadlineYear = Number(ctx.asOf.slice(0, 4)) + 1;
  return {
    province_code: city.provinceCode,
    city_code: city.code,
    metric: 'INNOVATION_STUDIOS',
    target,
    deadline: `${deadlineYear}-12-31`,
    baseline_value: studios.filter((s) => (s.established_on as string) <= baselineOn).length,
    baseline_on: baselineOn,
    description: `到${deadlineYear}年底全市创新工作室达到${target}家（${SAMPLE_LABEL}）`,
    source_id: ctx.sourceId,
  };
}
