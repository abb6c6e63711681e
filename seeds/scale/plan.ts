/**
 * How big a synthetic province at scale N is, and how it spreads over Jiangsu's 13 cities.
 *
 * One scale unit is the published data set extrapolated to the whole province: Jiangsu's 20,800
 * collective contracts and about as many enterprises as the published registry holds (21,103), plus
 * Nanjing's published studios, academies and craftsmen divided by Nanjing's share of the province.
 * Scale N adds N units of synthetic records on top of the published data set.
 */
import { isCalendarDate } from '../../src/common/calendar';
import { PUBLISHED } from '../published-data-set';
import { administrativeDivisions } from '../../src/modules/district/division-data';
import { JIANGSU } from '../published/reports';
import { apportion } from '../published/random';

/**
 * Relative size of each city. The ten reports give per-city counts for Nanjing only, so the weights
 * are a proxy: each city's 2024 GDP in 100 billion yuan (千亿元), approximate and rounded. That
 * gives the real skew, Suzhou and Nanjing large, Suqian about a quarter of Nanjing.
 */
export const CITY_WEIGHTS: Readonly<Record<string, number>> = {
  '320500': 267, // 苏州
  '320100': 185, // 南京
  '320200': 163, // 无锡
  '320600': 124, // 南通
  '320400': 108, // 常州
  '320300': 95, // 徐州
  '321000': 78, // 扬州
  '320900': 78, // 盐城
  '321200': 70, // 泰州
  '321100': 55, // 镇江
  '320800': 53, // 淮安
  '320700': 48, // 连云港
  '321300': 46, // 宿迁
};

const NANJING = '320100';
const TOTAL_WEIGHT = Object.values(CITY_WEIGHTS).reduce((sum, w) => sum + w, 0);
const NANJING_SHARE = CITY_WEIGHTS[NANJING] / TOTAL_WEIGHT;

/** Records of each type in one scale unit (the whole province). */
export const PER_UNIT = {
  enterprises: PUBLISHED.enterprises,
  contracts: PUBLISHED.collectiveInnovationContracts,
  studios: Math.round(PUBLISHED.nanjingStudios / NANJING_SHARE),
  academies: Math.round(PUBLISHED.nanjingAcademies / NANJING_SHARE),
  craftsmen: Math.round((PUBLISHED.nanjingCraftsmenInTraining + PUBLISHED.nanjingNationalCraftsmen) / NANJING_SHARE),
} as const;

export type RecordKind = keyof typeof PER_UNIT;
export type Counts = Record<RecordKind, number>;

export interface CityPlan {
  code: string;
  provinceCode: string;
  name: string;
  nameEn: string;
  counts: Counts;
}

/** Largest-remainder split of round(N × unit) records over the cities, so totals are exact. */
export function scalePlan(scale: number): CityPlan[] {
  const cities = administrativeDivisions().cities.filter((c) => c.provinceCode === JIANGSU);
  const weights = cities.map((c) => CITY_WEIGHTS[c.code]);
  const split = Object.fromEntries(
    (Object.keys(PER_UNIT) as RecordKind[]).map((kind) => [kind, apportion(weights, Math.round(scale * PER_UNIT[kind]))]),
  ) as Record<RecordKind, number[]>;
  return cities.map((c, i) => ({
    code: c.code,
    provinceCode: JIANGSU,
    name: c.name,
    nameEn: c.nameEn!,
    counts: {
      enterprises: split.enterprises[i],
      // Every contract has its own enterprise in its city, so a city never has more contracts than firms.
      contracts: Math.min(split.contracts[i], split.enterprises[i]),
      studios: split.studios[i],
      academies: split.academies[i],
      craftsmen: split.craftsmen[i],
    },
  }));
}

export const MAX_SCALE = 100;

/**
 * `--scale N` or `--scale=N` from the command line: null when absent. N is a positive number up to
 * 100 with at most two decimals (0.1 for a quick try), written canonically so that the same N
 * always seeds the same generator.
 */
export function parseScaleArgument(argv: readonly string[]): number | null {
  const at = argv.findIndex((a) => a === '--scale' || a.startsWith('--scale='));
  if (at < 0) return null;
  const raw = argv[at].includes('=') ? argv[at].slice('--scale='.length) : argv[at + 1];
  const scale = Number(raw);
  if (raw === undefined || !/^[0-9]+(\.[0-9]{1,2})?$/.test(raw) || !(scale > 0) || scale > MAX_SCALE) {
    throw new Error(`--scale needs a number greater than 0 and at most ${MAX_SCALE} (e.g. --scale 10), got '${raw ?? ''}'`);
  }
  return scale;
}

/**
 * `--as-of YYYY-MM-DD` (or `--as-of=…`): the day the synthetic records are dated back from; null
 * when absent (then today in China time). A real date from 2000 on, not in the future.
 */
export function parseAsOfArgument(argv: readonly string[], today: string): string | null {
  const at = argv.findIndex((a) => a === '--as-of' || a.startsWith('--as-of='));
  if (at < 0) return null;
  const raw = argv[at].includes('=') ? argv[at].slice('--as-of='.length) : argv[at + 1];
  if (raw === undefined || !isCalendarDate(raw) || raw < '2000-01-01' || raw > today) {
    throw new Error(`--as-of needs a date from 2000-01-01 to today (${today}) as YYYY-MM-DD, got '${raw ?? ''}'`);
  }
  return raw;
}
