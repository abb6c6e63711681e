import type { DatabaseError } from 'pg';
import { policy } from '../../auth/policy';
import type { RequestContext } from '../../graphql/context';
import { UserErrorCode, type UserError } from '../../graphql/errors/user-error';
import { fromGlobalId, integerKeyOf } from '../../graphql/relay/global-id';
import type { RequestDb } from '../../db/request-db';
import { selectByKeys } from '../table';
import { prepareDrafts, type Problem } from './prepare';
import { fieldOfColumn, type ColumnRecord, type RecordSpec } from './record-spec';
import { raw, sql } from '../../db/sql';
import { lockRecords, setArchived, storeRecords } from './store';

export type Payload = Record<string, unknown> & { userErrors: UserError[] };

/** Thrown inside a write transaction to roll it back and answer with these errors. */
export class WriteRefused extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

function toUserErrors(problems: Problem[]): UserError[] {
  return problems.map(({ field, code, message, currentVersion }) => ({ field, code, message, currentVersion: currentVersion ?? null }));
}

/** Constraint violations PostgreSQL still finds (a race on a unique value, a row-level security refusal) become user errors. */
export function problemFromDatabase(spec: RecordSpec, error: unknown, index = 0): Problem | null {
  const e = error as DatabaseError;
  if (typeof e?.code !== 'string') return null;
  const column = Object.values(spec.fields).map((f) => f.column).find((c) => e.constraint?.includes(c)) ?? null;
  const field = column ? fieldOfColumn(spec, column) : null;
  if (e.code === '23505') return { index, field, code: UserErrorCode.DUPLICATE, message: `Another ${spec.typename} already has this ${field ?? 'value'}.` };
  if (e.code === '42501') return { index, field: null, code: UserErrorCode.FORBIDDEN, message: 'The database refused this change for this key (row-level security).' };
  // registry_begin: the key was revoked after this request was let in.
  if (e.code === '28000') return { index, field: null, code: UserErrorCode.FORBIDDEN, message: 'The database refused this change: the API key is unknown or was revoked.' };
  if (e.code === '23514' || e.code === '23503' || e.code === '22001') return { index, field, code: UserErrorCode.INVALID, message: `The database refused a value${field ? ` of ${field}` : ''}: ${e.message}` };
  return null;
}

/**
 * Runs a write in a transaction as the caller (for row-level security), turning refusals into
 * user errors; forgets the request's loaded rows afterwards, so later fields read the new state.
 * `checkFirst` runs before the transaction opens.
 */
async function inWriteTransaction(ctx: RequestContext, spec: RecordSpec, work: (tx: RequestDb) => Promise<Payload>, checkFirst: () => void = () => undefined): Promise<Payload> {
  try {
    // What needs no database (the caller's role, a malformed ID) is refused before any SQL.
    checkFirst();
    return await ctx.db.transaction({ apiKey: ctx.apiKey, requestId: ctx.requestId }, work);
  } catch (error) {
    if (error instanceof WriteRefused) return { [spec.payloadField]: null, userErrors: toUserErrors(error.problems) };
    const problem = problemFromDatabase(spec, error);
    if (problem) return { [spec.payloadField]: null, userErrors: toUserErrors([problem]) };
    throw error;
  } finally {
    ctx.loaders.clear();
  }
}

async function readBack(tx: RequestDb, spec: RecordSpec, id: number): Promise<unknown> {
  return (await selectByKeys(tx, spec.read, 't.id', [id])).get(String(id))?.[0] ?? null;
}

/** The database id of a record's global ID, or a NOT_FOUND problem when it names no record of this type. */
function rowIdOf(spec: RecordSpec, id: string): number {
  let decoded;
  try {
    decoded = fromGlobalId(id);
  } catch {
    throw new WriteRefused([{ index: 0, field: 'id', code: UserErrorCode.INVALID, message: `'${id.slice(0, 60)}' is not an ID issued by this API.` }]);
  }
  if (decoded.typename !== spec.typename) {
    throw new WriteRefused([{ index: 0, field: 'id', code: UserErrorCode.INVALID, message: `id must be the ID of a ${spec.typename}, not of a ${decoded.typename}.` }]);
  }
  // A well-formed ID whose key no row can have: said here, before any SQL sees it.
  const rowId = integerKeyOf(decoded.key);
  if (rowId === null) throw new WriteRefused([{ index: 0, field: 'id', code: UserErrorCode.INVALID, message: `'${id.slice(0, 60)}' is not an ID issued by this API.` }]);
  return rowId;
}

function refuseUnlessMayWriteKind(ctx: RequestContext, spec: RecordSpec): void {
  const allowed = policy.mayWriteKind(ctx.caller, spec.scope);
  if (!allowed.allowed) throw new WriteRefused([{ index: 0, field: null, code: UserErrorCode.FORBIDDEN, message: allowed.reason }]);
}

