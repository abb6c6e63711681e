/**
 * The goal dashboard (GET /dashboard): a static page that reads the GraphQL API like any client.
 * Analysts' browsers are on government networks without internet, so everything comes from this
 * server, with no build step: the files beside this one are sent as they are. The page holds no
 * data, so it is open even where the API needs a key; the page asks for the key and sends it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { escapeHtml } from '../../common/html';
import { goalMetrics } from '../../registry/goal-metrics';

/** Files under /dashboard/, with their content types; read once, when the router is built. */
const ASSETS: ReadonlyArray<[name: string, type: string]> = [
  ['dashboard.js', 'text/javascript; charset=utf-8'],
  ['dashboard.css', 'text/css; charset=utf-8'],
  ['favicon.svg', 'image/svg+xml'],
];

/** Only our own origin: no inline script or style, no CDN, no fetch elsewhere. */
const CSP = ["default-src 'self'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'self'", "object-src 'none'"].join('; ');

// No versioned URLs, so browsers revalidate (ETag) instead of keeping a stale script after a deploy.
const HEADERS = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };

const read = (name: string) => readFileSync(path.join(__dirname, name), 'utf8');

/**
 * The page, with the goal metrics' names as the registry types declare them (data-metrics: metric → [中文, English]),
 * so that a new type's goals are named on the dashboard without touching it.
 */
function dashboardPage(): string {
  const metrics = Object.fromEntries([...goalMetrics()].map(([metric, m]) => [metric, [m.label.zh, m.label.en]]));
  const page = read('index.html');
  if (!page.includes('<body ')) throw new Error('dashboard/index.html has no <body> element to carry the metric names');
  return page.replace('<body ', `<body data-metrics="${escapeHtml(JSON.stringify(metrics))}" `);
}

/** Apache ECharts, from node_modules: the charts are drawn by it, served from here like everything else. */
const ECHARTS = path.join(path.dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.min.js');

export function dashboardRouter(): Router {
  const page = dashboardPage();
  const assets = new Map(ASSETS.map(([name, type]) => [name, { type, body: read(name) }]));
  assets.set('echarts.min.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(ECHARTS, 'utf8') });
  const router = Router();

  router.get('/dashboard', (_req, res) => {
    res.set(HEADERS).type('html').send(page);
  });

  router.get('/dashboard/:file', (req, res, next) => {
    const asset = assets.get(req.params.file);
    if (!asset) return next();
    res.set(HEADERS).type(asset.type).send(asset.body);
  });

  return router;
}
