import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from '../cursor';

/** Runs `fn`, which must throw a BAD_USER_INPUT GraphQLError naming `argument`; returns it. */
function badInput(fn: () => unknown, argument: string): GraphQLError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(GraphQLError);
  const error = thrown as GraphQLError;
  expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument });
  return error;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('cursors', () => {
  it.each([
    [{ order: 'ID_ASC', value: 17, id: 17 }],
    [{ order: 'NAME_ASC', value: '南京市示例创新工作室 0001', id: 42 }],
    [{ order: 'ESTABLISHED_ON_DESC', value: '0001-01-01', id: 2_147_483_647 }],
    [{ order: 'CODE_ASC', value: '320100', id: '320100' }],
    [{ order: 'NAME_ASC', value: 'quotes " and \\ and ,[]', id: 1 }],
  ])('round-trips %j', (position) => {
    const cursor = encodeCursor(position);
    expect(decodeCursor(cursor, position.order, 'after')).toEqual(position);
  });

  it('are URL-safe and opaque (no padding, no + or /)', () => {
    const cursor = encodeCursor({ order: 'NAME_ASC', value: '????>>>>', id: 1 });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('NAME_ASC');
  });

  it('keep numbers and numeric strings apart', () => {
    const asNumber = decodeCursor(encodeCursor({ order: 'ID_ASC', value: 5, id: 5 }), 'ID_ASC', 'after');
    const asText = decodeCursor(encodeCursor({ order: 'CODE_ASC', value: '5', id: '5' }), 'CODE_ASC', 'after');
    expect(asNumber.value).toBe(5);
    expect(asText.value).toBe('5');
  });

  it('are refused under another ordering, naming both', () => {
    const cursor = encodeCursor({ order: 'NAME_ASC', value: 'a', id: 1 });
    const error = badInput(() => decodeCursor(cursor, 'ID_ASC', 'before'), 'before');
    expect(error.message).toContain('NAME_ASC');
    expect(error.message).toContain('ID_ASC');
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'not a cursor'],
    ['a truncated cursor', encodeCursor({ order: 'ID_ASC', value: 123, id: 123 }).slice(0, -3)],
    ['base64 of text that is not JSON', b64('ID_ASC:1')],
    ['a JSON object', b64(JSON.stringify({ order: 'ID_ASC', value: 1, id: 1 }))],
    ['a JSON array that is too short', b64(JSON.stringify(['ID_ASC', 1]))],
    ['a JSON array that is too long', b64(JSON.stringify(['ID_ASC', 1, 1, 1]))],
    ['a non-string order', b64(JSON.stringify([1, 1, 1]))],
    ['a null value', b64(JSON.stringify(['ID_ASC', null, 1]))],
    ['an object as value', b64(JSON.stringify(['ID_ASC', { $gt: 0 }, 1]))],
    ['an array as id', b64(JSON.stringify(['ID_ASC', 1, [1]]))],
    ['a boolean id', b64(JSON.stringify(['ID_ASC', 1, true]))],
    ['JSON null', b64('null')],
  ])('refuses %s with BAD_USER_INPUT at the argument', (_name, cursor) => {
    const error = badInput(() => decodeCursor(cursor, 'ID_ASC', 'after'), 'after');
    expect(error.message).toMatch(/is not a cursor issued by this API/);
  });

  it('quotes at most 60 characters of a refused cursor', () => {
    const error = badInput(() => decodeCursor('x'.repeat(5000), 'ID_ASC', 'after'), 'after');
    expect(error.message.length).toBeLessThan(120);
  });
});
