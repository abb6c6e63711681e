import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COLUMN_COMMENTS, VIEWS as VIEWS_OF_MIGRATION_18 } from './1730000000018-CreateBiViews';
import { BI_SCHEMA, createBiView, type BiView } from './support/bi-view';
import { BI_READER_ROLE } from './1730000000019-CreateBiReaderRole';

/** Place columns with the district (migration 25); `t` is the view's own table. */
const PLACE = `t.province_code, p.name AS province_name, t.city_code, c.name AS city_name, t.district_code, d.name AS district_name`;
const PLACE_JOINS = `JOIN province p ON p.code = t.province_code LEFT JOIN city c ON c.code = t.city_code LEFT JOIN district d ON d.code = t.district_code`;
const BOOKKEEPING = `t.source_id, t.created_at, t.updated_at`;
const UNKNOWN = 'empty when the source does not say (unknown, not zero)';

/** Column descriptions of the views from here on (new registry types' views take them too: support/registry-table.ts). */
export const COMMENTS: Record<string, string> = {
  ...COLUMN_COMMENTS,
  full_name: 'Official full name (全称), as GB/T 2260 writes it',
  pinyin: 'The full name in toneless pinyin (拼音)',
  district_code: 'County-level district division code (区县行政区划代码), e.g. 320102; empty when the record belongs to no district or it is not known',
  district_name: 'District name (区县)',
  is_sample:
    'True for sample records (示例): stand-ins for records a report only counts, so that registry counts equal the published figure; they carry only what the report states, every other column empty',
};

/**
 * The views as of migrations 22–28: every registry view gains the district; divisions their full names
 * and pinyin, and a view of districts; unknown values are empty (a studio with no named enterprise is
 * still in bi.innovation_studio); enterprises their founding date; figures and goals their qualifiers.
 */
