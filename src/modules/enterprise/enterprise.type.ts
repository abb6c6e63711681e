import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord, SAMPLE_DESCRIPTION } from '../../graphql/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { CreditCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { RegistryGroup } from '../../graphql/stats';
import { RecordPayload } from '../../graphql/writes';

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

@ObjectType({ implements: [Node, RegistryRecord], description: 'An enterprise (企业), identified by its unified social credit code.' })
export class Enterprise extends RegistryRecord {
  @Field(() => CreditCodeScalar, { description: 'Unified social credit code (统一社会信用代码).' })
  creditCode: string;

  @Field({ description: 'Registered name in Chinese (企业名称).' })
  name: string;

  @Field(() => String, { nullable: true, description: 'English name, where known.' })
  nameEn: string | null;

  @Field(() => Ownership, { nullable: true, description: 'Ownership (所有制); null where it is not known (the published reports do not state it).' })
  ownership: Ownership | null;

  @Field(() => String, { nullable: true, description: 'Industry (行业), e.g. 装备制造.' })
  industry: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of employees (职工人数), where known.' })
  employeeCount: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded or registered with the market regulator (成立日期), where known; what enterprise trends are dated by.' })
  establishedOn: string | null;

  @Field({ description: SAMPLE_DESCRIPTION })
  isSample: boolean;

  @Field(() => String, { nullable: true, description: "The city portal's own id for the enterprise (外部编号), unique within its city." })
  externalId: string | null;
}

@ObjectType({ description: 'A page of enterprises.' })
export class EnterpriseConnection extends Connection(Enterprise, 'Enterprise', 'enterprise') {}

@ObjectType({ description: 'The result of a write to an enterprise.' })
export class EnterprisePayload extends RecordPayload(Enterprise, 'Enterprise', 'enterprise', 'enterprise') {}

@ObjectType({ description: 'Enterprises counted per group (企业统计); ungrouped dimensions are null.' })
export class EnterpriseGroup extends RegistryGroup {
  @Field(() => Ownership, { nullable: true, description: 'Ownership, when grouped by OWNERSHIP.' })
  ownership: Ownership | null;

  @Field(() => String, { nullable: true, description: 'Industry, when grouped by INDUSTRY; null also where unknown.' })
  industry: string | null;

  @Field(() => Int, { nullable: true, description: 'Year founded, when grouped by YEAR_ESTABLISHED (null also for unknown dates); or year entered in the registry, when grouped by YEAR_REGISTERED.' })
  year: number | null;

  @Field(() => Int, { description: 'Number of enterprises in the group.' })
  count: number;

  @Field(() => Int, { nullable: true, description: 'Employees (职工人数), summed over the enterprises of the group that report a count; null when none does (unknown, not 0).' })
  employees: number | null;

  @Field(() => Int, { description: 'How many enterprises of the group report an employee count, so that `employees` can be read fairly.' })
  withEmployeeCount: number;
}

export interface EnterpriseRow {
  __typename: 'Enterprise';
  id: string;
  rowId: number;
  creditCode: string;
  name: string;
  nameEn: string | null;
  ownership: Ownership;
  industry: string | null;
  provinceCode: string;
  cityCode: string | null;
  districtCode: string | null;
  employeeCount: number | null;
  isSample: boolean;
  sourceId: number | null;
  externalId: string | null;
  version: number;
  archivedAt: Date | null;
}
