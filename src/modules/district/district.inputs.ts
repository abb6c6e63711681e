import { ArgsType, Field, InputType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { districtColumns } from './district.type';
import { DIVISION_ORDERINGS, orderingsOf } from '../../registry/orderings';

const columns = districtColumns;

/** How District lists can be ordered, declared once: the GraphQL enum and the table spec's orders. */
export const districtOrderings = orderingsOf('DistrictOrderBy', 'Orderings of districts.', DIVISION_ORDERINGS);
export const DistrictOrderBy = districtOrderings.values;
export type DistrictOrderBy = keyof typeof DistrictOrderBy;

/** What District lists, counts, statistics and exports filter by, declared once. */
export const districtFilters = {
  provinceCode: filterBy.equalTo(columns.provinceCode, 'Only districts of this province, e.g. "320000".'),
  cityCode: filterBy.equalTo(columns.cityCode, 'Only districts of this city, e.g. "320100".'),
  nameContains: filterBy.contains([columns.name, columns.nameEn, columns.pinyin], 'Name contains this text (Chinese, English or pinyin), case-insensitive.'),
};

@InputType({ description: 'Which districts to list; all given conditions must hold.' })
@filterFields(districtFilters)
export class DistrictFilter {}
export interface DistrictFilter extends FilterOf<typeof districtFilters> {}

@ArgsType()
export class DistrictsArgs extends PageArgs {
  @Field(() => DistrictFilter, { nullable: true, description: 'Filter.' })
  filter?: DistrictFilter | null;

  @Field(() => DistrictOrderBy, { nullable: true, description: 'Ordering (default CODE_ASC).' })
  orderBy?: DistrictOrderBy | null;
}
