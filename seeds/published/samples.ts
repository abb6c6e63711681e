/**
 * Sample records that stand in for registry rows the reports only count. Every one is marked
 * is_sample and named 示例 ("sample"); the counts and sums reproduce the published figures exactly,
 * while the remaining fields are plausible synthetic values from a fixed-seed PRNG.
 */
import { addDays, daysBetween, monthsBetween } from '../../src/common/calendar';
import { syntheticCreditCode } from '../../src/common/credit-code';
import type { Row } from './batch';
import { JIANGSU, NANJING, WUHAN, HUBEI, type SourceKey } from './reports';
import { Rng, apportion } from './random';

// Sample enterprises use serials from here on; the named enterprises use serials below 1000.
const SAMPLE_SERIAL_BASE = 100_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const NANJING_INDUSTRIES = ['装备制造', '电子信息', '软件和信息服务', '生物医药', '新材料', '汽车', '石油化工', '电力'];
const JIANGSU_INDUSTRIES = ['装备制造', '电子信息', '新材料', '生物医药', '汽车', '石油化工', '纺织服装', '食品', '冶金', '建材'];
const NANJING_OWNERSHIP = [['STATE_OWNED', 30], ['PRIVATE', 50], ['FOREIGN_INVESTED', 15], ['OTHER', 5]] as const;
const JIANGSU_OWNERSHIP = [['STATE_OWNED', 10], ['PRIVATE', 72], ['FOREIGN_INVESTED', 13], ['OTHER', 5]] as const;

function sampleEnterprise(rng: Rng, division: string, city: string | null, serial: number, prefix: string, prefixEn: string,
  ownership: readonly (readonly [string, number])[], industries: string[], width: number, source: SourceKey): Row {
  return {
    credit_code: syntheticCreditCode(division, SAMPLE_SERIAL_BASE + serial),
    name: `${prefix} ${pad(serial, width)}`,
    name_en: `${prefixEn} ${pad(serial, width)}`,
    ownership: rng.weighted(ownership),
    industry: industries[rng.int(0, industries.length - 1)],
    province_code: JIANGSU,
    city_code: city,
    is_sample: true,
    source,
  };
}

export interface NanjingStudioCounts {
  modelWorker: number;
  employee: number;
  national: number;
  provincial: number;
  enterprises: number;
  /** Last possible establishment date: the day before the count was published. */
  until: string;
}

/** Nanjing's innovation studios and the sample enterprises that host them. */
export function nanjingStudios(c: NanjingStudioCounts): { enterprises: Row[]; studios: Row[] } {
  const rng = new Rng(20251023);
  const enterprises = Array.from({ length: c.enterprises }, (_, i) => {
    const e = sampleEnterprise(rng, NANJING, NANJING, i + 1, '南京市示例企业', 'Nanjing Sample Enterprise',
      NANJING_OWNERSHIP, NANJING_INDUSTRIES, 3, 'nanjingDaily');
    // Studio-hosting firms skew large; state-owned ones larger still.
    const scale = e.ownership === 'STATE_OWNED' ? 3 : 1;
    e.employee_count = Math.min(60_000, Math.max(50, Math.round(rng.logNormal(450 * scale, 1.0))));
    return e;
  });

  // More studios were set up each year as the reform gathered pace; 2025 counts only up to `until`.
  const lastYear = Number(c.until.slice(0, 4));
  const years: [number, number][] = [];
  for (let y = 2012; y <= lastYear; y += 1) {
    const partial = y === lastYear ? daysBetween(`${y}-01-01`, c.until) / 365 : 1;
    years.push([y, (y - 2011) ** 1.3 * partial]);
  }
  const established = () => {
    const y = rng.weighted(years);
    return rng.date(`${y}-01-01`, y === lastYear ? c.until : `${y}-12-31`);
  };

  // Every sample enterprise hosts at least one studio; the rest go mostly to the bigger firms.
  const sizeWeights = enterprises.map((e, i) => [i, Math.sqrt(e.employee_count as number)] as const);
  const host = (k: number) => (k < enterprises.length ? k : rng.weighted(sizeWeights));
  const kinds: [string, string, number][] = [['MODEL_WORKER', '劳模', c.modelWorker], ['EMPLOYEE', '职工', c.employee]];
  const studios: Row[] = [];
  for (const [kind, label, count] of kinds) {
    for (let i = 1; i <= count; i += 1) {
      studios.push({
        name: `南京市示例${label}创新工作室 ${pad(i, 3)}`,
        kind,
        demonstration_level: 'NONE',
        enterprise_code: enterprises[host(studios.length)].credit_code,
        province_code: JIANGSU,
        city_code: NANJING,
        established_on: established(),
        is_sample: true,
        source: 'nanjingDaily',
      });
    }
  }

  // Demonstration status takes years to earn: national among older model-worker studios,
  // provincial ("regional") among older studios of either kind.
  const national = rng.sample(studios.filter((s) => s.kind === 'MODEL_WORKER' && (s.established_on as string) < '2019-01-01'), c.national);
  national.forEach((s) => (s.demonstration_level = 'NATIONAL'));
  const provincial = rng.sample(studios.filter((s) => s.demonstration_level === 'NONE' && (s.established_on as string) < '2021-01-01'), c.provincial);
  provincial.forEach((s) => (s.demonstration_level = 'PROVINCIAL'));
  return { enterprises, studios };
}

export interface JiangsuContractCounts {
  enterprises: number;
  /** Workers these sample contracts must cover between them, to the unit. */
  workersCovered: number;
  /** The report's date: contracts are signed before it and progress is measured at it. */
  asOf: string;
}

/**
 * Jiangsu's collective innovation contracts: one per sample enterprise. The report gives only a
 * province total, so no city is invented (city_code null).
 */
