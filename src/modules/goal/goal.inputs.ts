import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { ArchiveStatus } from '../../graphql/writes';
import { GoalMetric } from './goal.type';

export enum GoalOrderBy {
  ID_ASC = 'ID_ASC',
  DEADLINE_ASC = 'DEADLINE_ASC',
}
registerEnumType(GoalOrderBy, {
  name: 'GoalOrderBy',
  description: 'Orderings of goals; ties are broken by record id.',
  valuesConfig: {
    ID_ASC: { description: 'By record id, ascending (the order of registration).' },
    DEADLINE_ASC: { description: 'Earliest deadline first.' },
  },
});

@InputType({ description: 'Which goals to list; all given conditions must hold.' })
export class GoalFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Goals in this province: its own and its cities\'.' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Goals of this city.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code (区县), e.g. "320102" for 玄武区.' })
  districtCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only province-wide goals; false: only city goals.' })
  provinceWide?: boolean | null;

  @Field(() => [GoalMetric], { nullable: true, description: 'Any of these metrics.' })
  metrics?: GoalMetric[] | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Deadline on or after this date.' })
  deadlineFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Deadline on or before this date.' })
  deadlineTo?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all goals.' })
  archiveStatus?: ArchiveStatus | null;
}

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
