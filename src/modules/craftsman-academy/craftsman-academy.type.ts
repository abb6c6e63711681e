import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { placeGroupDimensions, RegistryGroup } from '../../registry/stats';
import { Connection } from '../../graphql/relay/connection';
import { cityPortalColumns, placeColumns, RegistryRecord, registryRecordColumns } from '../../registry/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { RecordPayload } from '../../graphql/writes';
import { columnFields, enumColumn, flag, internal, localDate, type RowOf, text } from '../../registry/columns';
import { dimensionsOf, groupBy, groupFields } from '../../registry/dimensions';

export enum CraftsmanAcademyLevel {
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  DISTRICT = 'DISTRICT',
}
registerEnumType(CraftsmanAcademyLevel, {
  name: 'CraftsmanAcademyLevel',
  description: 'Level of a craftsman academy (工匠学院级别).',
  valuesConfig: {
    PROVINCIAL: { description: 'Provincial academy (省级).' },
    MUNICIPAL: { description: 'Municipal academy (市级).' },
    DISTRICT: { description: 'District academy (区级).' },
  },
});

/** The columns of CraftsmanAcademy: its select list, its GraphQL fields and its row type, declared once. */
export const craftsmanAcademyColumns = {
  id: internal<number>('t.id'),
  name: text('t.name', 'Name in Chinese (名称).').written({ max: 200 }),
  level: enumColumn(CraftsmanAcademyLevel)('t.level', 'Level (级别).').written(),
  hostInstitution: text('t.host_institution', 'Host institution (依托单位), e.g. 南京开放大学.').orNull().written({ max: 200 }),
  ...placeColumns,
  onProvincialSupportList: flag('t.on_provincial_support_list', 'On the provincial support list (纳入省级支持名单); null where the source does not say which academies are.').orNull().written(),
  establishedOn: localDate('t.established_on', 'Date founded (成立日期), where known.').orNull().written(),
  ...cityPortalColumns('academy'),
  ...registryRecordColumns,
};

export type CraftsmanAcademyRow = RowOf<'CraftsmanAcademy', typeof craftsmanAcademyColumns>;

@ObjectType({ implements: [Node, RegistryRecord], description: 'A craftsman academy (工匠学院) that trains skilled workers.' })
@columnFields(craftsmanAcademyColumns)
export class CraftsmanAcademy extends RegistryRecord {}

@ObjectType({ description: 'A page of craftsman academies.' })
export class CraftsmanAcademyConnection extends Connection(CraftsmanAcademy, 'CraftsmanAcademy', 'craftsman academy') {}

@ObjectType({ description: 'The result of a write to a craftsman academy.' })
export class CraftsmanAcademyPayload extends RecordPayload(CraftsmanAcademy, 'CraftsmanAcademy', 'craftsmanAcademy', 'craftsman academy') {}

/** What CraftsmanAcademy statistics group by, declared once: the groupBy enum, the dimensions and the group row's fields. */
export const craftsmanAcademyDimensions = dimensionsOf('CraftsmanAcademyDimension', 'What craftsman academy statistics can be grouped by.', {
  ...placeGroupDimensions('academy', 'academies'),
  LEVEL: groupBy.column(craftsmanAcademyColumns, 'level', 'The level of the academy.', 'Level, when grouped by LEVEL.'),
  ON_PROVINCIAL_SUPPORT_LIST: groupBy.column(
    craftsmanAcademyColumns,
    'onProvincialSupportList',
    'Whether the academy is on the provincial support list.',
    'Support-list membership, when grouped by ON_PROVINCIAL_SUPPORT_LIST; null also where it is not known.',
  ),
  YEAR_ESTABLISHED: groupBy.year(
    craftsmanAcademyColumns,
    'establishedOn',
    'The year the academy was founded (成立日期); academies with no known date form their own group.',
    'Year founded, when grouped by YEAR_ESTABLISHED (null also for unknown dates).',
  ),
  MONTH_ESTABLISHED: groupBy.month(craftsmanAcademyColumns, 'establishedOn', 'The month the academy was founded; academies with no known date form their own group.'),
});
export const CraftsmanAcademyDimension = craftsmanAcademyDimensions.values;
export type CraftsmanAcademyDimension = keyof typeof CraftsmanAcademyDimension;

@ObjectType({ description: 'Craftsman academies counted per group (工匠学院统计); ungrouped dimensions are null.' })
@groupFields(craftsmanAcademyDimensions.declared)
export class CraftsmanAcademyGroup extends RegistryGroup {
  @Field(() => Int, { description: 'Number of academies in the group.' })
  count: number;
}

