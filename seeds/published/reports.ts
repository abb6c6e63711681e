/**
 * What the ten source reports say, and nothing else: the reports themselves, the enterprises they
 * name, their goals, their published figures, and the records they only count (SAMPLE_GROUPS). This
 * file is the one place the published data set's facts live: every value the seed writes comes from
 * here, each with the report's words it rests on (`says`), and test/seeds/published-facts walks the
 * loaded registry against it. What a report does not state is not here, and is stored as null.
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

/**
 * Enterprises the reports name. The reports print no credit codes, and the registry identifies an
 * enterprise by one, so each gets a synthetic one (serial below 1000 in its division; sample
 * enterprises use serials from 100001): the one value of the data set that is ours, and it is a key,
 * not a fact. Ownership, employee counts and founding dates are not reported, hence absent (null);
 * an industry only where the report or the name says it.
 */
export const NAMED_ENTERPRISES = {
  stateGridWuxi: {
    name: '国网江苏省电力有限公司无锡供电分公司', name_en: 'State Grid Wuxi Power Supply Company',
    industry: '电力', province_code: JIANGSU, city_code: WUXI, division: WUXI, serial: 1, source: 'xinhuaCraftsmen1019',
    says: 'workers from companies like State Grid Wuxi Power Supply and XCMG (11 of the 200 national craftsmen)',
  },
  xcmg: {
    name: '徐工集团工程机械股份有限公司', name_en: 'XCMG Construction Machinery Co., Ltd.',
    industry: '工程机械', province_code: JIANGSU, city_code: XUZHOU, division: XUZHOU, serial: 1, source: 'xinhuaCraftsmen1019',
    says: 'workers from companies like State Grid Wuxi Power Supply and XCMG',
  },
  // The reports render it as 'Eagle Group' (10-20, in Wuxi) and 'Yingpu Group' (10-19); 鹰普 is
  // our best reading. Its industry is not reported.
  eagle: {
    name: '鹰普集团', name_en: 'Eagle Group (Yingpu)',
    industry: null, province_code: JIANGSU, city_code: WUXI, division: WUXI, serial: 2, source: 'xinhuaCraftsmen1020',
    says: 'Leading companies like Eagle Group in Wuxi are implementing innovative employee development and incentive systems',
  },
  // The report does not say which city Zilong is in, so only the province is recorded.
  zilong: {
    name: '江苏紫龙药业股份有限公司', name_en: 'Jiangsu Zilong Pharmaceutical Co., Ltd.',
    industry: '医药', province_code: JIANGSU, city_code: null, division: JIANGSU, serial: 1, source: 'xinhuaContracts',
    says: 'the innovative practices at Jiangsu Zilong Pharmaceutical ... a specific injection',
  },
  wuhanHeavy: {
    name: '武汉重工铸锻有限责任公司', name_en: 'Wuhan Heavy Industry Casting & Forging Co., Ltd.',
    industry: '装备制造', province_code: HUBEI, city_code: WUHAN, division: WUHAN, serial: 1, source: 'wuhanHeavy',
    says: 'The core competitiveness of heavy equipment enterprises ... Wuhan Heavy Industry has been recognized as a "demonstration project"',
  },
} as const;

export type NamedEnterprise = keyof typeof NAMED_ENTERPRISES;

/**
 * Zilong's collective innovation contract, the one contract a report describes: its projects as
 * reported; when it was signed, for how long and how many workers it covers are not reported.
 */
export const ZILONG_CONTRACT = {
  projects_planned: 15, projects_completed: 9, source: 'xinhuaContracts',
  says: 'with 15 innovation projects undertaken this year, of which 9 have been completed',
} as const;

/** 南京开放大学工匠学院, the one academy the reports name (扬子晚报网 calls it a pioneer academy). */
export const OPEN_UNIVERSITY_ACADEMY = {
  name: '南京开放大学工匠学院', host_institution: '南京开放大学', province_code: JIANGSU, city_code: NANJING,
  // Counted among the 28 municipal academies: the city's own open university runs it (our reading).
  level: 'MUNICIPAL', source: 'yangtse',
  says: 'Nanjing Open University, a pioneer craftsman academy, has launched a project to provide convenient skill enhancement courses',
} as const;

