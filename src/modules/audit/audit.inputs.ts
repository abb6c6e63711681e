import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DateTimeISOScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { AuditOperation } from './audit-entry.type';
import { describeEnum } from '../../graphql/enums';

export enum AuditLogOrderBy {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}
describeEnum(AuditLogOrderBy, 'AuditLogOrderBy', 'Orderings of the audit log, by the order in which entries were written.', {
  NEWEST_FIRST: 'Latest change first (the default).',
  OLDEST_FIRST: 'Earliest change first.',
});

@InputType({ description: 'Which audit entries to include (审计记录筛选); all given conditions must hold.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'GraphQL type name of the changed records, e.g. "Craftsman".' })
  recordType?: string | null;

  @Field(() => ID, { nullable: true, description: "One record's changes: its global ID, as in the record's `id`." })
  recordId?: string | null;

  @Field(() => [AuditOperation], { nullable: true, description: 'Any of these operations.' })
  operations?: AuditOperation[] | null;

  @Field(() => ID, { nullable: true, description: 'Changes made with this API key (its global ID, as in `actor.apiKeyId`).' })
  apiKeyId?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Changes to records of this city, e.g. "320100".' })
  recordCityCode?: string | null;

  @Field(() => DateTimeISOScalar, { nullable: true, description: 'Changes at or after this instant.' })
  occurredFrom?: Date | null;

  @Field(() => DateTimeISOScalar, { nullable: true, description: 'Changes at or before this instant.' })
  occurredTo?: Date | null;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditLogFilter, { nullable: true, description: 'Filter.' })
  filter?: AuditLogFilter | null;

  @Field(() => AuditLogOrderBy, { nullable: true, description: 'Ordering (default NEWEST_FIRST).' })
  orderBy?: AuditLogOrderBy | null;
}

@ArgsType()
export class HistoryArgs extends PageArgs {
  @Field(() => AuditLogOrderBy, { nullable: true, description: 'Ordering (default NEWEST_FIRST).' })
  orderBy?: AuditLogOrderBy | null;
}
