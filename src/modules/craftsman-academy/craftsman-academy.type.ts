import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RegistryGroup } from '../../graphql/stats';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord, SAMPLE_DESCRIPTION } from '../../graphql/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { LocalDateScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';

export enum CraftsmanAcademyLevel {
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  DISTRICT = 'DISTRICT',
}
registerEnumType(CraftsmanAcademyLevel, {
  name: 'CraftsmanAcademyLevel',
  description: 'Level of a craftsman academy (工匠学院级别).',
  valuesConfig: {
    PROVINCIAL: { description: 'Provincial academy (省级).' },
    MUNICIPAL: { description: 'Municipal academy (市级).' },
    DISTRICT: { description: 'District academy (区级).' },
  },
});

@ObjectType({ implements: [Node, RegistryRecord], description: 'A craftsman academy (工匠学院) that trains skilled workers.' })
export class CraftsmanAcademy extends RegistryRecord {
  @Field({ description: 'Name in Chinese (名称).' })
  name: string;

  @Field(() => CraftsmanAcademyLevel, { description: 'Level (级别).' })
  level: CraftsmanAcademyLevel;

  @Field(() => String, { nullable: true, description: 'Host institution (依托单位), e.g. 南京开放大学.' })
  hostInstitution: string | null;

  @Field(() => Boolean, { nullable: true, description: 'On the provincial support list (纳入省级支持名单); null where the source does not say which academies are.' })
  onProvincialSupportList: boolean | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date founded (成立日期), where known.' })
  establishedOn: string | null;

  @Field({ description: SAMPLE_DESCRIPTION })
  isSample: boolean;

  @Field(() => String, { nullable: true, description: "The city portal's own id for the academy (外部编号), unique within its city." })
  externalId: string | null;
}

@ObjectType({ description: 'A page of craftsman academies.' })
export class CraftsmanAcademyConnection extends Connection(CraftsmanAcademy, 'CraftsmanAcademy', 'craftsman academy') {}

@ObjectType({ description: 'The result of a write to a craftsman academy.' })
export class CraftsmanAcademyPayload extends RecordPayload(CraftsmanAcademy, 'CraftsmanAcademy', 'craftsmanAcademy', 'craftsman academy') {}

@ObjectType({ description: 'Craftsman academies counted per group (工匠学院统计); ungrouped dimensions are null.' })
export class CraftsmanAcademyGroup extends RegistryGroup {
  @Field(() => CraftsmanAcademyLevel, { nullable: true, description: 'Level, when grouped by LEVEL.' })
  level: CraftsmanAcademyLevel | null;

  @Field(() => Boolean, { nullable: true, description: 'Support-list membership, when grouped by ON_PROVINCIAL_SUPPORT_LIST; null also where it is not known.' })
  onProvincialSupportList: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Year founded, when grouped by YEAR_ESTABLISHED (null also for unknown dates).' })
  year: number | null;

  @Field(() => Int, { description: 'Number of academies in the group.' })
  count: number;
}

export interface CraftsmanAcademyRow {
  __typename: 'CraftsmanAcademy';
  id: string;
  rowId: number;
  name: string;
  level: CraftsmanAcademyLevel;
  hostInstitution: string | null;
  provinceCode: string;
  cityCode: string | null;
  districtCode: string | null;
  onProvincialSupportList: boolean | null;
  establishedOn: string | null;
  isSample: boolean;
  sourceId: number | null;
  externalId: string | null;
  version: number;
  archivedAt: Date | null;
}
