/**
 * Records a test needs that the published data set does not have. The reports name no enterprise in
 * most cities (Nanjing's studios are hosted by enterprises they do not name), so a test that writes
 * under an enterprise of a city makes its own here, in its own database copy, as the owner.
 */
import { Role } from '../../src/auth/caller';
import { syntheticCreditCode } from '../../src/common/credit-code';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import { apiKeyStore } from '../../src/modules/api-key/api-key.store';

type Query = (text: string, params?: unknown[]) => Promise<any[]>;

/** Serials of test enterprises: above the published (< 1,000 and 100,001…) and the scale seed's (10,000,001…) ones. */
let serial = 90_000_000;

/**
 * `count` active test enterprises in `cityCode` (测试企业), with valid credit codes; resolves to
 * their ids and codes, oldest first. Ownership (PRIVATE unless given), industry and employees as given.
 */
export async function testEnterprises(
  query: Query,
  cityCode: string,
  count = 1,
  values: { ownership?: string; industry?: string; employeeCount?: number } = {},
): Promise<Array<{ id: number; credit_code: string }>> {
  const codes = Array.from({ length: count }, () => syntheticCreditCode(cityCode, (serial += 1)));
  return query(
    `INSERT INTO enterprise (credit_code, name, ownership, industry, employee_count, province_code, city_code)
     SELECT u.credit_code, '测试企业 ' || u.credit_code, $2, $3, $4, c.province_code, c.code
     FROM unnest($1::text[]) WITH ORDINALITY AS u(credit_code, n), city c WHERE c.code = $5
     ORDER BY u.n
     RETURNING id, credit_code`,
    [codes, values.ownership ?? 'PRIVATE', values.industry ?? null, values.employeeCount ?? null, cityCode],
  );
}

/** How many records of its own a test enterprise of testEnterpriseFamilies gets. */
export interface TestFamilySize {
  studios?: number;
  contracts?: number;
  craftsmen?: number;
}

/**
 * `count` test enterprises in `cityCode` (testEnterprises), each placed in one of the city's
 * districts in turn (by code), with records of their own in the enterprise's city and district;
 * `size(i)` says how many for the i-th: studios (测试工作室, kinds MODEL_WORKER and EMPLOYEE in
 * turn, founded on the 1st of successive months from 2023-10-01 on, across all enterprises),
 * contracts (signed 2024-03-01, 36 months, 100 + i workers, 4 projects planned, 1 completed) and
 * craftsmen (测试工匠, municipal, certified). Resolves to the enterprises, oldest first, with their district.
 */
export async function testEnterpriseFamilies(
  query: Query,
  cityCode: string,
  count: number,
  size: (index: number) => TestFamilySize,
): Promise<Array<{ id: number; credit_code: string; district_code: string }>> {
  const districts: Array<{ code: string }> = await query('SELECT code FROM district WHERE city_code = $1 ORDER BY code', [cityCode]);
  if (districts.length === 0) throw new Error(`city ${cityCode} has no districts`);
  const families = (await testEnterprises(query, cityCode, count)).map((e, i) => ({ ...e, district_code: districts[i % districts.length].code }));
  let months = 0;
  for (const [i, { id, district_code }] of families.entries()) {
    const { studios = 0, contracts = 0, craftsmen = 0 } = size(i);
    await query('UPDATE enterprise SET district_code = $2 WHERE id = $1', [id, district_code]);
    await query(
      `INSERT INTO innovation_studio (name, kind, established_on, enterprise_id, province_code, city_code, district_code)
       SELECT '测试工作室 ' || e.credit_code || '-' || n, CASE WHEN n % 2 = 1 THEN 'MODEL_WORKER' ELSE 'EMPLOYEE' END,
              (date '2023-10-01' + make_interval(months => $3 + n - 1))::date, e.id, e.province_code, e.city_code, e.district_code
       FROM enterprise e, generate_series(1, $2::int) AS n WHERE e.id = $1 ORDER BY n`,
      [id, studios, months],
    );
    months += studios;
    await query(
      `INSERT INTO collective_innovation_contract (enterprise_id, signed_on, term_months, workers_covered, projects_planned, projects_completed,
         province_code, city_code, district_code)
       SELECT e.id, date '2024-03-01', 36, 100 + $3::int, 4, 1, e.province_code, e.city_code, e.district_code
       FROM enterprise e, generate_series(1, $2::int) AS n WHERE e.id = $1 ORDER BY n`,
      [id, contracts, i],
    );
    await query(
      `INSERT INTO craftsman (name, level, status, enterprise_id, province_code, city_code, district_code)
       SELECT '测试工匠 ' || e.credit_code || '-' || n, 'MUNICIPAL', 'CERTIFIED', e.id, e.province_code, e.city_code, e.district_code
       FROM enterprise e, generate_series(1, $2::int) AS n WHERE e.id = $1 ORDER BY n`,
      [id, craftsmen],
    );
  }
  return families;
}

/**
 * What the tests of running servers write with: a new ADMIN key (as it is shown once) and the global id of a new
 * test enterprise in Nanjing, made as the owner through `owner`.
 */
export async function adminAndEnterprise(owner: { query(text: string, params?: unknown[]): Promise<any[]> }, label: string): Promise<{ admin: string; enterpriseId: string }> {
  const admin = (await apiKeyStore.create(owner, { role: Role.ADMIN, cityCode: null, label })).key;
  const [enterprise] = await testEnterprises((text, params) => owner.query(text, params), '320100');
  return { admin, enterpriseId: toGlobalId('Enterprise', enterprise.id) };
}
