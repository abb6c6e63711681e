import type { GraphQLResolveInfo } from 'graphql';
import { filterConditions } from '../../registry/filters';
import { raw, sql, where } from '../../db/sql';
import { registryRow, selectSql, type TableSpec } from '../../registry/table';
import type { RequestContext } from '../../graphql/context';
import { byGroupLoader, listConnection } from '../../registry/lists';
import { todayInChina } from '../../common/calendar';
import { goalMetrics, type GoalMetric } from '../../registry/goal-metrics';
import { goalEvidence } from '../../registry/goal-tally';
import type { GoalMetricDeclaration } from '../../registry/registry-type';
import { goalProgress, judgeGoal, type GoalEvidenceValues, type GoalJudgement, type GoalProgressValues, type PublishedFigure } from './goal-progress';
import { type GoalFilter, goalFilters, GoalOrderBy, goalOrderings, type GoalRankingArgs, type GoalsArgs } from './goal.inputs';
import { Goal, goalColumns, type GoalEvidence, type GoalRow } from './goal.type';
import { cityService, cityTable } from '../city/city.service';

export const goalTable: TableSpec<GoalRow, GoalFilter> = {
  from: 'goal t',
  columns: goalColumns,
  key: 't.id',
  toRow: registryRow('Goal', Goal),
  conditions: filterConditions(goalFilters),

  orders: goalOrderings.orders,
};

/** Made once per set of metrics: the SQL below is built from every module's declarations. */
function perMetrics(make: (metrics: readonly string[]) => string): (metrics: Iterable<string>) => string {
  const made = new Map<string, string>();
  return (metrics) => {
    const set = [...new Set(metrics)].sort();
    const key = set.join(',');
    let text = made.get(key);
    if (text === undefined) made.set(key, (text = make(set)));
    return text;
  };
}

/** The declarations of these metrics; an unknown one is refused rather than counted as nothing. */
function declarationsOf(metrics: readonly string[]): Array<[string, GoalMetricDeclaration]> {
  return metrics.map((metric) => {
    const m = goalMetrics().get(metric);
    if (!m) throw new Error(`unknown goal metric ${metric}`);
    return [metric, m];
  });
}

/** The evidence array of the goal `g`: its row kept for today, else counted from the goal tally (src/registry/goal-tally.ts); the same SQL for every metric. */
const GOAL_EVIDENCE = goalEvidence();

/**
 * The published figures of the goal `g`'s metric in exactly its scope (not a park within it, not a plan):
 * their ids oldest first, and the latest as JSON with its publisher, for the status.
 */
const goalPublished = perMetrics((metrics) => {
  const published = declarationsOf(metrics).filter(([, m]) => m.publishedAs);
  const figureMetric = published.length === 0 ? 'NULL' : `(CASE g.metric ${published.map(([metric, m]) => `WHEN '${metric}' THEN '${m.publishedAs}'`).join(' ')} END)`;
  return `LATERAL (
  SELECT array_agg(f.id ORDER BY f.as_of, f.id) AS ids,
    (array_agg(json_build_object('value', f.value, 'qualifier', f.qualifier, 'asOf', f.as_of, 'publisher', s.publisher) ORDER BY f.as_of DESC, f.id DESC))[1] AS latest
  FROM reported_figure f LEFT JOIN source s ON s.id = f.source_id
  WHERE f.metric = ${figureMetric}
    AND f.kind = 'ACHIEVEMENT' AND f.subject IS NULL AND f.archived_at IS NULL AND f.province_code = g.province_code
    AND f.city_code IS NOT DISTINCT FROM g.city_code AND f.district_code IS NOT DISTINCT FROM g.district_code) p`;
});

/** The trend window for `today` (China time), as the CTE `w` the metric subqueries read. */
const trendWindow = (today: string) => sql`WITH w AS (SELECT ${today}::date AS today, (${today}::date - interval '12 months')::date AS after)`;

interface GoalValues {
  evidence: GoalEvidenceValues;
  /** The published figures' ids, oldest first. */
  publishedIds: number[];
  /** The day the values were counted for, so that progress and forecast use the same today. */
  today: string;
}

interface EvidenceRow {
  v: Array<string | number>;
  publishedIds: number[] | null;
  latest: { value: number | string; qualifier: PublishedFigure['qualifier']; asOf: string; publisher: string | null } | null;
}

function goalValuesOf(row: EvidenceRow, today: string): GoalValues {
  const [records, current, unknownValues, gainedLast12Months, undated, samples, outsidePeriodUnknown] = row.v.map(Number);
  const published = row.latest ? { ...row.latest, value: Number(row.latest.value) } : null;
  return { evidence: { records, current, unknownValues, gainedLast12Months, undated, samples, outsidePeriodUnknown, published }, publishedIds: row.publishedIds ?? [], today };
}

/** A goal as its values are loaded: by id, with its metric, so that the statement names only the metrics it needs. */
interface GoalKey {
  id: number;
  metric: string;
}

/** The values of many goals in one statement: the goals of a page, a city, a ranking. */
function goalValues(ctx: RequestContext) {
  return ctx.loaders.get<GoalKey, GoalValues>('goal:values', async (keys) => {
    const today = todayInChina();
    const metrics = keys.map((k) => k.metric);
    const rows = await ctx.db.query<EvidenceRow & { id: number }>(
      sql`${trendWindow(today)} SELECT g.id, ${raw(GOAL_EVIDENCE)} AS v, p.ids AS "publishedIds", p.latest
        FROM goal g CROSS JOIN w CROSS JOIN ${raw(goalPublished(metrics))} WHERE g.id = ANY(${keys.map((k) => k.id)})`,
    );
    const byId = new Map(rows.map((r) => [r.id, goalValuesOf(r, today)]));
    return keys.map((k) => byId.get(k.id) ?? goalValuesOf({ v: [0, 0, 0, 0, 0, 0, 0], publishedIds: null, latest: null }, today));
  }, (key) => String(key.id));
}