export function jiangsuContracts(c: JiangsuContractCounts): { enterprises: Row[]; contracts: Row[] } {
  const rng = new Rng(20250929);
  // Most signatories are small or medium firms; a few are very large.
  const raw = Array.from({ length: c.enterprises }, () => Math.min(40_000, Math.max(3, rng.logNormal(50, 1.1))));
  const covered = apportion(raw, c.workersCovered);
  const lastDay = addDays(c.asOf, -1);
  const yearWeights = [[2021, 10], [2022, 15], [2023, 20], [2024, 28], [2025, 20]] as const;

  const enterprises: Row[] = [];
  const contracts: Row[] = [];
  for (let i = 0; i < c.enterprises; i += 1) {
    const e = sampleEnterprise(rng, JIANGSU, null, i + 1, '江苏省示例企业', 'Jiangsu Sample Enterprise',
      JIANGSU_OWNERSHIP, JIANGSU_INDUSTRIES, 5, 'xinhuaContracts');
    // Contracts cover most, not always all, of a firm's workforce.
    e.employee_count = Math.ceil(covered[i] / (0.7 + 0.3 * rng.float()));
    enterprises.push(e);

    const year = rng.weighted(yearWeights);
    const signedOn = rng.date(`${year}-01-01`, year === 2025 ? lastDay : `${year}-12-31`);
    const term = rng.weighted([[12, 30], [24, 35], [36, 35]] as const);
    const planned = Math.min(20, 1 + Math.floor(rng.logNormal(2.5, 0.6)));
    const progress = Math.min(1, monthsBetween(signedOn, c.asOf) / term);
    contracts.push({
      enterprise_code: e.credit_code,
      province_code: e.province_code,
      city_code: e.city_code,
      signed_on: signedOn,
      term_months: term,
      workers_covered: covered[i],
      projects_planned: planned,
      projects_completed: Math.min(planned, Math.round(planned * progress * (0.6 + 0.4 * rng.float()))),
      is_sample: true,
      source: 'xinhuaContracts',
    });
  }
  return { enterprises, contracts };
}

/** Nanjing's sample craftsman academies; the one real (municipal) academy is added by the caller. */
export function nanjingAcademies(municipalSamples: number, district: number, onSupportList: number): Row[] {
  const row = (name: string, level: string, i: number) => ({
    name, level, province_code: JIANGSU, city_code: NANJING, is_sample: true, source: 'nanjingDaily',
    // The report does not say which two are on the provincial list; the first sample ones carry it.
    on_provincial_support_list: level === 'MUNICIPAL' && i <= onSupportList,
  });
  return [
    ...Array.from({ length: municipalSamples }, (_, i) => row(`南京市示例市级工匠学院 ${pad(i + 1, 2)}`, 'MUNICIPAL', i + 1)),
    ...Array.from({ length: district }, (_, i) => row(`南京市示例区级工匠学院 ${pad(i + 1, 2)}`, 'DISTRICT', i + 1)),
  ];
}

/** The 300 candidates in training for the title 南京工匠 (2025 intake). */
export function nanjingCraftsmenInTraining(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `南京市示例工匠 ${pad(i + 1, 3)}`, level: 'MUNICIPAL', honorary_title: '南京工匠', status: 'IN_TRAINING',
    year: 2025, province_code: JIANGSU, city_code: NANJING, is_sample: true, source: 'nanjingDaily',
  }));
}

/** Jiangsu's national craftsmen of 2025; the reports give places and employers, not names. */
export function jiangsuNationalCraftsmen(placed: { city_code: string | null; enterprise_code?: string }[]): Row[] {
  return placed.map((p, i) => ({
    name: `江苏省示例国家工匠 ${pad(i + 1, 2)}`, level: 'NATIONAL', honorary_title: '国家工匠', status: 'CERTIFIED',
    year: 2025, province_code: JIANGSU, city_code: p.city_code, enterprise_code: p.enterprise_code ?? null,
    is_sample: true, source: 'xinhuaCraftsmen1019',
  }));
}

/** Wuhan Heavy's studios and craftsmen as the report counts them. */
export function wuhanHeavyRecords(enterpriseCode: string): { studios: Row[]; craftsmen: Row[] } {
  const base = { enterprise_code: enterpriseCode, province_code: HUBEI, city_code: WUHAN, is_sample: true, source: 'wuhanHeavy' };
  const studio = (name: string, kind: string, demonstration_level: string) => ({ ...base, name, kind, demonstration_level });
  const craftsman = (name: string, level: string, honorary_title: string) => ({ ...base, name, level, honorary_title, status: 'CERTIFIED' });
  return {
    studios: [
      studio('武汉重工示例职工创新工作室 1', 'EMPLOYEE', 'PROVINCIAL'),
      studio('武汉重工示例职工创新工作室 2', 'EMPLOYEE', 'MUNICIPAL'),
      studio('武汉重工示例职工创新工作室 3', 'EMPLOYEE', 'MUNICIPAL'),
      studio('武汉重工示例专业技术创新工作室 1', 'SPECIALISED_TECHNICAL', 'NONE'),
      studio('武汉重工示例专业技术创新工作室 2', 'SPECIALISED_TECHNICAL', 'NONE'),
    ],
    craftsmen: [
      craftsman('武汉重工示例荆楚工匠 1', 'PROVINCIAL', '荆楚工匠'),
      craftsman('武汉重工示例荆楚工匠 2', 'PROVINCIAL', '荆楚工匠'),
      craftsman('武汉重工示例武汉大城工匠 1', 'MUNICIPAL', '武汉大城工匠'),
      craftsman('武汉重工示例武汉大城工匠 2', 'MUNICIPAL', '武汉大城工匠'),
    ],
  };
}