/** The stored record, locked, after checking the caller may write it and that it has the version the caller read. */
async function lockForChange(tx: RequestDb, ctx: RequestContext, spec: RecordSpec, rowId: number, version: number | null | undefined) {
  // Row-level security hides rows the caller may not update from SELECT … FOR UPDATE; a plain
  // read then tells "not yours" (FORBIDDEN) from "no such record" (NOT_FOUND).
  const [existing] = await lockRecords(tx, spec, { ids: [rowId] });
  const [stored] = existing ? [existing] : await tx.query<ColumnRecord>(sql`SELECT t.id${raw(spec.place ? ', t.city_code' : '')} FROM ${raw(spec.table)} t WHERE t.id = ${rowId}`);
  if (!stored) throw new WriteRefused([{ index: 0, field: 'id', code: UserErrorCode.NOT_FOUND, message: `No ${spec.typename} has this ID.` }]);
  const allowed = policy.mayWriteInCity(ctx.caller, spec.scope, spec.place ? (stored.city_code as string | null) : null);
  if (allowed.allowed && !existing) throw new WriteRefused([{ index: 0, field: 'id', code: UserErrorCode.FORBIDDEN, message: 'The database refused this change for this key (row-level security).' }]);
  if (!allowed.allowed) throw new WriteRefused([{ index: 0, field: 'id', code: UserErrorCode.FORBIDDEN, message: allowed.reason }]);
  if (version != null && existing.version !== version) {
    const message = `The ${spec.typename} has changed since version ${version}: it is now at version ${existing.version}. Read it again and reapply the change.`;
    throw new WriteRefused([{ index: 0, field: 'version', code: UserErrorCode.CONFLICT, message, currentVersion: existing.version as number }]);
  }
  return existing;
}

const recordWriter = {
  create(ctx: RequestContext, spec: RecordSpec, input: Record<string, unknown>): Promise<Payload> {
    return inWriteTransaction(ctx, spec, async (tx) => {
      const city = (input.cityCode as string | undefined) ?? (ctx.caller.kind === 'key' ? ctx.caller.cityCode : null);
      const { prepared, problems } = await prepareDrafts(tx, ctx.caller, spec, [{ index: 0, values: input, existing: null, city }]);
      if (problems.length) throw new WriteRefused(problems);
      const [written] = await storeRecords(tx, spec, prepared);
      return { [spec.payloadField]: await readBack(tx, spec, written.id), userErrors: [] };
    }, () => refuseUnlessMayWriteKind(ctx, spec));
  },

  /** Changes the given fields; `version` must be the one the caller read, or nothing changes (CONFLICT). */
  update(ctx: RequestContext, spec: RecordSpec, input: { id: string; version: number } & Record<string, unknown>): Promise<Payload> {
    let rowId = 0;
    return inWriteTransaction(ctx, spec, async (tx) => {
      const existing = await lockForChange(tx, ctx, spec, rowId, input.version);
      const { id: _id, version: _version, ...values } = input;
      const { prepared, problems } = await prepareDrafts(tx, ctx.caller, spec, [{ index: 0, values, existing }]);
      if (problems.length) throw new WriteRefused(problems);
      const [written] = await storeRecords(tx, spec, prepared);
      return { [spec.payloadField]: await readBack(tx, spec, written.id), userErrors: [] };
    }, () => {
      refuseUnlessMayWriteKind(ctx, spec);
      rowId = rowIdOf(spec, input.id);
    });
  },

  /** Archives or restores; doing it to a record already in that state changes nothing. */
  setArchived(ctx: RequestContext, spec: RecordSpec, input: { id: string; version?: number | null }, archived: boolean): Promise<Payload> {
    let rowId = 0;
    return inWriteTransaction(ctx, spec, async (tx) => {
      const existing = await lockForChange(tx, ctx, spec, rowId, input.version);
      if ((existing.archived_at !== null) !== archived) {
        await setArchived(tx, spec, existing.id as number, existing.version as number, archived);
      }
      return { [spec.payloadField]: await readBack(tx, spec, existing.id as number), userErrors: [] };
    }, () => {
      refuseUnlessMayWriteKind(ctx, spec);
      rowId = rowIdOf(spec, input.id);
    });
  },
};

/** The five writes of a record type, as its service offers them. */
export function writesFor(spec: RecordSpec) {
  return {
    create: (ctx: RequestContext, input: object) => recordWriter.create(ctx, spec, input as Record<string, unknown>),
    update: (ctx: RequestContext, input: { id: string; version: number }) => recordWriter.update(ctx, spec, input as { id: string; version: number } & Record<string, unknown>),
    archive: (ctx: RequestContext, input: { id: string; version?: number | null }) => recordWriter.setArchived(ctx, spec, input, true),
    restore: (ctx: RequestContext, input: { id: string; version?: number | null }) => recordWriter.setArchived(ctx, spec, input, false),
  };
}
