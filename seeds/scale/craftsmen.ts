/** A city's synthetic craftsmen: levels, a selection pipeline, recognition dates, personal fields. */
import type { Row } from '../published/batch';
import { SAMPLE_LABEL, addDays, enteredAt, pad, recentDates, rngFor, weightedChoice, weightedPicker, type ScaleContext } from './common';
import { mobileNumber, nationalIdNumber } from './identity';
import type { CityPlan } from './plan';

const LEVELS = [['MUNICIPAL', 85], ['PROVINCIAL', 12], ['NATIONAL', 3]] as const;
// The last 12 months' intake is still in the pipeline; earlier ones are decided.
const CURRENT_STATUSES = [['CANDIDATE', 25], ['IN_TRAINING', 45], ['CERTIFIED', 30]] as const;
const PAST_STATUSES = [['CERTIFIED', 85], ['NOT_CERTIFIED', 15]] as const;

const title = (level: string, city: CityPlan) =>
  level === 'NATIONAL' ? '国家工匠' : level === 'PROVINCIAL' ? `${city.provinceName}工匠` : `${city.name}工匠`;

/**
 * Selected over the last ten years, more each year; `year` is the year of selection and a certified
 * craftsman was recognised on that day (the table requires the date to fall in `year`). Craftsmen
 * work mostly for the city's larger firms; a fifth are listed without an employer.
 */
export function cityCraftsmen(ctx: ScaleContext, city: CityPlan, enterprises: readonly Row[]): Row[] {
  const rng = rngFor(ctx.scale, city.code, 'craftsman');
  const employer = weightedPicker(rng, enterprises.map((e) => Math.sqrt(e.employee_count as number)));
  const levelOf = weightedChoice(rng, LEVELS);
  const selectedOn = recentDates(rng, ctx.asOf, 10, 1);
  const yearAgo = addDays(ctx.asOf, -365);
  const currentStatus = weightedChoice(rng, CURRENT_STATUSES);
  const pastStatus = weightedChoice(rng, PAST_STATUSES);
  const ids = new Set<string>();
  return Array.from({ length: city.counts.craftsmen }, (_, i) => {
    const level = levelOf();
    const selected = selectedOn();
    const year = Number(selected.slice(0, 4));
    const status = selected >= yearAgo ? currentStatus() : pastStatus();
    return {
      name: `${city.name}${SAMPLE_LABEL}工匠 ${pad(i + 1, 6)}`,
      level,
      honorary_title: title(level, city),
      status,
      year,
      recognized_on: status === 'CERTIFIED' ? selected : null,
      enterprise_code: enterprises.length && rng.float() < 0.8 ? enterprises[employer()].credit_code : null,
      province_code: city.provinceCode,
      city_code: city.code,
      national_id_number: nationalIdNumber(rng, city.code, year, rng.int(26, 55), ids),
      phone: rng.float() < 0.7 ? mobileNumber(rng) : null,
      is_sample: true,
      source_id: ctx.sourceId,
      created_at: enteredAt(selected),
    };
  });
}
