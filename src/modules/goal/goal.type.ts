import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord } from '../../graphql/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { LocalDateScalar, NonNegativeIntScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';
import { GoalStatus } from './goal-progress';

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

registerEnumType(GoalStatus, {
  name: 'GoalStatus',
  description: 'Where a goal is heading at the pace of the last 12 months (目标状态); the rule is in GoalProgress.',
  valuesConfig: {
    ACHIEVED: { description: 'current ≥ target (已完成).' },
    ON_TRACK: { description: 'Not achieved, deadline not passed, projectedAtDeadline ≥ target (按期).' },
    AT_RISK: { description: 'Not achieved, deadline not passed, projectedAtDeadline ≥ 90% of target but below it (有风险).' },
    OFF_TRACK: { description: 'Not achieved, and the deadline has passed or projectedAtDeadline < 90% of target (滞后).' },
  },
});

@Directive(INHERIT_CACHE)
@ObjectType({
  description:
    'Progress of a goal, computed live from the registry (目标进度). onTrack: achieved, or the deadline has not passed and current ≥ expectedByNow (a straight line from the baseline to the target); null when there is no baseline to judge by. ' +
    'Forecast (预测): the pace is trendLast12Months, what the registry gained in scope in the last 12 months (today − 12 months, today], each record dated by its event date (studios and academies: established; contracts: signed; craftsmen: recognised, or 31 December of their year when only the year is known), spread evenly as monthlyTrend = trendLast12Months / 12. ' +
    'projectedAtDeadline = current + monthlyTrend × the months left (daysLeft ÷ (365.25 / 12)), which is current once the deadline has passed; projectedReachDate is the first day the target is reached at that pace. ' +
    'status: ACHIEVED if current ≥ target; else OFF_TRACK if the deadline has passed (today, China time, is after it); else ON_TRACK if projectedAtDeadline ≥ target; else AT_RISK if projectedAtDeadline ≥ 90% of target; else OFF_TRACK.',
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

  @Field(() => Int, { description: 'Gained in the last 12 months (today − 12 months, today], by event date; archived records do not count (近12个月增量).' })
  trendLast12Months: number;

  @Field(() => Float, { description: 'trendLast12Months / 12, to 2 decimals: the pace of the forecast (月均增量).' })
  monthlyTrend: number;

  @Field(() => Float, { description: 'current + monthlyTrend × the months left, to 2 decimals; current once the deadline has passed (截止日预计值).' })
  projectedAtDeadline: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the target is reached at this pace (预计达成日期), even if after the deadline; null when achieved or when the pace is 0.' })
  projectedReachDate: string | null;

  @Field(() => GoalStatus, { description: 'ACHIEVED, ON_TRACK, AT_RISK or OFF_TRACK by the rule in the type description (状态).' })
  status: GoalStatus;
}

@Directive(INHERIT_CACHE)
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

/** A city goal's place in a ranking; `city` and `progress` are resolved from `cityCode` and `goal`. */
@Directive(INHERIT_CACHE)
@ObjectType({ description: 'A city goal in a ranking of cities by progress ratio (目标完成率排名).' })
export class GoalRankingEntry {
  @Field(() => Int, { description: 'Position, 1 for the highest ratio (current / target); equal ratios are ordered by city code.' })
  rank: number;

  @Field(() => Goal, { description: 'The goal.' })
  goal: GoalRow;

  cityCode: string;
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
