/**
 * Loads a synthetic province at scale N on top of the published data set: city by city, enterprises
 * and their contracts, craftsmen, studios, academies. Every row is a sample (is_sample = true, names
 * with 规模示例) citing one source row that names the scale, which is how a later run recognises it.
 */
import type { Query } from '../published-data-set';
import type { Row } from '../published/batch';
import { cityAcademies } from './academies';
import { AS_OF } from './common';
import { cityCraftsmen } from './craftsmen';
import { cityEnterprises } from './enterprises';
import { insertBatches, type ColumnTypes } from './insert';
import { scalePlan, type CityPlan, type Counts } from './plan';
import { cityStudios } from './studios';

export const SCALE_PUBLISHER = '产改登记平台规模数据生成器';
const scaleTitle = (scale: number) => `合成规模数据 scale ${scale}（江苏全省 × ${scale}，示例记录）`;

const PLACE = { province_code: 'text', city_code: 'text', is_sample: 'bool', source_id: 'int' } as const;
const ENTERPRISE: ColumnTypes = {
  credit_code: 'text', name: 'text', name_en: 'text', ownership: 'text', industry: 'text', employee_count: 'int',
  created_at: 'timestamptz', updated_at: 'timestamptz', ...PLACE,
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

/** The scale already loaded (from its source row), or null. */
export async function loadedScale(query: Query): Promise<number | null> {
  const [row] = (await query(`SELECT title FROM source WHERE publisher = $1`, [SCALE_PUBLISHER])) as { title: string }[];
  return row ? Number(/scale ([0-9.]+)/.exec(row.title)?.[1]) : null;
}

interface CityRows {
  enterprises: Row[];
  contracts: Row[];
  craftsmen: Row[];
  studios: Row[];
  academies: Row[];
}

/** All of one city's rows, referring to each other by credit code and name until the ids exist. */
function generateCity(scale: number, city: CityPlan, sourceId: number): CityRows {
  const { enterprises, contracts } = cityEnterprises(scale, city, sourceId);
  const craftsmen = cityCraftsmen(scale, city, enterprises, sourceId);
  const studios = cityStudios(scale, city, enterprises, craftsmen, sourceId);
  return { enterprises, contracts, craftsmen, studios, academies: cityAcademies(scale, city, enterprises, sourceId) };
}

/** Inserts one city's rows: enterprises first for their ids, then what refers to them. */
async function insertCity(query: Query, rows: CityRows): Promise<void> {
  const ids = await insertBatches<{ id: number; credit_code: string }>(query, 'enterprise', ENTERPRISE, rows.enterprises, 'id, credit_code');
  const enterpriseId = new Map(ids.map((r) => [r.credit_code, r.id]));
  const link = (row: Row): Row => ({ ...row, enterprise_id: row.enterprise_code ? enterpriseId.get(row.enterprise_code as string) : null });
  // Statements queue on the one connection: the next one is prepared while the server runs the last.
  const [, craftsmanIds] = await Promise.all([
    insertBatches(query, 'collective_innovation_contract', CONTRACT, rows.contracts.map(link)),
    insertBatches<{ id: number; name: string }>(query, 'craftsman', CRAFTSMAN, rows.craftsmen.map(link), 'id, name'),
  ]);
  const craftsmanId = new Map(craftsmanIds.map((r) => [r.name, r.id]));
  const studios = rows.studios.map((s) => ({ ...link(s), lead_craftsman_id: s.lead_name ? craftsmanId.get(s.lead_name as string) : null }));
  await Promise.all([
    insertBatches(query, 'innovation_studio', STUDIO, studios),
    insertBatches(query, 'craftsman_academy', ACADEMY, rows.academies),
  ]);
}

/** Inserts the scale-N records; the caller runs it in one transaction. Returns how many of each. */
export async function loadScaleDataSet(query: Query, scale: number): Promise<Counts> {
  const [source] = (await query(
    `INSERT INTO source (publisher, publisher_en, title, published_on) VALUES ($1, $2, $3, $4) RETURNING id`,
    [SCALE_PUBLISHER, 'Reform Registry scale seed (synthetic)', scaleTitle(scale), AS_OF],
  )) as { id: number }[];
  const loaded: Counts = { enterprises: 0, contracts: 0, studios: 0, academies: 0, craftsmen: 0 };
  const plan = scalePlan(scale);
  let rows = generateCity(scale, plan[0], source.id);
  for (let i = 0; i < plan.length; i += 1) {
    const inserting = insertCity(query, rows);
    for (const kind of Object.keys(loaded) as (keyof Counts)[]) loaded[kind] += rows[kind].length;
    // The next city is generated while the server inserts this one (two cores, both busy).
    const next = i + 1 < plan.length ? generateCity(scale, plan[i + 1], source.id) : null;
    await inserting;
    if (next) rows = next;
  }
  return loaded;
}
