import { logger } from '../../../logger';
import { formatError } from '../format-error';

const withCode = (code: string, message: string) => Object.assign(new Error(message), { code });
const asResolverFailure = (error: Error) => ({ message: error.message, path: ['sources'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: error.stack!.split('\n') } });

describe('formatError on database faults', () => {
  beforeAll(() => {
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());

  it('answers a cancelled statement with TIMEOUT and what to do, not INTERNAL', () => {
    const error = withCode('57014', 'canceling statement due to statement timeout');
    const formatted = formatError(asResolverFailure(error), error);
    expect(formatted.extensions).toEqual({ code: 'TIMEOUT' });
    expect(formatted.path).toEqual(['sources']);
    expect(formatted.message).toMatch(/statement timeout.*Ask for less/);
  });

  it('answers a full pool with TIMEOUT saying the server is busy', () => {
    const error = new Error('timeout exceeded when trying to connect');
    const formatted = formatError(asResolverFailure(error), error);
    expect(formatted.extensions).toEqual({ code: 'TIMEOUT' });
    expect(formatted.message).toMatch(/busy/);
  });

  it('answers a lost database with UNAVAILABLE, without its address or the driver text', () => {
    const error = withCode('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.7:5432');
    const formatted = formatError(asResolverFailure(error), error);
    expect(formatted.extensions).toEqual({ code: 'UNAVAILABLE' });
    expect(JSON.stringify(formatted)).not.toMatch(/10\.0\.0\.7|ECONNREFUSED|stacktrace/);
  });
});
