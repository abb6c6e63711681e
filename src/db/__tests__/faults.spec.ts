import { QueryFailedError } from 'typeorm';
import { databaseFaultOf } from '../faults';

/** An error as pg or Node's net module makes it: a message and a code. */
const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseFaultOf', () => {
  it('tells a cancelled statement (57014) as a statement timeout', () => {
    expect(databaseFaultOf(withCode('57014', 'canceling statement due to statement timeout'))).toBe('statement-timeout');
  });

  it("tells pg-pool's wait for a free connection as a pool timeout", () => {
    expect(databaseFaultOf(new Error('timeout exceeded when trying to connect'))).toBe('pool-timeout');
  });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET')],
    ['an unknown host', withCode('ENOTFOUND')],
    ['a server shutting down (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['a server starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['too many connections (53300)', withCode('53300')],
    ['a connection exception (class 08)', withCode('08006')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a connection timeout of a new connection', new Error('Connection terminated due to connection timeout')],
    ['a client broken earlier', new Error('Client has encountered a connection error and is not queryable')],
  ])('tells %s as the database being unavailable', (_name, error) => {
    expect(databaseFaultOf(error)).toBe('unavailable');
  });

  it('looks through wrappers: TypeORM, cause, graphql-js and AggregateError', () => {
    expect(databaseFaultOf(new QueryFailedError('SELECT 1', [], withCode('57P01')))).toBe('unavailable');
    expect(databaseFaultOf(new Error('outer', { cause: withCode('57014') }))).toBe('statement-timeout');
    expect(databaseFaultOf({ name: 'NonErrorThrown', thrownValue: { code: 'ECONNREFUSED' } })).toBe('unavailable');
    expect(databaseFaultOf(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all refused'))).toBe('unavailable');
  });

  it('leaves the request\'s own failures and bugs alone', () => {
    expect(databaseFaultOf(withCode('23505', 'duplicate key value'))).toBeNull();
    expect(databaseFaultOf(withCode('42501', 'permission denied'))).toBeNull();
    expect(databaseFaultOf(withCode('40001', 'could not serialize access'))).toBeNull();
    expect(databaseFaultOf(new TypeError('x is undefined'))).toBeNull();
    expect(databaseFaultOf(undefined)).toBeNull();
    expect(databaseFaultOf('timeout exceeded when trying to connect')).toBeNull();
  });
});
