/**
 * Time series (`<type>Series`) on hand-made records with known answers. The records lie in Zhejiang
 * (浙江, 330000), a province the published data set has nothing in, so that it adds nothing to the
 * counts: Hangzhou and Ningbo get records, Wenzhou and Zhejiang's eight other cities none, some of
 * Hangzhou's records lie in a district, and some records have no city. Every expected count below is
 * worked out by hand from the dates inserted.
 */
import { syntheticCreditCode } from '../../src/common/credit-code';
import { PUBLISHED } from '../../seeds/published-data-set';
import { gql, gqlError, sqlNumber, sqlRows, todayInShanghai } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';
import { recordMutations } from '../setup/writes';

const [ZHEJIANG, HANGZHOU, NINGBO, WENZHOU] = ['330000', '330100', '330200', '330300'];
/** Zhejiang's other cities (GB/T 2260), where nothing is entered. */
const OTHER_CITIES: Array<[code: string, name: string]> = [
  ['330400', '嘉兴'], ['330500', '湖州'], ['330600', '绍兴'], ['330700', '金华'], ['330800', '衢州'], ['330900', '舟山'], ['331000', '台州'], ['331100', '丽水'],
];
/** Two of Hangzhou's districts. */
const [SHANGCHENG, XIHU] = ['330102', '330106'];

let app: TestApp;
const insert = async (text: string, params: unknown[] = []): Promise<number> => (await app.dataSource.query(text, params))[0]?.id;

async function enterprise(serial: number, city: string | null, establishedOn: string | null, createdAt: string): Promise<number> {
  return insert(
    `INSERT INTO enterprise (credit_code, name, ownership, province_code, city_code, established_on, created_at, updated_at) VALUES ($1, $2, 'PRIVATE', $3, $4, $5, $6, $6) RETURNING id`,
    [syntheticCreditCode(city ?? ZHEJIANG, serial), `浙江测试企业${serial}`, ZHEJIANG, city, establishedOn, createdAt],
  );
}

/** Studios: [city, established_on, kind, archived, district]. */
const STUDIOS: Array<[string | null, string | null, string, boolean?, string?]> = [
  [HANGZHOU, '2023-11-15', 'MODEL_WORKER', false, SHANGCHENG], // before the monthly series starts: only in cumulatives
  [HANGZHOU, '2024-01-10', 'EMPLOYEE', false, XIHU],
  [HANGZHOU, '2024-01-31', 'MODEL_WORKER'],
  [HANGZHOU, '2024-03-01', 'MODEL_WORKER', false, XIHU],
  [HANGZHOU, '2025-02-02', 'MODEL_WORKER'], // after it
  [HANGZHOU, null, 'MODEL_WORKER', false, XIHU],
  [HANGZHOU, '2024-01-05', 'EMPLOYEE', true, XIHU], // archived: left out unless asked for
  [NINGBO, '2024-02-29', 'EMPLOYEE'],
  [NINGBO, null, 'MODEL_WORKER'],
  [NINGBO, null, 'MODEL_WORKER'],
  [null, '2024-03-15', 'MODEL_WORKER'], // no city
];

