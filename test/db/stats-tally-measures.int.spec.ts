/**
 * Statistics whose measures are sums or counts of a column (an organisation's members, an enterprise's employees) are
 * answered from the type's statistics tally (src/registry/stats-tally.ts), which keeps each column's sum and how many
 * records state it. After records are archived, restored, moved to another city and given other values or none, every
 * such type's statistics per city equal a live count over its records, a sum of records none of which states the
 * column staying unknown (null), never 0; and the answer is the tally's (a tally changed behind the API changes it).
 */
import { registryModules, registryTypes } from '../../src/modules';
import type { RegistryType } from '../../src/registry/registry-type';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let asked = 0;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

registryModules();
const measuredTypes = () => registryTypes().filter((t) => t.statsTally?.measures.length && t.export?.statsField);
const tableOf = (t: RegistryType) => t.table.from.replace(/ t$/, '');
const q = <T = any>(text: string, params?: unknown[]): Promise<T[]> => app.dataSource.query(text, params);

/** The type's statistics per city through the API (a fresh alias each time: the response cache keys on the text). */
async function perCityFromApi(t: RegistryType): Promise<unknown[]> {
  const aliases = t.statsTally!.measures.map((m) => m.alias);
  const alias = `s${(asked += 1)}`;
  const res = await app.graphql(`{ ${alias}: ${t.export!.statsField}(groupBy: [CITY]) { cityCode count ${aliases.join(' ')} } }`);
  expect(res.errors).toBeUndefined();
  return sorted(res.data[alias]);
}

/** The same counted over the records, with the type's own measure expressions. */
async function perCityLive(t: RegistryType): Promise<unknown[]> {
  const measures = t.statsTally!.measures.map((m) => `${m.kind}(t.${m.column})::integer AS "${m.alias}"`);
  return sorted(await q(`SELECT t.city_code AS "cityCode", count(*)::integer AS count, ${measures.join(', ')} FROM ${tableOf(t)} t WHERE t.archived_at IS NULL GROUP BY 1`));
}

const sorted = (rows: unknown[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Runs a change behind the API; one a table's own checks refuse (a count above another) is left out. */
async function tryChange(text: string): Promise<boolean> {
  try {
    await q(text);
    return true;
  } catch {
    return false;
  }
}

it('has a tally with measures for the types whose measures are all sums or counts of a column', () => {
  expect(measuredTypes().length).toBeGreaterThanOrEqual(3);
  for (const t of measuredTypes()) expect(t.statsTally!.measured.length).toBeGreaterThan(0);
});

it('keeps every sum and count equal to a live one through archives, restores, moves and changed or removed values', async () => {
  let changed = 0;
  for (const t of measuredTypes()) {
    const table = tableOf(t);
    expect({ type: t.typename, api: await perCityFromApi(t) }).toEqual({ type: t.typename, api: await perCityLive(t) });
    const nullable = new Set(
      (await q<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND is_nullable = 'YES'`, [table])).map((r) => r.column_name),
    );
    const some = (n: number, where = 'TRUE') => `(SELECT id FROM ${table} WHERE ${where} ORDER BY md5(id::text || '${t.typename}') LIMIT ${n})`;
    for (const { column, summed } of t.statsTally!.measured) {
      if (summed) changed += Number(await tryChange(`UPDATE ${table} SET ${column} = ${column} + 7 WHERE id IN ${some(6, `${column} IS NOT NULL AND archived_at IS NULL`)}`));
      if (nullable.has(column)) changed += Number(await tryChange(`UPDATE ${table} SET ${column} = NULL WHERE id IN ${some(4, `${column} IS NOT NULL AND archived_at IS NULL`)}`));
    }
    changed += Number(await tryChange(`UPDATE ${table} SET archived_at = now() WHERE id IN ${some(5, 'archived_at IS NULL')}`));
    changed += Number(await tryChange(`UPDATE ${table} SET archived_at = NULL WHERE id IN ${some(2, 'archived_at IS NOT NULL')}`));
    // To another city of the same province, out of any district.
    changed += Number(
      await tryChange(`UPDATE ${table} t SET city_code = (SELECT c.code FROM city c WHERE c.province_code = t.province_code AND c.code <> t.city_code ORDER BY c.code LIMIT 1), district_code = NULL
        WHERE t.id IN ${some(4, 'city_code IS NOT NULL AND archived_at IS NULL')}`),
    );
    // A city whose records none states a measured column: its sum is unknown.
    const [{ city } = { city: null }] = await q(`SELECT city_code AS city FROM ${table} WHERE archived_at IS NULL AND city_code IS NOT NULL GROUP BY 1 ORDER BY count(*) LIMIT 1`);
    for (const { column } of t.statsTally!.measured.filter((m) => nullable.has(m.column))) {
      if (city) changed += Number(await tryChange(`UPDATE ${table} SET ${column} = NULL WHERE city_code = '${city}'`));
    }
    expect({ type: t.typename, api: await perCityFromApi(t) }).toEqual({ type: t.typename, api: await perCityLive(t) });
  }
  // The changes were made (the tables' checks refuse only some).
  expect(changed).toBeGreaterThan(measuredTypes().length * 3);
});

it('answers from the tally: a tally changed behind the API changes the answer', async () => {
  for (const t of measuredTypes()) {
    const before = (await perCityFromApi(t)) as Array<{ cityCode: string | null; count: number }>;
    const city = before.find((g) => g.cityCode)!.cityCode;
    await q(`UPDATE ${t.statsTally!.table} SET records = records + 1000 WHERE city_code = $1 AND ctid = (SELECT ctid FROM ${t.statsTally!.table} WHERE city_code = $1 AND records > 0 LIMIT 1)`, [city]);
    const after = (await perCityFromApi(t)) as Array<{ cityCode: string | null; count: number }>;
    expect(after.find((g) => g.cityCode === city)!.count).toBe(before.find((g) => g.cityCode === city)!.count + 1000);
  }
});
