import pino from 'pino';

/** One JSON logger for the process; requests log through `logger.child({ requestId })`. */
export const logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  base: undefined,
  redact: ['req.headers.authorization'],
});
