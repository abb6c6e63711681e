import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { Router, type Request, type Response } from 'express';
import { getNamedType, isInputObjectType, type GraphQLInputObjectType } from 'graphql';
import type { Pool } from 'pg';
import { chinaDateTime } from '../../common/calendar';
import { ANONYMOUS, type Caller } from '../../auth/caller';
import { buildRegistrySchema } from '../schema';
import { httpRequestContext, requestIdOf } from '../../server/http-context';
import { HttpError } from '../../server/http-error';
import { readsOf } from '../../server/read-routing';
import { isReplicaFailure } from '../../db/read-replicas';
import { encoderFor, EXPORT_FORMATS, isExportFormat, setExportHeaders, type ExportFormat } from './export-format';
import { readParameters } from './export-parameters';
import { statsFieldOf, statsRows } from './export-stats';
import { streamRecords } from './export-stream';
import { exportTypeOf, exportTypes, exportTypeSlugs, type ExportType } from './export-types';
import { MAX_TABLE_BYTES, readTable, tableColumns } from './export-table';

const formats = Object.keys(EXPORT_FORMATS);

/** `innovation-studios.csv` → the type and format; unknown ones are a 404 listing what exists. */
function target(file: string, types: () => string[]): { type: ExportType; format: ExportFormat } {
  const match = /^([a-z-]+)\.([a-z]+)$/.exec(file);
  const type = match && types().includes(match[1]) ? exportTypeOf(match[1]) : null;
  if (!match || !type || !isExportFormat(match[2])) {
    const list = types();
    throw new HttpError(404, 'NOT_FOUND', `No export '${file.slice(0, 80)}'. Use <type>.<format> with a type of ${list.join(', ')} and a format of ${formats.join(', ')}.`, {
      types: list,
      formats,
    });
  }
  return { type, format: match[2] };
}

/** Every name a type answers to, for the record exports. */
const recordSlugs = () => exportTypes().flatMap((t) => [t.slug, ...(t.aliases ?? [])]);
/** Types whose statistics field is in the schema (enterprises once `enterpriseStats` exists). */
const statsSlugs = () => exportTypes().filter((t) => statsFieldOf(t)).flatMap((t) => [t.slug, ...(t.aliases ?? [])]);

/** The type's GraphQL filter input, read from its list field's `filter` argument. */
function filterTypeOf(fieldName: string): GraphQLInputObjectType {
  const arg = buildRegistrySchema().getQueryType()?.getFields()[fieldName]?.args.find((a) => a.name === 'filter');
  const type = arg && getNamedType(arg.type);
  if (!isInputObjectType(type)) throw new Error(`export: Query.${fieldName}(filter:) is not in the schema`);
  return type;
}

function requestOf(req: Request, res: Response) {
  const requestId = requestIdOf(req, res);
  const search = new URL(req.originalUrl, 'http://export.invalid').searchParams;
  return { requestId, search, caller: (res.locals.caller as Caller | undefined) ?? ANONYMOUS, apiKey: (res.locals.apiKey as string | null | undefined) ?? null };
}

/**
 * Flat exports for BI tools: `GET /export/<type>.csv|.ndjson` streams every row of a registry type
 * that the filter selects (query parameters named as the GraphQL filter's fields), and
 * `GET /export/stats/<type>.csv|.ndjson?groupBy=…` a statistic's groups. Mounted behind
 * authenticate(), which sets res.locals.caller; personal data follows src/auth/policy.ts row by row, and
 * PostgreSQL gives it only for the caller's own API key.
 *
 * A request refused before the first byte throws an HttpError, which the app's error handler answers.
 * A download holds a database connection until it ends, so at most half the request pool serves
 * exports at a time; further ones are refused with 503 and Retry-After rather than starving the API.
 */
export function exportRouter(pool: Pool, options: { byCopy: boolean } = { byCopy: true }): Router {
  const router = Router();
  const maxRunning = Math.max(1, Math.floor((pool.options.max ?? 10) / 2));
  let running = 0;

  // A table the caller already holds (a GraphiQL result's list, flattened in the browser) as a workbook or CSV: no
  // database access, only formatting, so that "download as Excel" gives the same cells as every other export.
  router.post('/table.:format', express.json({ limit: MAX_TABLE_BYTES }), async (req, res) => {
    const format = String(req.params.format);
    if (format !== 'xlsx' && format !== 'csv') throw new HttpError(404, 'NOT_FOUND', `POST /export/table.<format> takes xlsx or csv (got '${format.slice(0, 20)}').`, { formats: ['xlsx', 'csv'] });
    const { columns, rows, title } = readTable(req.body);
    setExportHeaders(res, 'query-result', format);
    const about = () => ({ title: `${title} 查询结果 query result`, rows: [['导出时间 Exported at', `${chinaDateTime()} 北京时间 (China time)`], ['来源 Source', '产改登记平台 GraphiQL 查询结果 A Reform Registry query run in GraphiQL; empty cells are unknown or not asked for, never zero.']] as Array<[string, string]> });
    await pipeline(Readable.from(rows), encoderFor(format, tableColumns(columns, rows), about), res);
  });

  router.get('/stats/:file', async (req, res) => {
    const { type, format } = target(String(req.params.file), statsSlugs);
    const field = statsFieldOf(type)!;
    const { search } = requestOf(req, res);
    const { variables } = readParameters(search, filterTypeOf(type.listField), field.args.filter((a) => a.name !== 'filter'));
    const { columns, rows } = await statsRows(httpRequestContext(pool, req, res), field, variables);
    setExportHeaders(res, `${type.slug}-stats`, format);
    const about = () => ({ title: `${field.name} 统计 statistics`, rows: [['查询 Query', `${field.name}(${JSON.stringify(variables)})`], ['导出时间 Exported at', `${chinaDateTime()} 北京时间 (China time)`]] as Array<[string, string]> });
    await pipeline(Readable.from(rows), encoderFor(format, columns, about), res);
  });

  router.get('/:file', async (req, res) => {
    const { type, format } = target(String(req.params.file), recordSlugs);
    const { requestId, search, caller, apiKey } = requestOf(req, res);
    const { filter } = readParameters(search, filterTypeOf(type.listField));
    if (req.method === 'HEAD') {
      setExportHeaders(res, type.slug, format);
      return void res.end();
    }
    if (running >= maxRunning) {
      throw new HttpError(503, 'TOO_MANY_EXPORTS', `${running} exports are running, the most this server runs at once; retry in a little while.`, {}, { 'retry-after': '30' });
    }
    running += 1;
    try {
      const job = { pool, caller, apiKey, requestId, type, format, filter, byCopy: options.byCopy };
      // With read replicas, a download reads from the replica the request's reads go to; one that fails before the first byte is
      // run again on the primary (src/db/read-replicas.ts).
      const reads = readsOf(res);
      const route = reads?.current();
      try {
        await streamRecords(route ? { ...job, pool: route.pool } : job, res);
      } catch (error) {
        if (!route || route.server === 'primary' || res.headersSent || !isReplicaFailure(error)) throw error;
        reads!.failed(error);
        await streamRecords(job, res);
      }
    } finally {
      running -= 1;
    }
  });

  router.use((req) => {
    throw new HttpError(404, 'NOT_FOUND', `${req.method} ${req.baseUrl}${req.path} is not an export. Use GET /export/<type>.<format> or GET /export/stats/<type>.<format>; types: ${exportTypeSlugs().join(', ')}; formats: ${formats.join(', ')}.`, {
      types: exportTypeSlugs(),
      formats,
    });
  });

  return router;
}
