import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord } from '../../graphql/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { LocalDateScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';

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
}
registerEnumType(ReportedFigureMetric, {
  name: 'ReportedFigureMetric',
  description: 'What a published figure measures (统计指标).',
  valuesConfig: {
    SKILLED_WORKERS: { description: 'Skilled workers (技能人才总量).' },
    HIGHLY_SKILLED_WORKERS: { description: 'Highly skilled workers (高技能人才).' },
    HIGHLY_SKILLED_WORKER_SHARE: { description: 'Share of highly skilled among skilled workers, percent (高技能人才占比).' },
    INDUSTRIAL_WORKERS: { description: 'Industrial workers served (产业工人).' },
    ENTERPRISES_WITH_COLLECTIVE_CONTRACTS: { description: 'Enterprises with a collective innovation contract (签订技术创新集体合同企业).' },
    WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS: { description: 'Workers covered by collective innovation contracts (覆盖职工).' },
    ALLIANCE_MEMBER_ENTERPRISES: { description: 'Member enterprises of a reform alliance (产改联盟成员企业).' },
    ALLIANCE_MEMBER_UNITS: { description: 'Other member units of a reform alliance (产改联盟成员单位).' },
    PARTY_BRANCHES: { description: 'Party branches (党支部).' },
    TRADE_UNION_ORGANISATIONS: { description: 'Trade union organisations (工会组织).' },
    ENTERPRISE_ISSUES_COLLECTED: { description: 'Enterprise issues collected (收集企业问题).' },
    ISSUE_RESOLUTION_SATISFACTION: { description: 'Satisfaction with issue resolution, percent (问题解决满意率).' },
    PUBLIC_BUDGET_REVENUE_GROWTH: { description: 'Year-on-year growth of public budget revenue, percent (一般公共预算收入增长).' },
    SKILL_COMPETITIONS: { description: 'Vocational skill competitions held (职业技能竞赛).' },
    NEW_GRASSROOTS_TRADE_UNIONS: { description: 'New grassroots trade unions (新建基层工会).' },
    NEW_TRADE_UNION_MEMBERS: { description: 'New trade union members (新发展会员).' },
    TRAINING_COURSES: { description: 'Training courses held (培训课程).' },
    TRAINING_PARTICIPANTS: { description: 'Training participants (参训人次).' },
  },
});

export enum FigureUnit {
  PERSONS = 'PERSONS',
  ENTERPRISES = 'ENTERPRISES',
  ORGANISATIONS = 'ORGANISATIONS',
  EVENTS = 'EVENTS',
  PERCENT = 'PERCENT',
  COUNT = 'COUNT',
}
registerEnumType(FigureUnit, {
  name: 'FigureUnit',
  description: 'Unit of a published figure (单位).',
  valuesConfig: {
    PERSONS: { description: 'Persons (人).' },
    ENTERPRISES: { description: 'Enterprises (家).' },
    ORGANISATIONS: { description: 'Organisations (个组织).' },
    EVENTS: { description: 'Events or sessions held, e.g. competitions or courses (场/次).' },
    PERCENT: { description: 'Percent (%).' },
    COUNT: { description: 'Items of another kind, e.g. issues collected (个/件).' },
  },
});

@ObjectType({ implements: [Node, RegistryRecord], description: 'A published statistic that is not a count of registry rows (公开统计数据), e.g. Xuzhou\'s 1.32 million skilled workers.' })
export class ReportedFigure extends RegistryRecord {
  @Field(() => ReportedFigureMetric, { description: 'What the figure measures (指标).' })
  metric: ReportedFigureMetric;

  @Field(() => Float, { description: 'The published value (数值).' })
  value: number;

  @Field(() => FigureUnit, { description: 'Unit (单位).' })
  unit: FigureUnit;

  @Field(() => LocalDateScalar, { description: 'Date the figure refers to, or the report date when none is given (截至日期).' })
  asOf: string;

  @Field(() => String, { nullable: true, description: 'What within the scope the figure is about, e.g. 镇江经开区新材料产业园; null for the whole scope.' })
  subject: string | null;
}

@ObjectType({ description: 'A page of published figures.' })
export class ReportedFigureConnection extends Connection(ReportedFigure, 'ReportedFigure', 'reported figure') {}

@ObjectType({ description: 'The result of a write to a published figure.' })
export class ReportedFigurePayload extends RecordPayload(ReportedFigure, 'ReportedFigure', 'reportedFigure', 'published figure') {}

export interface ReportedFigureRow {
  __typename: 'ReportedFigure';
  id: string;
  rowId: number;
  provinceCode: string;
  cityCode: string | null;
  subject: string | null;
  metric: ReportedFigureMetric;
  value: number;
  unit: FigureUnit;
  asOf: string;
  sourceId: number;
  version: number;
  archivedAt: Date | null;
}
