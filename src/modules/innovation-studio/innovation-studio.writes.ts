import { bulkUpsert } from '../../registry/writes/bulk-upsert';
import { field } from '../../registry/writes/fields';
import { writesFor } from '../../registry/writes/record-writer';
import type { RecordSpec } from '../../registry/writes/record-spec';
import type { RequestContext } from '../../graphql/context';
import { innovationStudioTable } from './innovation-studio.service';
import { DemonstrationLevel, InnovationStudioKind } from './innovation-studio.type';
import type { UpsertInnovationStudiosInput } from './innovation-studio.write-inputs';

/** How innovation studios are written: city editors keep their city's; a studio lies in its enterprise's city. */
export const innovationStudioRecord: RecordSpec = {
  typename: 'InnovationStudio',
  table: 'innovation_studio',
  read: innovationStudioTable,
  scope: 'CITY',
  payloadField: 'innovationStudio',
  fields: {
    name: field.text('name', 200),
    kind: field.enum('kind', InnovationStudioKind),
    demonstrationLevel: field.enum('demonstration_level', DemonstrationLevel),
    enterpriseId: field.reference('enterprise_id', 'Enterprise', 'enterprise'),
    enterpriseExternalId: field.reference('enterprise_id', 'Enterprise', 'enterprise', 'external_id'),
    enterpriseCreditCode: field.reference('enterprise_id', 'Enterprise', 'enterprise', 'credit_code'),
    cityCode: field.city(),
    districtCode: field.district(),
    establishedOn: field.date('established_on'),
    leadCraftsmanId: field.reference('lead_craftsman_id', 'Craftsman', 'craftsman', 'id', { sameCity: true }),
    leadCraftsmanExternalId: field.reference('lead_craftsman_id', 'Craftsman', 'craftsman', 'external_id', { sameCity: true }),
    externalId: field.text('external_id', 100),
    sourceId: field.reference('source_id', 'Source', 'source'),
  },
  required: ['name', 'province_code'],
  requiredOnCreate: ['kind', 'demonstration_level', 'enterprise_id'],
  defaults: { demonstration_level: DemonstrationLevel.NONE },
  place: { parent: { column: 'enterprise_id', noun: 'enterprise' } },
  externalId: true,
};

export const innovationStudioWrites = {
  ...writesFor(innovationStudioRecord),
  upsert: (ctx: RequestContext, input: UpsertInnovationStudiosInput) => bulkUpsert(ctx, innovationStudioRecord, input.records as never, input.idempotencyKey),
};