/**
 * The reform alliance of the Zhenjiang new-materials park, as 镇江日报 describes it: 37 key non-public
 * enterprises and 11 units. The report gives it no other name than the park's "Industry Reform
 * Alliance" (产改联盟); when it was founded is not reported.
 */
export const ZHENJIANG_PARK_ALLIANCE = {
  name: '经开区新材料产业园产改联盟', area: '镇江经开区新材料产业园', member_enterprises: 37, member_units: 11,
  province_code: JIANGSU, city_code: ZHENJIANG, source: 'zhenjiangPark',
  says: 'The "Industry Reform Alliance" was formed with the support of the local trade union and includes 37 key non-public enterprises and 11 units from the new materials industry chain',
} as const;

/**
 * 南京开放大学's 工匠小课堂, run by its craftsman academy (OPEN_UNIVERSITY_ACADEMY): 77 sessions, over
 * 2,000 participants (a lower bound, kept as the published figure's AT_LEAST), 11 trade unions.
 * When it began is not reported.
 */
export const SMALL_CLASSROOM = {
  name: '工匠小课堂', provider_kind: 'ACADEMY', provider_name: '南京开放大学', sessions_held: 77, participants: 2_000, trade_unions_involved: 11,
  province_code: JIANGSU, city_code: NANJING, source: 'yangtse',
  says: 'with over 2,000 participants engaged in 77 sessions across 11 trade unions',
} as const;

/**
 * Wuhan Heavy Industry's recognition as a municipal reform demonstration (获评市级示范): by whom and on
 * which day are not reported.
 */
export const WUHAN_HEAVY_DEMONSTRATION = {
  name: '武汉重工铸锻有限责任公司产改工作', level: 'MUNICIPAL', province_code: HUBEI, city_code: WUHAN, source: 'wuhanHeavy', enterprise: 'wuhanHeavy',
  says: 'Wuhan Heavy Industry has been recognized as a "demonstration project" for industrial reform at the municipal level',
} as const;

/**
 * Goals, with their targets qualified as published ("超过1000家" is AT_LEAST, "100名左右" ABOUT).
 * Baselines only where a registry count was published alongside the goal.
 */
export const GOALS: Row[] = [
  {
    province_code: JIANGSU, city_code: NANJING, metric: 'INNOVATION_STUDIOS', target: 1000, target_qualifier: 'AT_LEAST', deadline: '2026-12-31',
    baseline_value: 598, baseline_on: '2025-10-23', description: '到2026年底全市创新工作室超过1000家', source: 'nanjingDaily',
  },
  {
    province_code: JIANGSU, city_code: NANJING, metric: 'PROVINCIAL_CRAFTSMEN', target: 100, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    description: '到2035年培育省级工匠100名左右', source: 'nanjingDaily',
  },
  {
    province_code: JIANGSU, city_code: NANJING, metric: 'MUNICIPAL_CRAFTSMEN', target: 1000, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    description: '到2035年培育市级工匠1000名左右', source: 'nanjingDaily',
  },
  {
    province_code: JIANGSU, metric: 'NATIONAL_CRAFTSMEN', target: 200, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    baseline_value: 11, baseline_on: '2025-10-20', description: '到2035年全省培育国家工匠200名左右', source: 'xinhuaCraftsmen1020',
  },
  {
    province_code: JIANGSU, metric: 'PROVINCIAL_CRAFTSMEN', target: 1000, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    description: '到2035年全省培育省级工匠1000名左右', source: 'xinhuaCraftsmen1020',
  },
  {
    province_code: JIANGSU, metric: 'MUNICIPAL_CRAFTSMEN', target: 5000, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    description: '到2035年全省培育市级工匠5000名左右', source: 'xinhuaCraftsmen1020',
  },
  {
    province_code: SHAANXI, metric: 'NATIONAL_CRAFTSMEN', target: 50, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    description: '到2035年培育国家级工匠50名左右', source: 'shaanxi',
  },
  {
    province_code: SHAANXI, metric: 'PROVINCIAL_CRAFTSMEN', target: 400, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    description: '到2035年培育省级工匠400名左右', source: 'shaanxi',
  },
  {
    province_code: SHAANXI, metric: 'MUNICIPAL_CRAFTSMEN', target: 1500, target_qualifier: 'ABOUT', deadline: '2035-12-31',
    description: '到2035年培育市级工匠1500名左右', source: 'shaanxi',
  },
];

