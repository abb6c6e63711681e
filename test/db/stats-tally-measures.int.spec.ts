/**
 * Statistics whose measures are made of sums, counts and counts under a condition (an organisation's members, an
 * enterprise's employees, a service request's 按时反馈率) are answered from the type's statistics tally
 * (src/registry/stats-tally.ts), which keeps each column's sum, how many records state it and how many meet each
 * condition. After records are archived, restored, moved to another city and given other values or none, every such
 * type's statistics per city equal a live count over its records with the type's own measure expressions, a sum of
 * records none of which states the column staying unknown (null), never 0; and the answer is the tally's (a tally
 * changed behind the API changes it). A measure the tally cannot keep (a count of distinct enterprises) is counted
 * live when asked for, and only then.
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
  const measures = t.statsTally!.measures.map((m) => `${m.live} AS "${m.alias}"`);
  return sorted(await q(`SELECT t.city_code AS "cityCode", count(*)::integer AS count, ${measures.join(', ')} FROM ${tableOf(t)} t WHERE t.archived_at IS NULL GROUP BY 1`));
}

/** The columns the tally's counters read: each with whether it is summed. */
const measuredColumns = (t: RegistryType) => {
  const names = t.statsTally!.counters.map((c) => c.name);
  const columns = [...new Set(names.filter((n) => /_(sum|known)$/.test(n)).map((n) => n.replace(/_(sum|known)$/, '')))];
  return columns.map((column) => ({ column, summed: names.includes(`${column}_sum`) }));
};

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

