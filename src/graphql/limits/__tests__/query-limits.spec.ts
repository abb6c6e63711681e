import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, GraphQLError, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { EXAMPLE_QUERIES } from '../../../server/example-queries';
import { buildRegistrySchema } from '../../../modules/schema';
import { textProblem } from '../argument-text';
import { withoutSuggestions } from '../limits.plugin';
import { HEAVY_SCAN, operationCost, SCAN_PRICES } from '../query-cost';
import { DEFAULT_QUERY_LIMITS } from '../query-limits';
import { measureQueryShape, shapeProblem } from '../query-shape';

const schema = buildRegistrySchema();

function costOf(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost(schema, document, operation, variables).cost;
}

function thrownBy(work: () => unknown): GraphQLError {
  try {
    work();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected an error');
}

const problemOf = (query: string) => shapeProblem(measureQueryShape(parse(query)), DEFAULT_QUERY_LIMITS);

describe('the shape of a query', () => {
  it('counts depth through fragments, a root field being 1', () => {
    expect(measureQueryShape(parse('{ provinces { nodes { name } } }')).depth).toBe(3);
    expect(measureQueryShape(parse('{ provinces { ...P } } fragment P on ProvinceConnection { nodes { cities { nodes { name } } } }')).depth).toBe(5);
  });

  it('refuses more than 10 levels, saying which limit and the numbers', () => {
    const deep = '{ enterprises { nodes { innovationStudios { nodes { enterprise { innovationStudios { nodes { enterprise { city { province { name } } } } } } } } } } }';
    const error = problemOf(deep)!;
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', maximum: 10, actual: 11 });
    expect(error.message).toBe('The query is 11 fields deep; at most 10 are allowed (depth limit).');
  });

  it('counts aliases and directives each time their fragment is spread', () => {
    const tenAliases = Array.from({ length: 10 }, (_, i) => `a${i}: __typename`).join(' ');
    const twice = `{ ...F ...G } fragment F on Query { ${tenAliases} } fragment G on Query { ...F ...F }`;
    expect(measureQueryShape(parse(twice)).aliases).toBe(30);
    expect(problemOf(twice)).toBeNull();
    expect(problemOf(`{ ...F ...G x: __typename } fragment F on Query { ${tenAliases} } fragment G on Query { ...F ...F }`)!.extensions).toMatchObject({ limit: 'aliases', actual: 31 });
    const directives = `{ ...F ...F @skip(if: false) } fragment F on Query { ${'__typename @include(if: true) '.repeat(26)} }`;
    expect(problemOf(directives)!.extensions).toMatchObject({ limit: 'directives', actual: 53 });
  });

  it('measures a fragment that doubles at each of 100 levels without expanding it', () => {
    const chain = Array.from({ length: 100 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const shape = measureQueryShape(parse(`{ ...F0 }\n${chain}\nfragment F100 on Query { a: __typename }`));
    expect(shape.aliases).toBe(2 ** 100);
  });

  it('terminates on fragment cycles (validation refuses them next)', () => {
    expect(measureQueryShape(parse('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A provinces { totalCount } }')).depth).toBe(2);
  });

  it('lets the introspection query of GraphiQL through, and refuses nesting introspection lists deeper', () => {
    expect(problemOf(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }))).toBeNull();
    const bomb = '{ __type(name: "Query") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }';
    expect(problemOf(bomb)!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'introspectionLists', maximum: 3, actual: 4 });
  });

  it('counts the field selections written, repeats included', () => {
    expect(problemOf(`{ provinces { ${'totalCount '.repeat(501)} } }`)!.extensions).toMatchObject({ limit: 'fields', maximum: 500, actual: 502 });
  });
});

