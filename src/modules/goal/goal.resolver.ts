import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AGGREGATE_CACHE } from '../../graphql/cache-hints';
import type { RequestContext } from '../../graphql/context';
import { ArchiveRecordInput } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { City, type CityRow } from '../city/city.type';
import { cityService } from '../city/city.service';
import { placeFieldsResolver } from '../city/place-relations';
import { Scope, scopeOf } from '../city/scope';
import { Province, type ProvinceRow } from '../province/province.type';
import { sourceFieldResolver } from '../source/source.resolver';
import { GoalRankingArgs, GoalsArgs, ScopeGoalsArgs } from './goal.inputs';
import { goalService } from './goal.service';
import { ReportedFigure } from '../reported-figure/reported-figure.type';
import { reportedFigureService } from '../reported-figure/reported-figure.service';
import { Goal, GoalConnection, GoalEvidence, GoalPayload, GoalProgress, GoalRankingEntry, type GoalRow } from './goal.type';
import { CreateGoalInput, UpdateGoalInput } from './goal.write-inputs';
import { goalWrites } from './goal.writes';

@Resolver(() => Goal)
export class GoalResolver {
  @Query(() => GoalConnection, { nullable: true, description: 'Published goals (目标) with their live progress.' })
  goals(@Ctx() ctx: RequestContext, @Args(() => GoalsArgs) args: GoalsArgs, @Info() info: GraphQLResolveInfo) {
    return goalService.list(ctx, args, info);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => [GoalRankingEntry], {
    nullable: true,
    description:
      'City goals for a metric ranked by progress ratio (current / target), highest first, equal ratios by city code (目标完成率排名); province-wide and archived goals are left out. Computed in one SQL statement.',
  })
  goalRanking(@Ctx() ctx: RequestContext, @Args(() => GoalRankingArgs) args: GoalRankingArgs) {
    return goalService.ranking(ctx, args);
  }

  @Mutation(() => GoalPayload, { description: 'Registers a published goal (新建目标): ADMIN only.' })
  createGoal(@Ctx() ctx: RequestContext, @Arg('input', () => CreateGoalInput, { description: 'The new goal.' }) input: CreateGoalInput) {
    return goalWrites.create(ctx, input);
  }

  @Mutation(() => GoalPayload, { description: 'Changes a goal, if it is still at the version the caller read (修改目标): ADMIN only.' })
  updateGoal(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateGoalInput, { description: 'Which goal, the version read, and the changes.' }) input: UpdateGoalInput) {
    return goalWrites.update(ctx, input);
  }

  @Mutation(() => GoalPayload, { description: 'Archives a goal (归档): hidden from goal lists, kept with its history, restorable. ADMIN only.' })
  archiveGoal(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which goal to archive.' }) input: ArchiveRecordInput) {
    return goalWrites.archive(ctx, input);
  }

  @Mutation(() => GoalPayload, { description: 'Restores an archived goal (恢复): ADMIN only.' })
  restoreGoal(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which goal to restore.' }) input: ArchiveRecordInput) {
    return goalWrites.restore(ctx, input);
  }

  @FieldResolver(() => Scope, { description: 'The province or city the goal applies to (范围).' })
  scope(@Ctx() ctx: RequestContext, @Root() goal: GoalRow) {
    return scopeOf(ctx, goal);
  }

  @FieldResolver(() => GoalProgress, { description: 'Progress computed live from the registry (进度).' })
  progress(@Ctx() ctx: RequestContext, @Root() goal: GoalRow) {
    return goalService.progress(ctx, goal);
  }
}

@Resolver(() => GoalEvidence)
export class GoalEvidenceResolver {
  @FieldResolver(() => [ReportedFigure], { description: 'Published figures for the goal\'s metric in exactly its scope, oldest first (公开数据序列): achievements only, not plans, not about a part of the place.' })
  async published(@Ctx() ctx: RequestContext, @Root() evidence: GoalEvidence) {
    return (await reportedFigureService.byIds(ctx, evidence.publishedIds)).filter((f) => f !== null && !(f instanceof Error));
  }

  @FieldResolver(() => ReportedFigure, { nullable: true, description: 'The latest of `published` (最新公开数据): value, qualifier, date and source; null when no report gives a figure.' })
  async latestPublished(@Ctx() ctx: RequestContext, @Root() evidence: GoalEvidence) {
    const last = evidence.publishedIds.at(-1);
    return last === undefined ? null : (await reportedFigureService.byIds(ctx, [last]))[0];
  }
}

@Resolver(() => GoalRankingEntry)
export class GoalRankingEntryResolver {
  @FieldResolver(() => City, { description: 'The city of the goal (城市).' })
  city(@Ctx() ctx: RequestContext, @Root() entry: GoalRankingEntry) {
    return cityService.byCode(ctx, entry.cityCode);
  }

  @Directive(AGGREGATE_CACHE)
  @FieldResolver(() => GoalProgress, { description: 'The progress and forecast the ranking is by (进度).' })
  progress(@Ctx() ctx: RequestContext, @Root() entry: GoalRankingEntry) {
    return goalService.progress(ctx, entry.goal);
  }
}

@Resolver(() => City)
export class CityGoalsResolver {
  @FieldResolver(() => [Goal], { description: 'Goals set for this city (城市目标); archived goals are left out.' })
  goals(@Ctx() ctx: RequestContext, @Root() city: CityRow, @Args(() => ScopeGoalsArgs) args: ScopeGoalsArgs) {
    return goalService.ofScope(ctx, { cityCode: city.code }, args.metric);
  }
}

@Resolver(() => Province)
export class ProvinceGoalsResolver {
  @FieldResolver(() => [Goal], { description: 'Province-wide goals (全省目标); city goals are under each city. Archived goals are left out.' })
  goals(@Ctx() ctx: RequestContext, @Root() province: ProvinceRow, @Args(() => ScopeGoalsArgs) args: ScopeGoalsArgs) {
    return goalService.ofScope(ctx, { provinceCode: province.code }, args.metric);
  }
}

export const goalResolvers = [
  GoalResolver,
  GoalRankingEntryResolver,
  GoalEvidenceResolver,
  CityGoalsResolver,
  ProvinceGoalsResolver,
  ...placeFieldsResolver(Goal, 'goal'),
  sourceFieldResolver(Goal, 'goal'),
  historyFieldResolver(Goal, 'Goal', 'goal'),
];
