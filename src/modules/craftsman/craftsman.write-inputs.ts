import { Field, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { CraftsmanLevel, CraftsmanStatus } from './craftsman.type';

const NATIONAL_ID =
  'National ID number (公民身份号码), 18 characters with the GB 11643 check digit (a trailing x is read as X); personal data (个人信息), readable only by ADMIN and the editor of the craftsman’s city.';
const PHONE = 'Phone (联系电话): a mainland mobile such as 13912345678 or a landline such as 025-83123456; personal data (个人信息), readable only by ADMIN and the editor of the craftsman’s city.';

@InputType({
  description:
    'A new craftsman (新建工匠). With an enterprise, the craftsman lies in the enterprise’s city; without one, in cityCode (a city editor’s own city when not given).',
})
export class CreateCraftsmanInput {
  @Field({ description: 'Name (姓名), 1-200 characters; surrounding spaces are trimmed.' })
  name: string;

  @Field(() => CraftsmanLevel, { description: 'Level of the title (级别).' })
  level: CraftsmanLevel;

  @Field(() => CraftsmanStatus, { description: 'Pipeline status (培养状态).' })
  status: CraftsmanStatus;

  @Field(() => String, { nullable: true, description: 'Honorary title (荣誉称号), e.g. 南京工匠, up to 100 characters.' })
  honoraryTitle?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of selection or award (年度): from 1949, not later than this year.' })
  year?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of recognition (认定日期): from 1949-10-01, not in the future, and in `year` when both are given.' })
  recognizedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the enterprise the craftsman works for (所在企业); the craftsman then lies in its city.' })
  enterpriseId?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code (所属城市); with an enterprise it must be the enterprise’s city.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code (所属省份), for a craftsman the source gives no city for (ADMIN only); otherwise taken from the city.' })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true, description: NATIONAL_ID })
  nationalIdNumber?: string | null;

  @Field(() => String, { nullable: true, description: PHONE })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id for the craftsman (外部编号), up to 100 characters, unique within the city." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the craftsman.' })
  sourceId?: string | null;
}

@InputType({ description: 'Changes to a craftsman (修改工匠): only the fields given change; null clears an optional field.' })
export class UpdateCraftsmanInput {
  @Field(() => ID, { description: 'The craftsman’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the craftsman has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => String, { nullable: true, description: 'New name (姓名).' })
  name?: string | null;

  @Field(() => CraftsmanLevel, { nullable: true, description: 'New level (级别).' })
  level?: CraftsmanLevel | null;

  @Field(() => CraftsmanStatus, { nullable: true, description: 'New pipeline status (培养状态).' })
  status?: CraftsmanStatus | null;

  @Field(() => String, { nullable: true, description: 'Honorary title (荣誉称号); null clears it.' })
  honoraryTitle?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of selection or award (年度); null clears it.' })
  year?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of recognition (认定日期), in `year` when both are known; null clears it.' })
  recognizedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'Move the craftsman to this enterprise (所在企业), which must lie in a city the caller edits; null clears it.' })
  enterpriseId?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code (所属城市), for a craftsman without an enterprise.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code (所属省份), for a craftsman without a city (ADMIN only).' })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true, description: `${NATIONAL_ID} null clears it.` })
  nationalIdNumber?: string | null;

  @Field(() => String, { nullable: true, description: `${PHONE} null clears it.` })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id (外部编号)." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the craftsman.' })
  sourceId?: string | null;
}

@InputType({
  description:
    'One craftsman of a bulk upsert (批量同步), matched by its externalId within its city: created if new, else updated. Give the enterprise, if any, by exactly one of enterpriseId, enterpriseExternalId, enterpriseCreditCode.',
})
export class CraftsmanRecordInput {
  @Field({ description: "The portal's own id for the craftsman (外部编号), unique within the city; the key of the upsert." })
  externalId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "City division code: a city editor's own city when not given; required for ADMIN keys. With an enterprise it must be the enterprise’s city." })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name (姓名); required for a new craftsman.' })
  name?: string | null;

  @Field(() => CraftsmanLevel, { nullable: true, description: 'Level of the title (级别); required for a new craftsman.' })
  level?: CraftsmanLevel | null;

  @Field(() => CraftsmanStatus, { nullable: true, description: 'Pipeline status (培养状态); required for a new craftsman.' })
  status?: CraftsmanStatus | null;

  @Field(() => String, { nullable: true, description: 'Honorary title (荣誉称号).' })
  honoraryTitle?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of selection or award (年度).' })
  year?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of recognition (认定日期), in `year` when both are given.' })
  recognizedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the enterprise the craftsman works for.' })
  enterpriseId?: string | null;

  @Field(() => String, { nullable: true, description: "The enterprise's external id in the same city." })
  enterpriseExternalId?: string | null;

  @Field(() => String, { nullable: true, description: "The enterprise's unified social credit code (统一社会信用代码)." })
  enterpriseCreditCode?: string | null;

  @Field(() => String, { nullable: true, description: NATIONAL_ID })
  nationalIdNumber?: string | null;

  @Field(() => String, { nullable: true, description: PHONE })
  phone?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the craftsman.' })
  sourceId?: string | null;
}

@InputType({ description: 'A bulk upsert of craftsmen: all records are applied, or none.' })
export class UpsertCraftsmenInput {
  @Field(() => [CraftsmanRecordInput], { description: 'Up to 5,000 craftsmen.' })
  records: CraftsmanRecordInput[];

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same records returns the first result without applying twice (per API key).' })
  idempotencyKey?: string | null;
}