describe('the cost of an operation', () => {
  it('is 1 per object, scalars free, a connection page multiplying its edges and nodes', () => {
    expect(costOf('{ city(code: "320100") { name } }')).toBe(1);
    // connection 1 + totalCount (a COUNT over the table) + 20 (default page) × (node 1 + enterprise 1)
    expect(costOf('{ innovationStudios { totalCount nodes { name enterprise { name } } } }')).toBe(1 + SCAN_PRICES.count + 40);
    expect(costOf('{ innovationStudios(first: 100) { edges { node { id } } } }')).toBe(1 + 100 * 2);
    expect(costOf('{ innovationStudios(last: 5) { nodes { id } } }')).toBe(6);
    expect(costOf('query ($n: Int) { innovationStudios(first: $n) { nodes { id } } }', { n: 50 })).toBe(51);
  });

  it('multiplies nested pages: 100 cities × 100 studios is over the budget', () => {
    const cost = costOf('{ cities(first: 100) { nodes { innovationStudios(first: 100) { nodes { name } } } } }');
    expect(cost).toBe(1 + 100 * (1 + 1 + 100));
    expect(cost).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost);
  });

  it('sizes nodes(ids:) by its ids, and skips what @skip/@include leave out', () => {
    expect(costOf('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(3);
    expect(costOf('query ($all: Boolean!) { innovationStudios(first: 100) @include(if: $all) { nodes { id } } }', { all: false })).toBe(0);
    expect(costOf('{ provinces { nodes { ...on Province { cities { nodes { name } } } } } }')).toBe(1 + 20 * (1 + 1 + 20));
  });

  // Issue 16: the model priced a table scan like an index lookup, so 30 aliased searches were accepted at cost 60.
  describe('prices what reads a whole table, as measured (SCAN_PRICES)', () => {
    const scanOf = (query: string, variables?: Record<string, unknown>) => {
      const document = parse(query);
      return operationCost(schema, document, document.definitions[0] as OperationDefinitionNode, variables);
    };

    it('a name search shorter than three characters reads every row; a longer one uses the trigram index', () => {
      expect(scanOf('{ enterprises(filter: { nameContains: "苏州" }) { totalCount } }')).toMatchObject({ scan: SCAN_PRICES.count + SCAN_PRICES.shortSearch });
      expect(scanOf('{ enterprises(filter: { nameContains: " 苏州 " }) { totalCount } }').scan).toBe(SCAN_PRICES.count + SCAN_PRICES.shortSearch);
      expect(scanOf('{ enterprises(filter: { nameContains: "苏州工业" }) { totalCount } }').scan).toBe(SCAN_PRICES.count + SCAN_PRICES.indexedSearch);
      expect(scanOf('query ($f: EnterpriseFilter) { enterprises(filter: $f) { nodes { id } } }', { f: { nameContains: 'x' } }).scan).toBe(SCAN_PRICES.shortSearch);
      // 30 aliased short searches were accepted at cost 60 and took 4.7 s: now far over the budget.
      const thirty = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: enterprises(filter: { nameContains: "企" }) { totalCount }`).join(' ')} }`;
      expect(costOf(thirty)).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxCost);
    });

    it('a list inside a list is read for its parents: a COUNT costs 1 there, a search nothing more', () => {
      expect(scanOf('{ cities(first: 10) { nodes { innovationStudios(filter: { nameContains: "工" }) { totalCount } } } }')).toEqual({ cost: 1 + 10 * (1 + 1 + 1), scan: 0, introspection: false });
    });

    it('statistics by their dimensions, series by periods and lines, the ranking', () => {
      // Over the records: by a month, an enterprise's ownership, a name, archived records (what no tally holds) …
      expect(scanOf('{ innovationStudioStats(groupBy: [MONTH_ESTABLISHED]) { count } }')).toMatchObject({ scan: SCAN_PRICES.aggregate + SCAN_PRICES.perDimension, cost: SCAN_PRICES.aggregate + SCAN_PRICES.perDimension + 20 });
      expect(scanOf('{ innovationStudioStats(groupBy: [OWNERSHIP, KIND, OWNERSHIP]) { count } }').scan).toBe(SCAN_PRICES.aggregate + 2 * SCAN_PRICES.perDimension);
      expect(scanOf('{ innovationStudioStats(groupBy: [CITY], filter: { nameContains: "创新工作室" }) { count } }').scan).toBe(SCAN_PRICES.aggregate + SCAN_PRICES.perDimension + SCAN_PRICES.indexedSearch);
      expect(scanOf('{ innovationStudioStats(groupBy: [CITY], filter: { archiveStatus: ANY }) { count } }').scan).toBe(SCAN_PRICES.aggregate + SCAN_PRICES.perDimension);
      // … and from the statistics tally: by place and the type's own columns, filtered by them (src/registry/stats-tally.ts).
      expect(scanOf('{ innovationStudioStats(groupBy: [CITY, KIND, CITY]) { count } }').scan).toBe(SCAN_PRICES.talliedAggregate);
      expect(scanOf('query ($p: DivisionCode) { innovationStudioStats(groupBy: [CITY, KIND], filter: { provinceCode: $p, isSample: false }) { count } }', { p: '320000' }).scan)
        .toBe(SCAN_PRICES.talliedAggregate);
      // A measure the tally does not keep (a count of distinct enterprises) is counted over the records, asked for
      // directly or through a fragment; without it the same statistics are the tally's.
      expect(scanOf('{ collectiveContractStats(groupBy: [CITY]) { count workersCovered } }').scan).toBe(SCAN_PRICES.talliedAggregate);
      expect(scanOf('{ collectiveContractStats(groupBy: [CITY]) { count enterprises } }').scan).toBe(SCAN_PRICES.aggregate + SCAN_PRICES.perDimension);
      expect(scanOf('{ collectiveContractStats(groupBy: [CITY]) { count ...E } } fragment E on CollectiveInnovationContractGroup { enterprises }').scan)
        .toBe(SCAN_PRICES.aggregate + SCAN_PRICES.perDimension);
      expect(scanOf('{ enterpriseServiceRequestStats(groupBy: [CITY, SATISFACTION]) { count withinCommitmentRate satisfactionRate } }').scan).toBe(SCAN_PRICES.talliedAggregate);
      const series = (interval: string, from: string, to: string, groupBy = 'NONE') =>
        scanOf(`{ innovationStudioSeries(interval: ${interval}, from: "${from}", to: "${to}", groupBy: ${groupBy}) { lines { points { count } } } }`);
      expect(series('MONTH', '2025-01-01', '2025-12-31')).toMatchObject({ scan: SCAN_PRICES.series + 12, cost: SCAN_PRICES.series + 12 + 1 + 1 * (1 + 12 * 1) }); // + the series, its line, its points
      expect(series('MONTH', '1976-01-01', '2025-12-31', 'CITY').scan).toBe(SCAN_PRICES.series + 600 * SCAN_PRICES.seriesLines);
      expect(series('YEAR', '2016-01-01', '2025-12-31', 'CITY')).toMatchObject({ scan: SCAN_PRICES.series + 10 * SCAN_PRICES.seriesLines, cost: SCAN_PRICES.series + 150 + 1 + 20 * (1 + 10) });
      expect(scanOf('{ goalRanking(metric: INNOVATION_STUDIOS) { rank } }').scan).toBe(SCAN_PRICES.ranking);
    });

    it('marks an operation heavy from HEAVY_SCAN on: one COUNT is not, statistics over the records are, tallied ones not', () => {
      expect(scanOf('{ enterprises { totalCount } }').scan).toBeLessThan(HEAVY_SCAN);
      expect(scanOf('{ a: enterprises { totalCount } b: craftsmen { totalCount } }').scan).toBeGreaterThanOrEqual(HEAVY_SCAN);
      // A count of distinct enterprises, which no tally keeps, is heavy, the contracts' other statistics not; an
      // enterprise's statistics by ownership are tallied with their sums, by month of founding they are not.
      expect(scanOf('{ collectiveContractStats(groupBy: []) { count enterprises } }').scan).toBeGreaterThanOrEqual(HEAVY_SCAN);
      expect(scanOf('{ collectiveContractStats(groupBy: []) { count workersCovered } }').scan).toBeLessThan(HEAVY_SCAN);
      expect(scanOf('{ enterpriseStats(groupBy: [MONTH_ESTABLISHED]) { count } }').scan).toBeGreaterThanOrEqual(HEAVY_SCAN);
      expect(scanOf('{ innovationStudioStats(groupBy: [CITY, KIND]) { count } }').scan).toBeLessThan(HEAVY_SCAN);
      expect(scanOf('{ enterpriseStats(groupBy: [CITY, OWNERSHIP]) { count employees } }').scan).toBeLessThan(HEAVY_SCAN);
      expect(scanOf('{ enterprises(first: 100) { nodes { name city { name } } } }').scan).toBe(0);
    });
  });

  it('refuses a page size out of range before anything runs, naming the argument', () => {
    const error = thrownBy(() => costOf('query ($n: Int) { provinces { nodes { cities(last: $n) { totalCount } } } }', { n: 1000 }));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'last' });
    expect(error.message).toMatch(/'last' must be between 0 and 100, got 1000/);
  });

  it('is the same for a document asked again, whatever its variables may do', () => {
    const fixed = parse('query A { provinces(first: 3) { nodes { id } } } query B { cities(last: 7) { nodes { id } } }');
    const [a, b] = fixed.definitions as OperationDefinitionNode[];
    for (let i = 0; i < 2; i++) {
      expect(operationCost(schema, fixed, a, undefined)).toEqual({ cost: 4, scan: 0, introspection: false });
      expect(operationCost(schema, fixed, b, { ignored: 1 })).toEqual({ cost: 8, scan: 0, introspection: false });
    }
    // With variables the cost follows them, request by request.
    const paged = parse('query ($n: Int, $skip: Boolean!) { provinces(first: $n) @skip(if: $skip) { nodes { id } } }');
    const op = paged.definitions[0] as OperationDefinitionNode;
    expect(operationCost(schema, paged, op, { n: 5, skip: false }).cost).toBe(6);
    expect(operationCost(schema, paged, op, { n: 50, skip: false }).cost).toBe(51);
    expect(operationCost(schema, paged, op, { skip: false }).cost).toBe(21);
    expect(operationCost(schema, paged, op, { n: 50, skip: true }).cost).toBe(0);
    // A refused document is refused every time it comes.
    const tooLarge = parse('{ provinces(first: 101) { totalCount } }');
    const refused = tooLarge.definitions[0] as OperationDefinitionNode;
    for (let i = 0; i < 2; i++) {
      expect(thrownBy(() => operationCost(schema, tooLarge, refused, undefined)).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
    }
  });

  it('counts the larger page when first and last are both given (the resolver refuses the pair)', () => {
    expect(costOf('{ provinces(first: 2, last: 9) { nodes { id } } }')).toBe(10);
    expect(costOf('{ provinces(first: 0) { nodes { id } } }')).toBe(1);
    expect(thrownBy(() => costOf('{ provinces(first: 5, last: -1) { totalCount } }')).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'last' });
  });

  it('refuses NUL characters and lone surrogates in any argument, naming it', () => {
    const error = thrownBy(() => costOf('query ($f: InnovationStudioFilter) { innovationStudios(filter: $f) { totalCount } }', { f: { nameContains: 'a\u0000b' } }));
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'filter.nameContains' });
    expect(thrownBy(() => costOf('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['x', '\ud800'] })).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'ids[1]' });
  });
});

