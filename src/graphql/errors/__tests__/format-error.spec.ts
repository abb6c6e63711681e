import { GraphQLError } from 'graphql';
import { logger } from '../../../logger';
import { formatError, internalErrorLog } from '../format-error';

describe('formatError', () => {
  beforeAll(() => jest.spyOn(logger, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it('masks an unexpected error: no message, SQL or stack trace leaves', () => {
    const error = new Error('relation "secret_table" does not exist');
    const formatted = formatError({ message: error.message, path: ['city'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: error.stack!.split('\n') } }, error);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['city'], locations: undefined, extensions: { code: 'INTERNAL' } });
  });

  it('keeps our own codes and their details, without a stack trace or the HTTP status', () => {
    const error = new GraphQLError('too deep', { extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', http: { status: 400 } } });
    const formatted = formatError({ message: 'too deep', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', stacktrace: ['at x'] } }, error);
    expect(JSON.parse(JSON.stringify(formatted))).toEqual({ message: 'too deep', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth' } });
  });

  it("turns graphql's token limit into QUERY_TOO_COMPLEX", () => {
    const error = new GraphQLError('Syntax Error: Document contains more that 5000 tokens. Parsing aborted.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatError({ message: error.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, error)).toEqual({
      message: 'The query has more than 5000 tokens; at most 5000 are allowed (token limit).',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', maximum: 5000 },
    });
  });

  it('logs each error it masks once, with the request id the client was given, and none of ours', async () => {
    const log = logger.error as unknown as jest.Mock;
    log.mockClear();
    const unexpected = new GraphQLError('boom', { originalError: new Error('relation "secret_table" does not exist'), path: ['city'] });
    const ours = new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } });
    const hooks = await internalErrorLog.requestDidStart!({} as never);
    await hooks!.didEncounterErrors!({ contextValue: { requestId: 'req-42' }, errors: [unexpected, ours] } as never);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatchObject({ requestId: 'req-42', path: ['city'], err: unexpected.originalError });
  });
});
