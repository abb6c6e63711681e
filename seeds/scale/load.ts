/**
 * Loads a synthetic province (or, with --national, country) at scale N: city by city, enterprises and their contracts, craftsmen,
 * studios, academies, and a studio goal per city. Every record is a sample (is_sample = true, names
 * with 规模示例) citing one source row that names the scale and the as-of date, which is how a later
 * run recognises it.
 */
import type { Query } from '../published-data-set';
import type { Row } from '../published/batch';
import { cityAcademies } from './academies';
import type { ScaleContext } from './common';
import { cityCraftsmen } from './craftsmen';
import { cityEnterprises } from './enterprises';
import { cityStudioGoal } from './goals';
import { insertBatches, type ColumnTypes } from './insert';
import { scalePlan, type CityPlan, type Counts } from './plan';
import { cityStudios } from './studios';

export const SCALE_PUBLISHER = '产改登记平台规模数据生成器';
const scaleTitle = (scale: number, asOf: string, national: boolean) =>
  national
    ? `合成规模数据 scale ${scale} national as of ${asOf}（全国 31 个省级行政区：江苏 × ${scale}，其余按 2020 年人口普查人口折算，示例记录）`
    : `合成规模数据 scale ${scale} as of ${asOf}（江苏全省 × ${scale}，示例记录）`;

const PLACE = {
  province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int', created_at: 'timestamptz', updated_at: 'timestamptz',
} as const;
const ENTERPRISE: ColumnTypes = {
  credit_code: 'text', name: 'text', name_en: 'text', ownership: 'text', industry: 'text', employee_count: 'int', established_on: 'date', ...PLACE,
};
const CONTRACT: ColumnTypes = {
  enterprise_id: 'int', signed_on: 'date', term_months: 'int', workers_covered: 'int', projects_planned: 'int',
  projects_completed: 'int', ...PLACE,
};
const CRAFTSMAN: ColumnTypes = {
  name: 'text', level: 'text', honorary_title: 'text', status: 'text', year: 'int', recognized_on: 'date', enterprise_id: 'int',
  national_id_number: 'text', phone: 'text', ...PLACE,
};
const STUDIO: ColumnTypes = {
  name: 'text', kind: 'text', demonstration_level: 'text', enterprise_id: 'int', lead_craftsman_id: 'int', established_on: 'date', ...PLACE,
};
const ACADEMY: ColumnTypes = {
  name: 'text', level: 'text', host_institution: 'text', on_provincial_support_list: 'bool', established_on: 'date', ...PLACE,
};
const GOAL: ColumnTypes = {
  province_code: 'text', city_code: 'text', metric: 'text', target: 'int', deadline: 'date', baseline_value: 'int',
  baseline_on: 'date', description: 'text', source_id: 'int',
};

export interface LoadedScale {
  scale: number;
  asOf: string;
  /** Loaded with --national: every province, not Jiangsu alone. */
  national: boolean;
}

/** The scale already loaded (from its source row), or null. */
export async function loadedScale(query: Query): Promise<LoadedScale | null> {
  const [row] = (await query(`SELECT title FROM source WHERE publisher = $1`, [SCALE_PUBLISHER])) as { title: string }[];
  const match = row && /scale ([0-9.]+)( national)? as of ([0-9-]{10})/.exec(row.title);
  return match ? { scale: Number(match[1]), asOf: match[3], national: match[2] !== undefined } : null;
}

interface CityRows {
  enterprises: Row[];
  contracts: Row[];
  craftsmen: Row[];
  studios: Row[];
  academies: Row[];
  goals: Row[];
}

/** All of one city's rows, referring to each other by credit code and name until the ids exist. */
function generateCity(ctx: ScaleContext, city: CityPlan): CityRows {
  const { enterprises, contracts } = cityEnterprises(ctx, city);
  const craftsmen = cityCraftsmen(ctx, city, enterprises);
  const studios = cityStudios(ctx, city, enterprises, craftsmen);
  const goal = cityStudioGoal(ctx, city, studios);
  return { enterprises, contracts, craftsmen, studios, academies: cityAcademies(ctx, city, enterprises), goals: goal ? [goal] : [] };
}

/** A record is last updated when it was entered. */
const stamped = (row: Row): Row => ({ ...row, updated_at: row.created_at });

/** Inserts one city's rows: enterprises first for their ids, then what refers to them. */
async function insertCity(query: Query, rows: CityRows): Promise<void> {
  const ids = await insertBatches<{ id: number; credit_code: string }>(query, 'enterprise', ENTERPRISE, rows.enterprises.map(stamped), 'id, credit_code');
  const enterpriseId = new Map(ids.map((r) => [r.credit_code, r.id]));
  const link = (row: Row): Row => ({
    ...row, updated_at: row.created_at, enterprise_id: row.enterprise_code ? enterpriseId.get(row.enterprise_code as string) : null,
  });
  await insertBatches(query, 'collective_innovation_contract', CONTRACT, rows.contracts.map(link));
  const craftsmanIds = await insertBatches<{ id: number; name: string }>(query, 'craftsman', CRAFTSMAN, rows.craftsmen.map(link), 'id, name');
  const craftsmanId = new Map(craftsmanIds.map((r) => [r.name, r.id]));
  const studios = rows.studios.map((s) => ({ ...link(s), lead_craftsman_id: s.lead_name ? craftsmanId.get(s.lead_name as string) : null }));
  await insertBatches(query, 'innovation_studio', STUDIO, studios);
  await insertBatches(query, 'craftsman_academy', ACADEMY, rows.academies.map(stamped));
  await insertBatches(query, 'goal', GOAL, rows.goals);
}

/** Inserts the scale-N records; the caller runs it in one transaction. Returns how many of each. */
export async function loadScaleDataSet(query: Query, scale: number, asOf: string, national = false): Promise<Counts> {
  const [source] = (await query(
    `INSERT INTO source (publisher, publisher_en, title, published_on) VALUES ($1, $2, $3, $4) RETURNING id`,
    [SCALE_PUBLISHER, 'Reform Registry scale seed (synthetic)', scaleTitle(scale, asOf, national), asOf],
  )) as { id: number }[];
  const ctx: ScaleContext = { scale, asOf, sourceId: source.id };
  const loaded: Counts = { enterprises: 0, contracts: 0, studios: 0, academies: 0, craftsmen: 0 };
  const plan = scalePlan(scale, { national });
  let rows = generateCity(ctx, plan[0]);
  for (let i = 0; i < plan.length; i += 1) {
    const inserting = insertCity(query, rows);
    for (const kind of Object.keys(loaded) as (keyof Counts)[]) loaded[kind] += rows[kind].length;
    // The next city is generated while the server runs this one's first statement.
    const next = i + 1 < plan.length ? generateCity(ctx, plan[i + 1]) : null;
    await inserting;
    if (next) rows = next;
  }
  return loaded;
}
