import { Int } from 'type-graphql';
import { sql } from '../../db/sql';
import type { RequestDb } from '../../db/request-db';
import { UserErrorCode } from '../../graphql/errors/user-error';
import { CreditCodeScalar, NonNegativeIntScalar } from '../../graphql/scalars';
import { columnOf, integer, localDate } from '../../registry/columns';
import { groupBy } from '../../registry/dimensions';
import { filterBy } from '../../registry/filters';
import { EARLIEST_DATE, sortBy } from '../../registry/orderings';
import { field } from '../../registry/writes/fields';
import type { ColumnRecord, StoredProblem } from '../../registry/writes/record-spec';
import { recordType } from '../record-type';

/** Sane upper bounds: the largest employers in China have a few million workers; a contract plans tens of projects. */
export const MAX_WORKERS_COVERED = 5_000_000;
export const MAX_PROJECTS = 10_000;

const count = columnOf<number>(() => NonNegativeIntScalar);

const columns = {
  signedOn: localDate('t.signed_on', 'Date signed (签订日期), from 1949-10-01, not in the future; null where the source does not say.').orNull().written(),
  termMonths: integer('t.term_months', 'Term in months (期限), 1-120; null where the source does not say.').orNull().written({ min: 1, max: 120 }),
  expiresOn: localDate('((t.signed_on + make_interval(months => t.term_months))::date - 1)', 'Last day of the term (到期日期): signedOn + termMonths − 1 day; null when either is unknown.').orNull(),
  workersCovered: count('t.workers_covered', "Workers covered by the contract (覆盖职工人数), 0-5,000,000 and no more than the enterprise's employees where known; null where the source does not say (unknown, not 0).")
    .orNull()
    .writtenAs((column) => field.integer(column, 0, MAX_WORKERS_COVERED)),
  projectsPlanned: count('t.projects_planned', 'Innovation projects planned under the contract (计划创新项目数), 0-10,000; null where the source does not say.')
    .orNull()
    .writtenAs((column) => field.integer(column, 0, MAX_PROJECTS)),
  projectsCompleted: count('t.projects_completed', 'Innovation projects completed so far (已完成创新项目数), at most projectsPlanned; null where the source does not say.')
    .orNull()
    .writtenAs((column) => field.integer(column, 0, MAX_PROJECTS)),
};

/**
 * Rules between fields: a contract's completed projects are among the projects it plans (已完成 ≤ 计划),
 * so projectsCompleted may not exceed projectsPlanned.
 */
export function contractRules(record: ColumnRecord): Array<[string, string]> {
  const planned = record.projects_planned;
  const completed = record.projects_completed;
  if (typeof planned === 'number' && typeof completed === 'number' && completed > planned) {
    return [['projects_completed', `projectsCompleted (${completed}) must not exceed projectsPlanned (${planned}): completed projects are among those the contract plans.`]];
  }
  return [];
}

/**
 * A contract covers workers of its own enterprise: no more than the enterprise employs, where the
 * registry knows its employee count. One statement per batch.
 */
async function coverageWithinWorkforce(tx: RequestDb, records: Array<{ index: number; record: ColumnRecord }>): Promise<StoredProblem[]> {
  const ids = [...new Set(records.map((r) => r.record.enterprise_id).filter((id): id is number => typeof id === 'number'))];
  if (!ids.length) return [];
  const rows = await tx.query<{ id: number; employees: number | null }>(sql`SELECT id, employee_count AS employees FROM enterprise WHERE id = ANY(${ids})`);
  const employees = new Map(rows.map((r) => [r.id, r.employees]));
  const problems: StoredProblem[] = [];
  for (const { index, record } of records) {
    const workforce = employees.get(record.enterprise_id as number);
    const covered = record.workers_covered;
    if (workforce != null && typeof covered === 'number' && covered > workforce) {
      problems.push({
        index,
        column: 'workers_covered',
        code: UserErrorCode.INVALID,
        message: `workersCovered (${covered}) must not exceed the enterprise's ${workforce} employees (职工人数): a contract covers the enterprise's own workers.`,
      });
    }
  }
  return problems;
}

