import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AGGREGATE_CACHE } from '../../graphql/cache-hints';
import type { RequestContext } from '../../graphql/context';
import { TimeSeries } from '../../registry/time-series.type';
import { ArchiveRecordInput, BulkUpsertPayload } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { groupPlaceFieldsResolver, placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { enterpriseRelation } from '../enterprise/enterprise-relations';
import { sourceFieldResolver } from '../source/source.resolver';
import { CraftsmanOrderBy, CraftsmanStatsArgs, CraftsmenArgs, CraftsmanSeriesArgs } from './craftsman.inputs';
import { craftsmanPersonalData } from './craftsman.personal-data';
import { craftsmanService, craftsmanTable } from './craftsman.service';
import { Craftsman, CraftsmanConnection, CraftsmanGroup, CraftsmanPayload, type CraftsmanRow } from './craftsman.type';
import { CreateCraftsmanInput, UpdateCraftsmanInput, UpsertCraftsmenInput } from './craftsman.write-inputs';
import { craftsmanWrites } from './craftsman.writes';

const PERSONAL = 'Personal data (个人信息): visible only to ADMIN and the CITY_EDITOR of the craftsman’s city; null for everyone else, and where not recorded.';

@Resolver(() => Craftsman)
export class CraftsmanResolver {
  @Query(() => CraftsmanConnection, { description: 'Craftsmen (工匠) in the registry, from candidates to certified national craftsmen.' })
  craftsmen(@Ctx() ctx: RequestContext, @Args(() => CraftsmenArgs) args: CraftsmenArgs, @Info() info: GraphQLResolveInfo) {
    return craftsmanService.list(ctx, args, info);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => TimeSeries, { description: 'Craftsmen recognised per month or year and in total by then, per province or city, for charts (工匠趋势); dated by recognizedOn, or 31 December of `year` when only the year is known.' })
  craftsmanSeries(@Ctx() ctx: RequestContext, @Args(() => CraftsmanSeriesArgs) args: CraftsmanSeriesArgs) {
    return craftsmanService.series(ctx, args);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => [CraftsmanGroup], { description: 'Craftsmen counted per group, computed in one SQL GROUP BY (工匠统计).' })
  craftsmanStats(@Ctx() ctx: RequestContext, @Args(() => CraftsmanStatsArgs) args: CraftsmanStatsArgs) {
    return craftsmanService.stats(ctx, args);
  }

  @Mutation(() => CraftsmanPayload, { description: 'Registers a new craftsman (新建工匠): ADMIN, or the editor of the craftsman’s city.' })
  createCraftsman(@Ctx() ctx: RequestContext, @Arg('input', () => CreateCraftsmanInput, { description: 'The new craftsman.' }) input: CreateCraftsmanInput) {
    return craftsmanWrites.create(ctx, input);
  }

  @Mutation(() => CraftsmanPayload, { description: 'Changes a craftsman, if it is still at the version the caller read (修改工匠).' })
  updateCraftsman(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateCraftsmanInput, { description: 'Which craftsman, the version read, and the changes.' }) input: UpdateCraftsmanInput) {
    return craftsmanWrites.update(ctx, input);
  }

  @Mutation(() => CraftsmanPayload, { description: 'Archives a craftsman (归档): hidden from lists and counts, kept with its history, restorable.' })
  archiveCraftsman(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which craftsman to archive.' }) input: ArchiveRecordInput) {
    return craftsmanWrites.archive(ctx, input);
  }

  @Mutation(() => CraftsmanPayload, { description: 'Restores an archived craftsman (恢复).' })
  restoreCraftsman(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which craftsman to restore.' }) input: ArchiveRecordInput) {
    return craftsmanWrites.restore(ctx, input);
  }

  @Mutation(() => BulkUpsertPayload, { description: 'Creates or updates up to 5,000 craftsmen by external id, all or nothing (批量同步工匠).' })
  upsertCraftsmen(@Ctx() ctx: RequestContext, @Arg('input', () => UpsertCraftsmenInput, { description: 'The craftsmen and an optional idempotency key.' }) input: UpsertCraftsmenInput) {
    return craftsmanWrites.upsert(ctx, input);
  }

  @FieldResolver(() => String, { nullable: true, description: `National ID number (公民身份号码). ${PERSONAL}` })
  nationalIdNumber(@Ctx() ctx: RequestContext, @Root() craftsman: CraftsmanRow) {
    return craftsmanPersonalData.nationalIdNumber(ctx, craftsman);
  }

  @FieldResolver(() => String, { nullable: true, description: `Phone (联系电话). ${PERSONAL}` })
  phone(@Ctx() ctx: RequestContext, @Root() craftsman: CraftsmanRow) {
    return craftsmanPersonalData.phone(ctx, craftsman);
  }
}

export const craftsmanResolvers = [
  CraftsmanResolver,
  ...enterpriseRelation({
    Type: Craftsman,
    field: 'craftsmen',
    Connection: CraftsmanConnection,
    Args: CraftsmenArgs,
    table: () => craftsmanTable,
    defaultOrder: CraftsmanOrderBy.ID_ASC,
    enterprise: { description: 'The enterprise the craftsman works for (所在企业), where recorded.' },
    description: 'Craftsmen working for the enterprise.',
  }),
  ...placeFieldsResolver(Craftsman, 'craftsman'),
  groupPlaceFieldsResolver(CraftsmanGroup),
  sourceFieldResolver(Craftsman, 'craftsman'),
  historyFieldResolver(Craftsman, 'Craftsman', 'craftsman'),
  ...placeListResolvers('craftsmen', CraftsmanConnection, CraftsmenArgs, 'craftsmen (工匠)', () => craftsmanTable, CraftsmanOrderBy.ID_ASC),
];
