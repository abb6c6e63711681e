import { Field, Int, ObjectType } from 'type-graphql';
import { EnterpriseLinkedGroup } from '../enterprise/enterprise-linked-group';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { RegistryRecord, SAMPLE_DESCRIPTION } from '../../graphql/registry-record.interface';
import { LocalDateScalar, NonNegativeIntScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';

@ObjectType({
  implements: [Node, RegistryRecord],
  description: 'A collective contract on technical innovation (技术创新集体合同) between an enterprise and its workers.',
})
export class CollectiveInnovationContract extends RegistryRecord {
  @Field(() => LocalDateScalar, { nullable: true, description: 'Date signed (签订日期); null where the source does not say.' })
  signedOn: string | null;

  @Field(() => Int, { nullable: true, description: 'Term in months (期限); null where the source does not say.' })
  termMonths: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the term (到期日期): signedOn + termMonths − 1 day; null when either is unknown.' })
  expiresOn: string | null;

  @Field(() => NonNegativeIntScalar, { nullable: true, description: 'Workers covered by the contract (覆盖职工人数); null where the source does not say (unknown, not 0).' })
  workersCovered: number | null;

  @Field(() => NonNegativeIntScalar, { nullable: true, description: 'Innovation projects planned under the contract (计划创新项目数); null where the source does not say.' })
  projectsPlanned: number | null;

  @Field(() => NonNegativeIntScalar, { nullable: true, description: 'Innovation projects completed so far (已完成创新项目数); null where the source does not say.' })
  projectsCompleted: number | null;

  @Field({ description: SAMPLE_DESCRIPTION })
  isSample: boolean;

  @Field(() => String, { nullable: true, description: "The city portal's own id for the contract (外部编号), unique within its city." })
  externalId: string | null;
}

@ObjectType({ description: 'A page of collective innovation contracts.' })
export class CollectiveInnovationContractConnection extends Connection(CollectiveInnovationContract, 'CollectiveInnovationContract', 'collective innovation contract') {}

@ObjectType({ description: 'The result of a write to a collective innovation contract.' })
export class CollectiveInnovationContractPayload extends RecordPayload(
  CollectiveInnovationContract,
  'CollectiveInnovationContract',
  'collectiveInnovationContract',
  'collective innovation contract',
) {}

@ObjectType({ description: 'Collective innovation contracts summed per group (技术创新集体合同统计); ungrouped dimensions are null.' })
export class CollectiveInnovationContractGroup extends EnterpriseLinkedGroup {
  @Field(() => Int, { nullable: true, description: 'Year signed, when grouped by YEAR_SIGNED.' })
  year: number | null;

  @Field(() => Int, { description: 'Number of contracts in the group.' })
  count: number;

  @Field(() => Int, { description: 'Number of distinct enterprises with a contract in the group.' })
  enterprises: number;

  @Field(() => Int, { nullable: true, description: 'Workers covered, summed over the contracts of the group that state it (覆盖职工人数合计); null when none does (unknown, not 0).' })
  workersCovered: number | null;

  @Field(() => Int, { description: 'How many contracts of the group state the workers they cover, so that `workersCovered` can be read fairly (已知覆盖人数的合同数).' })
  withWorkersCovered: number;

  @Field(() => Int, { nullable: true, description: 'Innovation projects planned, summed over the contracts that state it; null when none does.' })
  projectsPlanned: number | null;

  @Field(() => Int, { nullable: true, description: 'Innovation projects completed, summed over the contracts that state it; null when none does.' })
  projectsCompleted: number | null;

  @Field(() => Int, { description: 'How many contracts of the group state their project counts (已知项目数的合同数).' })
  withProjectCounts: number;
}

export interface CollectiveInnovationContractRow {
  __typename: 'CollectiveInnovationContract';
  id: string;
  rowId: number;
  enterpriseId: number;
  provinceCode: string;
  cityCode: string | null;
  districtCode: string | null;
  signedOn: string | null;
  termMonths: number | null;
  expiresOn: string | null;
  workersCovered: number | null;
  projectsPlanned: number | null;
  projectsCompleted: number | null;
  isSample: boolean;
  sourceId: number | null;
  externalId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}
