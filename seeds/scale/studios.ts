/** A city's synthetic innovation studios, their host enterprises and lead craftsmen. */
import { dayNumber } from '../../src/common/calendar';
import type { Row } from '../published/batch';
import { SAMPLE_LABEL, enteredAt, pad, recentDates, rngFor, weightedChoice, weightedPicker, type ScaleContext } from './common';
import type { CityPlan } from './plan';

// Nanjing's published mix is 276 model-worker : 322 employee studios; the other kinds are rarer.
const KINDS = [['MODEL_WORKER', 40], ['EMPLOYEE', 47], ['CRAFTSMAN', 9], ['SPECIALISED_TECHNICAL', 4]] as const;
const KIND_LABEL: Record<string, string> = { MODEL_WORKER: '劳模', EMPLOYEE: '职工', CRAFTSMAN: '工匠', SPECIALISED_TECHNICAL: '专业技术' };

/** Demonstration status takes years to earn: the older the studio, the likelier a higher level. */
function demonstrationLevel(ageYears: number, roll: number): string {
  if (ageYears >= 7) return roll < 0.01 ? 'NATIONAL' : roll < 0.05 ? 'PROVINCIAL' : roll < 0.17 ? 'MUNICIPAL' : 'NONE';
  if (ageYears >= 3) return roll < 0.02 ? 'PROVINCIAL' : roll < 0.12 ? 'MUNICIPAL' : 'NONE';
  return roll < 0.05 ? 'MUNICIPAL' : 'NONE';
}

/**
 * Studios established over the last 14 years, more each year, as the published ones are; hosted
 * mostly by the larger firms. Half the craftsman and model-worker studios are led by a certified
 * craftsman, hosted by his employer.
 */
export function cityStudios(ctx: ScaleContext, city: CityPlan, enterprises: readonly Row[], craftsmen: readonly Row[]): Row[] {
  if (!enterprises.length) return [];
  const rng = rngFor(ctx.scale, city.code, 'studio');
  const host = weightedPicker(rng, enterprises.map((e) => Math.sqrt(e.employee_count as number)));
  const established = recentDates(rng, ctx.asOf, 14, 1.3);
  const today = dayNumber(ctx.asOf);
  const kindOf = weightedChoice(rng, KINDS);
  const leaders = craftsmen.filter((c) => c.status === 'CERTIFIED' && c.enterprise_code);
  return Array.from({ length: city.counts.studios }, (_, i) => {
    const kind = kindOf();
    const on = established();
    const lead = (kind === 'CRAFTSMAN' || kind === 'MODEL_WORKER') && leaders.length && rng.float() < 0.5
      ? leaders[rng.int(0, leaders.length - 1)] : null;
    return {
      name: `${city.name}${SAMPLE_LABEL}${KIND_LABEL[kind]}创新工作室 ${pad(i + 1, 6)}`,
      kind,
      demonstration_level: demonstrationLevel((today - dayNumber(on)) / 365.25, rng.float()),
      enterprise_code: lead ? lead.enterprise_code : enterprises[host()].credit_code,
      lead_name: lead ? lead.name : null,
      province_code: city.provinceCode,
      city_code: city.code,
      established_on: on,
      is_sample: true,
      source_id: ctx.sourceId,
      created_at: enteredAt(on),
    };
  });
}
