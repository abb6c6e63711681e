import { parse } from 'graphql';
import { buildRegistrySchema } from '../../modules/schema';
import { operationCachePolicy } from '../cache-policy';

const policyOf = (query: string) => operationCachePolicy(buildRegistrySchema(), parse(query));

describe('the cache policy of a query document', () => {
  it('is 60 s, public, for aggregates and the places and series they return', () => {
    expect(policyOf('{ innovationStudioStats(groupBy: [CITY]) { count city { code name } } }')).toEqual({ maxAge: 60, scope: 'PUBLIC' });
    expect(
      policyOf(`query ($from: LocalDate!) { a: craftsmanStats(groupBy: [LEVEL]) { level count }
        s: innovationStudioSeries(interval: MONTH, from: $from) { lines { points { period count cumulative } } } }`),
    ).toEqual({ maxAge: 60, scope: 'PUBLIC' });
  });

  it('counts fields inside fragments', () => {
    const policy = policyOf(`{ enterpriseStats(groupBy: [OWNERSHIP]) { ...G } } fragment G on EnterpriseGroup { ownership count }`);
    expect(policy.maxAge).toBe(60);
  });

  it('is not cacheable as soon as one record list, lookup or root field without a hint is asked for', () => {
    expect(policyOf('{ innovationStudioStats(groupBy: [CITY]) { count } innovationStudios(first: 1) { totalCount } }').maxAge).toBe(0);
    expect(policyOf('{ city(code: "320100") { name } }').maxAge).toBe(0);
    expect(policyOf('{ innovationStudioStats(groupBy: [CITY]) { count ...F } } fragment F on InnovationStudioGroup { city { innovationStudios(first: 1) { totalCount } } }').maxAge).toBe(0);
  });

  it('never caches introspection or a mutation', () => {
    expect(policyOf('{ __schema { queryType { name } } }').maxAge).toBe(0);
    expect(policyOf('{ __type(name: "City") { name } }').maxAge).toBe(0);
    expect(policyOf('mutation { archiveInnovationStudio(input: { id: "x" }) { __typename } }').maxAge).toBe(0);
    expect(policyOf('{ __typename }').maxAge).toBe(0);
  });
});
