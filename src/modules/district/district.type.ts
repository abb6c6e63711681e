import { Directive, Field, ObjectType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { DivisionCodeScalar } from '../../graphql/scalars';

@Directive(INHERIT_CACHE)
@ObjectType({
  implements: Node,
  description: 'A county-level division (县级行政区: district 区, county 县, county-level city 县级市, banner 旗) by its GB/T 2260 code, e.g. 320102 玄武区 in Nanjing.',
})
export class District extends Node {
  @Field(() => DivisionCodeScalar, { description: 'Six-digit division code (行政区划代码), e.g. "320102".' })
  code: string;

  @Field({ description: 'Name in Chinese (名称), e.g. 玄武区.' })
  name: string;

  @Field({ description: 'Official full name (全称), as GB/T 2260 writes it.' })
  fullName: string;

  @Field(() => String, { nullable: true, description: 'Name in English, where the registry has one.' })
  nameEn: string | null;

  @Field(() => String, { nullable: true, description: 'The full name in toneless pinyin, syllables separated by spaces (拼音), e.g. "xuan wu qu".' })
  pinyin: string | null;

  @Field(() => DivisionCodeScalar, { description: 'Division code of the city the district belongs to.' })
  cityCode: string;

  @Field(() => DivisionCodeScalar, { description: 'Division code of the province the district belongs to.' })
  provinceCode: string;
}

@ObjectType({ description: 'A page of districts.' })
export class DistrictConnection extends Connection(District, 'District', 'district') {}

export interface DistrictRow {
  __typename: 'District';
  id: string;
  code: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  pinyin: string | null;
  cityCode: string;
  provinceCode: string;
}
