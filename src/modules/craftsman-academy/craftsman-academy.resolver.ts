import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { sourceFieldResolver } from '../source/source.resolver';
import { CraftsmanAcademiesArgs, CraftsmanAcademyStatsArgs } from './craftsman-academy.inputs';
import { craftsmanAcademyService } from './craftsman-academy.service';
import { CraftsmanAcademy, CraftsmanAcademyConnection, CraftsmanAcademyGroup } from './craftsman-academy.type';

@Resolver(() => CraftsmanAcademy)
export class CraftsmanAcademyResolver {
  @Query(() => CraftsmanAcademyConnection, { description: 'Craftsman academies (工匠学院) in the registry.' })
  craftsmanAcademies(@Ctx() ctx: RequestContext, @Args(() => CraftsmanAcademiesArgs) args: CraftsmanAcademiesArgs) {
    return craftsmanAcademyService.list(ctx, args);
  }

  @Query(() => [CraftsmanAcademyGroup], { description: 'Craftsman academies counted per group, computed in one SQL GROUP BY (工匠学院统计).' })
  craftsmanAcademyStats(@Ctx() ctx: RequestContext, @Args(() => CraftsmanAcademyStatsArgs) args: CraftsmanAcademyStatsArgs) {
    return craftsmanAcademyService.stats(ctx, args);
  }
}

export const craftsmanAcademyResolvers = [
  CraftsmanAcademyResolver,
  placeFieldsResolver(CraftsmanAcademy, 'craftsman academy'),
  placeFieldsResolver(CraftsmanAcademyGroup, 'group', true),
  sourceFieldResolver(CraftsmanAcademy, 'craftsman academy'),
  ...placeListResolvers('craftsmanAcademies', CraftsmanAcademyConnection, CraftsmanAcademiesArgs, 'craftsman academies (工匠学院)', craftsmanAcademyService.under),
];
