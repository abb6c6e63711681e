import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar } from '../../graphql/scalars';

export enum DistrictOrderBy {
  CODE_ASC = 'CODE_ASC',
  NAME_ASC = 'NAME_ASC',
}
registerEnumType(DistrictOrderBy, {
  name: 'DistrictOrderBy',
  description: 'Orderings of districts.',
  valuesConfig: {
    CODE_ASC: { description: 'By division code, ascending.' },
    NAME_ASC: { description: 'By Chinese name, ascending; ties by division code.' },
  },
});

@InputType({ description: 'Which districts to list; all given conditions must hold.' })
export class DistrictFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Only districts of this province, e.g. "320000".' })
  provinceCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Only districts of this city, e.g. "320100".' })
  cityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (Chinese, English or pinyin), case-insensitive.' })
  nameContains?: string | null;
}

@ArgsType()
export class DistrictsArgs extends PageArgs {
  @Field(() => DistrictFilter, { nullable: true, description: 'Filter.' })
  filter?: DistrictFilter | null;

  @Field(() => DistrictOrderBy, { nullable: true, description: 'Ordering (default CODE_ASC).' })
  orderBy?: DistrictOrderBy | null;
}
