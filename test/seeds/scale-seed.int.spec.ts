/**
 * `npm run seed -- --scale N` on a real PostgreSQL: the same N and as-of date give the same rows;
 * the records spread over Jiangsu's 13 cities with the real skew; every value passes the rules the
 * API enforces on writes; the API reads the loaded registry (goal progress, a page with relations,
 * enterprise trends by founding date); and the seed refuses to mix a synthetic province into a
 * registry that holds records. Provinces, cities and districts are reference data the migrations
 * load: a migrated registry with only those is empty, and the seed leaves them as they are.
 */
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { isValidCreditCode, syntheticCreditCode } from '../../src/common/credit-code';
import { nationalIdProblem, phoneProblem } from '../../src/common/national-id';
import { createDataSource } from '../../src/db/data-source';
import { createRequestPool } from '../../src/db/request-pool';
import { requestUrlOf } from '../setup/database-url';
import { createApp, type RegistryApp } from '../../src/server/app';
import { administrativeDivisions } from '../../src/modules/district/division-data';
import { PUBLISHED } from '../../seeds/published-data-set';
import { SCALE_PUBLISHER } from '../../seeds/scale/load';
import { CITY_POPULATION_2020, CITY_WEIGHTS, PER_UNIT, PROVINCE_POPULATION_2020, UNRECONCILED_CITY_POPULATION, parseAsOfArgument, parseScaleArgument, scalePlan } from '../../seeds/scale/plan';
import cityPopulation from '../../seeds/scale/city-population-2020.json';
import { ScaleSeedRefused, seedScale } from '../../seeds/scale/seed-scale';
import { createTestDatabase } from '../setup/test-app';
import { migrateRegistry } from '../../src/db/migrate';

const SCALE = 1;
const AS_OF = '2026-06-15';
const YEAR_BEFORE = '2025-06-15';
const SUZHOU = '320500';
const NANJING = '320100';
const SUQIAN = '321300';

interface Registry {
  drop(): Promise<void>;
  dataSource: DataSource;
}

async function migratedRegistry(): Promise<Registry> {
  const database = await createTestDatabase({ empty: true });
  const dataSource = createDataSource(database.url);
  await dataSource.initialize();
  await migrateRegistry(dataSource);
  return { dataSource, drop: async () => { await dataSource.destroy(); await database.drop(); } };
}

const SYNTHETIC_TABLES = ['enterprise', 'collective_innovation_contract', 'craftsman', 'innovation_studio', 'craftsman_academy', 'goal'];

/** One md5 per table over its synthetic rows, every column, in id order (ids included). */
async function checksums(dataSource: DataSource): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of SYNTHETIC_TABLES) {
    // Goals keep the column defaults (created_at = now()); every other synthetic row sets its own.
    const row = table === 'goal' ? `(to_jsonb(t) - 'created_at' - 'updated_at')` : 'to_jsonb(t)';
    const [{ md5 }] = await dataSource.query(
      `SELECT md5(string_agg(${row}::text, E'\\n' ORDER BY t.id)) AS md5
         FROM ${table} t JOIN source s ON s.id = t.source_id WHERE s.publisher = $1`,
      [SCALE_PUBLISHER],
    );
    out[table] = md5;
  }
  return out;
}

