import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, Info, Mutation, Query, Resolver } from 'type-graphql';
import { AGGREGATE_CACHE } from '../../graphql/cache-hints';
import type { RequestContext } from '../../graphql/context';
import { TimeSeries } from '../../registry/time-series.type';
import { CreditCodeScalar } from '../../graphql/scalars';
import { ArchiveRecordInput, BulkUpsertPayload } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { groupPlaceFieldsResolver, placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { sourceFieldResolver } from '../source/source.resolver';
import { EnterpriseOrderBy, EnterprisesArgs, EnterpriseStatsArgs, EnterpriseSeriesArgs } from './enterprise.inputs';
import { enterpriseService, enterpriseTable } from './enterprise.service';
import { Enterprise, EnterpriseConnection, EnterpriseGroup, EnterprisePayload } from './enterprise.type';
import { CreateEnterpriseInput, UpdateEnterpriseInput, UpsertEnterprisesInput } from './enterprise.write-inputs';
import { enterpriseWrites } from './enterprise.writes';

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection, { description: 'Enterprises (企业) in the registry.' })
  enterprises(@Ctx() ctx: RequestContext, @Args(() => EnterprisesArgs) args: EnterprisesArgs, @Info() info: GraphQLResolveInfo) {
    return enterpriseService.list(ctx, args, info);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => TimeSeries, { description: 'Enterprises entered in the registry per month or year and in total by then, per province or city (企业登记趋势); dated by the day of entry (createdAt, China time).' })
  enterpriseSeries(@Ctx() ctx: RequestContext, @Args(() => EnterpriseSeriesArgs) args: EnterpriseSeriesArgs) {
    return enterpriseService.series(ctx, args);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => [EnterpriseGroup], { description: 'Enterprises counted per group with their employees summed, computed in one SQL GROUP BY (企业统计).' })
  enterpriseStats(@Ctx() ctx: RequestContext, @Args(() => EnterpriseStatsArgs) args: EnterpriseStatsArgs) {
    return enterpriseService.stats(ctx, args);
  }

  @Query(() => Enterprise, { nullable: true, description: 'One enterprise by its unified social credit code, archived or not; null if not registered.' })
  enterprise(@Ctx() ctx: RequestContext, @Arg('creditCode', () => CreditCodeScalar, { description: 'The 18-character unified social credit code (统一社会信用代码).' }) creditCode: string, @Info() info: GraphQLResolveInfo) {
    return enterpriseService.lookup(ctx, creditCode, info);
  }

  @Mutation(() => EnterprisePayload, {
    description: "Registers a new enterprise (新建企业): ADMIN, or the editor of the enterprise's city. The credit code must be valid and not yet registered (DUPLICATE).",
  })
  createEnterprise(@Ctx() ctx: RequestContext, @Arg('input', () => CreateEnterpriseInput, { description: 'The new enterprise.' }) input: CreateEnterpriseInput) {
    return enterpriseWrites.create(ctx, input);
  }

  @Mutation(() => EnterprisePayload, { description: 'Changes an enterprise, if it is still at the version the caller read (修改企业).' })
  updateEnterprise(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateEnterpriseInput, { description: 'Which enterprise, the version read, and the changes.' }) input: UpdateEnterpriseInput) {
    return enterpriseWrites.update(ctx, input);
  }

  @Mutation(() => EnterprisePayload, {
    description: 'Archives an enterprise (归档): hidden from lists, kept with its history and its credit code, still reachable from the records that name it; restorable.',
  })
  archiveEnterprise(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which enterprise to archive.' }) input: ArchiveRecordInput) {
    return enterpriseWrites.archive(ctx, input);
  }

  @Mutation(() => EnterprisePayload, { description: 'Restores an archived enterprise (恢复).' })
  restoreEnterprise(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which enterprise to restore.' }) input: ArchiveRecordInput) {
    return enterpriseWrites.restore(ctx, input);
  }

  @Mutation(() => BulkUpsertPayload, { description: 'Creates or updates up to 5,000 enterprises by external id, all or nothing (批量同步企业).' })
  upsertEnterprises(@Ctx() ctx: RequestContext, @Arg('input', () => UpsertEnterprisesInput, { description: 'The enterprises and an optional idempotency key.' }) input: UpsertEnterprisesInput) {
    return enterpriseWrites.upsert(ctx, input);
  }
}

export const enterpriseResolvers = [
  EnterpriseResolver,
  ...placeFieldsResolver(Enterprise, 'enterprise'),
  groupPlaceFieldsResolver(EnterpriseGroup),
  sourceFieldResolver(Enterprise, 'enterprise'),
  historyFieldResolver(Enterprise, 'Enterprise', 'enterprise'),
  ...placeListResolvers('enterprises', EnterpriseConnection, EnterprisesArgs, 'enterprises (企业)', () => enterpriseTable, EnterpriseOrderBy.ID_ASC),
];
