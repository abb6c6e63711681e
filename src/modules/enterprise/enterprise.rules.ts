import type { RequestDb } from '../../db/request-db';
import { raw, sql } from '../../db/sql';
import { registryTypes } from '..';
import type { RecordSpec, StoredProblem } from '../../registry/writes/record-spec';
import { UserErrorCode } from '../../graphql/errors/user-error';
import { toGlobalId } from '../../graphql/relay/global-id';

type Stored = Parameters<NonNullable<RecordSpec['checkStored']>>[1][number];

/**
 * A credit code names one enterprise: the batch may not give one twice, and no other stored
 * enterprise may hold it (archived ones included, as the code stays registered). One statement.
 */
async function creditCodesTaken(tx: RequestDb, records: Stored[]): Promise<StoredProblem[]> {
  const problems: StoredProblem[] = [];
  const firstRow = new Map<string, number>();
  for (const { index, existing, record } of records) {
    const code = record.credit_code;
    if (typeof code !== 'string' || existing?.credit_code === code) continue;
    const first = firstRow.get(code);
    if (first === undefined) firstRow.set(code, index);
    else problems.push({ index, column: 'credit_code', code: UserErrorCode.DUPLICATE, message: `creditCode ${code} appears twice in this batch: rows ${first} and ${index}.` });
  }
  if (!firstRow.size) return problems;
  const holders = await tx.query<{ id: number; credit_code: string; name: string }>(
    sql`SELECT id, credit_code, name FROM enterprise WHERE credit_code = ANY(${[...firstRow.keys()]}::text[])`,
  );
  for (const holder of holders) {
    const index = firstRow.get(holder.credit_code)!;
    problems.push({
      index,
      column: 'credit_code',
      code: UserErrorCode.DUPLICATE,
      message: `creditCode ${holder.credit_code} is already registered to enterprise ${holder.name} (${toGlobalId('Enterprise', holder.id)}).`,
    });
  }
  return problems;
}

/** The registry types whose records lie in their enterprise's city (their place's parent is `enterprise_id`). */
const dependentsOfEnterprise = () => registryTypes().filter((t) => t.record?.place?.parent?.column === 'enterprise_id');

/**
 * Studios, craftsmen and contracts (every type whose place is its enterprise's) lie in their
 * enterprise's city (the write engine copies it to them), so an enterprise that has any may not
 * change its city or province: they would be left in the old one. One statement, and only when some
 * record of the batch moves.
 */
async function movesWithDependents(tx: RequestDb, records: Stored[]): Promise<StoredProblem[]> {
  const moved = records.filter(({ existing, record }) => existing && (existing.city_code !== record.city_code || existing.province_code !== record.province_code));
  if (!moved.length) return [];
  const dependents = dependentsOfEnterprise();
  const counts = dependents.map((t, i) => `(SELECT count(*)::integer FROM ${t.record!.table} d WHERE d.enterprise_id = e.id) AS "${i}"`);
  const rows = await tx.query<Record<string, number>>(sql`
    SELECT e.id, ${raw(counts.join(', '))} FROM unnest(${moved.map((m) => m.existing!.id as number)}::integer[]) AS e(id)`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: StoredProblem[] = [];
  for (const { index, existing, record } of moved) {
    const found = byId.get(existing!.id as number);
    const what = dependents
      .map((t, i) => [found?.[String(i)] ?? 0, t.noun] as const)
      .filter(([n]) => n > 0)
      .map(([n, noun]) => `${n} ${n === 1 ? noun.one : noun.many} (${noun.zh})`)
      .join(', ');
    if (!what) continue;
    const column = existing!.city_code !== record.city_code ? 'city_code' : 'province_code';
    problems.push({
      index,
      column,
      code: UserErrorCode.INVALID,
      message: `The enterprise cannot move from ${existing!.city_code ?? existing!.province_code} to ${record.city_code ?? record.province_code}: ${what} recorded under it lie in its city.`,
    });
  }
  return problems;
}

/**
 * The converse of the contracts' rule (workersCovered ≤ the enterprise's employees): an enterprise's
 * employee count may not drop below the workers an active contract of its covers. One statement,
 * and only when some record of the batch changes its count.
 */
async function workforceBelowContracts(tx: RequestDb, records: Stored[]): Promise<StoredProblem[]> {
  const changed = records.filter(({ existing, record }) => existing && typeof record.employee_count === 'number' && existing.employee_count !== record.employee_count);
  if (!changed.length) return [];
  const rows = await tx.query<{ id: number; covered: number }>(sql`
    SELECT enterprise_id AS id, max(workers_covered)::integer AS covered FROM collective_innovation_contract
    WHERE enterprise_id = ANY(${changed.map((c) => c.existing!.id as number)}::integer[]) AND archived_at IS NULL
    GROUP BY enterprise_id`);
  const covered = new Map(rows.map((r) => [r.id, r.covered]));
  const problems: StoredProblem[] = [];
  for (const { index, existing, record } of changed) {
    const most = covered.get(existing!.id as number);
    const employees = record.employee_count as number;
    if (most != null && employees < most) {
      problems.push({
        index,
        column: 'employee_count',
        code: UserErrorCode.INVALID,
        message: `employeeCount (${employees}) must not be below the ${most} workers a collective innovation contract of the enterprise covers (覆盖职工); update or archive the contract first.`,
      });
    }
  }
  return problems;
}

/** The rules of an enterprise write that read stored rows: each one statement per batch, and only when the batch needs it. */
export async function enterpriseStoredRules(tx: RequestDb, records: Stored[]): Promise<StoredProblem[]> {
  return [...(await creditCodesTaken(tx, records)), ...(await movesWithDependents(tx, records)), ...(await workforceBelowContracts(tx, records))];
}
