import { Directive, ObjectType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { columnFields, divisionCode, type RowOf, text } from '../../registry/columns';

/** The columns of District: its select list, its GraphQL fields and its row type, declared once. */
export const districtColumns = {
  code: divisionCode('t.code', 'Six-digit division code (行政区划代码), e.g. "320102".'),
  name: text('t.name', 'Name in Chinese (名称), e.g. 玄武区.'),
  fullName: text('t.full_name', 'Official full name (全称), as GB/T 2260 writes it.'),
  nameEn: text('t.name_en', 'Name in English, where the registry has one.').orNull(),
  pinyin: text('t.pinyin', 'The full name in toneless pinyin, syllables separated by spaces (拼音), e.g. "xuan wu qu".').orNull(),
  cityCode: divisionCode('t.city_code', 'Division code of the city the district belongs to.'),
  provinceCode: divisionCode('t.province_code', 'Division code of the province the district belongs to.'),
};

export type DistrictRow = RowOf<'District', typeof districtColumns>;

@Directive(INHERIT_CACHE)
@ObjectType({
  implements: Node,
  description: 'A county-level division (县级行政区: district 区, county 县, county-level city 县级市, banner 旗) by its GB/T 2260 code, e.g. 320102 玄武区 in Nanjing.',
})
@columnFields(districtColumns)
export class District extends Node {}

@ObjectType({ description: 'A page of districts.' })
export class DistrictConnection extends Connection(District, 'District', 'district') {}

