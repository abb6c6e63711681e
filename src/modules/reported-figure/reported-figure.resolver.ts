import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ArchiveRecordInput } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { Scope, scopeOf } from '../city/scope';
import { sourceFieldResolver } from '../source/source.resolver';
import { ReportedFigureOrderBy, ReportedFiguresArgs } from './reported-figure.inputs';
import { reportedFigureService, reportedFigureTable } from './reported-figure.service';
import { ReportedFigure, ReportedFigureConnection, ReportedFigurePayload, type ReportedFigureRow } from './reported-figure.type';
import { CreateReportedFigureInput, UpdateReportedFigureInput } from './reported-figure.write-inputs';
import { reportedFigureWrites } from './reported-figure.writes';

@Resolver(() => ReportedFigure)
export class ReportedFigureResolver {
  @Query(() => ReportedFigureConnection, { nullable: true, description: 'Published figures (公开统计数据) that are not counts of registry rows.' })
  reportedFigures(@Ctx() ctx: RequestContext, @Args(() => ReportedFiguresArgs) args: ReportedFiguresArgs, @Info() info: GraphQLResolveInfo) {
    return reportedFigureService.list(ctx, args, info);
  }

  @Mutation(() => ReportedFigurePayload, { description: 'Registers a published figure (新建公开统计数据): ADMIN only.' })
  createReportedFigure(@Ctx() ctx: RequestContext, @Arg('input', () => CreateReportedFigureInput, { description: 'The new figure.' }) input: CreateReportedFigureInput) {
    return reportedFigureWrites.create(ctx, input);
  }

  @Mutation(() => ReportedFigurePayload, { description: 'Changes a published figure, if it is still at the version the caller read (修改公开统计数据): ADMIN only.' })
  updateReportedFigure(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpdateReportedFigureInput, { description: 'Which figure, the version read, and the changes.' }) input: UpdateReportedFigureInput,
  ) {
    return reportedFigureWrites.update(ctx, input);
  }

  @Mutation(() => ReportedFigurePayload, { description: 'Archives a published figure (归档): hidden from lists, kept with its history, restorable. ADMIN only.' })
  archiveReportedFigure(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which figure to archive.' }) input: ArchiveRecordInput) {
    return reportedFigureWrites.archive(ctx, input);
  }

  @Mutation(() => ReportedFigurePayload, { description: 'Restores an archived published figure (恢复): ADMIN only.' })
  restoreReportedFigure(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which figure to restore.' }) input: ArchiveRecordInput) {
    return reportedFigureWrites.restore(ctx, input);
  }

  @FieldResolver(() => Scope, { description: 'The province or city the figure is about (范围).' })
  scope(@Ctx() ctx: RequestContext, @Root() figure: ReportedFigureRow) {
    return scopeOf(ctx, figure);
  }
}

export const reportedFigureResolvers = [
  ReportedFigureResolver,
  ...placeFieldsResolver(ReportedFigure, 'figure'),
  sourceFieldResolver(ReportedFigure, 'figure'),
  historyFieldResolver(ReportedFigure, 'ReportedFigure', 'published figure'),
  ...placeListResolvers('reportedFigures', ReportedFigureConnection, ReportedFiguresArgs, 'published figures (公开统计数据)', () => reportedFigureTable, ReportedFigureOrderBy.ID_ASC),
];
