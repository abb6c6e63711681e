import { GraphQLError } from 'graphql';
import { logger } from '../../../logger';
import { formatError } from '../format-error';

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
});
