import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Connection } from '../../graphql/relay/connection';
import { placeColumns, RegistryRecord, registryRecordColumns, sourceIdColumn } from '../../registry/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { LocalDateScalar, NonNegativeIntScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';
import { GoalMetric } from '../../registry/goal-metrics';
import { FigureQualifier } from '../reported-figure/reported-figure.type';
import { GoalStatus, GoalStatusReason } from './goal-progress';
import { columnFields, enumColumn, integer, internal, localDate, type RowOf, text } from '../../registry/columns';
import { describeEnum } from '../../graphql/enums';

describeEnum(GoalStatus, 'GoalStatus', 'What the evidence says of a goal (目标状态); the rule is in GoalProgress, the deciding evidence in statusReason.', {
  ACHIEVED: 'The registry count, or the latest published figure (exact or "over"), reaches the target (已完成).',
  ON_TRACK: 'Not achieved, deadline not passed, and the measured pace (or that of the dated records alone) reaches the target by the deadline (按期).',
  AT_RISK: 'Not achieved, deadline not passed, and the measured pace reaches at least 90% of the target by the deadline but not all of it (有风险).',
  OFF_TRACK: 'Not achieved, and the deadline has passed, or the measured pace reaches less than 90% of the target by it (滞后).',
  NO_DATA: 'The registry counts nothing for the metric in the scope and no report gives a figure: nothing to judge by (无数据). Unknown is not zero.',
  INSUFFICIENT_HISTORY: 'There is data, but not enough dated history to measure a pace (some records have no date, some values are unknown, or there is only a published figure): nothing is projected (数据不足).',
});

describeEnum(GoalStatusReason, 'GoalStatusReason', 'The evidence that decided a goal\'s status (状态依据).', {
  TARGET_REACHED_IN_REGISTRY: 'ACHIEVED: the registry count reaches the target (登记数量已达标).',
  TARGET_REACHED_IN_PUBLISHED_FIGURE: 'ACHIEVED: the latest published figure, exact or a lower bound, reaches the target (公开数据已达标).',
  NO_RECORDS: 'NO_DATA: no record counts in the scope and no published figure exists (无记录).',
  DEADLINE_PASSED: 'OFF_TRACK: the deadline has passed and the target is not reached (已过截止日期).',
  PACE_REACHES_TARGET: 'ON_TRACK: the pace of the last 12 months, measured on fully dated records, reaches the target (进度可达标).',
  DATED_PACE_REACHES_TARGET: 'ON_TRACK: some records are undated, but the dated ones alone already reach the target at their pace (仅有日期记录即可达标).',
  PACE_NEARLY_REACHES_TARGET: 'AT_RISK: the measured pace reaches 90% of the target or more, not all of it (进度接近目标).',
  PACE_FALLS_SHORT: 'OFF_TRACK: the measured pace reaches less than 90% of the target (进度不足).',
  UNDATED_RECORDS: 'INSUFFICIENT_HISTORY: some counted records have no date that places them in or before the last 12 months (记录缺少日期).',
  UNKNOWN_VALUES: 'INSUFFICIENT_HISTORY: some counted records have no known value for the sum (数值未知).',
  ONLY_PUBLISHED_FIGURES: 'INSUFFICIENT_HISTORY: the registry holds no records in scope; only a published figure, which gives no pace (仅有公开数据).',
});

/** The evidence behind a goal's progress; `published` and `latestPublished` are resolved from the ids. */
@Directive(INHERIT_CACHE)
@ObjectType({
  description:
    'Where a goal\'s numbers come from (目标依据): what the registry counts in the goal\'s scope (registry records, with how many are samples, undated or of unknown value), and what reports published for the same metric and scope (a published figure with its source and date).',
})
export class GoalEvidence {
  @Field(() => Int, { description: 'Records the registry counts in the goal\'s scope (登记记录数): for WORKERS_COVERED, the contracts whose coverage is summed.' })
  registryRecords: number;

