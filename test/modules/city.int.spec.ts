import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, gqlError, post, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const NANJING = '320100';

describe('the Nanjing studio question', () => {
  it('answers the published query exactly as written', async () => {
    const res = await app.graphql(
      '{ city(code: "320100") { name innovationStudios { totalCount } goals(metric: INNOVATION_STUDIOS) { target deadline progress { current ratio } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      city: {
        name: '南京',
        innovationStudios: { totalCount: 598 },
        goals: [{ target: 1000, deadline: '2026-12-31', progress: { current: 598, ratio: 0.598 } }],
      },
    });
  });
});

describe('cities', () => {
  it('lists every city of the published data set, by division code', async () => {
    const res = await gql(app, '{ cities(first: 100) { totalCount nodes { code name nameEn provinceCode } } }');
    const rows = await sqlRows(app, 'SELECT code, name, name_en AS "nameEn", province_code AS "provinceCode" FROM city ORDER BY code');
    expect(res.cities.totalCount).toBe(PUBLISHED.cities);
    expect(res.cities.nodes).toEqual(rows);
  });

  it('filters by province code: the 13 cities of Jiangsu', async () => {
    const res = await gql(app, '{ cities(first: 100, filter: { provinceCode: "320000" }) { totalCount nodes { code } } }');
    const rows = await sqlRows(app, "SELECT code FROM city WHERE province_code = '320000' ORDER BY code");
    expect(res.cities.totalCount).toBe(13);
    expect(res.cities.nodes).toEqual(rows);
  });

  it('searches English names case-insensitively and orders by name with NAME_ASC', async () => {
    const res = await gql(app, '{ cities(filter: { nameContains: "wu" }, orderBy: NAME_ASC) { nodes { code nameEn } } }');
    const rows = await sqlRows(app, "SELECT code, name_en AS \"nameEn\" FROM city WHERE name ILIKE '%wu%' OR name_en ILIKE '%wu%' ORDER BY name, code");
    expect(rows.map((r) => r.nameEn).sort()).toEqual(['Wuhan', 'Wuxi']);
    expect(res.cities.nodes).toEqual(rows);
  });

  it('returns an empty list for a province without cities in the registry', async () => {
    const res = await gql(app, '{ cities(filter: { provinceCode: "610000" }) { totalCount nodes { code } } }');
    expect(res.cities).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('city(code:)', () => {
  it('returns the city with its province', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { code name nameEn province { code name } } }`);
    expect(res.city).toEqual({ code: NANJING, name: '南京', nameEn: 'Nanjing', province: { code: '320000', name: '江苏' } });
  });

  it('returns null for a well-formed code of a city not in the registry, or of a province', async () => {
    const res = await gql(app, '{ xian: city(code: "610100") { name } jiangsu: city(code: "320000") { name } }');
    expect(res).toEqual({ xian: null, jiangsu: null });
  });

  it('refuses an invalid division code with a message that says why (not a 500)', async () => {
    const literal = await post(app, '{ city(code: "0201000") { name } }');
    expect(literal.status).toBeLessThan(500);
    expect(literal.body.errors[0].message).toContain('is not a valid DivisionCode: expected six digits');

    const error = await gqlError(app, 'query ($code: DivisionCode!) { city(code: $code) { name } }', { code: '32010A' });
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain("'32010A' is not a valid DivisionCode");
  });
});

describe("Nanjing's innovation studios", () => {
  const studios = async (filter: string) =>
    (await gql(app, `{ city(code: "${NANJING}") { innovationStudios(filter: { ${filter} }) { totalCount } } }`)).city.innovationStudios.totalCount;

  it('are 598: 276 model-worker and 322 employee studios', async () => {
    expect(await studios('kinds: [MODEL_WORKER]')).toBe(PUBLISHED.nanjingModelWorkerStudios);
    expect(await studios('kinds: [EMPLOYEE]')).toBe(PUBLISHED.nanjingEmployeeStudios);
    expect(await studios('kinds: [MODEL_WORKER, EMPLOYEE]')).toBe(PUBLISHED.nanjingStudios);
  });

  it('include 3 national and 3 provincial demonstration studios', async () => {
    expect(await studios('demonstrationLevels: [NATIONAL]')).toBe(PUBLISHED.nanjingNationalDemonstrationStudios);
    expect(await studios('demonstrationLevels: [PROVINCIAL]')).toBe(PUBLISHED.nanjingProvincialDemonstrationStudios);
  });

  it('each lie in Nanjing and name the enterprise that hosts them', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { innovationStudios(first: 30) { nodes { name city { code } province { code } enterprise { creditCode city { code } } } } } }`);
    const rows = await sqlRows(app, `SELECT s.name, e.credit_code AS "creditCode" FROM innovation_studio s JOIN enterprise e ON e.id = s.enterprise_id
      WHERE s.city_code = $1 ORDER BY s.id LIMIT 30`, [NANJING]);
    expect(res.city.innovationStudios.nodes).toEqual(
      rows.map((r) => ({ name: r.name, city: { code: NANJING }, province: { code: '320000' }, enterprise: { creditCode: r.creditCode, city: { code: NANJING } } })),
    );
  });
});

describe("Nanjing's other registry lists", () => {
  it('has 35 craftsman academies: 28 municipal + 7 district, 2 on the provincial support list', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") {
      all: craftsmanAcademies { totalCount } municipal: craftsmanAcademies(filter: { levels: [MUNICIPAL] }) { totalCount }
      district: craftsmanAcademies(filter: { levels: [DISTRICT] }) { totalCount }
      supported: craftsmanAcademies(filter: { onProvincialSupportList: true }) { totalCount } } }`);
    expect(res.city).toEqual({
      all: { totalCount: PUBLISHED.nanjingAcademies },
      municipal: { totalCount: PUBLISHED.nanjingMunicipalAcademies },
      district: { totalCount: PUBLISHED.nanjingDistrictAcademies },
      supported: { totalCount: PUBLISHED.nanjingAcademiesOnProvincialSupportList },
    });
  });

  it('has 300 municipal craftsmen in training', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { craftsmen(filter: { levels: [MUNICIPAL], statuses: [IN_TRAINING] }) { totalCount } } }`);
    expect(res.city.craftsmen.totalCount).toBe(PUBLISHED.nanjingCraftsmenInTraining);
  });

  it('lists the enterprises, contracts and figures of the city, as counted in SQL', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { enterprises { totalCount } collectiveContracts { totalCount } reportedFigures { totalCount } } }`);
    const count = (table: string) => sqlNumber(app, `SELECT count(*) FROM ${table} WHERE city_code = $1`, [NANJING]);
    expect(res.city).toEqual({
      enterprises: { totalCount: await count('enterprise') },
      collectiveContracts: { totalCount: await count('collective_innovation_contract') },
      reportedFigures: { totalCount: await count('reported_figure') },
    });
    expect(res.city.enterprises.totalCount).toBe(PUBLISHED.nanjingStudioEnterprises);
  });

  it('has the three published Nanjing goals', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { goals { metric target deadline scope { ... on City { code } } } } }`);
    expect(res.city.goals).toEqual([
      { metric: 'INNOVATION_STUDIOS', target: PUBLISHED.nanjingStudioGoal, deadline: '2026-12-31', scope: { code: NANJING } },
      { metric: 'PROVINCIAL_CRAFTSMEN', target: PUBLISHED.nanjingProvincialCraftsmenGoal, deadline: '2035-12-31', scope: { code: NANJING } },
      { metric: 'MUNICIPAL_CRAFTSMEN', target: PUBLISHED.nanjingMunicipalCraftsmenGoal, deadline: '2035-12-31', scope: { code: NANJING } },
    ]);
  });

  it('gives a city with nothing registered empty lists and no goals', async () => {
    const res = await gql(app, '{ city(code: "321300") { innovationStudios { totalCount nodes { id } } craftsmen { totalCount } goals { target } } }');
    expect(res.city).toEqual({ innovationStudios: { totalCount: 0, nodes: [] }, craftsmen: { totalCount: 0 }, goals: [] });
  });
});
