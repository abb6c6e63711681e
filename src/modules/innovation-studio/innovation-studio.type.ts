import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnterpriseLinkedGroup } from '../enterprise/enterprise-linked-group';
import { Connection } from '../../graphql/relay/connection';
import { cityPortalColumns, placeColumns, RegistryRecord, registryRecordColumns } from '../../registry/registry-record.interface';
import { columnFields, enumColumn, internal, localDate, text, type RowOf } from '../../registry/columns';
import { Node } from '../../graphql/relay/node.interface';
import { RecordPayload } from '../../graphql/writes';
import { enterpriseIdColumn } from '../enterprise/enterprise-reference';
import { field } from '../../registry/writes/fields';
import { dimensionsOf, groupBy, groupFields } from '../../registry/dimensions';
import { enterpriseGroupDimensions, placeGroupDimensions } from '../../registry/stats';

export enum InnovationStudioKind {
  MODEL_WORKER = 'MODEL_WORKER',
  EMPLOYEE = 'EMPLOYEE',
  CRAFTSMAN = 'CRAFTSMAN',
  SPECIALISED_TECHNICAL = 'SPECIALISED_TECHNICAL',
}
registerEnumType(InnovationStudioKind, {
  name: 'InnovationStudioKind',
  description: 'Kind of innovation studio.',
  valuesConfig: {
    MODEL_WORKER: { description: 'Model-worker innovation studio (劳模创新工作室).' },
    EMPLOYEE: { description: 'Employee innovation studio (职工创新工作室).' },
    CRAFTSMAN: { description: 'Craftsman innovation studio (工匠创新工作室).' },
    SPECIALISED_TECHNICAL: { description: 'Specialised technical innovation studio (专业技术创新工作室).' },
  },
});

export enum DemonstrationLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  NONE = 'NONE',
}
registerEnumType(DemonstrationLevel, {
  name: 'DemonstrationLevel',
  description: 'Level at which a studio is recognised as a demonstration studio (示范性创新工作室).',
  valuesConfig: {
    NATIONAL: { description: 'National demonstration studio (全国示范性).' },
    PROVINCIAL: { description: 'Provincial or regional demonstration studio (省级/区域示范性).' },
    MUNICIPAL: { description: 'Municipal demonstration studio (市级示范性).' },
    NONE: { description: 'Not a demonstration studio.' },
  },
});

/** An innovation studio's columns: its select list, its GraphQL fields and its row type, declared once. */
export const innovationStudioColumns = {
  id: internal<number>('t.id'),
  name: text('t.name', 'Name in Chinese (名称).').written({ max: 200 }),
  kind: enumColumn(InnovationStudioKind)('t.kind', 'Kind of studio (类型); null where the source does not say.').orNull().written(),
  demonstrationLevel: enumColumn(DemonstrationLevel)(
    't.demonstration_level',
    'Demonstration level (示范级别); NONE for a studio that is not a demonstration studio, null where the source does not say.',
  ).orNull().written(),
  enterpriseId: enterpriseIdColumn<number | null>(),
  ...placeColumns,
  establishedOn: localDate('t.established_on', 'Date established (成立日期), where known.').orNull().written(),
  leadCraftsmanId: internal<number | null>('t.lead_craftsman_id').writtenAs((column) => field.reference(column, 'Craftsman', 'craftsman', 'id', { sameCity: true })),
  ...cityPortalColumns('studio'),
  ...registryRecordColumns,
};

export type InnovationStudioRow = RowOf<'InnovationStudio', typeof innovationStudioColumns>;

@ObjectType({ implements: [Node, RegistryRecord], description: 'An innovation studio (创新工作室), hosted by an enterprise.' })
@columnFields(innovationStudioColumns)
export class InnovationStudio extends RegistryRecord {}

@ObjectType({ description: 'A page of innovation studios.' })
export class InnovationStudioConnection extends Connection(InnovationStudio, 'InnovationStudio', 'innovation studio') {}

@ObjectType({ description: 'The result of a write to an innovation studio.' })
export class InnovationStudioPayload extends RecordPayload(InnovationStudio, 'InnovationStudio', 'innovationStudio', 'innovation studio') {}

/** What InnovationStudio statistics group by, declared once: the groupBy enum, the dimensions and the group row's fields. */
export const innovationStudioDimensions = dimensionsOf('InnovationStudioDimension', 'What innovation studio statistics can be grouped by.', {
  ...placeGroupDimensions('studio', 'studios'),
  KIND: groupBy.column(innovationStudioColumns, 'kind', 'The kind of studio.', 'Kind, when grouped by KIND.'),
  DEMONSTRATION_LEVEL: groupBy.column(innovationStudioColumns, 'demonstrationLevel', 'The demonstration level of the studio.', 'Demonstration level, when grouped by DEMONSTRATION_LEVEL.'),
  YEAR_ESTABLISHED: groupBy.year(
    innovationStudioColumns,
    'establishedOn',
    'The year the studio was established; studios with no known date form their own group.',
    'Year established, when grouped by YEAR_ESTABLISHED (null also for unknown dates).',
  ),
  MONTH_ESTABLISHED: groupBy.month(innovationStudioColumns, 'establishedOn', 'The month the studio was established; studios with no known date form their own group.'),
  ...enterpriseGroupDimensions("The ownership of the studio's enterprise (所有制).", "The industry of the studio's enterprise (行业); unknown industries form their own group."),
});
export const InnovationStudioDimension = innovationStudioDimensions.values;
export type InnovationStudioDimension = keyof typeof InnovationStudioDimension;

@ObjectType({ description: 'Innovation studios counted per group (创新工作室统计); ungrouped dimensions are null.' })
@groupFields(innovationStudioDimensions.declared)
export class InnovationStudioGroup extends EnterpriseLinkedGroup {
  @Field(() => Int, { description: 'Number of studios in the group.' })
  count: number;
}
