/**
 * The GraphQL-over-HTTP specification, checked by its reference implementation's own audit (graphql-http):
 * clients of either media type (application/json, application/graphql-response+json) get the status the
 * specification gives them, so Apollo Client, urql and Relay see graphQLErrors rather than network errors.
 */
import { auditServer } from 'graphql-http';
import { testAppOnLoopback } from '../setup/test-app';

const served = testAppOnLoopback();

it('passes graphql-http\'s audit with no error and no warning', async () => {
  const results = await auditServer({ url: served.url });
  const failed = results.filter((r) => r.status !== 'ok').map((r) => `${r.status}: ${r.name}${'reason' in r ? ` (${r.reason})` : ''}`);
  expect(failed).toEqual([]);
  expect(results.length).toBeGreaterThan(40);
});

type Answer = { data?: unknown; errors: Array<{ extensions: { code: string } }> };

describe('a request error answers by the media type the client takes', () => {
  const cases: Array<[string, string, string]> = [
    ['a document that does not parse', '{ cities(first: 1) { totalCount }', 'GRAPHQL_PARSE_FAILED'],
    ['a document that does not validate', '{ noSuchField }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a document over the depth limit, refused at the door', `{ enterprises(first: 1) { nodes { ${'innovationStudios(first: 1) { nodes { enterprise { '.repeat(3)}name${' } } }'.repeat(3)} } } }`, 'QUERY_TOO_COMPLEX'],
    ['a document over the cost limit, refused before execution', `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: innovationStudios(first: 100) { nodes { name enterprise { name } } }`).join(' ')} }`, 'QUERY_TOO_COMPLEX'],
  ];
  it.each(cases)('%s: 200 for application/json (and no Accept), 400 for application/graphql-response+json', async (_what, query, code) => {
    const answers = await Promise.all(
      [undefined, 'application/json', 'application/graphql-response+json'].map((accept) =>
        fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) }, body: JSON.stringify({ query }) }).then(async (res) => ({ status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Answer })),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 400]);
    expect(answers.map((a) => a.type?.split(';')[0])).toEqual(['application/json', 'application/json', 'application/graphql-response+json']);
    for (const answer of answers) {
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors[0].extensions.code).toBe(code);
    }
  });

  it('keeps 400 for a request that is not a GraphQL request (no query), whatever the client takes', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const res = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ variables: {} }) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as Answer).errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });
});
