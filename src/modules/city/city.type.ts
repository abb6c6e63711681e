import { Directive, ObjectType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { columnFields, divisionCode, type RowOf, text } from '../../registry/columns';

/** The columns of City: its select list, its GraphQL fields and its row type, declared once. */
export const cityColumns = {
  code: divisionCode('t.code', 'Six-digit division code (行政区划代码), e.g. "320100".'),
  name: text('t.name', 'Name in Chinese (名称), e.g. 南京.'),
  nameEn: text('t.name_en', 'Name in English, e.g. Nanjing; for cities outside the published reports their pinyin (e.g. Huhehaote), and none for autonomous prefectures, leagues and areas.').orNull(),
  fullName: text('t.full_name', 'Official full name (全称), as GB/T 2260 writes it, e.g. 南京市.').orNull(),
  pinyin: text('t.pinyin', 'The full name in toneless pinyin, syllables separated by spaces (拼音), e.g. "nan jing shi".').orNull(),
  provinceCode: divisionCode('t.province_code', 'Division code of the province the city belongs to.'),
};

export type CityRow = RowOf<'City', typeof cityColumns>;

@Directive(INHERIT_CACHE)
@ObjectType({ implements: Node, description: 'A prefecture-level city (地级市), identified by its division code, e.g. 320100 Nanjing (南京市).' })
@columnFields(cityColumns)
export class City extends Node {}

@ObjectType({ description: 'A page of cities.' })
export class CityConnection extends Connection(City, 'City', 'city') {}

