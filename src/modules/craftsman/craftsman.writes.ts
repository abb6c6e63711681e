import { todayInChina } from '../../common/calendar';
import { nationalIdBirthDate } from '../../common/national-id';
import { bulkUpsert } from '../../registry/writes/bulk-upsert';
import { field } from '../../registry/writes/fields';
import { writesFor } from '../../registry/writes/record-writer';
import type { RequestDb } from '../../db/request-db';
import { sql } from '../../db/sql';
import type { ColumnRecord, RecordSpec, StoredProblem } from '../../registry/writes/record-spec';
import { UserErrorCode } from '../../graphql/errors/user-error';
import type { RequestContext } from '../../graphql/context';
import { craftsmanTable } from './craftsman.service';
import { craftsmanColumns } from './craftsman.type';
import type { UpsertCraftsmenInput } from './craftsman.write-inputs';
import { writtenFields } from '../../registry/columns';
import { placeFields } from '../../registry/registry-record.interface';
import { enterpriseKeyFields } from '../enterprise/enterprise-reference';


/** The minimum working age in China (劳动法 第十五条): a registered craftsman is at least 16. */
export const MINIMUM_WORKING_AGE = 16;

/**
 * Rules between fields: a craftsman lies somewhere (an enterprise, a city or at least a province);
 * the year of selection or award is not later than this year (China time); the recognition date
 * falls in that year (the table's CHECK says the same; here it is a userError, not a failure); the
 * holder of a national ID number is of working age today.
 */
export function craftsmanRules(record: ColumnRecord, today = todayInChina()): Array<[string, string]> {
  const problems: Array<[string, string]> = [];
  if (record.province_code == null && record.city_code == null && record.enterprise_id == null) {
    problems.push(['province_code', 'provinceCode is required when the craftsman has neither an enterprise nor a city: give enterpriseId, cityCode or (ADMIN) provinceCode.']);
  }
  const thisYear = Number(today.slice(0, 4));
  if (typeof record.year === 'number' && record.year > thisYear) {
    problems.push(['year', `year must not be later than ${thisYear}: it is the year of selection or award (got ${record.year}).`]);
  }
  const recognizedOn = record.recognized_on;
  if (typeof recognizedOn === 'string' && typeof record.year === 'number' && Number(recognizedOn.slice(0, 4)) !== record.year) {
    problems.push(['recognized_on', `recognizedOn (${recognizedOn}) must fall in the craftsman's year (${record.year}): the year is when the title was awarded.`]);
  }
  const nationalId = record.national_id_number;
  if (typeof nationalId === 'string' && /^[0-9]{17}[0-9X]$/.test(nationalId)) {
    const birth = nationalIdBirthDate(nationalId);
    const cutoff = `${thisYear - MINIMUM_WORKING_AGE}${today.slice(4)}`;
    if (birth > cutoff) {
      problems.push(['national_id_number', `nationalIdNumber gives a birth date of ${birth}: a craftsman must be at least ${MINIMUM_WORKING_AGE} (the minimum working age).`]);
    }
  }
  return problems;
}

/**
 * A national ID number (公民身份号码) names one person: one active craftsman holds it, anywhere in the
 * country. The batch may not give one twice; PostgreSQL says which are held by another craftsman (not
 * whom: the caller may not see other cities' personal data), and its unique index repeats the rule.
 */
async function nationalIdsInUse(tx: RequestDb, records: Array<{ index: number; existing: ColumnRecord | null; record: ColumnRecord }>): Promise<StoredProblem[]> {
  const problems: StoredProblem[] = [];
  const firstRow = new Map<string, number>();
  for (const { index, existing, record } of records) {
    const number = record.national_id_number;
    if (typeof number !== 'string' || record.archived_at != null || existing?.national_id_number === number) continue;
    const first = firstRow.get(number);
    if (first === undefined) firstRow.set(number, index);
    else problems.push({ index, column: 'national_id_number', code: UserErrorCode.DUPLICATE, message: `nationalIdNumber appears twice in this batch: rows ${first} and ${index}.` });
  }
  if (!firstRow.size) return problems;
  const own = records.map((r) => r.existing?.id).filter((id): id is number => typeof id === 'number');
  const taken = await tx.query<{ number: string }>(sql`SELECT n AS number FROM registry_national_ids_in_use(${[...firstRow.keys()]}::text[], ${own}::integer[]) AS n`);
  for (const { number } of taken) {
    problems.push({ index: firstRow.get(number)!, column: 'national_id_number', code: UserErrorCode.DUPLICATE, message: 'This national ID number (公民身份号码) is already registered to another active craftsman.' });
  }
  return problems;
}

/**
 * How craftsmen are written: city editors keep their city's. A craftsman with an enterprise lies in
 * the enterprise's city; one without lies in its own city (or, for ADMIN, only a province).
 * National ID numbers and phones are personal data: written here, read only through
 * craftsman.personal-data.ts.
 */
export const craftsmanRecord: RecordSpec = {
  typename: 'Craftsman',
  table: 'craftsman',
  read: craftsmanTable,
  scope: 'CITY',
  payloadField: 'craftsman',
  fields: {
    ...writtenFields(craftsmanColumns),
    ...enterpriseKeyFields,
    ...placeFields(true),
    // Written, never selected: read through policy-checked field resolvers (craftsman.personal-data.ts).
    nationalIdNumber: field.nationalId('national_id_number'),
    phone: field.phone('phone'),
  },
  // The place (province_code) is checked in craftsmanRules, with a message that says where it comes from.
  required: ['name', 'level', 'status'],
  place: { parent: { column: 'enterprise_id', noun: 'enterprise' } },
  externalId: true,
  personal: { columns: ['national_id_number', 'phone'], read: 'registry_craftsman_personal_to_write' },
  check: (record) => craftsmanRules(record),
  checkStored: nationalIdsInUse,
};

export const craftsmanWrites = {
  ...writesFor(craftsmanRecord),
  upsert: (ctx: RequestContext, input: UpsertCraftsmenInput) => bulkUpsert(ctx, craftsmanRecord, input.records as never, input.idempotencyKey),
};
