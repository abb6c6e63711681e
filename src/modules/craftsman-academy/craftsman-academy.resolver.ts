import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, Info, Mutation, Query, Resolver } from 'type-graphql';
import { AGGREGATE_CACHE } from '../../graphql/cache-hints';
import type { RequestContext } from '../../graphql/context';
import { TimeSeries } from '../../registry/time-series.type';
import { ArchiveRecordInput, BulkUpsertPayload } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { groupPlaceFieldsResolver, placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { sourceFieldResolver } from '../source/source.resolver';
import { CraftsmanAcademiesArgs, CraftsmanAcademyOrderBy, CraftsmanAcademyStatsArgs, CraftsmanAcademySeriesArgs } from './craftsman-academy.inputs';
import { craftsmanAcademyService, craftsmanAcademyTable } from './craftsman-academy.service';
import { CraftsmanAcademy, CraftsmanAcademyConnection, CraftsmanAcademyGroup, CraftsmanAcademyPayload } from './craftsman-academy.type';
import { CreateCraftsmanAcademyInput, UpdateCraftsmanAcademyInput, UpsertCraftsmanAcademiesInput } from './craftsman-academy.write-inputs';
import { craftsmanAcademyWrites } from './craftsman-academy.writes';

@Resolver(() => CraftsmanAcademy)
export class CraftsmanAcademyResolver {
  @Query(() => CraftsmanAcademyConnection, { description: 'Craftsman academies (工匠学院) in the registry.' })
  craftsmanAcademies(@Ctx() ctx: RequestContext, @Args(() => CraftsmanAcademiesArgs) args: CraftsmanAcademiesArgs, @Info() info: GraphQLResolveInfo) {
    return craftsmanAcademyService.list(ctx, args, info);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => TimeSeries, { description: 'Craftsman academies founded per month or year and in total by then, per province or city, for charts (工匠学院趋势); dated by establishedOn.' })
  craftsmanAcademySeries(@Ctx() ctx: RequestContext, @Args(() => CraftsmanAcademySeriesArgs) args: CraftsmanAcademySeriesArgs) {
    return craftsmanAcademyService.series(ctx, args);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => [CraftsmanAcademyGroup], { description: 'Craftsman academies counted per group, computed in one SQL GROUP BY (工匠学院统计).' })
  craftsmanAcademyStats(@Ctx() ctx: RequestContext, @Args(() => CraftsmanAcademyStatsArgs) args: CraftsmanAcademyStatsArgs) {
    return craftsmanAcademyService.stats(ctx, args);
  }

  @Mutation(() => CraftsmanAcademyPayload, { description: "Registers a new craftsman academy (新建工匠学院): ADMIN, or the editor of the academy's city." })
  createCraftsmanAcademy(@Ctx() ctx: RequestContext, @Arg('input', () => CreateCraftsmanAcademyInput, { description: 'The new academy.' }) input: CreateCraftsmanAcademyInput) {
    return craftsmanAcademyWrites.create(ctx, input);
  }

  @Mutation(() => CraftsmanAcademyPayload, { description: 'Changes a craftsman academy, if it is still at the version the caller read (修改工匠学院).' })
  updateCraftsmanAcademy(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateCraftsmanAcademyInput, { description: 'Which academy, the version read, and the changes.' }) input: UpdateCraftsmanAcademyInput,
  ) {
    return craftsmanAcademyWrites.update(ctx, input);
  }

  @Mutation(() => CraftsmanAcademyPayload, { description: 'Archives a craftsman academy (归档): hidden from lists and counts, kept with its history, restorable.' })
  archiveCraftsmanAcademy(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which academy to archive.' }) input: ArchiveRecordInput) {
    return craftsmanAcademyWrites.archive(ctx, input);
  }

  @Mutation(() => CraftsmanAcademyPayload, { description: 'Restores an archived craftsman academy (恢复).' })
  restoreCraftsmanAcademy(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which academy to restore.' }) input: ArchiveRecordInput) {
    return craftsmanAcademyWrites.restore(ctx, input);
  }

  @Mutation(() => BulkUpsertPayload, { description: 'Creates or updates up to 5,000 craftsman academies by external id, all or nothing (批量同步工匠学院).' })
  upsertCraftsmanAcademies(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpsertCraftsmanAcademiesInput, { description: 'The academies and an optional idempotency key.' }) input: UpsertCraftsmanAcademiesInput,
  ) {
    return craftsmanAcademyWrites.upsert(ctx, input);
  }
}

export const craftsmanAcademyResolvers = [
  CraftsmanAcademyResolver,
  ...placeFieldsResolver(CraftsmanAcademy, 'craftsman academy'),
  groupPlaceFieldsResolver(CraftsmanAcademyGroup),
  sourceFieldResolver(CraftsmanAcademy, 'craftsman academy'),
  historyFieldResolver(CraftsmanAcademy, 'CraftsmanAcademy', 'craftsman academy'),
  ...placeListResolvers('craftsmanAcademies', CraftsmanAcademyConnection, CraftsmanAcademiesArgs, 'craftsman academies (工匠学院)', () => craftsmanAcademyTable, CraftsmanAcademyOrderBy.ID_ASC),
];
