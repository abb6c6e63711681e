/**
 * No seeded value is invented: every sample record of the published data set, read back from the
 * registry, carries exactly what its report states (seeds/published/reports.ts, SAMPLE_GROUPS) and
 * nothing else, and each breakdown holds exactly as many records as the report counts. Named records
 * carry no ownership, employee count or date the reports do not give. Goals and figures keep the
 * qualifiers the reports wrote.
 */
import { syntheticCreditCode } from '../../src/common/credit-code';
import { NAMED_ENTERPRISES, REPORTED_FIGURES, SAMPLE_GROUPS, SOURCES, type SampleCell, type SampleGroup, type SourceKey } from '../../seeds/published/reports';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => app.dataSource.query(text, params) as Promise<T[]>;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

/** Columns that identify or label a record, or keep its books: not facts about it. */
const NOT_FACTS = new Set(['id', 'name', 'subject', 'name_en', 'is_sample', 'source_id', 'version', 'created_at', 'updated_at', 'archived_at', 'external_id', 'credit_code']);

/** A row's stated attributes: every non-null column but the labels and books, the enterprise as the reports name it. */
async function statedAttributes(table: string): Promise<Array<{ source: SourceKey; facts: Record<string, unknown> }>> {
  const sourceKey = new Map((await q<{ id: number; title: string }>('SELECT id, title FROM source')).map((s) => [s.id, (Object.keys(SOURCES) as SourceKey[]).find((k) => SOURCES[k].title === s.title)!]));
  const enterprises = new Map(
    (await q<{ id: number; credit_code: string; is_sample: boolean; source_id: number }>('SELECT id, credit_code, is_sample, source_id FROM enterprise')).map((e) => [e.id, e]),
  );
  const namedByCode = new Map(Object.entries(NAMED_ENTERPRISES).map(([key, e]) => [syntheticCreditCode(e.division, e.serial), key]));
  const alliances = new Map((await q<{ id: number; name: string }>('SELECT id, name FROM reform_alliance')).map((a) => [a.id, a.name]));
  const rows = await q(`SELECT * FROM ${table} WHERE is_sample ORDER BY id`);
  return rows.map((row) => {
    const facts: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (value === null || NOT_FACTS.has(column)) continue;
      if (column === 'enterprise_id') {
        const e = enterprises.get(value as number)!;
        facts.enterprise = e.is_sample ? `sample of ${sourceKey.get(e.source_id)}` : `named ${namedByCode.get(e.credit_code)}`;
      } else if (column === 'reform_alliance_id') facts.reform_alliance = alliances.get(value as number);
      else facts[column] = typeof value === 'string' ? value.trim() : value;
    }
    return { source: sourceKey.get(row.source_id as number)!, facts };
  });
}

/** What a cell of a group states of each of its records, in the shape statedAttributes gives. */
function cellFacts(group: SampleGroup, cell: SampleCell): { source: SourceKey; facts: Record<string, unknown> } {
  const facts: Record<string, unknown> = { ...group.common, ...cell.states };
  const ref = cell.enterprise ?? group.enterprise;
  if (ref) facts.enterprise = 'named' in ref ? `named ${ref.named}` : `sample of ${(SAMPLE_GROUPS as Record<string, SampleGroup>)[ref.ownSampleOf].source}`;
  return { source: cell.source ?? group.source, facts };
}

const canonical = (x: { source: string; facts: Record<string, unknown> }) =>
  JSON.stringify([x.source, Object.entries(x.facts).sort(([a], [b]) => a.localeCompare(b))]);

