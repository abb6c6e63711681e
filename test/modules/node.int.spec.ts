import { gql, gqlError, nodeId } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { registryTypes } from '../../src/modules';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // No report names a competition's winners: one award, at a Wuhan Heavy Industry competition.
  await app.dataSource.query(`INSERT INTO competition_award (skill_competition_id, winner_name, province_code, city_code)
    SELECT min(id), '测试获奖者', '420000', '420100' FROM skill_competition`);
});
afterAll(() => app.close());

/** For every Node type: a list query giving one record, and a field that identifies it. */
const NODE_TYPES: [type: string, list: string, field: string][] = [
  ['Province', 'provinces(first: 1, orderBy: NAME_ASC)', 'name'],
  ['City', 'cities(first: 1, filter: { nameContains: "武汉" })', 'name'],
  ['District', 'districts(first: 1, filter: { cityCode: "320100" })', 'name'],
  ['Enterprise', 'enterprises(first: 1, filter: { isSample: false })', 'creditCode'],
  ['InnovationStudio', 'innovationStudios(first: 1, orderBy: ESTABLISHED_ON_DESC)', 'name'],
  ['CraftsmanAcademy', 'craftsmanAcademies(first: 1, filter: { isSample: false })', 'name'],
  ['Craftsman', 'craftsmen(first: 1, filter: { levels: [NATIONAL] })', 'name'],
  ['CollectiveInnovationContract', 'collectiveContracts(first: 1, filter: { isSample: false })', 'projectsPlanned'],
  ['Goal', 'goals(first: 1, orderBy: DEADLINE_ASC)', 'target'],
  ['ReportedFigure', 'reportedFigures(first: 1, filter: { cityCode: "320300" })', 'value'],
  ['SkillCompetition', 'skillCompetitions(first: 1, filter: { cityCode: "440600" })', 'name'],
  ['TrainingProgramme', 'trainingProgrammes(first: 1)', 'sessionsHeld'],
  ['GrassrootsOrganisation', 'grassrootsOrganisations(first: 1, filter: { kinds: [PARTY_BRANCH] })', 'name'],
  ['ReformAlliance', 'reformAlliances(first: 1)', 'memberEnterprises'],
  ['EnterpriseServiceRequest', 'enterpriseServiceRequests(first: 1)', 'subject'],
  ['ReformDemonstration', 'reformDemonstrations(first: 1)', 'level'],
  ['CompetitionAward', 'competitionAwards(first: 1)', 'winnerName'],
  ['Source', 'sources(first: 1)', 'title'],
];

it('lists every registry type (a new type must join NODE_TYPES)', () => {
  expect(NODE_TYPES.map(([type]) => type).sort()).toEqual(registryTypes().map((t) => t.typename).sort());
});

async function oneOf(type: string, list: string, field: string): Promise<{ id: string } & Record<string, unknown>> {
  const res = await gql(app, `{ list: ${list} { nodes { id ${field} } } }`);
  expect(res.list.nodes).toHaveLength(1);
  return res.list.nodes[0];
}

