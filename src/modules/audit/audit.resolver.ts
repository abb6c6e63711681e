import { JSONObjectResolver } from 'graphql-scalars';
import { Args, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { AuditEntry, AuditEntryConnection, type AuditEntryRow } from './audit-entry.type';
import { AuditLogArgs, HistoryArgs } from './audit.inputs';
import { auditService, presentAuditSnapshot } from './audit.service';
import { changeFeed, ChangesArgs } from './change-feed';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { nullable: true, description: 'Every change made to the registry (审计日志), newest first by default. ADMIN keys only; others get FORBIDDEN.' })
  auditLog(@Ctx() ctx: RequestContext, @Args(() => AuditLogArgs) args: AuditLogArgs) {
    return auditService.log(ctx, args);
  }

  @Query(() => AuditEntryConnection, {
    nullable: true,
    description:
      'The change feed (变更流): every change to the registry, oldest first, in an order no late commit can overtake, for a portal or BI tool that keeps a copy: pull with the `endCursor` of your last pull as `after` (keep it when a page is empty), apply each entry\'s `after` (the whole record as it became; archived ones carry `archivedAt`) and your copy ends as the registry is. Open to every caller, as records\' history is; personal values only to those who may see them.',
  })
  changes(@Ctx() ctx: RequestContext, @Args(() => ChangesArgs) args: ChangesArgs) {
    return changeFeed.changes(ctx, args);
  }

  @Query(() => String, {
    nullable: true,
    description:
      'Where the change feed stands now (最新变更位置): take it before a full export, then pull `changes(after:)` from it; a change made during the export comes again, and applying it again changes nothing. Null while the registry has no change.',
  })
  changesCursor(@Ctx() ctx: RequestContext) {
    return changeFeed.latestCursor(ctx);
  }

  // The snapshots are presented here, when asked for: their personal values come from PostgreSQL, for this caller.
  @FieldResolver(() => JSONObjectResolver, { nullable: true })
  async before(@Ctx() ctx: RequestContext, @Root() entry: AuditEntryRow) {
    return presentAuditSnapshot(entry.recordType, entry.stored.before, (await auditService.personalOf(ctx, entry))?.before);
  }

  @FieldResolver(() => JSONObjectResolver)
  async after(@Ctx() ctx: RequestContext, @Root() entry: AuditEntryRow) {
    return presentAuditSnapshot(entry.recordType, entry.stored.after, (await auditService.personalOf(ctx, entry))?.after);
  }
}

/** Registry rows that have a database id (`rowId`), the `record_id` of their audit entries. */
export interface Audited {
  rowId: number;
}

/**
 * Adds `history` (变更记录) to a registry type: the record's audit entries, newest first, batched
 * per request (one statement for every record of the type on the page). `typename` is the type's
 * GraphQL name, as written in audit_entry.record_type.
 */
export function historyFieldResolver(Type: ClassType, typename: string, noun: string) {
  @Resolver(() => Type)
  class HistoryFieldResolver {
    // One `history` per type: type-graphql matches a field resolver by its type and method name.
    @FieldResolver(() => [AuditEntry], {
      description: `Changes made to this ${noun} (变更记录), newest first; personal values are shown only to those who may see them.`,
      deprecationReason: 'Use `changeHistory`, a connection: this list holds every change ever made and grows with each edit.',
    })
    history(@Ctx() ctx: RequestContext, @Root() row: Audited) {
      return auditService.history(ctx, typename, row.rowId);
    }

    @FieldResolver(() => AuditEntryConnection, {
      description: `Changes made to this ${noun} (变更记录), a page at a time, newest first by default; personal values are shown only to those who may see them.`,
    })
    changeHistory(@Ctx() ctx: RequestContext, @Root() row: Audited, @Args(() => HistoryArgs) args: HistoryArgs) {
      return auditService.historyPage(ctx, typename, row.rowId, args);
    }
  }
  return HistoryFieldResolver;
}
