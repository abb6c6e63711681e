import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import QueryStream from 'pg-query-stream';
import type { Caller } from '../../auth/caller';
import { chinaDateTime } from '../../common/calendar';
import { raw, render, sql, type SqlFragment } from '../../db/sql';
import { filteredFrom, selectSql } from '../../registry/table';
import { createRequestContext } from '../../graphql/context';
import { logger } from '../../logger';
import { exportColumns, type ExportColumn } from './export-columns';
import { copyPlan } from './export-copy';
import { encoderFor, headOf, setExportHeaders, type ExportFormat } from './export-format';
import type { WorkbookAbout } from './export-workbook';
import { registryTypes } from '..';
import { traceStatement } from '../../server/tracing';
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
  /** CSV and NDJSON by COPY where the type allows (export-copy.ts); false: row by row. */
  byCopy?: boolean;
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

/**
 * One checked-out connection, given back exactly once: to the pool if it is clean, dropped if not; or cut (its socket
 * destroyed), the one way to stop a COPY that is still sending: PostgreSQL sends COPY's rows to the end whatever the
 * client asks on the same connection, so a ROLLBACK queued behind it would wait for ever on a client that stopped
 * reading. Cut off, the backend finds its client gone, ends the statement and rolls the transaction back. pg keeps the
 * socket as `client.connection.stream` (not in its typings): test/server/export-streaming.int.spec.ts ("gives the
 * connection back when the client walks away", by COPY) fails if that changes.
 */
function lease(client: PoolClient, onLost: (error: Error) => void) {
  let released = false;
  let cutting = false;
  const lost = (error: Error) => {
    if (!cutting) onLost(error);
    release(error);
  };
  const cut = () => {
    const socket = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    if (!socket) throw new Error("pg's Client no longer keeps its socket as connection.stream: a download by COPY cannot be stopped");
    cutting = true;
    // pg then ends the client with "Connection terminated unexpectedly", which `lost` hears and gives back as broken.
    socket.destroy();
  };
  const release = (error?: Error) => {
    if (released) return;
    released = true;
    client.off('error', lost);
    client.release(error);
  };
  // A checked-out client that loses its connection emits 'error'; unheard, that would end the process.
  client.on('error', lost);
  return { release, cut };
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
  const { release, cut } = lease(client, (error) => {
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
  const statement = exportStatement(job.type, job.filter);
  // CSV and NDJSON of a type PostgreSQL can write whole come from COPY (export-copy.ts); the rest row by row.
  const copy = job.format === 'xlsx' || job.byCopy === false ? null : copyPlan(job.type, job.format, statement);
  setExportHeaders(res, job.type.slug, job.format);
  // The status and headers leave now: the client knows at once that the download has begun.
  res.flushHeaders();
  res.setTimeout(IDLE_TIMEOUT_MS, () => res.destroy(new Error(`export stalled: the client read nothing for ${IDLE_TIMEOUT_MS / 1000} s`)));
  try {
    // Traced as one span for the whole download (the statement and every row written), under the request's.
    if (copy) {
      const head = headOf(job.format as 'csv' | 'ndjson', columns.map((c) => c.name));
      if (head) res.write(head);
      await traceStatement(copy.shown, undefined, () => pipeline(client.query(copyTo(copy.statement)), copy.encoder(), res));
    } else {
      const { text, values } = render(statement);
      const rows = client.query(new QueryStream(text, values, { batchSize: CURSOR_BATCH_ROWS }));
      await traceStatement(text, undefined, () => pipeline(rows, new RowStage(job, columns), encoderFor(job.format, columns, () => workbookAbout(job)), res));
    }
    await client.query('COMMIT');
    release();
  } catch (error) {
    if (copy) cut();
    else {
      await client.query('ROLLBACK').then(
        () => release(),
        (rollbackError: Error) => release(rollbackError),
      );
    }
    if (isClientAbort(error, res)) log.info('export: the client closed the download before the end');
    else log.error({ err: error }, 'export failed after the first byte; response cut short');
  }
}

/** A workbook's "about" sheet: what was exported, with which filters, when, for whom, where the numbers come from, and how to send it back. */
export function workbookAbout(job: Pick<RecordExport, 'type' | 'filter' | 'caller'>, at = new Date()): WorkbookAbout {
  const declared = registryTypes().find((t) => t.typename === job.type.typeName);
  const zh = declared?.noun.zh ?? job.type.typeName;
  const filters = Object.entries(job.filter).filter(([, v]) => v !== undefined && v !== null);
  const caller = job.caller.kind === 'key' ? `${job.caller.role}${job.caller.cityCode ? ` ${job.caller.cityCode}` : ''}` : '无密钥 no key';
  const rows: Array<[string, string]> = [
    ['登记类型 Type', `${zh} ${job.type.typeName} (GET /export/${job.type.slug}.xlsx)`],
    ['筛选条件 Filters', filters.length ? filters.map(([k, v]) => `${k} = ${Array.isArray(v) ? v.join(',') : String(v)}`).join('; ') : '无：调用者可见的全部记录 none: every record the caller may see'],
    ['导出时间 Exported at', `${chinaDateTime(at)} 北京时间 (China time)`],
    ['导出者 Exported for', caller],
    [
      '来源 Source',
      '产改登记平台登记的记录（计数来自登记库）；每条记录的“来源ID”指向记载它的文件，“样本”标出代表公开总数的样本记录。Records counted in the Reform Registry; each row’s sourceId names the document that records it, and isSample marks sample records that stand for a published count.',
    ],
    ['未知值 Unknown values', '空白单元格表示未知，不是零。An empty cell is an unknown value, never zero.'],
  ];
  if (declared?.import) {
    rows.push([
      '回传 Sending back',
      `编辑后可上传到 POST /import/${declared.import.slug}：有 ID 的行更新该记录，只读列（名称、时间、版本）不写入；导出后他人已修改的记录会被拒绝（CONFLICT）。Edit and send back to POST /import/${declared.import.slug}: a row with an ID updates that record; read-only columns are left alone; a record someone else changed since this export is refused (CONFLICT).`,
    ]);
  }
  return { title: `${zh}导出 ${job.type.typeName} export`, rows };
}
