import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { fromGlobalId, toGlobalId } from '../global-id';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function refused(id: string, argument?: string): GraphQLError {
  let thrown: unknown;
  try {
    if (argument === undefined) fromGlobalId(id);
    else fromGlobalId(id, argument);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(GraphQLError);
  return thrown as GraphQLError;
}

describe('global IDs', () => {
  it.each([
    ['InnovationStudio', 598],
    ['Enterprise', 2_147_483_647],
    ['City', '320100'],
    ['Province', '320000'],
    ['CollectiveInnovationContract', 1],
  ])('round-trip %s:%s', (typename, key) => {
    const id = toGlobalId(typename, key);
    expect(fromGlobalId(id)).toEqual({ typename, key: String(key) });
  });

  it('are opaque and URL-safe', () => {
    const id = toGlobalId('City', '320100');
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(id).not.toContain('City');
    expect(id).not.toContain('320100');
  });

  it('are exactly base64url of `Type:key`, the IDs clients already hold, whatever the lengths of type and key', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][A-Za-z]{0,40}$/),
        fc.oneof(fc.nat(), fc.stringMatching(/^[0-9A-Za-z]{0,40}$/), fc.string({ maxLength: 12 })),
        (typename, key) => {
          expect(toGlobalId(typename, key)).toBe(b64(`${typename}:${key}`));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('differ between types with the same key', () => {
    expect(toGlobalId('Enterprise', 1)).not.toBe(toGlobalId('Craftsman', 1));
  });

  it.each([
    ['an empty string', ''],
    ['characters outside base64url', 'Q2l0eTozMjAxMDA='],
    ['characters outside base64url (+ and /)', 'Q2l0+eTo/MjAxMDA'],
    ['an over-long ID', 'A'.repeat(201)],
    ['no separator', b64('City320100')],
    ['an empty key', b64('City:')],
    ['an empty type', b64(':320100')],
    ['a lower-case type name', b64('city:320100')],
    ['a type name with a digit', b64('City2:320100')],
    ['a key with punctuation', b64("Enterprise:1' OR '1'='1")],
    ['a key with a space', b64('Enterprise:1 2')],
    ['a negative key', b64('Enterprise:-1')],
    ['two separators', b64('City:320100:1')],
    ['a key of 41 characters', b64(`Enterprise:${'1'.repeat(41)}`)],
    ['a cursor instead of an ID', b64(JSON.stringify(['ID_ASC', 1, 1]))],
  ])('refuse %s with BAD_USER_INPUT', (_name, id) => {
    const error = refused(id);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(error.message).toMatch(/is not an ID issued by this API/);
  });

  it('name the argument at fault', () => {
    expect(refused('nope!', 'ids[3]').extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'ids[3]' });
  });

  it('quote at most 60 characters of a refused ID', () => {
    expect(refused('!'.repeat(1000)).message.length).toBeLessThan(120);
  });
});