  @Field(() => Int, { description: 'The registry\'s value: the count, or the sum of the known values (登记值); equals progress.current.' })
  registryValue: number;

  @Field(() => Int, { description: 'Sample records among them (示例记录): stand-ins for what a report counts, carrying only what it states.' })
  sampleRecords: number;

  @Field(() => Int, { description: 'Records whose date cannot tell whether they fall in the last 12 months (无日期记录): no date, or only a year that overlaps them.' })
  undatedRecords: number;

  @Field(() => Int, { description: 'Records whose summed value is unknown (数值未知记录); 0 for counting metrics. Unknown is not zero: the sum is a lower bound while this is above 0.' })
  unknownValueRecords: number;

  @Field(() => Int, {
    description:
      'For a goal that counts from a day (countsFrom): records of the scope whose date cannot tell whether they fall in its period (统计期未知记录); they are not counted, and while any remain the status is INSUFFICIENT_HISTORY. 0 for other goals.',
  })
  periodUnknownRecords: number;

  @Field(() => Int, { description: 'Gained in the last 12 months by the records dated there (近12个月新增); a lower bound while undatedRecords is above 0.' })
  gainedLast12Months: number;

  /** The published figures' ids, oldest first (resolved by `published` and `latestPublished`). */
  publishedIds: number[];
}


