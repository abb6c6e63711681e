import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { placeFieldsResolver, placeListResolvers } from '../city/place-relations';
import { Scope, scopeOf } from '../city/scope';
import { sourceFieldResolver } from '../source/source.resolver';
import { ReportedFiguresArgs } from './reported-figure.inputs';
import { reportedFigureService } from './reported-figure.service';
import { ReportedFigure, ReportedFigureConnection, type ReportedFigureRow } from './reported-figure.type';

@Resolver(() => ReportedFigure)
export class ReportedFigureResolver {
  @Query(() => ReportedFigureConnection, { description: 'Published figures (公开统计数据) that are not counts of registry rows.' })
  reportedFigures(@Ctx() ctx: RequestContext, @Args(() => ReportedFiguresArgs) args: ReportedFiguresArgs) {
    return reportedFigureService.list(ctx, args);
  }

  @FieldResolver(() => Scope, { description: 'The province or city the figure is about (范围).' })
  scope(@Ctx() ctx: RequestContext, @Root() figure: ReportedFigureRow) {
    return scopeOf(ctx, figure);
  }
}

export const reportedFigureResolvers = [
  ReportedFigureResolver,
  placeFieldsResolver(ReportedFigure, 'figure'),
  sourceFieldResolver(ReportedFigure, 'figure'),
  ...placeListResolvers('reportedFigures', ReportedFigureConnection, ReportedFiguresArgs, 'published figures (公开统计数据)', reportedFigureService.under),
];
