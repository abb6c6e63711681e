import { Field, Int, ObjectType } from 'type-graphql';
import { EnterpriseLinkedGroup } from '../enterprise/enterprise-linked-group';
import { Connection } from '../../graphql/relay/connection';
import { Node } from '../../graphql/relay/node.interface';
import { cityPortalColumns, placeColumns, RegistryRecord, registryRecordColumns } from '../../registry/registry-record.interface';
import { NonNegativeIntScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';
import { columnFields, columnOf, integer, internal, localDate, type RowOf } from '../../registry/columns';
import { enterpriseIdColumn } from '../enterprise/enterprise-reference';
import { field } from '../../registry/writes/fields';
import { dimensionsOf, groupBy, groupFields } from '../../registry/dimensions';
import { enterpriseGroupDimensions, placeGroupDimensions } from '../../registry/stats';

/** Sane upper bounds: the largest employers in China have a few million workers; a contract plans tens of projects. */
export const MAX_WORKERS_COVERED = 5_000_000;
export const MAX_PROJECTS = 10_000;

/** The columns of CollectiveInnovationContract: its select list, its GraphQL fields and its row type, declared once. */
export const collectiveInnovationContractColumns = {
  id: internal<number>('t.id'),
  enterpriseId: enterpriseIdColumn<number>(),
  ...placeColumns,
  signedOn: localDate('t.signed_on', 'Date signed (签订日期); null where the source does not say.').orNull().written(),
  termMonths: integer('t.term_months', 'Term in months (期限); null where the source does not say.').orNull().written({ min: 1, max: 120 }),
  expiresOn: localDate('((t.signed_on + make_interval(months => t.term_months))::date - 1)', 'Last day of the term (到期日期): signedOn + termMonths − 1 day; null when either is unknown.').orNull(),
  workersCovered: columnOf<number>(() => NonNegativeIntScalar)('t.workers_covered', 'Workers covered by the contract (覆盖职工人数); null where the source does not say (unknown, not 0).').orNull().writtenAs((column) => field.integer(column, 0, MAX_WORKERS_COVERED)),
  projectsPlanned: columnOf<number>(() => NonNegativeIntScalar)('t.projects_planned', 'Innovation projects planned under the contract (计划创新项目数); null where the source does not say.').orNull().writtenAs((column) => field.integer(column, 0, MAX_PROJECTS)),
  projectsCompleted: columnOf<number>(() => NonNegativeIntScalar)('t.projects_completed', 'Innovation projects completed so far (已完成创新项目数); null where the source does not say.').orNull().writtenAs((column) => field.integer(column, 0, MAX_PROJECTS)),
  ...cityPortalColumns('contract'),
  ...registryRecordColumns,
};

export type CollectiveInnovationContractRow = RowOf<'CollectiveInnovationContract', typeof collectiveInnovationContractColumns>;

@ObjectType({
  implements: [Node, RegistryRecord],
  description: 'A collective contract on technical innovation (技术创新集体合同) between an enterprise and its workers.',
})
@columnFields(collectiveInnovationContractColumns)
export class CollectiveInnovationContract extends RegistryRecord {}

@ObjectType({ description: 'A page of collective innovation contracts.' })
export class CollectiveInnovationContractConnection extends Connection(CollectiveInnovationContract, 'CollectiveInnovationContract', 'collective innovation contract') {}

@ObjectType({ description: 'The result of a write to a collective innovation contract.' })
export class CollectiveInnovationContractPayload extends RecordPayload(
  CollectiveInnovationContract,
  'CollectiveInnovationContract',
  'collectiveInnovationContract',
  'collective innovation contract',
) {}

/** What CollectiveInnovationContract statistics group by, declared once: the groupBy enum, the dimensions and the group row's fields. */
export const collectiveInnovationContractDimensions = dimensionsOf('CollectiveInnovationContractDimension', 'What collective innovation contract statistics can be grouped by.', {
  ...placeGroupDimensions('contract', 'contracts'),
  YEAR_SIGNED: groupBy.year(collectiveInnovationContractColumns, 'signedOn', 'The year the contract was signed.', 'Year signed, when grouped by YEAR_SIGNED.'),
  MONTH_SIGNED: groupBy.month(collectiveInnovationContractColumns, 'signedOn', 'The month the contract was signed.'),
  ...enterpriseGroupDimensions('The ownership of the contracting enterprise (所有制).', 'The industry of the contracting enterprise (行业); unknown industries form their own group.'),
});
export const CollectiveInnovationContractDimension = collectiveInnovationContractDimensions.values;
export type CollectiveInnovationContractDimension = keyof typeof CollectiveInnovationContractDimension;

@ObjectType({ description: 'Collective innovation contracts summed per group (技术创新集体合同统计); ungrouped dimensions are null.' })
@groupFields(collectiveInnovationContractDimensions.declared)
export class CollectiveInnovationContractGroup extends EnterpriseLinkedGroup {
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

