import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { provinceColumns } from './province.type';
import { DIVISION_ORDERINGS, orderingsOf } from '../../registry/orderings';

const columns = provinceColumns;

/** How Province lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const provinceOrderings = orderingsOf('ProvinceOrderBy', 'Orderings of provinces.', DIVISION_ORDERINGS);
export const ProvinceOrderBy = provinceOrderings.values;
export type ProvinceOrderBy = keyof typeof ProvinceOrderBy;

/** What Province lists, counts, statistics and exports filter by, declared once. */
export const provinceFilters = {
  nameContains: filterBy.contains([columns.name, columns.nameEn, columns.pinyin], 'Name contains this text (Chinese, English or pinyin), case-insensitive.'),
};

@InputType({ description: 'Which provinces to list.' })
@filterFields(provinceFilters)
export class ProvinceFilter {}
export interface ProvinceFilter extends FilterOf<typeof provinceFilters> {}

@ArgsType()
export class ProvincesArgs extends PageArgs {
  @Field(() => ProvinceFilter, { nullable: true, description: 'Filter.' })
  filter?: ProvinceFilter | null;

  @Field(() => ProvinceOrderBy, { nullable: true, description: 'Ordering (default CODE_ASC).' })
  orderBy?: ProvinceOrderBy | null;
}
