/** A city's synthetic craftsmen: levels, a selection pipeline by year, recognition dates, personal fields. */
import type { Row } from '../published/batch';
import { LAST_DAY, SAMPLE_LABEL, pad, randomDate, rngFor, risingYears, weightedChoice, weightedPicker } from './common';
import { mobileNumber, nationalIdNumber } from './identity';
import type { CityPlan } from './plan';

const LEVELS = [['MUNICIPAL', 85], ['PROVINCIAL', 12], ['NATIONAL', 3]] as const;
// This year's intake is still in the pipeline; earlier years are decided.
const CURRENT_STATUSES = [['CANDIDATE', 25], ['IN_TRAINING', 45], ['CERTIFIED', 30]] as const;
const PAST_STATUSES = [['CERTIFIED', 85], ['NOT_CERTIFIED', 15]] as const;
const CURRENT_YEAR = Number(LAST_DAY.slice(0, 4));

const title = (level: string, cityName: string) =>
  level === 'NATIONAL' ? '国家工匠' : level === 'PROVINCIAL' ? '江苏工匠' : `${cityName}工匠`;

/** Craftsmen work mostly for the city's larger firms; a fifth are listed without an employer. */
export function cityCraftsmen(scale: number, city: CityPlan, enterprises: readonly Row[], sourceId: number): Row[] {
  const rng = rngFor(scale, city.code, 'craftsman');
  const employer = weightedPicker(rng, enterprises.map((e) => Math.sqrt(e.employee_count as number)));
  const levelOf = weightedChoice(rng, LEVELS);
  const yearOf = weightedChoice(rng, risingYears(2016, CURRENT_YEAR, 1));
  const currentStatus = weightedChoice(rng, CURRENT_STATUSES);
  const pastStatus = weightedChoice(rng, PAST_STATUSES);
  const ids = new Set<string>();
  return Array.from({ length: city.counts.craftsmen }, (_, i) => {
    const level = levelOf();
    const year = yearOf();
    const status = year === CURRENT_YEAR ? currentStatus() : pastStatus();
    return {
      name: `${city.name}${SAMPLE_LABEL}工匠 ${pad(i + 1, 6)}`,
      level,
      honorary_title: title(level, city.name),
      status,
      year,
      // Only a certified craftsman has been recognised; the date falls in the year (a table constraint).
      recognized_on: status === 'CERTIFIED' ? randomDate(rng, `${year}-01-01`, year === CURRENT_YEAR ? LAST_DAY : `${year}-12-31`) : null,
      enterprise_code: enterprises.length && rng.float() < 0.8 ? enterprises[employer()].credit_code : null,
      province_code: city.provinceCode,
      city_code: city.code,
      national_id_number: nationalIdNumber(rng, city.code, year, rng.int(26, 55), ids),
      phone: rng.float() < 0.7 ? mobileNumber(rng) : null,
      is_sample: true,
      source_id: sourceId,
    };
  });
}
