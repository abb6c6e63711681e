import { Field, ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord } from '../../graphql/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { LocalDateScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';

@ObjectType({ implements: [Node, RegistryRecord], description: 'A published report that goals, figures and seeded records come from (出处).' })
export class Source extends RegistryRecord {
  @Field({ description: 'Publisher in Chinese (发布单位), e.g. 南京日报.' })
  publisher: string;

  @Field(() => String, { nullable: true, description: 'Publisher in English, e.g. Nanjing Daily.' })
  publisherEn: string | null;

  @Field({ description: 'Title of the report (标题), in the original language.' })
  title: string;

  @Field(() => LocalDateScalar, { description: 'Date of publication (发布日期).' })
  publishedOn: string;

  @Field(() => String, { nullable: true, description: 'Where the report can be read, when known.' })
  url: string | null;
}

@ObjectType({ description: 'A page of sources.' })
export class SourceConnection extends Connection(Source, 'Source', 'source') {}

@ObjectType({ description: 'The result of a write to a source.' })
export class SourcePayload extends RecordPayload(Source, 'Source', 'source', 'source') {}

export interface SourceRow {
  __typename: 'Source';
  id: string;
  rowId: number;
  publisher: string;
  publisherEn: string | null;
  title: string;
  publishedOn: string;
  url: string | null;
  version: number;
  archivedAt: Date | null;
}

/** Registry rows that say where they come from. */
export interface Sourced {
  sourceId: number | null;
}
