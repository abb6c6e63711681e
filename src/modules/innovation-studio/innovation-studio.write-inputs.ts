import { Field, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { DemonstrationLevel, InnovationStudioKind } from './innovation-studio.type';

@InputType({ description: 'A new innovation studio (新建创新工作室). Its city is its enterprise’s city.' })
export class CreateInnovationStudioInput {
  @Field({ description: 'Name in Chinese (名称), 1-200 characters; surrounding spaces are trimmed.' })
  name: string;

  @Field(() => InnovationStudioKind, { description: 'Kind of studio (类型).' })
  kind: InnovationStudioKind;

  @Field(() => DemonstrationLevel, { nullable: true, description: 'Demonstration level (示范级别); NONE when not given.' })
  demonstrationLevel?: DemonstrationLevel | null;

  @Field(() => ID, { description: 'ID of the enterprise that hosts the studio (依托企业).' })
  enterpriseId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code; if given it must be the enterprise’s city.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date established (成立日期): from 1949-10-01, not in the future.' })
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the craftsman who leads the studio (领办人).' })
  leadCraftsmanId?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id for the studio (外部编号), up to 100 characters, unique within the city." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the studio.' })
  sourceId?: string | null;
}

@InputType({ description: 'Changes to an innovation studio: only the fields given change; null clears an optional field.' })
export class UpdateInnovationStudioInput {
  @Field(() => ID, { description: 'The studio’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the studio has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: 'New name (名称).' })
  name?: string | null;

  @Field(() => InnovationStudioKind, { nullable: true, description: 'New kind (类型).' })
  kind?: InnovationStudioKind | null;

  @Field(() => DemonstrationLevel, { nullable: true, description: 'New demonstration level (示范级别).' })
  demonstrationLevel?: DemonstrationLevel | null;

  @Field(() => ID, { nullable: true, description: 'Move the studio to another enterprise of the same city.' })
  enterpriseId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date established (成立日期).' })
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the craftsman who leads the studio (领办人).' })
  leadCraftsmanId?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id (外部编号)." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the studio.' })
  sourceId?: string | null;
}

@InputType({
  description:
    'One studio of a bulk upsert (批量同步), matched by its externalId within its city: created if new, else updated. Give the enterprise by exactly one of enterpriseId, enterpriseExternalId, enterpriseCreditCode.',
})
export class InnovationStudioRecordInput {
  @Field({ description: "The portal's own id for the studio (外部编号), unique within the city; the key of the upsert." })
  externalId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "City division code: a city editor's own city when not given; required for ADMIN keys." })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name in Chinese (名称); required for a new studio.' })
  name?: string | null;

  @Field(() => InnovationStudioKind, { nullable: true, description: 'Kind of studio (类型); required for a new studio.' })
  kind?: InnovationStudioKind | null;

  @Field(() => DemonstrationLevel, { nullable: true, description: 'Demonstration level (示范级别).' })
  demonstrationLevel?: DemonstrationLevel | null;

  @Field(() => ID, { nullable: true, description: 'ID of the host enterprise.' })
  enterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: "The host enterprise's external id in the same city." })
  enterpriseExternalId?: string | null;

  @Field(() => String, { nullable: true, description: "The host enterprise's unified social credit code (统一社会信用代码)." })
  enterpriseCreditCode?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date established (成立日期).' })
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the lead craftsman (领办人).' })
  leadCraftsmanId?: string | null;

  @Field(() => String, { nullable: true, description: "The lead craftsman's external id in the same city." })
  leadCraftsmanExternalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the studio.' })
  sourceId?: string | null;
}

@InputType({ description: 'A bulk upsert of innovation studios: all records are applied, or none.' })
export class UpsertInnovationStudiosInput {
  @Field(() => [InnovationStudioRecordInput], { description: 'Up to 5,000 studios.' })
  records: InnovationStudioRecordInput[];

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same records returns the first result without applying twice (per API key).' })
  idempotencyKey?: string | null;
}
