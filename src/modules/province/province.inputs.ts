import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { filterBy, filterFields, type FilterOf } from '../../registry/filters';
import { provinceColumns } from './province.type';

export enum ProvinceOrderBy {
  CODE_ASC = 'CODE_ASC',
  NAME_ASC = 'NAME_ASC',
}
registerEnumType(ProvinceOrderBy, {
  name: 'ProvinceOrderBy',
  description: 'Orderings of provinces.',
  valuesConfig: {
    CODE_ASC: { description: 'By division code, ascending.' },
    NAME_ASC: { description: 'By Chinese name, ascending; ties by division code.' },
  },
});

const columns = provinceColumns;

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
