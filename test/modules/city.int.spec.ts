import { PUBLISHED } from '../../seeds/published-data-set';
import { testEnterprises } from '../setup/fixtures';
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
  it('lists every city of GB/T 2260, by division code, page after page', async () => {
    const fields = 'code name nameEn fullName pinyin provinceCode';
    const listed: unknown[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const page: any = (await gql(app, `query ($after: String) { cities(first: 100, after: $after) { totalCount nodes { ${fields} } pageInfo { hasNextPage endCursor } } }`, { after })).cities;
      totalCount = page.totalCount;
      listed.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const rows = await sqlRows(app, 'SELECT code, name, name_en AS "nameEn", full_name AS "fullName", pinyin, province_code AS "provinceCode" FROM city ORDER BY code');
    expect(totalCount).toBe(342); // every prefecture-level division GB/T 2260 lists, as migration 24 loads them
    expect(listed).toEqual(rows);
  });

  it('filters by province code: the 13 cities of Jiangsu', async () => {
    const res = await gql(app, '{ cities(first: 100, filter: { provinceCode: "320000" }) { totalCount nodes { code } } }');
    const rows = await sqlRows(app, "SELECT code FROM city WHERE province_code = '320000' ORDER BY code");
    expect(res.cities.totalCount).toBe(13);
    expect(res.cities.nodes).toEqual(rows);
  });

  it("lists Shaanxi's 10 cities, though its report names none", async () => {
    const res = await gql(app, '{ cities(first: 100, filter: { provinceCode: "610000" }) { totalCount nodes { code name province { name } } } }');
    const rows = await sqlRows(app, "SELECT code, name FROM city WHERE province_code = '610000' ORDER BY code");
    expect(res.cities.totalCount).toBe(PUBLISHED.shaanxiCities);
    expect(res.cities.nodes).toEqual(rows.map((r) => ({ ...r, province: { name: '陕西' } })));
    expect(res.cities.nodes[0]).toEqual({ code: '610100', name: '西安', province: { name: '陕西' } });
  });

  it('searches English names and pinyin case-insensitively and orders by name with NAME_ASC', async () => {
    const res = await gql(app, '{ cities(first: 100, filter: { nameContains: "WU" }, orderBy: NAME_ASC) { nodes { code nameEn } } }');
    const rows = await sqlRows(app, `SELECT code, name_en AS "nameEn" FROM city WHERE name ILIKE '%wu%' OR name_en ILIKE '%wu%' OR pinyin ILIKE '%wu%' ORDER BY name COLLATE registry_name, code`);
    expect(rows.map((r) => r.nameEn)).toEqual(expect.arrayContaining(['Wuhan', 'Wuxi']));
    // 新疆维吾尔自治区直辖县级行政区划 matches by its pinyin alone (xin jiang wei wu er …)
    expect(rows.map((r) => r.code)).toContain('659000');
    expect(res.cities.nodes).toEqual(rows);
  });

  it('orders names by pinyin as a Chinese reader expects, not by code point, and pages through them exactly', async () => {
    const all = await gql(app, '{ cities(first: 100, filter: { provinceCode: "320000" }, orderBy: NAME_ASC) { nodes { name } } }');
    // By code point these would be 南京, 南通, 宿迁, 常州, 徐州 …; by pinyin (and tone: 苏 sū before 宿 sù):
    expect(all.cities.nodes.map((n: { name: string }) => n.name)).toEqual(['常州', '淮安', '连云港', '南京', '南通', '苏州', '宿迁', '泰州', '无锡', '徐州', '盐城', '扬州', '镇江']);
    const paged: string[] = [];
    for (let after: string | null = null; ; ) {
      const page: any = await gql(app, `query ($after: String) { cities(first: 4, after: $after, filter: { provinceCode: "320000" }, orderBy: NAME_ASC) { pageInfo { hasNextPage endCursor } nodes { name } } }`, { after });
      paged.push(...page.cities.nodes.map((n: { name: string }) => n.name));
      if (!page.cities.pageInfo.hasNextPage) break;
      after = page.cities.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.cities.nodes.map((n: { name: string }) => n.name));
  });

  it('finds a city that has no English name by its pinyin', async () => {
    const res = await gql(app, '{ cities(filter: { nameContains: "Yan Bian" }) { nodes { code name nameEn fullName pinyin province { code } } } }');
    expect(res.cities.nodes).toEqual([
      { code: '222400', name: '延边朝鲜族自治州', nameEn: null, fullName: '延边朝鲜族自治州', pinyin: 'yan bian chao xian zu zi zhi zhou', province: { code: '220000' } },
    ]);
  });

  it('returns an empty list for a province without cities (Taiwan: GB/T 2260 lists none)', async () => {
    const res = await gql(app, '{ cities(filter: { provinceCode: "710000" }) { totalCount nodes { code } } }');
    expect(res.cities).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('city(code:)', () => {
  it('returns the city with its province, full name and pinyin', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { code name nameEn fullName pinyin province { code name } } }`);
    expect(res.city).toEqual({ code: NANJING, name: '南京', nameEn: 'Nanjing', fullName: '南京市', pinyin: 'nan jing shi', province: { code: '320000', name: '江苏' } });
  });

  it("returns a city no report mentions (Xi'an), and null for a well-formed code that is no city, or that of a province", async () => {
    const res = await gql(app, '{ xian: city(code: "610100") { name fullName } none: city(code: "329900") { name } jiangsu: city(code: "320000") { name } }');
    expect(res).toEqual({ xian: { name: '西安', fullName: '西安市' }, none: null, jiangsu: null });
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

  it('include 3 national and 3 provincial demonstration studios: published figures, as the report does not say which studios they are', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { reportedFigures(filter: { metrics: [NATIONAL_DEMONSTRATION_STUDIOS, PROVINCIAL_DEMONSTRATION_STUDIOS] }) {
      nodes { metric value qualifier } } } }`);
    expect(res.city.reportedFigures.nodes).toEqual([
      { metric: 'NATIONAL_DEMONSTRATION_STUDIOS', value: PUBLISHED.nanjingNationalDemonstrationStudios, qualifier: 'EXACT' },
      { metric: 'PROVINCIAL_DEMONSTRATION_STUDIOS', value: PUBLISHED.nanjingProvincialDemonstrationStudios, qualifier: 'EXACT' },
    ]);
    // no studio record claims a level it is not known to have
    expect(await studios('demonstrationLevels: [NATIONAL, PROVINCIAL, MUNICIPAL, NONE]')).toBe(0);
  });

  it('each lie in Nanjing, with no enterprise where the report names none, and name their host once it is recorded', async () => {
    const QUERY = `{ city(code: "${NANJING}") { innovationStudios(first: 30) { nodes { name city { code } province { code } enterprise { creditCode city { code } } } } } }`;
    const rows = await sqlRows(app, `SELECT s.id, s.name, e.credit_code AS "creditCode" FROM innovation_studio s LEFT JOIN enterprise e ON e.id = s.enterprise_id
      WHERE s.city_code = $1 ORDER BY s.id LIMIT 30`, [NANJING]);
    const expected = () => rows.map((r) => ({
      name: r.name, city: { code: NANJING }, province: { code: '320000' }, enterprise: r.creditCode ? { creditCode: r.creditCode, city: { code: NANJING } } : null,
    }));
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.creditCode === null)).toBe(true);
    expect((await gql(app, QUERY)).city.innovationStudios.nodes).toEqual(expected());

    const [host] = await testEnterprises((t, p) => app.dataSource.query(t, p), NANJING);
    await app.dataSource.query('UPDATE innovation_studio SET enterprise_id = $1 WHERE id = $2', [host.id, rows[0].id]);
    rows[0].creditCode = host.credit_code;
    expect((await gql(app, QUERY)).city.innovationStudios.nodes).toEqual(expected());
  });
});

