import { describedEnum } from '../../graphql/enums';
import { enumColumn, flag, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName } from '../../registry/orderings';
import { recordType } from '../record-type';

export const CraftsmanAcademyLevel = describedEnum('CraftsmanAcademyLevel', 'Level of a craftsman academy (工匠学院级别).', {
  PROVINCIAL: 'Provincial academy (省级).',
  MUNICIPAL: 'Municipal academy (市级).',
  DISTRICT: 'District academy (区级).',
});

/** Levels whose academies belong to a city (市级, 区级); a provincial academy may have none. */
const CITY_LEVELS: readonly string[] = [CraftsmanAcademyLevel.MUNICIPAL, CraftsmanAcademyLevel.DISTRICT];

const columns = {
  name: text('t.name', 'Name in Chinese (名称).').written({ max: 200 }),
  level: enumColumn(CraftsmanAcademyLevel)('t.level', 'Level (级别).').written(),
  hostInstitution: text('t.host_institution', 'Host institution (依托单位), e.g. 南京开放大学.').orNull().written({ max: 200 }),
  onProvincialSupportList: flag('t.on_provincial_support_list', 'On the provincial support list (纳入省级支持名单); null where the source does not say which academies are.').orNull().written(),
  establishedOn: localDate('t.established_on', 'Date founded (成立日期), where known.').orNull().written(),
};

/**
 * Craftsman academies (工匠学院). City editors keep their city's; an academy has its own city (a city
 * editor's by default) and its province follows from it; ADMIN may register a provincial academy with a
 * province and no city. Municipal and district academies need a city.
 */
export const craftsmanAcademy = recordType({
  typename: 'CraftsmanAcademy',
  table: 'craftsman_academy',
  noun: { one: 'craftsman academy', many: 'craftsman academies', zh: '工匠学院' },
  description: 'A craftsman academy (工匠学院) that trains skilled workers.',
  listField: 'craftsmanAcademies',
  slug: 'craftsman-academies',
  columns,
  provinceLevel: true,
  filters: (c) => ({
    levels: filterBy.anyOf(c.level, 'Any of these levels.'),
    onProvincialSupportList: filterBy.equalTo(c.onProvincialSupportList, 'Only academies on (true) or off (false) the provincial support list.'),
    establishedFrom: filterBy.atLeast(c.establishedOn, 'Founded (成立日期) on or after this date; academies with no known date are left out.'),
    establishedTo: filterBy.atMost(c.establishedOn, 'Founded (成立日期) on or before this date; academies with no known date are left out.'),
    nameContains: filterBy.contains([c.name, c.hostInstitution], 'Name or host institution contains this text.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
  },
  dimensions: {
    LEVEL: groupBy.column(columns, 'level', 'The level of the academy.', 'Level, when grouped by LEVEL.'),
    ON_PROVINCIAL_SUPPORT_LIST: groupBy.column(
      columns,
      'onProvincialSupportList',
      'Whether the academy is on the provincial support list.',
      'Support-list membership, when grouped by ON_PROVINCIAL_SUPPORT_LIST; null also where it is not known.',
    ),
    YEAR_ESTABLISHED: groupBy.year(
      columns,
      'establishedOn',
      'The year the academy was founded (成立日期); academies with no known date form their own group.',
      'Year founded, when grouped by YEAR_ESTABLISHED (null also for unknown dates).',
    ),
    MONTH_ESTABLISHED: groupBy.month(columns, 'establishedOn', 'The month the academy was founded; academies with no known date form their own group.'),
  },
  datedBy: { column: 'establishedOn', what: 'the day it was founded' },
  write: {
    required: ['name', 'level'],
    requiredOnCreate: ['on_provincial_support_list'],
    defaults: { on_provincial_support_list: false },
    check(record) {
      if (record.city_code == null && typeof record.level === 'string' && CITY_LEVELS.includes(record.level)) {
        return [['city_code', `cityCode is required: a ${record.level} academy lies in a city; only a PROVINCIAL academy may have none.`]];
      }
      return [];
    },
  },
  goalMetrics: {
    CRAFTSMAN_ACADEMIES: { label: { zh: '工匠学院', en: 'Craftsman academies' }, description: 'Craftsman academies (工匠学院), all levels.', publishedAs: 'CRAFTSMAN_ACADEMIES' },
  },
});

/** The academy's object type and table spec, for the relations other types declare to it. */
export const CraftsmanAcademy = craftsmanAcademy.Type;
export const craftsmanAcademyTable = craftsmanAcademy.table;

export default craftsmanAcademy.module;
