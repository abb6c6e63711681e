import { Directive, ObjectType } from 'type-graphql';
import { INHERIT_CACHE } from '../../graphql/cache-hints';
import { Node } from '../../graphql/relay/node.interface';
import { Connection } from '../../graphql/relay/connection';
import { columnFields, divisionCode, type RowOf, text } from '../../registry/columns';

/** The columns of Province: its select list, its GraphQL fields and its row type, declared once. */
export const provinceColumns = {
  code: divisionCode('t.code', 'Six-digit division code (行政区划代码), e.g. "320000".'),
  name: text('t.name', 'Name in Chinese (名称), e.g. 江苏.'),
  nameEn: text('t.name_en', 'Name in English, e.g. Jiangsu.').orNull(),
  fullName: text('t.full_name', 'Official full name (全称), as GB/T 2260 writes it, e.g. 江苏省.').orNull(),
  pinyin: text('t.pinyin', 'The full name in toneless pinyin, syllables separated by spaces (拼音), e.g. "jiang su sheng".').orNull(),
};

export type ProvinceRow = RowOf<'Province', typeof provinceColumns>;

@Directive(INHERIT_CACHE)
@ObjectType({ implements: Node, description: 'A provincial-level division (省级行政区: province 省, autonomous region 自治区, municipality 直辖市, special administrative region 特别行政区), identified by its division code, e.g. 320000 Jiangsu (江苏省).' })
@columnFields(provinceColumns)
export class Province extends Node {}

@ObjectType({ description: 'A page of provinces.' })
export class ProvinceConnection extends Connection(Province, 'Province', 'province') {}

