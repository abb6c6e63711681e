import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { Craftsman } from '../craftsman/craftsman.type';
import { craftsmanService } from '../craftsman/craftsman.service';
import { Enterprise, type EnterpriseRow } from '../enterprise/enterprise.type';
import { enterpriseService } from '../enterprise/enterprise.service';
import { sourceFieldResolver } from '../source/source.resolver';
import { InnovationStudiosArgs, InnovationStudioStatsArgs } from './innovation-studio.inputs';
import { innovationStudioService } from './innovation-studio.service';
import { InnovationStudio, InnovationStudioConnection, InnovationStudioGroup, type InnovationStudioRow } from './innovation-studio.type';

@Resolver(() => InnovationStudio)
export class InnovationStudioResolver {
  @Query(() => InnovationStudioConnection, { description: 'Innovation studios (创新工作室) in the registry.' })
  innovationStudios(@Ctx() ctx: RequestContext, @Args(() => InnovationStudiosArgs) args: InnovationStudiosArgs) {
    return innovationStudioService.list(ctx, args);
  }

  @Query(() => [InnovationStudioGroup], { description: 'Innovation studios counted per group, computed in one SQL GROUP BY (创新工作室统计).' })
  innovationStudioStats(@Ctx() ctx: RequestContext, @Args(() => InnovationStudioStatsArgs) args: InnovationStudioStatsArgs) {
    return innovationStudioService.stats(ctx, args);
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise that hosts the studio (依托企业).' })
  enterprise(@Ctx() ctx: RequestContext, @Root() studio: InnovationStudioRow) {
    return enterpriseService.byId(ctx, studio.enterpriseId);
  }

  @FieldResolver(() => Craftsman, { nullable: true, description: 'The craftsman who leads the studio (领办人), where recorded.' })
  leadCraftsman(@Ctx() ctx: RequestContext, @Root() studio: InnovationStudioRow) {
    return craftsmanService.byId(ctx, studio.leadCraftsmanId);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseInnovationStudiosResolver {
  @FieldResolver(() => InnovationStudioConnection, { description: 'Innovation studios the enterprise hosts.' })
  innovationStudios(@Ctx() ctx: RequestContext, @Root() enterprise: EnterpriseRow, @Args(() => InnovationStudiosArgs) args: InnovationStudiosArgs) {
    return innovationStudioService.under(ctx, 't.enterprise_id', enterprise.rowId, args);
  }
}

export const innovationStudioResolvers = [
  InnovationStudioResolver,
  EnterpriseInnovationStudiosResolver,
  placeFieldsResolver(InnovationStudio, 'innovation studio'),
  placeFieldsResolver(InnovationStudioGroup, 'group', true),
  sourceFieldResolver(InnovationStudio, 'innovation studio'),
  ...placeListResolvers('innovationStudios', InnovationStudioConnection, InnovationStudiosArgs, 'innovation studios (创新工作室)', innovationStudioService.under),
];
