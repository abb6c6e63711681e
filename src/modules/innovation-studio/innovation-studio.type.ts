import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnterpriseLinkedGroup } from '../enterprise/enterprise-linked-group';
import { Connection } from '../../graphql/relay/connection';
import { RegistryRecord, SAMPLE_DESCRIPTION } from '../../graphql/registry-record.interface';
import { Node } from '../../graphql/relay/node.interface';
import { LocalDateScalar } from '../../graphql/scalars';
import { RecordPayload } from '../../graphql/writes';

export enum InnovationStudioKind {
  MODEL_WORKER = 'MODEL_WORKER',
  EMPLOYEE = 'EMPLOYEE',
  CRAFTSMAN = 'CRAFTSMAN',
  SPECIALISED_TECHNICAL = 'SPECIALISED_TECHNICAL',
}
registerEnumType(InnovationStudioKind, {
  name: 'InnovationStudioKind',
  description: 'Kind of innovation studio.',
  valuesConfig: {
    MODEL_WORKER: { description: 'Model-worker innovation studio (劳模创新工作室).' },
    EMPLOYEE: { description: 'Employee innovation studio (职工创新工作室).' },
    CRAFTSMAN: { description: 'Craftsman innovation studio (工匠创新工作室).' },
    SPECIALISED_TECHNICAL: { description: 'Specialised technical innovation studio (专业技术创新工作室).' },
  },
});

export enum DemonstrationLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  MUNICIPAL = 'MUNICIPAL',
  NONE = 'NONE',
}
registerEnumType(DemonstrationLevel, {
  name: 'DemonstrationLevel',
  description: 'Level at which a studio is recognised as a demonstration studio (示范性创新工作室).',
  valuesConfig: {
    NATIONAL: { description: 'National demonstration studio (全国示范性).' },
    PROVINCIAL: { description: 'Provincial or regional demonstration studio (省级/区域示范性).' },
    MUNICIPAL: { description: 'Municipal demonstration studio (市级示范性).' },
    NONE: { description: 'Not a demonstration studio.' },
  },
});

@ObjectType({ implements: [Node, RegistryRecord], description: 'An innovation studio (创新工作室), hosted by an enterprise.' })
export class InnovationStudio extends RegistryRecord {
  @Field({ description: 'Name in Chinese (名称).' })
  name: string;

  @Field(() => InnovationStudioKind, { nullable: true, description: 'Kind of studio (类型); null where the source does not say.' })
  kind: InnovationStudioKind | null;

  @Field(() => DemonstrationLevel, { nullable: true, description: 'Demonstration level (示范级别); NONE for a studio that is not a demonstration studio, null where the source does not say.' })
  demonstrationLevel: DemonstrationLevel | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date established (成立日期), where known.' })
  establishedOn: string | null;

  @Field({ description: SAMPLE_DESCRIPTION })
  isSample: boolean;

  @Field(() => String, { nullable: true, description: "The city portal's own id for the studio (外部编号), unique within its city." })
  externalId: string | null;
}

@ObjectType({ description: 'A page of innovation studios.' })
export class InnovationStudioConnection extends Connection(InnovationStudio, 'InnovationStudio', 'innovation studio') {}

@ObjectType({ description: 'The result of a write to an innovation studio.' })
export class InnovationStudioPayload extends RecordPayload(InnovationStudio, 'InnovationStudio', 'innovationStudio', 'innovation studio') {}

@ObjectType({ description: 'Innovation studios counted per group (创新工作室统计); ungrouped dimensions are null.' })
export class InnovationStudioGroup extends EnterpriseLinkedGroup {
  @Field(() => InnovationStudioKind, { nullable: true, description: 'Kind, when grouped by KIND.' })
  kind: InnovationStudioKind | null;

  @Field(() => DemonstrationLevel, { nullable: true, description: 'Demonstration level, when grouped by DEMONSTRATION_LEVEL.' })
  demonstrationLevel: DemonstrationLevel | null;

  @Field(() => Int, { nullable: true, description: 'Year established, when grouped by YEAR_ESTABLISHED (null also for unknown dates).' })
  year: number | null;

  @Field(() => Int, { description: 'Number of studios in the group.' })
  count: number;
}

export interface InnovationStudioRow {
  __typename: 'InnovationStudio';
  id: string;
  rowId: number;
  name: string;
  kind: InnovationStudioKind | null;
  demonstrationLevel: DemonstrationLevel | null;
  enterpriseId: number | null;
  provinceCode: string;
  cityCode: string | null;
  districtCode: string | null;
  establishedOn: string | null;
  leadCraftsmanId: number | null;
  isSample: boolean;
  sourceId: number | null;
  externalId: string | null;
  version: number;
  archivedAt: Date | null;
}