/** Collective contracts on technical innovation (技术创新集体合同), signed by an enterprise with its workers; in the enterprise's city. */
export const collectiveInnovationContract = recordType({
  typename: 'CollectiveInnovationContract',
  table: 'collective_innovation_contract',
  noun: { one: 'collective contract', many: 'collective contracts', zh: '技术创新集体合同' },
  description: 'A collective contract on technical innovation (技术创新集体合同) between an enterprise and its workers.',
  listField: 'collectiveContracts',
  slug: 'collective-contracts',
  published: {
    fieldPrefix: 'collectiveContract',
    plural: 'CollectiveInnovationContracts',
    importSlug: 'collective-innovation-contracts',
    exportAliases: ['collective-innovation-contracts'],
    inputTypes: { workersCovered: () => Int, projectsPlanned: () => Int, projectsCompleted: () => Int },
  },
  columns,
  enterprise: {
    field: 'The enterprise that signed the contract (签约企业).',
    list: 'Collective innovation contracts the enterprise has signed.',
    required: true,
  },
  filters: (c) => ({
    signedFrom: filterBy.atLeast(c.signedOn, 'Signed on or after this date.'),
    signedTo: filterBy.atMost(c.signedOn, 'Signed on or before this date.'),
    minWorkersCovered: filterBy.atLeast(c.workersCovered, 'Covering at least this many workers.', () => Int),
    enterpriseCreditCode: filterBy.custom<string>(() => CreditCodeScalar, 'Only the contracts of the enterprise with this credit code.', (code) => [
      sql`t.enterprise_id IN (SELECT id FROM enterprise WHERE credit_code = ${code})`,
    ]),
  }),
  // Unknown dates sort as the earliest, unknown coverage below any count (a keyset cursor needs a value on every row).
  orderings: {
    SIGNED_ON_DESC: sortBy(columns.signedOn, 'DESC', 'date', 'Most recently signed first; unknown dates last.', EARLIEST_DATE),
    SIGNED_ON_ASC: sortBy(columns.signedOn, 'ASC', 'date', 'Earliest signed first; unknown dates first.', EARLIEST_DATE),
    WORKERS_COVERED_DESC: sortBy(columns.workersCovered, 'DESC', 'integer', 'Most workers covered first; unknown coverage last.', '-1'),
  },
  dimensions: {
    YEAR_SIGNED: groupBy.year(columns, 'signedOn', 'The year the contract was signed.', 'Year signed, when grouped by YEAR_SIGNED.'),
    MONTH_SIGNED: groupBy.month(columns, 'signedOn', 'The month the contract was signed.'),
  },
  measures: {
    enterprises: { expression: 'count(DISTINCT t.enterprise_id)::integer', type: () => Int, nullable: false, description: 'Number of distinct enterprises with a contract in the group.' },
    workersCovered: {
      expression: 'sum(t.workers_covered)::integer',
      type: () => Int,
      description: 'Workers covered, summed over the contracts of the group that state it (覆盖职工人数合计); null when none does (unknown, not 0).',
    },
    withWorkersCovered: {
      expression: 'count(t.workers_covered)::integer',
      type: () => Int,
      nullable: false,
      description: 'How many contracts of the group state the workers they cover, so that `workersCovered` can be read fairly (已知覆盖人数的合同数).',
    },
    projectsPlanned: { expression: 'sum(t.projects_planned)::integer', type: () => Int, description: 'Innovation projects planned, summed over the contracts that state it; null when none does.' },
    projectsCompleted: { expression: 'sum(t.projects_completed)::integer', type: () => Int, description: 'Innovation projects completed, summed over the contracts that state it; null when none does.' },
    withProjectCounts: { expression: 'count(t.projects_planned)::integer', type: () => Int, nullable: false, description: 'How many contracts of the group state their project counts (已知项目数的合同数).' },
  },
  datedBy: { column: 'signedOn', what: 'the day it was signed' },
  write: {
    required: [],
    requiredOnCreate: ['signed_on', 'term_months', 'workers_covered', 'projects_planned', 'projects_completed'],
    defaults: { projects_planned: 0, projects_completed: 0 },
    check: contractRules,
    checkStored: coverageWithinWorkforce,
  },
  goalMetrics: {
    COLLECTIVE_CONTRACTS: { label: { zh: '技术创新集体合同', en: 'Collective innovation contracts' }, description: 'Collective innovation contracts (技术创新集体合同).', publishedAs: 'COLLECTIVE_CONTRACTS' },
    WORKERS_COVERED: { label: { zh: '集体合同覆盖职工', en: 'Workers covered by contracts' }, description: 'Workers covered by collective innovation contracts (覆盖职工人数).', summed: 't.workers_covered', publishedAs: 'WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS' },
  },
});

export default collectiveInnovationContract.module;
