'use strict';
/*
 * The goal dashboard. It reads the GraphQL API like any other client (POST /graphql) and draws
 * with plain DOM and SVG: no framework, no build step, nothing from outside this server, no inline
 * style (the Content-Security-Policy allows only 'self'). Every number drawn is also written as
 * text, and rows and series carry data- attributes for tests and scrapers.
 */
(function () {
  const ENDPOINT = document.body.dataset.endpoint;
  const KEY_STORE = 'reform-registry.apiKey'; // sessionStorage: the key is forgotten with the tab
  const SVG_NS = 'http://www.w3.org/2000/svg'; // a namespace name, not a request
  const YEARS_SHOWN = 10;

  const METRICS = {
    INNOVATION_STUDIOS: ['创新工作室', 'Innovation studios'],
    CRAFTSMAN_ACADEMIES: ['工匠学院', 'Craftsman academies'],
    COLLECTIVE_CONTRACTS: ['技术创新集体合同', 'Collective innovation contracts'],
    WORKERS_COVERED: ['集体合同覆盖职工', 'Workers covered by contracts'],
    CRAFTSMEN: ['已认定工匠', 'Certified craftsmen'],
    NATIONAL_CRAFTSMEN: ['国家工匠', 'National craftsmen'],
    PROVINCIAL_CRAFTSMEN: ['省级工匠', 'Provincial craftsmen'],
    MUNICIPAL_CRAFTSMEN: ['市级工匠', 'Municipal craftsmen'],
  };
  // Worst first: the order the rows are shown in.
  const STATUSES = {
    OFF_TRACK: ['滞后', 'Off track'],
    AT_RISK: ['有风险', 'At risk'],
    ON_TRACK: ['按期', 'On track'],
    ACHIEVED: ['已完成', 'Achieved'],
  };
  const STATUS_ORDER = Object.keys(STATUSES);

  const GOALS_QUERY = `query DashboardGoals($after: String) {
    goals(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id metric target deadline
        scope { __typename ... on City { code name } ... on Province { code name } }
        progress { current target ratio daysLeft expectedByNow projectedAtDeadline status }
      }
    }
  }`;
  const STUDIOS_QUERY = `query DashboardStudios($from: LocalDate!, $to: LocalDate!) {
    innovationStudioSeries(interval: YEAR, from: $from, to: $to, groupBy: CITY) {
      lines { provinceCode cityCode city { name } province { name } undatedCount points { period cumulative } }
    }
  }`;

  const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

  // ---- API --------------------------------------------------------------------------------

  async function graphql(query, variables) {
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) headers.authorization = `Bearer ${key}`;
    const res = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = await res.json().catch(() => null); // a proxy's HTML error page: reported by status below
    if (body && Array.isArray(body.errors) && body.errors.length) {
      const lines = body.errors.map((e) => (e.extensions && e.extensions.code ? `${e.extensions.code}: ` : '') + e.message);
      throw new Error(`HTTP ${res.status} · ${lines.join(' · ')}`);
    }
    if (!res.ok || !body || !body.data) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    return body.data;
  }

  async function loadGoals() {
    const goals = [];
    let after = null;
    do {
      const page = (await graphql(GOALS_QUERY, { after })).goals;
      goals.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return goals;
  }

  /** Today in China Standard Time, the registry's calendar (as the API counts days left). */
  function todayInChina() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }

  // ---- DOM helpers ------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    node.append(...children);
    return node;
  }

  /** A tooltip for an SVG shape; the same number is always also written as visible text. */
  const tip = (text) => svg('title', {}, text);
  const bilingual = ([zh, en]) => [zh, ' ', el('span', { lang: 'en', class: 'en' }, en)];

  // ---- Goals ------------------------------------------------------------------------------

  function byUrgency(a, b) {
    return (
      STATUS_ORDER.indexOf(a.progress.status) - STATUS_ORDER.indexOf(b.progress.status) ||
      a.progress.ratio - b.progress.ratio ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    );
  }

  /** Current against target on one scale, with the straight-line expectation and the projection. */
  function progressBar(p) {
    const width = 320;
    const height = 22;
    const max = Math.max(p.target, p.current, p.projectedAtDeadline || 0, p.expectedByNow || 0) * 1.05 || 1;
    const x = (v) => Math.round((v / max) * width * 10) / 10;
    const parts = [
      svg('rect', { class: 'track', x: 0, y: 5, width: x(p.target), height: 12 }, tip(`目标 target ${number.format(p.target)}`)),
      svg('rect', { class: `bar status-${p.status}`, x: 0, y: 5, width: x(p.current), height: 12 }, tip(`当前 current ${number.format(p.current)}`)),
      svg('line', { class: 'target-line', x1: x(p.target), x2: x(p.target), y1: 1, y2: 21 }),
    ];
    if (p.expectedByNow !== null) {
      const ex = x(p.expectedByNow);
      parts.push(svg('line', { class: 'expected', x1: ex, x2: ex, y1: 2, y2: 20 }, tip(`按直线应达 expected by now ${number.format(p.expectedByNow)}`)));
    }
    const px = x(p.projectedAtDeadline);
    parts.push(svg('path', { class: 'projected', d: `M${px} 3 l5 8 l-5 8 l-5 -8 z` }, tip(`预计截止时 projected ${number.format(p.projectedAtDeadline)}`)));
    return svg('svg', { class: 'progress-bar', viewBox: `-6 0 ${width + 12} ${height}`, width: width + 12, height, 'aria-hidden': 'true' }, ...parts);
  }

  function goalRow(goal) {
    const p = goal.progress;
    const isCity = goal.scope.__typename === 'City';
    const figures = el('div', { class: 'figures' },
      el('strong', { class: 'current' }, number.format(p.current)), ' / ',
      el('span', { class: 'target' }, number.format(p.target)), ' · ',
      el('span', { class: 'ratio' }, percent.format(p.ratio)),
    );
    const forecast = el('div', { class: 'forecast muted' },
      `预计截止时 projected ${number.format(p.projectedAtDeadline)}`,
      p.expectedByNow === null ? null : ` · 按直线应达 expected now ${number.format(p.expectedByNow)}`,
    );
    return el('tr', {
      'data-goal-id': goal.id,
      'data-current': String(p.current),
      'data-target': String(p.target),
      'data-ratio': String(p.ratio),
      'data-status': p.status,
    },
      el('th', { scope: 'row' }, goal.scope.name, ' ',
        el('span', { class: 'scope-kind' }, ...bilingual(isCity ? ['市', 'city'] : ['全省', 'province-wide']))),
      el('td', {}, ...bilingual(METRICS[goal.metric] || [goal.metric, ''])),
      el('td', { class: 'progress' }, progressBar(p), figures, forecast),
      el('td', { class: 'deadline' }, el('time', { datetime: goal.deadline }, goal.deadline)),
      el('td', { class: 'days-left' }, `${number.format(p.daysLeft)} 天`),
      el('td', {}, el('span', { class: `badge status-${p.status}` }, ...bilingual(STATUSES[p.status]))),
    );
  }

  function renderGoals(goals) {
    const rows = goals.slice().sort(byUrgency).map(goalRow);
    if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, '没有目标 No goals')));
    document.getElementById('goal-rows').replaceChildren(...rows);
  }

  // ---- Studios per city -------------------------------------------------------------------

  const latest = (line) => (line.points.length ? line.points[line.points.length - 1].cumulative : 0);
  // With no city, a line holds a province's records that name none.
  const cityName = (line) => (line.city ? line.city.name : `${line.province ? line.province.name : ''} 未分城市 (no city)`);
  const lineKey = (line) => `${line.provinceCode || ''}/${line.cityCode || ''}`;

  /** One small line chart; each panel has its own vertical scale, written on it. */
  function studioChart(line) {
    const width = 220;
    const height = 90;
    const pad = { left: 6, right: 6, top: 14, bottom: 16 };
    const points = line.points;
    const top = Math.max(0, ...points.map((p) => p.cumulative));
    const max = Math.max(1, top); // a flat line of zeros sits on the axis
    const x = (i) => pad.left + (points.length > 1 ? (i / (points.length - 1)) * (width - pad.left - pad.right) : 0);
    const y = (v) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);
    const year = (p) => p.period.slice(0, 4);
    const label = `${cityName(line)}: ` + points.map((p) => `${year(p)} ${p.cumulative}`).join(', ');
    const chart = svg('svg', { class: 'studio-chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label },
      svg('line', { class: 'axis', x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0) }),
      svg('text', { class: 'axis-label', x: pad.left, y: 10 }, `最大 max ${number.format(top)}`),
      svg('polyline', { class: 'series', points: points.map((p, i) => `${x(i)},${y(p.cumulative)}`).join(' ') }),
      ...points.map((p, i) => svg('circle', { class: 'point', cx: x(i), cy: y(p.cumulative), r: 2.5 }, tip(`${year(p)}: ${p.cumulative}`))),
    );
    if (points.length) {
      chart.append(
        svg('text', { class: 'axis-label', x: pad.left, y: height - 3 }, year(points[0])),
        svg('text', { class: 'axis-label end', x: width - pad.right, y: height - 3 }, year(points[points.length - 1])),
      );
    }
    return chart;
  }

  function renderStudios(series, from, to) {
    const lines = series.lines.slice().sort((a, b) => latest(b) - latest(a) || lineKey(a).localeCompare(lineKey(b)));
    const figures = lines.map((line) =>
      el('figure', {
        class: 'city-series',
        'data-province-code': line.provinceCode || '',
        'data-city-code': line.cityCode || '',
        'data-cumulative': String(latest(line)),
        'data-undated': String(line.undatedCount),
      },
        el('figcaption', {}, el('span', { class: 'city' }, cityName(line)), ' ',
          el('strong', { class: 'cumulative' }, number.format(latest(line))), ' ', el('span', { class: 'muted' }, '个 studios'),
          line.undatedCount ? el('span', { class: 'undated muted' }, `另有 ${number.format(line.undatedCount)} 个未注明成立日期 (+${number.format(line.undatedCount)} undated)`) : null),
        studioChart(line),
      ),
    );
    const container = document.getElementById('studio-charts');
    container.dataset.from = from;
    container.dataset.to = to;
    container.replaceChildren(...figures);
    document.getElementById('studios-note').textContent =
      `按成立日期逐年累计，截至 ${to}；各图纵轴独立。Cumulative by founding date, per year up to ${to}; each panel has its own scale.`;
  }

  // ---- Page -------------------------------------------------------------------------------

  function showErrors(messages) {
    const box = document.getElementById('errors');
    box.replaceChildren(...messages.map((m) => el('p', {}, m)));
    box.hidden = messages.length === 0;
  }

  async function load() {
    document.body.dataset.state = 'loading';
    const status = document.getElementById('status-line');
    status.textContent = '正在加载… Loading…';
    const to = todayInChina();
    const from = `${Number(to.slice(0, 4)) - (YEARS_SHOWN - 1)}-01-01`;
    const [goals, studios] = await Promise.allSettled([
      loadGoals(),
      graphql(STUDIOS_QUERY, { from, to }).then((data) => data.innovationStudioSeries),
    ]);
    const errors = [];
    // Each section shows what it could load; a failure is reported, never hidden behind an empty chart.
    if (goals.status === 'fulfilled') renderGoals(goals.value);
    else errors.push(`目标加载失败 Goals could not be loaded: ${goals.reason.message}`);
    if (studios.status === 'fulfilled') renderStudios(studios.value, from, to);
    else errors.push(`工作室数据加载失败 Studio series could not be loaded: ${studios.reason.message}`);
    showErrors(errors);
    status.textContent = errors.length ? '' : `数据截至 ${to}（中国时间） Data as of ${to} (China time)`;
    document.body.dataset.state = errors.length ? 'error' : 'ready';
  }

  function setUpKeyForm() {
    const input = document.getElementById('api-key');
    input.value = sessionStorage.getItem(KEY_STORE) || '';
    document.getElementById('key-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (key) sessionStorage.setItem(KEY_STORE, key);
      else sessionStorage.removeItem(KEY_STORE);
      load();
    });
    document.getElementById('key-clear').addEventListener('click', () => {
      input.value = '';
      sessionStorage.removeItem(KEY_STORE);
      load();
    });
  }

  setUpKeyForm();
  load().catch((err) => {
    // A bug in this page, not an API answer: still say so on the page.
    showErrors([`页面错误 Page error: ${err.message}`]);
    document.body.dataset.state = 'error';
    console.error(err);
  });
})();
