import { ClassType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { describeEnum } from './enums';
import { RowError, UserError } from './errors/user-error';

/** Which records a list shows: archived ones are hidden unless asked for. */
export enum ArchiveStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
  ANY = 'ANY',
}
describeEnum(ArchiveStatus, 'ArchiveStatus', 'Whether to list active records, archived ones (已归档), or both. Lists and statistics show ACTIVE records unless told otherwise.', {
  ACTIVE: 'Only records that are not archived (the default).',
  ARCHIVED: 'Only archived records.',
  ANY: 'Active and archived records.',
});

@InputType({ description: 'Which record to archive or restore, and optionally the version the caller read.' })
export class ArchiveRecordInput {
  @Field(() => ID, { description: 'The record’s ID.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The version the caller read; if given and the record has moved on, nothing changes (CONFLICT).' })
  version?: number | null;
}

/**
 * Defines `<Name>Payload`, the answer to every write of a type: the record as stored after it
 * (null if refused) and the reasons it was refused, each next to its input field.
 */
export function RecordPayload<T extends object>(recordType: ClassType<T>, name: string, payloadField: string, noun: string) {
  @ObjectType(`${name}Payload`, { description: `The result of creating, updating, archiving or restoring a ${noun}.` })
  class PayloadType {
    @Field(() => [UserError], { description: 'Why the write was refused; empty when it succeeded.' })
    userErrors: UserError[];
  }
  // The record field is named after the type (e.g. `innovationStudio`), so it is declared by name.
  Field(() => recordType, { nullable: true, description: `The ${noun} as stored after the write; null if it was refused.` })(PayloadType.prototype, payloadField);
  return PayloadType;
}

/** What a bulk upsert did with one record. */
export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
describeEnum(UpsertOutcome, 'UpsertOutcome', 'What a bulk upsert did with one record.', {
  CREATED: 'No record had this external id in the city: a new one was created.',
  UPDATED: 'The record existed and at least one value changed (new version, audit entry).',
  UNCHANGED: 'The record existed with exactly these values: nothing was written.',
});

@ObjectType({ description: 'One record of an applied bulk upsert: its position, external id, registry ID and outcome.' })
export class UpsertedRecord {
  @Field(() => Int, { description: 'Position in the input (0-based; for CSV, the data row).' })
  index: number;

  @Field({ description: "The portal's external id (外部编号)." })
  externalId: string;

  @Field(() => ID, { description: 'The registry ID of the record.' })
  id: string;

  @Field(() => UpsertOutcome, { description: 'Created, updated or unchanged.' })
  outcome: UpsertOutcome;
}

@ObjectType({
  description:
    'The result of a bulk upsert or CSV import (批量同步结果): all records applied, or none. When `applied` is false, `rowErrors` and `userErrors` say why.',
})
export class BulkUpsertPayload {
  @Field({ description: 'Whether the records were written (all of them), or nothing was.' })
  applied: boolean;

  @Field({ description: 'True when this is the stored result of an earlier request with the same idempotency key and payload, returned again without applying twice.' })
  replayed: boolean;

  @Field(() => Int, { description: 'Records created.' })
  created: number;

  @Field(() => Int, { description: 'Records updated (some value changed).' })
  updated: number;

  @Field(() => Int, { description: 'Records that already held exactly these values.' })
  unchanged: number;

  @Field(() => [UpsertedRecord], { description: 'Each record, in input order, when applied.' })
  records: UpsertedRecord[];

  @Field(() => [RowError], { description: 'Every problem of every refused row, in row order.' })
  rowErrors: RowError[];

  @Field(() => [UserError], { description: 'Problems with the request as a whole (role, batch size, idempotency key).' })
  userErrors: UserError[];
}