type Qualifier = 'EXACT' | 'AT_LEAST' | 'ABOUT' | 'AT_MOST';
/** [metric, value, unit, qualifier, the report's words; subject, kind] as the report wrote them. */
type Figure = [metric: string, value: number, unit: string, qualifier: Qualifier, says: string, options?: { subject?: string; kind?: 'PLAN' }];

/**
 * Published figures, by report and place; as_of is the report's date. They include what the reports
 * count of registry records (Nanjing's 598 studios): goal progress shows those as published evidence
 * beside the registry's own count.
 */
const FIGURE_GROUPS: { source: SourceKey; province_code: string; city_code: string | null; figures: Figure[] }[] = [
  {
    source: 'zhenjiangPark', province_code: JIANGSU, city_code: ZHENJIANG,
    figures: (
      [
        ['INDUSTRIAL_WORKERS', 11_000, 'PERSONS', 'AT_LEAST', 'aims to empower over 11,000 industrial workers'],
        ['ALLIANCE_MEMBER_ENTERPRISES', 37, 'ENTERPRISES', 'EXACT', 'includes 37 key non-public enterprises and 11 units'],
        ['ALLIANCE_MEMBER_UNITS', 11, 'ORGANISATIONS', 'EXACT', 'includes 37 key non-public enterprises and 11 units'],
        ['PARTY_BRANCHES', 46, 'ORGANISATIONS', 'EXACT', 'The park has established 46 party branches and 37 trade union organizations'],
        ['TRADE_UNION_ORGANISATIONS', 37, 'ORGANISATIONS', 'EXACT', 'The park has established 46 party branches and 37 trade union organizations'],
        ['ENTERPRISE_ISSUES_COLLECTED', 47, 'COUNT', 'EXACT', 'The alliance has collected 47 enterprise issues this year'],
        ['ISSUE_RESOLUTION_SATISFACTION', 97, 'PERCENT', 'AT_LEAST', 'achieving a satisfaction rate of over 97% in problem resolution'],
        ['PUBLIC_BUDGET_REVENUE_GROWTH', 29.6, 'PERCENT', 'EXACT', 'a 29.6% year-on-year increase in public budget revenue'],
      ] as Figure[]
    ).map(([m, v, u, q, says]) => [m, v, u, q, says, { subject: '镇江经开区新材料产业园' }] as Figure),
  },
  {
    source: 'nanjingDaily', province_code: JIANGSU, city_code: NANJING,
    figures: [
      ['MODEL_WORKER_INNOVATION_STUDIOS', 276, 'ORGANISATIONS', 'EXACT', 'Nanjing has built 276 model innovation studios and 322 employee innovation studios'],
      ['EMPLOYEE_INNOVATION_STUDIOS', 322, 'ORGANISATIONS', 'EXACT', 'Nanjing has built 276 model innovation studios and 322 employee innovation studios'],
      ['NATIONAL_DEMONSTRATION_STUDIOS', 3, 'ORGANISATIONS', 'EXACT', 'including 3 national and 3 regional demonstration studios'],
      ['PROVINCIAL_DEMONSTRATION_STUDIOS', 3, 'ORGANISATIONS', 'EXACT', 'including 3 national and 3 regional demonstration studios'],
      ['MUNICIPAL_CRAFTSMAN_ACADEMIES', 28, 'ORGANISATIONS', 'EXACT', 'Nanjing has established 28 municipal and 7 district-level craft academies'],
      ['DISTRICT_CRAFTSMAN_ACADEMIES', 7, 'ORGANISATIONS', 'EXACT', 'Nanjing has established 28 municipal and 7 district-level craft academies'],
      ['ACADEMIES_ON_PROVINCIAL_SUPPORT_LIST', 2, 'ORGANISATIONS', 'EXACT', 'with 2 included in the provincial support list'],
      ['CRAFTSMEN_IN_TRAINING', 300, 'PERSONS', 'EXACT', 'Nanjing has identified 300 craftsmen for training'],
      ['TRAINING_COURSES', 77, 'EVENTS', 'EXACT', 'has conducted 77 courses, attracting over 2,000 workers', { subject: '南京开放大学“工匠小课堂”' }],
      ['TRAINING_PARTICIPANTS', 2_000, 'PERSONS', 'AT_LEAST', 'has conducted 77 courses, attracting over 2,000 workers', { subject: '南京开放大学“工匠小课堂”' }],
    ],
  },
  {
    source: 'yangtse', province_code: JIANGSU, city_code: NANJING,
    figures: [
      ['INNOVATION_STUDIOS', 598, 'ORGANISATIONS', 'EXACT', 'with 598 innovation studios established, aiming to exceed 1,000 by the end of 2026'],
      ['MUNICIPAL_CRAFTSMAN_ACADEMIES', 28, 'ORGANISATIONS', 'EXACT', 'having established 28 municipal and 7 district-level craftsman academies'],
      ['DISTRICT_CRAFTSMAN_ACADEMIES', 7, 'ORGANISATIONS', 'EXACT', 'having established 28 municipal and 7 district-level craftsman academies'],
      ['CRAFTSMEN_IN_TRAINING', 300, 'PERSONS', 'EXACT', 'identifying 300 candidates based on the "Five Powers of Craftsmen" standard'],
      ['NATIONAL_CRAFTSMEN', 2, 'PERSONS', 'EXACT', 'Two craftsmen from Nanjing were recognized at the National Craftsman Innovation Exchange Conference'],
      ['TRAINING_PARTICIPANTS', 2_000, 'PERSONS', 'AT_LEAST', 'with over 2,000 participants engaged in 77 sessions across 11 trade unions', { subject: '南京开放大学“工匠小课堂”' }],
      ['TRAINING_COURSES', 77, 'EVENTS', 'EXACT', 'with over 2,000 participants engaged in 77 sessions across 11 trade unions', { subject: '南京开放大学“工匠小课堂”' }],
      ['TRAINING_TRADE_UNIONS', 11, 'ORGANISATIONS', 'EXACT', 'with over 2,000 participants engaged in 77 sessions across 11 trade unions', { subject: '南京开放大学“工匠小课堂”' }],
    ],
  },
  {
    source: 'xinhuaCraftsmen1020', province_code: JIANGSU, city_code: null,
    figures: [
      ['NATIONAL_CRAFTSMEN', 11, 'PERSONS', 'EXACT', 'the emergence of 200 nationally cultivated craftsmen, with 11 from Jiangsu'],
      ['ENTERPRISES_WITH_COLLECTIVE_CONTRACTS', 20_800, 'ENTERPRISES', 'AT_LEAST', 'with over 20,800 enterprises signing collective contracts for technical innovation'],
    ],
  },
  {
    source: 'xinhuaCraftsmen1019', province_code: JIANGSU, city_code: null,
    figures: [['NATIONAL_CRAFTSMEN', 11, 'PERSONS', 'EXACT', 'Jiangsu province has 11 representatives among the first batch of 200 national craftsmen']],
  },
  {
    source: 'xinhuaCraftsmen1019', province_code: JIANGSU, city_code: XUZHOU,
    figures: [
      ['SKILLED_WORKERS', 1_320_000, 'PERSONS', 'EXACT', 'resulting in a skilled workforce of 1.32 million, including 373,300 high-skilled workers'],
      ['HIGHLY_SKILLED_WORKERS', 373_300, 'PERSONS', 'EXACT', 'resulting in a skilled workforce of 1.32 million, including 373,300 high-skilled workers'],
    ],
  },
  {
    source: 'wuhanHeavy', province_code: HUBEI, city_code: WUHAN,
    figures: (
      [
        ['SKILL_COMPETITIONS', 60, 'EVENTS', 'AT_LEAST', 'conducting over 60 labor and skill competitions with a 100% participation rate from main production units'],
        ['SKILL_COMPETITION_PARTICIPATION', 100, 'PERCENT', 'EXACT', 'with a 100% participation rate from main production units'],
        ['PROVINCIAL_DEMONSTRATION_STUDIOS', 1, 'ORGANISATIONS', 'EXACT', 'one provincial-level and two municipal-level demonstration studios'],
        ['MUNICIPAL_DEMONSTRATION_STUDIOS', 2, 'ORGANISATIONS', 'EXACT', 'one provincial-level and two municipal-level demonstration studios'],
        ['SPECIALISED_TECHNICAL_INNOVATION_STUDIOS', 2, 'ORGANISATIONS', 'EXACT', 'along with two specialized technical innovation studios'],
        ['PROVINCIAL_CRAFTSMEN', 2, 'PERSONS', 'EXACT', 'two "Jingchu Craftsmen" and two "Great City Craftsmen"'],
        ['MUNICIPAL_CRAFTSMEN', 2, 'PERSONS', 'EXACT', 'two "Jingchu Craftsmen" and two "Great City Craftsmen"'],
      ] as Figure[]
    ).map(([m, v, u, q, says]) => [m, v, u, q, says, { subject: '武汉重工' }] as Figure),
  },
  {
    source: 'foshan', province_code: GUANGDONG, city_code: FOSHAN,
    figures: [
      ['SKILLED_WORKERS', 1_288_000, 'PERSONS', 'EXACT', 'The city has a total of 1.288 million skilled workers, with 451,000 high-skilled workers, accounting for 35.02%'],
      ['HIGHLY_SKILLED_WORKERS', 451_000, 'PERSONS', 'EXACT', 'with 451,000 high-skilled workers, accounting for 35.02%'],
      ['HIGHLY_SKILLED_WORKER_SHARE', 35.02, 'PERCENT', 'EXACT', 'with 451,000 high-skilled workers, accounting for 35.02%'],
      ['SKILL_COMPETITIONS', 160, 'EVENTS', 'AT_LEAST', 'over 160 vocational skill competitions'],
      ['NEW_GRASSROOTS_TRADE_UNIONS', 266, 'ORGANISATIONS', 'EXACT', 'In 2024, Foshan plans to build 266 new grassroots trade unions', { kind: 'PLAN' }],
      ['NEW_TRADE_UNION_MEMBERS', 20_000, 'PERSONS', 'AT_LEAST', 'and develop over 20,000 new members', { kind: 'PLAN' }],
    ],
  },
  {
    source: 'xinhuaContracts', province_code: JIANGSU, city_code: null,
    figures: [
      ['ENTERPRISES_WITH_COLLECTIVE_CONTRACTS', 20_800, 'ENTERPRISES', 'AT_LEAST', 'with over 20,800 enterprises in Jiangsu signing similar contracts, covering 2 million workers'],
      ['WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS', 2_000_000, 'PERSONS', 'EXACT', 'with over 20,800 enterprises in Jiangsu signing similar contracts, covering 2 million workers'],
    ],
  },
];