/** What a goal's progress field gives: the arithmetic, the judgement and the evidence behind it. */
export type GoalProgressResult = GoalProgressValues & GoalJudgement & { evidence: GoalEvidence };

/**
 * A goal's progress, worked out as its fields are read: a ranking by ratio (bench Q1: current, ratio,
 * remaining, trend of every city) neither judges the status nor writes its explanation, which took
 * half the time progress took. Each part is computed once, from the same values and the same today.
 */
class GoalProgressAnswer implements GoalProgressResult {
  private judgement: GoalJudgement | undefined;
  private arithmetic: GoalProgressValues | undefined;
  private evidenceAnswer: GoalEvidence | undefined;

  constructor(
    private readonly goal: GoalRow,
    private readonly values: GoalValues,
  ) {}

  private judged(): GoalJudgement {
    return (this.judgement ??= judgeGoal(this.goal, this.values.evidence, this.values.today));
  }

  /** The registry count against the target. Its monthlyRateNeeded is the judgement's: 0 once achieved by a published figure too. */
  private counted(): GoalProgressValues {
    return (this.arithmetic ??= goalProgress(this.goal, this.values.evidence.current, this.values.today));
  }

  get current() { return this.values.evidence.current; }
  get target() { return this.goal.target; }
  get ratio() { return this.counted().ratio; }
  get remaining() { return this.counted().remaining; }
  get daysLeft() { return this.counted().daysLeft; }
  get expectedByNow() { return this.counted().expectedByNow; }
  get monthlyRateNeeded() { return this.judged().achieved ? 0 : this.counted().monthlyRateNeeded; }
  get trendLast12Months() { return this.values.evidence.gainedLast12Months; }
  get monthlyTrend() { return this.judged().monthlyTrend; }
  get projectedAtDeadline() { return this.judged().projectedAtDeadline; }
  get projectedReachDate() { return this.judged().projectedReachDate; }
  get status() { return this.judged().status; }
  get achieved() { return this.judged().achieved; }
  get onTrack() { return this.judged().onTrack; }
  get paceMeasured() { return this.judged().paceMeasured; }
  get statusReason() { return this.judged().statusReason; }
  get statusExplanation() { return this.judged().statusExplanation; }

  get evidence(): GoalEvidence {
    const { evidence, publishedIds } = this.values;
    return (this.evidenceAnswer ??= {
      registryRecords: evidence.records, registryValue: evidence.current, sampleRecords: evidence.samples, undatedRecords: evidence.undated,
      unknownValueRecords: evidence.unknownValues, periodUnknownRecords: evidence.outsidePeriodUnknown ?? 0, gainedLast12Months: evidence.gainedLast12Months, publishedIds,
    });
  }
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
  async progress(ctx: RequestContext, goal: GoalRow): Promise<GoalProgressResult> {
    return new GoalProgressAnswer(goal, await goalValues(ctx).load({ id: goal.rowId, metric: goal.metric }));
  },
  /**
   * City goals for a metric by progress ratio, highest first, ties by city code, ranked in one
   * statement with the goals' values and their cities; both are handed to the request's loaders, so that
   * the entries' `progress` and `city` run no further statement.
   */
  async ranking(ctx: RequestContext, args: GoalRankingArgs) {
    const today = todayInChina();
    const filter: GoalFilter = { provinceCode: args.provinceCode, provinceWide: false, metrics: [args.metric], deadlineFrom: args.deadlineFrom, deadlineTo: args.deadlineTo };
    // The values in a LATERAL subquery that cannot be flattened (OFFSET 0): computed once per goal
    // that passes the filter, not again for the ranking and again for the select list.
    const rows = await ctx.db.query<Record<string, unknown>>(sql`${trendWindow(today)}
      SELECT ${raw(selectSql(goalTable))}, x.v AS "__values", x.ids AS "__publishedIds", x.latest AS "__latest", xc.city AS "__city",
        row_number() OVER (ORDER BY x.v[2]::numeric / t.target DESC, t.city_code, t.id)::integer AS "__rank"
      FROM goal t CROSS JOIN w
        CROSS JOIN LATERAL (SELECT ${raw(GOAL_EVIDENCE)} AS v, p.ids, p.latest
          FROM (SELECT t.id, t.metric, t.province_code, t.city_code, t.district_code, t.counts_from) g CROSS JOIN ${raw(goalPublished([args.metric]))} OFFSET 0) x
        CROSS JOIN LATERAL (SELECT t.city_code AS code) gc
        LEFT JOIN LATERAL (SELECT row_to_json(c) AS city FROM (SELECT ${raw(selectSql(cityTable))} FROM city t WHERE t.code = gc.code) c) xc ON true
      ${where(goalTable.conditions(filter))}
      ORDER BY "__rank"`);
    const loader = goalValues(ctx);
    // The entries' cities come with them, as a fold's rows do (JSON): `city` answers from the request's loader.
    const cities = cityService.loader(ctx);
    return rows.map((record) => {
      const goal = goalTable.toRow(record);
      if (record.__city) cities.prime(goal.cityCode!, cityTable.toRow(record.__city as Record<string, unknown>));
      loader.prime({ id: goal.rowId, metric: goal.metric }, goalValuesOf({ v: record.__values as EvidenceRow['v'], publishedIds: record.__publishedIds as number[] | null, latest: record.__latest as EvidenceRow['latest'] }, today));
      return { rank: record.__rank as number, goal, cityCode: goal.cityCode! };
    });
  },
};
