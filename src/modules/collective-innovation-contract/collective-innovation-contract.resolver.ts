import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, Info, Mutation, Query, Resolver } from 'type-graphql';
import { AGGREGATE_CACHE } from '../../graphql/cache-hints';
import type { RequestContext } from '../../graphql/context';
import { TimeSeries } from '../../registry/time-series.type';
import { ArchiveRecordInput, BulkUpsertPayload } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { groupPlaceFieldsResolver, placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { enterpriseRelation } from '../enterprise/enterprise-relations';
import { sourceFieldResolver } from '../source/source.resolver';
import { CollectiveInnovationContractOrderBy, CollectiveInnovationContractsArgs, CollectiveInnovationContractStatsArgs, CollectiveInnovationContractSeriesArgs } from './collective-innovation-contract.inputs';
import { collectiveInnovationContractService as service, collectiveInnovationContractTable } from './collective-innovation-contract.service';
import {
  CollectiveInnovationContract,
  CollectiveInnovationContractConnection,
  CollectiveInnovationContractGroup,
  CollectiveInnovationContractPayload,
} from './collective-innovation-contract.type';
import {
  CreateCollectiveInnovationContractInput,
  UpdateCollectiveInnovationContractInput,
  UpsertCollectiveInnovationContractsInput,
} from './collective-innovation-contract.write-inputs';
import { collectiveInnovationContractWrites as writes } from './collective-innovation-contract.writes';

@Resolver(() => CollectiveInnovationContract)
export class CollectiveInnovationContractResolver {
  @Query(() => CollectiveInnovationContractConnection, { description: 'Collective innovation contracts (技术创新集体合同) in the registry.' })
  collectiveContracts(@Ctx() ctx: RequestContext, @Args(() => CollectiveInnovationContractsArgs) args: CollectiveInnovationContractsArgs, @Info() info: GraphQLResolveInfo) {
    return service.list(ctx, args, info);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => TimeSeries, { description: 'Collective innovation contracts signed per month or year and in total by then, per province or city, for charts (技术创新集体合同趋势); dated by signedOn.' })
  collectiveContractSeries(@Ctx() ctx: RequestContext, @Args(() => CollectiveInnovationContractSeriesArgs) args: CollectiveInnovationContractSeriesArgs) {
    return service.series(ctx, args);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => [CollectiveInnovationContractGroup], {
    description: 'Collective innovation contracts counted and summed per group (workers covered, projects), in one SQL GROUP BY.',
  })
  collectiveContractStats(@Ctx() ctx: RequestContext, @Args(() => CollectiveInnovationContractStatsArgs) args: CollectiveInnovationContractStatsArgs) {
    return service.stats(ctx, args);
  }

  @Mutation(() => CollectiveInnovationContractPayload, {
    description: 'Registers a new collective innovation contract (新建技术创新集体合同): ADMIN, or the editor of the enterprise’s city.',
  })
  createCollectiveInnovationContract(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateCollectiveInnovationContractInput, { description: 'The new contract.' }) input: CreateCollectiveInnovationContractInput,
  ) {
    return writes.create(ctx, input);
  }

  @Mutation(() => CollectiveInnovationContractPayload, { description: 'Changes a collective innovation contract, if it is still at the version the caller read (修改技术创新集体合同).' })
  updateCollectiveInnovationContract(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateCollectiveInnovationContractInput, { description: 'Which contract, the version read, and the changes.' }) input: UpdateCollectiveInnovationContractInput,
  ) {
    return writes.update(ctx, input);
  }

  @Mutation(() => CollectiveInnovationContractPayload, { description: 'Archives a collective innovation contract (归档): hidden from lists and sums, kept with its history, restorable.' })
  archiveCollectiveInnovationContract(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which contract to archive.' }) input: ArchiveRecordInput) {
    return writes.archive(ctx, input);
  }

  @Mutation(() => CollectiveInnovationContractPayload, { description: 'Restores an archived collective innovation contract (恢复).' })
  restoreCollectiveInnovationContract(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which contract to restore.' }) input: ArchiveRecordInput) {
    return writes.restore(ctx, input);
  }

  @Mutation(() => BulkUpsertPayload, { description: 'Creates or updates up to 5,000 collective innovation contracts by external id, all or nothing (批量同步技术创新集体合同).' })
  upsertCollectiveInnovationContracts(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpsertCollectiveInnovationContractsInput, { description: 'The contracts and an optional idempotency key.' }) input: UpsertCollectiveInnovationContractsInput,
  ) {
    return writes.upsert(ctx, input);
  }
}

export const collectiveInnovationContractResolvers = [
  CollectiveInnovationContractResolver,
  ...enterpriseRelation({
    Type: CollectiveInnovationContract,
    field: 'collectiveContracts',
    Connection: CollectiveInnovationContractConnection,
    Args: CollectiveInnovationContractsArgs,
    table: () => collectiveInnovationContractTable,
    defaultOrder: CollectiveInnovationContractOrderBy.ID_ASC,
    enterprise: { description: 'The enterprise that signed the contract (签约企业).', nullable: false },
    description: 'Collective innovation contracts the enterprise has signed.',
  }),
  ...placeFieldsResolver(CollectiveInnovationContract, 'contract'),
  groupPlaceFieldsResolver(CollectiveInnovationContractGroup),
  sourceFieldResolver(CollectiveInnovationContract, 'contract'),
  historyFieldResolver(CollectiveInnovationContract, 'CollectiveInnovationContract', 'collective innovation contract'),
  ...placeListResolvers('collectiveContracts', CollectiveInnovationContractConnection, CollectiveInnovationContractsArgs, 'collective innovation contracts (技术创新集体合同)', () => collectiveInnovationContractTable, CollectiveInnovationContractOrderBy.ID_ASC),
];
