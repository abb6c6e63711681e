import { writesFor } from '../../registry/writes/record-writer';
import type { ColumnRecord, RecordSpec } from '../../registry/writes/record-spec';
import { reportedFigureTable } from './reported-figure.service';
import { FigureKind, FigureQualifier, FigureUnit, reportedFigureColumns, ReportedFigureMetric } from './reported-figure.type';
import { writtenFields } from '../../registry/columns';
import { placeFields } from '../../registry/registry-record.interface';

/** Metrics published as percentages (their enum descriptions say "percent"); all others are counts. */
export const PERCENT_METRICS: ReadonlySet<string> = new Set([
  ReportedFigureMetric.HIGHLY_SKILLED_WORKER_SHARE,
  ReportedFigureMetric.SKILL_COMPETITION_PARTICIPATION,
  ReportedFigureMetric.ISSUE_RESOLUTION_SATISFACTION,
  ReportedFigureMetric.PUBLIC_BUDGET_REVENUE_GROWTH,
]);

/** Percentages of a whole (a share, a satisfaction rate) cannot exceed 100; growth can. */
const SHARE_METRICS: ReadonlySet<string> = new Set([
  ReportedFigureMetric.HIGHLY_SKILLED_WORKER_SHARE,
  ReportedFigureMetric.ISSUE_RESOLUTION_SATISFACTION,
  ReportedFigureMetric.SKILL_COMPETITION_PARTICIPATION,
]);

/** Metric, unit and value must agree: percentages in PERCENT (shares at most 100), counts whole and not in PERCENT. */
function checkFigure(record: ColumnRecord): Array<[string, string]> {
  const metric = record.metric as string | null;
  const unit = record.unit as string | null;
  // numeric comes back from PostgreSQL as text when the record is read for an update
  const value = record.value == null ? null : Number(record.value);
  if (metric == null || unit == null) return [];
  if (PERCENT_METRICS.has(metric)) {
    if (unit !== FigureUnit.PERCENT) return [['unit', `unit must be PERCENT for ${metric}, which is a percentage.`]];
    if (SHARE_METRICS.has(metric) && value != null && value > 100) return [['value', `value must be at most 100 for ${metric}, a percentage of a whole (got ${value}).`]];
    return [];
  }
  if (unit === FigureUnit.PERCENT) return [['unit', `${metric} is a count, not a percentage: use PERSONS, ENTERPRISES, ORGANISATIONS, EVENTS or COUNT.`]];
  if (value != null && !Number.isInteger(value)) return [['value', `value must be a whole number for ${metric}, a count (got ${value}).`]];
  return [];
}

/** How published figures are written: ADMIN only; a city's figure lies in its city's province. */
export const reportedFigureRecord: RecordSpec = {
  typename: 'ReportedFigure',
  table: 'reported_figure',
  read: reportedFigureTable,
  scope: 'ADMIN_ONLY',
  payloadField: 'reportedFigure',
  fields: {
    ...placeFields(true),
    ...writtenFields(reportedFigureColumns),
  },
  required: ['province_code', 'metric', 'value', 'unit', 'qualifier', 'kind', 'as_of', 'source_id'],
  defaults: { qualifier: FigureQualifier.EXACT, kind: FigureKind.ACHIEVEMENT },
  place: {},
  externalId: false,
  check: checkFigure,
};

export const reportedFigureWrites = writesFor(reportedFigureRecord);
