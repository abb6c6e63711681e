/**
 * The published data set: what ten newspaper reports (2025-09-29..2025-11-04) say about the
 * industrial-workforce reform, loaded into the registry. Where a report only gives a count, the
 * loader creates that many plainly marked sample records (is_sample = true, names with 示例) so that
 * registry counts equal the published figures exactly. Deterministic: same rows on every run.
 */
import { syntheticCreditCode } from '../src/common/credit-code';
import { insertRows, type Row } from './published/batch';
import {
  CITIES, GOALS, JIANGSU, NAMED_ENTERPRISES, NANJING, PROVINCES, REPORTED_FIGURES, SOURCES, WUXI, XUZHOU, type SourceKey,
} from './published/reports';
import {
  jiangsuContracts, jiangsuNationalCraftsmen, nanjingAcademies, nanjingCraftsmenInTraining, nanjingStudios, wuhanHeavyRecords,
} from './published/samples';

export type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/** The numbers the data set promises; tests check the loaded registry against them. */
export const PUBLISHED = {
  sources: 10,
  provinces: 4,
  cities: 15,
  // Nanjing (南京日报 2025-10-23, 扬子晚报网 2025-10-22)
  nanjingStudios: 598,
  nanjingModelWorkerStudios: 276,
  nanjingEmployeeStudios: 322,
  nanjingNationalDemonstrationStudios: 3,
  nanjingProvincialDemonstrationStudios: 3,
  nanjingStudioGoal: 1000,
  nanjingAcademies: 35,
  nanjingMunicipalAcademies: 28,
  nanjingDistrictAcademies: 7,
  nanjingAcademiesOnProvincialSupportList: 2,
  nanjingCraftsmenInTraining: 300,
  nanjingNationalCraftsmen: 2,
  nanjingProvincialCraftsmenGoal: 100,
  nanjingMunicipalCraftsmenGoal: 1000,
  // Jiangsu (新华日报 2025-09-29, 2025-10-19, 2025-10-20)
  jiangsuNationalCraftsmen: 11,
  jiangsuNationalCraftsmenGoal: 200,
  jiangsuProvincialCraftsmenGoal: 1000,
  jiangsuMunicipalCraftsmenGoal: 5000,
  jiangsuContractEnterprises: 20_800,
  jiangsuWorkersCovered: 2_000_000,
  zilongProjectsPlanned: 15,
  zilongProjectsCompleted: 9,
  // Shaanxi (陕西日报 2025-10-20)
  shaanxiNationalCraftsmenGoal: 50,
  shaanxiProvincialCraftsmenGoal: 400,
  shaanxiMunicipalCraftsmenGoal: 1500,
  // Wuhan Heavy Industry Casting & Forging (长江日报 2025-10-11)
  wuhanHeavyStudios: 5,
  wuhanHeavyCraftsmen: 4,
  // Not published: our choice of about one sample host enterprise per two studios
  nanjingStudioEnterprises: 299,
  // Whole-table row counts that follow from the above
  enterprises: 21_103, // 299 Nanjing samples + 20,799 Jiangsu samples + 5 named
  innovationStudios: 603,
  craftsmen: 315,
  craftsmanAcademies: 35,
  collectiveInnovationContracts: 20_800,
  goals: 9,
  reportedFigures: 21,
} as const;

// Zilong's contract: projects are from the report; the signing date and coverage are not reported,
// so these are placeholders.
const ZILONG_CONTRACT = { signed_on: '2025-01-01', term_months: 36, workers_covered: 620 };

