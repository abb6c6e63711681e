import { Directive, Field, ObjectType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { DivisionCodeScalar } from '../../graphql/scalars';

@Directive(INHERIT_CACHE)
@ObjectType({ implements: Node, description: 'A prefecture-level city (地级市), identified by its division code, e.g. 320100 Nanjing (南京市).' })
export class City extends Node {
  @Field(() => DivisionCodeScalar, { description: 'Six-digit division code (行政区划代码), e.g. "320100".' })
  code: string;

  @Field({ description: 'Name in Chinese (名称), e.g. 南京.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Official full name (全称), as GB/T 2260 writes it, e.g. 南京市.' })
  fullName: string | null;

  @Field(() => String, { nullable: true, description: 'The full name in toneless pinyin, syllables separated by spaces (拼音), e.g. "nan jing shi".' })
  pinyin: string | null;

  @Field(() => String, { nullable: true, description: 'Name in English, e.g. Nanjing; for cities outside the published reports their pinyin (e.g. Huhehaote), and none for autonomous prefectures, leagues and areas.' })
  nameEn: string | null;

  @Field(() => DivisionCodeScalar, { description: 'Division code of the province the city belongs to.' })
  provinceCode: string;
}

@ObjectType({ description: 'A page of cities.' })
export class CityConnection extends Connection(City, 'City', 'city') {}

export interface CityRow {
  __typename: 'City';
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  fullName: string | null;
  pinyin: string | null;
  provinceCode: string;
}