describe('node(id:)', () => {
  it.each(NODE_TYPES)('gives back the same %s as its list', async (type, list, field) => {
    const record = await oneOf(type, list, field);
    const res = await gql(app, `{ node(id: "${record.id}") { __typename id ... on ${type} { ${field} } } }`);
    expect(res.node).toEqual({ __typename: type, ...record });
  });

  it('returns null for a well-formed ID of a record that does not exist', async () => {
    // 329900 and 320199 are well-formed division codes GB/T 2260 does not list
    const res = await gql(app, `{ a: node(id: "${nodeId('InnovationStudio', 987654)}") { id } b: node(id: "${nodeId('City', '329900')}") { id }
      c: node(id: "${nodeId('Widget', 1)}") { id } d: node(id: "${nodeId('District', '320199')}") { id } }`);
    expect(res).toEqual({ a: null, b: null, c: null, d: null });
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['base64 of text without a type', Buffer.from('hello').toString('base64url')],
    ['an empty string', ''],
  ])('refuses a malformed ID (%s) with BAD_USER_INPUT', async (_label, id) => {
    const error = await gqlError(app, 'query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(error.message).toContain('is not an ID issued by this API');
  });

  it('answers each lookup in full when one request asks for the same record with different fields, and other types beside it', async () => {
    const studio = await oneOf('InnovationStudio', 'innovationStudios(first: 1, orderBy: ESTABLISHED_ON_DESC)', 'name kind establishedOn version createdAt enterprise { id name }');
    const enterprise = await oneOf('Enterprise', 'enterprises(first: 1, filter: { isSample: false })', 'creditCode name ownership');
    const res = await gql(app, `{
      a: node(id: "${studio.id}") { id ... on InnovationStudio { name } }
      b: node(id: "${studio.id}") { ... on InnovationStudio { kind establishedOn version createdAt enterprise { id name } } }
      c: nodes(ids: ["${enterprise.id}", "${studio.id}"]) { ... on Enterprise { creditCode name ownership } ... on RegistryRecord { version } }
    }`);
    expect(res.a).toEqual({ id: studio.id, name: studio.name });
    expect(res.b).toEqual({ kind: studio.kind, establishedOn: studio.establishedOn, version: studio.version, createdAt: studio.createdAt, enterprise: studio.enterprise });
    expect(res.c).toEqual([
      { creditCode: enterprise.creditCode, name: enterprise.name, ownership: enterprise.ownership, version: 1 },
      { version: studio.version },
    ]);
  });

  it('answers one document asked again and again for records of different types, each with its own fields', async () => {
    // The planner keeps what a document's lookup reads per type (src/registry/fold-planner.ts, planOnce): a
    // studio's columns must not be read for an enterprise asked by the same document next.
    const studio = await oneOf('InnovationStudio', 'innovationStudios(first: 1, orderBy: ESTABLISHED_ON_DESC)', 'name kind');
    const enterprise = await oneOf('Enterprise', 'enterprises(first: 1, filter: { isSample: false })', 'creditCode ownership');
    const query = 'query ($id: ID!) { node(id: $id) { id ... on InnovationStudio { name kind } ... on Enterprise { creditCode ownership } } }';
    for (let round = 0; round < 2; round += 1) {
      expect((await gql(app, query, { id: studio.id })).node).toEqual(studio);
      expect((await gql(app, query, { id: enterprise.id })).node).toEqual(enterprise);
    }
  });

  it('lets a client follow a relation from a node: a studio to its enterprise and city', async () => {
    const studio = await oneOf('InnovationStudio', 'innovationStudios(first: 1, filter: { provinceCode: "420000" })', 'name');
    const res = await gql(app, `{ node(id: "${studio.id}") { ... on InnovationStudio { enterprise { id } city { name } } } }`);
    const enterprise = await gql(app, `{ node(id: "${res.node.enterprise.id}") { ... on Enterprise { name innovationStudios(first: 100) { nodes { id } } } } }`);
    expect(res.node.city).toEqual({ name: '武汉' });
    expect(enterprise.node.name).toBe('武汉重工铸锻有限责任公司');
    expect(enterprise.node.innovationStudios.nodes).toContainEqual({ id: studio.id });
  });

  it('answers enterprise null for a studio the report names no enterprise of, and follows a district to its city', async () => {
    const studio = await oneOf('InnovationStudio', 'innovationStudios(first: 1, filter: { cityCode: "320100" })', 'name');
    const district = await oneOf('District', 'districts(first: 1, filter: { cityCode: "320100" })', 'code');
    const res = await gql(app, `{ s: node(id: "${studio.id}") { ... on InnovationStudio { enterprise { id } city { name } } }
      d: node(id: "${district.id}") { ... on District { name city { id name } } } }`);
    expect(res.s).toEqual({ enterprise: null, city: { name: '南京' } });
    expect(res.d).toEqual({ name: '玄武区', city: { id: nodeId('City', '320100'), name: '南京' } });
  });
});

describe('nodes(ids:)', () => {
  it('returns the records in the order asked, with null for unknown ones', async () => {
    const records = await Promise.all(NODE_TYPES.map(([type, list, field]) => oneOf(type, list, field)));
    const source = records[records.length - 1];
    const others = records.slice(0, -1).reverse().map((r) => r.id);
    const missing = nodeId('Goal', 424242);
    const asked = [source.id, missing, ...others, source.id];
    const res = await gql(app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: asked });
    expect(res.nodes.map((n: any) => n?.id ?? null)).toEqual([source.id, null, ...others, source.id]);
    expect(res.nodes.map((n: any) => n?.__typename ?? null)).toEqual(['Source', null, ...NODE_TYPES.slice(0, -1).reverse().map(([type]) => type), 'Source']);
  });

  it('gives an empty list for no IDs and accepts 100 IDs', async () => {
    expect((await gql(app, '{ nodes(ids: []) { id } }')).nodes).toEqual([]);
    const studios = await gql(app, '{ innovationStudios(first: 100) { nodes { id } } }');
    const ids = studios.innovationStudios.nodes.map((n: any) => n.id);
    const res = await gql(app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(res.nodes.map((n: any) => n.id)).toEqual(ids);
  });

  it('refuses more than 100 IDs', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => nodeId('InnovationStudio', i + 1));
    const error = await gqlError(app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
    expect(error.message).toContain('at most 100');
  });

  it('refuses a malformed ID among them, naming its position', async () => {
    const error = await gqlError(app, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [nodeId('Source', 1), 'garbage!'] });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids[1]' });
  });
});