describe('argument text', () => {
  it('accepts any Unicode, and refuses NUL and lone surrogates', () => {
    for (const fine of ['工匠创新工作室', '\u202Eevil\u202C', 'e\u0301', '😀', "'; DROP TABLE city; --", '']) expect(textProblem(fine)).toBeNull();
    expect(textProblem('a\u0000')).toMatch(/NUL/);
    expect(textProblem('\ud83d')).toMatch(/surrogate/);
    expect(textProblem('\ude00x')).toMatch(/surrogate/);
  });

  it('refuses a search over 500 characters, longer than anything searched, and only a search', () => {
    expect(textProblem('工'.repeat(500), 'nameContains')).toBeNull();
    expect(textProblem('工'.repeat(501), 'textContains')).toBe('is 501 characters long; a search takes at most 500');
    expect(textProblem('x'.repeat(100_000), 'name')).toBeNull();
  });
});

describe('suggestions', () => {
  it('are cut from the end of graphql messages', () => {
    expect(withoutSuggestions('Cannot query field "cites" on type "Query". Did you mean "cities" or "city"?')).toBe('Cannot query field "cites" on type "Query".');
    expect(withoutSuggestions('Value "MODEL" does not exist in "InnovationStudioKind" enum. Did you mean the enum value "MODEL_WORKER"?')).toBe(
      'Value "MODEL" does not exist in "InnovationStudioKind" enum.',
    );
    expect(withoutSuggestions('Unknown argument "x" on field "Query.city".')).toBe('Unknown argument "x" on field "Query.city".');
  });
});