export const REPORTED_FIGURES: Row[] = FIGURE_GROUPS.flatMap(({ source, province_code, city_code, figures }) =>
  figures.map(([metric, value, unit, qualifier, says, options]) => ({
    province_code, city_code, subject: options?.subject ?? null, metric, value, unit, qualifier, kind: options?.kind ?? 'ACHIEVEMENT',
    as_of: SOURCES[source].published_on, source, says,
  })),
);

/**
 * A reference from a sample record to an enterprise: one the reports name, or, for each record of a
 * group, its own sample enterprise of another group (each of Jiangsu's 20,800 contracts has its own
 * signatory, which the report counts but does not name).
 */
export type EnterpriseRef = { named: NamedEnterprise } | { ownSampleOf: string };

/** Records of one cell of a report's breakdown: how many, and what the report states of each. */
export interface SampleCell {
  count: number;
  /** Column → value, for every record of the cell (on top of the group's `common`). */
  states: Row;
  /** The name every record of the cell is labelled with, numbered: 南京市示例劳模创新工作室 001. */
  label: string;
  /** The cell's own source, where another report states it (else the group's). */
  source?: SourceKey;
  /** The enterprise of every record of the cell, where the report names it (else the group's, if any). */
  enterprise?: EnterpriseRef;
}

/**
 * What a report counts but does not list, and every attribute it states of those records: the seed
 * makes that many sample records (is_sample, named 示例) so that registry counts equal the published
 * ones, each carrying exactly `common` and its cell's `states`, and nothing else. Breakdowns the report
 * gives only as totals are not crossed: Nanjing's 598 studios are 276 model-worker and 322 employee
 * ones, and 3 + 3 of them are demonstration studios, but the report does not say of which kind, so no
 * sample studio carries a demonstration level (the 3 and 3 are published figures).
 */
