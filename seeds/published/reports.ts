/**
 * What the ten source reports say directly: the reports themselves, the divisions they name,
 * the real enterprises they name, their goals and their published statistics.
 * Titles are copied character for character from the source file (ASCII and full-width
 * punctuation as printed there), because sources are looked up by title.
 */
import type { Row } from './batch';

export const SOURCES = {
  zhenjiangPark: {
    publisher: '镇江日报', publisher_en: 'Zhenjiang Daily', published_on: '2025-11-04',
    title: '经开区新材料产业园为产业工人赋能 “链上”发力“枫桥”润心 激活高质量发展新引擎',
  },
  nanjingDaily: {
    publisher: '南京日报', publisher_en: 'Nanjing Daily', published_on: '2025-10-23',
    title: '南京产改工作现场会晒出“人才培育”成绩单',
  },
  yangtse: {
    publisher: '扬子晚报网', publisher_en: 'Yangtse Evening Post Online', published_on: '2025-10-22',
    title: '南京:深化产业工人队伍建设改革 聚力打造高素质技能人才队伍',
  },
  shaanxi: {
    publisher: '陕西日报', publisher_en: 'Shaanxi Daily', published_on: '2025-10-20',
    title: '陕西出台深化产改工作方案',
  },
  xinhuaCraftsmen1020: {
    publisher: '新华日报', publisher_en: 'Xinhua Daily', published_on: '2025-10-20',
    title: '江苏以系统制度体系锻造“工匠方阵”',
  },
  xinhuaCraftsmen1019: {
    publisher: '新华日报', publisher_en: 'Xinhua Daily', published_on: '2025-10-19',
    title: '从“立柱架梁”到“精准滴灌”江苏以系统制度体系锻造“工匠方阵”',
  },
  wuhanMeeting: {
    publisher: '长江日报', publisher_en: 'Changjiang Daily', published_on: '2025-10-15',
    title: '市政府与市总工会第十七次联席会议召开,团结动员广大职工投身高质量发展火热实践,推动全市工会工作再上新台阶展现新作为',
  },
  wuhanHeavy: {
    publisher: '长江日报', publisher_en: 'Changjiang Daily', published_on: '2025-10-11',
    title: '武汉重工产改工作获评市级示范,多措并举锻造“产业铁军”',
  },
  foshan: {
    publisher: '南方都市报', publisher_en: 'Southern Metropolis Daily', published_on: '2025-09-30',
    title: '变“人口红利”为“人才优势”!佛山“产改”如何提质增效?',
  },
  xinhuaContracts: {
    publisher: '新华日报', publisher_en: 'Xinhua Daily', published_on: '2025-09-29',
    title: '一纸“创新合同”,引领万众革新',
  },
} as const;

export type SourceKey = keyof typeof SOURCES;

export const JIANGSU = '320000';
export const SHAANXI = '610000';
export const HUBEI = '420000';
export const GUANGDONG = '440000';
export const NANJING = '320100';
export const WUXI = '320200';
export const XUZHOU = '320300';
export const ZHENJIANG = '321100';
export const WUHAN = '420100';
export const FOSHAN = '440600';

export const PROVINCES: Row[] = [
  { code: JIANGSU, name: '江苏', name_en: 'Jiangsu' },
  { code: SHAANXI, name: '陕西', name_en: 'Shaanxi' },
  { code: HUBEI, name: '湖北', name_en: 'Hubei' },
  { code: GUANGDONG, name: '广东', name_en: 'Guangdong' },
];

// All 13 prefecture-level cities of Jiangsu (the reports range over the province), plus the two
// other cities the reports name. No Shaanxi city: its report names none.
export const CITIES: Row[] = [
  ['320100', '南京', 'Nanjing'], ['320200', '无锡', 'Wuxi'], ['320300', '徐州', 'Xuzhou'],
  ['320400', '常州', 'Changzhou'], ['320500', '苏州', 'Suzhou'], ['320600', '南通', 'Nantong'],
  ['320700', '连云港', 'Lianyungang'], ['320800', '淮安', "Huai'an"], ['320900', '盐城', 'Yancheng'],
  ['321000', '扬州', 'Yangzhou'], ['321100', '镇江', 'Zhenjiang'], ['321200', '泰州', 'Taizhou'],
  ['321300', '宿迁', 'Suqian'],
].map(([code, name, name_en]) => ({ code, province_code: JIANGSU, name, name_en }))
  .concat([
    { code: WUHAN, province_code: HUBEI, name: '武汉', name_en: 'Wuhan' },
    { code: FOSHAN, province_code: GUANGDONG, name: '佛山', name_en: 'Foshan' },
  ]);

