import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { Enterprise, type EnterpriseRow } from '../enterprise/enterprise.type';
import { enterpriseService } from '../enterprise/enterprise.service';
import { sourceFieldResolver } from '../source/source.resolver';
import { CraftsmanStatsArgs, CraftsmenArgs } from './craftsman.inputs';
import { craftsmanService } from './craftsman.service';
import { Craftsman, CraftsmanConnection, CraftsmanGroup, type CraftsmanRow } from './craftsman.type';

@Resolver(() => Craftsman)
export class CraftsmanResolver {
  @Query(() => CraftsmanConnection, { description: 'Craftsmen (工匠) in the registry, from candidates to certified national craftsmen.' })
  craftsmen(@Ctx() ctx: RequestContext, @Args(() => CraftsmenArgs) args: CraftsmenArgs) {
    return craftsmanService.list(ctx, args);
  }

  @Query(() => [CraftsmanGroup], { description: 'Craftsmen counted per group, computed in one SQL GROUP BY (工匠统计).' })
  craftsmanStats(@Ctx() ctx: RequestContext, @Args(() => CraftsmanStatsArgs) args: CraftsmanStatsArgs) {
    return craftsmanService.stats(ctx, args);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: 'The enterprise the craftsman works for (所在企业), where recorded.' })
  enterprise(@Ctx() ctx: RequestContext, @Root() craftsman: CraftsmanRow) {
    return enterpriseService.byId(ctx, craftsman.enterpriseId);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseCraftsmenResolver {
  @FieldResolver(() => CraftsmanConnection, { description: 'Craftsmen working for the enterprise.' })
  craftsmen(@Ctx() ctx: RequestContext, @Root() enterprise: EnterpriseRow, @Args(() => CraftsmenArgs) args: CraftsmenArgs) {
    return craftsmanService.under(ctx, 't.enterprise_id', enterprise.rowId, args);
  }
}

export const craftsmanResolvers = [
  CraftsmanResolver,
  EnterpriseCraftsmenResolver,
  placeFieldsResolver(Craftsman, 'craftsman'),
  placeFieldsResolver(CraftsmanGroup, 'group', true),
  sourceFieldResolver(Craftsman, 'craftsman'),
  ...placeListResolvers('craftsmen', CraftsmanConnection, CraftsmenArgs, 'craftsmen (工匠)', craftsmanService.under),
];