export interface SampleGroup {
  table:
    | 'enterprise' | 'innovation_studio' | 'craftsman_academy' | 'collective_innovation_contract' | 'craftsman'
    | 'skill_competition' | 'grassroots_organisation' | 'enterprise_service_request';
  /** The column the cell's label goes in (default name): a service request has a subject. */
  labelColumn?: 'name' | 'subject';
  source: SourceKey;
  says: string;
  common: Row;
  enterprise?: EnterpriseRef;
  cells: SampleCell[];
}

const JIANGSU_CONTRACTS = 20_800 - 1; // Zilong's is the one described; the report counts "over 20,800"

export const SAMPLE_GROUPS = {
  nanjingStudios: {
    table: 'innovation_studio', source: 'nanjingDaily',
    says: 'Nanjing has built 276 model innovation studios and 322 employee innovation studios, including 3 national and 3 regional demonstration studios',
    common: { province_code: JIANGSU, city_code: NANJING },
    cells: [
      { count: 276, states: { kind: 'MODEL_WORKER' }, label: '南京市示例劳模创新工作室' },
      { count: 322, states: { kind: 'EMPLOYEE' }, label: '南京市示例职工创新工作室' },
    ],
  },
  wuhanHeavyStudios: {
    table: 'innovation_studio', source: 'wuhanHeavy',
    says: 'currently possessing one provincial-level and two municipal-level demonstration studios, along with two specialized technical innovation studios',
    common: { province_code: HUBEI, city_code: WUHAN },
    enterprise: { named: 'wuhanHeavy' },
    cells: [
      { count: 1, states: { demonstration_level: 'PROVINCIAL' }, label: '武汉重工示例省级示范创新工作室' },
      { count: 2, states: { demonstration_level: 'MUNICIPAL' }, label: '武汉重工示例市级示范创新工作室' },
      { count: 2, states: { kind: 'SPECIALISED_TECHNICAL' }, label: '武汉重工示例专业技术创新工作室' },
    ],
  },
  nanjingAcademies: {
    table: 'craftsman_academy', source: 'nanjingDaily',
    says: 'Nanjing has established 28 municipal and 7 district-level craft academies, with 2 included in the provincial support list',
    common: { province_code: JIANGSU, city_code: NANJING },
    cells: [
      // the 28th municipal academy is 南京开放大学工匠学院 (OPEN_UNIVERSITY_ACADEMY)
      { count: 27, states: { level: 'MUNICIPAL' }, label: '南京市示例市级工匠学院' },
      { count: 7, states: { level: 'DISTRICT' }, label: '南京市示例区级工匠学院' },
    ],
  },
  nanjingCraftsmenInTraining: {
    table: 'craftsman', source: 'nanjingDaily',
    says: 'Nanjing has identified 300 craftsmen for training through various methods, with successful candidates receiving the title of "Nanjing Craftsman" after assessment',
    // The title they train for is the city's (南京工匠): municipal. They do not hold it yet.
    common: { province_code: JIANGSU, city_code: NANJING, level: 'MUNICIPAL', status: 'IN_TRAINING' },
    cells: [{ count: 300, states: {}, label: '南京市示例工匠培养对象' }],
  },
  jiangsuNationalCraftsmen: {
    table: 'craftsman', source: 'xinhuaCraftsmen1019',
    says: 'Jiangsu province has 11 representatives among the first batch of 200 national craftsmen, showcasing the skills of workers from companies like State Grid Wuxi Power Supply and XCMG',
    common: { province_code: JIANGSU, level: 'NATIONAL', status: 'CERTIFIED', honorary_title: '国家工匠' },
    cells: [
      { count: 1, states: { city_code: WUXI }, enterprise: { named: 'stateGridWuxi' }, label: '江苏省示例国家工匠（国网无锡供电）' },
      { count: 1, states: { city_code: XUZHOU }, enterprise: { named: 'xcmg' }, label: '江苏省示例国家工匠（徐工）' },
      // 扬子晚报网: "Two craftsmen from Nanjing were recognized at the National Craftsman Innovation Exchange Conference"
      { count: 2, states: { city_code: NANJING }, label: '南京市示例国家工匠', source: 'yangtse' },
      // The rest are reported for the province only.
      { count: 7, states: {}, label: '江苏省示例国家工匠' },
    ],
  },
  wuhanHeavyCraftsmen: {
    table: 'craftsman', source: 'wuhanHeavy',
    says: 'The company has successfully promoted two "Jingchu Craftsmen" and two "Great City Craftsmen" in Hubei',
    // 荆楚工匠 is Hubei's provincial title, 武汉大城工匠 Wuhan's municipal one.
    common: { province_code: HUBEI, city_code: WUHAN, status: 'CERTIFIED' },
    enterprise: { named: 'wuhanHeavy' },
    cells: [
      { count: 2, states: { level: 'PROVINCIAL', honorary_title: '荆楚工匠' }, label: '武汉重工示例荆楚工匠' },
      { count: 2, states: { level: 'MUNICIPAL', honorary_title: '武汉大城工匠' }, label: '武汉重工示例武汉大城工匠' },
    ],
  },
  jiangsuContractEnterprises: {
    table: 'enterprise', source: 'xinhuaContracts',
    says: 'with over 20,800 enterprises in Jiangsu signing similar contracts, covering 2 million workers',
    common: { province_code: JIANGSU },
    cells: [{ count: JIANGSU_CONTRACTS, states: {}, label: '江苏省示例签约企业' }],
  },
  jiangsuContracts: {
    table: 'collective_innovation_contract', source: 'xinhuaContracts',
    says: 'with over 20,800 enterprises in Jiangsu signing similar contracts, covering 2 million workers',
    common: { province_code: JIANGSU },
    enterprise: { ownSampleOf: 'jiangsuContractEnterprises' },
    cells: [{ count: JIANGSU_CONTRACTS, states: {}, label: '' }],
  },
  wuhanHeavyCompetitions: {
    table: 'skill_competition', source: 'wuhanHeavy',
    says: 'conducting over 60 labor and skill competitions with a 100% participation rate from main production units',
    // The company held them for its own units; over five years, but not when each was held.
    common: { province_code: HUBEI, city_code: WUHAN, organiser_kind: 'ENTERPRISE' },
    enterprise: { named: 'wuhanHeavy' },
    cells: [{ count: 60, states: {}, label: '武汉重工示例劳动和技能竞赛' }],
  },
  foshanCompetitions: {
    table: 'skill_competition', source: 'foshan',
    says: 'over 160 vocational skill competitions',
    common: { province_code: GUANGDONG, city_code: FOSHAN },
    cells: [{ count: 160, states: {}, label: '佛山市示例职业技能竞赛' }],
  },
  zhenjiangParkOrganisations: {
    table: 'grassroots_organisation', source: 'zhenjiangPark',
    says: 'The park has established 46 party branches and 37 trade union organizations, achieving 100% coverage of foreign and private enterprises',
    common: { province_code: JIANGSU, city_code: ZHENJIANG, park: ZHENJIANG_PARK_ALLIANCE.area },
    cells: [
      { count: 37, states: { kind: 'TRADE_UNION' }, label: '镇江新材料产业园示例基层工会' },
      { count: 46, states: { kind: 'PARTY_BRANCH' }, label: '镇江新材料产业园示例党支部' },
    ],
  },
  zhenjiangParkRequests: {
    table: 'enterprise_service_request', source: 'zhenjiangPark', labelColumn: 'subject',
    says: 'with a commitment to feedback within 24 hours ... The alliance has collected 47 enterprise issues this year, achieving a satisfaction rate of over 97%',
    // Each was received under the park's 24-hour promise; when each came, how fast it was answered and how
    // it was rated are not reported (the 97% stays a published figure: no request carries a rating).
    common: { province_code: JIANGSU, city_code: ZHENJIANG, reform_alliance: ZHENJIANG_PARK_ALLIANCE.name, response_commitment_hours: 24 },
    cells: [{ count: 47, states: {}, label: '镇江新材料产业园示例企业诉求' }],
  },
} as const satisfies Record<string, SampleGroup>;

export type SampleGroupKey = keyof typeof SAMPLE_GROUPS;
