import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Pool } from 'pg';
import { MAX_UPSERT_RECORDS, upsertRefusedTo } from '../../registry/writes/bulk-upsert';
import { ANONYMOUS, type Caller } from '../../auth/caller';
import { httpRequestContext } from '../../server/http-context';
import { formatWalPosition } from '../../db/read-replicas';
import { HttpError, sendError, sendHttpError } from '../../server/http-error';
import { prefersChinese, refusalsInChinese } from '../../graphql/errors/chinese-messages';
import { XLSX_CONTENT_TYPE } from '../export/export-format';
import { registryTypes } from '..';
import { CHINESE_CHARSETS, csvTemplate, importCsv, importRead, MAX_CSV_BYTES, statusOf } from './csv-import.service';
import { MAX_WORKBOOK_BYTES, readWorkbook, workbookTemplate } from './workbook-import';
import { importTypeOf, importTypeSlugs, type ImportType } from './import-types';

function typeOf(req: Request, res: Response): ImportType | null {
  const type = importTypeOf(String(req.params.type));
  if (!type) {
    const types = importTypeSlugs();
    sendError(res, 404, 'NOT_FOUND', `No CSV import for '${String(req.params.type).slice(0, 60)}'. Types: ${types.join(', ')}.`, { types });
  }
  return type;
}

/** The charset a Content-Type names, lower case; undefined where it names none. */
function charsetOf(contentType: string | undefined): string | undefined {
  const params = (contentType ?? '').split(';').slice(1).map((p) => p.trim().toLowerCase());
  return params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
}

const mediaTypeOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

/**
 * `text/csv` (in UTF-8, or a Chinese Windows charset, GBK or GB18030, if one is named) or an .xlsx workbook;
 * anything else is refused before the body is read.
 */
function mediaTypeProblem(contentType: string | undefined): HttpError | null {
  const type = mediaTypeOf(contentType);
  if (type === XLSX_CONTENT_TYPE) return null;
  if (type !== 'text/csv') {
    return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `Send the file as Content-Type: text/csv or ${XLSX_CONTENT_TYPE} (got ${type ? `'${type.slice(0, 60)}'` : 'none'}).`);
  }
  const charset = charsetOf(contentType);
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && !CHINESE_CHARSETS.has(charset)) {
    return new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `The file must be UTF-8, GBK or GB18030 (got charset=${charset.slice(0, 40)}).`);
  }
  return null;
}

const readBody = express.raw({ type: () => true, limit: MAX_CSV_BYTES });

/**
 * CSV imports for spreadsheet users: `POST /import/<type>` with a text/csv body does what the
 * GraphQL bulk upsert of that type does (src/registry/writes/bulk-upsert.ts); `GET /import/<type>/template`
 * gives the header row. Mounted behind authenticate(), which sets res.locals.caller.
 */
export function csvImportRouter(pool: Pool): Router {
  const router = Router();

  router.get('/:type/template.xlsx', async (req, res) => {
    const type = typeOf(req, res);
    if (!type) return;
    const declared = registryTypes().find((t) => t.typename === type.spec.typename)!;
    const workbook = await workbookTemplate(type, { zh: declared.noun.zh, importSlug: type.slug });
    res.type(XLSX_CONTENT_TYPE).attachment(`${type.slug}-template.xlsx`).send(workbook);
  });

  router.get('/:type/template', (req, res) => {
    const type = typeOf(req, res);
    if (!type) return;
    res.type('text/csv; charset=utf-8').attachment(`${type.slug}.csv`).send(csvTemplate(type));
  });

  router.post(
    '/:type',
    (req, res, next) => {
      const type = typeOf(req, res);
      if (!type) return;
      // A caller who may not write this type is answered before its file is read (up to 5 MB), as the
      // import itself would answer it: 403 (401 without a key) with the refused payload.
      const caller = (res.locals.caller as Caller | undefined) ?? ANONYMOUS;
      const refused = upsertRefusedTo(caller, type.spec);
      if (refused) {
        if (caller.kind === 'anonymous') res.status(401).setHeader('www-authenticate', 'Bearer realm="reform-registry"');
        else res.status(403);
        res.vary('Accept-Language');
        if (prefersChinese(req.header('accept-language'))) refusalsInChinese(refused);
        return void res.json(refused);
      }
      const problem = mediaTypeProblem(req.header('content-type'));
      if (problem) return sendHttpError(res, problem);
      const length = Number(req.header('content-length') ?? 0);
      if (mediaTypeOf(req.header('content-type')) === XLSX_CONTENT_TYPE && length > MAX_WORKBOOK_BYTES) {
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `A workbook is read whole: at most ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB (5,000 rows take well under 1 MB). Split the file, or send it as CSV.`, { maxBytes: MAX_WORKBOOK_BYTES });
      }
      next();
    },
    readBody,
    async (req, res) => {
      const type = importTypeOf(String(req.params.type))!;
      const caller = (res.locals.caller as Caller | undefined) ?? ANONYMOUS;
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      try {
        const ctx = httpRequestContext(pool, req, res);
        // An import writes: what it reads comes from the primary (src/db/read-replicas.ts).
        ctx.db.reads?.writing();
        const payload =
          mediaTypeOf(req.header('content-type')) === XLSX_CONTENT_TYPE
            ? await importRead(ctx, type, await readWorkbook(type, body), req.header('idempotency-key'))
            : await importCsv(ctx, type, body, req.header('idempotency-key'), charsetOf(req.header('content-type')));
        const status = statusOf(payload);
        if (status === 403 && caller.kind === 'anonymous') res.status(401).setHeader('www-authenticate', 'Bearer realm="reform-registry"');
        else res.status(status);
        if (payload.replayed) res.setHeader('idempotent-replayed', 'true');
        // With read replicas: sent back as a Consistency-Token header, any instance's reads see this import.
        if (ctx.db.reads?.committedAt) res.setHeader('consistency-token', formatWalPosition(ctx.db.reads.committedAt));
        res.vary('Accept-Language');
        if (ctx.language === 'zh') refusalsInChinese(payload);
        res.json(payload);
      } catch (error) {
        if (error instanceof HttpError) return sendHttpError(res, error);
        throw error;
      }
    },
  );

  router.use((req, res) => {
    const types = importTypeSlugs();
    sendError(res, 404, 'NOT_FOUND', `${req.method} ${req.baseUrl}${req.path} is not an import. Use POST /import/<type> with a CSV or .xlsx body, or GET /import/<type>/template (.csv) or /import/<type>/template.xlsx; types: ${types.join(', ')}.`, { types });
  });

  router.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.too.large') {
      return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; a CSV import carries at most ${MAX_UPSERT_RECORDS.toLocaleString('en')} data rows. Split the file.`, { maxBytes: MAX_CSV_BYTES });
    }
    if (err.status === 400 || err.status === 415) return sendError(res, err.status, err.status === 400 ? 'BAD_REQUEST' : 'UNSUPPORTED_MEDIA_TYPE', err.message);
    next(err);
  });

  return router;
}
