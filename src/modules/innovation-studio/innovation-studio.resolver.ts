import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Directive, Info, Mutation, Query, Resolver } from 'type-graphql';
import { AGGREGATE_CACHE } from '../../graphql/cache-hints';
import type { RequestContext } from '../../graphql/context';
import { TimeSeries } from '../../registry/time-series.type';
import { ArchiveRecordInput, BulkUpsertPayload } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { groupPlaceFieldsResolver, placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { toOneField } from '../../registry/relations';
import { Craftsman } from '../craftsman/craftsman.type';
import { craftsmanTable } from '../craftsman/craftsman.service';
import { enterpriseRelation } from '../enterprise/enterprise-relations';
import { sourceFieldResolver } from '../source/source.resolver';
import { InnovationStudioOrderBy, InnovationStudiosArgs, InnovationStudioStatsArgs, InnovationStudioSeriesArgs } from './innovation-studio.inputs';
import { innovationStudioService, innovationStudioTable } from './innovation-studio.service';
import { InnovationStudio, InnovationStudioConnection, InnovationStudioGroup, InnovationStudioPayload } from './innovation-studio.type';
import { CreateInnovationStudioInput, UpdateInnovationStudioInput, UpsertInnovationStudiosInput } from './innovation-studio.write-inputs';
import { innovationStudioWrites } from './innovation-studio.writes';

@Resolver(() => InnovationStudio)
export class InnovationStudioResolver {
  @Query(() => InnovationStudioConnection, { description: 'Innovation studios (创新工作室) in the registry.' })
  innovationStudios(@Ctx() ctx: RequestContext, @Args(() => InnovationStudiosArgs) args: InnovationStudiosArgs, @Info() info: GraphQLResolveInfo) {
    return innovationStudioService.list(ctx, args, info);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => TimeSeries, { description: 'Innovation studios established per month or year and in total by then, per province or city, for charts (创新工作室趋势); dated by establishedOn.' })
  innovationStudioSeries(@Ctx() ctx: RequestContext, @Args(() => InnovationStudioSeriesArgs) args: InnovationStudioSeriesArgs) {
    return innovationStudioService.series(ctx, args);
  }

  @Directive(AGGREGATE_CACHE)
  @Query(() => [InnovationStudioGroup], { description: 'Innovation studios counted per group, computed in one SQL GROUP BY (创新工作室统计).' })
  innovationStudioStats(@Ctx() ctx: RequestContext, @Args(() => InnovationStudioStatsArgs) args: InnovationStudioStatsArgs) {
    return innovationStudioService.stats(ctx, args);
  }

  @Mutation(() => InnovationStudioPayload, { description: 'Registers a new innovation studio (新建创新工作室): ADMIN, or the editor of the enterprise’s city.' })
  createInnovationStudio(@Ctx() ctx: RequestContext, @Arg('input', () => CreateInnovationStudioInput, { description: 'The new studio.' }) input: CreateInnovationStudioInput) {
    return innovationStudioWrites.create(ctx, input);
  }

  @Mutation(() => InnovationStudioPayload, { description: 'Changes an innovation studio, if it is still at the version the caller read (修改创新工作室).' })
  updateInnovationStudio(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateInnovationStudioInput, { description: 'Which studio, the version read, and the changes.' }) input: UpdateInnovationStudioInput) {
    return innovationStudioWrites.update(ctx, input);
  }

  @Mutation(() => InnovationStudioPayload, { description: 'Archives an innovation studio (归档): hidden from lists and counts, kept with its history, restorable.' })
  archiveInnovationStudio(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which studio to archive.' }) input: ArchiveRecordInput) {
    return innovationStudioWrites.archive(ctx, input);
  }

  @Mutation(() => InnovationStudioPayload, { description: 'Restores an archived innovation studio (恢复).' })
  restoreInnovationStudio(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which studio to restore.' }) input: ArchiveRecordInput) {
    return innovationStudioWrites.restore(ctx, input);
  }

  @Mutation(() => BulkUpsertPayload, { description: 'Creates or updates up to 5,000 innovation studios by external id, all or nothing (批量同步创新工作室).' })
  upsertInnovationStudios(@Ctx() ctx: RequestContext, @Arg('input', () => UpsertInnovationStudiosInput, { description: 'The studios and an optional idempotency key.' }) input: UpsertInnovationStudiosInput) {
    return innovationStudioWrites.upsert(ctx, input);
  }
}

export const innovationStudioResolvers = [
  InnovationStudioResolver,
  ...enterpriseRelation({
    Type: InnovationStudio,
    field: 'innovationStudios',
    Connection: InnovationStudioConnection,
    Args: InnovationStudiosArgs,
    table: () => innovationStudioTable,
    defaultOrder: InnovationStudioOrderBy.ID_ASC,
    enterprise: { description: 'The enterprise that hosts the studio (依托企业); null where the source does not name it.' },
    description: 'Innovation studios the enterprise hosts.',
  }),
  toOneField(InnovationStudio, 'leadCraftsman', () => Craftsman, {
    table: () => craftsmanTable,
    keyColumn: 't.id',
    parentColumn: 'leadCraftsmanId',
    description: 'The craftsman who leads the studio (领办人), where recorded.',
  }),
  ...placeFieldsResolver(InnovationStudio, 'innovation studio'),
  groupPlaceFieldsResolver(InnovationStudioGroup),
  sourceFieldResolver(InnovationStudio, 'innovation studio'),
  historyFieldResolver(InnovationStudio, 'InnovationStudio', 'innovation studio'),
  ...placeListResolvers('innovationStudios', InnovationStudioConnection, InnovationStudiosArgs, 'innovation studios (创新工作室)', () => innovationStudioTable, InnovationStudioOrderBy.ID_ASC),
];
