/**
 * How big a synthetic province at scale N is, and how it spreads over its cities: Jiangsu's 13 by GDP, the other
 * provinces' (`--national`) by their 2020 census population.
 *
 * One scale unit is the published data set extrapolated to the whole province: Jiangsu's 20,800
 * collective contracts and about as many enterprises as the published registry holds (21,103), plus
 * Nanjing's published studios, academies and craftsmen divided by Nanjing's share of the province.
 * Scale N adds N units of synthetic records on top of the published data set.
 */
import { isCalendarDate } from '../../src/common/calendar';
import { PUBLISHED } from '../published-data-set';
import { administrativeDivisions, romanised } from '../../src/modules/district/division-data';
import { JIANGSU } from '../published/reports';
import { apportion } from '../published/random';
import cityPopulation from './city-population-2020.json';

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
  /** The province's short name (江苏), for the provincial craftsman's title. */
  provinceName: string;
  name: string;
  nameEn: string;
  counts: Counts;
}

/**
 * Each province's resident population at the seventh national census, 2020-11-01 (第七次全国人口普查公报（第三号）,
 * 国家统计局, 2021-05-11), by GB/T 2260 province code: the weights of the national synthetic registry (`--national`).
 * They add up to the census's 1,411,778,724 for the 31 provinces (the test checks it). Hong Kong, Macao and Taiwan
 * (81, 82, 71) are not counted by it and get no synthetic records.
 */
export const PROVINCE_POPULATION_2020: Readonly<Record<string, number>> = {
  '110000': 21_893_095, '120000': 13_866_009, '130000': 74_610_235, '140000': 34_915_616, '150000': 24_049_155,
  '210000': 42_591_407, '220000': 24_073_453, '230000': 31_850_088, '310000': 24_870_895, '320000': 84_748_016,
  '330000': 64_567_588, '340000': 61_027_171, '350000': 41_540_086, '360000': 45_188_635, '370000': 101_527_453,
  '410000': 99_365_519, '420000': 57_752_557, '430000': 66_444_864, '440000': 126_012_510, '450000': 50_126_804,
  '460000': 10_081_232, '500000': 32_054_159, '510000': 83_674_866, '520000': 38_562_148, '530000': 47_209_277,
  '540000': 3_648_100, '610000': 39_528_999, '620000': 25_019_831, '630000': 5_923_957, '640000': 7_202_654,
  '650000': 25_852_345,
};

/**
 * Each prefecture-level unit's resident population at the same census, outside Jiangsu, with the page each figure was
 * read on (`city-population-2020.json`, whose `about` says how it was gathered and checked): the weights of a province's
 * cities in the national registry. Beijing, Tianjin and Shanghai are one unit each and need none.
 */
export const CITY_POPULATION_2020: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(cityPopulation.cities).map(([code, c]) => [code, c.population]),
);

/** Where a province's units do not add up to its census total, by how much (Hubei, see the file). */
export const UNRECONCILED_CITY_POPULATION: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(cityPopulation.unreconciled).map(([code, u]) => [code, u.difference]),
);

/** The weights of a province's cities outside Jiangsu: their census population (a province of one unit needs none). */
function populationWeights(province: string, cities: ReadonlyArray<{ code: string }>): number[] {
  if (cities.length === 1) return [1];
  return cities.map((c) => {
    const population = CITY_POPULATION_2020[c.code];
    if (!population) throw new Error(`No 2020 census population for city ${c.code} of province ${province} (seeds/scale/city-population-2020.json)`);
    return population;
  });
}

/** Largest-remainder split of round(units × per-unit) records over `cities` by `weights`, so totals are exact. */
function provincePlan(
  province: { code: string; name: string },
  cities: ReturnType<typeof administrativeDivisions>['cities'],
  weights: number[],
  units: number,
): CityPlan[] {
  const split = Object.fromEntries(
    (Object.keys(PER_UNIT) as RecordKind[]).map((kind) => [kind, apportion(weights, Math.round(units * PER_UNIT[kind]))]),
  ) as Record<RecordKind, number[]>;
  return cities.map((c, i) => ({
    code: c.code,
    provinceCode: province.code,
    provinceName: province.name,
    name: c.name,
    // Cities outside Jiangsu have no English name in the division data: their pinyin, as a place name is written.
    nameEn: c.nameEn ?? romanised(c.name),
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

/**
 * The synthetic registry at scale N: Jiangsu N times the published data set extrapolated to the province, spread over its
 * cities by CITY_WEIGHTS. With `national`, every province besides, N × its 2020 population over Jiangsu's
 * (PROVINCE_POPULATION_2020: Guangdong 1.49 units per Jiangsu unit, Tibet 0.04), spread over its cities by theirs
 * (CITY_POPULATION_2020: Chengdu a quarter of Sichuan, Ngari 3% of Tibet), so that the whole country is about 16.7 N units.
 */
export function scalePlan(scale: number, options: { national?: boolean } = {}): CityPlan[] {
  const { provinces, cities } = administrativeDivisions();
  const plan: CityPlan[] = [];
  for (const province of provinces) {
    const population = PROVINCE_POPULATION_2020[province.code];
    if (province.code !== JIANGSU && !(options.national && population)) continue;
    const own = cities.filter((c) => c.provinceCode === province.code);
    const weights = province.code === JIANGSU ? own.map((c) => CITY_WEIGHTS[c.code]) : populationWeights(province.code, own);
    const units = province.code === JIANGSU ? scale : (scale * population) / PROVINCE_POPULATION_2020[JIANGSU];
    plan.push(...provincePlan(province, own, weights, units));
  }
  return plan;
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