async function tableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables = [...SYNTHETIC_TABLES, 'source', 'province', 'city', 'district', 'reported_figure'];
  const [row] = await dataSource.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`);
  return row;
}

let first: Registry;
let second: Registry;
let registry: RegistryApp;
let requestPool: Pool;

beforeAll(async () => {
  [first, second] = await Promise.all([migratedRegistry(), migratedRegistry()]);
  await seedScale(first.dataSource, SCALE, { asOf: AS_OF });
  await seedScale(second.dataSource, SCALE, { asOf: AS_OF });
  requestPool = createRequestPool(requestUrlOf((first.dataSource.options as { url: string }).url), 3);
  registry = await createApp(first.dataSource, requestPool);
}, 120_000);

afterAll(async () => {
  await registry?.apollo.stop();
  await requestPool?.end();
  await first?.drop();
  await second?.drop();
});

async function graphql(query: string): Promise<any> {
  const res = await request(registry.app).post('/graphql').send({ query });
  expect(res.body.errors).toBeUndefined();
  return res.body.data;
}

describe('size and determinism', () => {
  it('loads the published data set plus N units of each record type', async () => {
    const counts = await tableCounts(first.dataSource);
    expect(counts).toMatchObject({
      enterprise: PUBLISHED.enterprises + Math.round(SCALE * PER_UNIT.enterprises),
      collective_innovation_contract: PUBLISHED.collectiveInnovationContracts + Math.round(SCALE * PER_UNIT.contracts),
      innovation_studio: PUBLISHED.innovationStudios + Math.round(SCALE * PER_UNIT.studios),
      craftsman_academy: PUBLISHED.craftsmanAcademies + Math.round(SCALE * PER_UNIT.academies),
      craftsman: PUBLISHED.craftsmen + Math.round(SCALE * PER_UNIT.craftsmen),
      // One studio goal for each Jiangsu city but Nanjing, which published its own.
      goal: PUBLISHED.goals + 12,
      source: PUBLISHED.sources + 1,
      reported_figure: PUBLISHED.reportedFigures,
    });
    // The divisions are those migration 24 loads (GB/T 2260), neither added to nor removed by the seed.
    const { provinces, cities, districts } = administrativeDivisions();
    expect(counts).toMatchObject({ province: provinces.length, city: cities.length, district: districts.length });
    expect(counts.province).toBe(PUBLISHED.provinces);
    // At scale 1 a unit is Jiangsu's published size: as many contracts as the province reports.
    expect(Math.round(SCALE * PER_UNIT.contracts)).toBe(20_800);
  });

  it('gives the same rows, ids and dates for the same N and as-of date', async () => {
    expect(await tableCounts(second.dataSource)).toEqual(await tableCounts(first.dataSource));
    const sums = await checksums(first.dataSource);
    expect(Object.values(sums).every((s) => /^[0-9a-f]{32}$/.test(s))).toBe(true);
    expect(await checksums(second.dataSource)).toEqual(sums);
  });

  it('plans exactly round(N × unit) records of each type for any N', () => {
    for (const scale of [0.05, 1, 10]) {
      const plan = scalePlan(scale);
      expect(plan).toHaveLength(13);
      for (const kind of ['enterprises', 'studios', 'academies', 'craftsmen', 'contracts'] as const) {
        expect(plan.reduce((sum, c) => sum + c.counts[kind], 0)).toBe(Math.round(scale * PER_UNIT[kind]));
      }
    }
  });
});

describe('the province', () => {
  it("spreads records over Jiangsu's 13 cities: Suzhou and Nanjing largest, Suqian smallest", async () => {
    for (const table of ['enterprise', 'innovation_studio', 'craftsman']) {
      const rows: { city_code: string; n: number }[] = await first.dataSource.query(
        `SELECT t.city_code, count(*)::int AS n FROM ${table} t JOIN source s ON s.id = t.source_id
          WHERE s.publisher = $1 GROUP BY 1 ORDER BY 2 DESC, 1`, [SCALE_PUBLISHER]);
      expect(rows.map((r) => r.city_code).sort()).toEqual(Object.keys(CITY_WEIGHTS).sort());
      expect(rows.slice(0, 2).map((r) => r.city_code)).toEqual([SUZHOU, NANJING]);
      expect(rows[rows.length - 1].city_code).toBe(SUQIAN);
      // Suzhou is about six times Suqian (GDP weights 267 : 46).
      const ratio = rows[0].n / rows[rows.length - 1].n;
      expect(ratio).toBeGreaterThan(5);
      expect(ratio).toBeLessThan(7);
    }
  });

  it('dates records over recent years (enterprises founded over decades), the last 12 months included, never after the as-of date', async () => {
    const synthetic = (table: string, date: string) =>
      `(SELECT count(*) FILTER (WHERE ${date} >= $2::date) FROM ${table} WHERE source_id = (SELECT id FROM source WHERE publisher = $1))::int`;
    const latest = (table: string, date: string) => `(SELECT max(${date}) FROM ${table})`;
    const enteredOn = "(created_at AT TIME ZONE 'Asia/Shanghai')::date";
    const scaleEnterprises = 'FROM enterprise WHERE source_id = (SELECT id FROM source WHERE publisher = $1)';
    const [dates] = await first.dataSource.query(
      `SELECT ${synthetic('innovation_studio', 'established_on')} AS studios,
              ${synthetic('collective_innovation_contract', 'signed_on')} AS contracts,
              ${synthetic('craftsman', 'recognized_on')} AS craftsmen,
              ${synthetic('craftsman_academy', 'established_on')} AS academies,
              ${synthetic('enterprise', enteredOn)} AS enterprises,
              ${synthetic('enterprise', 'established_on')} AS founded,
              (SELECT count(DISTINCT extract(year FROM established_on)) FROM innovation_studio)::int AS studio_years,
              (SELECT count(DISTINCT extract(year FROM established_on)) ${scaleEnterprises})::int AS founding_years,
              (SELECT count(*) ${scaleEnterprises} AND (established_on IS NULL OR established_on > ${enteredOn}))::int AS founded_after_entry,
              greatest(${latest('innovation_studio', 'established_on')}, ${latest('collective_innovation_contract', 'signed_on')},
                       ${latest('craftsman', 'recognized_on')}, ${latest('craftsman_academy', 'established_on')}, ${latest('enterprise', 'established_on')},
                       (SELECT max(${enteredOn}) ${scaleEnterprises}))::text AS latest`,
      [SCALE_PUBLISHER, YEAR_BEFORE],
    );
    expect(dates.studios).toBeGreaterThan(100);
    expect(dates.contracts).toBeGreaterThan(1000);
    expect(dates.craftsmen).toBeGreaterThan(20);
    expect(dates.academies).toBeGreaterThan(5);
    expect(dates.enterprises).toBeGreaterThan(1000);
    expect(dates.studio_years).toBeGreaterThanOrEqual(14);
    // Every synthetic enterprise has a founding date (成立日期), over some 40 years, never after it entered the registry.
    expect(dates.founded_after_entry).toBe(0);
    expect(dates.founding_years).toBeGreaterThanOrEqual(30);
    expect(dates.founded).toBeGreaterThan(100);
    expect(dates.latest < AS_OF).toBe(true);
  });

  it('has valid credit codes, national ID numbers and phone numbers throughout', async () => {
    const codes: { credit_code: string }[] = await first.dataSource.query(`SELECT credit_code FROM enterprise`);
    expect(codes.filter((c) => !isValidCreditCode(c.credit_code))).toEqual([]);
    const people: { national_id_number: string | null; phone: string | null }[] = await first.dataSource.query(
      `SELECT national_id_number, phone FROM craftsman t JOIN source s ON s.id = t.source_id WHERE s.publisher = $1`, [SCALE_PUBLISHER]);
    expect(people.length).toBe(Math.round(SCALE * PER_UNIT.craftsmen));
    expect(people.filter((p) => p.national_id_number === null || nationalIdProblem(p.national_id_number) !== null)).toEqual([]);
    expect(new Set(people.map((p) => p.national_id_number)).size).toBe(people.length);
    expect(people.filter((p) => p.phone !== null && phoneProblem(p.phone) !== null)).toEqual([]);
  });

  it('keeps every constraint and index the migrations made, and every record in its enterprise’s city', async () => {
    // The load drops foreign keys and secondary indexes and rebuilds them from the catalog (bulk-mode.ts).
    const schema = async (dataSource: DataSource) => dataSource.query(`
      SELECT conrelid::regclass::text AS on, conname AS name, pg_get_constraintdef(oid) AS def, convalidated AS valid
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION ALL SELECT tablename, indexname, indexdef, true FROM pg_indexes WHERE schemaname = 'public'
      ORDER BY 1, 2, 3`);
    const fresh = await migratedRegistry();
    try {
      expect(await schema(first.dataSource)).toEqual(await schema(fresh.dataSource));
    } finally {
      await fresh.drop();
    }
    const [{ misplaced }] = await first.dataSource.query(`
      SELECT (SELECT count(*) FROM innovation_studio t JOIN enterprise e ON e.id = t.enterprise_id WHERE e.city_code IS DISTINCT FROM t.city_code)
           + (SELECT count(*) FROM collective_innovation_contract t JOIN enterprise e ON e.id = t.enterprise_id WHERE e.city_code IS DISTINCT FROM t.city_code)
           + (SELECT count(*) FROM craftsman t JOIN enterprise e ON e.id = t.enterprise_id WHERE e.city_code IS DISTINCT FROM t.city_code) AS misplaced`);
    expect(misplaced).toBe(0);
  });
});

describe('read through the API', () => {
  it('answers goal progress for every Jiangsu city, counted live, with a trend', async () => {
    const data = await graphql(`{ goalRanking(metric: INNOVATION_STUDIOS, provinceCode: "320000") {
      city { code } goal { target baselineValue } progress { current ratio trendLast12Months status } } }`);
    expect(data.goalRanking).toHaveLength(13);
    const counts: { city_code: string; n: number }[] = await first.dataSource.query(
      `SELECT city_code, count(*)::int AS n FROM innovation_studio WHERE province_code = '320000' AND archived_at IS NULL GROUP BY 1`);
    const byCity = new Map(counts.map((c) => [c.city_code, c.n]));
    for (const entry of data.goalRanking) {
      expect(entry.progress.current).toBe(byCity.get(entry.city.code));
      expect(entry.progress.trendLast12Months).toBeGreaterThan(0);
    }
  });

  it('counts enterprises in their trend by the day they were founded, as SQL does', async () => {
    const data = await graphql(`{ enterpriseSeries(interval: YEAR, from: "2016-01-01", to: "${AS_OF}", filter: { cityCode: "${SUZHOU}" }) {
      undatedCount lines { cityCode undatedCount points { period count cumulative } } } }`);
    const years: { period: string; count: number }[] = await first.dataSource.query(
      `SELECT y::date::text AS period, count(e.id)::int AS count
         FROM generate_series(date '2016-01-01', date '2026-01-01', interval '1 year') AS y
         LEFT JOIN enterprise e ON e.city_code = $1 AND e.archived_at IS NULL AND date_trunc('year', e.established_on) = y
        GROUP BY y ORDER BY y`, [SUZHOU]);
    const [{ before }] = await first.dataSource.query(
      `SELECT count(*)::int AS before FROM enterprise WHERE city_code = $1 AND archived_at IS NULL AND established_on < '2016-01-01'`, [SUZHOU]);
    expect(data.enterpriseSeries.undatedCount).toBe(0);
    expect(data.enterpriseSeries.lines).toHaveLength(1);
    const [line] = data.enterpriseSeries.lines;
    expect(line.points.map(({ period, count }: { period: string; count: number }) => ({ period, count }))).toEqual(years);
    expect(line.points[line.points.length - 1].cumulative).toBe(before + years.reduce((n, y) => n + y.count, 0));
    expect(years.every((y) => y.count > 0)).toBe(true);
  });

  it('pages a city’s studios with their enterprises and the enterprises with their contracts', async () => {
    const data = await graphql(`{
      city(code: "${SUZHOU}") { innovationStudios(first: 100) { totalCount nodes { name establishedOn enterprise { creditCode city { code } } } } }
      enterprises(first: 100, filter: { cityCode: "${SUZHOU}", ownerships: [PRIVATE] }) {
        nodes { ownership city { code } collectiveContracts { nodes { signedOn workersCovered } } innovationStudios { totalCount } } } }`);
    const studios = data.city.innovationStudios;
    expect(studios.nodes).toHaveLength(100);
    expect(studios.totalCount).toBeGreaterThan(100);
    expect(studios.nodes.every((s: any) => s.enterprise.city.code === SUZHOU)).toBe(true);
    const enterprises = data.enterprises.nodes;
    expect(enterprises).toHaveLength(100);
    expect(enterprises.every((e: any) => e.ownership === 'PRIVATE' && e.city.code === SUZHOU)).toBe(true);
    expect(enterprises.filter((e: any) => e.collectiveContracts.nodes.length > 0).length).toBeGreaterThan(50);
    expect(enterprises.some((e: any) => e.innovationStudios.totalCount > 0)).toBe(true);
  });
});

describe('with a registry that holds data', () => {
  it('does nothing for the N already loaded and refuses another N', async () => {
    const again = await seedScale(first.dataSource, SCALE, { asOf: '2026-07-01' });
    expect(again).toMatchObject({ loaded: false, counts: null, asOf: AS_OF });
    await expect(seedScale(first.dataSource, 2)).rejects.toThrow(ScaleSeedRefused);
    await expect(seedScale(first.dataSource, 2)).rejects.toThrow(/--reset --scale 2/);
  });

  it('refuses a registry with the published data set in it', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      const before = await tableCounts(dataSource);
      await expect(seedScale(dataSource, 0.05)).rejects.toThrow(/only into an empty registry/);
      expect(await tableCounts(dataSource)).toEqual(before);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });

  it('refuses a migrated registry that holds a single source, enterprise, craftsman or academy', async () => {
    // A goal, a studio, a contract or a figure cannot be stored without a source or an enterprise.
    const registry = await migratedRegistry();
    const { dataSource } = registry;
    const single: Record<string, string> = {
      source: `INSERT INTO source (publisher, title, published_on) VALUES ('测试', '测试来源', '2025-01-01')`,
      enterprise: `INSERT INTO enterprise (credit_code, name, province_code, city_code) VALUES ('${syntheticCreditCode(SUZHOU, 99_000_001)}', '测试企业', '320000', '${SUZHOU}')`,
      craftsman: `INSERT INTO craftsman (name, level, status, province_code) VALUES ('测试工匠', 'MUNICIPAL', 'CANDIDATE', '320000')`,
      craftsman_academy: `INSERT INTO craftsman_academy (name, level, province_code) VALUES ('测试工匠学院', 'MUNICIPAL', '320000')`,
    };
    try {
      for (const [table, insert] of Object.entries(single)) {
        await dataSource.query(insert);
        const before = await tableCounts(dataSource);
        await expect(seedScale(dataSource, 0.05).catch((e) => `${table}: ${e instanceof ScaleSeedRefused} ${(e as Error).message}`))
          .resolves.toMatch(new RegExp(`^${table}: true .*only into an empty registry`));
        expect(await tableCounts(dataSource)).toEqual(before);
        await dataSource.query(`DELETE FROM ${table}`);
      }
    } finally {
      await registry.drop();
    }
  });
});

describe('the country (--national)', () => {
  const NATIONAL_SCALE = 0.1;
  const JIANGSU = '320000';
  const GUANGDONG = '440000';
  let country: Registry;
  beforeAll(async () => {
    country = await migratedRegistry();
    await seedScale(country.dataSource, NATIONAL_SCALE, { asOf: AS_OF, national: true });
  }, 120_000);
  afterAll(async () => country?.drop());

  it("weighs the provinces by the 2020 census: its 31 provinces' populations, and Jiangsu's part as the province alone", () => {
    // The census counted 1,411,778,724, of whom 2,000,000 serving military personnel (现役军人) belong to no province.
    expect(Object.values(PROVINCE_POPULATION_2020).reduce((sum, n) => sum + n, 0)).toBe(1_411_778_724 - 2_000_000);
    const mainland = administrativeDivisions().provinces.filter((p) => !['710000', '810000', '820000'].includes(p.code));
    expect(Object.keys(PROVINCE_POPULATION_2020).sort()).toEqual(mainland.map((p) => p.code).sort());
    const plan = scalePlan(10, { national: true });
    expect(plan.filter((c) => c.provinceCode === JIANGSU)).toEqual(scalePlan(10));
    const studios = (province: string) => plan.filter((c) => c.provinceCode === province).reduce((sum, c) => sum + c.counts.studios, 0);
    expect(studios(GUANGDONG) / studios(JIANGSU)).toBeCloseTo(126_012_510 / 84_748_016, 2);
  });

  it("spreads a province over its cities by their 2020 census population, each figure with its page", () => {
    const { cities } = administrativeDivisions();
    const population = cityPopulation.cities as Record<string, { population: number; source?: string; derived?: string }>;
    for (const province of Object.keys(PROVINCE_POPULATION_2020).filter((p) => p !== JIANGSU)) {
      const own = cities.filter((c) => c.provinceCode === province);
      if (own.length === 1) continue; // Beijing, Tianjin, Shanghai
      // Every unit has a figure, read on a page or made from read ones (and saying how) …
      for (const c of own) expect({ city: c.code, population: population[c.code]?.population > 0, said: !!(population[c.code]?.source || population[c.code]?.derived) }).toEqual({ city: c.code, population: true, said: true });
      // … and a province's units add up to its census total, to the person (Hubei's 134,000 over is stated in the file).
      const sum = own.reduce((total, c) => total + CITY_POPULATION_2020[c.code], 0);
      expect({ province, over: sum - PROVINCE_POPULATION_2020[province] }).toEqual({ province, over: UNRECONCILED_CITY_POPULATION[province] ?? 0 });
    }
    expect(Object.keys(population).length).toBe(cities.filter((c) => c.provinceCode !== JIANGSU && !['110000', '120000', '310000'].includes(c.provinceCode)).length);
    // The plan follows them: a city's studios over another's of its province as their populations.
    const plan = scalePlan(100, { national: true });
    const studios = (code: string) => plan.find((c) => c.code === code)!.counts.studios;
    expect(studios('440100') / studios('441500')).toBeCloseTo(CITY_POPULATION_2020['440100'] / CITY_POPULATION_2020['441500'], 1);
    expect(studios('510100') / studios('513300')).toBeCloseTo(CITY_POPULATION_2020['510100'] / CITY_POPULATION_2020['513300'], 1); // Chengdu and Garzê, 19 to 1
  });

  it('loads records in every province, with the provincial titles of each', async () => {
    const rows: { province_code: string; n: number }[] = await country.dataSource.query(
      `SELECT t.province_code, count(*)::int AS n FROM innovation_studio t JOIN source s ON s.id = t.source_id
        WHERE s.publisher = $1 GROUP BY 1`, [SCALE_PUBLISHER]);
    expect(rows.map((r) => r.province_code).sort()).toEqual(Object.keys(PROVINCE_POPULATION_2020).sort());
    const of = (code: string) => rows.find((r) => r.province_code === code)!.n;
    expect(of(JIANGSU)).toBe(Math.round(NATIONAL_SCALE * PER_UNIT.studios));
    expect(of(GUANGDONG)).toBeGreaterThan(of(JIANGSU));
    const titles: { honorary_title: string }[] = await country.dataSource.query(
      `SELECT DISTINCT honorary_title FROM craftsman WHERE province_code = $1 AND level = 'PROVINCIAL' AND is_sample`, [GUANGDONG]);
    expect(titles.map((t) => t.honorary_title)).toEqual(['广东工匠']);
  });

  it('does nothing when asked again, and refuses the province alone at the same N', async () => {
    expect(await seedScale(country.dataSource, NATIONAL_SCALE, { asOf: AS_OF, national: true })).toMatchObject({ loaded: false, national: true });
    await expect(seedScale(country.dataSource, NATIONAL_SCALE)).rejects.toThrow(`a --national --scale ${NATIONAL_SCALE} data set is already loaded; \`npm run seed -- --reset --scale ${NATIONAL_SCALE}\``);
  });
});

describe('command-line arguments', () => {
  it('reads --scale and --as-of and refuses what they cannot mean', () => {
    expect(parseScaleArgument(['--scale', '10'])).toBe(10);
    expect(parseScaleArgument(['--scale=0.05'])).toBe(0.05);
    expect(parseScaleArgument(['--reset'])).toBeNull();
    expect(() => parseScaleArgument(['--scale', '0'])).toThrow(/greater than 0/);
    expect(() => parseScaleArgument(['--scale', '1e3'])).toThrow();
    expect(parseAsOfArgument(['--as-of', '2026-02-28'], '2026-11-30')).toBe('2026-02-28');
    expect(parseAsOfArgument([], '2026-11-30')).toBeNull();
    expect(() => parseAsOfArgument(['--as-of=2026-02-30'], '2026-11-30')).toThrow(/--as-of/);
    expect(() => parseAsOfArgument(['--as-of', '2026-12-01'], '2026-11-30')).toThrow(/to today/);
  });
});