/**
 * Enterprises the reports name. The reports give no credit codes, so each gets a synthetic one
 * (serial below 1000 in its division; sample enterprises use serials from 100001).
 * Employee counts are not reported, hence null.
 */
export const NAMED_ENTERPRISES = {
  stateGridWuxi: {
    name: '国网江苏省电力有限公司无锡供电分公司', name_en: 'State Grid Wuxi Power Supply Company',
    ownership: 'STATE_OWNED', industry: '电力', province_code: JIANGSU, city_code: WUXI,
    division: WUXI, serial: 1, source: 'xinhuaCraftsmen1019',
  },
  xcmg: {
    name: '徐工集团工程机械股份有限公司', name_en: 'XCMG Construction Machinery Co., Ltd.',
    ownership: 'STATE_OWNED', industry: '工程机械', province_code: JIANGSU, city_code: XUZHOU,
    division: XUZHOU, serial: 1, source: 'xinhuaCraftsmen1019',
  },
  // The reports render it as 'Eagle Group' (10-20, in Wuxi) and 'Yingpu Group' (10-19); 鹰普 is
  // our best reading. Its industry is not reported.
  eagle: {
    name: '鹰普集团', name_en: 'Eagle Group (Yingpu)',
    ownership: 'FOREIGN_INVESTED', industry: null, province_code: JIANGSU, city_code: WUXI,
    division: WUXI, serial: 2, source: 'xinhuaCraftsmen1020',
  },
  // The report does not say which city Zilong is in, so only the province is recorded.
  zilong: {
    name: '江苏紫龙药业股份有限公司', name_en: 'Jiangsu Zilong Pharmaceutical Co., Ltd.',
    ownership: 'PRIVATE', industry: '生物医药', province_code: JIANGSU, city_code: null,
    division: JIANGSU, serial: 1, source: 'xinhuaContracts',
  },
  wuhanHeavy: {
    name: '武汉重工铸锻有限责任公司', name_en: 'Wuhan Heavy Industry Casting & Forging Co., Ltd.',
    ownership: 'STATE_OWNED', industry: '装备制造', province_code: HUBEI, city_code: WUHAN,
    division: WUHAN, serial: 1, source: 'wuhanHeavy',
  },
} as const;

/** Goals. Baselines only where a registry count was published alongside the goal. */
export const GOALS: Row[] = [
  {
    province_code: JIANGSU, city_code: NANJING, metric: 'INNOVATION_STUDIOS', target: 1000, deadline: '2026-12-31',
    baseline_value: 598, baseline_on: '2025-10-23', description: '到2026年底全市创新工作室超过1000家', source: 'nanjingDaily',
  },
  {
    province_code: JIANGSU, city_code: NANJING, metric: 'PROVINCIAL_CRAFTSMEN', target: 100, deadline: '2035-12-31',
    description: '到2035年培育省级工匠100名左右', source: 'nanjingDaily',
  },
  {
    province_code: JIANGSU, city_code: NANJING, metric: 'MUNICIPAL_CRAFTSMEN', target: 1000, deadline: '2035-12-31',
    description: '到2035年培育市级工匠1000名左右', source: 'nanjingDaily',
  },
  {
    province_code: JIANGSU, metric: 'NATIONAL_CRAFTSMEN', target: 200, deadline: '2035-12-31',
    baseline_value: 11, baseline_on: '2025-10-20', description: '到2035年全省培育国家工匠200名左右', source: 'xinhuaCraftsmen1020',
  },
  {
    province_code: JIANGSU, metric: 'PROVINCIAL_CRAFTSMEN', target: 1000, deadline: '2035-12-31',
    description: '到2035年全省培育省级工匠1000名左右', source: 'xinhuaCraftsmen1020',
  },
  {
    province_code: JIANGSU, metric: 'MUNICIPAL_CRAFTSMEN', target: 5000, deadline: '2035-12-31',
    description: '到2035年全省培育市级工匠5000名左右', source: 'xinhuaCraftsmen1020',
  },
  {
    province_code: SHAANXI, metric: 'NATIONAL_CRAFTSMEN', target: 50, deadline: '2035-12-31',
    description: '到2035年培育国家级工匠50名左右', source: 'shaanxi',
  },
  {
    province_code: SHAANXI, metric: 'PROVINCIAL_CRAFTSMEN', target: 400, deadline: '2035-12-31',
    description: '到2035年培育省级工匠400名左右', source: 'shaanxi',
  },
  {
    province_code: SHAANXI, metric: 'MUNICIPAL_CRAFTSMEN', target: 1500, deadline: '2035-12-31',
    description: '到2035年培育市级工匠1500名左右', source: 'shaanxi',
  },
];

