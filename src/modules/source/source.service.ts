import { when } from '../../db/filters';
import type { TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { byKeyLoader, listConnection } from '../../graphql/lists';
import { toGlobalId } from '../../graphql/relay/global-id';
import { SourceOrderBy, type SourceFilter, type SourcesArgs } from './source.inputs';
import type { SourceRow } from './source.type';

export const sourceTable: TableSpec<SourceRow, SourceFilter> = {
  from: 'source t',
  columns: 't.id, t.publisher, t.publisher_en AS "publisherEn", t.title, t.published_on AS "publishedOn", t.url',
  key: 't.id',
  toRow: (r) => ({
    __typename: 'Source',
    id: toGlobalId('Source', r.id as number),
    rowId: r.id as number,
    publisher: r.publisher as string,
    publisherEn: r.publisherEn as string | null,
    title: r.title as string,
    publishedOn: r.publishedOn as string,
    url: r.url as string | null,
  }),
  conditions: (f) => [
    ...when.contains(['t.publisher', 't.publisher_en', 't.title'], f?.textContains),
    ...when.between('t.published_on', f?.publishedFrom, f?.publishedTo),
  ],
  orders: {
    [SourceOrderBy.PUBLISHED_ON_DESC]: { expression: 't.published_on', direction: 'DESC', type: 'date' },
    [SourceOrderBy.PUBLISHED_ON_ASC]: { expression: 't.published_on', direction: 'ASC', type: 'date' },
  },
};

export const sourceService = {
  list: (ctx: RequestContext, args: SourcesArgs) => listConnection(ctx, sourceTable, args, SourceOrderBy.PUBLISHED_ON_DESC),
  byId: (ctx: RequestContext, id: number | null) => (id == null ? null : byKeyLoader(ctx, sourceTable, 't.id').load(id)),
};
