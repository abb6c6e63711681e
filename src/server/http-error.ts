import type { Response } from 'express';
import { inChinese, prefersChinese } from '../graphql/errors/chinese-messages';
import { requestIdOf } from './http-context';

/** The `{ errors: [...] }` body of every error the HTTP layer answers (outside Express too: serving.ts). */
export function errorBody(code: string, message: string, extensions: Record<string, unknown>, requestId: string) {
  return { errors: [{ message, extensions: { code, ...extensions } }], extensions: { requestId } };
}

/**
 * A request refused outside GraphQL (an import, an export, the HTTP layer), answered as `{ errors: [...] }`
 * with this status and a stable code; `details` go to `extensions` (e.g. `field`, the parameter at fault),
 * `headers` (Retry-After, WWW-Authenticate) to the response.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Notes the codes a response answers with, for its request-log line and metrics (request-log.ts). */
export function recordErrorCodes(res: Response, codes: string[]): void {
  const recorded = res.locals.errorCodes as string[] | undefined;
  if (recorded) recorded.push(...codes);
  else res.locals.errorCodes = [...codes];
}

/** The codes recordErrorCodes noted on this response. */
export const errorCodesOf = (res: Response): string[] => (res.locals.errorCodes as string[] | undefined) ?? [];

/** Writes an error body with the request id in it, and records its code. */
export function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  recordErrorCodes(res, [code]);
  res.vary('Accept-Language');
  // Chinese where the caller prefers it; the English stays in extensions.englishMessage.
  const chinese = prefersChinese(res.req.header('accept-language'));
  const body = chinese ? errorBody(code, inChinese(code, message), { ...extensions, englishMessage: message }, requestIdOf(res.req, res)) : errorBody(code, message, extensions, requestIdOf(res.req, res));
  res.status(status).json(body);
}

/** Answers with an HttpError: its headers, then its body (sendError). */
export function sendHttpError(res: Response, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendError(res, error.status, error.code, error.message, error.details);
}
