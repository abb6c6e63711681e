import { Args, Ctx, FieldResolver, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { AuditEntry, AuditEntryConnection } from './audit-entry.type';
import { AuditLogArgs } from './audit.inputs';
import { auditService } from './audit.service';

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: 'Every change made to the registry (审计日志), newest first by default. ADMIN keys only; others get FORBIDDEN.' })
  auditLog(@Ctx() ctx: RequestContext, @Args(() => AuditLogArgs) args: AuditLogArgs) {
    return auditService.log(ctx, args);
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
    })
    history(@Ctx() ctx: RequestContext, @Root() row: Audited) {
      return auditService.history(ctx, typename, row.rowId);
    }
  }
  return HistoryFieldResolver;
}
