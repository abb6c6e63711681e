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
  // The Explorer: a query built by ticking fields and arguments, for analysts who do not write GraphQL.
  ['explorer.min.js', path.join(pkgDir('@graphiql/plugin-explorer'), 'dist/index.umd.js')],
  ['explorer.css', path.join(pkgDir('@graphiql/plugin-explorer'), 'dist/style.css')],
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

  // The API key, kept for the tab as the dashboard keeps it (sessionStorage): entered in either, it serves both.
  var KEY_STORE = 'reform-registry.apiKey';
  var storedKey = null;
  try { storedKey = sessionStorage.getItem(KEY_STORE); } catch (e) { /* storage disabled */ }

  // The last result and the headers it was asked with, for the download button.
  var last = null;
  var base = GraphiQL.createFetcher({ url: root.dataset.endpoint });
  function fetcher(params, options) {
    var auth = options && options.headers && (options.headers.Authorization || options.headers.authorization);
    var bearer = typeof auth === 'string' && /^Bearer\s+(\S+)$/i.exec(auth);
    try { if (bearer) sessionStorage.setItem(KEY_STORE, bearer[1]); } catch (e) { /* storage disabled */ }
    var answer = base(params, options);
    function keep(value) {
      last = { value: value, headers: (options && options.headers) || {}, operation: params.operationName };
    }
    // GraphiQL's fetcher answers a result, or (multipart-capable, its default) a promise of an async iterable of
    // parts: each is passed on as it comes, and the last kept.
    function passOn(value) {
      if (!value || typeof value[Symbol.asyncIterator] !== 'function') {
        keep(value);
        return value;
      }
      return (async function* () {
        for await (const part of value) {
          keep(part);
          yield part;
        }
      })();
    }
    return answer && typeof answer.then === 'function' ? answer.then(passOn) : passOn(answer);
  }

  /** The first list in a result (a connection's nodes or edges, or any list of objects), as rows of dotted columns. */
  function firstList(value) {
    if (Array.isArray(value)) {
      if (value.length && value.every(function (v) { return v && typeof v === 'object' && !Array.isArray(v); })) return value;
      return null;
    }
    if (!value || typeof value !== 'object') return null;
    if (Array.isArray(value.nodes)) return value.nodes;
    if (Array.isArray(value.edges)) return value.edges.map(function (e) { return e.node; });
    for (var key in value) {
      var found = firstList(value[key]);
      if (found) return found;
    }
    return null;
  }
  function flatten(object, prefix, into) {
    for (var key in object) {
      var v = object[key];
      var name = prefix ? prefix + '.' + key : key;
      if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, name, into);
      else if (Array.isArray(v)) into[name] = v.map(function (x) { return x && typeof x === 'object' ? JSON.stringify(x) : x; }).join('; ');
      else into[name] = v === undefined ? null : v;
    }
    return into;
  }

  function download(format) {
    var list = last && last.value && last.value.data ? firstList(last.value.data) : null;
    if (!list || !list.length) {
      window.alert('请先运行一个返回列表的查询。Run a query that returns a list first.');
      return;
    }
    var flat = list.map(function (row) { return flatten(row, '', {}); });
    var columns = [];
    flat.forEach(function (row) { Object.keys(row).forEach(function (k) { if (columns.indexOf(k) < 0) columns.push(k); }); });
    var rows = flat.map(function (row) { return columns.map(function (c) { return row[c] === undefined ? null : row[c]; }); });
    var headers = { 'content-type': 'application/json' };
    for (var h in last.headers) headers[h] = last.headers[h];
    fetch(root.dataset.table + '.' + format, { method: 'POST', headers: headers, body: JSON.stringify({ columns: columns, rows: rows, title: last.operation || 'GraphiQL' }) })
      .then(function (res) {
        if (!res.ok) return res.json().then(function (body) { throw new Error(body.errors ? body.errors[0].message : 'HTTP ' + res.status); });
        return res.blob();
      })
      .then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'query-result.' + format;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      })
      .catch(function (err) { window.alert('下载失败 Download failed: ' + err.message); });
  }

  function button(format, label) {
    return React.createElement(GraphiQL.React.ToolbarButton, { key: format, label: label, onClick: function () { download(format); } },
      React.createElement('span', { 'data-download': format, className: 'registry-download' }, format === 'xlsx' ? 'XLSX' : 'CSV'));
  }

  // GraphiQL has no translations: its own labels are given in Chinese first, English after, as the page sees them
  // appear (tabs and panes as text; buttons' tooltips as aria-label and title). A label not listed stays as it is;
  // test/server/graphiql.browser.spec.ts pins that the listed ones are still GraphiQL's words.
  var CHINESE = {
    'Variables': '变量 Variables',
    'Headers': '请求头 Headers',
    'Documentation Explorer': '文档 Documentation Explorer',
    'Docs': '文档 Docs',
    'History': '历史 History',
    'Explorer': '查询构建器 Explorer',
    'Execute query (Ctrl-Enter)': '执行查询 Execute query (Ctrl-Enter)',
    'Prettify query (Shift-Ctrl-P)': '格式化 Prettify query (Shift-Ctrl-P)',
    'Merge fragments into query (Shift-Ctrl-M)': '合并片段 Merge fragments into query (Shift-Ctrl-M)',
    'Copy query (Shift-Ctrl-C)': '复制查询 Copy query (Shift-Ctrl-C)',
    'Re-fetch GraphQL schema': '重新获取接口定义 Re-fetch GraphQL schema',
    'Open short keys dialog': '快捷键 Open short keys dialog',
    'Open settings dialog': '设置 Open settings dialog',
    'Show Documentation Explorer': '显示文档 Show Documentation Explorer',
    'Hide Documentation Explorer': '隐藏文档 Hide Documentation Explorer',
    'Show History': '显示历史 Show History',
    'Hide History': '隐藏历史 Hide History',
    'Show editor tools': '显示变量与请求头 Show editor tools',
    'Hide editor tools': '隐藏变量与请求头 Hide editor tools',
    'Add tab': '新建标签页 Add tab',
    'Close Tab': '关闭标签页 Close Tab',
  };
  function translate(node) {
    if (node.nodeType === 3) {
      var text = node.nodeValue.trim();
      if (CHINESE[text] && node.nodeValue.indexOf(CHINESE[text]) < 0) node.nodeValue = node.nodeValue.replace(text, CHINESE[text]);
      return;
    }
    if (node.nodeType !== 1) return;
    ['aria-label', 'title'].forEach(function (name) {
      var value = node.getAttribute(name);
      if (value && CHINESE[value]) node.setAttribute(name, CHINESE[value]);
    });
    for (var child = node.firstChild; child; child = child.nextSibling) translate(child);
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === 'attributes') translate(change.target);
      else change.addedNodes.forEach(translate);
    });
  }).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'title'] });

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
      var explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });
      ReactDOM.createRoot(root).render(
        React.createElement(GraphiQL, {
          fetcher: fetcher,
          plugins: [explorer],
          visiblePlugin: explorer,
          toolbar: { additionalContent: [button('xlsx', '下载结果列表为 Excel Download the result list as Excel'), button('csv', '下载结果列表为 CSV Download the result list as CSV')] },
          defaultQuery: tabs.length ? tabs[0].query : undefined,
          defaultTabs: tabs.length ? tabs : undefined,
          defaultEditorToolsVisibility: true,
          defaultHeaders: storedKey ? JSON.stringify({ Authorization: 'Bearer ' + storedKey }, null, 2) : undefined,
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
<link rel="stylesheet" href="${asset('explorer.css')}">
</head>
<body>
<div id="graphiql" data-endpoint="${escapeHtml(base + endpoint)}" data-examples="${asset('examples.json')}" data-table="${escapeHtml(`${base}/export/table`)}">Loading GraphiQL… 正在加载…</div>
<script src="${asset('react.production.min.js')}"></script>
<script src="${asset('react-dom.production.min.js')}"></script>
<script src="${asset('graphiql.min.js')}"></script>
<script src="${asset('explorer.min.js')}"></script>
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
    .update(['graphiql', 'react', 'react-dom', '@graphiql/plugin-explorer'].map(pkgVersion).join())
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
