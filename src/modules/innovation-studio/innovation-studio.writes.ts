import { bulkUpsert } from '../../registry/writes/bulk-upsert';
import { field } from '../../registry/writes/fields';
import { writesFor } from '../../registry/writes/record-writer';
import type { RecordSpec } from '../../registry/writes/record-spec';
import type { RequestContext } from '../../graphql/context';
import { innovationStudioTable } from './innovation-studio.service';
import { DemonstrationLevel, innovationStudioColumns } from './innovation-studio.type';
import type { UpsertInnovationStudiosInput } from './innovation-studio.write-inputs';
import { writtenFields } from '../../registry/columns';
import { enterpriseKeyFields } from '../enterprise/enterprise-reference';
import { placeFields } from '../../registry/registry-record.interface';

/** How innovation studios are written: city editors keep their city's; a studio lies in its enterprise's city. */
export const innovationStudioRecord: RecordSpec = {
  typename: 'InnovationStudio',
  table: 'innovation_studio',
  read: innovationStudioTable,
  scope: 'CITY',
  payloadField: 'innovationStudio',
  fields: {
    ...writtenFields(innovationStudioColumns),
    ...enterpriseKeyFields,
    leadCraftsmanExternalId: field.reference('lead_craftsman_id', 'Craftsman', 'craftsman', 'external_id', { sameCity: true }),
    ...placeFields(false),
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
