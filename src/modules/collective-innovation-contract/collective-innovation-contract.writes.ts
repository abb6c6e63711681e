import { sql } from '../../db/sql';
import type { RequestDb } from '../../db/request-db';
import { bulkUpsert } from '../../registry/writes/bulk-upsert';
import { writesFor } from '../../registry/writes/record-writer';
import type { ColumnRecord, RecordSpec, StoredProblem } from '../../registry/writes/record-spec';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode } from '../../graphql/errors/user-error';
import { collectiveInnovationContractTable } from './collective-innovation-contract.service';
import type { UpsertCollectiveInnovationContractsInput } from './collective-innovation-contract.write-inputs';
import { writtenFields } from '../../registry/columns';
import { collectiveInnovationContractColumns } from './collective-innovation-contract.type';
import { placeFields } from '../../registry/registry-record.interface';
import { enterpriseKeyFields } from '../enterprise/enterprise-reference';

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

/** How collective innovation contracts are written: city editors keep their city's; a contract lies in its enterprise's city. */
export const collectiveInnovationContractRecord: RecordSpec = {
  typename: 'CollectiveInnovationContract',
  table: 'collective_innovation_contract',
  read: collectiveInnovationContractTable,
  scope: 'CITY',
  payloadField: 'collectiveInnovationContract',
  fields: {
    ...writtenFields(collectiveInnovationContractColumns),
    ...enterpriseKeyFields,
    ...placeFields(false),
  },
  // The province comes with the enterprise, so a missing enterprise is reported once, as enterpriseId.
  required: ['enterprise_id'],
  requiredOnCreate: ['signed_on', 'term_months', 'workers_covered', 'projects_planned', 'projects_completed'],
  defaults: { projects_planned: 0, projects_completed: 0 },
  place: { parent: { column: 'enterprise_id', noun: 'enterprise' } },
  externalId: true,
  check: contractRules,
  checkStored: coverageWithinWorkforce,
};

export const collectiveInnovationContractWrites = {
  ...writesFor(collectiveInnovationContractRecord),
  upsert: (ctx: RequestContext, input: UpsertCollectiveInnovationContractsInput) =>
    bulkUpsert(ctx, collectiveInnovationContractRecord, input.records as never, input.idempotencyKey),
};
