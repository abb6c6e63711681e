import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { sourceColumns } from './source.type';
import { changedFilters } from '../../registry/registry-record.interface';
import { orderingsOf, sortBy } from '../../registry/orderings';

const columns = sourceColumns;

/** How Source lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const sourceOrderings = orderingsOf('SourceOrderBy', 'Orderings of sources; ties are broken by record id.', {
  PUBLISHED_ON_DESC: sortBy(columns.publishedOn, 'DESC', 'date', 'Newest publication first.'),
  PUBLISHED_ON_ASC: sortBy(columns.publishedOn, 'ASC', 'date', 'Oldest publication first.'),
});
export const SourceOrderBy = sourceOrderings.values;
export type SourceOrderBy = keyof typeof SourceOrderBy;

/** What Source lists, counts, statistics and exports filter by, declared once. */
export const sourceFilters = {
  textContains: filterBy.contains([columns.publisher, columns.publisherEn, columns.title], 'Publisher or title contains this text.'),
  publishedFrom: filterBy.atLeast(columns.publishedOn, 'Published on or after this date.'),
  publishedTo: filterBy.atMost(columns.publishedOn, 'Published on or before this date.'),
  archiveStatus: filterBy.archiveStatus('Active (default), archived or all sources.'),
  ...changedFilters('sources'),
};

@InputType({ description: 'Which sources to list.' })
@filterFields(sourceFilters)
export class SourceFilter {}
export interface SourceFilter extends FilterOf<typeof sourceFilters> {}

@ArgsType()
export class SourcesArgs extends PageArgs {
  @Field(() => SourceFilter, { nullable: true, description: 'Filter.' })
  filter?: SourceFilter | null;

  @Field(() => SourceOrderBy, { nullable: true, description: 'Ordering (default PUBLISHED_ON_DESC).' })
  orderBy?: SourceOrderBy | null;
}
