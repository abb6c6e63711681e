import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, keyed, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const NANJING = '320100';
const total = async (filter: string) => (await gql(app, `{ craftsmanAcademies(filter: { ${filter} }) { totalCount } }`)).craftsmanAcademies.totalCount;

describe('craftsmanAcademies', () => {
  it("counts Nanjing's 35 academies: 28 municipal and 7 district", async () => {
    expect(await total('')).toBe(PUBLISHED.craftsmanAcademies);
    expect(await total(`cityCode: "${NANJING}"`)).toBe(PUBLISHED.nanjingAcademies);
    expect(await total(`cityCode: "${NANJING}", levels: [MUNICIPAL]`)).toBe(PUBLISHED.nanjingMunicipalAcademies);
    expect(await total(`cityCode: "${NANJING}", levels: [DISTRICT]`)).toBe(PUBLISHED.nanjingDistrictAcademies);
    expect(await total('levels: [MUNICIPAL, DISTRICT]')).toBe(PUBLISHED.nanjingAcademies);
  });

  it('finds the 2 academies on the provincial support list, and the rest off it', async () => {
    expect(await total('onProvincialSupportList: true')).toBe(PUBLISHED.nanjingAcademiesOnProvincialSupportList);
    expect(await total('onProvincialSupportList: false')).toBe(PUBLISHED.nanjingAcademies - PUBLISHED.nanjingAcademiesOnProvincialSupportList);
  });

  it('finds the one academy the reports name, by its name or its host institution', async () => {
    const res = await gql(app, `{ byName: craftsmanAcademies(filter: { nameContains: "开放大学工匠" }) { nodes { name level hostInstitution isSample } }
      real: craftsmanAcademies(filter: { isSample: false }) { nodes { name } } }`);
    expect(res.byName.nodes).toEqual([{ name: '南京开放大学工匠学院', level: 'MUNICIPAL', hostInstitution: '南京开放大学', isSample: false }]);
    expect(res.real.nodes).toEqual([{ name: '南京开放大学工匠学院' }]);
    expect(await total('nameContains: "南京开放大学"')).toBe(1);
  });

  it('returns empty results: no provincial academies, none outside Nanjing, none for a literal %', async () => {
    expect(await total('levels: [PROVINCIAL]')).toBe(0);
    expect(await total('provinceCode: "420000"')).toBe(0);
    expect(await total('nameContains: "%"')).toBe(0);
  });

  it('orders by NAME_ASC as SQL does, and by id by default', async () => {
    const res = await gql(app, '{ byName: craftsmanAcademies(first: 100, orderBy: NAME_ASC) { nodes { name } } byId: craftsmanAcademies(first: 100) { nodes { name } } }');
    expect(res.byName.nodes).toEqual(await sqlRows(app, 'SELECT name FROM craftsman_academy ORDER BY name, id'));
    expect(res.byId.nodes).toEqual(await sqlRows(app, 'SELECT name FROM craftsman_academy ORDER BY id'));
  });

  it('each academy names its city, province and source', async () => {
    const res = await gql(app, '{ craftsmanAcademies(first: 100) { nodes { city { code } province { code } source { publisher } } } }');
    const sources = await sqlRows(app, 'SELECT s.publisher FROM craftsman_academy a JOIN source s ON s.id = a.source_id ORDER BY a.id');
    expect(res.craftsmanAcademies.nodes).toEqual(sources.map((s) => ({ city: { code: NANJING }, province: { code: '320000' }, source: { publisher: s.publisher } })));
  });
});

interface AcademyGroup { province: { code: string } | null; city: { code: string } | null; level: string | null; onProvincialSupportList: boolean | null; count: number }
const stats = async (groupBy: string, filter = '') =>
  (await gql<{ craftsmanAcademyStats: AcademyGroup[] }>(app, `{ craftsmanAcademyStats(groupBy: [${groupBy}]${filter ? `, filter: { ${filter} }` : ''}) {
    province { code } city { code } level onProvincialSupportList count } }`)).craftsmanAcademyStats;

describe('craftsmanAcademyStats', () => {
  it('grouped by LEVEL gives 28 municipal and 7 district academies', async () => {
    const rows = await stats('LEVEL');
    expect(rows.map((r) => [r.level, r.count]).sort()).toEqual([
      ['DISTRICT', PUBLISHED.nanjingDistrictAcademies],
      ['MUNICIPAL', PUBLISHED.nanjingMunicipalAcademies],
    ]);
    expect(rows.every((r) => r.city === null && r.province === null && r.onProvincialSupportList === null)).toBe(true);
  });

  it('grouped by [CITY, LEVEL, ON_PROVINCIAL_SUPPORT_LIST] equals SQL GROUP BY', async () => {
    const rows = await stats('CITY, LEVEL, ON_PROVINCIAL_SUPPORT_LIST');
    const sql = await sqlRows(app, 'SELECT city_code AS c, level, on_provincial_support_list AS s, count(*)::int AS n FROM craftsman_academy GROUP BY 1, 2, 3');
    expect(keyed(rows, (r) => [r.city?.code, r.level, r.onProvincialSupportList, r.count])).toEqual(keyed(sql, (r) => [r.c, r.level, r.s, r.n]));
  });

  it('grouped by PROVINCE names the province', async () => {
    expect(await stats('PROVINCE')).toEqual([{ province: { code: '320000' }, city: null, level: null, onProvincialSupportList: null, count: PUBLISHED.craftsmanAcademies }]);
  });

  it('with groupBy [] gives the single total row, filtered when asked', async () => {
    expect(await stats('')).toEqual([{ province: null, city: null, level: null, onProvincialSupportList: null, count: PUBLISHED.craftsmanAcademies }]);
    const supported = await stats('', 'onProvincialSupportList: true');
    expect(supported.map((r) => r.count)).toEqual([PUBLISHED.nanjingAcademiesOnProvincialSupportList]);
  });

  it('a repeated dimension is grouped once', async () => {
    expect(await stats('LEVEL, LEVEL')).toEqual(await stats('LEVEL'));
  });

  it('applies the filter before grouping', async () => {
    const rows = await stats('ON_PROVINCIAL_SUPPORT_LIST', 'levels: [MUNICIPAL]');
    const sql = await sqlRows(app, "SELECT on_provincial_support_list AS s, count(*)::int AS n FROM craftsman_academy WHERE level = 'MUNICIPAL' GROUP BY 1");
    expect(keyed(rows, (r) => [r.onProvincialSupportList, r.count])).toEqual(keyed(sql, (r) => [r.s, r.n]));
    expect(await sqlNumber(app, "SELECT count(*) FROM craftsman_academy WHERE level = 'MUNICIPAL'")).toBe(PUBLISHED.nanjingMunicipalAcademies);
  });
});
