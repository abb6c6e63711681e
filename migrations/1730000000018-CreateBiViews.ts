import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BI_SCHEMA, createBiView, literal, type BiView } from './support/bi-view';

/** The schema BI tools read; migration 19 makes the role that may read it and nothing else. */
export { BI_SCHEMA };

/** Place and bookkeeping columns, shared by the registry views. `t` is the view's own table. */
const PLACE = `t.province_code, p.name AS province_name, t.city_code, c.name AS city_name`;
const PLACE_JOINS = `JOIN province p ON p.code = t.province_code LEFT JOIN city c ON c.code = t.city_code`;
const BOOKKEEPING = `t.source_id, t.created_at, t.updated_at`;

/** Columns that mean the same in every view. Related names are shown even when the related record is archived. */
export const COLUMN_COMMENTS: Record<string, string> = {
  id: 'Record id (编号): stable; the *_id columns of other bi views refer to it',
  name: 'Name in Chinese (名称)',
  name_en: 'Name in English, where published (英文名称)',
  province_code: 'Province division code (省级行政区划代码), e.g. 320000 for Jiangsu',
  province_name: 'Province name (省)',
  city_code: 'City division code (地级市行政区划代码), e.g. 320100 for Nanjing; empty when only the province is known',
  city_name: 'City name (地级市)',
  enterprise_id: 'The enterprise (企业): bi.enterprise.id',
  enterprise_name: 'Name of the enterprise (企业名称)',
  enterprise_credit_code: "The enterprise's unified social credit code (统一社会信用代码)",
  is_sample: 'True for sample records (示例) created so that registry counts equal a published count; they carry no real names',
  external_id: "A city portal's own id for the record (外部编号), unique within its city",
  source_id: 'The published report the record comes from (出处): bi.source.id',
  created_at: 'When the record was entered in the registry (录入时间)',
  updated_at: 'When the record was last changed (更新时间)',
};

/**
 * Flat, read-only views for BI tools that connect to PostgreSQL directly: active records only
 * (archived ones are left out, as in the API's lists), names of places and enterprises joined in,
 * and never a personal field (national ID number, phone). The views run with their owner's rights
 * (security_invoker off), so their reader needs no right on any base table.
 */
