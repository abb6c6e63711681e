/** A city's synthetic craftsman academies. */
import type { Row } from '../published/batch';
import { SAMPLE_LABEL, enteredAt, pad, recentDates, rngFor, weightedChoice, type ScaleContext } from './common';
import type { CityPlan } from './plan';

// Nanjing publishes 28 municipal and 7 district academies; a few cities host a provincial one.
const LEVELS = [['MUNICIPAL', 76], ['DISTRICT', 20], ['PROVINCIAL', 4]] as const;
const LEVEL_LABEL: Record<string, string> = { MUNICIPAL: '市级', DISTRICT: '区级', PROVINCIAL: '省级' };

/**
 * Academies founded over the last ten years, faster lately; about one in twenty on the provincial
 * support list (Nanjing: 2 of 35); about half hosted by one of the city's enterprises.
 */
export function cityAcademies(ctx: ScaleContext, city: CityPlan, enterprises: readonly Row[]): Row[] {
  const rng = rngFor(ctx.scale, city.code, 'academy');
  const founded = recentDates(rng, ctx.asOf, 10, 1.5);
  const levelOf = weightedChoice(rng, LEVELS);
  return Array.from({ length: city.counts.academies }, (_, i) => {
    const level = levelOf();
    const on = founded();
    return {
      name: `${city.name}${SAMPLE_LABEL}${LEVEL_LABEL[level]}工匠学院 ${pad(i + 1, 4)}`,
      level,
      host_institution: enterprises.length && rng.float() < 0.5 ? enterprises[rng.int(0, enterprises.length - 1)].name : null,
      province_code: city.provinceCode,
      city_code: city.code,
      on_provincial_support_list: level !== 'DISTRICT' && rng.float() < 0.06,
      established_on: on,
      is_sample: true,
      source_id: ctx.sourceId,
      created_at: enteredAt(on),
    };
  });
}
