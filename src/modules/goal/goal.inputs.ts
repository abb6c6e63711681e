import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { goalColumns } from './goal.type';
import { GoalMetric } from '../../registry/goal-metrics';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { changedFilters, districtFilter } from '../../registry/registry-record.interface';
import { raw } from '../../db/sql';
import { BY_RECORD_ID, orderingsOf, sortBy } from '../../registry/orderings';

const columns = goalColumns;

/** How Goal lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const goalOrderings = orderingsOf('GoalOrderBy', 'Orderings of goals; ties are broken by record id.', {
  ID_ASC: BY_RECORD_ID,
  DEADLINE_ASC: sortBy(columns.deadline, 'ASC', 'date', 'Earliest deadline first.'),
});
export const GoalOrderBy = goalOrderings.values;
export type GoalOrderBy = keyof typeof GoalOrderBy;

/** What Goal lists, counts, statistics and exports filter by, declared once. */
export const goalFilters = {
  provinceCode: filterBy.equalTo(columns.provinceCode, "Goals in this province: its own and its cities'.", () => DivisionCodeScalar),
  cityCode: filterBy.equalTo(columns.cityCode, 'Goals of this city.', () => DivisionCodeScalar),
  ...districtFilter,
  provinceWide: filterBy.custom<boolean>(() => Boolean, 'true: only province-wide goals; false: only city goals.', (provinceWide) => [
    raw(provinceWide ? 't.city_code IS NULL' : 't.city_code IS NOT NULL'),
  ]),
  metrics: filterBy.anyOf(columns.metric, 'Any of these metrics.'),
  deadlineFrom: filterBy.atLeast(columns.deadline, 'Deadline on or after this date.'),
  deadlineTo: filterBy.atMost(columns.deadline, 'Deadline on or before this date.'),
  archiveStatus: filterBy.archiveStatus('Active (default), archived or all goals.'),
  ...changedFilters('goals'),
};

@InputType({ description: 'Which goals to list; all given conditions must hold.' })
@filterFields(goalFilters)
export class GoalFilter {}
export interface GoalFilter extends FilterOf<typeof goalFilters> {}

@ArgsType()
export class GoalsArgs extends PageArgs {
  @Field(() => GoalFilter, { nullable: true, description: 'Filter.' })
  filter?: GoalFilter | null;

  @Field(() => GoalOrderBy, { nullable: true, description: 'Ordering (default ID_ASC).' })
  orderBy?: GoalOrderBy | null;
}

@ArgsType()
export class ScopeGoalsArgs {
  @Field(() => GoalMetric, { nullable: true, description: 'Only goals for this metric.' })
  metric?: GoalMetric | null;
}

@ArgsType()
export class GoalRankingArgs {
  @Field(() => GoalMetric, { description: 'Rank the city goals for this metric.' })
  metric: GoalMetric;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Only cities of this province.' })
  provinceCode?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only goals with a deadline on or after this date.' })
  deadlineFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Only goals with a deadline on or before this date.' })
  deadlineTo?: string | null;
}
