import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/relay/page-args';

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

@InputType({ description: 'Which provinces to list.' })
export class ProvinceFilter {
  @Field(() => String, { nullable: true, description: 'Name contains this text (Chinese, English or pinyin), case-insensitive.' })
  nameContains?: string | null;
}

@ArgsType()
export class ProvincesArgs extends PageArgs {
  @Field(() => ProvinceFilter, { nullable: true, description: 'Filter.' })
  filter?: ProvinceFilter | null;

  @Field(() => ProvinceOrderBy, { nullable: true, description: 'Ordering (default CODE_ASC).' })
  orderBy?: ProvinceOrderBy | null;
}