const ENTERPRISE_COLUMNS = {
  credit_code: 'text', name: 'text', name_en: 'text', ownership: 'text', industry: 'text', province_code: 'text',
  city_code: 'text', employee_count: 'int', is_sample: 'bool', source_id: 'int',
} as const;
const CRAFTSMAN_COLUMNS = {
  name: 'text', level: 'text', honorary_title: 'text', status: 'text', year: 'int', enterprise_id: 'int',
  province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const STUDIO_COLUMNS = {
  name: 'text', kind: 'text', demonstration_level: 'text', enterprise_id: 'int', province_code: 'text', city_code: 'text',
  established_on: 'date', is_sample: 'bool', source_id: 'int',
} as const;
const ACADEMY_COLUMNS = {
  name: 'text', level: 'text', host_institution: 'text', province_code: 'text', city_code: 'text',
  on_provincial_support_list: 'bool', is_sample: 'bool', source_id: 'int',
} as const;
const CONTRACT_COLUMNS = {
  enterprise_id: 'int', province_code: 'text', city_code: 'text', signed_on: 'date', term_months: 'int', workers_covered: 'int',
  projects_planned: 'int', projects_completed: 'int', is_sample: 'bool', source_id: 'int',
} as const;
const GOAL_COLUMNS = {
  province_code: 'text', city_code: 'text', metric: 'text', target: 'int', deadline: 'date', baseline_value: 'int',
  baseline_on: 'date', description: 'text', source_id: 'int',
} as const;
const FIGURE_COLUMNS = {
  province_code: 'text', city_code: 'text', subject: 'text', metric: 'text', value: 'numeric', unit: 'text',
  as_of: 'date', source_id: 'int',
} as const;

/** Loads the whole published data set into an empty, migrated database. Deterministic. */
export async function loadPublishedDataSet(query: Query): Promise<void> {
  const P = PUBLISHED;
  await insertRows(query, 'province', { code: 'text', name: 'text', name_en: 'text' }, PROVINCES);
  await insertRows(query, 'city', { code: 'text', province_code: 'text', name: 'text', name_en: 'text' }, CITIES);

  // Sources are linked by title (unique among the ten reports), never by assumed serial ids.
  const sourceRows = await insertRows<{ id: number; title: string }>(
    query, 'source', { publisher: 'text', publisher_en: 'text', title: 'text', published_on: 'date' },
    Object.values(SOURCES), 'id, title');
  const sourceIdByTitle = new Map(sourceRows.map((r) => [r.title, r.id]));
  const withSource = (row: Row): Row => ({ ...row, source_id: sourceIdByTitle.get(SOURCES[row.source as SourceKey].title) });

  // Enterprises: the named ones plus the sample hosts of Nanjing's studios and Jiangsu's contracts.
  const named = {} as Record<keyof typeof NAMED_ENTERPRISES, Row & { credit_code: string }>;
  for (const [key, { division, serial, ...row }] of Object.entries(NAMED_ENTERPRISES)) {
    named[key as keyof typeof NAMED_ENTERPRISES] = { ...row, is_sample: false, credit_code: syntheticCreditCode(division, serial) };
  }
  const nanjing = nanjingStudios({
    modelWorker: P.nanjingModelWorkerStudios, employee: P.nanjingEmployeeStudios,
    national: P.nanjingNationalDemonstrationStudios, provincial: P.nanjingProvincialDemonstrationStudios,
    enterprises: P.nanjingStudioEnterprises, until: '2025-10-22',
  });
  const jiangsu = jiangsuContracts({
    enterprises: P.jiangsuContractEnterprises - 1, // Zilong holds the remaining one
    workersCovered: P.jiangsuWorkersCovered - ZILONG_CONTRACT.workers_covered,
    asOf: SOURCES.xinhuaContracts.published_on,
  });
  const enterpriseRows = await insertRows<{ id: number; credit_code: string }>(
    query, 'enterprise', ENTERPRISE_COLUMNS,
    [...Object.values(named), ...nanjing.enterprises, ...jiangsu.enterprises].map(withSource), 'id, credit_code');
  const enterpriseId = new Map(enterpriseRows.map((r) => [r.credit_code, r.id]));
  const withLinks = (row: Row): Row => ({
    ...withSource(row),
    enterprise_id: row.enterprise_code == null ? null : enterpriseId.get(row.enterprise_code as string),
  });

  const wuhan = wuhanHeavyRecords(named.wuhanHeavy.credit_code);
  const national = jiangsuNationalCraftsmen([
    { city_code: WUXI, enterprise_code: named.stateGridWuxi.credit_code },
    { city_code: XUZHOU, enterprise_code: named.xcmg.credit_code },
    ...Array.from({ length: P.nanjingNationalCraftsmen }, () => ({ city_code: NANJING })),
    // The rest are reported for the province only.
    ...Array.from({ length: P.jiangsuNationalCraftsmen - 2 - P.nanjingNationalCraftsmen }, () => ({ city_code: null })),
  ]);
  await insertRows(query, 'craftsman', CRAFTSMAN_COLUMNS,
    [...national, ...nanjingCraftsmenInTraining(P.nanjingCraftsmenInTraining), ...wuhan.craftsmen].map(withLinks));

  await insertRows(query, 'innovation_studio', STUDIO_COLUMNS, [...nanjing.studios, ...wuhan.studios].map(withLinks));

  // 南京开放大学工匠学院 is the one academy the reports name (扬子晚报网 calls it a pioneer academy).
  const openUniversityAcademy = {
    name: '南京开放大学工匠学院', level: 'MUNICIPAL', host_institution: '南京开放大学', province_code: JIANGSU,
    city_code: NANJING, on_provincial_support_list: false, is_sample: false, source: 'yangtse',
  };
  await insertRows(query, 'craftsman_academy', ACADEMY_COLUMNS, [
    openUniversityAcademy,
    ...nanjingAcademies(P.nanjingMunicipalAcademies - 1, P.nanjingDistrictAcademies, P.nanjingAcademiesOnProvincialSupportList),
  ].map(withSource));

  const zilongContract = {
    ...ZILONG_CONTRACT, enterprise_code: named.zilong.credit_code, province_code: named.zilong.province_code,
    city_code: named.zilong.city_code, projects_planned: P.zilongProjectsPlanned,
    projects_completed: P.zilongProjectsCompleted, is_sample: false, source: 'xinhuaContracts',
  };
  await insertRows(query, 'collective_innovation_contract', CONTRACT_COLUMNS, [zilongContract, ...jiangsu.contracts].map(withLinks));

  await insertRows(query, 'goal', GOAL_COLUMNS, GOALS.map(withSource));
  await insertRows(query, 'reported_figure', FIGURE_COLUMNS, REPORTED_FIGURES.map(withSource));
}