describe('every example query we publish', () => {
  const root = path.resolve(__dirname, '../../../..');
  const examples: Array<{ where: string; query: string; variables?: Record<string, unknown> }> = [
    ...EXAMPLE_QUERIES.map((e) => ({ where: `GraphiQL: ${e.title}`, query: e.query, variables: e.variables })),
    ...[...readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => ({ where: 'README', query: m[1] })),
    ...[...readFileSync(path.join(root, 'src/server/dashboard/dashboard.js'), 'utf8').matchAll(/`(query \w+[\s\S]*?)`/g)].map((m) => ({
      where: 'dashboard',
      query: m[1],
      variables: { from: '2016-01-01', to: '2025-12-31', after: null },
    })),
  ];

  it('are found (GraphiQL tabs, README blocks, the dashboard)', () => {
    expect(examples.filter((e) => e.where === 'README').length).toBeGreaterThanOrEqual(4);
    expect(examples.filter((e) => e.where === 'dashboard').length).toBe(7);
  });

  it.each(examples.map((e) => [e.where, e] as const))('keeps every limit: %s', (_where, example) => {
    const document = parse(example.query, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens });
    expect(shapeProblem(measureQueryShape(document), DEFAULT_QUERY_LIMITS)).toBeNull();
    for (const operation of document.definitions) {
      if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
      expect(operationCost(schema, document, operation, example.variables).cost).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost / 4);
    }
  });
});
