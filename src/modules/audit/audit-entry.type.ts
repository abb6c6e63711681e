import { JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../../auth/caller';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { DateTimeISOScalar, DivisionCodeScalar } from '../../graphql/scalars';
import { describeEnum } from '../../graphql/enums';

/** What a change did to a record (the audit_entry.operation column). */
export enum AuditOperation {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  ARCHIVE = 'ARCHIVE',
  RESTORE = 'RESTORE',
}
describeEnum(AuditOperation, 'AuditOperation', 'What a change did to a record (变更类型).', {
  CREATE: 'The record was created (新增); `before` is null.',
  UPDATE: 'Fields of the record were changed (修改).',
  ARCHIVE: 'The record was archived (归档): hidden from lists, kept for restoring.',
  RESTORE: 'An archived record was restored (恢复).',
});

@ObjectType({ description: 'Who made a change (操作人): the API key, its role and city at the time.' })
export class AuditActor {
  @Field(() => ID, { nullable: true, description: "Global ID of the API key that made the change (接口密钥); null for changes made outside the API (seeds, the owner's tools)." })
  apiKeyId: string | null;

  @Field(() => String, { nullable: true, description: "The key's label (密钥名称), e.g. \"Nanjing portal\"; null when there was no key." })
  label: string | null;

  @Field(() => Role, { description: "The key's role when the change was made (角色)." })
  role: Role;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "The key's city when the change was made (所属城市), for CITY_EDITOR keys; null for other roles." })
  cityCode: string | null;
}

/**
 * One change to one record (审计记录/变更记录): a `Node`, so that a client's cache (Relay, Apollo) keeps it by
 * its ID and `node(id:)` refetches it, for whoever may read the record's `changeHistory`.
 */
@ObjectType({ implements: Node, description: 'One change to one registry record (审计记录/变更记录): who, what and when, with the record before and after.' })
export class AuditEntry extends Node {

  @Field(() => DateTimeISOScalar, { description: 'When the change was committed (变更时间).' })
  occurredAt: Date;

  @Field(() => AuditOperation, { description: 'What the change did (变更类型).' })
  operation: AuditOperation;

  @Field({ description: 'GraphQL type name of the changed record, e.g. "InnovationStudio" (记录类型).' })
  recordType: string;

  @Field(() => ID, { description: "Global ID of the changed record, as in the record's own `id` (记录ID)." })
  recordId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "The changed record's city (记录所属城市); null for records with no city." })
  recordCityCode: string | null;

  @Field(() => AuditActor, { description: 'Who made the change (操作人).' })
  actor: AuditActor;

  @Field(() => String, { nullable: true, description: 'ID of the request that made the change (请求ID; the `x-request-id` of its response), where known.' })
  requestId: string | null;

  @Field(() => JSONObjectResolver, {
    nullable: true,
    description:
      'The whole record before the change (变更前), keyed by camelCase column names such as `nationalIdNumber`; null for CREATE. Personal values are null unless the caller may see personal data of the record as it is now (ADMIN, or the editor of its current city).',
  })
  before: Record<string, unknown> | null;

  @Field(() => JSONObjectResolver, {
    description:
      'The whole record after the change (变更后), keyed by camelCase column names; personal values are null unless the caller may see personal data of the record as it is now (ADMIN, or the editor of its current city).',
  })
  after: Record<string, unknown>;

  @Field(() => [String], {
    description:
      'Keys of `before`/`after` whose values the change altered (变更字段), sorted; for CREATE every key set to a value. The bookkeeping keys `version` and `updatedAt` are left out.',
  })
  changedFields: string[];
}

@ObjectType({ description: 'A page of audit entries.' })
export class AuditEntryConnection extends Connection(AuditEntry, 'AuditEntry', 'audit entry') {}

/**
 * An audit entry as resolvers return it: presented for the caller (camelCase), but for `before` and
 * `after`, which the entry's field resolvers present from `stored`, with the personal values PostgreSQL
 * gives the caller (src/modules/audit/audit.resolver.ts).
 */
export interface AuditEntryRow {
  __typename: 'AuditEntry';
  id: string;
  rowId: number;
  occurredAt: Date;
  operation: AuditOperation;
  recordType: string;
  recordId: string;
  recordCityCode: string | null;
  actor: AuditActor;
  requestId: string | null;
  /** The snapshots as stored: snake_case columns, without personal values (migration 32 keeps them apart). */
  stored: { before: Record<string, unknown> | null; after: Record<string, unknown> };
  changedFields: string[];
}
