import { Field, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { CraftsmanAcademyLevel } from './craftsman-academy.type';

@InputType({
  description:
    "A new craftsman academy (新建工匠学院). A city editor's academy lies in the editor's city unless cityCode says otherwise; ADMIN may register a provincial academy with provinceCode and no cityCode.",
})
export class CreateCraftsmanAcademyInput {
  @Field({ description: 'Name in Chinese (名称), 1-200 characters; surrounding spaces are trimmed.' })
  name: string;

  @Field(() => CraftsmanAcademyLevel, { description: 'Level (级别); MUNICIPAL and DISTRICT academies need a city.' })
  level: CraftsmanAcademyLevel;

  @Field(() => String, { nullable: true, description: 'Host institution (依托单位), e.g. 南京开放大学, up to 200 characters.' })
  hostInstitution?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "City division code (所在城市): a city editor's own city when not given; must be a city in the registry." })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, {
    nullable: true,
    description: 'Province division code (所在省份): derived from the city; give it without a city for a provincial academy (ADMIN only). With a city, it must be that city’s province.',
  })
  provinceCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'On the provincial support list (纳入省级支持名单); false when not given.' })
  onProvincialSupportList?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded (成立日期): from 1949-10-01, not in the future.' })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id for the academy (外部编号), up to 100 characters, unique within the city." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the academy.' })
  sourceId?: string | null;
}

@InputType({ description: 'Changes to a craftsman academy (修改工匠学院): only the fields given change; null clears an optional field.' })
export class UpdateCraftsmanAcademyInput {
  @Field(() => ID, { description: 'The academy’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the academy has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => String, { nullable: true, description: 'New name (名称).' })
  name?: string | null;

  @Field(() => CraftsmanAcademyLevel, { nullable: true, description: 'New level (级别).' })
  level?: CraftsmanAcademyLevel | null;

  @Field(() => String, { nullable: true, description: 'Host institution (依托单位).' })
  hostInstitution?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Move the academy to another city (所在城市); a city editor may only keep it in its own city.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code (所在省份), for a provincial academy with no city (ADMIN only).' })
  provinceCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'On the provincial support list (纳入省级支持名单).' })
  onProvincialSupportList?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded (成立日期); null clears it.' })
  establishedOn?: string | null;

  @Field(() => String, { nullable: true, description: "The portal's own id (外部编号)." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the academy.' })
  sourceId?: string | null;
}

@InputType({ description: 'One craftsman academy of a bulk upsert (批量同步), matched by its externalId within its city: created if new, else updated.' })
export class CraftsmanAcademyRecordInput {
  @Field({ description: "The portal's own id for the academy (外部编号), unique within the city; the key of the upsert." })
  externalId: string;

  @Field(() => DivisionCodeScalar, { nullable: true, description: "City division code: a city editor's own city when not given; required for ADMIN keys." })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Name in Chinese (名称); required for a new academy.' })
  name?: string | null;

  @Field(() => CraftsmanAcademyLevel, { nullable: true, description: 'Level (级别); required for a new academy.' })
  level?: CraftsmanAcademyLevel | null;

  @Field(() => String, { nullable: true, description: 'Host institution (依托单位).' })
  hostInstitution?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'On the provincial support list (纳入省级支持名单).' })
  onProvincialSupportList?: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded (成立日期); null clears it.' })
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that documents the academy.' })
  sourceId?: string | null;
}

@InputType({ description: 'A bulk upsert of craftsman academies (批量同步工匠学院): all records are applied, or none.' })
export class UpsertCraftsmanAcademiesInput {
  @Field(() => [CraftsmanAcademyRecordInput], { description: 'Up to 5,000 academies.' })
  records: CraftsmanAcademyRecordInput[];

  @Field(() => String, { nullable: true, description: 'Makes a retry safe: the same key with the same records returns the first result without applying twice (per API key).' })
  idempotencyKey?: string | null;
}
