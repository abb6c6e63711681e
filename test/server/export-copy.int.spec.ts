/**
 * CSV and NDJSON downloads made by PostgreSQL's COPY (src/modules/export/export-copy.ts) are byte for byte the
 * downloads made row by row in Node (EXPORTS_BY_COPY=false), for every exported type, over the same database:
 * the same header, quoting, formula neutralisation, global IDs, times, enums, empty cells for unknowns, and the
 * same rows for a filter whose values COPY takes as literals. Records are first given the text that is hard to
 * write: formulas, quotes, commas, line breaks, tabs, control characters, backslashes and times with microseconds.
 */
import request from 'supertest';
import { createApp, type RegistryApp } from '../../src/server/app';
import { logger } from '../../src/logger';
import { copyPlan } from '../../src/modules/export/export-copy';
import { exportStatement } from '../../src/modules/export/export-stream';
import { exportTypes } from '../../src/modules/export/export-types';
import { asBytes } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let rowByRow: RegistryApp;
let admin: string;

/** Text a spreadsheet or a CSV reader trips on, one per record. */
const HARD_TEXT = [
  '=HYPERLINK("http://example.invalid","点我")',
  '+86 25 8312 3456',
  '-5',
  '-5x',
  '@SUM(A1)',
  '\tTabbed, "quoted"',
  '\rCarriage',
  'Line one\r\nline two',
  'Back\\slash and \u0001 control',
  '南京市"秦淮区",创新工作室',
  '1e5',
];

beforeAll(async () => {
  app = await startTestApp();
  rowByRow = await createApp(app.dataSource, app.requestPool, { requireKey: false, exportsByCopy: false, logger: logger.child({}, { level: 'warn' }) });
  admin = (await app.createKey('ADMIN')).key;
  // Behind the API, as the owner: texts the API's own checks may refuse are still what a download must carry exactly.
  for (const [table, column] of [['innovation_studio', 'name'], ['enterprise', 'name'], ['enterprise', 'industry'], ['craftsman_academy', 'name'], ['source', 'title']]) {
    await app.dataSource.query(
      `UPDATE ${table} t SET ${column} = ($1::text[])[1 + (n.i - 1) % array_length($1::text[], 1)],
              updated_at = timestamptz '2026-03-04 05:06:07.123999+00' + n.i * interval '1 microsecond'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM ${table} ORDER BY id LIMIT 40) n WHERE n.id = t.id`,
      [HARD_TEXT],
    );
  }
  // An empty text is not an unknown one: an empty cell either way in CSV, "" beside null in NDJSON.
  await app.dataSource.query(`UPDATE enterprise SET name_en = '' WHERE id IN (SELECT id FROM enterprise ORDER BY id LIMIT 3)`);
});
afterAll(async () => {
  await rowByRow.apollo.stop();
  await app.close();
});

const download = (registry: RegistryApp, path: string): Promise<{ status: number; body: Buffer; type: string }> =>
  asBytes(request(registry.app).get(path).set('authorization', `Bearer ${admin}`)).then((res) => ({ status: res.status, body: res.body as Buffer, type: String(res.headers['content-type']) }));

/** The types COPY serves: every column has an exact SQL spelling, and no column is computed in Node. */
const byCopy = () => exportTypes().filter((t) => copyPlan(t, 'csv', exportStatement(t, {})) !== null);

it('serves by COPY every type without a column only Node can make', () => {
  expect(byCopy().map((t) => t.slug).sort()).toEqual([
    'collective-contracts',
    'competition-awards',
    'craftsman-academies',
    'enterprises',
    'grassroots-organisations',
    'innovation-studios',
    'reform-alliances',
    'reform-demonstrations',
    'skill-competitions',
    'sources',
    'training-programmes',
  ]);
});

describe.each(['csv', 'ndjson'])('%s', (format) => {
  it.each(exportTypes().map((t) => t.slug))('%s: the same bytes by COPY as row by row', async (slug) => {
    const [copied, rows] = await Promise.all([download(app, `/export/${slug}.${format}`), download(rowByRow, `/export/${slug}.${format}`)]);
    expect(copied.status).toBe(200);
    expect(copied.type).toBe(rows.type);
    // NDJSON of a type with no records is empty; CSV has its header at least.
    if (format === 'csv') expect(copied.body.length).toBeGreaterThan(100);
    // A difference shows as the first line that differs, not as two megabytes.
    if (!copied.body.equals(rows.body)) {
      const a = copied.body.toString('utf8').split('\n');
      const b = rows.body.toString('utf8').split('\n');
      const at = a.findIndex((line, i) => line !== b[i]);
      expect({ line: at, copied: a[at] }).toEqual({ line: at, copied: b[at] });
    }
    expect(copied.body.equals(rows.body)).toBe(true);
  });
});

it('gives the rows a filter selects, its values taken as literals, quotes and backslashes included', async () => {
  const paths = [
    '/export/innovation-studios.csv?cityCode=320100&kinds=MODEL_WORKER,CRAFTSMAN',
    `/export/innovation-studios.csv?nameContains=${encodeURIComponent('"秦淮区",')}`,
    `/export/enterprises.ndjson?nameContains=${encodeURIComponent('Back\\slash')}`,
    `/export/craftsman-academies.csv?nameContains=${encodeURIComponent("O'Brien")}`,
  ];
  for (const path of paths) {
    const [copied, rows] = await Promise.all([download(app, path), download(rowByRow, path)]);
    expect({ path, status: copied.status }).toEqual({ path, status: 200 });
    expect({ path, same: copied.body.equals(rows.body) }).toEqual({ path, same: true });
  }
  // The filters select: a name search finds the hard text it was given, and not every row.
  const quoted = (await download(app, paths[1])).body.toString('utf8');
  expect(quoted.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
  expect(quoted).toContain('"南京市""秦淮区"",创新工作室"');
  // What a spreadsheet would run is written as text, by COPY as by Node.
  const enterprises = (await download(app, '/export/enterprises.csv')).body.toString('utf8');
  expect(enterprises).toContain(`"'=HYPERLINK(""http://example.invalid"",""点我"")"`);
  expect(enterprises).toContain(`,'@SUM(A1),`);
  expect(enterprises).toContain(`,-5,`);
});
