import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { LocalDateScalar } from '../../graphql/scalars';
import { ArchiveStatus } from '../../graphql/writes';

export enum SourceOrderBy {
  PUBLISHED_ON_DESC = 'PUBLISHED_ON_DESC',
  PUBLISHED_ON_ASC = 'PUBLISHED_ON_ASC',
}
registerEnumType(SourceOrderBy, {
  name: 'SourceOrderBy',
  description: 'Orderings of sources; ties are broken by record id.',
  valuesConfig: {
    PUBLISHED_ON_DESC: { description: 'Newest publication first.' },
    PUBLISHED_ON_ASC: { description: 'Oldest publication first.' },
  },
});

@InputType({ description: 'Which sources to list.' })
export class SourceFilter {
  @Field(() => String, { nullable: true, description: 'Publisher or title contains this text.' })
  textContains?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Published on or after this date.' })
  publishedFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Published on or before this date.' })
  publishedTo?: string | null;

  @Field(() => ArchiveStatus, { nullable: true, description: 'Active (default), archived or all sources.' })
  archiveStatus?: ArchiveStatus | null;
}

@ArgsType()
export class SourcesArgs extends PageArgs {
  @Field(() => SourceFilter, { nullable: true, description: 'Filter.' })
  filter?: SourceFilter | null;

  @Field(() => SourceOrderBy, { nullable: true, description: 'Ordering (default PUBLISHED_ON_DESC).' })
  orderBy?: SourceOrderBy | null;
}
