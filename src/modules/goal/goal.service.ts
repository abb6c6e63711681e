import type { GraphQLResolveInfo } from 'graphql';
import { placeConditions, when } from '../../db/filters';
import { raw, sql, where } from '../../db/sql';
import { registryRow, type TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { REGISTRY_RECORD_COLUMNS } from '../../graphql/registry-record.interface';
import { byGroupLoader, listConnection } from '../../graphql/lists';
import { COLLECTIVE_CONTRACT_DATED_BY } from '../collective-innovation-contract/collective-innovation-contract.service';
import { CRAFTSMAN_ACADEMY_DATED_BY } from '../craftsman-academy/craftsman-academy.service';
import { CRAFTSMAN_DATED_BY } from '../craftsman/craftsman.service';
import { INNOVATION_STUDIO_DATED_BY } from '../innovation-studio/innovation-studio.service';
import { todayInChina } from '../../common/calendar';
import { goalForecast, goalProgress } from './goal-progress';
import { GoalOrderBy, type GoalFilter, type GoalRankingArgs, type GoalsArgs } from './goal.inputs';
import { Goal, GoalMetric, type GoalRow } from './goal.type';

export const goalTable: TableSpec<GoalRow, GoalFilter> = {
  from: 'goal t',
  columns: `t.id, t.province_code AS "provinceCode", t.city_code AS "cityCode", t.metric, t.target, t.deadline,
    t.baseline_value AS "baselineValue", t.baseline_on AS "baselineOn", t.description, t.source_id AS "sourceId",
    ${REGISTRY_RECORD_COLUMNS}`,
  key: 't.id',
  toRow: registryRow('Goal', Goal),
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

/**
 * How each metric is counted in the registry for the goal `g`'s scope, as two numbers: the current
 * value, and what of it is dated in the trend window `w` (today − 12 months, today], each record dated
 * by its module's event date. Archived records do not count. One scan of the scope gives both.
 */
const COUNT = (filter: string) => `count(*)${filter}`;
const WORKERS = (filter: string) => `coalesce(sum(t.workers_covered)${filter}, 0)`;
/**
 * A city goal's scope is written as its own branch, `t.city_code = g.city_code`, rather than as
 * `(g.city_code IS NULL OR t.city_code = g.city_code)`: the OR keeps PostgreSQL from using the
 * city index and makes every city goal scan its whole province.
 */
const values = (table: string, datedBy: string, measure = COUNT, condition = '') => {
  const select = (scope: string) =>
    `(SELECT ARRAY[${measure('')}, ${measure(` FILTER (WHERE (${datedBy}) > w.after AND (${datedBy}) <= w.today)`)}]::bigint[] FROM ${table} t WHERE ${scope} AND t.archived_at IS NULL${condition})`;
  return `(CASE WHEN g.city_code IS NULL THEN ${select('t.province_code = g.province_code')} ELSE ${select('t.city_code = g.city_code AND t.province_code = g.province_code')} END)`;
};
const certified = (level?: string) => values('craftsman', CRAFTSMAN_DATED_BY, COUNT, ` AND t.status = 'CERTIFIED'${level ? ` AND t.level = '${level}'` : ''}`);
const METRIC_SQL: Record<GoalMetric, string> = {
  INNOVATION_STUDIOS: values('innovation_studio', INNOVATION_STUDIO_DATED_BY),
  CRAFTSMAN_ACADEMIES: values('craftsman_academy', CRAFTSMAN_ACADEMY_DATED_BY),
  COLLECTIVE_CONTRACTS: values('collective_innovation_contract', COLLECTIVE_CONTRACT_DATED_BY),
  WORKERS_COVERED: values('collective_innovation_contract', COLLECTIVE_CONTRACT_DATED_BY, WORKERS),
  CRAFTSMEN: certified(),
  NATIONAL_CRAFTSMEN: certified('NATIONAL'),
  PROVINCIAL_CRAFTSMEN: certified('PROVINCIAL'),
  MUNICIPAL_CRAFTSMEN: certified('MUNICIPAL'),
};
/** [current, trend] of the goal `g`; CASE evaluates only the matching subquery. */
const GOAL_VALUES = `(CASE g.metric ${Object.entries(METRIC_SQL).map(([m, q]) => `WHEN '${m}' THEN ${q}`).join(' ')} END)::integer[]`;

/** The trend window for `today` (China time), as the CTE `w` the metric subqueries read. */
const trendWindow = (today: string) => sql`WITH w AS (SELECT ${today}::date AS today, (${today}::date - interval '12 months')::date AS after)`;

interface GoalValues {
  current: number;
  trend: number;
  /** The day the values were counted for, so that progress and forecast use the same today. */
  today: string;
}

/** The values of many goals in one statement: the goals of a page, a city, a ranking. */
function goalValues(ctx: RequestContext) {
  return ctx.loaders.get<number, GoalValues>('goal:values', async (ids) => {
    const today = todayInChina();
    const rows = await ctx.db.query<{ id: number; v: [number, number] }>(
      sql`${trendWindow(today)} SELECT g.id, ${raw(GOAL_VALUES)} AS v FROM goal g, w WHERE g.id = ANY(${[...ids]})`,
    );
    const byId = new Map(rows.map((r) => [r.id, { current: r.v[0], trend: r.v[1], today }]));
    return ids.map((id) => byId.get(id) ?? { current: 0, trend: 0, today });
  });
}

export const goalService = {
  list: (ctx: RequestContext, args: GoalsArgs, info?: GraphQLResolveInfo) => listConnection(ctx, goalTable, args, GoalOrderBy.ID_ASC, info),
  /** Active goals whose scope is exactly this city, or exactly this province (not its cities). */
  async ofScope(ctx: RequestContext, scope: { cityCode?: string; provinceCode?: string }, metric: GoalMetric | null | undefined) {
    const goals = scope.cityCode
      ? await byGroupLoader(ctx, goalTable, 't.city_code').load(scope.cityCode)
      : (await byGroupLoader(ctx, goalTable, 't.province_code').load(scope.provinceCode!)).filter((g) => g.cityCode === null);
    return goals.filter((g) => g.archivedAt === null && (!metric || g.metric === metric));
  },
  async progress(ctx: RequestContext, goal: GoalRow) {
    const { current, trend, today } = await goalValues(ctx).load(goal.rowId);
    return { ...goalProgress(goal, current, today), ...goalForecast(goal, current, trend, today) };
  },
  /**
   * City goals for a metric by progress ratio, highest first, ties by city code, ranked in one
   * statement with the goals' values; the values are handed to the request's loader, so that the
   * entries' `progress` runs no further statement.
   */
  async ranking(ctx: RequestContext, args: GoalRankingArgs) {
    const today = todayInChina();
    const filter: GoalFilter = { provinceCode: args.provinceCode, provinceWide: false, metrics: [args.metric], deadlineFrom: args.deadlineFrom, deadlineTo: args.deadlineTo };
    // The values in a LATERAL subquery that cannot be flattened (OFFSET 0): computed once per goal
    // that passes the filter, not again for the ranking and again for the select list.
    const rows = await ctx.db.query<Record<string, unknown>>(sql`${trendWindow(today)}
      SELECT ${raw(goalTable.columns)}, x.v AS "__values",
        row_number() OVER (ORDER BY x.v[1]::numeric / t.target DESC, t.city_code, t.id)::integer AS "__rank"
      FROM goal t CROSS JOIN w
        CROSS JOIN LATERAL (SELECT ${raw(GOAL_VALUES)} AS v FROM (SELECT t.metric, t.province_code, t.city_code) g OFFSET 0) x
      ${where(goalTable.conditions(filter))}
      ORDER BY "__rank"`);
    const loader = goalValues(ctx);
    return rows.map((record) => {
      const goal = goalTable.toRow(record);
      const [current, trend] = record.__values as [number, number];
      loader.prime(goal.rowId, { current, trend, today });
      return { rank: record.__rank as number, goal, cityCode: goal.cityCode! };
    });
  },
};
