import { describedEnum } from '../../graphql/enums';
import { enumColumn, internal, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName, EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { toOneField } from '../../registry/relations';
import { field } from '../../registry/writes/fields';
import { Craftsman, craftsmanTable } from '../craftsman/craftsman.module';
import { recordType } from '../record-type';

export const InnovationStudioKind = describedEnum('InnovationStudioKind', 'Kind of innovation studio.', {
  MODEL_WORKER: 'Model-worker innovation studio (劳模创新工作室).',
  EMPLOYEE: 'Employee innovation studio (职工创新工作室).',
  CRAFTSMAN: 'Craftsman innovation studio (工匠创新工作室).',
  SPECIALISED_TECHNICAL: 'Specialised technical innovation studio (专业技术创新工作室).',
});

export const DemonstrationLevel = describedEnum('DemonstrationLevel', 'Level at which a studio is recognised as a demonstration studio (示范性创新工作室).', {
  NATIONAL: 'National demonstration studio (全国示范性).',
  PROVINCIAL: 'Provincial or regional demonstration studio (省级/区域示范性).',
  MUNICIPAL: 'Municipal demonstration studio (市级示范性).',
  NONE: 'Not a demonstration studio (非示范).',
});

const columns = {
  name: text('t.name', 'Name in Chinese (名称).').written({ max: 200 }),
  kind: enumColumn(InnovationStudioKind)('t.kind', 'Kind of studio (类型); null where the source does not say.').orNull().written(),
  demonstrationLevel: enumColumn(DemonstrationLevel)(
    't.demonstration_level',
    'Demonstration level (示范级别); NONE for a studio that is not a demonstration studio, null where the source does not say.',
  ).orNull().written(),
  establishedOn: localDate('t.established_on', 'Date established (成立日期), where known.').orNull().written(),
  leadCraftsmanId: internal<number | null>('t.lead_craftsman_id').writtenAs((column) => field.reference(column, 'Craftsman', 'craftsman', 'id', { sameCity: true })),
};

/** Innovation studios (创新工作室), hosted by an enterprise; a studio lies in its enterprise's city. */
export const innovationStudio = recordType({
  typename: 'InnovationStudio',
  table: 'innovation_studio',
  noun: { one: 'innovation studio', many: 'innovation studios', zh: '创新工作室' },
  description: 'An innovation studio (创新工作室), hosted by an enterprise.',
  listField: 'innovationStudios',
  slug: 'innovation-studios',
  columns,
  enterprise: {
    field: 'The enterprise that hosts the studio (依托企业); null where the source does not name it.',
    list: 'Innovation studios the enterprise hosts.',
  },
  filters: (c) => ({
    kinds: filterBy.anyOf(c.kind, 'Any of these kinds.'),
    demonstrationLevels: filterBy.anyOf(c.demonstrationLevel, 'Any of these demonstration levels.'),
    establishedFrom: filterBy.atLeast(c.establishedOn, 'Established on or after this date.'),
    establishedTo: filterBy.atMost(c.establishedOn, 'Established on or before this date.'),
    nameContains: filterBy.contains([c.name], 'Name contains this text, case-insensitive.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    ESTABLISHED_ON_ASC: sortBy(columns.establishedOn, 'ASC', 'date', 'Oldest first; unknown dates first.', EARLIEST_DATE),
    ESTABLISHED_ON_DESC: sortBy(columns.establishedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    KIND: groupBy.column(columns, 'kind', 'The kind of studio.', 'Kind, when grouped by KIND.'),
    DEMONSTRATION_LEVEL: groupBy.column(columns, 'demonstrationLevel', 'The demonstration level of the studio.', 'Demonstration level, when grouped by DEMONSTRATION_LEVEL.'),
    YEAR_ESTABLISHED: groupBy.year(
      columns,
      'establishedOn',
      'The year the studio was established; studios with no known date form their own group.',
      'Year established, when grouped by YEAR_ESTABLISHED (null also for unknown dates).',
    ),
    MONTH_ESTABLISHED: groupBy.month(columns, 'establishedOn', 'The month the studio was established; studios with no known date form their own group.'),
  },
  datedBy: { column: 'establishedOn', what: 'the day it was established' },
  write: {
    required: ['name'],
    requiredOnCreate: ['kind', 'demonstration_level', 'enterprise_id'],
    defaults: { demonstration_level: DemonstrationLevel.NONE },
    inputs: { leadCraftsmanId: 'ID of the craftsman who leads the studio (领办人ID).' },
    keys: {
      leadCraftsmanExternalId: {
        spec: field.reference('lead_craftsman_id', 'Craftsman', 'craftsman', 'external_id', { sameCity: true }),
        description: "The lead craftsman's external id in the same city (领办人外部编号).",
      },
    },
  },
  relations: ({ Type }) => [
    toOneField(Type, 'leadCraftsman', () => Craftsman, {
      table: () => craftsmanTable,
      keyColumn: 't.id',
      parentColumn: 'leadCraftsmanId',
      description: 'The craftsman who leads the studio (领办人), where recorded.',
    }),
  ],
  goalMetrics: {
    INNOVATION_STUDIOS: { label: { zh: '创新工作室', en: 'Innovation studios' }, description: 'Innovation studios (创新工作室), all kinds.', publishedAs: 'INNOVATION_STUDIOS' },
  },
});

export default innovationStudio.module;
