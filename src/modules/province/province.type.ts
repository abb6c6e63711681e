import { Directive, Field, ObjectType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Node } from '../../graphql/relay/node.interface';
import { Connection } from '../../graphql/relay/connection';
import { DivisionCodeScalar } from '../../graphql/scalars';

@Directive(INHERIT_CACHE)
@ObjectType({ implements: Node, description: 'A provincial-level division (省级行政区: province 省, autonomous region 自治区, municipality 直辖市, special administrative region 特别行政区), identified by its division code, e.g. 320000 Jiangsu (江苏省).' })
export class Province extends Node {
  @Field(() => DivisionCodeScalar, { description: 'Six-digit division code (行政区划代码), e.g. "320000".' })
  code: string;

  @Field({ description: 'Name in Chinese (名称), e.g. 江苏.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Official full name (全称), as GB/T 2260 writes it, e.g. 江苏省.' })
  fullName: string | null;

  @Field(() => String, { nullable: true, description: 'The full name in toneless pinyin, syllables separated by spaces (拼音), e.g. "jiang su sheng".' })
  pinyin: string | null;

  @Field(() => String, { nullable: true, description: 'Name in English, e.g. Jiangsu.' })
  nameEn: string | null;
}

@ObjectType({ description: 'A page of provinces.' })
export class ProvinceConnection extends Connection(Province, 'Province', 'province') {}

export interface ProvinceRow {
  __typename: 'Province';
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  fullName: string | null;
  pinyin: string | null;
}
