import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { Enterprise, type EnterpriseRow } from '../enterprise/enterprise.type';
import { enterpriseService } from '../enterprise/enterprise.service';
import { sourceFieldResolver } from '../source/source.resolver';
import { CollectiveInnovationContractsArgs, CollectiveInnovationContractStatsArgs } from './collective-innovation-contract.inputs';
import { collectiveInnovationContractService as service } from './collective-innovation-contract.service';
import {
  CollectiveInnovationContract,
  CollectiveInnovationContractConnection,
  CollectiveInnovationContractGroup,
  type CollectiveInnovationContractRow,
} from './collective-innovation-contract.type';

@Resolver(() => CollectiveInnovationContract)
export class CollectiveInnovationContractResolver {
  @Query(() => CollectiveInnovationContractConnection, { description: 'Collective innovation contracts (技术创新集体合同) in the registry.' })
  collectiveContracts(@Ctx() ctx: RequestContext, @Args(() => CollectiveInnovationContractsArgs) args: CollectiveInnovationContractsArgs) {
    return service.list(ctx, args);
  }

  @Query(() => [CollectiveInnovationContractGroup], {
    description: 'Collective innovation contracts counted and summed per group (workers covered, projects), in one SQL GROUP BY.',
  })
  collectiveContractStats(@Ctx() ctx: RequestContext, @Args(() => CollectiveInnovationContractStatsArgs) args: CollectiveInnovationContractStatsArgs) {
    return service.stats(ctx, args);
  }

  @FieldResolver(() => Enterprise, { description: 'The enterprise that signed the contract (签约企业).' })
  enterprise(@Ctx() ctx: RequestContext, @Root() contract: CollectiveInnovationContractRow) {
    return enterpriseService.byId(ctx, contract.enterpriseId);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseCollectiveContractsResolver {
  @FieldResolver(() => CollectiveInnovationContractConnection, { description: 'Collective innovation contracts the enterprise has signed.' })
  collectiveContracts(@Ctx() ctx: RequestContext, @Root() enterprise: EnterpriseRow, @Args(() => CollectiveInnovationContractsArgs) args: CollectiveInnovationContractsArgs) {
    return service.under(ctx, 't.enterprise_id', enterprise.rowId, args);
  }
}

export const collectiveInnovationContractResolvers = [
  CollectiveInnovationContractResolver,
  EnterpriseCollectiveContractsResolver,
  placeFieldsResolver(CollectiveInnovationContract, 'contract'),
  placeFieldsResolver(CollectiveInnovationContractGroup, 'group', true),
  sourceFieldResolver(CollectiveInnovationContract, 'contract'),
  ...placeListResolvers('collectiveContracts', CollectiveInnovationContractConnection, CollectiveInnovationContractsArgs, 'collective innovation contracts (技术创新集体合同)', service.under),
];
