/**
 * Every relation of every registry type, generated from the schema and the declarations
 * (src/registry/relations.ts): fetched with its parent's statement (a root list folds it) it answers
 * exactly as its own resolver does (reached through `nodes(ids:)`, batched by DataLoader), and the
 * folded list runs one statement whatever it selects. A new type's relations are covered without
 * touching this file.
 */
import 'reflect-metadata';
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { foldedFields } from '../../src/registry/fold-planner';
import { buildRegistrySchema } from '../../src/modules/schema';
import { registryTypes } from '../../src/modules';
import { testEnterpriseFamilies } from '../setup/fixtures';
import { startTestApp, type TestApp } from '../setup/test-app';

const NANJING = '320100';
const JIANGSU = '320000';
const XUANWU = '320102';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const query = (text: string, params?: unknown[]) => app.dataSource.query(text, params);
  // The published data names no enterprise in Nanjing: enterprises with studios, contracts and
  // craftsmen of their own, a studio led by one of them, all citing a source.
  const families = await testEnterpriseFamilies(query, NANJING, 6, (i) => ({ studios: [2, 0, 1][i % 3], contracts: i % 2, craftsmen: 1 + (i % 2) }));
  await query(`UPDATE innovation_studio s SET lead_craftsman_id = (SELECT min(c.id) FROM craftsman c WHERE c.enterprise_id = s.enterprise_id)
    WHERE s.enterprise_id = ANY($1)`, [families.map((f) => f.id)]);
  for (const table of ['enterprise', 'innovation_studio', 'collective_innovation_contract', 'craftsman']) {
    await query(`UPDATE ${table} SET source_id = (SELECT min(id) FROM source) WHERE source_id IS NULL AND city_code = $1`, [NANJING]);
  }
  // The published data places no academy, figure or goal in a district: one of each in 玄武区.
  await query(`INSERT INTO craftsman_academy (name, level, host_institution, established_on, province_code, city_code, district_code)
    VALUES ('测试区级工匠学院', 'DISTRICT', '测试单位', '2024-05-01', $1, $2, $3)`, [JIANGSU, NANJING, XUANWU]);
  await query(`INSERT INTO reported_figure (province_code, city_code, district_code, metric, value, unit, qualifier, kind, as_of, source_id)
    SELECT $1, $2, $3, 'INNOVATION_STUDIOS', 40, 'ORGANISATIONS', 'AT_LEAST', 'ACHIEVEMENT', '2025-06-30', min(id) FROM source`, [JIANGSU, NANJING, XUANWU]);
  // The reform's activities (issue 18): the published data places none in Nanjing; one of each in 玄武区, under
  // the test enterprises where the type lies under one, the requests with the alliance, the programme with an academy.
  const place = `'${JIANGSU}', '${NANJING}', '${XUANWU}', (SELECT min(id) FROM source)`;
  const enterprise = `${families[0].id}`;
  await query(`INSERT INTO skill_competition (name, enterprise_id, province_code, city_code, district_code, source_id) VALUES ('测试竞赛', ${enterprise}, ${place})`);
  await query(`INSERT INTO training_programme (name, craftsman_academy_id, province_code, city_code, district_code, source_id)
    VALUES ('测试培训', (SELECT min(id) FROM craftsman_academy WHERE city_code = '${NANJING}'), ${place})`);
  await query(`INSERT INTO grassroots_organisation (name, kind, enterprise_id, province_code, city_code, district_code, source_id) VALUES ('测试工会', 'TRADE_UNION', ${enterprise}, ${place})`);
  await query(`INSERT INTO reform_alliance (name, province_code, city_code, district_code, source_id) VALUES ('测试联盟', ${place})`);
  await query(`INSERT INTO enterprise_service_request (subject, enterprise_id, reform_alliance_id, province_code, city_code, district_code, source_id)
    VALUES ('测试诉求', ${enterprise}, (SELECT max(id) FROM reform_alliance), ${place})`);
  await query(`INSERT INTO competition_award (skill_competition_id, winner_name, craftsman_id, province_code, city_code, district_code, source_id)
    VALUES ((SELECT max(id) FROM skill_competition), '测试获奖者', (SELECT min(id) FROM craftsman WHERE enterprise_id = ${enterprise}), ${place})`);
  await query(`INSERT INTO reform_demonstration (name, enterprise_id, province_code, city_code, district_code, source_id) VALUES ('测试示范', ${enterprise}, ${place})`);
  await query(`INSERT INTO goal (province_code, city_code, district_code, metric, target, target_qualifier, deadline, description, source_id)
    SELECT $1, $2, $3, 'INNOVATION_STUDIOS', 60, 'ABOUT', '2027-12-31', '测试目标', min(id) FROM source`, [JIANGSU, NANJING, XUANWU]);
});
afterAll(() => app.close());

