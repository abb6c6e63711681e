import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { todayInChina } from '../../common/calendar';
import { nationalIdBirthDate } from '../../common/national-id';
import { sql } from '../../db/sql';
import type { RequestDb } from '../../db/request-db';
import { describedEnum } from '../../graphql/enums';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode } from '../../graphql/errors/user-error';
import { enumColumn, integer, localDate, text } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { byName, sortBy } from '../../registry/orderings';
import type { EventDate } from '../../registry/time-series';
import { field } from '../../registry/writes/fields';
import type { ColumnRecord, StoredProblem } from '../../registry/writes/record-spec';
import { recordType } from '../record-type';
import { craftsmanPersonalColumns, craftsmanPersonalData, type PersonalDataOwner } from './craftsman.personal-data';

export const CraftsmanLevel = describedEnum('CraftsmanLevel', 'Level of a craftsman title (工匠级别).', {
  NATIONAL: 'National craftsman (国家工匠).',
  PROVINCIAL: 'Provincial craftsman (省级工匠), e.g. 荆楚工匠.',
  MUNICIPAL: 'Municipal craftsman (市级工匠), e.g. 南京工匠.',
});

export const CraftsmanStatus = describedEnum('CraftsmanStatus', 'Where a craftsman stands in the selection pipeline (培养状态).', {
  CANDIDATE: 'Nominated candidate (候选人).',
  IN_TRAINING: 'Selected for training, not yet assessed (培养中).',
  CERTIFIED: 'Assessed and awarded the title (已认定).',
  NOT_CERTIFIED: 'Assessed and not awarded (未通过).',
});

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
 * What a craftsman's time series and goal trend date it by: the day of recognition (认定日期), or, when
 * only the year is known, some day of that year (counted in yearly series, in no month, and in a goal's
 * trend only when the whole year lies in its last 12 months).
 */
const CRAFTSMAN_DATED_BY: EventDate = {
  earliest: 'coalesce(t.recognized_on, make_date(t.year, 1, 1))',
  latest: 'coalesce(t.recognized_on, make_date(t.year, 12, 31))',
};

const READABLE_BY = 'personal data (个人信息), readable only by ADMIN and the editor of the craftsman’s city.';
const PERSONAL = 'Personal data (个人信息): visible only to ADMIN and the CITY_EDITOR of the craftsman’s city; null for everyone else, and where not recorded.';

const columns = {
  name: text('t.name', 'Name (姓名).').written({ max: 200 }),
  level: enumColumn(CraftsmanLevel)('t.level', 'Level of the title (级别).').written(),
  honoraryTitle: text('t.honorary_title', 'Honorary title (荣誉称号), e.g. 南京工匠, 荆楚工匠.').orNull().written({ max: 100 }),
  status: enumColumn(CraftsmanStatus)('t.status', 'Pipeline status (培养状态).').written(),
  year: integer('t.year', 'Year of selection or award (年度), from 1949, not later than this year.').orNull().written({ min: 1949, max: 2100 }),
  recognizedOn: localDate('t.recognized_on', 'Date of recognition (认定日期), where known; it falls in `year` when both are known.').orNull().written(),
};

/** Certified craftsmen (已认定) of any level or of one, for goals. */
const certified = (zh: string, en: string, description: string, publishedAs: string, level?: string) => ({ label: { zh, en }, description, condition: `t.status = 'CERTIFIED'${level ? ` AND t.level = '${level}'` : ''}`, publishedAs });

/**
 * Craftsmen (工匠). City editors keep their city's. A craftsman with an enterprise lies in the enterprise's
 * city; one without lies in its own city (or, for ADMIN, only a province). National ID numbers and phones
 * are personal data: written through the inputs, never in the select list, read only through
 * craftsman.personal-data.ts for callers the policy lets see them.
 */
