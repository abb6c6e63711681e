import type { RequestContext } from '../../graphql/context';
import type { ExportRow } from '../../registry/registry-type';
import { goalService } from './goal.service';
import type { GoalRow } from './goal.type';

/** Goals with their progress, as `Goal.progress` gives it; goalService batches the batch's goals into one statement. */
export async function goalProgressColumns(ctx: RequestContext, rows: ExportRow[]): Promise<void> {
  const progress = await Promise.all(rows.map((row) => goalService.progress(ctx, row as unknown as GoalRow)));
  rows.forEach((row, i) => (row.progress = progress[i]));
}

/** A goal's progress and the evidence under it, flattened (status, reason, explanation; registry records, samples, undated …). */
export const goalExportNested = [
  { path: ['progress'], typeName: 'GoalProgress' },
  { path: ['progress', 'evidence'], typeName: 'GoalEvidence' },
] as const;