export const VIEWS: BiView[] = [
  {
    name: 'province',
    comment: 'Provinces (省) by division code.',
    select: `SELECT code, name, name_en FROM province`,
    columns: { code: 'Province division code (省级行政区划代码), e.g. 320000' },
  },
  {
    name: 'city',
    comment: 'Cities (地级市) by division code, with their province.',
    select: `SELECT t.code, t.name, t.name_en, t.province_code, p.name AS province_name FROM city t JOIN province p ON p.code = t.province_code`,
    columns: { code: 'City division code (地级市行政区划代码), e.g. 320100' },
  },
  {
    name: 'enterprise',
    comment: 'Enterprises (企业) in the registry, by unified social credit code; active records only.',
    select: `SELECT t.id, t.credit_code, t.name, t.name_en, t.ownership, t.industry, t.employee_count, ${PLACE},
      t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM enterprise t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      credit_code: 'Unified social credit code (统一社会信用代码), 18 characters',
      ownership: 'Ownership (所有制): STATE_OWNED 国有, PRIVATE 民营, FOREIGN_INVESTED 外资, OTHER 其他',
      industry: 'Industry (行业), as published; empty when unknown',
      employee_count: 'Number of employees (职工人数); empty when unknown',
    },
  },
  {
    name: 'innovation_studio',
    comment: 'Innovation studios (创新工作室) with their enterprise, lead craftsman, city and province; active records only.',
    select: `SELECT t.id, t.name, t.kind, t.demonstration_level, t.established_on,
      t.enterprise_id, e.name AS enterprise_name, e.credit_code AS enterprise_credit_code,
      t.lead_craftsman_id, l.name AS lead_craftsman_name, ${PLACE}, t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM innovation_studio t JOIN enterprise e ON e.id = t.enterprise_id LEFT JOIN craftsman l ON l.id = t.lead_craftsman_id ${PLACE_JOINS}
      WHERE t.archived_at IS NULL`,
    columns: {
      kind: 'Kind (类型): MODEL_WORKER 劳模创新工作室, EMPLOYEE 职工创新工作室, CRAFTSMAN 工匠创新工作室, SPECIALISED_TECHNICAL 专业技术创新工作室',
      demonstration_level: 'Demonstration level (示范性级别): NATIONAL 全国, PROVINCIAL 省级, MUNICIPAL 市级, NONE 非示范',
      established_on: 'Date the studio was founded (成立日期); empty when unknown',
      lead_craftsman_id: 'The craftsman who leads the studio (领衔人): bi.craftsman.id',
      lead_craftsman_name: 'Name of the craftsman who leads the studio (领衔人姓名)',
    },
  },
  {
    name: 'craftsman_academy',
    comment: 'Craftsman academies (工匠学院) with their city and province; active records only.',
    select: `SELECT t.id, t.name, t.level, t.host_institution, t.established_on, t.on_provincial_support_list, ${PLACE},
      t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM craftsman_academy t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      level: 'Level (级别): PROVINCIAL 省级, MUNICIPAL 市级, DISTRICT 区级',
      host_institution: 'Institution that hosts the academy (依托单位)',
      established_on: 'Date the academy was founded (成立日期); empty when unknown',
      on_provincial_support_list: 'On the provincial support list (省级扶持名单)',
    },
  },
  {
    name: 'collective_innovation_contract',
    comment: 'Collective innovation contracts (技术创新集体合同), one enterprise each; active records only.',
    select: `SELECT t.id, t.enterprise_id, e.name AS enterprise_name, e.credit_code AS enterprise_credit_code,
      t.signed_on, t.term_months, t.workers_covered, t.projects_planned, t.projects_completed, ${PLACE},
      t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM collective_innovation_contract t JOIN enterprise e ON e.id = t.enterprise_id ${PLACE_JOINS}
      WHERE t.archived_at IS NULL`,
    columns: {
      signed_on: 'Date the contract was signed (签订日期)',
      term_months: 'Term of the contract in months (合同期限，月)',
      workers_covered: 'Workers the contract covers (覆盖职工人数)',
      projects_planned: 'Innovation projects planned (计划创新项目数)',
      projects_completed: 'Innovation projects completed (完成创新项目数)',
    },
  },
  {
    name: 'craftsman',
    comment: 'Craftsmen (工匠) from candidates to certified; active records only. Personal fields (national ID number, phone) are never here.',
    select: `SELECT t.id, t.name, t.level, t.honorary_title, t.status, t.year, t.recognized_on,
      t.enterprise_id, e.name AS enterprise_name, ${PLACE}, t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM craftsman t LEFT JOIN enterprise e ON e.id = t.enterprise_id ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      level: 'Level of the title (工匠级别): NATIONAL 国家工匠, PROVINCIAL 省级工匠, MUNICIPAL 市级工匠',
      honorary_title: 'Honorary title, e.g. 南京工匠 (荣誉称号)',
      status: 'Selection pipeline (培养状态): CANDIDATE 候选人, IN_TRAINING 培养中, CERTIFIED 已认定, NOT_CERTIFIED 未通过',
      year: 'Year of selection or award (年度)',
      recognized_on: 'Date the craftsman was recognised (认定日期); empty when unknown',
    },
  },
  {
    name: 'goal',
    comment: 'Published goals (目标): a target for a metric in a province or city by a deadline; active records only.',
    select: `SELECT t.id, t.metric, t.target, t.deadline, t.baseline_value, t.baseline_on, t.description, ${PLACE},
      coalesce(c.name, p.name) AS scope_name, ${BOOKKEEPING}
      FROM goal t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      metric:
        'What the goal counts (目标指标): INNOVATION_STUDIOS 创新工作室, CRAFTSMAN_ACADEMIES 工匠学院, COLLECTIVE_CONTRACTS 技术创新集体合同, ' +
        'WORKERS_COVERED 覆盖职工人数, CRAFTSMEN 已认定工匠, NATIONAL_CRAFTSMEN 国家工匠, PROVINCIAL_CRAFTSMEN 省级工匠, MUNICIPAL_CRAFTSMEN 市级工匠',
      target: 'Target value (目标值)',
      deadline: 'Deadline (截止日期)',
      baseline_value: 'Published value at the baseline date (基数); empty when not published',
      baseline_on: 'Date of the baseline value (基数日期)',
      description: 'The goal as published (目标表述)',
      city_code: 'City division code (地级市行政区划代码) for a city goal; empty for a province goal',
      scope_name: 'Name of the city, or of the province for a province goal (目标范围)',
    },
  },
  {
    name: 'reported_figure',
    comment: 'Published figures (公开统计数据) that are not counts of registry records; active records only.',
    select: `SELECT t.id, t.metric, t.subject, t.value, t.unit, t.as_of, ${PLACE}, ${BOOKKEEPING}
      FROM reported_figure t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      metric: 'What the figure measures (统计指标), e.g. SKILLED_WORKERS 技能人才总量',
      subject: 'What the figure is about when narrower than the place, e.g. a park (统计对象)',
      value: 'The published value (数值)',
      unit: 'Unit (单位): PERSONS 人, ENTERPRISES 家, ORGANISATIONS 个组织, EVENTS 场/次, PERCENT %, COUNT 个/件',
      as_of: 'Date the figure refers to (统计日期)',
    },
  },
  {
    name: 'source',
    comment: 'Published reports the registry cites (出处); active records only.',
    select: `SELECT t.id, t.publisher, t.publisher_en, t.title, t.published_on, t.url, t.created_at, t.updated_at FROM source t WHERE t.archived_at IS NULL`,
    columns: {
      publisher: 'Publisher (发布单位)',
      publisher_en: 'Publisher in English',
      title: 'Title of the report (标题)',
      published_on: 'Date published (发布日期)',
      url: 'Where the report is online (网址)',
    },
  },
];

export const BI_VIEWS = VIEWS.map((v) => v.name);

/**
 * The `bi` schema of flattened views. A later migration that changes a column one of these views
 * reads must drop and recreate the view (PostgreSQL refuses to alter a column a view depends on).
 */
export class CreateBiViews1730000000018 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA ${BI_SCHEMA}`);
    await q.query(`COMMENT ON SCHEMA ${BI_SCHEMA} IS ${literal('Read-only views of the registry for BI tools (数据分析视图): active records, names joined in, no personal fields.')}`);
    for (const view of VIEWS) await createBiView(q, view, COLUMN_COMMENTS);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of [...VIEWS].reverse()) await q.query(`DROP VIEW ${BI_SCHEMA}.${view.name}`);
    await q.query(`DROP SCHEMA ${BI_SCHEMA}`);
  }
}
