import { Field, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';

@InputType({ description: 'A new collective innovation contract (新建技术创新集体合同). Its city is its enterprise’s city.' })
export class CreateCollectiveInnovationContractInput {
  @Field(() => ID, { description: 'ID of the enterprise that signed the contract (签约企业).' })
  enterpriseId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code; if given it must be the enterprise’s city.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => LocalDateScalar, { description: 'Date signed (签订日期): from 1949-10-01, not in the future.' })
  signedOn: string;

  @Field(() => Int, { description: 'Term in months (期限), 1-120.' })
  termMonths: number;

  @Field(() => Int, { description: "Workers covered (覆盖职工人数), 0-5,000,000 and no more than the enterprise's employees where known." })
  workersCovered: number;

  @Field(() => Int, { nullable: true, description: 'Innovation projects planned under the contract (计划创新项目数), 0-10,000; 0 when not given.' })
  projectsPlanned?: number | null;

  @Field(() => Int, { nullable: true, description: 'Innovation projects completed so far (已完成创新项目数), at most projectsPlanned; 0 when not given.' })
  projectsCompleted?: number | null;

  @Field(() => String, { nullable: true, description: "The portal's own id for the contract (外部编号), up to 100 characters, unique within the city." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the contract.' })
  sourceId?: string | null;
}

@InputType({ description: 'Changes to a collective innovation contract (修改技术创新集体合同): only the fields given change; null clears an optional field.' })
export class UpdateCollectiveInnovationContractInput {
  @Field(() => ID, { description: 'The contract’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the contract has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Move the contract to another enterprise (签约企业) of a city the caller edits.' })
  enterpriseId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date signed (签订日期).' })
  signedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Term in months (期限), 1-120.' })
  termMonths?: number | null;

  @Field(() => Int, { nullable: true, description: 'Workers covered (覆盖职工人数).' })
  workersCovered?: number | null;

  @Field(() => Int, { nullable: true, description: 'Innovation projects planned (计划创新项目数).' })
  projectsPlanned?: number | null;

  @Field(() => Int, { nullable: true, description: 'Innovation projects completed so far (已完成创新项目数), at most projectsPlanned.' })
  projectsCompleted?: number | null;

  @Field(() => String, { nullable: true, description: "The portal's own id (外部编号)." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the contract.' })
  sourceId?: string | null;
}

@InputType({
  description:
    'One contract of a bulk upsert (批量同步), matched by its externalId within its city: created if new, else updated. Give the enterprise by exactly one of enterpriseId, enterpriseExternalId, enterpriseCreditCode.',
})
export class CollectiveInnovationContractRecordInput {
  @Field({ description: "The portal's own id for the contract (外部编号), unique within the city; the key of the upsert." })
  externalId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "City division code: a city editor's own city when not given; required for ADMIN keys. It must be the enterprise’s city." })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the enterprise that signed the contract.' })
  enterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: "The enterprise's external id in the same city." })
  enterpriseExternalId?: string | null;

  @Field(() => String, { nullable: true, description: "The enterprise's unified social credit code (统一社会信用代码)." })
  enterpriseCreditCode?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date signed (签订日期); required for a new contract.' })
  signedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Term in months (期限), 1-120; required for a new contract.' })
  termMonths?: number | null;

  @Field(() => Int, { nullable: true, description: 'Workers covered (覆盖职工人数); required for a new contract.' })
  workersCovered?: number | null;

  @Field(() => Int, { nullable: true, description: 'Innovation projects planned (计划创新项目数).' })
  projectsPlanned?: number | null;

  @Field(() => Int, { nullable: true, description: 'Innovation projects completed so far (已完成创新项目数).' })
  projectsCompleted?: number | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the contract.' })
  sourceId?: string | null;
}

@InputType({ description: 'A bulk upsert of collective innovation contracts: all records are applied, or none.' })
export class UpsertCollectiveInnovationContractsInput {
  @Field(() => [CollectiveInnovationContractRecordInput], { description: 'Up to 5,000 contracts.' })
  records: CollectiveInnovationContractRecordInput[];

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same records returns the first result without applying twice (per API key).' })
  idempotencyKey?: string | null;
}