type Figure = [metric: string, value: number, unit: string, subject?: string];

/** Published statistics, grouped by report and place; as_of is the report's date. */
const FIGURE_GROUPS: { source: SourceKey; province_code: string; city_code: string | null; figures: Figure[] }[] = [
  {
    source: 'xinhuaCraftsmen1019', province_code: JIANGSU, city_code: XUZHOU,
    figures: [['SKILLED_WORKERS', 1_320_000, 'PERSONS'], ['HIGHLY_SKILLED_WORKERS', 373_300, 'PERSONS']],
  },
  {
    source: 'foshan', province_code: GUANGDONG, city_code: FOSHAN,
    figures: [
      ['SKILLED_WORKERS', 1_288_000, 'PERSONS'],
      ['HIGHLY_SKILLED_WORKERS', 451_000, 'PERSONS'],
      ['HIGHLY_SKILLED_WORKER_SHARE', 35.02, 'PERCENT'],
      ['SKILL_COMPETITIONS', 160, 'EVENTS'],
      // The 2024 plan's figures, as published.
      ['NEW_GRASSROOTS_TRADE_UNIONS', 266, 'ORGANISATIONS'],
      ['NEW_TRADE_UNION_MEMBERS', 20_000, 'PERSONS'],
    ],
  },
  {
    source: 'xinhuaContracts', province_code: JIANGSU, city_code: null,
    figures: [
      ['ENTERPRISES_WITH_COLLECTIVE_CONTRACTS', 20_800, 'ENTERPRISES'],
      ['WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS', 2_000_000, 'PERSONS'],
    ],
  },
  {
    // "More than" figures ("over 11,000", "over 97%") are stored at their published value.
    source: 'zhenjiangPark', province_code: JIANGSU, city_code: ZHENJIANG,
    figures: (
      [
        ['INDUSTRIAL_WORKERS', 11_000, 'PERSONS'],
        ['ALLIANCE_MEMBER_ENTERPRISES', 37, 'ENTERPRISES'],
        ['ALLIANCE_MEMBER_UNITS', 11, 'ORGANISATIONS'],
        ['PARTY_BRANCHES', 46, 'ORGANISATIONS'],
        ['TRADE_UNION_ORGANISATIONS', 37, 'ORGANISATIONS'],
        ['ENTERPRISE_ISSUES_COLLECTED', 47, 'COUNT'],
        ['ISSUE_RESOLUTION_SATISFACTION', 97, 'PERCENT'],
        ['PUBLIC_BUDGET_REVENUE_GROWTH', 29.6, 'PERCENT'],
      ] as Figure[]
    ).map(([m, v, u]) => [m, v, u, '镇江经开区新材料产业园'] as Figure),
  },
  {
    source: 'nanjingDaily', province_code: JIANGSU, city_code: NANJING,
    figures: [
      ['TRAINING_COURSES', 77, 'EVENTS', '南京开放大学“工匠小课堂”'],
      ['TRAINING_PARTICIPANTS', 2_000, 'PERSONS', '南京开放大学“工匠小课堂”'],
    ],
  },
  {
    source: 'wuhanHeavy', province_code: HUBEI, city_code: WUHAN,
    figures: [['SKILL_COMPETITIONS', 60, 'EVENTS', '武汉重工']],
  },
];

export const REPORTED_FIGURES: Row[] = FIGURE_GROUPS.flatMap(({ source, province_code, city_code, figures }) =>
  figures.map(([metric, value, unit, subject]) => ({
    province_code, city_code, subject: subject ?? null, metric, value, unit,
    as_of: SOURCES[source].published_on, source,
  })),
);
