import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, keyed, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

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

  it('does not know which 2 academies are on the provincial support list: the report gives only the count', async () => {
    const res = await gql(app, `{ craftsmanAcademies(first: 100) { nodes { onProvincialSupportList } }
      reportedFigures(filter: { cityCode: "${NANJING}", metrics: [ACADEMIES_ON_PROVINCIAL_SUPPORT_LIST] }) { nodes { value qualifier } } }`);
    expect(res.craftsmanAcademies.nodes).toEqual(Array(PUBLISHED.craftsmanAcademies).fill({ onProvincialSupportList: null }));
    expect(res.reportedFigures.nodes).toEqual([{ value: PUBLISHED.nanjingAcademiesOnProvincialSupportList, qualifier: 'EXACT' }]);
    // unknown is neither on the list nor off it
    expect(await total('onProvincialSupportList: true')).toBe(0);
    expect(await total('onProvincialSupportList: false')).toBe(0);
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
    expect(res.byName.nodes).toEqual(await sqlRows(app, 'SELECT name FROM craftsman_academy ORDER BY name COLLATE registry_name, id'));
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
    const municipal = await stats('', 'levels: [MUNICIPAL]');
    expect(municipal.map((r) => r.count)).toEqual([PUBLISHED.nanjingMunicipalAcademies]);
  });

  it('grouped by ON_PROVINCIAL_SUPPORT_LIST puts every academy in the group of unknown (null)', async () => {
    expect(await stats('ON_PROVINCIAL_SUPPORT_LIST')).toEqual([{ province: null, city: null, level: null, onProvincialSupportList: null, count: PUBLISHED.craftsmanAcademies }]);
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

/**
 * Once the registry is told which academies are on the provincial support list (here through the
 * API, by an admin: two on it, three off it), the filter and the grouping tell them apart from the
 * unknown rest. Last, as it changes records the tests above read.
 */
describe('academies whose place on the provincial support list is recorded', () => {
  const { UPDATE } = recordMutations('CraftsmanAcademy', 'craftsmanAcademy', 'id name onProvincialSupportList');
  let on: string[];
  beforeAll(async () => {
    const { key } = await app.createKey('ADMIN');
    const res = await gql(app, '{ craftsmanAcademies(first: 5, filter: { levels: [MUNICIPAL] }) { nodes { id version name } } }');
    const academies: Array<{ id: string; version: number; name: string }> = res.craftsmanAcademies.nodes;
    on = academies.slice(0, 2).map((a) => a.name);
    for (const [i, { id, version }] of academies.entries()) {
      // stored without the value, each can still be updated
      const updated = await app.graphqlAs(key, UPDATE, { input: { id, version, onProvincialSupportList: i < 2 } });
      expect(updated.errors).toBeUndefined();
      expect(updated.data.updateCraftsmanAcademy).toMatchObject({ craftsmanAcademy: { id, onProvincialSupportList: i < 2 }, userErrors: [] });
    }
  });

  it('finds the 2 on the list and the 3 known to be off it', async () => {
    const res = await gql(app, '{ craftsmanAcademies(filter: { onProvincialSupportList: true }) { nodes { name onProvincialSupportList } } }');
    expect(res.craftsmanAcademies.nodes).toEqual(on.map((name) => ({ name, onProvincialSupportList: true })));
    expect(on[0]).toBe('南京开放大学工匠学院');
    expect(await sqlNumber(app, 'SELECT count(*) FROM craftsman_academy WHERE on_provincial_support_list')).toBe(2);
    expect(await total('onProvincialSupportList: false')).toBe(3);
    expect(await total('onProvincialSupportList: false, levels: [DISTRICT]')).toBe(0);
  });

  it('groups them by ON_PROVINCIAL_SUPPORT_LIST: false, true, then unknown', async () => {
    const rows = await stats('ON_PROVINCIAL_SUPPORT_LIST');
    expect(rows.map((r) => [r.onProvincialSupportList, r.count])).toEqual([[false, 3], [true, 2], [null, PUBLISHED.craftsmanAcademies - 5]]);
    const sql = await sqlRows(app, 'SELECT on_provincial_support_list AS s, count(*)::int AS n FROM craftsman_academy GROUP BY 1');
    expect(keyed(rows, (r) => [r.onProvincialSupportList, r.count])).toEqual(keyed(sql, (r) => [r.s, r.n]));
    const supported = await stats('', 'onProvincialSupportList: true');
    expect(supported.map((r) => r.count)).toEqual([PUBLISHED.nanjingAcademiesOnProvincialSupportList]);
  });
});
