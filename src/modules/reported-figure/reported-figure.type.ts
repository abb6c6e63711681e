import { ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/relay/connection';
import { placeColumns, RegistryRecord, registryRecordColumns, sourceIdColumn } from '../../registry/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { RecordPayload } from '../../graphql/writes';
import { columnFields, enumColumn, float, internal, localDate, type RowOf, text } from '../../registry/columns';
import { describeEnum } from '../../graphql/enums';

export enum ReportedFigureMetric {
  SKILLED_WORKERS = 'SKILLED_WORKERS',
  HIGHLY_SKILLED_WORKERS = 'HIGHLY_SKILLED_WORKERS',
  HIGHLY_SKILLED_WORKER_SHARE = 'HIGHLY_SKILLED_WORKER_SHARE',
  INDUSTRIAL_WORKERS = 'INDUSTRIAL_WORKERS',
  ENTERPRISES_WITH_COLLECTIVE_CONTRACTS = 'ENTERPRISES_WITH_COLLECTIVE_CONTRACTS',
  WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS = 'WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS',
  ALLIANCE_MEMBER_ENTERPRISES = 'ALLIANCE_MEMBER_ENTERPRISES',
  ALLIANCE_MEMBER_UNITS = 'ALLIANCE_MEMBER_UNITS',
  PARTY_BRANCHES = 'PARTY_BRANCHES',
  TRADE_UNION_ORGANISATIONS = 'TRADE_UNION_ORGANISATIONS',
  ENTERPRISE_ISSUES_COLLECTED = 'ENTERPRISE_ISSUES_COLLECTED',
  ISSUE_RESOLUTION_SATISFACTION = 'ISSUE_RESOLUTION_SATISFACTION',
  PUBLIC_BUDGET_REVENUE_GROWTH = 'PUBLIC_BUDGET_REVENUE_GROWTH',
  SKILL_COMPETITIONS = 'SKILL_COMPETITIONS',
  NEW_GRASSROOTS_TRADE_UNIONS = 'NEW_GRASSROOTS_TRADE_UNIONS',
  NEW_TRADE_UNION_MEMBERS = 'NEW_TRADE_UNION_MEMBERS',
  TRAINING_COURSES = 'TRAINING_COURSES',
  TRAINING_PARTICIPANTS = 'TRAINING_PARTICIPANTS',
  TRAINING_TRADE_UNIONS = 'TRAINING_TRADE_UNIONS',
  SKILL_COMPETITION_PARTICIPATION = 'SKILL_COMPETITION_PARTICIPATION',
  INNOVATION_STUDIOS = 'INNOVATION_STUDIOS',
  MODEL_WORKER_INNOVATION_STUDIOS = 'MODEL_WORKER_INNOVATION_STUDIOS',
  EMPLOYEE_INNOVATION_STUDIOS = 'EMPLOYEE_INNOVATION_STUDIOS',
  SPECIALISED_TECHNICAL_INNOVATION_STUDIOS = 'SPECIALISED_TECHNICAL_INNOVATION_STUDIOS',
  NATIONAL_DEMONSTRATION_STUDIOS = 'NATIONAL_DEMONSTRATION_STUDIOS',
  PROVINCIAL_DEMONSTRATION_STUDIOS = 'PROVINCIAL_DEMONSTRATION_STUDIOS',
  MUNICIPAL_DEMONSTRATION_STUDIOS = 'MUNICIPAL_DEMONSTRATION_STUDIOS',
  CRAFTSMAN_ACADEMIES = 'CRAFTSMAN_ACADEMIES',
  MUNICIPAL_CRAFTSMAN_ACADEMIES = 'MUNICIPAL_CRAFTSMAN_ACADEMIES',
  DISTRICT_CRAFTSMAN_ACADEMIES = 'DISTRICT_CRAFTSMAN_ACADEMIES',
  ACADEMIES_ON_PROVINCIAL_SUPPORT_LIST = 'ACADEMIES_ON_PROVINCIAL_SUPPORT_LIST',
  CRAFTSMEN_IN_TRAINING = 'CRAFTSMEN_IN_TRAINING',
  CERTIFIED_CRAFTSMEN = 'CERTIFIED_CRAFTSMEN',
  NATIONAL_CRAFTSMEN = 'NATIONAL_CRAFTSMEN',
  PROVINCIAL_CRAFTSMEN = 'PROVINCIAL_CRAFTSMEN',
  MUNICIPAL_CRAFTSMEN = 'MUNICIPAL_CRAFTSMEN',
  COLLECTIVE_CONTRACTS = 'COLLECTIVE_CONTRACTS',
}
describeEnum(ReportedFigureMetric, 'ReportedFigureMetric', 'What a published figure measures (统计指标).', {
  SKILLED_WORKERS: 'Skilled workers (技能人才总量).',
  HIGHLY_SKILLED_WORKERS: 'Highly skilled workers (高技能人才).',
  HIGHLY_SKILLED_WORKER_SHARE: 'Share of highly skilled among skilled workers, percent (高技能人才占比).',
  INDUSTRIAL_WORKERS: 'Industrial workers served (产业工人).',
  ENTERPRISES_WITH_COLLECTIVE_CONTRACTS: 'Enterprises with a collective innovation contract (签订技术创新集体合同企业).',
  WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS: 'Workers covered by collective innovation contracts (覆盖职工).',
  ALLIANCE_MEMBER_ENTERPRISES: 'Member enterprises of a reform alliance (产改联盟成员企业).',
  ALLIANCE_MEMBER_UNITS: 'Other member units of a reform alliance (产改联盟成员单位).',
  PARTY_BRANCHES: 'Party branches (党支部).',
  TRADE_UNION_ORGANISATIONS: 'Trade union organisations (工会组织).',
  ENTERPRISE_ISSUES_COLLECTED: 'Enterprise issues collected (收集企业问题).',
  ISSUE_RESOLUTION_SATISFACTION: 'Satisfaction with issue resolution, percent (问题解决满意率).',
  PUBLIC_BUDGET_REVENUE_GROWTH: 'Year-on-year growth of public budget revenue, percent (一般公共预算收入增长).',
  SKILL_COMPETITIONS: 'Vocational skill competitions held (职业技能竞赛).',
  NEW_GRASSROOTS_TRADE_UNIONS: 'New grassroots trade unions (新建基层工会).',
  NEW_TRADE_UNION_MEMBERS: 'New trade union members (新发展会员).',
  TRAINING_COURSES: 'Training courses held (培训课程).',
  TRAINING_PARTICIPANTS: 'Training participants (参训人次).',
  TRAINING_TRADE_UNIONS: 'Trade unions whose members took part in a training programme (参与工会).',
  SKILL_COMPETITION_PARTICIPATION: 'Share of the units concerned that took part in skill competitions, percent (参赛覆盖率).',
  INNOVATION_STUDIOS: 'Innovation studios, all kinds (创新工作室); what the INNOVATION_STUDIOS goal metric counts.',
  MODEL_WORKER_INNOVATION_STUDIOS: 'Model-worker innovation studios (劳模创新工作室).',
  EMPLOYEE_INNOVATION_STUDIOS: 'Employee innovation studios (职工创新工作室).',
  SPECIALISED_TECHNICAL_INNOVATION_STUDIOS: 'Specialised technical innovation studios (专业技术创新工作室).',
  NATIONAL_DEMONSTRATION_STUDIOS: 'National demonstration innovation studios (全国示范性创新工作室).',
  PROVINCIAL_DEMONSTRATION_STUDIOS: 'Provincial or regional demonstration innovation studios (省级/区域示范性创新工作室).',
  MUNICIPAL_DEMONSTRATION_STUDIOS: 'Municipal demonstration innovation studios (市级示范性创新工作室).',
  CRAFTSMAN_ACADEMIES: 'Craftsman academies, all levels (工匠学院).',
  MUNICIPAL_CRAFTSMAN_ACADEMIES: 'Municipal craftsman academies (市级工匠学院).',
  DISTRICT_CRAFTSMAN_ACADEMIES: 'District craftsman academies (区级工匠学院).',
  ACADEMIES_ON_PROVINCIAL_SUPPORT_LIST: 'Craftsman academies on the provincial support list (列入省级扶持名单的工匠学院).',
  CRAFTSMEN_IN_TRAINING: 'Craftsman candidates in training (培养中的工匠人选).',
  CERTIFIED_CRAFTSMEN: 'Certified craftsmen of any level (已认定工匠).',
  NATIONAL_CRAFTSMEN: 'National craftsmen (国家工匠).',
  PROVINCIAL_CRAFTSMEN: 'Provincial craftsmen (省级工匠), e.g. 荆楚工匠 in Hubei.',
  MUNICIPAL_CRAFTSMEN: 'Municipal craftsmen (市级工匠), e.g. 南京工匠, 武汉大城工匠.',
  COLLECTIVE_CONTRACTS: 'Collective innovation contracts (技术创新集体合同).',
});

export enum FigureQualifier {
  EXACT = 'EXACT',
  AT_LEAST = 'AT_LEAST',
  ABOUT = 'ABOUT',
  AT_MOST = 'AT_MOST',
}
describeEnum(FigureQualifier, 'FigureQualifier', 'How exact a published number is, as the report wrote it (数值限定).', {
  EXACT: 'As printed, with no qualifier: "598" (确数).',
  AT_LEAST: 'A lower bound: "over", "more than", "at least" (超过/以上/逾/不少于).',
  ABOUT: 'Approximate: "about", "around" (约/左右).',
  AT_MOST: 'An upper bound: "no more than", "within" (不超过/以内).',
});

export enum FigureKind {
  ACHIEVEMENT = 'ACHIEVEMENT',
  PLAN = 'PLAN',
}
describeEnum(FigureKind, 'FigureKind', 'Whether a published figure says what was done or what is planned (数据性质).', {
  ACHIEVEMENT: 'Something achieved or counted (已完成/现状).',
  PLAN: 'A plan or target, e.g. Foshan\'s 266 new trade unions planned for 2024 (计划/目标): never counted as done.',
});

export enum FigureUnit {
  PERSONS = 'PERSONS',
  ENTERPRISES = 'ENTERPRISES',
  ORGANISATIONS = 'ORGANISATIONS',
  EVENTS = 'EVENTS',
  PERCENT = 'PERCENT',
  COUNT = 'COUNT',
}
describeEnum(FigureUnit, 'FigureUnit', 'Unit of a published figure (单位).', {
  PERSONS: 'Persons (人).',
  ENTERPRISES: 'Enterprises (家).',
  ORGANISATIONS: 'Organisations (个组织).',
  EVENTS: 'Events or sessions held, e.g. competitions or courses (场/次).',
  PERCENT: 'Percent (%).',
  COUNT: 'Items of another kind, e.g. issues collected (个/件).',
});

/** The columns of ReportedFigure: its select list, its GraphQL fields and its row type, declared once. */
export const reportedFigureColumns = {
  id: internal<number>('t.id'),
  ...placeColumns,
  subject: text('t.subject', 'What within the scope the figure is about, e.g. 镇江经开区新材料产业园; null for the whole scope.').orNull().written({ max: 200 }),
  metric: enumColumn(ReportedFigureMetric)('t.metric', 'What the figure measures (指标).').written(),
  value: float('t.value::float8', 'The published value (数值).').written({ min: 0 }),
  unit: enumColumn(FigureUnit)('t.unit', 'Unit (单位).').written(),
  qualifier: enumColumn(FigureQualifier)('t.qualifier', 'How exact the value is, as the report wrote it: EXACT, AT_LEAST (超过/以上), ABOUT (约) or AT_MOST (数值限定).').written(),
  kind: enumColumn(FigureKind)('t.kind', 'ACHIEVEMENT (done, counted) or PLAN (a plan or target) (数据性质).').written(),
  asOf: localDate('t.as_of', 'Date the figure refers to, or the report date when none is given (截至日期).').written(),
  sourceId: sourceIdColumn<number>(),
  ...registryRecordColumns,
};

export type ReportedFigureRow = RowOf<'ReportedFigure', typeof reportedFigureColumns>;

@ObjectType({
  implements: [Node, RegistryRecord],
  description:
    'A published figure (公开统计数据): a number a report gives for a place on a date, with its source. Some are not registry counts (Xuzhou\'s 1.32 million skilled workers); others are observations of what the registry counts (Nanjing\'s 598 studios on 2025-10-22), which goal progress shows as evidence beside the registry\'s own count.',
})
@columnFields(reportedFigureColumns)
export class ReportedFigure extends RegistryRecord {}

@ObjectType({ description: 'A page of published figures.' })
export class ReportedFigureConnection extends Connection(ReportedFigure, 'ReportedFigure', 'reported figure') {}

@ObjectType({ description: 'The result of a write to a published figure.' })
export class ReportedFigurePayload extends RecordPayload(ReportedFigure, 'ReportedFigure', 'reportedFigure', 'published figure') {}

