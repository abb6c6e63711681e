import { Field, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { Ownership } from './enterprise.type';

@InputType({
  description:
    "A new enterprise (新建企业). A city editor's enterprise lies in the editor's city unless cityCode says otherwise; ADMIN may register a province-level enterprise with provinceCode and no cityCode.",
})
export class CreateEnterpriseInput {
  @Field({ description: 'Unified social credit code (统一社会信用代码): 18 characters with a valid GB 32100-2015 check character; unique in the registry.' })
  creditCode: string;

  @Field({ description: 'Registered name in Chinese (企业名称), 1-200 characters; surrounding spaces are trimmed.' })
  name: string;

  @Field(() => String, { nullable: true, description: 'English name (英文名称), up to 200 characters.' })
  nameEn?: string | null;

  @Field(() => Ownership, { description: 'Ownership (所有制).' })
  ownership: Ownership;

  @Field(() => String, { nullable: true, description: 'Industry (行业), e.g. 装备制造, up to 100 characters.' })
  industry?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "City division code (所在城市): a city editor's own city when not given; must be a city in the registry." })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, {
    nullable: true,
    description: 'Province division code (所在省份): derived from the city; give it without a city for a province-level enterprise (ADMIN only). With a city, it must be that city’s province.',
  })
  provinceCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of employees (职工人数): 0 to 5,000,000.' })
  employeeCount?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded or registered with the market regulator (成立日期): from 1949-10-01, not in the future.' })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id for the enterprise (外部编号), up to 100 characters, unique within the city." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the enterprise.' })
  sourceId?: string | null;
}

@InputType({ description: 'Changes to an enterprise (修改企业): only the fields given change; null clears an optional field.' })
export class UpdateEnterpriseInput {
  @Field(() => ID, { description: 'The enterprise’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the enterprise has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => String, { nullable: true, description: 'Corrected unified social credit code (统一社会信用代码); unique in the registry.' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: 'New name (企业名称).' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'English name (英文名称).' })
  nameEn?: string | null;

  @Field(() => Ownership, { nullable: true, description: 'Ownership (所有制).' })
  ownership?: Ownership | null;

  @Field(() => String, { nullable: true, description: 'Industry (行业).' })
  industry?: string | null;

  @Field(() => DivisionCodeScalar, {
    nullable: true,
    description: 'Move the enterprise to another city (所在城市); refused while studios, craftsmen or contracts are recorded under it, as they lie in its city.',
  })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code (所在省份), for an enterprise with no city (ADMIN only).' })
  provinceCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of employees (职工人数); not below the workers an active collective innovation contract of the enterprise covers.' })
  employeeCount?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded or registered with the market regulator (成立日期): from 1949-10-01, not in the future.' })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id (外部编号)." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the enterprise.' })
  sourceId?: string | null;
}

@InputType({ description: 'One enterprise of a bulk upsert (批量同步), matched by its externalId within its city: created if new, else updated.' })
export class EnterpriseRecordInput {
  @Field({ description: "The portal's own id for the enterprise (外部编号), unique within the city; the key of the upsert." })
  externalId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "City division code: a city editor's own city when not given; required for ADMIN keys." })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (统一社会信用代码); required for a new enterprise, unique in the registry.' })
  creditCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Registered name in Chinese (企业名称); required for a new enterprise.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'English name (英文名称).' })
  nameEn?: string | null;

  @Field(() => Ownership, { nullable: true, description: 'Ownership (所有制); required for a new enterprise.' })
  ownership?: Ownership | null;

  @Field(() => String, { nullable: true, description: 'Industry (行业).' })
  industry?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of employees (职工人数).' })
  employeeCount?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded or registered with the market regulator (成立日期): from 1949-10-01, not in the future.' })
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the enterprise.' })
  sourceId?: string | null;
}

@InputType({ description: 'A bulk upsert of enterprises (批量同步企业): all records are applied, or none.' })
export class UpsertEnterprisesInput {
  @Field(() => [EnterpriseRecordInput], { description: 'Up to 5,000 enterprises.' })
  records: EnterpriseRecordInput[];

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same records returns the first result without applying twice (per API key).' })
  idempotencyKey?: string | null;
}
