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

  @Field(() => String, { nullable: true, description: 'Name in English, e.g. Nanjing.' })
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
  provinceCode: string;
}