it('has a tally with measures for the types whose measures are sums, counts and shares of counts', () => {
  expect(measuredTypes().length).toBeGreaterThanOrEqual(5);
  for (const t of measuredTypes()) expect(t.statsTally!.counters.length).toBeGreaterThan(0);
  const byName = Object.fromEntries(registryTypes().map((t) => [t.typename, t.statsTally!]));
  // The service requests' shares and conditional counts are kept; the contracts' count of distinct enterprises is not.
  expect(byName.EnterpriseServiceRequest.measures.map((m) => m.alias)).toEqual(
    expect.arrayContaining(['answered', 'answeredWithinCommitment', 'withinCommitmentRate', 'resolved', 'rated', 'satisfactionRate']),
  );
  expect(byName.EnterpriseServiceRequest.untallied).toEqual([]);
  expect(byName.CollectiveInnovationContract.untallied).toEqual(['enterprises']);
  expect(byName.CollectiveInnovationContract.measures.map((m) => m.alias)).toContain('workersCovered');
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
    for (const { column, summed } of measuredColumns(t)) {
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
    for (const { column } of measuredColumns(t).filter((m) => nullable.has(m.column))) {
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
    // A city's group, or the group of records with no city (the published contracts are the province's).
    const city = (before.find((g) => g.cityCode) ?? before[0]).cityCode;
    await q(`UPDATE ${t.statsTally!.table} SET records = records + 1000 WHERE ctid = (SELECT ctid FROM ${t.statsTally!.table} WHERE city_code IS NOT DISTINCT FROM $1 AND records > 0 LIMIT 1)`, [city]);
    const after = (await perCityFromApi(t)) as Array<{ cityCode: string | null; count: number }>;
    expect(after.find((g) => g.cityCode === city)!.count).toBe(before.find((g) => g.cityCode === city)!.count + 1000);
  }
});

it('counts a measure the tally does not keep over the records when it is asked for, and only then', async () => {
  const contracts = registryTypes().find((t) => t.typename === 'CollectiveInnovationContract')!;
  const tally = contracts.statsTally!;
  const [{ city }] = await q(`SELECT city_code AS city FROM ${tally.table} WHERE records > 0 ORDER BY city_code LIMIT 1`);
  const live = async () =>
    (await q(`SELECT count(*)::integer AS count, count(DISTINCT enterprise_id)::integer AS enterprises FROM collective_innovation_contract WHERE archived_at IS NULL AND city_code IS NOT DISTINCT FROM $1`, [city]))[0];
  const ask = async (fields: string) => {
    const fragment = fields.includes('...E') ? ' fragment E on CollectiveInnovationContractGroup { enterprises }' : '';
    const res = await app.graphql(`{ s${(asked += 1)}: collectiveContractStats(groupBy: [CITY]) { cityCode ${fields} } }${fragment}`);
    expect(res.errors).toBeUndefined();
    return (Object.values(res.data)[0] as Array<Record<string, unknown>>).find((g) => g.cityCode === city)!;
  };
  // A tally changed behind the API shows which answered (the tests above have changed it already).
  const tallied = (await ask('count workersCovered')).count as number;
  await q(`UPDATE ${tally.table} SET records = records + 500 WHERE ctid = (SELECT ctid FROM ${tally.table} WHERE city_code IS NOT DISTINCT FROM $1 AND records > 0 LIMIT 1)`, [city]);
  try {
    const expected = await live();
    expect((await ask('count workersCovered')).count).toBe(tallied + 500);
    expect(await ask('count enterprises')).toMatchObject(expected);
    expect(await ask('count ...E')).toMatchObject(expected);
  } finally {
    await q(`UPDATE ${tally.table} SET records = records - 500 WHERE ctid = (SELECT ctid FROM ${tally.table} WHERE city_code IS NOT DISTINCT FROM $1 AND records >= 500 LIMIT 1)`, [city]);
  }
});

it('keeps a service request’s shares (按时反馈率, 满意率) equal to live ones over requests of every kind', async () => {
  const requests = registryTypes().find((t) => t.typename === 'EnterpriseServiceRequest')!;
  const aliases = requests.statsTally!.measures.map((m) => m.alias);
  // A city with no requests yet, in the records or the tally (the tests above move records and change the tally).
  const [{ city }] = await q(
    `SELECT code AS city FROM city WHERE province_code = '320000' AND code NOT IN (SELECT city_code FROM ${requests.statsTally!.table} WHERE city_code IS NOT NULL)
       AND code NOT IN (SELECT city_code FROM enterprise_service_request WHERE city_code IS NOT NULL) ORDER BY code DESC LIMIT 1`,
  );
  // Answered in time, late, unanswered, without a promise, rated each way and not at all; then some change.
  await q(
    `INSERT INTO enterprise_service_request (subject, city_code, province_code, response_commitment_hours, response_hours, satisfaction, resolved_on, received_on)
     SELECT '诉求' || i, $1, '320000', CASE WHEN i % 5 = 0 THEN NULL ELSE 24 END, CASE WHEN i % 4 = 0 THEN NULL ELSE (i * 7) % 48 END,
       (ARRAY['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', NULL])[1 + i % 4], CASE WHEN i % 3 = 0 THEN DATE '2026-03-01' END, DATE '2026-02-01'
     FROM generate_series(1, 40) i`,
    [city],
  ).catch(async (e) => {
    throw new Error(`inserting test requests: ${e.message}`);
  });
  await q(`UPDATE enterprise_service_request SET response_hours = 30 WHERE city_code = $1 AND response_hours < 10`, [city]);
  await q(`UPDATE enterprise_service_request SET satisfaction = NULL WHERE city_code = $1 AND satisfaction = 'DISSATISFIED' AND response_hours > 40`, [city]);
  await q(`UPDATE enterprise_service_request SET archived_at = now() WHERE city_code = $1 AND subject IN ('诉求3', '诉求8')`, [city]);
  const res = await app.graphql(`{ s${(asked += 1)}: enterpriseServiceRequestStats(groupBy: [CITY, SATISFACTION]) { cityCode satisfaction count ${aliases.join(' ')} } }`);
  expect(res.errors).toBeUndefined();
  const api = (Object.values(res.data)[0] as Array<Record<string, unknown>>).filter((g) => g.cityCode === city);
  const live = await q(
    `SELECT t.city_code AS "cityCode", t.satisfaction, count(*)::integer AS count, ${requests.statsTally!.measures.map((m) => `${m.live} AS "${m.alias}"`).join(', ')}
     FROM enterprise_service_request t WHERE t.archived_at IS NULL AND t.city_code = $1 GROUP BY 1, 2`,
    [city],
  );
  expect(api.length).toBe(4);
  expect(sorted(api)).toEqual(sorted(live));
  // Not all shares are trivial: some requests were late, some rated badly.
  expect(api.some((g) => typeof g.withinCommitmentRate === 'number' && (g.withinCommitmentRate as number) > 0 && (g.withinCommitmentRate as number) < 100)).toBe(true);
});
