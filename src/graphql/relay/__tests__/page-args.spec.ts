import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { encodeCursor } from '../cursor';
import { requestedLimit, toPageRequest } from '../page-args';

function refusal(fn: () => unknown): GraphQLError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected an error');
}

describe('the page size asked for', () => {
  it('is first or last, 20 when neither is given', () => {
    expect(requestedLimit({})).toBe(20);
    expect(requestedLimit({ first: null, last: null })).toBe(20);
    expect(requestedLimit({ first: 0 })).toBe(0);
    expect(requestedLimit({ last: 100 })).toBe(100);
  });

  it('refuses a size out of 0…100 or not whole, naming the argument', () => {
    expect(refusal(() => requestedLimit({ first: 101 })).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
    const error = refusal(() => requestedLimit({ last: -1 }));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'last' });
    expect(error.message).toBe("'last' must be between 0 and 100, got -1; page through larger results with cursors");
    expect(refusal(() => requestedLimit({ first: 2.5 })).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('is the limit of the page request, forward or backward', () => {
    const before = encodeCursor({ order: 'NAME_ASC', value: 'a', id: 1 });
    expect(toPageRequest({}, 'NAME_ASC')).toEqual({ backward: false, limit: 20, cursor: null });
    expect(toPageRequest({ first: 7 }, 'NAME_ASC')).toEqual({ backward: false, limit: 7, cursor: null });
    expect(toPageRequest({ before }, 'NAME_ASC')).toMatchObject({ backward: true, limit: 20, cursor: { value: 'a', id: 1 } });
    expect(toPageRequest({ last: 3, before }, 'NAME_ASC')).toMatchObject({ backward: true, limit: 3 });
  });

  it('refuses first with last before looking at their sizes', () => {
    expect(refusal(() => toPageRequest({ first: 500, last: 5 }, 'NAME_ASC')).message).toBe("use either 'first' or 'last', not both");
  });
});
