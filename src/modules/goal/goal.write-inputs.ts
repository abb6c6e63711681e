import { Field, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { FigureQualifier } from '../reported-figure/reported-figure.type';
import { GoalMetric } from '../../registry/goal-metrics';

@InputType({
  description:
    'A new published goal (新建目标): a target for a metric in a city, or province-wide, by a deadline. Give cityCode for a city goal (its province follows from the city), or only provinceCode for a province-wide one.',
})
export class CreateGoalInput {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code of a city goal (城市), e.g. "320100"; leave out for a province-wide goal.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code (省份), required for a province-wide goal; for a city goal it must be the city’s province, or left out.' })
  provinceCode?: string | null;

  @Field(() => GoalMetric, { description: 'What the goal counts (指标).' })
  metric: GoalMetric;

  @Field(() => Int, { description: 'Target value (目标值): a whole number from 1 to 1,000,000,000.' })
  target: number;

  @Field(() => FigureQualifier, { nullable: true, description: 'How the target was published (目标限定): EXACT (the default), AT_LEAST ("more than", 超过), ABOUT ("about", 左右) or AT_MOST.' })
  targetQualifier?: FigureQualifier | null;

  @Field(() => LocalDateScalar, { description: 'Deadline (截止日期): from 1949-10-01, at most 30 years from today.' })
  deadline: string;

  @Field(() => Int, { nullable: true, description: 'The value published when the goal was set (基数), 0 or more; give it together with baselineOn, or neither.' })
  baselineValue?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of the baseline value (基数日期): from 1949-10-01, not in the future, before the deadline; give it together with baselineValue.' })
  baselineOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Count only records dated on or after this day (统计起始日), from 1949-10-01 and before the deadline: a goal of what is new in a period. Null: every record counts.' })
  countsFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'The goal as published, in Chinese (原文), up to 2,000 characters.' })
  description?: string | null;

  @Field(() => ID, { description: 'ID of the source that publishes the goal (出处); required.' })
  sourceId: string;
}

@InputType({ description: 'Changes to a goal (修改目标): only the fields given change; null clears an optional field.' })
export class UpdateGoalInput {
  @Field(() => ID, { description: 'The goal’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the goal has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'New city (城市); null makes the goal province-wide in its province.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'New province (省份) of a province-wide goal.' })
  provinceCode?: string | null;

  @Field(() => GoalMetric, { nullable: true, description: 'New metric (指标).' })
  metric?: GoalMetric | null;

  @Field(() => Int, { nullable: true, description: 'New target value (目标值).' })
  target?: number | null;

  @Field(() => FigureQualifier, { nullable: true, description: 'New target qualifier (目标限定).' })
  targetQualifier?: FigureQualifier | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New deadline (截止日期).' })
  deadline?: string | null;

  @Field(() => Int, { nullable: true, description: 'New baseline value (基数); null clears it (then clear baselineOn too).' })
  baselineValue?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New baseline date (基数日期); null clears it (then clear baselineValue too).' })
  baselineOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Count only records dated on or after this day (统计起始日), from 1949-10-01 and before the deadline: a goal of what is new in a period. Null: every record counts.' })
  countsFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'New published wording (原文); null clears it.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that publishes the goal (出处).' })
  sourceId?: string | null;
}
