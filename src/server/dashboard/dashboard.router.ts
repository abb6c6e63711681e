/**
 * The goal dashboard (GET /dashboard): a static page that reads the GraphQL API like any client.
 * Analysts' browsers are on government networks without internet, so everything comes from this
 * server, with no build step: the files beside this one are sent as they are. The page holds no
 * data, so it is open even where the API needs a key; the page asks for the key and sends it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';

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

export function dashboardRouter(): Router {
  const page = read('index.html');
  const assets = new Map(ASSETS.map(([name, type]) => [name, { type, body: read(name) }]));
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
