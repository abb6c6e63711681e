import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, nodeId, sqlNumber, sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const [JIANGSU, XUZHOU, FOSHAN] = ['320000', '320300', '440600'];
const FIGURE = 'metric value unit qualifier kind asOf subject scope { __typename ... on City { code name } ... on Province { code } } province { code } city { code } source { publisher publishedOn }';
const total = async (filter: string) => (await gql(app, `{ reportedFigures(filter: { ${filter} }) { totalCount } }`)).reportedFigures.totalCount;

describe('reportedFigures', () => {
  it('counts every published figure of the data set', async () => {
    expect(await total('')).toBe(PUBLISHED.reportedFigures);
  });

  it("gives Xuzhou's 1.32 million skilled and 373,300 highly skilled workers", async () => {
    const res = await gql(app, `{ reportedFigures(filter: { cityCode: "${XUZHOU}", metrics: [SKILLED_WORKERS, HIGHLY_SKILLED_WORKERS] }) { nodes { ${FIGURE} } } }`);
    const xuzhou = { __typename: 'City', code: XUZHOU, name: '徐州' };
    const source = { publisher: '新华日报', publishedOn: '2025-10-19' };
    expect(res.reportedFigures.nodes).toEqual([
      { metric: 'SKILLED_WORKERS', value: 1_320_000, unit: 'PERSONS', qualifier: 'EXACT', kind: 'ACHIEVEMENT', asOf: '2025-10-19', subject: null, scope: xuzhou, province: { code: JIANGSU }, city: { code: XUZHOU }, source },
      { metric: 'HIGHLY_SKILLED_WORKERS', value: 373_300, unit: 'PERSONS', qualifier: 'EXACT', kind: 'ACHIEVEMENT', asOf: '2025-10-19', subject: null, scope: xuzhou, province: { code: JIANGSU }, city: { code: XUZHOU }, source },
    ]);
  });

  it("gives Foshan's 1.288 million skilled and 451,000 highly skilled workers", async () => {
    const res = await gql(app, `{ city(code: "${FOSHAN}") { reportedFigures(filter: { metrics: [SKILLED_WORKERS, HIGHLY_SKILLED_WORKERS] }) { nodes { metric value unit scope { ... on City { name } } } } } }`);
    expect(res.city.reportedFigures.nodes).toEqual([
      { metric: 'SKILLED_WORKERS', value: 1_288_000, unit: 'PERSONS', scope: { name: '佛山' } },
      { metric: 'HIGHLY_SKILLED_WORKERS', value: 451_000, unit: 'PERSONS', scope: { name: '佛山' } },
    ]);
  });

  it("gives Jiangsu's contract figures for the whole province, with the province as scope, as each report qualifies them", async () => {
    const res = await gql(app, `{ reportedFigures(filter: { provinceCode: "${JIANGSU}", metrics: [ENTERPRISES_WITH_COLLECTIVE_CONTRACTS, WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS] }) {
      nodes { metric value qualifier city { code } scope { __typename ... on Province { code } } source { publishedOn } } } }`);
    const province = { __typename: 'Province', code: JIANGSU };
    // "over 20,800 enterprises", reported on 10-20 and on 09-29; "covering 2 million workers"
    expect(res.reportedFigures.nodes).toEqual([
      { metric: 'ENTERPRISES_WITH_COLLECTIVE_CONTRACTS', value: PUBLISHED.jiangsuContractEnterprises, qualifier: 'AT_LEAST', city: null, scope: province, source: { publishedOn: '2025-10-20' } },
      { metric: 'ENTERPRISES_WITH_COLLECTIVE_CONTRACTS', value: PUBLISHED.jiangsuContractEnterprises, qualifier: 'AT_LEAST', city: null, scope: province, source: { publishedOn: '2025-09-29' } },
      { metric: 'WORKERS_COVERED_BY_COLLECTIVE_CONTRACTS', value: PUBLISHED.jiangsuWorkersCovered, qualifier: 'EXACT', city: null, scope: province, source: { publishedOn: '2025-09-29' } },
    ]);
  });

  it("gives Nanjing's 598 innovation studios and Jiangsu's 11 national craftsmen as published counts", async () => {
    const res = await gql(app, `{ studios: reportedFigures(filter: { cityCode: "320100", metrics: [INNOVATION_STUDIOS] }) { nodes { value unit qualifier kind source { publisher } } }
      craftsmen: reportedFigures(filter: { provinceCode: "${JIANGSU}", metrics: [NATIONAL_CRAFTSMEN] }) { nodes { value city { code } source { publishedOn } } } }`);
    expect(res.studios.nodes).toEqual([{ value: PUBLISHED.nanjingStudios, unit: 'ORGANISATIONS', qualifier: 'EXACT', kind: 'ACHIEVEMENT', source: { publisher: '扬子晚报网' } }]);
    expect(res.craftsmen.nodes).toEqual([
      { value: PUBLISHED.nanjingNationalCraftsmen, city: { code: '320100' }, source: { publishedOn: '2025-10-22' } },
      { value: PUBLISHED.jiangsuNationalCraftsmen, city: null, source: { publishedOn: '2025-10-20' } },
      { value: PUBLISHED.jiangsuNationalCraftsmen, city: null, source: { publishedOn: '2025-10-19' } },
    ]);
  });

  it("filters by kind: Foshan's two plans for 2024 are PLAN, never achievements", async () => {
    const res = await gql(app, '{ plans: reportedFigures(filter: { kinds: [PLAN] }) { totalCount nodes { metric value qualifier kind city { code } } } achievements: reportedFigures(filter: { kinds: [ACHIEVEMENT] }) { totalCount } }');
    expect(res.plans).toEqual({
      totalCount: 2,
      nodes: [
        { metric: 'NEW_GRASSROOTS_TRADE_UNIONS', value: 266, qualifier: 'EXACT', kind: 'PLAN', city: { code: FOSHAN } },
        { metric: 'NEW_TRADE_UNION_MEMBERS', value: 20_000, qualifier: 'AT_LEAST', kind: 'PLAN', city: { code: FOSHAN } },
      ],
    });
    expect(res.achievements.totalCount).toBe(PUBLISHED.reportedFigures - 2);
    expect(res.achievements.totalCount).toBe(await sqlNumber(app, "SELECT count(*) FROM reported_figure WHERE kind = 'ACHIEVEMENT'"));
  });

  it('keeps the qualifier of figures the reports give as bounds ("over 97%")', async () => {
    const res = await gql(app, '{ reportedFigures(filter: { cityCode: "321100", metrics: [ISSUE_RESOLUTION_SATISFACTION, INDUSTRIAL_WORKERS] }) { nodes { metric value unit qualifier } } }');
    expect(res.reportedFigures.nodes).toEqual([
      { metric: 'INDUSTRIAL_WORKERS', value: 11_000, unit: 'PERSONS', qualifier: 'AT_LEAST' },
      { metric: 'ISSUE_RESOLUTION_SATISFACTION', value: 97, unit: 'PERCENT', qualifier: 'AT_LEAST' },
    ]);
  });

  it('keeps decimal values such as percentages', async () => {
    const res = await gql(app, `{ reportedFigures(filter: { cityCode: "${FOSHAN}", metrics: [HIGHLY_SKILLED_WORKER_SHARE] }) { nodes { value unit } } }`);
    expect(res.reportedFigures.nodes).toEqual([{ value: 35.02, unit: 'PERCENT' }]);
  });

  it("filters by province, including its cities' figures", async () => {
    expect(await total(`provinceCode: "${JIANGSU}"`)).toBe(await sqlNumber(app, 'SELECT count(*) FROM reported_figure WHERE province_code = $1', [JIANGSU]));
    expect(await total('provinceCode: "440000"')).toBe(await sqlNumber(app, "SELECT count(*) FROM reported_figure WHERE city_code = '440600'"));
  });

  it('filters by an as-of date range, bounds included', async () => {
    const [from, to] = ['2025-09-30', '2025-10-19'];
    expect(await total(`asOfFrom: "${from}", asOfTo: "${to}"`)).toBe(
      await sqlNumber(app, 'SELECT count(*) FROM reported_figure WHERE as_of BETWEEN $1 AND $2', [from, to]),
    );
  });

  it('returns empty results when nothing matches', async () => {
    const res = await gql(app, '{ a: reportedFigures(filter: { provinceCode: "610000" }) { totalCount nodes { id } } b: reportedFigures(filter: { asOfTo: "2020-01-01" }) { totalCount } }');
    expect(res).toEqual({ a: { totalCount: 0, nodes: [] }, b: { totalCount: 0 } });
  });

  it('orders by AS_OF_DESC (ties by id) and by id by default, as SQL does', async () => {
    const res = await gql(app, '{ byDate: reportedFigures(first: 100, orderBy: AS_OF_DESC) { nodes { id } } byId: reportedFigures(first: 100) { nodes { id } } }');
    const byDate = await sqlRows(app, 'SELECT id FROM reported_figure ORDER BY as_of DESC, id DESC');
    const byId = await sqlRows(app, 'SELECT id FROM reported_figure ORDER BY id');
    expect(res.byDate.nodes).toEqual(byDate.map((r) => ({ id: nodeId('ReportedFigure', r.id) })));
    expect(res.byId.nodes).toEqual(byId.map((r) => ({ id: nodeId('ReportedFigure', r.id) })));
  });

  it("lists a city's figures with their subject: the Zhenjiang new-materials park", async () => {
    const res = await gql(app, '{ city(code: "321100") { reportedFigures(first: 100) { totalCount nodes { subject } } } }');
    expect(res.city.reportedFigures.totalCount).toBe(await sqlNumber(app, "SELECT count(*) FROM reported_figure WHERE city_code = '321100'"));
    expect(new Set(res.city.reportedFigures.nodes.map((n: any) => n.subject))).toEqual(new Set(['镇江经开区新材料产业园']));
  });
});
