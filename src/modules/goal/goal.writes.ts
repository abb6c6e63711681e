import { writesFor } from '../../registry/writes/record-writer';
import type { ColumnRecord, RecordSpec } from '../../registry/writes/record-spec';
import { goalTable } from './goal.service';
import { FigureQualifier } from '../reported-figure/reported-figure.type';
import { goalColumns } from './goal.type';
import { writtenFields } from '../../registry/columns';
import { placeFields } from '../../registry/registry-record.interface';

/** The baseline is published with the goal: both its value and its date, or neither; and before the deadline. */
function checkBaseline(record: ColumnRecord): Array<[string, string]> {
  const value = record.baseline_value;
  const on = record.baseline_on as string | null | undefined;
  const deadline = record.deadline as string | null | undefined;
  if (value != null && on == null) return [['baseline_on', 'baselineOn is required when baselineValue is given: a baseline is a value on a date.']];
  if (value == null && on != null) return [['baseline_value', 'baselineValue is required when baselineOn is given: a baseline is a value on a date.']];
  if (on != null && deadline != null && on >= deadline) return [['baseline_on', `baselineOn (${on}) must be before the deadline (${deadline}).`]];
  const from = record.counts_from as string | null | undefined;
  if (from != null && deadline != null && from >= deadline) return [['counts_from', `countsFrom (${from}) must be before the deadline (${deadline}) (统计起始日须早于截止日期).`]];
  return [];
}

/** How goals are written: ADMIN only; a city goal lies in its city's province, a province-wide goal has no city. */
export const goalRecord: RecordSpec = {
  typename: 'Goal',
  table: 'goal',
  read: goalTable,
  scope: 'ADMIN_ONLY',
  payloadField: 'goal',
  fields: {
    ...placeFields(true),
    ...writtenFields(goalColumns),
  },
  required: ['province_code', 'metric', 'target', 'target_qualifier', 'deadline', 'source_id'],
  defaults: { target_qualifier: FigureQualifier.EXACT },
  place: {},
  externalId: false,
  check: checkBaseline,
};

export const goalWrites = writesFor(goalRecord);
