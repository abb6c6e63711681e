/** A city's synthetic enterprises and their collective innovation contracts (one each, like the published ones). */
import { syntheticCreditCode } from '../../src/common/credit-code';
import type { Row } from '../published/batch';
import { AS_OF, LAST_DAY, SAMPLE_LABEL, monthsBetween, pad, randomDate, rngFor, weightedChoice, yearlyDates } from './common';
import type { CityPlan } from './plan';

// Above every serial the published data set uses (named < 1,000; samples 100,001…), so codes never clash.
const SERIAL_BASE = 10_000_000;

// The same mixes as the published Jiangsu sample enterprises (seeds/published/samples.ts).
const OWNERSHIP = [['STATE_OWNED', 10], ['PRIVATE', 72], ['FOREIGN_INVESTED', 13], ['OTHER', 5]] as const;
const INDUSTRIES = ['装备制造', '电子信息', '新材料', '生物医药', '汽车', '石油化工', '纺织服装', '食品', '冶金', '建材'];
// Signing years and terms as in the published contracts.
const SIGNING_YEARS = [[2021, 10], [2022, 15], [2023, 20], [2024, 28], [2025, 20]] as const;
const TERMS = [[12, 30], [24, 35], [36, 35]] as const;

/** A registry entry time in China time (the enterprise time series counts by it). */
const enteredAt = (date: string) => `${date} 10:00:00+08`;

export function cityEnterprises(scale: number, city: CityPlan, sourceId: number): { enterprises: Row[]; contracts: Row[] } {
  const rng = rngFor(scale, city.code, 'enterprise');
  const signedOn = yearlyDates(rng, SIGNING_YEARS);
  const ownership = weightedChoice(rng, OWNERSHIP);
  const termOf = weightedChoice(rng, TERMS);
  const enterprises: Row[] = [];
  const contracts: Row[] = [];
  for (let i = 0; i < city.counts.enterprises; i += 1) {
    const serial = pad(i + 1, 6);
    const enterprise: Row = {
      credit_code: syntheticCreditCode(city.code, SERIAL_BASE + i + 1),
      name: `${city.name}${SAMPLE_LABEL}企业 ${serial}`,
      name_en: `${city.nameEn} Scale Sample Enterprise ${serial}`,
      ownership: ownership(),
      industry: INDUSTRIES[rng.int(0, INDUSTRIES.length - 1)],
      province_code: city.provinceCode,
      city_code: city.code,
      is_sample: true,
      source_id: sourceId,
    };
    enterprises.push(enterprise);
    if (i >= city.counts.contracts) {
      // Firms without a contract: entered over the registry's years, sized like small and medium firms.
      enterprise.employee_count = Math.min(60_000, Math.max(5, Math.round(rng.logNormal(120, 1.2))));
      enterprise.created_at = enteredAt(randomDate(rng, '2021-01-01', LAST_DAY));
      continue;
    }
    // As in the published contracts: most signatories small or medium, a few very large; a contract
    // covers most, not always all, of the workforce; the firm is entered when it files the contract.
    const covered = Math.round(Math.min(40_000, Math.max(3, rng.logNormal(52, 1.1))));
    enterprise.employee_count = Math.ceil(covered / (0.7 + 0.3 * rng.float()));
    const signed = signedOn();
    enterprise.created_at = enteredAt(signed);
    const term = termOf();
    const planned = Math.min(20, 1 + Math.floor(rng.logNormal(2.5, 0.6)));
    const progress = Math.min(1, monthsBetween(signed, AS_OF) / term);
    contracts.push({
      enterprise_code: enterprise.credit_code,
      province_code: city.provinceCode,
      city_code: city.code,
      signed_on: signed,
      term_months: term,
      workers_covered: covered,
      projects_planned: planned,
      projects_completed: Math.min(planned, Math.round(planned * progress * (0.6 + 0.4 * rng.float()))),
      is_sample: true,
      source_id: sourceId,
    });
  }
  for (const e of enterprises) e.updated_at = e.created_at;
  return { enterprises, contracts };
}
