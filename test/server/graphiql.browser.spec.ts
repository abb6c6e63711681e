/**
 * GraphiQL for analysts who do not write GraphQL, in Debian's Chromium against the real app with a key required:
 * the Explorer builds queries by ticking fields, and a result's list downloads as a workbook with the same cells
 * as every other export; nothing is fetched from outside this server.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { browseApp, type BrowsedApp } from '../setup/chromium';
import { sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let browsed: BrowsedApp;
let origin: string;
let browser: Browser;
let analystKey: string;

beforeAll(async () => {
  app = await startTestApp({ requireKey: true });
  analystKey = (await app.createKey('ANALYST')).key;
  browsed = await browseApp(app);
  ({ origin, browser } = browsed);
}, 15 * 60_000);

afterAll(async () => {
  await browsed?.close();
  await app?.close();
});

const QUERY = '{ cities(first: 20, filter: { provinceCode: "320000" }, orderBy: NAME_ASC) { nodes { code name province { name } } } }';

it('opens with the Explorer and the tab\'s key, runs a query, and downloads its list as a workbook', async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  // The key as the dashboard keeps it for the tab: GraphiQL starts with it in its headers, so the schema loads.
  await context.addInitScript({ content: `sessionStorage.setItem('reform-registry.apiKey', ${JSON.stringify(analystKey)});` });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  // A refused download says why in an alert: the test fails with it.
  page.on('dialog', (dialog) => {
    errors.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${origin}/graphql`);

  // The Explorer is open: the schema's root fields can be ticked.
  await page.waitForFunction(() => (globalThis as any).document.querySelector('.graphiql-plugin')?.textContent?.includes('innovationStudios'), undefined, { timeout: 60_000 });

  // GraphiQL's own labels, Chinese first: if GraphiQL renames one, this says which.
  const labels = await page.evaluate(() => {
    const d = (globalThis as any).document;
    return {
      text: d.body.innerText as string,
      aria: [...d.querySelectorAll('[aria-label]')].map((e: any) => e.getAttribute('aria-label') as string),
    };
  });
  for (const label of ['变量 Variables', '请求头 Headers']) expect(labels.text).toContain(label);
  for (const label of ['执行查询 Execute query (Ctrl-Enter)', '格式化 Prettify query (Shift-Ctrl-P)', '重新获取接口定义 Re-fetch GraphQL schema']) expect(labels.aria).toContain(label);

  // A query, as an analyst would tick it in the Explorer or type it (the editors are CodeMirror 5's).
  await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue(${JSON.stringify(QUERY)})`);
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => (globalThis as any).document.querySelector('.graphiql-response')?.textContent?.includes('常州'), undefined, { timeout: 30_000 });

  const downloaded = page.waitForEvent('download', { timeout: 30_000 }).catch((error: Error) => {
    throw new Error(`${error.message}; the page said: ${errors.join(' | ')}`);
  });
  await page.click('[data-download="xlsx"]');
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe('query-result.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['code', 'name', 'province.name']);
  const expected = await sqlRows(app, `SELECT code, name FROM city WHERE province_code = '320000' ORDER BY name COLLATE registry_name, code`);
  const rows = [];
  for (let n = 2; n <= sheet.rowCount; n += 1) rows.push({ code: sheet.getRow(n).getCell(1).value, name: sheet.getRow(n).getCell(2).value });
  expect(rows).toEqual(expected);
  expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String); // a division code stays text

  expect(errors).toEqual([]);
  expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([]);
  await context.close();
}, 120_000);