describe('sample records carry only what their report states', () => {
  const tables = [...new Set(Object.values(SAMPLE_GROUPS).map((g) => g.table))];

  it.each(tables)('%s: every sample record is one of a report’s cells, and every cell has its count', async (table) => {
    const expected = new Map<string, number>();
    for (const group of Object.values(SAMPLE_GROUPS) as SampleGroup[]) {
      if (group.table !== table) continue;
      for (const cell of group.cells) {
        const key = canonical(cellFacts(group, cell));
        expected.set(key, (expected.get(key) ?? 0) + cell.count);
      }
    }
    const actual = new Map<string, number>();
    for (const row of await statedAttributes(table)) actual.set(canonical(row), (actual.get(canonical(row)) ?? 0) + 1);
    // A record with a value no report states shows up here as a key the reports do not have.
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
  });

  it('no sample record has a date, an ownership, an industry, an employee count, a coverage or a demonstration level its report does not give', async () => {
    const [invented] = await q<Record<string, number>>(`SELECT
      (SELECT count(*) FROM enterprise WHERE is_sample AND (ownership IS NOT NULL OR industry IS NOT NULL OR employee_count IS NOT NULL OR established_on IS NOT NULL))::int AS enterprises,
      (SELECT count(*) FROM innovation_studio WHERE is_sample AND source_id IN (SELECT id FROM source WHERE publisher = '南京日报') AND (established_on IS NOT NULL OR demonstration_level IS NOT NULL OR enterprise_id IS NOT NULL))::int AS studios,
      (SELECT count(*) FROM collective_innovation_contract WHERE signed_on IS NOT NULL OR term_months IS NOT NULL OR workers_covered IS NOT NULL)::int AS contracts,
      (SELECT count(*) FROM craftsman WHERE is_sample AND (year IS NOT NULL OR recognized_on IS NOT NULL))::int AS craftsmen,
      (SELECT count(*) FROM craftsman_academy WHERE is_sample AND (established_on IS NOT NULL OR on_provincial_support_list IS NOT NULL))::int AS academies`);
    expect(invented).toEqual({ enterprises: 0, studios: 0, contracts: 0, craftsmen: 0, academies: 0 });
  });
});

describe('named records and published numbers', () => {
  it('the enterprises the reports name have no ownership, employee count or founding date (the reports give none)', async () => {
    const rows = await q<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise WHERE NOT is_sample AND (ownership IS NOT NULL OR employee_count IS NOT NULL OR established_on IS NOT NULL)`);
    expect(rows[0].n).toBe(0);
    expect(await q(`SELECT name, industry FROM enterprise WHERE NOT is_sample ORDER BY name`)).toEqual(
      Object.values(NAMED_ENTERPRISES).map((e) => ({ name: e.name, industry: e.industry })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    );
  });

  it('figures keep the reports’ qualifiers and kinds: "over 20,800" is AT_LEAST, Foshan’s 266 new unions a PLAN', async () => {
    const figures = await q<{ metric: string; value: number; qualifier: string; kind: string; city_code: string | null }>(
      `SELECT metric, value::float8 AS value, qualifier, kind, city_code FROM reported_figure ORDER BY id`,
    );
    expect(figures).toHaveLength(REPORTED_FIGURES.length);
    expect(figures).toContainEqual({ metric: 'ENTERPRISES_WITH_COLLECTIVE_CONTRACTS', value: 20_800, qualifier: 'AT_LEAST', kind: 'ACHIEVEMENT', city_code: null });
    expect(figures).toContainEqual({ metric: 'NEW_GRASSROOTS_TRADE_UNIONS', value: 266, qualifier: 'EXACT', kind: 'PLAN', city_code: '440600' });
    expect(figures).toContainEqual({ metric: 'ISSUE_RESOLUTION_SATISFACTION', value: 97, qualifier: 'AT_LEAST', kind: 'ACHIEVEMENT', city_code: '321100' });
    expect(figures).toContainEqual({ metric: 'INNOVATION_STUDIOS', value: 598, qualifier: 'EXACT', kind: 'ACHIEVEMENT', city_code: '320100' });
    // Every figure the seed writes carries the report's words it rests on.
    for (const figure of REPORTED_FIGURES) expect(String(figure.says).length).toBeGreaterThan(10);
  });

  it('goals keep their published qualifier: "超过1000家" AT_LEAST, "100名左右" ABOUT', async () => {
    const goals = await q<{ description: string; target_qualifier: string }>(`SELECT description, target_qualifier FROM goal ORDER BY id`);
    for (const goal of goals) expect(goal.target_qualifier).toBe(goal.description.includes('超过') ? 'AT_LEAST' : goal.description.includes('左右') ? 'ABOUT' : 'EXACT');
  });
});
