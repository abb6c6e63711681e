import { selectGroups, type TableSpec } from '../db/table';
import type { RequestContext } from './context';

/** A column to group by: its SQL expression and the group row's property name. */
export interface Dimension {
  expression: string;
  alias: string;
}

/**
 * Runs one GROUP BY over a registry table for the chosen dimensions (in the order given, without
 * repeats) and returns rows whose ungrouped dimensions are null.
 */
export async function groupStats<Filter, D extends string>(
  ctx: RequestContext,
  table: TableSpec<unknown, Filter>,
  dimensions: Record<D, Dimension>,
  groupBy: ReadonlyArray<D>,
  filter: Filter | null | undefined,
  measures: ReadonlyArray<Dimension> = [],
): Promise<Record<string, unknown>[]> {
  const chosen = [...new Set(groupBy)].map((d) => dimensions[d]);
  const rows = await selectGroups(ctx.db, table, chosen, measures, filter);
  const empty = Object.fromEntries(Object.values<Dimension>(dimensions).map((d) => [d.alias, null]));
  return rows.map((r) => ({ ...empty, ...r }));
}
