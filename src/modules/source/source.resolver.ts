import { Args, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { SourcesArgs } from './source.inputs';
import { sourceService } from './source.service';
import { Source, SourceConnection, type Sourced } from './source.type';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'Published reports the registry cites (出处), newest first.' })
  sources(@Ctx() ctx: RequestContext, @Args(() => SourcesArgs) args: SourcesArgs) {
    return sourceService.list(ctx, args);
  }
}

/** Adds `source` to a registry type. */
export function sourceFieldResolver(Type: ClassType, label: string) {
  @Resolver(() => Type)
  class SourceFieldResolver {
    @FieldResolver(() => Source, { nullable: true, description: `Where this ${label} comes from (出处).` })
    source(@Ctx() ctx: RequestContext, @Root() row: Sourced) {
      return sourceService.byId(ctx, row.sourceId);
    }
  }
  return SourceFieldResolver;
}
