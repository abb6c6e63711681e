import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, Int, InterfaceType } from 'type-graphql';
import { Node, type Typed } from './relay/node.interface';

/** The bookkeeping every writable record carries: its version for concurrent edits, and its times. */
@InterfaceType('RegistryRecord', {
  implements: Node,
  description: 'A record clients can write (登记记录): versioned for safe concurrent edits, archived rather than deleted.',
  resolveType: (value: Typed) => value.__typename,
})
export abstract class RegistryRecord extends Node {
  @Field(() => Int, { description: 'Version of the record (版本), 1 when created and one more after every change; an update names the version it read.' })
  version: number;

  @Field(() => DateTimeISOResolver, { description: 'When the record was created in the registry.' })
  createdAt: Date;

  @Field(() => DateTimeISOResolver, { description: 'When the record last changed.' })
  updatedAt: Date;

  @Field(() => DateTimeISOResolver, { nullable: true, description: 'When the record was archived (归档), or null if it is active. Archived records are left out of lists unless asked for.' })
  archivedAt: Date | null;
}

/** The columns of RegistryRecord, for a TableSpec's select list. */
export const REGISTRY_RECORD_COLUMNS = 't.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt", t.archived_at AS "archivedAt"';

/** What `isSample` says on every type that has sample records. */
export const SAMPLE_DESCRIPTION =
  'A sample record (示例记录): it stands for one of the records a report only counts, so that registry counts equal the published figure. Its name is a label (示例); it carries only what the report states, and every other field is null (unknown, not zero). Filter with isSample: false for real records only.';
