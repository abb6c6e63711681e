import { ObjectType } from 'type-graphql';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord, registryRecordColumns } from '../../registry/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { RecordPayload } from '../../graphql/writes';
import { columnFields, internal, localDate, type RowOf, text } from '../../registry/columns';
import { urlProblem } from '../../common/web-address';

/** The columns of Source: its select list, its GraphQL fields and its row type, declared once. */
export const sourceColumns = {
  id: internal<number>('t.id'),
  publisher: text('t.publisher', 'Publisher in Chinese (发布单位), e.g. 南京日报.').written({ max: 200 }),
  publisherEn: text('t.publisher_en', 'Publisher in English, e.g. Nanjing Daily.').orNull().written({ max: 200 }),
  title: text('t.title', 'Title of the report (标题), in the original language.').written({ max: 500 }),
  publishedOn: localDate('t.published_on', 'Date of publication (发布日期).').written(),
  url: text('t.url', 'Where the report can be read, when known.').orNull().written({ max: 2000, problem: urlProblem }),
  ...registryRecordColumns,
};

export type SourceRow = RowOf<'Source', typeof sourceColumns>;

@ObjectType({ implements: [Node, RegistryRecord], description: 'A published report that goals, figures and seeded records come from (出处).' })
@columnFields(sourceColumns)
export class Source extends RegistryRecord {}

@ObjectType({ description: 'A page of sources.' })
export class SourceConnection extends Connection(Source, 'Source', 'source') {}

@ObjectType({ description: 'The result of a write to a source.' })
export class SourcePayload extends RecordPayload(Source, 'Source', 'source', 'source') {}


/** Registry rows that say where they come from. */
export interface Sourced {
  sourceId: number | null;
}
