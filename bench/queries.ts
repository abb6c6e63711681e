/**
 * The six queries of the benchmark, each written for the API (a body the raw, lean and Apollo floor servers take too)
 * and for PostGraphile, and a canonical form of each answer so that one run can check that all return the same data.
 *
 * The API, the raw baseline, the lean server and the Apollo floor receive the same request body (the raw server dispatches on
 * operationName and returns the API's JSON shape); PostGraphile gets its own document in its own
 * naming (amber preset: `rowId`, `allEnterprises`, `…ByEnterpriseId`). Parameters that depend on the
 * data (ids, cursors) are looked up once per run (resolveParameters).
 */
import { encodeCursor } from '../src/graphql/relay/cursor';
import { toGlobalId } from '../src/graphql/relay/global-id';
import { ownerQuery } from './database';

export type System = 'api' | 'raw' | 'lean' | 'apollo' | 'postgraphile';
export const SYSTEMS: readonly System[] = ['api', 'raw', 'lean', 'apollo', 'postgraphile'];

export interface GraphQLBody {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface BenchQuery {
  id: number;
  title: string;
  /** The body the API and the raw baseline receive. */
  api: GraphQLBody;
  /** PostGraphile's document, or why it cannot ask this question. */
  postgraphile: GraphQLBody | { skip: string };
  /** The answer reduced to ids, counts and key values, the same for every system that is right. */
  canonical: Record<System, (data: any) => unknown>;
}

/** Data-dependent parameters: mid-table records for node(id:), the record 90% through enterprises. */
export interface Parameters {
  studioId: number;
  enterpriseId: number;
  contractId: number;
  deepAfterId: number;
  /** PostGraphile's global ids and cursor for the same records (from PostGraphile itself). */
  postgraphile: { studio: string; enterprise: string; contract: string; deepAfter: string } | null;
}

const PROVINCE = '320000';
// Suzhou: the largest synthetic city. (Nanjing's first studios are the published samples, whose host enterprises the
// reports do not name, so they would not exercise the enterprise relation.)
const Q2_CITY = '320500';
const Q3_CITY = '320500'; // Suzhou
const Q3_OWNERSHIP = 'PRIVATE';
const PAGE = 100;
const CONTRACTS_PER_ENTERPRISE = 5;

/** The row id inside one of the API's global ids (base64url of `Type:key`). */
const rowIdOf = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

/** Row ids at a share of a table's length, in id order. */
async function idAt(url: string, table: string, share: number): Promise<number> {
  const [{ id }] = await ownerQuery<{ id: number }>(
    url, `SELECT id FROM ${table} WHERE archived_at IS NULL ORDER BY id OFFSET (SELECT floor(count(*) * $1::numeric)::int FROM ${table} WHERE archived_at IS NULL) LIMIT 1`, [share]);
  return id;
}

export async function resolveParameters(url: string, postgraphileUrl: string | null): Promise<Parameters> {
  const p: Parameters = {
    studioId: await idAt(url, 'innovation_studio', 0.5),
    enterpriseId: await idAt(url, 'enterprise', 0.5),
    contractId: await idAt(url, 'collective_innovation_contract', 0.5),
    deepAfterId: await idAt(url, 'enterprise', 0.9),
    postgraphile: null,
  };
  if (postgraphileUrl) {
    const res = await fetch(postgraphileUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query Ids($s: Int!, $e: Int!, $c: Int!, $d: Int!) {
          s: innovationStudioByRowId(rowId: $s) { id } e: enterpriseByRowId(rowId: $e) { id }
          c: collectiveInnovationContractByRowId(rowId: $c) { id }
          d: allEnterprises(first: 1, condition: { rowId: $d }, orderBy: PRIMARY_KEY_ASC) { edges { cursor } } }`,
        variables: { s: p.studioId, e: p.enterpriseId, c: p.contractId, d: p.deepAfterId },
      }),
    });
    const body = (await res.json()) as any;
    if (body.errors) throw new Error(`PostGraphile ids: ${JSON.stringify(body.errors)}`);
    p.postgraphile = { studio: body.data.s.id, enterprise: body.data.e.id, contract: body.data.c.id, deepAfter: body.data.d.edges[0].cursor };
  }
  return p;
}

/** The API, the raw floor, the lean server and the Apollo floor answer the same body in the same shape. */
const same = <T>(f: (data: any) => T) => ({ api: f, raw: f, lean: f, apollo: f });

export function benchQueries(p: Parameters): BenchQuery[] {
  const pg = p.postgraphile;
  return [
    {
      id: 1,
      title: 'goal progress, every city',
      api: {
        operationName: 'Q1',
        query: `query Q1($province: DivisionCode!) { goalRanking(metric: INNOVATION_STUDIOS, provinceCode: $province) {
          rank city { code name } goal { target deadline } progress { current ratio remaining trendLast12Months } } }`,
        variables: { province: PROVINCE },
      },
      postgraphile: { skip: 'no goal progress: it needs counts in a goal\'s scope, a 12-month trend and ratio arithmetic (a custom SQL function or plugin; amber has none)' },
      canonical: {
        ...same((d) => d.goalRanking.map((r: any) => [r.rank, r.city.code, r.goal.target, r.progress.current, r.progress.trendLast12Months, r.progress.ratio])),
        postgraphile: () => null,
      },
    },
    {
      id: 2,
      title: 'one city, 100 studios + enterprise',
      api: {
        operationName: 'Q2',
        query: `query Q2($city: DivisionCode!) { city(code: $city) { code name innovationStudios(first: ${PAGE}) {
          nodes { id name kind establishedOn enterprise { id name creditCode } } } } }`,
        variables: { city: Q2_CITY },
      },
      postgraphile: {
        operationName: 'Q2',
        query: `query Q2($city: String!) { cityByCode(code: $city) { code name
          innovationStudiosByCityCodeAndProvinceCode(first: ${PAGE}, orderBy: PRIMARY_KEY_ASC) {
          nodes { rowId name kind establishedOn enterpriseByEnterpriseId { rowId name creditCode } } } } }`,
        variables: { city: Q2_CITY },
      },
      canonical: {
        ...same((d) => [d.city.code, d.city.name, d.city.innovationStudios.nodes.map((s: any) =>
          [rowIdOf(s.id), s.name, s.kind, s.establishedOn, rowIdOf(s.enterprise.id), s.enterprise.creditCode])]),
        postgraphile: (d) => [d.cityByCode.code, d.cityByCode.name, d.cityByCode.innovationStudiosByCityCodeAndProvinceCode.nodes.map((s: any) =>
          [s.rowId, s.name, s.kind, s.establishedOn, s.enterpriseByEnterpriseId.rowId, s.enterpriseByEnterpriseId.creditCode])],
      },
    },
    {
      id: 3,
      title: '100 enterprises (city, ownership) + contracts + studio count',
      api: {
        operationName: 'Q3',
        query: `query Q3($city: DivisionCode!, $ownership: Ownership!) {
          enterprises(first: ${PAGE}, filter: { cityCode: $city, ownerships: [$ownership] }) { nodes { id creditCode name
            collectiveContracts(first: ${CONTRACTS_PER_ENTERPRISE}) { nodes { id signedOn workersCovered } }
            innovationStudios { totalCount } } } }`,
        variables: { city: Q3_CITY, ownership: Q3_OWNERSHIP },
      },
      postgraphile: {
        operationName: 'Q3',
        query: `query Q3($city: String!, $ownership: String!) {
          allEnterprises(first: ${PAGE}, condition: { cityCode: $city, ownership: $ownership }, orderBy: PRIMARY_KEY_ASC) { nodes { rowId creditCode name
            collectiveInnovationContractsByEnterpriseId(first: ${CONTRACTS_PER_ENTERPRISE}, orderBy: PRIMARY_KEY_ASC) { nodes { rowId signedOn workersCovered } }
            innovationStudiosByEnterpriseId { totalCount } } } }`,
        variables: { city: Q3_CITY, ownership: Q3_OWNERSHIP },
      },
      canonical: {
        ...same((d) => d.enterprises.nodes.map((e: any) => [rowIdOf(e.id), e.creditCode,
          e.collectiveContracts.nodes.map((c: any) => [rowIdOf(c.id), c.signedOn, c.workersCovered]), e.innovationStudios.totalCount])),
        postgraphile: (d) => d.allEnterprises.nodes.map((e: any) => [e.rowId, e.creditCode,
          e.collectiveInnovationContractsByEnterpriseId.nodes.map((c: any) => [c.rowId, c.signedOn, c.workersCovered]), e.innovationStudiosByEnterpriseId.totalCount]),
      },
    },
    {
      id: 4,
      title: 'studio counts by city and kind',
      api: {
        operationName: 'Q4',
        query: `query Q4($province: DivisionCode!) { innovationStudioStats(groupBy: [CITY, KIND], filter: { provinceCode: $province }) { cityCode kind count } }`,
        variables: { province: PROVINCE },
      },
      postgraphile: { skip: 'no GROUP BY in amber (needs @graphile/pg-aggregates); 52 aliased totalCounts would need an index on kind that the API does not use' },
      canonical: {
        ...same((d) => d.innovationStudioStats.map((g: any) => [g.cityCode, g.kind, g.count]).sort((a: any, b: any) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`))),
        postgraphile: () => null,
      },
    },
    {
      id: 5,
      title: 'node(id:) × 3 (studio, enterprise, contract)',
      api: {
        operationName: 'Q5',
        query: `query Q5($s: ID!, $e: ID!, $c: ID!) {
          s: node(id: $s) { id ... on InnovationStudio { name kind establishedOn } }
          e: node(id: $e) { id ... on Enterprise { name creditCode ownership } }
          c: node(id: $c) { id ... on CollectiveInnovationContract { signedOn workersCovered } } }`,
        variables: {
          s: toGlobalId('InnovationStudio', p.studioId), e: toGlobalId('Enterprise', p.enterpriseId), c: toGlobalId('CollectiveInnovationContract', p.contractId),
        },
      },
      postgraphile: pg ? {
        operationName: 'Q5',
        query: `query Q5($s: ID!, $e: ID!, $c: ID!) {
          s: node(id: $s) { id ... on InnovationStudio { rowId name kind establishedOn } }
          e: node(id: $e) { id ... on Enterprise { rowId name creditCode ownership } }
          c: node(id: $c) { id ... on CollectiveInnovationContract { rowId signedOn workersCovered } } }`,
        variables: { s: pg.studio, e: pg.enterprise, c: pg.contract },
      } : { skip: 'not started' },
      canonical: {
        ...same((d) => [[rowIdOf(d.s.id), d.s.name, d.s.kind], [rowIdOf(d.e.id), d.e.creditCode, d.e.ownership], [rowIdOf(d.c.id), d.c.signedOn, d.c.workersCovered]]),
        postgraphile: (d) => [[d.s.rowId, d.s.name, d.s.kind], [d.e.rowId, d.e.creditCode, d.e.ownership], [d.c.rowId, d.c.signedOn, d.c.workersCovered]],
      },
    },
    {
      id: 6,
      title: 'deep page: 100 enterprises after a cursor 90% through',
      api: {
        operationName: 'Q6',
        query: `query Q6($after: String!) { enterprises(first: ${PAGE}, after: $after) { nodes { id creditCode name } pageInfo { hasNextPage endCursor } } }`,
        variables: { after: encodeCursor({ order: 'ID_ASC', value: p.deepAfterId, id: p.deepAfterId }) },
      },
      postgraphile: pg ? {
        operationName: 'Q6',
        query: `query Q6($after: Cursor!) { allEnterprises(first: ${PAGE}, after: $after, orderBy: PRIMARY_KEY_ASC) { nodes { rowId creditCode name } pageInfo { hasNextPage endCursor } } }`,
        variables: { after: pg.deepAfter },
      } : { skip: 'not started' },
      canonical: {
        ...same((d) => [d.enterprises.nodes.map((e: any) => [rowIdOf(e.id), e.creditCode]), d.enterprises.pageInfo.hasNextPage]),
        postgraphile: (d) => [d.allEnterprises.nodes.map((e: any) => [e.rowId, e.creditCode]), d.allEnterprises.pageInfo.hasNextPage],
      },
    },
  ];
}
