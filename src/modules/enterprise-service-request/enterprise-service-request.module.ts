import { Float, Int } from 'type-graphql';
import { describedEnum } from '../../graphql/enums';
import { enumColumn, float, integer, internal, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { childListField, toOneField } from '../../registry/relations';
import { field } from '../../registry/writes/fields';
import { ENTERPRISE_KEYS_RELEASED_AS_ID, recordType } from '../record-type';
import { reformAlliance } from '../reform-alliance/reform-alliance.module';

export const Satisfaction = describedEnum('Satisfaction', 'How the enterprise rated the answer to its request (满意度).', {
  SATISFIED: 'Satisfied (满意).',
  BASICALLY_SATISFIED: 'Basically satisfied (基本满意).',
  DISSATISFIED: 'Dissatisfied (不满意).',
});

const columns = {
  subject: text('t.subject', 'What the enterprise asked for (诉求事项).').written({ max: 500 }),
  reformAllianceId: internal<number | null>('t.reform_alliance_id').writtenAs((column) => field.reference(column, 'ReformAlliance', 'reform_alliance', 'id', { sameCity: true })),
  receivedOn: localDate('t.received_on', 'Day the request was received (受理日期), where known.').orNull().written(),
  responseCommitmentHours: integer('t.response_commitment_hours', 'Hours within which a first answer was promised (承诺反馈时限，小时), e.g. 24; null where none was.').orNull().written({ min: 1, max: 8760 }),
  responseHours: float('t.response_hours::float8', 'Hours from receipt to the first answer (实际反馈用时，小时); null while unanswered or not recorded.').orNull().written({ min: 0 }),
  resolvedOn: localDate('t.resolved_on', 'Day the request was resolved (办结日期); null while open or not recorded.').orNull().written(),
  satisfaction: enumColumn(Satisfaction)('t.satisfaction', 'How the enterprise rated the answer (满意度); null where not rated.').orNull().written(),
};

/** A share in percent, to one decimal, of a count over another; null when the second is 0 (no evidence, not 0%). */
const percent = (part: string, whole: string) => `round(100.0 * ${part} / nullif(${whole}, 0), 1)::float8`;
const ANSWERED_IN_TIME = 't.response_hours <= t.response_commitment_hours';
const MEASURED = 't.response_hours IS NOT NULL AND t.response_commitment_hours IS NOT NULL';
const CONTENT = `t.satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED')`;

/** Requests enterprises bring to a park, an alliance or a union (企业诉求), with how fast and how well they were answered. */
export const enterpriseServiceRequest = recordType({
  typename: 'EnterpriseServiceRequest',
  table: 'enterprise_service_request',
  noun: { one: 'enterprise service request', many: 'enterprise service requests', zh: '企业诉求' },
  description:
    'A request an enterprise brought (企业诉求), e.g. to a park\'s reform alliance: when it was received, the response time promised and taken (so that a 24-hour commitment is measurable), when it was resolved, and how satisfied the enterprise was.',
  listField: 'enterpriseServiceRequests',
  slug: 'enterprise-service-requests',
  published: { inputTypes: ENTERPRISE_KEYS_RELEASED_AS_ID },
  columns,
  enterprise: {
    field: 'The enterprise that made the request (提出企业); null where the source does not name it.',
    list: 'Service requests the enterprise made.',
  },
  filters: (c) => ({
    receivedFrom: filterBy.atLeast(c.receivedOn, 'Received on or after this date.'),
    receivedTo: filterBy.atMost(c.receivedOn, 'Received on or before this date.'),
    satisfactions: filterBy.anyOf(c.satisfaction, 'Rated any of these.'),
    subjectContains: filterBy.contains([c.subject], 'Subject contains this text, case-insensitive.'),
  }),
  orderings: {
    RECEIVED_ON_ASC: sortBy(columns.receivedOn, 'ASC', 'date', 'Oldest first; unknown dates first.', EARLIEST_DATE),
    RECEIVED_ON_DESC: sortBy(columns.receivedOn, 'DESC', 'date', 'Newest first; unknown dates last.', EARLIEST_DATE),
  },
  dimensions: {
    SATISFACTION: groupBy.column(columns, 'satisfaction', 'How the enterprise rated the answer; unrated requests form their own group.', 'Satisfaction, when grouped by SATISFACTION.'),
    YEAR_RECEIVED: groupBy.year(columns, 'receivedOn', 'The year received; requests with no known date form their own group.', 'Year received, when grouped by YEAR_RECEIVED (null also for unknown dates).'),
    MONTH_RECEIVED: groupBy.month(columns, 'receivedOn', 'The month received; requests with no known date form their own group.'),
  },
  measures: {
    answered: { expression: 'count(t.response_hours)::integer', type: () => Int, description: 'Requests with a recorded first answer (已反馈).' },
    answeredWithinCommitment: {
      expression: `count(*) FILTER (WHERE ${ANSWERED_IN_TIME})::integer`,
      type: () => Int,
      description: 'Requests answered within the promised hours (按时反馈).',
    },
    withinCommitmentRate: {
      expression: percent(`count(*) FILTER (WHERE ${ANSWERED_IN_TIME})`, `count(*) FILTER (WHERE ${MEASURED})`),
      type: () => Float,
      description: 'Percent answered within the promised hours, of the requests with both a promise and a recorded answer (按时反馈率, %); null when there are none: no evidence, not 0%.',
    },
    resolved: { expression: 'count(t.resolved_on)::integer', type: () => Int, description: 'Requests resolved (已办结).' },
    rated: { expression: 'count(t.satisfaction)::integer', type: () => Int, description: 'Requests the enterprise rated (已评价).' },
    satisfactionRate: {
      expression: percent(`count(*) FILTER (WHERE ${CONTENT})`, 'count(t.satisfaction)'),
      type: () => Float,
      description: 'Percent satisfied or basically satisfied, of the rated requests (满意率, %); null when none is rated: no evidence, not 0%.',
    },
  },
  datedBy: { column: 'receivedOn', what: 'the day it was received' },
  write: {
    required: ['subject'],
    check: (r) =>
      typeof r.resolved_on === 'string' && typeof r.received_on === 'string' && r.resolved_on < r.received_on
        ? [['resolved_on', 'resolvedOn must not be before receivedOn (办结日期不能早于受理日期).']]
        : [],
    inputs: { reformAllianceId: 'ID of the reform alliance the request came through, in the same city (产改联盟ID).' },
  },
  relations: ({ Type, Connection, ListArgs, table, defaultOrder }) => [
    toOneField(Type, 'reformAlliance', () => reformAlliance.Type, {
      table: () => reformAlliance.table,
      keyColumn: 't.id',
      parentColumn: 'reformAllianceId',
      description: 'The reform alliance that received the request (受理联盟), where one did.',
    }),
    childListField(reformAlliance.Type, 'enterpriseServiceRequests', Connection, ListArgs, {
      table: () => table,
      childColumn: 't.reform_alliance_id',
      parentKey: 'id',
      defaultOrder,
      description: 'Requests enterprises brought to the alliance (联盟受理的企业诉求).',
    }),
  ],
  goalMetrics: {
    ENTERPRISE_SERVICE_REQUESTS: { label: { zh: '企业诉求', en: 'Enterprise service requests' }, description: 'Enterprise service requests received (受理企业诉求).', publishedAs: 'ENTERPRISE_ISSUES_COLLECTED' },
    SERVICE_REQUESTS_ANSWERED_IN_TIME: {
      label: { zh: '按时反馈的企业诉求', en: 'Requests answered in time' },
      description: 'Enterprise service requests answered within the promised hours (按时反馈的企业诉求).',
      condition: ANSWERED_IN_TIME,
    },
  },
});

export default enterpriseServiceRequest.module;