beforeAll(async () => {
  app = await startTestApp();
  // Zhejiang and its cities are reference data (GB/T 2260), already there.
  // Enterprises are dated by their founding day (成立日期), not by when they were entered in the
  // registry: Ningbo's was entered on 31 May (China time) and the no-city one on 1 June, but both were
  // founded in June; one more has no known founding day.
  const hosts: Record<string, number> = {
    [HANGZHOU]: await enterprise(1, HANGZHOU, '2019-03-01', '2020-01-01T00:00:00Z'),
    [NINGBO]: await enterprise(2, NINGBO, '2024-06-15', '2024-05-31T15:59:59Z'),
    none: await enterprise(3, null, '2024-06-01', '2024-05-31T16:00:00Z'),
  };
  await enterprise(4, HANGZHOU, null, '2024-05-15T00:00:00Z');
  for (const [i, [city, on, kind, archived, district]] of STUDIOS.entries()) {
    await app.dataSource.query(
      `INSERT INTO innovation_studio (name, kind, enterprise_id, province_code, city_code, district_code, established_on, archived_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [`测试工作室${i}`, kind, hosts[city ?? 'none'], ZHEJIANG, city, district ?? null, on, archived ? new Date() : null],
    );
  }
  // Craftsmen: recognised on a day; known only by year (dated 31 December); neither (undated).
  for (const [i, [recognizedOn, year]] of ([['2024-03-10', 2024], [null, 2024], [null, 2023], [null, null]] as const).entries()) {
    await app.dataSource.query(
      `INSERT INTO craftsman (name, level, status, year, recognized_on, province_code, city_code) VALUES ($1, 'MUNICIPAL', 'CERTIFIED', $2, $3, $4, $5)`,
      [`测试工匠${i}`, year, recognizedOn, ZHEJIANG, HANGZHOU],
    );
  }
  for (const [i, on] of ['2022-06-30', '2024-07-01', null].entries()) {
    await app.dataSource.query(`INSERT INTO craftsman_academy (name, level, established_on, province_code, city_code) VALUES ($1, 'MUNICIPAL', $2, $3, $4)`, [
      `测试工匠学院${i}`, on, ZHEJIANG, NINGBO,
    ]);
  }
  for (const on of ['2023-12-31', '2024-01-01', '2024-12-31']) {
    await app.dataSource.query(
      `INSERT INTO collective_innovation_contract (enterprise_id, province_code, city_code, signed_on, term_months, workers_covered) VALUES ($1, $2, $3, $4, 36, 100)`,
      [hosts[HANGZHOU], ZHEJIANG, HANGZHOU, on],
    );
  }
});
afterAll(() => app.close());

const POINTS = 'undatedCount points { period count cumulative }';
const LINE = `provinceCode cityCode ${POINTS}`;
const series = async (field: string, args: string, selection = `interval from to undatedCount lines { ${LINE} }`) =>
  (await gql(app, `{ s: ${field}(${args}) { ${selection} } }`)).s;
const points = (periods: string[], counts: number[], cumulatives: number[]) =>
  periods.map((period, i) => ({ period, count: counts[i], cumulative: cumulatives[i] }));

const MONTHS = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01'];
/** January to April 2024, asked for with days inside the first and last month. */
const JAN_TO_APR = 'interval: MONTH, from: "2024-01-15", to: "2024-04-30"';

describe('innovationStudioSeries by month', () => {
  it('counts studios per month by establishedOn; cumulatives include those before `from`; undated ones apart', async () => {
    const s = await series('innovationStudioSeries', `${JAN_TO_APR}, filter: { provinceCode: "${ZHEJIANG}" }`);
    // Jan: 01-10, 01-31 · Feb: 02-29 · Mar: 03-01, 03-15 · Apr: none; 2023-11-15 counts from the start
    expect(s).toEqual({
      interval: 'MONTH', from: '2024-01-01', to: '2024-04-01', undatedCount: 3,
      lines: [{ provinceCode: null, cityCode: null, undatedCount: 3, points: points(MONTHS, [2, 1, 2, 0], [3, 4, 6, 6]) }],
    });
  });

  it('groupBy CITY: every city of the province, Wenzhou and the others with zeros, and a no-city line last', async () => {
    const s = await series('innovationStudioSeries', `${JAN_TO_APR}, groupBy: CITY, filter: { provinceCode: "${ZHEJIANG}" }`, `undatedCount lines { ${LINE} city { name } province { name } }`);
    expect(s.undatedCount).toBe(3);
    const zeros = { undatedCount: 0, points: points(MONTHS, [0, 0, 0, 0], [0, 0, 0, 0]), province: { name: '浙江' } };
    expect(s.lines).toEqual([
      { provinceCode: ZHEJIANG, cityCode: HANGZHOU, undatedCount: 1, points: points(MONTHS, [2, 0, 1, 0], [3, 3, 4, 4]), city: { name: '杭州' }, province: { name: '浙江' } },
      { provinceCode: ZHEJIANG, cityCode: NINGBO, undatedCount: 2, points: points(MONTHS, [0, 1, 0, 0], [0, 1, 1, 1]), city: { name: '宁波' }, province: { name: '浙江' } },
      { provinceCode: ZHEJIANG, cityCode: WENZHOU, ...zeros, city: { name: '温州' } },
      ...OTHER_CITIES.map(([code, name]) => ({ provinceCode: ZHEJIANG, cityCode: code, ...zeros, city: { name } })),
      { provinceCode: ZHEJIANG, cityCode: null, undatedCount: 0, points: points(MONTHS, [0, 0, 1, 0], [0, 0, 1, 1]), city: null, province: { name: '浙江' } },
    ]);
  });

  it('groupBy CITY without a place filter: a line for every city of the country, and the no-city lines', async () => {
    const s = await series('innovationStudioSeries', `${JAN_TO_APR}, groupBy: CITY`, `undatedCount lines { ${LINE} }`);
    const cities = await sqlNumber(app, 'SELECT count(*) FROM city');
    const withoutCity = await sqlNumber(app, 'SELECT count(DISTINCT province_code) FROM innovation_studio WHERE city_code IS NULL AND archived_at IS NULL');
    expect(cities).toBe(342);
    expect(withoutCity).toBe(1); // ours in Zhejiang
    expect(s.lines).toHaveLength(cities + withoutCity);
    expect(s.lines.find((l: any) => l.cityCode === HANGZHOU)).toMatchObject({ undatedCount: 1, points: points(MONTHS, [2, 0, 1, 0], [3, 3, 4, 4]) });
    // Nanjing's published studios have no establishment date: all undated
    expect(s.lines.find((l: any) => l.cityCode === '320100')).toEqual({
      provinceCode: '320000', cityCode: '320100', undatedCount: PUBLISHED.nanjingStudios, points: points(MONTHS, [0, 0, 0, 0], [0, 0, 0, 0]),
    });
    expect(s.undatedCount).toBe(PUBLISHED.innovationStudios + 3);
  });

  it('groupBy DISTRICT with a city filter: every district of the city, and a no-district line last', async () => {
    const s = await series('innovationStudioSeries', `${JAN_TO_APR}, groupBy: DISTRICT, filter: { cityCode: "${HANGZHOU}" }`, `undatedCount lines { provinceCode cityCode districtCode district { name } ${POINTS} }`);
    const districts = await sqlRows(app, 'SELECT code, name FROM district WHERE city_code = $1 ORDER BY code', [HANGZHOU]);
    expect(districts.length).toBeGreaterThan(2);
    const byDistrict: Record<string, { undatedCount: number; counts: number[]; cumulatives: number[] }> = {
      [SHANGCHENG]: { undatedCount: 0, counts: [0, 0, 0, 0], cumulatives: [1, 1, 1, 1] }, // 2023-11-15
      [XIHU]: { undatedCount: 1, counts: [1, 0, 1, 0], cumulatives: [1, 1, 2, 2] }, // 01-10, 03-01, and one undated
    };
    const line = (code: string | null, name: string | null, { undatedCount, counts, cumulatives }: { undatedCount: number; counts: number[]; cumulatives: number[] }) => ({
      provinceCode: ZHEJIANG, cityCode: HANGZHOU, districtCode: code, district: name === null ? null : { name }, undatedCount, points: points(MONTHS, counts, cumulatives),
    });
    expect(s.undatedCount).toBe(1);
    expect(s.lines).toEqual([
      ...districts.map((d) => line(d.code, d.name, byDistrict[d.code] ?? { undatedCount: 0, counts: [0, 0, 0, 0], cumulatives: [0, 0, 0, 0] })),
      line(null, null, { undatedCount: 0, counts: [1, 0, 0, 0], cumulatives: [1, 1, 1, 1] }), // 01-31 (and 2025-02-02, after the series)
    ]);
    const one = await series('innovationStudioSeries', `${JAN_TO_APR}, groupBy: DISTRICT, filter: { districtCode: "${XIHU}" }`);
    expect(one.lines).toEqual([{ provinceCode: ZHEJIANG, cityCode: HANGZHOU, undatedCount: 1, points: points(MONTHS, [1, 0, 1, 0], [1, 1, 2, 2]) }]);
  });

  it('groupBy DISTRICT without a place filter is refused, naming groupBy', async () => {
    const error = await gqlError(app, `{ innovationStudioSeries(${JAN_TO_APR}, groupBy: DISTRICT) { from } }`);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
  });

  it('groupBy CITY with a city filter: that city only, no no-city line', async () => {
    const s = await series('innovationStudioSeries', `${JAN_TO_APR}, groupBy: CITY, filter: { cityCode: "${WENZHOU}" }`);
    expect(s.lines).toEqual([{ provinceCode: ZHEJIANG, cityCode: WENZHOU, undatedCount: 0, points: points(MONTHS, [0, 0, 0, 0], [0, 0, 0, 0]) }]);
  });

  it('groupBy PROVINCE: a line for every province, ours with the totals', async () => {
    const s = await series('innovationStudioSeries', `${JAN_TO_APR}, groupBy: PROVINCE`, `lines { ${LINE} province { code } city { code } }`);
    const provinces = await app.dataSource.query('SELECT code FROM province ORDER BY code');
    expect(s.lines.map((l: any) => [l.provinceCode, l.cityCode, l.province.code, l.city])).toEqual(provinces.map((p: any) => [p.code, null, p.code, null]));
    const ours = s.lines.find((l: any) => l.provinceCode === ZHEJIANG);
    expect(ours).toMatchObject({ undatedCount: 3, points: points(MONTHS, [2, 1, 2, 0], [3, 4, 6, 6]) });
    // Jiangsu's line agrees with the registry: its studios established by the end of April 2024
    const jiangsu = s.lines.find((l: any) => l.provinceCode === '320000');
    expect(jiangsu.points[3].cumulative).toBe(
      await sqlNumber(app, "SELECT count(*) FROM innovation_studio WHERE province_code = '320000' AND archived_at IS NULL AND established_on < '2024-05-01'"),
    );
  });

  it('groupBy PROVINCE with a city filter: the city’s province, counting that city only', async () => {
    const s = await series('innovationStudioSeries', `${JAN_TO_APR}, groupBy: PROVINCE, filter: { cityCode: "${HANGZHOU}" }`);
    expect(s.lines).toEqual([{ provinceCode: ZHEJIANG, cityCode: null, undatedCount: 1, points: points(MONTHS, [2, 0, 1, 0], [3, 3, 4, 4]) }]);
  });

  it('applies the list filter: kinds, dates, and archived studios only when asked for', async () => {
    const employee = await series('innovationStudioSeries', `${JAN_TO_APR}, filter: { provinceCode: "${ZHEJIANG}", kinds: [EMPLOYEE] }`);
    expect(employee.lines[0]).toEqual({ provinceCode: null, cityCode: null, undatedCount: 0, points: points(MONTHS, [1, 1, 0, 0], [1, 2, 2, 2]) });
    const any = await series('innovationStudioSeries', `${JAN_TO_APR}, filter: { provinceCode: "${ZHEJIANG}", archiveStatus: ANY }`);
    expect(any.lines[0].points).toEqual(points(MONTHS, [3, 1, 2, 0], [4, 5, 7, 7]));
    const archived = await series('innovationStudioSeries', `${JAN_TO_APR}, filter: { provinceCode: "${ZHEJIANG}", archiveStatus: ARCHIVED }`);
    expect(archived.lines[0].points).toEqual(points(MONTHS, [1, 0, 0, 0], [1, 1, 1, 1]));
    // a date filter leaves out undated studios, as in the list
    const dated = await series('innovationStudioSeries', `${JAN_TO_APR}, filter: { provinceCode: "${ZHEJIANG}", establishedFrom: "2024-02-01" }`);
    expect(dated).toMatchObject({ undatedCount: 0, lines: [{ undatedCount: 0, points: points(MONTHS, [0, 1, 2, 0], [0, 1, 3, 3]) }] });
    const listed = await gql(app, `{ innovationStudios(filter: { provinceCode: "${ZHEJIANG}", establishedFrom: "2024-02-01" }) { totalCount } }`);
    expect(listed.innovationStudios.totalCount).toBe(4);
  });

  it('a single month: from and to in the same month', async () => {
    const one = await series('innovationStudioSeries', `interval: MONTH, from: "2024-02-01", to: "2024-02-29", filter: { cityCode: "${NINGBO}" }`);
    expect(one).toMatchObject({ from: '2024-02-01', to: '2024-02-01', lines: [{ points: [{ period: '2024-02-01', count: 1, cumulative: 1 }] }] });
  });
});

describe('by year and for every registry type', () => {
  it('innovation studios by year: 2023 to 2025', async () => {
    const s = await series('innovationStudioSeries', `interval: YEAR, from: "2023-06-01", to: "2025-12-31", filter: { provinceCode: "${ZHEJIANG}" }`);
    expect(s).toEqual({
      interval: 'YEAR', from: '2023-01-01', to: '2025-01-01', undatedCount: 3,
      lines: [{ provinceCode: null, cityCode: null, undatedCount: 3, points: points(['2023-01-01', '2024-01-01', '2025-01-01'], [1, 5, 1], [1, 6, 7]) }],
    });
  });

  it('craftsmen: by recognizedOn; known only by year, in that year of a yearly series and undated by month; neither is undated', async () => {
    const byYear = await series('craftsmanSeries', `interval: YEAR, from: "2024-01-01", to: "2025-01-01", filter: { provinceCode: "${ZHEJIANG}" }`);
    // 2023 (year only) counts before the start; 2024-03-10 and 2024 (year only) in 2024
    expect(byYear).toMatchObject({ undatedCount: 1, lines: [{ points: points(['2024-01-01', '2025-01-01'], [2, 0], [3, 3]) }] });
    const byMonth = await series('craftsmanSeries', `interval: MONTH, from: "2024-01-01", to: "2024-12-01", filter: { provinceCode: "${ZHEJIANG}" }`);
    // only 2024-03-10 lies in a known month; the year-only ones (2024, 2023) lie in no one month
    expect(byMonth.undatedCount).toBe(3);
    expect(byMonth.lines[0].points.map((p: any) => p.count)).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(byMonth.lines[0].points.map((p: any) => p.cumulative)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const recognized = await series('craftsmanSeries', `interval: YEAR, from: "2024-01-01", to: "2024-01-01", filter: { provinceCode: "${ZHEJIANG}", recognizedFrom: "2024-01-01" }`);
    expect(recognized).toMatchObject({ undatedCount: 0, lines: [{ points: [{ count: 1, cumulative: 1 }] }] });
  });

  it('craftsman academies by establishedOn, per city', async () => {
    const s = await series('craftsmanAcademySeries', `interval: YEAR, from: "2024-01-01", to: "2024-12-31", groupBy: CITY, filter: { provinceCode: "${ZHEJIANG}" }`);
    const none = { undatedCount: 0, points: [{ period: '2024-01-01', count: 0, cumulative: 0 }] };
    expect(s.lines).toEqual([
      { provinceCode: ZHEJIANG, cityCode: HANGZHOU, ...none },
      { provinceCode: ZHEJIANG, cityCode: NINGBO, undatedCount: 1, points: [{ period: '2024-01-01', count: 1, cumulative: 2 }] },
      { provinceCode: ZHEJIANG, cityCode: WENZHOU, ...none },
      ...OTHER_CITIES.map(([code]) => ({ provinceCode: ZHEJIANG, cityCode: code, ...none })), // every academy has a city: no no-city line
    ]);
  });

  it('collective contracts by signedOn', async () => {
    const s = await series('collectiveContractSeries', `interval: MONTH, from: "2024-01-01", to: "2024-02-01", filter: { cityCode: "${HANGZHOU}" }`);
    expect(s).toMatchObject({ undatedCount: 0, lines: [{ points: points(['2024-01-01', '2024-02-01'], [1, 0], [2, 2]) }] });
  });

  it('enterprises by the day they were founded (establishedOn), not the day they were entered in the registry', async () => {
    const s = await series('enterpriseSeries', `interval: MONTH, from: "2024-05-01", to: "2024-06-01", filter: { provinceCode: "${ZHEJIANG}" }`);
    // founded 2019-03-01 (before), 2024-06-01 and 2024-06-15; one undated (entered in May)
    expect(s).toMatchObject({ undatedCount: 1, lines: [{ undatedCount: 1, points: points(['2024-05-01', '2024-06-01'], [0, 2], [1, 3]) }] });
    const listed = await gql(app, `{ enterprises(filter: { provinceCode: "${ZHEJIANG}", establishedFrom: "2024-06-01", establishedTo: "2024-06-30" }) { totalCount } }`);
    expect(listed.enterprises.totalCount).toBe(2);
  });

  it('enterprises of the published data set are all undated', async () => {
    const s = await series('enterpriseSeries', 'interval: YEAR, from: "2000-01-01", to: "2025-12-31", filter: { provinceCode: "320000" }');
    expect(s.undatedCount).toBe(PUBLISHED.enterprises - 1); // all but Wuhan Heavy lie in Jiangsu
    expect(s.lines[0].points.every((p: any) => p.count === 0 && p.cumulative === 0)).toBe(true);
  });
});

describe('arguments', () => {
  it('from after to is refused, naming from', async () => {
    const error = await gqlError(app, '{ innovationStudioSeries(interval: MONTH, from: "2024-03-01", to: "2024-02-28") { from } }');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    expect(error.message).toContain('2024-03-01');
  });

  it('at most 600 periods: 600 months answer, 601 are refused, naming to', async () => {
    const ok = await series('innovationStudioSeries', `interval: MONTH, from: "2000-01-01", to: "2049-12-31", filter: { cityCode: "${WENZHOU}" }`, 'from to lines { points { period } }');
    expect(ok.lines[0].points).toHaveLength(600);
    expect(ok).toMatchObject({ from: '2000-01-01', to: '2049-12-01' });
    const error = await gqlError(app, '{ innovationStudioSeries(interval: MONTH, from: "2000-01-01", to: "2050-01-01") { from } }');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'to' });
    expect(error.message).toContain('601');
  });

  it('groupBy defaults to NONE', async () => {
    const s = await series('enterpriseSeries', `interval: YEAR, from: "2024-01-01", to: "2024-01-01", filter: { provinceCode: "${ZHEJIANG}" }`);
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({ provinceCode: null, cityCode: null });
  });
});

describe('SQL statements', () => {
  const shape = (filter: string) => `{ collectiveContractSeries(interval: MONTH, from: "2020-01-01", to: "2025-12-31", groupBy: CITY, filter: { ${filter} }) {
    undatedCount lines { cityCode city { name } province { name } points { period count cumulative } } } }`;

  it('a series with its lines’ cities and provinces runs three statements, however many records and lines', async () => {
    const small = await app.graphql(shape(`provinceCode: "${ZHEJIANG}"`));
    const large = await app.graphql(shape('provinceCode: "320000"')); // Jiangsu's 20,800 contracts, 13 cities and a no-city line
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data.collectiveContractSeries.lines.length).toBeGreaterThan(small.data.collectiveContractSeries.lines.length);
    expect(small.extensions.sqlStatements).toBe(3);
    expect(large.extensions.sqlStatements).toBe(3);
  });

  it('a series alone is one statement', async () => {
    const res = await app.graphql(`{ craftsmanSeries(interval: YEAR, from: "2000-01-01", to: "2030-01-01", groupBy: PROVINCE) { lines { points { count } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions.sqlStatements).toBe(1);
  });
});

// Last, as it adds records the tests above do not expect.
describe('the dates series count by, written through the API', () => {
  const ACADEMY = recordMutations('CraftsmanAcademy', 'craftsmanAcademy', 'id establishedOn');
  const CRAFTSMAN = recordMutations('Craftsman', 'craftsman', 'id version year recognizedOn');
  let admin: string;
  beforeAll(async () => {
    admin = (await app.createKey('ADMIN')).key;
  });
  const write = async (mutation: string, input: Record<string, unknown>) => {
    const res = await app.graphqlAs(admin, mutation, { input });
    expect(res.errors).toBeUndefined();
    return Object.values(res.data)[0] as any;
  };

  it('a craftsman academy is founded on establishedOn (成立日期), which the series and the filter count by', async () => {
    const created = await write(ACADEMY.CREATE, { name: '温州测试工匠学院', level: 'MUNICIPAL', cityCode: WENZHOU, establishedOn: '2024-04-20' });
    expect(created).toMatchObject({ craftsmanAcademy: { establishedOn: '2024-04-20' }, userErrors: [] });
    const s = await series('craftsmanAcademySeries', `${JAN_TO_APR}, filter: { cityCode: "${WENZHOU}" }`);
    expect(s.lines[0].points).toEqual(points(MONTHS, [0, 0, 0, 1], [0, 0, 0, 1]));
    const listed = await gql(app, `{ craftsmanAcademies(filter: { establishedFrom: "2024-04-01", establishedTo: "2024-04-30" }) { nodes { name establishedOn } } }`);
    expect(listed.craftsmanAcademies.nodes).toEqual([{ name: '温州测试工匠学院', establishedOn: '2024-04-20' }]);
  });

  it('a craftsman is recognised on recognizedOn (认定日期), in its year and not in the future', async () => {
    const other = await write(CRAFTSMAN.CREATE, { name: '测试工匠', level: 'MUNICIPAL', status: 'CERTIFIED', cityCode: WENZHOU, year: 2024, recognizedOn: '2023-12-31' });
    expect(other).toEqual({ craftsman: null, userErrors: [expect.objectContaining({ field: 'recognizedOn', code: 'INVALID', message: expect.stringContaining('2024') })] });
    const tomorrow = new Date(Date.parse(`${todayInShanghai()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const future = await write(CRAFTSMAN.CREATE, { name: '测试工匠', level: 'MUNICIPAL', status: 'CERTIFIED', cityCode: WENZHOU, recognizedOn: tomorrow });
    expect(future.userErrors).toEqual([expect.objectContaining({ field: 'recognizedOn', code: 'INVALID' })]);

    const created = await write(CRAFTSMAN.CREATE, { name: '测试工匠', level: 'MUNICIPAL', status: 'CERTIFIED', cityCode: WENZHOU, year: 2024, recognizedOn: '2024-02-10' });
    expect(created).toMatchObject({ craftsman: { year: 2024, recognizedOn: '2024-02-10' }, userErrors: [] });
    const { id, version } = created.craftsman;
    // changing the year alone would leave the stored date in another year
    const moved = await write(CRAFTSMAN.UPDATE, { id, version, year: 2025 });
    expect(moved.userErrors).toEqual([expect.objectContaining({ field: 'recognizedOn', code: 'INVALID' })]);
    const s = await series('craftsmanSeries', `${JAN_TO_APR}, filter: { cityCode: "${WENZHOU}", recognizedFrom: "2024-02-01", recognizedTo: "2024-02-29" }`);
    expect(s.lines[0].points).toEqual(points(MONTHS, [0, 1, 0, 0], [0, 1, 1, 1]));
  });
});

