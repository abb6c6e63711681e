/**
 * The goal dashboard in a real browser: Debian's Chromium driven by playwright-core, against the
 * real app on a real port, with a key required as in production. What the page shows must be the
 * API's own answers, in the documented order, and the page must never leave this server.
 */
import { goalMetrics } from '../../src/registry/goal-metrics';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browseApp, type BrowsedApp } from '../setup/chromium';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../setup/test-app';

const STATUS_ORDER = ['OFF_TRACK', 'AT_RISK', 'INSUFFICIENT_HISTORY', 'NO_DATA', 'ON_TRACK', 'ACHIEVED'];
const KEY_STORE = 'reform-registry.apiKey'; // where the page keeps the key (sessionStorage)
const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

const GOALS = `{ goals(first: 100) { pageInfo { hasNextPage } nodes {
  id metric deadline scope { ... on City { name } ... on Province { name } }
  progress { current target ratio daysLeft status statusReason statusExplanation projectedAtDeadline
    evidence { registryRecords sampleRecords undatedRecords latestPublished { value asOf source { publisher } } } } } } }`;
const STUDIOS = `query ($from: LocalDate!, $to: LocalDate!) {
  innovationStudioSeries(interval: YEAR, from: $from, to: $to, groupBy: CITY) {
    lines { provinceCode cityCode city { name } undatedCount points { period cumulative } } }
  innovationStudioStats(groupBy: [PROVINCE, CITY], filter: { isSample: true }) { provinceCode cityCode count } }`;

let app: TestApp;
let browsed: BrowsedApp;
let origin: string;
let browser: Browser;
let analystKey: string;

/** A GraphQL answer fetched by the test itself over HTTP, as the page does. */
async function api<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${analystKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data as T;
}

interface Opened {
  context: BrowserContext;
  page: Page;
  /** Every URL the browser requested. */
  requests: string[];
  consoleErrors: string[];
}

/** A fresh browser context (empty sessionStorage), optionally holding a key the user entered before. */
async function openDashboard(options: { key?: string } = {}): Promise<Opened> {
  const context = await browser.newContext();
  if (options.key) await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(KEY_STORE)}, ${JSON.stringify(options.key)});` });
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleErrors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${origin}/dashboard`);
  return { context, page, requests, consoleErrors };
}

/** Waits until the page has loaded; its state and the errors it shows (so that a failure says why). */
async function settled(page: Page): Promise<{ state: string | null; errors: string }> {
  await page.waitForSelector('body:not([data-state="loading"])', { timeout: 60_000 });
  const errors = (await page.locator('#errors').isVisible()) ? ((await page.textContent('#errors')) ?? '') : '';
  return { state: await page.getAttribute('body', 'data-state'), errors };
}

const READY = { state: 'ready', errors: '' };

const onlyOurOrigin = (requests: string[]) => requests.filter((url) => !url.startsWith(`${origin}/`));

beforeAll(async () => {
  app = await startTestApp({ requireKey: true });
  analystKey = (await app.createKey('ANALYST')).key;

  // Two goals with known statuses, so that both ends of the order are exercised (the published goals are NO_DATA or INSUFFICIENT_HISTORY).
  const admin = (await app.createKey('ADMIN')).key;
  const source = await app.graphqlAs(admin, '{ sources(first: 1) { nodes { id } } }');
  const sourceId = source.data.sources.nodes[0].id;
  const create = 'mutation ($input: CreateGoalInput!) { createGoal(input: $input) { goal { id } userErrors { code message } } }';
  for (const input of [
    { cityCode: '420100', metric: 'INNOVATION_STUDIOS', target: 1, deadline: '2030-12-31', sourceId }, // Wuhan has studios: achieved
    { cityCode: '320100', metric: 'INNOVATION_STUDIOS', target: 100_000, deadline: '2020-12-31', sourceId }, // Nanjing's 598, deadline passed: off track
    { cityCode: '420100', metric: 'COMPETITION_AWARDS', target: 10, deadline: '2030-12-31', sourceId }, // a metric the page's own list once forgot
  ]) {
    const res = await app.graphqlAs(admin, create, { input });
    expect(res.data.createGoal.userErrors).toEqual([]);
  }

  browsed = await browseApp(app);
  ({ origin, browser } = browsed);
}, 15 * 60_000);