const VIEWS: BiView[] = [
  {
    name: 'province',
    comment: 'Provincial-level divisions (省级行政区) by division code: all 34 of GB/T 2260.',
    select: `SELECT code, name, full_name, name_en, pinyin FROM province`,
    columns: { code: 'Province division code (省级行政区划代码), e.g. 320000' },
  },
  {
    name: 'city',
    comment: 'Prefecture-level divisions (地级市) by division code, with their province.',
    select: `SELECT t.code, t.name, t.full_name, t.name_en, t.pinyin, t.province_code, p.name AS province_name FROM city t JOIN province p ON p.code = t.province_code`,
    columns: { code: 'City division code (地级市行政区划代码), e.g. 320100' },
  },
  {
    name: 'district',
    comment: 'County-level divisions (县级行政区: 区, 县, 县级市, 旗) by division code, with their city and province.',
    select: `SELECT t.code, t.name, t.full_name, t.name_en, t.pinyin, t.city_code, c.name AS city_name, t.province_code, p.name AS province_name
      FROM district t JOIN city c ON c.code = t.city_code JOIN province p ON p.code = t.province_code`,
    columns: {
      code: 'District division code (区县行政区划代码), e.g. 320102',
      city_code: 'City division code (地级市行政区划代码) of the district',
      name_en: 'Name in English, where the registry has one',
    },
  },
  {
    name: 'enterprise',
    comment: 'Enterprises (企业) in the registry, by unified social credit code; active records only.',
    select: `SELECT t.id, t.credit_code, t.name, t.name_en, t.ownership, t.industry, t.employee_count, t.established_on, ${PLACE},
      t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM enterprise t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      credit_code: 'Unified social credit code (统一社会信用代码), 18 characters',
      ownership: `Ownership (所有制): STATE_OWNED 国有, PRIVATE 民营, FOREIGN_INVESTED 外资, OTHER 其他; ${UNKNOWN}`,
      industry: `Industry (行业), as published; ${UNKNOWN}`,
      employee_count: `Number of employees (职工人数); ${UNKNOWN}`,
      established_on: `Date founded or registered (成立日期); ${UNKNOWN}`,
    },
  },
  {
    name: 'innovation_studio',
    comment: 'Innovation studios (创新工作室) with their enterprise, lead craftsman and place; active records only.',
    select: `SELECT t.id, t.name, t.kind, t.demonstration_level, t.established_on,
      t.enterprise_id, e.name AS enterprise_name, e.credit_code AS enterprise_credit_code,
      t.lead_craftsman_id, l.name AS lead_craftsman_name, ${PLACE}, t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM innovation_studio t LEFT JOIN enterprise e ON e.id = t.enterprise_id LEFT JOIN craftsman l ON l.id = t.lead_craftsman_id ${PLACE_JOINS}
      WHERE t.archived_at IS NULL`,
    columns: {
      kind: `Kind (类型): MODEL_WORKER 劳模创新工作室, EMPLOYEE 职工创新工作室, CRAFTSMAN 工匠创新工作室, SPECIALISED_TECHNICAL 专业技术创新工作室; ${UNKNOWN}`,
      demonstration_level: `Demonstration level (示范性级别): NATIONAL 全国, PROVINCIAL 省级, MUNICIPAL 市级, NONE 非示范; ${UNKNOWN}`,
      established_on: `Date the studio was founded (成立日期); ${UNKNOWN}`,
      enterprise_id: `The enterprise that hosts the studio (依托企业): bi.enterprise.id; ${UNKNOWN}`,
      lead_craftsman_id: 'The craftsman who leads the studio (领衔人): bi.craftsman.id',
      lead_craftsman_name: 'Name of the craftsman who leads the studio (领衔人姓名)',
    },
  },
  {
    name: 'craftsman_academy',
    comment: 'Craftsman academies (工匠学院) with their place; active records only.',
    select: `SELECT t.id, t.name, t.level, t.host_institution, t.established_on, t.on_provincial_support_list, ${PLACE},
      t.is_sample, t.external_id, ${BOOKKEEPING}
      FROM craftsman_academy t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      level: 'Level (级别): PROVINCIAL 省级, MUNICIPAL 市级, DISTRICT 区级',
      host_institution: 'Institution that hosts the academy (依托单位)',
      established_on: `Date the academy was founded (成立日期); ${UNKNOWN}`,
      on_provincial_support_list: `On the provincial support list (省级扶持名单); ${UNKNOWN}`,
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
      signed_on: `Date the contract was signed (签订日期); ${UNKNOWN}`,
      term_months: `Term of the contract in months (合同期限，月); ${UNKNOWN}`,
      workers_covered: `Workers the contract covers (覆盖职工人数); ${UNKNOWN}: sum() skips empty values, count(workers_covered) says how many are known`,
      projects_planned: `Innovation projects planned (计划创新项目数); ${UNKNOWN}`,
      projects_completed: `Innovation projects completed (完成创新项目数); ${UNKNOWN}`,
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
      year: `Year of selection or award (年度); ${UNKNOWN}`,
      recognized_on: `Date the craftsman was recognised (认定日期); ${UNKNOWN}`,
    },
  },
  {
    name: 'goal',
    comment: 'Published goals (目标): a target for a metric in a province, city or district by a deadline; active records only. Progress and its evidence are computed by the API (GoalProgress) and in /export/goals.csv.',
    select: `SELECT t.id, t.metric, t.target, t.target_qualifier, t.deadline, t.baseline_value, t.baseline_on, t.description, ${PLACE},
      coalesce(d.name, c.name, p.name) AS scope_name, ${BOOKKEEPING}
      FROM goal t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      metric:
        'What the goal counts (目标指标): INNOVATION_STUDIOS 创新工作室, CRAFTSMAN_ACADEMIES 工匠学院, COLLECTIVE_CONTRACTS 技术创新集体合同, ' +
        'WORKERS_COVERED 覆盖职工人数, CRAFTSMEN 已认定工匠, NATIONAL_CRAFTSMEN 国家工匠, PROVINCIAL_CRAFTSMEN 省级工匠, MUNICIPAL_CRAFTSMEN 市级工匠',
      target: 'Target value (目标值)',
      target_qualifier: 'How the target was published (目标限定): EXACT 确数, AT_LEAST 超过/以上, ABOUT 约/左右, AT_MOST 不超过',
      deadline: 'Deadline (截止日期)',
      baseline_value: 'Published value at the baseline date (基数); empty when not published',
      baseline_on: 'Date of the baseline value (基数日期)',
      description: 'The goal as published (目标表述)',
      city_code: 'City division code (地级市行政区划代码) for a city or district goal; empty for a province goal',
      scope_name: 'Name of the district, city, or province the goal is set for (目标范围)',
    },
  },
  {
    name: 'reported_figure',
    comment: 'Published figures (公开统计数据): numbers reports give for a place on a date, with their qualifier; some are observations of what the registry counts; active records only.',
    select: `SELECT t.id, t.metric, t.subject, t.value, t.qualifier, t.kind, t.unit, t.as_of, ${PLACE}, ${BOOKKEEPING}
      FROM reported_figure t ${PLACE_JOINS} WHERE t.archived_at IS NULL`,
    columns: {
      metric: 'What the figure measures (统计指标), e.g. SKILLED_WORKERS 技能人才总量, INNOVATION_STUDIOS 创新工作室',
      subject: 'What the figure is about when narrower than the place, e.g. a park (统计对象)',
      value: 'The published value (数值)',
      qualifier: 'How exact the value is, as the report wrote it (数值限定): EXACT 确数, AT_LEAST 超过/以上, ABOUT 约/左右, AT_MOST 不超过',
      kind: 'ACHIEVEMENT 已完成 (done, counted) or PLAN 计划 (a plan or target, never counted as done) (数据性质)',
      unit: 'Unit (单位): PERSONS 人, ENTERPRISES 家, ORGANISATIONS 个组织, EVENTS 场/次, PERCENT %, COUNT 个/件',
      as_of: 'Date the figure refers to (统计日期)',
    },
  },
];

const CHANGED = new Set(VIEWS.map((v) => v.name));

async function replaceViews(q: QueryRunner, views: BiView[], dropping: string[]): Promise<void> {
  for (const name of dropping) await q.query(`DROP VIEW IF EXISTS ${BI_SCHEMA}.${name}`);
  for (const view of views) {
    await createBiView(q, view, COMMENTS);
    // migration 19's grant covered the views that existed then; a recreated view needs its own.
    await q.query(`GRANT SELECT ON ${BI_SCHEMA}.${view.name} TO ${BI_READER_ROLE}`);
  }
}

export class AddDistrictsAndEvidenceToBiViews1730000000029 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await replaceViews(q, VIEWS, [...CHANGED].reverse());
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceViews(q, VIEWS_OF_MIGRATION_18.filter((v) => CHANGED.has(v.name)), [...CHANGED].reverse());
  }
}
