import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';
import { DivisionCodeScalar } from '../../graphql/scalars';

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

@InputType({ description: 'Which cities to list.' })
export class CityFilter {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Only cities of this province, e.g. "320000".' })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name contains this text (Chinese, English or pinyin), case-insensitive.' })
  nameContains?: string | null;
}

@ArgsType()
export class CitiesArgs extends PageArgs {
  @Field(() => CityFilter, { nullable: true, description: 'Filter.' })
  filter?: CityFilter | null;

  @Field(() => CityOrderBy, { nullable: true, description: 'Ordering (default CODE_ASC).' })
  orderBy?: CityOrderBy | null;
}
