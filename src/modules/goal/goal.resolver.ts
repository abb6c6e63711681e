import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { City, type CityRow } from '../city/city.type';
import { placeFieldsResolver } from '../city/place-relations';
import { Scope, scopeOf } from '../city/scope';
import { Province, type ProvinceRow } from '../province/province.type';
import { sourceFieldResolver } from '../source/source.resolver';
import { GoalsArgs, ScopeGoalsArgs } from './goal.inputs';
import { goalService } from './goal.service';
import { Goal, GoalConnection, GoalProgress, type GoalRow } from './goal.type';

@Resolver(() => Goal)
export class GoalResolver {
  @Query(() => GoalConnection, { description: 'Published goals (目标) with their live progress.' })
  goals(@Ctx() ctx: RequestContext, @Args(() => GoalsArgs) args: GoalsArgs) {
    return goalService.list(ctx, args);
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

@Resolver(() => City)
export class CityGoalsResolver {
  @FieldResolver(() => [Goal], { description: 'Goals set for this city (城市目标).' })
  goals(@Ctx() ctx: RequestContext, @Root() city: CityRow, @Args(() => ScopeGoalsArgs) args: ScopeGoalsArgs) {
    return goalService.ofScope(ctx, { cityCode: city.code }, args.metric);
  }
}

@Resolver(() => Province)
export class ProvinceGoalsResolver {
  @FieldResolver(() => [Goal], { description: 'Province-wide goals (全省目标); city goals are under each city.' })
  goals(@Ctx() ctx: RequestContext, @Root() province: ProvinceRow, @Args(() => ScopeGoalsArgs) args: ScopeGoalsArgs) {
    return goalService.ofScope(ctx, { provinceCode: province.code }, args.metric);
  }
}

export const goalResolvers = [GoalResolver, CityGoalsResolver, ProvinceGoalsResolver, placeFieldsResolver(Goal, 'goal'), sourceFieldResolver(Goal, 'goal')];
