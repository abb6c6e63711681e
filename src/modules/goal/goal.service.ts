import { placeConditions, when } from '../../db/filters';
import { raw, sql } from '../../db/sql';
import { registryRow, type TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { REGISTRY_RECORD_COLUMNS } from '../../graphql/registry-record.interface';
import { byGroupLoader, listConnection } from '../../graphql/lists';
import { goalProgress, todayInChina } from './goal-progress';
import { GoalOrderBy, type GoalFilter, type GoalsArgs } from './goal.inputs';
import { GoalMetric, type GoalRow } from './goal.type';

export const goalTable: TableSpec<GoalRow, GoalFilter> = {
  from: 'goal t',
  columns: `t.id, t.province_code AS "provinceCode", t.city_code AS "cityCode", t.metric, t.target, t.deadline,
    t.baseline_value AS "baselineValue", t.baseline_on AS "baselineOn", t.description, t.source_id AS "sourceId",
    ${REGISTRY_RECORD_COLUMNS}`,
  key: 't.id',
  toRow: registryRow('Goal'),
  conditions: (f) => [
    ...placeConditions(f),
    ...(f?.provinceWide == null ? [] : [raw(f.provinceWide ? 't.city_code IS NULL' : 't.city_code IS NOT NULL')]),
    ...when.inList('t.metric', f?.metrics),
    ...when.between('t.deadline', f?.deadlineFrom, f?.deadlineTo),
    ...when.archived(f?.archiveStatus),
  ],
  orders: {
    [GoalOrderBy.ID_ASC]: { expression: 't.id', direction: 'ASC', type: 'integer' },
    [GoalOrderBy.DEADLINE_ASC]: { expression: 't.deadline', direction: 'ASC', type: 'date' },
  },
};

/** How each metric is counted in the registry, for the goal `g`'s scope; archived records do not count. */
const inScope = (table: string) =>
  `FROM ${table} r WHERE r.province_code = g.province_code AND (g.city_code IS NULL OR r.city_code = g.city_code) AND r.archived_at IS NULL`;
const certified = (level?: string) => `(SELECT count(*) ${inScope('craftsman')} AND r.status = 'CERTIFIED'${level ? ` AND r.level = '${level}'` : ''})`;
const METRIC_SQL: Record<GoalMetric, string> = {
  INNOVATION_STUDIOS: `(SELECT count(*) ${inScope('innovation_studio')})`,
  CRAFTSMAN_ACADEMIES: `(SELECT count(*) ${inScope('craftsman_academy')})`,
  COLLECTIVE_CONTRACTS: `(SELECT count(*) ${inScope('collective_innovation_contract')})`,
  WORKERS_COVERED: `(SELECT coalesce(sum(r.workers_covered), 0) ${inScope('collective_innovation_contract')})`,
  CRAFTSMEN: certified(),
  NATIONAL_CRAFTSMEN: certified('NATIONAL'),
  PROVINCIAL_CRAFTSMEN: certified('PROVINCIAL'),
  MUNICIPAL_CRAFTSMEN: certified('MUNICIPAL'),
};
const CURRENT_VALUE = `CASE g.metric ${Object.entries(METRIC_SQL).map(([m, q]) => `WHEN '${m}' THEN ${q}`).join(' ')} END`;

/** Current values of many goals in one statement; CASE evaluates only the matching subquery. */
function currentValues(ctx: RequestContext) {
  return ctx.loaders.get<number, number>('goal:current', async (ids) => {
    const rows = await ctx.db.query<{ id: number; current: number }>(
      sql`SELECT g.id, (${raw(CURRENT_VALUE)})::integer AS current FROM goal g WHERE g.id = ANY(${[...ids]})`,
    );
    const byId = new Map(rows.map((r) => [r.id, r.current]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
}

export const goalService = {
  list: (ctx: RequestContext, args: GoalsArgs) => listConnection(ctx, goalTable, args, GoalOrderBy.ID_ASC),
  /** Active goals whose scope is exactly this city, or exactly this province (not its cities). */
  async ofScope(ctx: RequestContext, scope: { cityCode?: string; provinceCode?: string }, metric: GoalMetric | null | undefined) {
    const goals = scope.cityCode
      ? await byGroupLoader(ctx, goalTable, 't.city_code').load(scope.cityCode)
      : (await byGroupLoader(ctx, goalTable, 't.province_code').load(scope.provinceCode!)).filter((g) => g.cityCode === null);
    return goals.filter((g) => g.archivedAt === null && (!metric || g.metric === metric));
  },
  async progress(ctx: RequestContext, goal: GoalRow) {
    return goalProgress(goal, await currentValues(ctx).load(goal.rowId), todayInChina());
  },
};
