import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { Pool, PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { Caller } from '../../auth/caller';
import { raw, render, sql, type SqlFragment } from '../../db/sql';
import { filteredFrom, selectSql } from '../../registry/table';
import { createRequestContext } from '../../graphql/context';
import { logger } from '../../logger';
import { exportColumns, type ExportColumn } from './export-columns';
import { RecordEncoder, setExportHeaders, type ExportFormat } from './export-format';
import type { ExportRow, ExportType } from './export-types';

/** Rows fetched from the cursor per round trip; also what one `enrich` call (a goal's progress) covers. */
const CURSOR_BATCH_ROWS = 500;

/** A download whose client reads nothing for this long is cut, so that it gives its connection back. */
const IDLE_TIMEOUT_MS = 120_000;

/** The longest a download may last (its cursor's statement_timeout); a million rows take well under a minute. */
const EXPORT_STATEMENT_TIMEOUT_MS = 3_600_000;

/** The export's one statement: the module's TableSpec framed as for its list field (filteredFrom), place and enterprise names joined, by id. */
export function exportStatement(type: ExportType, filter: Record<string, unknown>): SqlFragment {
  const columns = [selectSql(type.table)];
  const joins: string[] = [];
  if (type.placed) {
    columns.push('xp.name AS "provinceName"', 'xc.name AS "cityName"', 'xd.name AS "districtName"');
    joins.push('LEFT JOIN province xp ON xp.code = t.province_code', 'LEFT JOIN city xc ON xc.code = t.city_code', 'LEFT JOIN district xd ON xd.code = t.district_code');
  }
  if (type.enterprise) {
    columns.push('xe.credit_code AS "enterpriseCreditCode"', 'xe.name AS "enterpriseName"');
    joins.push('LEFT JOIN enterprise xe ON xe.id = t.enterprise_id');
  }
  return sql`SELECT ${raw(columns.join(', '))} ${filteredFrom(type.table, filter, [], joins)} ORDER BY ${raw(type.table.key)}`;
}

export interface RecordExport {
  pool: Pool;
  caller: Caller;
  /** The caller's API key, for what PostgreSQL gives only to it (a craftsman's personal data). */
  apiKey: string | null;
  requestId: string;
  type: ExportType;
  format: ExportFormat;
  filter: Record<string, unknown>;
}

/**
 * Database records → rows of output values: the module's row mapping (global ID), what the type adds
 * for this caller (personal data by the policy) and, for types with `enrich`, a batch at a time
 * (a goal's progress: one statement per batch).
 */
class RowStage extends Transform {
  private batch: ExportRow[] = [];

  constructor(
    private readonly job: RecordExport,
    private readonly columns: readonly ExportColumn[],
  ) {
    super({ objectMode: true });
  }

  private values(row: ExportRow): unknown[] {
    return this.columns.map((c) => c.value(row));
  }

  override _transform(record: Record<string, unknown>, _encoding: BufferEncoding, done: TransformCallback): void {
    const { type } = this.job;
    const row = type.table.toRow(record) as ExportRow;
    if (!type.enrich) return done(null, this.values(row));
    this.batch.push(row);
    if (this.batch.length < CURSOR_BATCH_ROWS) return done();
    this.enrichBatch(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.batch.length) this.enrichBatch(done);
    else done();
  }

  private enrichBatch(done: TransformCallback): void {
    const rows = this.batch;
    this.batch = [];
    // A fresh context per batch: its loaders batch the rows into one statement and are then let go.
    const ctx = createRequestContext(this.job.pool, this.job.requestId, this.job.caller, this.job.apiKey);
    this.job.type.enrich!(ctx, rows).then(() => {
      for (const row of rows) this.push(this.values(row));
      done();
    }, done);
  }
}

/** One checked-out connection, given back exactly once: to the pool if it is clean, dropped if not. */
function lease(client: PoolClient, onLost: (error: Error) => void) {
  let released = false;
  const lost = (error: Error) => {
    onLost(error);
    release(error);
  };
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.off('error', lost);
    client.release(error);
  };
  // A checked-out client that loses its connection emits 'error'; unheard, that would end the process.
  client.on('error', lost);
  return release;
}

const isClientAbort = (error: unknown, res: Response) => (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE' && !res.writableFinished;

/**
 * Streams a type's rows from a PostgreSQL cursor into the response, with flat memory whatever the
 * row count: a READ ONLY REPEATABLE READ transaction (one consistent snapshot however long the
 * download), pg-query-stream reading CURSOR_BATCH_ROWS at a time, and stream.pipeline's backpressure
 * down to the socket. The connection goes back on end, error or client abort. A failure before the
 * first byte rejects (the router answers 500); after it, the response is cut short, so the download
 * is visibly incomplete, and the failure is logged.
 */
export async function streamRecords(job: RecordExport, res: Response): Promise<void> {
  const log = logger.child({ requestId: job.requestId, export: job.type.slug });
  const client = await job.pool.connect();
  const release = lease(client, (error) => {
    log.error({ err: error }, 'export: database connection lost; response cut short');
    res.destroy(error);
  });
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Names the transaction in pg_stat_activity, so that operators can tell exports apart.
    await client.query(`SET LOCAL application_name = 'reform-registry export'`);
    // To PostgreSQL the cursor is one statement from the first row to the last, however slowly the
    // client reads, so the request pool's statement_timeout would cut any download longer than it.
    await client.query(`SET LOCAL statement_timeout = ${EXPORT_STATEMENT_TIMEOUT_MS}`);
  } catch (error) {
    release(error as Error);
    throw error;
  }

  const columns = exportColumns(job.type);
  const { text, values } = render(exportStatement(job.type, job.filter));
  const rows = client.query(new QueryStream(text, values, { batchSize: CURSOR_BATCH_ROWS }));
  setExportHeaders(res, job.type.slug, job.format);
  // The status and headers leave now: the client knows at once that the download has begun.
  res.flushHeaders();
  res.setTimeout(IDLE_TIMEOUT_MS, () => res.destroy(new Error(`export stalled: the client read nothing for ${IDLE_TIMEOUT_MS / 1000} s`)));
  try {
    await pipeline(rows, new RowStage(job, columns), new RecordEncoder(job.format, columns.map((c) => c.name)), res);
    await client.query('COMMIT');
    release();
  } catch (error) {
    await client.query('ROLLBACK').then(
      () => release(),
      (rollbackError: Error) => release(rollbackError),
    );
    if (isClientAbort(error, res)) log.info('export: the client closed the download before the end');
    else log.error({ err: error }, 'export failed after the first byte; response cut short');
  }
}
