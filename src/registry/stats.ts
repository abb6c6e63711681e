import { Field, ObjectType } from 'type-graphql';
import { groupBy, type Dimension, type GroupDimension } from './dimensions';
import { selectGroups, type TableSpec } from './table';
import { tallyGroups, type StatsTally } from './stats-tally';
import type { RequestContext } from '../graphql/context';
import { DivisionCodeScalar, LocalDateScalar } from '../graphql/scalars';

export type { Dimension };

/** The dimensions every registry table has. */
export const placeDimensions = {
  PROVINCE: { expression: 't.province_code', alias: 'provinceCode' },
  CITY: { expression: 't.city_code', alias: 'cityCode' },
  DISTRICT: { expression: 't.district_code', alias: 'districtCode' },
} satisfies Record<string, Dimension>;


/** The ownership and industry of the record's enterprise (`t.enterprise_id`), looked up in the same statement. */
export const enterpriseDimensions = {
  OWNERSHIP: { expression: '(SELECT e.ownership FROM enterprise e WHERE e.id = t.enterprise_id)', alias: 'ownership' },
  INDUSTRY: { expression: '(SELECT e.industry FROM enterprise e WHERE e.id = t.enterprise_id)', alias: 'industry' },
} satisfies Record<string, Dimension>;

/** The place dimensions of a placed record's statistics, described for its noun (e.g. studio, studios). */
export const placeGroupDimensions = (noun: string, plural: string) => ({
  PROVINCE: groupBy.expression(placeDimensions.PROVINCE, `The province of the ${noun}.`),
  CITY: groupBy.expression(placeDimensions.CITY, `The city of the ${noun}; ${plural} with no city form their own group.`),
  DISTRICT: groupBy.expression(placeDimensions.DISTRICT, `The district (区县) of the ${noun}; ${plural} placed in no district form their own group.`),
}) satisfies Record<string, GroupDimension>;

/** The record's enterprise's ownership and industry, described as the type says them. */
export const enterpriseGroupDimensions = (ownership: string, industry: string) => ({
  OWNERSHIP: groupBy.expression(enterpriseDimensions.OWNERSHIP, ownership),
  INDUSTRY: groupBy.expression(enterpriseDimensions.INDUSTRY, industry),
}) satisfies Record<string, GroupDimension>;

/** What every group row of a registry statistic carries, besides its own dimensions and measures. */
@ObjectType({ description: 'Base of statistic group rows; not in the schema by itself.' })
export abstract class RegistryGroup {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code, when grouped by PROVINCE (for flat tables; `province` gives the name).' })
  provinceCode: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code, when grouped by CITY; null also for records with no city.' })
  cityCode: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'District division code, when grouped by DISTRICT; null also for records placed in no district.' })
  districtCode: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the month, when grouped by a MONTH_… dimension; null also for unknown dates.' })
  month: string | null;
}

/**
 * Runs one GROUP BY over a registry table for the chosen dimensions (in the order given, without
 * repeats) and returns rows whose ungrouped dimensions are null: over its statistics tally where that
 * can answer for the fields asked for (`requested`; stats-tally.ts), else over its records.
 */
export async function groupStats<Filter, D extends string>(
  ctx: RequestContext,
  table: TableSpec<unknown, Filter>,
  dimensions: Record<D, Dimension>,
  groupBy: ReadonlyArray<D>,
  filter: Filter | null | undefined,
  measures: ReadonlyArray<Dimension> = [],
  tally?: StatsTally,
  requested?: ReadonlySet<string>,
): Promise<Record<string, unknown>[]> {
  const chosen = [...new Set(groupBy)].map((d) => dimensions[d]);
  const fromTally = tallyGroups(tally, chosen, table.conditions(filter), requested);
  const rows = fromTally ? await ctx.db.query<Record<string, unknown>>(fromTally) : await selectGroups(ctx.db, table, chosen, measures, filter);
  const empty = Object.fromEntries(Object.values<Dimension>(dimensions).map((d) => [d.alias, null]));
  return rows.map((r) => ({ ...empty, ...r }));
}
