import type { NextFunction, Request, Response } from 'express';
import type { Caller } from '../auth/caller';
import { parseWalPosition, type ReadReplicas, type RequestReads } from '../db/read-replicas';
import { HttpError } from './http-error';

/** The request header that carries a consistency token back (`extensions.consistencyToken` of an answer that wrote). */
export const CONSISTENCY_TOKEN_HEADER = 'consistency-token';

/**
 * After authentication: where the request's reads go (src/db/read-replicas.ts), kept on res.locals for its context
 * (http-context.ts). A `Consistency-Token` header asks for reads that see at least the write that gave it, through
 * any instance; one that is not a token is refused (400 BAD_REQUEST), with replicas or without.
 */
export function readRouting(replicas: ReadReplicas | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const sent = req.header(CONSISTENCY_TOKEN_HEADER);
    const token = sent === undefined || sent === '' ? null : parseWalPosition(sent);
    if (token === null && sent) {
      return next(new HttpError(400, 'BAD_REQUEST', `The Consistency-Token header must be a token from extensions.consistencyToken, such as 0/1A2B3C4 (got '${sent.slice(0, 40)}').`, { header: 'Consistency-Token' }));
    }
    if (replicas) res.locals.reads = replicas.forRequest((res.locals.caller as Caller | undefined) ?? { kind: 'anonymous' }, token);
    next();
  };
}

/** The request's reads, where replicas are configured. */
export const readsOf = (res: Response): RequestReads | null => (res.locals.reads as RequestReads | undefined) ?? null;
