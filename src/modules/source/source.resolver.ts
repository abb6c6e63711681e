import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Info, Mutation, Query, Resolver, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { toOneField } from '../../registry/relations';
import { ArchiveRecordInput } from '../../graphql/writes';
import { historyFieldResolver } from '../audit/audit.resolver';
import { SourcesArgs } from './source.inputs';
import { sourceService, sourceTable } from './source.service';
import { Source, SourceConnection, SourcePayload } from './source.type';
import { CreateSourceInput, UpdateSourceInput } from './source.write-inputs';
import { sourceWrites } from './source.writes';

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { nullable: true, description: 'Published reports the registry cites (出处), newest first.' })
  sources(@Ctx() ctx: RequestContext, @Args(() => SourcesArgs) args: SourcesArgs, @Info() info: GraphQLResolveInfo) {
    return sourceService.list(ctx, args, info);
  }

  @Mutation(() => SourcePayload, { description: 'Registers a published report as a source (新建出处): ADMIN only. The same publisher, title and date twice is a DUPLICATE.' })
  createSource(@Ctx() ctx: RequestContext, @Arg('input', () => CreateSourceInput, { description: 'The new source.' }) input: CreateSourceInput) {
    return sourceWrites.create(ctx, input);
  }

  @Mutation(() => SourcePayload, { description: 'Changes a source, if it is still at the version the caller read (修改出处): ADMIN only.' })
  updateSource(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateSourceInput, { description: 'Which source, the version read, and the changes.' }) input: UpdateSourceInput) {
    return sourceWrites.update(ctx, input);
  }

  @Mutation(() => SourcePayload, { description: 'Archives a source (归档): hidden from the list of sources, still shown where records cite it, restorable. ADMIN only.' })
  archiveSource(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which source to archive.' }) input: ArchiveRecordInput) {
    return sourceWrites.archive(ctx, input);
  }

  @Mutation(() => SourcePayload, { description: 'Restores an archived source (恢复): ADMIN only.' })
  restoreSource(@Ctx() ctx: RequestContext, @Arg('input', () => ArchiveRecordInput, { description: 'Which source to restore.' }) input: ArchiveRecordInput) {
    return sourceWrites.restore(ctx, input);
  }
}

/** Adds `source` to a registry type: batched, or fetched with the row where its statement folds it (src/registry/relations.ts). */
export const sourceFieldResolver = (Type: ClassType, label: string) =>
  toOneField(Type, 'source', () => Source, { table: () => sourceTable, keyColumn: 't.id', parentColumn: 'sourceId', description: `Where this ${label} comes from (出处).` });

export const sourceResolvers = [SourceResolver, historyFieldResolver(Source, 'Source', 'source')];
