import { Field, Int, ObjectType } from 'type-graphql';
import { EnterpriseLinkedGroup } from '../enterprise/enterprise-linked-group';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { RegistryRecord } from '../../graphql/registry-record.interface';
import { LocalDateScalar, NonNegativeIntScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';

@ObjectType({
  implements: [Node, RegistryRecord],
  description: 'A collective contract on technical innovation (技术创新集体合同) between an enterprise and its workers.',
})
export class CollectiveInnovationContract extends RegistryRecord {
  @Field(() => LocalDateScalar, { description: 'Date signed (签订日期).' })
  signedOn: string;

  @Field(() => Int, { description: 'Term in months (期限).' })
  termMonths: number;

  @Field(() => LocalDateScalar, { description: 'Last day of the term (到期日期): signedOn + termMonths − 1 day.' })
  expiresOn: string;

  @Field(() => NonNegativeIntScalar, { description: 'Workers covered by the contract (覆盖职工人数).' })
  workersCovered: number;

  @Field(() => NonNegativeIntScalar, { description: 'Innovation projects planned under the contract (计划创新项目数).' })
  projectsPlanned: number;

  @Field(() => NonNegativeIntScalar, { description: 'Innovation projects completed so far (已完成创新项目数).' })
  projectsCompleted: number;

  @Field({ description: 'A sample record created so that registry counts equal a published figure (示例记录); its details are not real.' })
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

  @Field(() => Int, { description: 'Workers covered, summed over the group (覆盖职工人数合计).' })
  workersCovered: number;

  @Field(() => Int, { description: 'Innovation projects planned, summed.' })
  projectsPlanned: number;

  @Field(() => Int, { description: 'Innovation projects completed, summed.' })
  projectsCompleted: number;
}

export interface CollectiveInnovationContractRow {
  __typename: 'CollectiveInnovationContract';
  id: string;
  rowId: number;
  enterpriseId: number;
  provinceCode: string;
  cityCode: string | null;
  signedOn: string;
  termMonths: number;
  expiresOn: string;
  workersCovered: number;
  projectsPlanned: number;
  projectsCompleted: number;
  isSample: boolean;
  sourceId: number | null;
  externalId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}