afterAll(async () => {
  await browsed?.close();
  await app?.close();
});

jest.setTimeout(120_000);

describe('GET /dashboard', () => {
  it('is served from this server, without a key, under a same-origin-only CSP', async () => {
    const res = await fetch(`${origin}/dashboard`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|\bstyle=/); // no inline script or style

    const assets = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(assets).toEqual(expect.arrayContaining(['/dashboard/dashboard.js', '/dashboard/dashboard.css']));
    for (const url of assets) expect((await fetch(`${origin}${url}`)).status).toBe(200);
    expect((await fetch(`${origin}/dashboard/nothing.js`)).status).toBe(404);
  });

  it("shows the API's refusal without a key, and the data once a key is entered and kept in the tab", async () => {
    const { context, page, requests } = await openDashboard();
    const refused = await settled(page);
    expect(refused.state).toBe('error');
    expect(refused.errors).toContain('UNAUTHENTICATED');
    expect(await page.locator('[data-goal-id]').count()).toBe(0);

    await page.fill('#api-key', analystKey);
    await page.click('#key-form button[type="submit"]'); // the page sets data-state="loading" at once
    expect(await settled(page)).toEqual(READY);
    expect(await page.locator('[data-goal-id]').count()).toBeGreaterThan(0);

    await page.reload();
    expect(await settled(page)).toEqual(READY);
    expect(await page.inputValue('#api-key')).toBe(analystKey);

    const graphqlCalls = requests.filter((url) => url === `${origin}/graphql`);
    expect(graphqlCalls.length).toBeGreaterThanOrEqual(4); // goals + series, for each of the three loads
    expect(onlyOurOrigin(requests)).toEqual([]);
    await context.close();
  });

  it("shows every goal, worst first, with the API's current, target, status, its reason and evidence, and days left", async () => {
    const { context, page, requests, consoleErrors } = await openDashboard({ key: analystKey });
    expect(await settled(page)).toEqual(READY);

    const { goals } = await api(GOALS);
    expect(goals.pageInfo.hasNextPage).toBe(false);
    const expected = [...goals.nodes].sort(
      (a: any, b: any) =>
        STATUS_ORDER.indexOf(a.progress.status) - STATUS_ORDER.indexOf(b.progress.status) ||
        a.progress.ratio - b.progress.ratio ||
        (a.id < b.id ? -1 : 1),
    );

    const rows: Array<Record<string, string>> = await page
      .locator('[data-goal-id]')
      .evaluateAll((els: any[]) => els.map((e) => ({ ...e.dataset, text: e.textContent })));
    expect(rows.map((r) => r.goalId)).toEqual(expected.map((g: any) => g.id));
    expect(rows[0].status).toBe('OFF_TRACK');
    expect(rows[rows.length - 1].status).toBe('ACHIEVED');

    // The published data set's goals are judged by their evidence: none of them off track before its deadline.
    expect(rows.filter((r) => r.status === 'NO_DATA').length).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      const { progress, deadline, scope } = expected[i];
      expect({ current: Number(row.current), target: Number(row.target), status: row.status, reason: row.statusReason }).toEqual({
        current: progress.current,
        target: progress.target,
        status: progress.status,
        reason: progress.statusReason,
      });
      // The same numbers as visible text, not only as attributes: the count, the target, the projection where there is one.
      expect(row.text).toContain(scope.name);
      // The metric by the name its registry type declares, in Chinese and English, whichever type it is.
      const { label } = goalMetrics().get(expected[i].metric)!;
      expect(row.metric).toBe(expected[i].metric);
      expect(row.text).toContain(label.zh);
      expect(row.text).toContain(label.en);
      expect(row.text).toContain(`${number.format(progress.current)} / `);
      expect(row.text).toContain(number.format(progress.target));
      if (progress.projectedAtDeadline === null) expect(row.text).toContain('no projection');
      else expect(row.text).toContain(number.format(progress.projectedAtDeadline));
      expect(row.text).toContain(deadline);
      expect(row.text).toContain(`${number.format(progress.daysLeft)} 天`);
      expect(row.text).toContain(progress.statusExplanation);
      // Where the numbers come from: the registry's records, its samples and undated ones, the latest published figure.
      const e = progress.evidence;
      expect(row.text).toContain(`登记 registry ${number.format(e.registryRecords)} 条`);
      if (e.sampleRecords) expect(row.text).toContain(`示例 ${number.format(e.sampleRecords)} samples`);
      if (e.undatedRecords) expect(row.text).toContain(`未注明日期 ${number.format(e.undatedRecords)} undated`);
      if (e.latestPublished) expect(row.text).toContain(`${number.format(e.latestPublished.value)}（${e.latestPublished.source.publisher} ${e.latestPublished.asOf}）`);
      else expect(row.text).toContain('nothing published');
    });

    expect(onlyOurOrigin(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("shows each city with studios: the registry's count, how many are dated, undated and samples, and charts the dated ones", async () => {
    const { context, page, requests, consoleErrors } = await openDashboard({ key: analystKey });
    expect(await settled(page)).toEqual(READY);

    const charts = page.locator('#studio-charts');
    const from = await charts.getAttribute('data-from');
    const to = await charts.getAttribute('data-to');
    expect(from).toMatch(/^\d{4}-01-01$/);
    expect(to).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const { innovationStudioSeries, innovationStudioStats } = await api(STUDIOS, { from, to });
    // A line is a city, or a province's records without a city (cityCode null); only those with studios are shown.
    const key = (provinceCode: string | null, cityCode: string | null) => `${provinceCode ?? ''}/${cityCode ?? ''}`;
    const samples = new Map(innovationStudioStats.map((g: any) => [key(g.provinceCode, g.cityCode), g.count]));
    const expected = new Map<string, { name: string | null; latest: number; undated: number; samples: number }>(
      innovationStudioSeries.lines
        .filter((line: any) => (line.points.at(-1)?.cumulative ?? 0) + line.undatedCount > 0)
        .map((line: any) => [
          key(line.provinceCode, line.cityCode),
          { name: line.city?.name ?? null, latest: line.points.at(-1)?.cumulative ?? 0, undated: line.undatedCount, samples: samples.get(key(line.provinceCode, line.cityCode)) ?? 0 },
        ]),
    );
    expect(innovationStudioSeries.lines.length).toBeGreaterThan(300); // every city of the country has a line
    expect(expected.get(key('320000', '320100'))).toEqual({ name: '南京', latest: 0, undated: 598, samples: 598 }); // Nanjing's sample studios, undated

    const series: Array<Record<string, string>> = await page
      .locator('[data-city-code]')
      .evaluateAll((els: any[]) => els.map((e) => ({ ...e.dataset, caption: e.querySelector('figcaption').textContent })));
    const shown = series.map((s) => key(s.provinceCode || null, s.cityCode || null));
    expect(new Set(shown)).toEqual(new Set(expected.keys()));
    expect(series).toHaveLength(expected.size);
    series.forEach((s, i) => {
      const line = expected.get(shown[i])!;
      expect({ total: Number(s.total), cumulative: Number(s.cumulative), undated: Number(s.undated), samples: Number(s.samples) }).toEqual({
        total: line.latest + line.undated, cumulative: line.latest, undated: line.undated, samples: line.samples,
      });
      expect(s.caption).toContain(`${number.format(line.latest + line.undated)} 个 studios`);
      expect(s.caption).toContain(`${number.format(line.latest)} 个注明成立日期 dated`);
      if (line.name) expect(s.caption).toContain(line.name);
      if (line.undated) expect(s.caption).toContain(`${number.format(line.undated)} 个未注明 undated`);
      if (line.samples) expect(s.caption).toContain(`${number.format(line.samples)} 个示例 samples`);
    });

    expect(onlyOurOrigin(requests)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
  it("shows the reform's activities per city as the statistics count them, with '—' for none registered and no rate invented", async () => {
    const { context, page, consoleErrors } = await openDashboard({ key: analystKey });
    expect(await settled(page)).toEqual(READY);
    const cell = (place: string, activity: string) => page.locator(`[data-activity-place="${place}"] [data-activity="${activity}"]`).innerText();
    const stats = await api(`{ skillCompetitionStats(groupBy: [PROVINCE, CITY]) { provinceCode cityCode count }
      grassrootsOrganisationStats(groupBy: [CITY, KIND], filter: { cityCode: "321100" }) { kind count } }`);
    for (const g of stats.skillCompetitionStats) expect(await cell(`${g.provinceCode}/${g.cityCode ?? ''}`, 'competitions')).toBe(number.format(g.count));
    expect(stats.skillCompetitionStats.length).toBeGreaterThan(1);
    const zhenjiang = Object.fromEntries(stats.grassrootsOrganisationStats.map((g: any) => [g.kind, g.count]));
    expect(await cell('320000/321100', 'unions')).toBe(number.format(zhenjiang.TRADE_UNION));
    expect(await cell('320000/321100', 'branches')).toBe(number.format(zhenjiang.PARTY_BRANCH));
    // Nothing records a response time or a rating: the rates say so instead of 0%.
    expect(await cell('320000/321100', 'requests')).toBe('47 件 · 按时 无记录 · 满意 无记录');
    expect(await cell('320000/320100', 'training')).toBe(`1 项 · 77 场 · ${number.format(2000)} 人次`);
    expect(await cell('320000/321100', 'competitions')).toBe('—');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('charts and exports', () => {
  /** The options of the ECharts chart in an element, as the page set them. */
  const optionOf = (page: Page, id: string) =>
    page.evaluate((chartId) => {
      const g = globalThis as any;
      const chart = g.echarts.getInstanceByDom(g.document.getElementById(chartId));
      return chart ? JSON.parse(JSON.stringify(chart.getOption(), (_k, v) => (typeof v === 'function' ? undefined : v))) : null;
    }, id);

  it("draws the ranking against goals with ECharts: one bar per goal of the metric, the API's ratios, highest first", async () => {
    const { context, page, consoleErrors } = await openDashboard({ key: analystKey });
    expect(await settled(page)).toEqual(READY);
    expect(await page.inputValue('#ranking-metric')).toBe('INNOVATION_STUDIOS');
    const { goals } = await api(GOALS);
    const expected = goals.nodes
      .filter((g: any) => g.metric === 'INNOVATION_STUDIOS')
      .sort((a: any, b: any) => b.progress.ratio - a.progress.ratio || (a.id < b.id ? -1 : 1));
    const option = await optionOf(page, 'ranking-chart');
    expect(option.yAxis[0].data).toEqual(expected.map((g: any) => g.scope.name));
    expect(option.series[0].data.map((d: any) => d.value)).toEqual(expected.map((g: any) => Math.round(g.progress.ratio * 1000) / 10));

    // Another metric redraws it with that metric's goals.
    await page.selectOption('#ranking-metric', 'COMPETITION_AWARDS');
    const awards = await optionOf(page, 'ranking-chart');
    expect(awards.yAxis[0].data).toEqual(goals.nodes.filter((g: any) => g.metric === 'COMPETITION_AWARDS').map((g: any) => g.scope.name));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("draws the dated studios per city and per month with the API's numbers", async () => {
    const { context, page } = await openDashboard({ key: analystKey });
    expect(await settled(page)).toEqual(READY);
    const from = (await page.locator('#studio-charts').getAttribute('data-from'))!;
    const to = (await page.locator('#studio-charts').getAttribute('data-to'))!;
    const { innovationStudioSeries } = await api(STUDIOS, { from, to });
    const dated = innovationStudioSeries.lines.filter((line: any) => (line.points.at(-1)?.cumulative ?? 0) > 0);
    const trend = await optionOf(page, 'studio-trend');
    expect(trend.series.map((s: any) => s.data.at(-1)).sort()).toEqual(dated.map((line: any) => line.points.at(-1).cumulative).sort());
    expect(trend.series.length).toBe(dated.length);

    const months = await optionOf(page, 'studio-monthly');
    const firstMonth = `${months.xAxis[0].data[0]}-01`;
    const { innovationStudioSeries: monthly } = await api(`query ($from: LocalDate!, $to: LocalDate!) { innovationStudioSeries(interval: MONTH, from: $from, to: $to) { lines { points { period count } } } }`, { from: firstMonth, to });
    expect(months.series[0].data).toEqual(monthly.lines[0].points.map((p: any) => p.count));
    expect(months.xAxis[0].data).toHaveLength(24);
    await context.close();
  });

  it('finds the Chinese font (no warning), and exports what a section shows as a workbook', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(KEY_STORE)}, ${JSON.stringify(analystKey)});` });
    const page = await context.newPage();
    await page.goto(`${origin}/dashboard`);
    expect(await settled(page)).toEqual(READY);
    expect(await page.locator('#font-warning').isHidden()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-export="goals"]')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = await page.locator('[data-goal-id]').evaluateAll((els: any[]) => els.map((e) => [Number(e.dataset.current), Number(e.dataset.target)]));
    expect(sheet.rowCount - 1).toBe(rows.length);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const current = header.indexOf('当前 current') + 1;
    const target = header.indexOf('目标 target') + 1;
    rows.forEach(([c, t], i) => expect([sheet.getRow(i + 2).getCell(current).value, sheet.getRow(i + 2).getCell(target).value]).toEqual([c, t]));
    await context.close();
  });

  it('says so when the browser has no Chinese font, instead of showing boxes', async () => {
    const { context, page } = await openDashboard({ key: analystKey });
    expect(await settled(page)).toEqual(READY);
    // A browser without a CJK font draws 中 as the box it draws for a character no font has: the page's own test, given that answer.
    const warned = await page.evaluate(() => {
      const g = globalThis as any;
      const proto = g.CanvasRenderingContext2D.prototype;
      const fillText = proto.fillText;
      proto.fillText = function (this: any, text: string, x: number, y: number) {
        return fillText.call(this, text === '中' ? '\uE000' : text, x, y);
      };
      g.document.querySelector('#key-form button[type="submit"]').click();
      return new Promise((resolve) => setTimeout(() => resolve(!g.document.getElementById('font-warning').hidden), 500));
    });
    expect(warned).toBe(true);
    expect(await page.textContent('#font-warning')).toContain('fonts-noto-cjk');
    await context.close();
  });
});

describe('drill down by place', () => {
  const TYPES = ['innovationStudioStats', 'craftsmanStats', 'craftsmanAcademyStats', 'collectiveContractStats'];
  /** The page's data-places for a level, computed from the API itself: counts of the four types per place, largest total first. */
  async function expectedPlaces(groupBy: string, code: string, filter: string): Promise<string> {
    const data = await api(`{ ${TYPES.map((t, i) => `t${i}: ${t}(groupBy: [${groupBy}]${filter}) { ${code} count }`).join(' ')} }`);
    const places = new Map<string, number[]>();
    TYPES.forEach((_t, i) => {
      for (const g of data[`t${i}`]) {
        const key = g[code] ?? '-';
        if (!places.has(key)) places.set(key, TYPES.map(() => 0));
        places.get(key)![i] += g.count;
      }
    });
    const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
    return [...places.entries()]
      .sort(([a, x], [b, y]) => total(y) - total(x) || (a === '-' ? '' : a).localeCompare(b === '-' ? '' : b))
      .map(([key, counts]) => `${key}:${counts.join('/')}`)
      .join(',');
  }

  it("goes from the country to a province, a city and its districts, with the API's counts at every level, and back", async () => {
    const { context, page, consoleErrors } = await openDashboard({ key: analystKey });
    expect(await settled(page)).toEqual(READY);
    const chart = page.locator('#drill-chart');
    expect(await chart.getAttribute('data-level')).toBe('country');
    expect(await chart.getAttribute('data-places')).toBe(await expectedPlaces('PROVINCE', 'provinceCode', ''));

    await page.selectOption('#drill-place', '320000');
    await page.waitForSelector('#drill-chart[data-level="province"]');
    expect(await chart.getAttribute('data-places')).toBe(await expectedPlaces('CITY', 'cityCode', ', filter: { provinceCode: "320000" }'));

    await page.selectOption('#drill-place', '320100');
    await page.waitForSelector('#drill-chart[data-level="city"]');
    expect(await chart.getAttribute('data-places')).toBe(await expectedPlaces('DISTRICT', 'districtCode', ', filter: { cityCode: "320100" }'));
    expect(await page.isDisabled('#drill-place')).toBe(true); // districts are the last level
    expect(await page.textContent('#drill-path')).toContain('江苏');

    await page.click('#drill-path button.crumb[data-depth="0"]');
    await page.waitForSelector('#drill-chart[data-level="country"]');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
