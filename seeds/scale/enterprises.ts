/** A city's synthetic enterprises and their collective innovation contracts (one each, like the published ones). */
import { monthsBetween } from '../../src/common/calendar';
import { syntheticCreditCode } from '../../src/common/credit-code';
import type { Row } from '../published/batch';
import { SAMPLE_LABEL, enteredAt, pad, recentDates, rngFor, weightedChoice, type ScaleContext } from './common';
import type { CityPlan } from './plan';

// Above every serial the published data set uses (named < 1,000; samples 100,001…), so codes never clash.
const SERIAL_BASE = 10_000_000;

// Synthetic mixes, for scale data only (the published data set states no ownership or industry).
const OWNERSHIP = [['STATE_OWNED', 10], ['PRIVATE', 72], ['FOREIGN_INVESTED', 13], ['OTHER', 5]] as const;
const INDUSTRIES = ['装备制造', '电子信息', '新材料', '生物医药', '汽车', '石油化工', '纺织服装', '食品', '冶金', '建材'];
// Terms as in the published contracts; signing spread over five years, more each year, as they were.
const TERMS = [[12, 30], [24, 35], [36, 35]] as const;

/** Enterprises, the first `contracts` of them with a collective innovation contract each. */
export function cityEnterprises(ctx: ScaleContext, city: CityPlan): { enterprises: Row[]; contracts: Row[] } {
  const { asOf, sourceId } = ctx;
  const rng = rngFor(ctx.scale, city.code, 'enterprise');
  const signedOn = recentDates(rng, asOf, 5, 1);
  const enteredOn = recentDates(rng, asOf, 5, 0);
  const ownership = weightedChoice(rng, OWNERSHIP);
  const termOf = weightedChoice(rng, TERMS);
  // Founding dates from a stream of their own, so that every other value stays as it was before they existed.
  const foundedOn = recentDates(rngFor(ctx.scale, city.code, 'enterprise-founding'), asOf, 40, 1);
  const founded = (entered: string) => {
    const day = foundedOn();
    return day < entered ? day : entered;
  };
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
      const entered = enteredOn();
      enterprise.created_at = enteredAt(entered);
      enterprise.established_on = founded(entered);
      continue;
    }
    // As in the published contracts: most signatories small or medium, a few very large; a contract
    // covers most, not always all, of the workforce; the firm is entered when it files the contract.
    const covered = Math.round(Math.min(40_000, Math.max(3, rng.logNormal(52, 1.1))));
    enterprise.employee_count = Math.ceil(covered / (0.7 + 0.3 * rng.float()));
    const signed = signedOn();
    enterprise.created_at = enteredAt(signed);
    enterprise.established_on = founded(signed);
    const term = termOf();
    const planned = Math.min(20, 1 + Math.floor(rng.logNormal(2.5, 0.6)));
    const progress = Math.min(1, monthsBetween(signed, asOf) / term);
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
      created_at: enterprise.created_at,
    });
  }
  return { enterprises, contracts };
}
