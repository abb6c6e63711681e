/**
 * GraphiQL for analysts, served entirely from this server: their browsers are on
 * government networks without internet access, so no CDN, and no inline script
 * so that a strict Content-Security-Policy holds.
 */
import { escapeHtml } from '../common/html';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Router } from 'express';
import { EXAMPLE_QUERIES } from './example-queries';

const pkgDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));
const pkgVersion = (name: string) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`;

/** Files from node_modules, by the name they are served under in /graphiql/. */
const VENDOR = new Map<string, string>([
  ['graphiql.min.css', path.join(pkgDir('graphiql'), 'graphiql.min.css')],
  ['react.production.min.js', path.join(pkgDir('react'), 'umd/react.production.min.js')],
  ['react-dom.production.min.js', path.join(pkgDir('react-dom'), 'umd/react-dom.production.min.js')],
  ['graphiql.min.js', path.join(pkgDir('graphiql'), 'graphiql.min.js')],
  // The bundles point at their source maps; serve them so browser devtools work offline too.
  ['graphiql.min.css.map', path.join(pkgDir('graphiql'), 'graphiql.min.css.map')],
  ['graphiql.min.js.map', path.join(pkgDir('graphiql'), 'graphiql.min.js.map')],
]);

/**
 * Browser-side start-up. Reads the endpoint and examples URL from data- attributes (the page
 * has no inline script), then opens one tab per example, headed by its title and description.
 */
const INIT_JS = `'use strict';
(function () {
  var root = document.getElementById('graphiql');
  // Sizing through the CSSOM, which CSP allows, instead of an inline <style>.
  document.body.style.margin = '0';
  root.style.height = '100vh';

  function tab(example) {
    // One comment line for the English sentence, one for the Chinese.
    var description = example.description.replace(/\\s+(?=[\\u3400-\\u9fff])/, '\\n# ');
    return {
      query: '# ' + example.title + '\\n# ' + description + '\\n\\n' + example.query + '\\n',
      variables: example.variables ? JSON.stringify(example.variables, null, 2) : undefined,
    };
  }

  fetch(root.dataset.examples)
    .then(function (res) {
      if (!res.ok) throw new Error('examples: HTTP ' + res.status);
      return res.json();
    })
    .catch(function (err) {
      console.error(err); // still open an editor without the examples
      return [];
    })
    .then(function (examples) {
      var tabs = examples.map(tab);
      ReactDOM.createRoot(root).render(
        React.createElement(GraphiQL, {
          fetcher: GraphiQL.createFetcher({ url: root.dataset.endpoint }),
          defaultQuery: tabs.length ? tabs[0].query : undefined,
          defaultTabs: tabs.length ? tabs : undefined,
          defaultEditorToolsVisibility: true,
          shouldPersistHeaders: false,
        }),
      );
    });
})();
`;

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL's dialogs inject a <style> element when opened (react-remove-scroll).
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:", // the bundled fonts are data: URLs
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

const LONG_CACHE = { 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' };

function page(base: string, endpoint: string, version: string): string {
  const asset = (name: string) => escapeHtml(`${base}/graphiql/${name}?v=${version}`);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reform Registry · GraphiQL (产改登记平台)</title>
<link rel="stylesheet" href="${asset('graphiql.min.css')}">
</head>
<body>
<div id="graphiql" data-endpoint="${escapeHtml(base + endpoint)}" data-examples="${asset('examples.json')}">Loading GraphiQL… 正在加载…</div>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script src="${asset('init.js')}"></script>
</body>
</html>
`;
}

export function graphiqlRouter(options: { endpoint?: string } = {}): Router {
  const endpoint = options.endpoint ?? '/graphql';
  const examplesJson = JSON.stringify(EXAMPLE_QUERIES);
  // Asset URLs carry a version so the day-long cache never mixes old and new files after a deploy.
  const version = createHash('sha256')
    .update(['graphiql', 'react', 'react-dom'].map(pkgVersion).join())
    .update(INIT_JS)
    .update(examplesJson)
    .digest('hex')
    .slice(0, 12);
  const router = Router();

  router.get(endpoint, (req, res, next) => {
    res.vary('Accept');
    // GET queries, and clients that don't want HTML, belong to the GraphQL API mounted after us.
    const wantsHtml = req.accepts(['application/json', 'text/html']) === 'text/html';
    if (req.query.query !== undefined || !wantsHtml) return next();
    res
      .set({ 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' })
      .type('html')
      .send(page(req.baseUrl, endpoint, version));
  });

  router.get('/graphiql/init.js', (_req, res) => {
    res.set(LONG_CACHE).type('js').send(INIT_JS);
  });

  router.get('/graphiql/examples.json', (_req, res) => {
    res.set(LONG_CACHE).type('json').send(examplesJson);
  });

  router.get('/graphiql/:file', (req, res, next) => {
    const file = VENDOR.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge: 86_400_000, headers: { 'X-Content-Type-Options': 'nosniff' } });
  });

  return router;
}