export const craftsman = recordType({
  typename: 'Craftsman',
  table: 'craftsman',
  noun: { one: 'craftsman', many: 'craftsmen', zh: '工匠' },
  description:
    'A craftsman (工匠) at national, provincial or municipal level. Personal data (个人信息: national ID number, phone) is shown only to ADMIN and the CITY_EDITOR of the craftsman’s city.',
  listField: 'craftsmen',
  slug: 'craftsmen',
  columns,
  provinceLevel: true,
  enterprise: { field: 'The enterprise the craftsman works for (所在企业), where recorded.', list: 'Craftsmen working for the enterprise.' },
  filters: (c) => ({
    levels: filterBy.anyOf(c.level, 'Any of these levels.'),
    statuses: filterBy.anyOf(c.status, 'Any of these statuses.'),
    honoraryTitle: filterBy.equalTo(c.honoraryTitle, 'Honorary title, exactly, e.g. 南京工匠.'),
    yearFrom: filterBy.atLeast(c.year, 'Year from (inclusive).'),
    yearTo: filterBy.atMost(c.year, 'Year to (inclusive).'),
    recognizedFrom: filterBy.atLeast(c.recognizedOn, 'Recognised (认定日期) on or after this date; craftsmen with no known date are left out.'),
    recognizedTo: filterBy.atMost(c.recognizedOn, 'Recognised (认定日期) on or before this date; craftsmen with no known date are left out.'),
    nameContains: filterBy.contains([c.name], 'Name contains this text.'),
  }),
  orderings: {
    NAME_ASC: byName(columns.name, 'By name in pinyin order (按拼音排序), A to Z.'),
    YEAR_DESC: sortBy(columns.year, 'DESC', 'integer', 'Most recent year first; unknown years last.', '0'),
  },
  dimensions: {
    LEVEL: groupBy.column(columns, 'level', 'The level of the craftsman title.', 'Level, when grouped by LEVEL.'),
    STATUS: groupBy.column(columns, 'status', 'Where the craftsman stands in the selection pipeline.', 'Status, when grouped by STATUS.'),
    HONORARY_TITLE: groupBy.column(columns, 'honoraryTitle', 'The honorary title; craftsmen without one form their own group.', 'Honorary title, when grouped by HONORARY_TITLE.'),
    YEAR: groupBy.column(columns, 'year', 'The year of selection or award; craftsmen with no known year form their own group.', 'Year, when grouped by YEAR.'),
    MONTH_RECOGNIZED: groupBy.month(columns, 'recognizedOn', 'The month of recognition (认定日期); craftsmen with no known date form their own group.'),
  },
  datedBy: { column: 'recognizedOn', what: 'the day of recognition, or some day of `year` where only the year is known (in yearly series, in no month)', event: CRAFTSMAN_DATED_BY },
  write: {
    required: ['name', 'level', 'status'],
    placeInCheck: true,
    check: (record) => craftsmanRules(record),
    checkStored: nationalIdsInUse,
  },
  personal: {
    fields: {
      nationalIdNumber: {
        spec: field.nationalId('national_id_number'),
        description: `National ID number (公民身份号码), 18 characters with the GB 11643 check digit (a trailing x is read as X); ${READABLE_BY}`,
      },
      phone: { spec: field.phone('phone'), description: `Phone (联系电话): a mainland mobile such as 13912345678 or a landline such as 025-83123456; ${READABLE_BY}` },
    },
    read: 'registry_craftsman_personal_to_write',
    export: craftsmanPersonalColumns,
  },
  relations: ({ Type }) => {
    // Each asks the policy first (craftsman.personal-data.ts).
    @Resolver(() => Type)
    class CraftsmanPersonalDataResolver {
      @FieldResolver(() => String, { nullable: true, description: `National ID number (公民身份号码). ${PERSONAL}` })
      nationalIdNumber(@Ctx() ctx: RequestContext, @Root() row: PersonalDataOwner) {
        return craftsmanPersonalData.nationalIdNumber(ctx, row);
      }

      @FieldResolver(() => String, { nullable: true, description: `Phone (联系电话). ${PERSONAL}` })
      phone(@Ctx() ctx: RequestContext, @Root() row: PersonalDataOwner) {
        return craftsmanPersonalData.phone(ctx, row);
      }
    }
    return [CraftsmanPersonalDataResolver];
  },
  goalMetrics: {
    CRAFTSMEN: certified('已认定工匠', 'Certified craftsmen', 'Certified craftsmen of any level (已认定工匠).', 'CERTIFIED_CRAFTSMEN'),
    NATIONAL_CRAFTSMEN: certified('国家工匠', 'National craftsmen', 'Certified national craftsmen (国家工匠).', 'NATIONAL_CRAFTSMEN', 'NATIONAL'),
    PROVINCIAL_CRAFTSMEN: certified('省级工匠', 'Provincial craftsmen', 'Certified provincial craftsmen (省级工匠).', 'PROVINCIAL_CRAFTSMEN', 'PROVINCIAL'),
    MUNICIPAL_CRAFTSMEN: certified('市级工匠', 'Municipal craftsmen', 'Certified municipal craftsmen (市级工匠).', 'MUNICIPAL_CRAFTSMEN', 'MUNICIPAL'),
  },
});

/** The craftsman's object type and table spec, for the relations other types declare to it (a studio's lead craftsman, an award's winner). */
export const Craftsman = craftsman.Type;
export const craftsmanTable = craftsman.table;

export default craftsman.module;
