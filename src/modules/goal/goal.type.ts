import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord } from '../../graphql/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { LocalDateScalar, NonNegativeIntScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';

export enum GoalMetric {
  INNOVATION_STUDIOS = 'INNOVATION_STUDIOS',
  CRAFTSMAN_ACADEMIES = 'CRAFTSMAN_ACADEMIES',
  COLLECTIVE_CONTRACTS = 'COLLECTIVE_CONTRACTS',
  WORKERS_COVERED = 'WORKERS_COVERED',
  CRAFTSMEN = 'CRAFTSMEN',
  NATIONAL_CRAFTSMEN = 'NATIONAL_CRAFTSMEN',
  PROVINCIAL_CRAFTSMEN = 'PROVINCIAL_CRAFTSMEN',
  MUNICIPAL_CRAFTSMEN = 'MUNICIPAL_CRAFTSMEN',
}
registerEnumType(GoalMetric, {
  name: 'GoalMetric',
  description: 'What a goal counts in the registry, within its scope (目标指标).',
  valuesConfig: {
    INNOVATION_STUDIOS: { description: 'Innovation studios (创新工作室), all kinds.' },
    CRAFTSMAN_ACADEMIES: { description: 'Craftsman academies (工匠学院), all levels.' },
    COLLECTIVE_CONTRACTS: { description: 'Collective innovation contracts (技术创新集体合同).' },
    WORKERS_COVERED: { description: 'Workers covered by collective innovation contracts (覆盖职工人数).' },
    CRAFTSMEN: { description: 'Certified craftsmen of any level (已认定工匠).' },
    NATIONAL_CRAFTSMEN: { description: 'Certified national craftsmen (国家工匠).' },
    PROVINCIAL_CRAFTSMEN: { description: 'Certified provincial craftsmen (省级工匠).' },
    MUNICIPAL_CRAFTSMEN: { description: 'Certified municipal craftsmen (市级工匠).' },
  },
});

@ObjectType({
  description:
    'Progress of a goal, computed live from the registry (目标进度). onTrack: achieved, or the deadline has not passed and current ≥ expectedByNow (a straight line from the baseline to the target); null when there is no baseline to judge by.',
})
export class GoalProgress {
  @Field(() => NonNegativeIntScalar, { description: 'Current value counted in the registry (当前值); archived records do not count.' })
  current: number;

  @Field(() => Int, { description: 'Target value (目标值).' })
  target: number;

  @Field(() => Float, { description: 'current / target, to 4 decimals (完成率).' })
  ratio: number;

  @Field(() => NonNegativeIntScalar, { description: 'How much is still missing, never below 0 (差额).' })
  remaining: number;

  @Field({ description: 'The target is reached (已完成).' })
  achieved: boolean;

  @Field(() => NonNegativeIntScalar, { description: 'Days from today (China time) to the deadline, 0 once it has passed (剩余天数).' })
  daysLeft: number;

  @Field(() => Float, { nullable: true, description: 'Monthly increase still needed to reach the target by the deadline; 0 when achieved, null when the deadline has passed unmet (每月所需增量).' })
  monthlyRateNeeded: number | null;

  @Field(() => Float, { nullable: true, description: 'Where a straight line from the baseline to the target stands today; null without a baseline.' })
  expectedByNow: number | null;

  @Field(() => Boolean, { nullable: true, description: 'On track by the rule in the type description; null when it cannot be judged (是否按期).' })
  onTrack: boolean | null;
}

@ObjectType({ implements: [Node, RegistryRecord], description: 'A published goal (目标): a target for a metric in a province or city by a deadline.' })
export class Goal extends RegistryRecord {
  @Field(() => GoalMetric, { description: 'What the goal counts (指标).' })
  metric: GoalMetric;

  @Field(() => Int, { description: 'Target value (目标值).' })
  target: number;

  @Field(() => LocalDateScalar, { description: 'Deadline (截止日期).' })
  deadline: string;

  @Field(() => Int, { nullable: true, description: 'The value published when the goal was set (基数), if any.' })
  baselineValue: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the baseline value.' })
  baselineOn: string | null;

  @Field(() => String, { nullable: true, description: 'The goal as published, in Chinese (原文).' })
  description: string | null;
}

@ObjectType({ description: 'A page of goals.' })
export class GoalConnection extends Connection(Goal, 'Goal', 'goal') {}

@ObjectType({ description: 'The result of a write to a goal.' })
export class GoalPayload extends RecordPayload(Goal, 'Goal', 'goal', 'goal') {}

export interface GoalRow {
  __typename: 'Goal';
  id: string;
  rowId: number;
  provinceCode: string;
  cityCode: string | null;
  metric: GoalMetric;
  target: number;
  deadline: string;
  baselineValue: number | null;
  baselineOn: string | null;
  description: string | null;
  sourceId: number;
  version: number;
  archivedAt: Date | null;
}