const schema = buildRegistrySchema();
const registry = new Set(registryTypes().map((t) => t.typename));

/** The registry type a field leads to, and whether through a connection. */
function target(type: GraphQLObjectType, field: string): { typename: string; connection: boolean } | null {
  const name = getNamedType(type.getFields()[field].type).name;
  if (registry.has(name)) return { typename: name, connection: false };
  const row = name.replace(/Connection$/, '');
  return name.endsWith('Connection') && registry.has(row) ? { typename: row, connection: true } : null;
}

/** The Query field that lists a type (its connection), with the filter that reaches Nanjing's test records. */
function rootList(typename: string): { field: string; args: string } | null {
  const query = schema.getQueryType()!.getFields();
  const field = Object.values(query).find((f) => getNamedType(f.type).name === `${typename}Connection`);
  if (!field) return null;
  const filterType = getNamedType(field.args.find((a) => a.name === 'filter')?.type ?? schema.getQueryType()!);
  const filters = filterType && 'getFields' in filterType && !isObjectType(filterType) ? (filterType.getFields() as Record<string, unknown>) : {};
  const filter = 'cityCode' in filters ? `filter: { cityCode: "${NANJING}" }, ` : 'provinceCode' in filters ? `filter: { provinceCode: "${JIANGSU}" }, ` : '';
  // The newest: the test records, not the published samples before them.
  return { field: field.name, args: `(${filter}last: 40)` };
}

const cases = registryTypes().flatMap((t) => {
  const type = schema.getType(t.typename) as GraphQLObjectType;
  return [...foldedFields(t.typename)].map((field) => ({ typename: t.typename, field, to: target(type, field)!, list: rootList(t.typename) }));
});

it('covers every relation between registry types, and every registry type with a root list', () => {
  expect(cases.length).toBeGreaterThan(40);
  expect(cases.filter((c) => !c.to || !c.list).map((c) => `${c.typename}.${c.field}`)).toEqual([]);
});

describe.each(cases.map((c) => [`${c.typename}.${c.field}`, c] as const))('%s', (_, { typename, field, to, list }) => {
  const inner = to.connection ? `(first: 3) { totalCount nodes { id } pageInfo { hasNextPage endCursor } }` : ' { id }';
  const selection = `id ${field}${inner}`;

  it('answers folded (one statement for the whole list) exactly as its own resolver does', async () => {
    const folded = await app.graphql(`{ ${list!.field}${list!.args} { nodes { ${selection} } } }`);
    expect(folded.errors).toBeUndefined();
    expect(folded.extensions.sqlStatements).toBe(1);
    const rows: Array<Record<string, any>> = folded.data[list!.field].nodes;
    // The relation has something to compare on some row of the page.
    expect(rows.some((r) => (to.connection ? r[field].totalCount > 0 : r[field] !== null))).toBe(true);
    const unfolded = await app.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typename} { ${selection} } } }`, { ids: rows.map((r) => r.id) });
    expect(unfolded.errors).toBeUndefined();
    expect(unfolded.extensions.sqlStatements).toBeGreaterThan(1);
    expect(unfolded.data.nodes).toEqual(rows);
  });
});
