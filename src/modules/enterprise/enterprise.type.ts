import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/relay/connection';
import { cityPortalColumns, placeColumns, RegistryRecord, registryRecordColumns } from '../../registry/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { CreditCodeScalar } from '../../graphql/scalars';
import { placeGroupDimensions, RegistryGroup } from '../../registry/stats';
import { RecordPayload } from '../../graphql/writes';
import { columnFields, columnOf, enumColumn, integer, internal, localDate, type RowOf, text } from '../../registry/columns';
import { field } from '../../registry/writes/fields';
import { dimensionsOf, groupBy, groupFields, monthOf, yearOf } from '../../registry/dimensions';

export enum Ownership {
  STATE_OWNED = 'STATE_OWNED',
  PRIVATE = 'PRIVATE',
  FOREIGN_INVESTED = 'FOREIGN_INVESTED',
  OTHER = 'OTHER',
}
registerEnumType(Ownership, {
  name: 'Ownership',
  description: 'Ownership of an enterprise (所有制).',
  valuesConfig: {
    STATE_OWNED: { description: 'State-owned (国有企业).' },
    PRIVATE: { description: 'Private (民营企业).' },
    FOREIGN_INVESTED: { description: 'Foreign-invested (外资企业).' },
    OTHER: { description: 'Other or mixed ownership (其他).' },
  },
});

/** The largest workforce an enterprise may report: above China's largest employers (about 1.5 million). */
export const MAX_EMPLOYEE_COUNT = 5_000_000;

/** The columns of Enterprise: its select list, its GraphQL fields and its row type, declared once. */
export const enterpriseColumns = {
  id: internal<number>('t.id'),
  creditCode: columnOf<string>(() => CreditCodeScalar)('t.credit_code', 'Unified social credit code (统一社会信用代码).').writtenAs((column) => field.creditCode(column)),
  name: text('t.name', 'Registered name in Chinese (企业名称).').written({ max: 200 }),
  nameEn: text('t.name_en', 'English name, where known.').orNull().written({ max: 200 }),
  ownership: enumColumn(Ownership)('t.ownership', 'Ownership (所有制); null where it is not known (the published reports do not state it).').orNull().written(),
  industry: text('t.industry', 'Industry (行业), e.g. 装备制造.').orNull().written({ max: 100 }),
  ...placeColumns,
  employeeCount: integer('t.employee_count', 'Number of employees (职工人数), where known.').orNull().written({ min: 0, max: MAX_EMPLOYEE_COUNT }),
  establishedOn: localDate('t.established_on', 'Date founded or registered with the market regulator (成立日期), where known; what enterprise trends are dated by.').orNull().written(),
  ...cityPortalColumns('enterprise'),
  ...registryRecordColumns,
};

export type EnterpriseRow = RowOf<'Enterprise', typeof enterpriseColumns>;

@ObjectType({ implements: [Node, RegistryRecord], description: 'An enterprise (企业), identified by its unified social credit code.' })
@columnFields(enterpriseColumns)
export class Enterprise extends RegistryRecord {}

@ObjectType({ description: 'A page of enterprises.' })
export class EnterpriseConnection extends Connection(Enterprise, 'Enterprise', 'enterprise') {}

@ObjectType({ description: 'The result of a write to an enterprise.' })
export class EnterprisePayload extends RecordPayload(Enterprise, 'Enterprise', 'enterprise', 'enterprise') {}

/** The day an enterprise was entered in the registry, on the registry's calendar (China time): deprecated dimensions only. */
const ENTERPRISE_REGISTERED_ON = "(t.created_at AT TIME ZONE 'Asia/Shanghai')::date";

/** What Enterprise statistics group by, declared once: the groupBy enum, the dimensions and the group row's fields. */
export const enterpriseDimensions = dimensionsOf('EnterpriseDimension', 'What enterprise statistics can be grouped by.', {
  ...placeGroupDimensions('enterprise', 'enterprises'),
  OWNERSHIP: groupBy.column(enterpriseColumns, 'ownership', 'Ownership (所有制).', 'Ownership, when grouped by OWNERSHIP.'),
  INDUSTRY: groupBy.column(enterpriseColumns, 'industry', 'Industry (行业); unknown industries form their own group.', 'Industry, when grouped by INDUSTRY; null also where unknown.'),
  YEAR_ESTABLISHED: groupBy.year(
    enterpriseColumns,
    'establishedOn',
    'The year the enterprise was founded (成立年份); enterprises with no known date form their own group.',
    'Year founded, when grouped by YEAR_ESTABLISHED (null also for unknown dates); or year entered in the registry, when grouped by YEAR_REGISTERED.',
  ),
  MONTH_ESTABLISHED: groupBy.month(enterpriseColumns, 'establishedOn', 'The month the enterprise was founded; enterprises with no known date form their own group.'),
  YEAR_REGISTERED: groupBy.expression(yearOf(ENTERPRISE_REGISTERED_ON), 'The year the enterprise was entered in this registry (登记入库), China time.', {
    deprecationReason: 'When a record was typed in says nothing about the enterprise (a load enters thousands at once); group by YEAR_ESTABLISHED.',
  }),
  MONTH_REGISTERED: groupBy.expression(monthOf(ENTERPRISE_REGISTERED_ON), 'The month the enterprise was entered in this registry, China time.', {
    deprecationReason: 'When a record was typed in says nothing about the enterprise; group by MONTH_ESTABLISHED.',
  }),
});
export const EnterpriseDimension = enterpriseDimensions.values;
export type EnterpriseDimension = keyof typeof EnterpriseDimension;

@ObjectType({ description: 'Enterprises counted per group (企业统计); ungrouped dimensions are null.' })
@groupFields(enterpriseDimensions.declared)
export class EnterpriseGroup extends RegistryGroup {
  @Field(() => Int, { description: 'Number of enterprises in the group.' })
  count: number;

  @Field(() => Int, { nullable: true, description: 'Employees (职工人数), summed over the enterprises of the group that report a count; null when none does (unknown, not 0).' })
  employees: number | null;

  @Field(() => Int, { description: 'How many enterprises of the group report an employee count, so that `employees` can be read fairly.' })
  withEmployeeCount: number;
}