@Directive(INHERIT_CACHE)
@ObjectType({
  description:
    'Progress of a goal, computed live from the registry, with the evidence it rests on (目标进度). current is the registry count in scope; evidence gives it with the published figures for the same metric and scope. onTrack follows status: true for ACHIEVED and ON_TRACK, false for AT_RISK and OFF_TRACK, null for NO_DATA and INSUFFICIENT_HISTORY (it never contradicts status). ' +
    'Forecast (预测): the pace is trendLast12Months, what the registry gained in scope in the last 12 months (today − 12 months, today], each record dated by its event date (studios and academies: established; contracts: signed; craftsmen: recognised, or 31 December of their year when only the year is known), spread evenly as monthlyTrend = trendLast12Months / 12. ' +
    'projectedAtDeadline = current + monthlyTrend × the months left (daysLeft ÷ (365.25 / 12)), which is current once the deadline has passed; projectedReachDate is the first day the target is reached at that pace. ' +
    'The pace is measured only when every counted record has a date that places it in or before the last 12 months and every summed value is known (paceMeasured); otherwise nothing is projected (projectedAtDeadline and projectedReachDate null). ' +
    'status: ACHIEVED if current ≥ target, or the latest published figure (exact or a lower bound) ≥ target; else NO_DATA if the registry counts nothing in scope and no figure is published; else OFF_TRACK if the deadline has passed (today, China time, is after it); ' +
    'else, with a measured pace, ON_TRACK if projectedAtDeadline ≥ target, AT_RISK if ≥ 90% of it, else OFF_TRACK; without one, ON_TRACK if the dated records alone reach the target at their pace, else INSUFFICIENT_HISTORY. statusReason names the deciding evidence; statusExplanation says it in Chinese and English.',
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

  @Field({ description: 'The target is reached, by the registry count or by a published figure (已完成): status is ACHIEVED.' })
  achieved: boolean;

  @Field(() => NonNegativeIntScalar, { description: 'Days from today (China time) to the deadline, 0 once it has passed (剩余天数).' })
  daysLeft: number;

  @Field(() => Float, { nullable: true, description: 'Monthly increase still needed to reach the target by the deadline; 0 when achieved, null when the deadline has passed unmet (每月所需增量).' })
  monthlyRateNeeded: number | null;

  @Field(() => Float, { nullable: true, description: 'Where a straight line from the baseline to the target stands today, for reference; null without a baseline (基准线).' })
  expectedByNow: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true for ACHIEVED and ON_TRACK, false for AT_RISK and OFF_TRACK, null when the evidence cannot say (NO_DATA, INSUFFICIENT_HISTORY) (是否按期).' })
  onTrack: boolean | null;

  @Field(() => Int, { description: 'Gained in the last 12 months (today − 12 months, today], by event date; archived records do not count (近12个月增量). A lower bound when paceMeasured is false.' })
  trendLast12Months: number;

  @Field(() => Float, { description: 'trendLast12Months / 12, to 2 decimals: the pace of the forecast (月均增量).' })
  monthlyTrend: number;

  @Field(() => Float, {
    nullable: true,
    description: 'current + monthlyTrend × the months left, to 2 decimals; current once the deadline has passed (截止日预计值). Null when the pace cannot be measured: nothing is projected from undated data.',
  })
  projectedAtDeadline: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the target is reached at this pace (预计达成日期), even if after the deadline; null when achieved, when the pace is 0, or when it cannot be measured.' })
  projectedReachDate: string | null;

  @Field({ description: 'Whether the pace of the last 12 months could be measured: every counted record dated, every summed value known (进度可测).' })
  paceMeasured: boolean;

  @Field(() => GoalStatus, { description: 'ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA or INSUFFICIENT_HISTORY by the rule in the type description (状态).' })
  status: GoalStatus;

  @Field(() => GoalStatusReason, { description: 'The evidence that decided the status (状态依据).' })
  statusReason: GoalStatusReason;

  @Field({ description: 'The status and its evidence in one sentence, Chinese first, then English (状态说明), e.g. "598 条记录中有 598 条……无法测算进度 · 598 of the 598 records … the pace cannot be measured."' })
  statusExplanation: string;

  @Field(() => GoalEvidence, { description: 'Where the numbers come from: registry records and published figures (依据).' })
  evidence: GoalEvidence;
}

/** A target or baseline this large is a typing error: Jiangsu's largest published figure is 2 million workers. */
export const MAX_GOAL_VALUE = 1_000_000_000;

/** The columns of Goal: its select list, its GraphQL fields and its row type, declared once. */
export const goalColumns = {
  id: internal<number>('t.id'),
  ...placeColumns,
  metric: enumColumn(GoalMetric)('t.metric', 'What the goal counts (指标).').written(),
  target: integer('t.target', 'Target value (目标值).').written({ min: 1, max: MAX_GOAL_VALUE }),
  deadline: localDate('t.deadline', 'Deadline (截止日期).').written({ maxYearsAhead: 30 }),
  targetQualifier: enumColumn(FigureQualifier)('t.target_qualifier', 'How the target was published (目标限定): EXACT, AT_LEAST ("more than 1,000", 超过), ABOUT ("about 100", 左右) or AT_MOST. Progress compares current with target either way.').written(),
  baselineValue: integer('t.baseline_value', 'The value published when the goal was set (基数), if any.').orNull().written({ min: 0, max: MAX_GOAL_VALUE }),
  baselineOn: localDate('t.baseline_on', 'Date of the baseline value.').orNull().written(),
  countsFrom: localDate(
    't.counts_from',
    'Only records dated on or after this day count (统计起始日), for a goal of what is new in a period: "266 new grassroots unions in 2024" counts from 2024-01-01 to its deadline. Records whose date is unknown cannot be placed in the period: they are not counted and show as undated in the evidence. Null: every record counts.',
  ).orNull().written({ maxYearsAhead: 30 }),
  description: text('t.description', 'The goal as published, in Chinese (原文).').orNull().written({ max: 2000 }),
  sourceId: sourceIdColumn<number>(),
  ...registryRecordColumns,
};

export type GoalRow = RowOf<'Goal', typeof goalColumns>;

@Directive(INHERIT_CACHE)
@ObjectType({ implements: [Node, RegistryRecord], description: 'A published goal (目标): a target for a metric in a province or city by a deadline.' })
@columnFields(goalColumns)
export class Goal extends RegistryRecord {}

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

