import { bulkUpsert } from '../../registry/writes/bulk-upsert';
import { writesFor } from '../../registry/writes/record-writer';
import type { RecordSpec } from '../../registry/writes/record-spec';
import type { RequestContext } from '../../graphql/context';
import { craftsmanAcademyTable } from './craftsman-academy.service';
import { craftsmanAcademyColumns, CraftsmanAcademyLevel } from './craftsman-academy.type';
import type { UpsertCraftsmanAcademiesInput } from './craftsman-academy.write-inputs';
import { writtenFields } from '../../registry/columns';
import { placeFields } from '../../registry/registry-record.interface';

/** Levels whose academies belong to a city (市级, 区级); a provincial academy may have none. */
const CITY_LEVELS: readonly string[] = [CraftsmanAcademyLevel.MUNICIPAL, CraftsmanAcademyLevel.DISTRICT];

/**
 * How craftsman academies are written: city editors keep their city's; an academy has its own
 * city (a city editor's by default) and its province follows from it; ADMIN may register a
 * provincial academy with a province and no city. Municipal and district academies need a city.
 */
export const craftsmanAcademyRecord: RecordSpec = {
  typename: 'CraftsmanAcademy',
  table: 'craftsman_academy',
  read: craftsmanAcademyTable,
  scope: 'CITY',
  payloadField: 'craftsmanAcademy',
  fields: {
    ...writtenFields(craftsmanAcademyColumns),
    ...placeFields(true),
  },
  required: ['name', 'level', 'province_code'],
  requiredOnCreate: ['on_provincial_support_list'],
  defaults: { on_provincial_support_list: false },
  place: {},
  externalId: true,
  check(record) {
    if (record.city_code == null && typeof record.level === 'string' && CITY_LEVELS.includes(record.level)) {
      return [['city_code', `cityCode is required: a ${record.level} academy lies in a city; only a PROVINCIAL academy may have none.`]];
    }
    return [];
  },
};

export const craftsmanAcademyWrites = {
  ...writesFor(craftsmanAcademyRecord),
  upsert: (ctx: RequestContext, input: UpsertCraftsmanAcademiesInput) => bulkUpsert(ctx, craftsmanAcademyRecord, input.records as never, input.idempotencyKey),
};
