import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DivisionCodeScalar, LocalDateScalar } from '../../graphql/scalars';
import { FigureUnit, ReportedFigureMetric, FigureKind, FigureQualifier } from './reported-figure.type';

@InputType({
  description:
    'A new published figure (新建公开统计数据). Give cityCode for a city’s figure (its province follows from the city), or only provinceCode for a province-wide one. Percentages (shares, satisfaction, growth) are in PERCENT, every other metric is a whole count in another unit.',
})
export class CreateReportedFigureInput {
  @Field(() => DivisionCodeScalar, { nullable: true, description: 'City division code (城市), e.g. "320300"; leave out for a province-wide figure.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'Province division code (省份), required for a province-wide figure; for a city it must be the city’s province, or left out.' })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true, description: 'What within the place the figure is about (对象), e.g. 镇江经开区新材料产业园; up to 200 characters; leave out for the whole place.' })
  subject?: string | null;

  @Field(() => ReportedFigureMetric, { description: 'What the figure measures (指标).' })
  metric: ReportedFigureMetric;

  @Field(() => Float, { description: 'The published value (数值), 0 or more; a whole number unless the unit is PERCENT; shares and satisfaction at most 100.' })
  value: number;

  @Field(() => FigureUnit, { description: 'Unit (单位).' })
  unit: FigureUnit;

  @Field(() => LocalDateScalar, { description: 'Date the figure refers to (截至日期): from 1949-10-01, not in the future.' })
  asOf: string;

  @Field(() => FigureQualifier, { nullable: true, description: 'How exact the value is, as the report wrote it (数值限定); EXACT when not given.' })
  qualifier?: FigureQualifier | null;

  @Field(() => FigureKind, { nullable: true, description: 'ACHIEVEMENT (done) or PLAN (planned) (数据性质); ACHIEVEMENT when not given.' })
  kind?: FigureKind | null;

  @Field(() => ID, { description: 'ID of the source that publishes the figure (出处); required.' })
  sourceId: string;
}

@InputType({ description: 'Changes to a published figure (修改公开统计数据): only the fields given change; null clears an optional field.' })
export class UpdateReportedFigureInput {
  @Field(() => ID, { description: 'The figure’s ID.' })
  id: string;

  @Field(() => Int, { description: 'The version the caller read; if the figure has moved on, nothing changes (CONFLICT).' })
  version: number;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'New city (城市); null makes the figure province-wide in its province.' })
  cityCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'County-level district division code (所属区县), e.g. "320102": it must lie in the record\'s city; null: not placed in a district.' })
  districtCode?: string | null;

  @Field(() => DivisionCodeScalar, { nullable: true, description: 'New province (省份) of a province-wide figure.' })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true, description: 'New subject (对象); null clears it.' })
  subject?: string | null;

  @Field(() => ReportedFigureMetric, { nullable: true, description: 'New metric (指标).' })
  metric?: ReportedFigureMetric | null;

  @Field(() => Float, { nullable: true, description: 'New value (数值).' })
  value?: number | null;

  @Field(() => FigureUnit, { nullable: true, description: 'New unit (单位).' })
  unit?: FigureUnit | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New as-of date (截至日期).' })
  asOf?: string | null;

  @Field(() => FigureQualifier, { nullable: true, description: 'New qualifier (数值限定).' })
  qualifier?: FigureQualifier | null;

  @Field(() => FigureKind, { nullable: true, description: 'New kind (数据性质).' })
  kind?: FigureKind | null;

  @Field(() => ID, { nullable: true, description: 'ID of the source that publishes the figure (出处).' })
  sourceId?: string | null;
}
