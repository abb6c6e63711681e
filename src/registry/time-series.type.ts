import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../graphql/enums';
import { INHERIT_CACHE } from '../graphql/cache-hints';
import { DivisionCodeScalar, LocalDateScalar } from '../graphql/scalars';

export enum SeriesInterval {
  MONTH = 'MONTH',
  YEAR = 'YEAR',
}
describeEnum(SeriesInterval, 'SeriesInterval', 'The length of one period of a time series (统计周期).', {
  MONTH: 'Calendar months; a period is named by its first day, e.g. 2026-03-01.',
  YEAR: 'Calendar years; a period is named by 1 January, e.g. 2026-01-01.',
});

export enum SeriesGrouping {
  NONE = 'NONE',
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
}
describeEnum(SeriesGrouping, 'SeriesGrouping', 'Which lines a time series has.', {
  NONE: 'One line for everything the filter selects.',
  PROVINCE: "One line per province the filter's place allows, including provinces with nothing to count.",
  CITY: "One line per city the filter's place allows (every city of the province, or the one city), including cities with nothing to count; records with no city form one more line per province, with cityCode null.",
  DISTRICT: "One line per county-level district (区县) the filter's place allows, including districts with nothing to count; records placed in no district form one more line per city (districtCode null; cityCode null too for records with no city). Needs provinceCode, cityCode or districtCode in the filter.",
});

/** The arguments every `<type>Series` field shares; each module adds its own `filter`. */
@ArgsType()
export class TimeSeriesArgs {
  @Field(() => SeriesInterval, { description: 'Months or years.' })
  interval: SeriesInterval;

  @Field(() => LocalDateScalar, { description: 'Any day of the first period; the series starts on the first day of that month or year.' })
  from: string;

  @Field(() => LocalDateScalar, { description: 'Any day of the last period (not before `from`); at most 600 periods in all.' })
  to: string;

  @Field(() => SeriesGrouping, { nullable: true, defaultValue: SeriesGrouping.NONE, description: 'One line in all (NONE, the default), per province, per city or per district.' })
  groupBy?: SeriesGrouping | null;
}

@Directive(INHERIT_CACHE)
@ObjectType({ description: 'One period of a time series line (时间序列点).' })
export class TimeSeriesPoint {
  @Field(() => LocalDateScalar, { description: 'The first day of the period.' })
  period: string;

  @Field(() => Int, { description: 'Records dated in the period (新增).' })
  count: number;

  @Field(() => Int, { description: 'Records dated on or before the last day of the period, including those before the series starts (累计).' })
  cumulative: number;
}

@Directive(INHERIT_CACHE)
@ObjectType({ description: 'The points of one province, one city, one district, or everything (时间序列线).' })
export class TimeSeriesLine {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'The province of the line; null when not grouped (NONE).' })
  provinceCode: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'The city of the line when grouped by CITY; null otherwise, and for the records of a province that have no city.' })
  cityCode: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'The district of the line when grouped by DISTRICT; null otherwise, and for the records of a city placed in no district.' })
  districtCode: string | null;

  @Field(() => Int, { description: 'Records of the line without a date: counted here, in no point.' })
  undatedCount: number;

  @Field(() => [TimeSeriesPoint], { description: 'One point per period, from the first to the last, none missing.' })
  points: TimeSeriesPoint[];
}

@Directive(INHERIT_CACHE)
@ObjectType({
  description:
    'Registry records counted per month or year by the date they are dated by, with running totals (时间序列), computed in one SQL statement. The filter and archiving work as in the matching list field.',
})
export class TimeSeries {
  @Field(() => SeriesInterval, { description: 'Months or years.' })
  interval: SeriesInterval;

  @Field(() => LocalDateScalar, { description: 'The first day of the first period.' })
  from: string;

  @Field(() => LocalDateScalar, { description: 'The first day of the last period.' })
  to: string;

  @Field(() => Int, { description: 'Records the filter selects that have no date, in all lines.' })
  undatedCount: number;

  @Field(() => [TimeSeriesLine], { description: 'The lines, by province code, city code, then district code (the no-city line of a province and the no-district line of a city last).' })
  lines: TimeSeriesLine[];
}

/** A line as the service returns it; `province` and `city` are resolved from the codes. */
export interface TimeSeriesLineRow {
  provinceCode: string | null;
  cityCode: string | null;
  districtCode: string | null;
  undatedCount: number;
  points: TimeSeriesPoint[];
}
