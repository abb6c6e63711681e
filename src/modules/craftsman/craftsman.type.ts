import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnterpriseLinkedGroup } from '../enterprise/enterprise-linked-group';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { cityPortalColumns, placeColumns, RegistryRecord, registryRecordColumns } from '../../registry/registry-record.interface';
import { RecordPayload } from '../../graphql/writes';
import { columnFields, enumColumn, integer, internal, localDate, type RowOf, text } from '../../registry/columns';
import { enterpriseIdColumn } from '../enterprise/enterprise-reference';
import { dimensionsOf, groupBy, groupFields } from '../../registry/dimensions';
import { enterpriseGroupDimensions, placeGroupDimensions } from '../../registry/stats';

export enum CraftsmanLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
}
registerEnumType(CraftsmanLevel, {
  name: 'CraftsmanLevel',
  description: 'Level of a craftsman title (工匠级别).',
  valuesConfig: {
    NATIONAL: { description: 'National craftsman (国家工匠).' },
    PROVINCIAL: { description: 'Provincial craftsman (省级工匠), e.g. 荆楚工匠.' },
    MUNICIPAL: { description: 'Municipal craftsman (市级工匠), e.g. 南京工匠.' },
  },
});

export enum CraftsmanStatus {
  CANDIDATE = 'CANDIDATE',
  IN_TRAINING = 'IN_TRAINING',
  CERTIFIED = 'CERTIFIED',
  NOT_CERTIFIED = 'NOT_CERTIFIED',
}
registerEnumType(CraftsmanStatus, {
  name: 'CraftsmanStatus',
  description: 'Where a craftsman stands in the selection pipeline (培养状态).',
  valuesConfig: {
    CANDIDATE: { description: 'Nominated candidate (候选人).' },
    IN_TRAINING: { description: 'Selected for training, not yet assessed (培养中).' },
    CERTIFIED: { description: 'Assessed and awarded the title (已认定).' },
    NOT_CERTIFIED: { description: 'Assessed and not awarded (未通过).' },
  },
});

/** The columns of Craftsman: its select list, its GraphQL fields and its row type, declared once. */
export const craftsmanColumns = {
  id: internal<number>('t.id'),
  name: text('t.name', 'Name (姓名).').written({ max: 200 }),
  level: enumColumn(CraftsmanLevel)('t.level', 'Level of the title (级别).').written(),
  honoraryTitle: text('t.honorary_title', 'Honorary title (荣誉称号), e.g. 南京工匠, 荆楚工匠.').orNull().written({ max: 100 }),
  status: enumColumn(CraftsmanStatus)('t.status', 'Pipeline status (培养状态).').written(),
  year: integer('t.year', 'Year of selection or award (年度).').orNull().written({ min: 1949, max: 2100 }),
  recognizedOn: localDate('t.recognized_on', 'Date of recognition (认定日期), where known; it falls in `year` when both are known.').orNull().written(),
  enterpriseId: enterpriseIdColumn<number | null>(),
  ...placeColumns,
  ...cityPortalColumns('craftsman'),
  ...registryRecordColumns,
};

export type CraftsmanRow = RowOf<'Craftsman', typeof craftsmanColumns>;

@ObjectType({
  implements: [Node, RegistryRecord],
  description:
    'A craftsman (工匠) at national, provincial or municipal level. Personal data (个人信息: national ID number, phone) is shown only to ADMIN and the CITY_EDITOR of the craftsman’s city.',
})
@columnFields(craftsmanColumns)
export class Craftsman extends RegistryRecord {
  // nationalIdNumber and phone are field resolvers (craftsman.resolver.ts): each asks the policy first.
}

@ObjectType({ description: 'A page of craftsmen.' })
export class CraftsmanConnection extends Connection(Craftsman, 'Craftsman', 'craftsman') {}

@ObjectType({ description: 'The result of a write to a craftsman.' })
export class CraftsmanPayload extends RecordPayload(Craftsman, 'Craftsman', 'craftsman', 'craftsman') {}

/** What Craftsman statistics group by, declared once: the groupBy enum, the dimensions and the group row's fields. */
export const craftsmanDimensions = dimensionsOf('CraftsmanDimension', 'What craftsman statistics can be grouped by.', {
  ...placeGroupDimensions('craftsman', 'craftsmen'),
  LEVEL: groupBy.column(craftsmanColumns, 'level', 'The level of the craftsman title.', 'Level, when grouped by LEVEL.'),
  STATUS: groupBy.column(craftsmanColumns, 'status', 'Where the craftsman stands in the selection pipeline.', 'Status, when grouped by STATUS.'),
  HONORARY_TITLE: groupBy.column(craftsmanColumns, 'honoraryTitle', 'The honorary title; craftsmen without one form their own group.', 'Honorary title, when grouped by HONORARY_TITLE.'),
  YEAR: groupBy.column(craftsmanColumns, 'year', 'The year of selection or award; craftsmen with no known year form their own group.', 'Year, when grouped by YEAR.'),
  MONTH_RECOGNIZED: groupBy.month(craftsmanColumns, 'recognizedOn', 'The month of recognition (认定日期); craftsmen with no known date form their own group.'),
  ...enterpriseGroupDimensions(
    "The ownership of the craftsman's enterprise (所有制); craftsmen with no enterprise form their own group.",
    "The industry of the craftsman's enterprise (行业); unknown industries form their own group.",
  ),
});
export const CraftsmanDimension = craftsmanDimensions.values;
export type CraftsmanDimension = keyof typeof CraftsmanDimension;

@ObjectType({ description: 'Craftsmen counted per group (工匠统计); ungrouped dimensions are null.' })
@groupFields(craftsmanDimensions.declared)
export class CraftsmanGroup extends EnterpriseLinkedGroup {
  @Field(() => Int, { description: 'Number of craftsmen in the group.' })
  count: number;
}

