import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { cityColumns } from './city.type';
import { DIVISION_ORDERINGS, orderingsOf } from '../../registry/orderings';

const columns = cityColumns;

/** How City lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const cityOrderings = orderingsOf('CityOrderBy', 'Orderings of cities.', DIVISION_ORDERINGS);
export const CityOrderBy = cityOrderings.values;
export type CityOrderBy = keyof typeof CityOrderBy;

/** What City lists, counts, statistics and exports filter by, declared once. */
export const cityFilters = {
  provinceCode: filterBy.equalTo(columns.provinceCode, 'Only cities of this province, e.g. "320000".'),
  nameContains: filterBy.contains([columns.name, columns.nameEn, columns.pinyin], 'Name contains this text (Chinese, English or pinyin), case-insensitive.'),
};

@InputType({ description: 'Which cities to list.' })
@filterFields(cityFilters)
export class CityFilter {}
export interface CityFilter extends FilterOf<typeof cityFilters> {}

@ArgsType()
export class CitiesArgs extends PageArgs {
  @Field(() => CityFilter, { nullable: true, description: 'Filter.' })
  filter?: CityFilter | null;

  @Field(() => CityOrderBy, { nullable: true, description: 'Ordering (default CODE_ASC).' })
  orderBy?: CityOrderBy | null;
}