describe("Nanjing's districts", () => {
  it('are its 11 county-level districts, each with its city and province', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { districts(first: 100) { totalCount nodes { code name fullName pinyin cityCode city { code } province { code } } } } }`);
    const rows = await sqlRows(app, 'SELECT code, name, full_name AS "fullName", pinyin FROM district WHERE city_code = $1 ORDER BY code', [NANJING]);
    expect(res.city.districts.totalCount).toBe(PUBLISHED.nanjingDistricts);
    expect(res.city.districts.nodes).toEqual(rows.map((r) => ({ ...r, cityCode: NANJING, city: { code: NANJING }, province: { code: '320000' } })));
    expect(res.city.districts.nodes[0]).toMatchObject({ code: '320102', name: '玄武区', pinyin: 'xuan wu qu' });
  });

  it('list the records placed in them, which the city lists too', async () => {
    const [studio] = await sqlRows(app, 'SELECT id, name FROM innovation_studio WHERE city_code = $1 ORDER BY id DESC LIMIT 1', [NANJING]);
    const QUERY = `{ district(code: "320102") { name city { name } innovationStudios { totalCount nodes { name district { code } } } }
      city(code: "${NANJING}") { innovationStudios(filter: { districtCode: "320102" }) { totalCount } all: innovationStudios { totalCount } } }`;
    const before = await gql(app, QUERY);
    expect(before.district).toEqual({ name: '玄武区', city: { name: '南京' }, innovationStudios: { totalCount: 0, nodes: [] } });

    await app.dataSource.query("UPDATE innovation_studio SET district_code = '320102' WHERE id = $1", [studio.id]);
    const after = await gql(app, QUERY);
    expect(after.district.innovationStudios).toEqual({ totalCount: 1, nodes: [{ name: studio.name, district: { code: '320102' } }] });
    expect(after.city.innovationStudios.totalCount).toBe(1);
    expect(after.city.all.totalCount).toBe(PUBLISHED.nanjingStudios);
  });
});

describe("Nanjing's other registry lists", () => {
  it('has 35 craftsman academies: 28 municipal + 7 district; the 2 on the provincial support list are a published figure', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") {
      all: craftsmanAcademies { totalCount } municipal: craftsmanAcademies(filter: { levels: [MUNICIPAL] }) { totalCount }
      district: craftsmanAcademies(filter: { levels: [DISTRICT] }) { totalCount }
      supported: craftsmanAcademies(filter: { onProvincialSupportList: true }) { totalCount }
      notSupported: craftsmanAcademies(filter: { onProvincialSupportList: false }) { totalCount }
      figure: reportedFigures(filter: { metrics: [ACADEMIES_ON_PROVINCIAL_SUPPORT_LIST] }) { nodes { value } } } }`);
    expect(res.city).toEqual({
      all: { totalCount: PUBLISHED.nanjingAcademies },
      municipal: { totalCount: PUBLISHED.nanjingMunicipalAcademies },
      district: { totalCount: PUBLISHED.nanjingDistrictAcademies },
      // the report does not say which 2: no academy record is known to be on the list, nor off it
      supported: { totalCount: 0 },
      notSupported: { totalCount: 0 },
      figure: { nodes: [{ value: PUBLISHED.nanjingAcademiesOnProvincialSupportList }] },
    });
  });

  it('has 300 municipal craftsmen in training', async () => {
    const res = await gql(app, `{ city(code: "${NANJING}") { craftsmen(filter: { levels: [MUNICIPAL], statuses: [IN_TRAINING] }) { totalCount } } }`);
    expect(res.city.craftsmen.totalCount).toBe(PUBLISHED.nanjingCraftsmenInTraining);
  });

  it('lists the enterprises, contracts and figures of the city, as counted in SQL', async () => {
    // The reports name no enterprise in Nanjing and place no contract there; we enter some.
    const entered = await testEnterprises((t, p) => app.dataSource.query(t, p), NANJING, 3);
    await app.dataSource.query(
      `INSERT INTO collective_innovation_contract (enterprise_id, province_code, city_code, signed_on, term_months, workers_covered) VALUES ($1, '320000', $2, '2025-01-01', 36, 100)`,
      [entered[0].id, NANJING],
    );
    const res = await gql(app, `{ city(code: "${NANJING}") { enterprises(first: 100) { totalCount nodes { creditCode } } collectiveContracts { totalCount } reportedFigures { totalCount } } }`);
    const count = (table: string) => sqlNumber(app, `SELECT count(*) FROM ${table} WHERE city_code = $1`, [NANJING]);
    expect(res.city).toEqual({
      enterprises: { totalCount: await count('enterprise'), nodes: (await sqlRows(app, 'SELECT credit_code AS "creditCode" FROM enterprise WHERE city_code = $1 ORDER BY id', [NANJING])) },
      collectiveContracts: { totalCount: await count('collective_innovation_contract') },
      reportedFigures: { totalCount: await count('reported_figure') },
    });
    expect(res.city.enterprises.nodes).toEqual(expect.arrayContaining(entered.map((e) => ({ creditCode: e.credit_code }))));
    expect(res.city.collectiveContracts.totalCount).toBe(1);
    expect(res.city.reportedFigures.totalCount).toBe(18); // 10 figures of 南京日报 and 8 of 扬子晚报网
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
