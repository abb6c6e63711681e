import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { cityColumns } from './city.type';

export enum CityOrderBy {
  CODE_ASC = 'CODE_ASC',
  NAME_ASC = 'NAME_ASC',
}
registerEnumType(CityOrderBy, {
  name: 'CityOrderBy',
  description: 'Orderings of cities.',
  valuesConfig: {
    CODE_ASC: { description: 'By division code, ascending.' },
    NAME_ASC: { description: 'By Chinese name, ascending; ties by division code.' },
  },
});

const columns = cityColumns;

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
