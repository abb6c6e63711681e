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

  // Metric → [中文, English], as the registry types declare them (the server writes them on the page).
  const METRICS = JSON.parse(document.body.dataset.metrics || '{}');
  // Worst first: the order the rows are shown in. Goals the evidence cannot judge come after the
  // ones it shows behind, before the ones it shows on track: they need data, not alarm.
  const STATUSES = {
    OFF_TRACK: ['滞后', 'Off track'],
    AT_RISK: ['有风险', 'At risk'],
    INSUFFICIENT_HISTORY: ['数据不足', 'Insufficient history'],
    NO_DATA: ['无数据', 'No data'],
    ON_TRACK: ['按期', 'On track'],
    ACHIEVED: ['已完成', 'Achieved'],
  };
  const QUALIFIERS = { EXACT: ['', ''], AT_LEAST: ['超过', 'over '], ABOUT: ['约', 'about '], AT_MOST: ['不超过', 'at most '] };
  const STATUS_ORDER = Object.keys(STATUSES);

  const GOALS_QUERY = `query DashboardGoals($after: String) {
    goals(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id metric target targetQualifier deadline
        scope { __typename ... on District { code name } ... on City { code name } ... on Province { code name } }
        progress {
          current target ratio daysLeft expectedByNow projectedAtDeadline status statusReason statusExplanation paceMeasured
          evidence { registryRecords sampleRecords undatedRecords unknownValueRecords
            latestPublished { value qualifier asOf source { publisher title } } }
        }
      }
    }
  }`;
  // Every city of the country has a line; the panels show those with studios, with how many of them are
  // samples (stand-ins for what a report counts) and how many have no founding date to chart.
  const STUDIOS_QUERY = `query DashboardStudios($from: LocalDate!, $to: LocalDate!) {
    innovationStudioSeries(interval: YEAR, from: $from, to: $to, groupBy: CITY) {
      lines { provinceCode cityCode city { name } province { name } undatedCount points { period cumulative } }
    }
    samples: innovationStudioStats(groupBy: [PROVINCE, CITY], filter: { isSample: true }) { provinceCode cityCode count }
  }`;

  // One GROUP BY per type, per city: what the registry holds of the reform's activities. Three requests of two
  // statistics each, so that each stays well within the query cost limit.
  const ACTIVITIES_QUERIES = [
    `query DashboardCompetitionsAndTraining {
    skillCompetitionStats(groupBy: [PROVINCE, CITY]) { provinceCode cityCode city { name } count }
    trainingProgrammeStats(groupBy: [PROVINCE, CITY]) { provinceCode cityCode city { name } count sessionsHeld participants }
  }`,
    `query DashboardOrganisationsAndAlliances {
    grassrootsOrganisationStats(groupBy: [PROVINCE, CITY, KIND]) { provinceCode cityCode city { name } kind count }
    reformAllianceStats(groupBy: [PROVINCE, CITY]) { provinceCode cityCode city { name } count memberEnterprises }
  }`,
    `query DashboardRequestsAndDemonstrations {
    enterpriseServiceRequestStats(groupBy: [PROVINCE, CITY]) { provinceCode cityCode city { name } count withinCommitmentRate satisfactionRate }
    reformDemonstrationStats(groupBy: [PROVINCE, CITY]) { provinceCode cityCode city { name } count }
  }`,
  ];

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

  /** A published figure as the report wrote it: 超过 20,800（新华日报 2025-09-29）. */
  function published(figure) {
    const [zh, en] = QUALIFIERS[figure.qualifier] || ['', ''];
    return { zh: `${zh}${number.format(figure.value)}（${figure.source ? figure.source.publisher : ''} ${figure.asOf}）`, en: `${en}${number.format(figure.value)}` };
  }

  /** Current against target on one scale, with the straight-line expectation, the projection and the latest published figure. */
  function progressBar(p) {
    const width = 320;
    const height = 22;
    const figure = p.evidence.latestPublished;
    const max = Math.max(p.target, p.current, p.projectedAtDeadline || 0, p.expectedByNow || 0, figure ? figure.value : 0) * 1.05 || 1;
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
    if (p.projectedAtDeadline !== null) {
      const px = x(p.projectedAtDeadline);
      parts.push(svg('path', { class: 'projected', d: `M${px} 3 l5 8 l-5 8 l-5 -8 z` }, tip(`预计截止时 projected ${number.format(p.projectedAtDeadline)}`)));
    }
    if (figure) {
      const fx = x(figure.value);
      parts.push(svg('path', { class: 'published', d: `M${fx - 4} 0 l8 0 l-4 6 z` }, tip(`公开数据 published ${published(figure).zh}`)));
    }
    return svg('svg', { class: 'progress-bar', viewBox: `-6 0 ${width + 12} ${height}`, width: width + 12, height, 'aria-hidden': 'true' }, ...parts);
  }

  const SCOPE_KINDS = { District: ['区县', 'district'], City: ['市', 'city'], Province: ['全省', 'province-wide'] };

  /** Where the numbers come from: the registry's count (how many samples, how many undated) and the latest published figure. */
  function evidenceLine(p) {
    const e = p.evidence;
    const notes = [];
    if (e.sampleRecords) notes.push(`示例 ${number.format(e.sampleRecords)} samples`);
    if (e.undatedRecords) notes.push(`未注明日期 ${number.format(e.undatedRecords)} undated`);
    if (e.unknownValueRecords) notes.push(`数值未知 ${number.format(e.unknownValueRecords)} unknown values`);
    const registry = `登记 registry ${number.format(e.registryRecords)} 条${notes.length ? `（${notes.join('，')}）` : ''}`;
    const figure = e.latestPublished ? published(e.latestPublished) : null;
    return el('div', {
      class: 'evidence muted',
      'data-registry-records': String(e.registryRecords),
      'data-sample-records': String(e.sampleRecords),
      'data-undated-records': String(e.undatedRecords),
      'data-published-value': figure ? String(e.latestPublished.value) : '',
      'data-published-as-of': figure ? e.latestPublished.asOf : '',
    }, registry, ' · ', figure ? `公开 published ${figure.zh}` : '无公开数据 nothing published');
  }

  function goalRow(goal) {
    const p = goal.progress;
    const [targetZh] = QUALIFIERS[goal.targetQualifier] || [''];
    const figures = el('div', { class: 'figures' },
      el('strong', { class: 'current' }, number.format(p.current)), ' / ',
      el('span', { class: 'target' }, `${targetZh}${number.format(p.target)}`), ' · ',
      el('span', { class: 'ratio' }, percent.format(p.ratio)),
    );
    const forecast = el('div', { class: 'forecast muted' },
      p.projectedAtDeadline === null ? '进度无法测算，不作预测 no pace measured, no projection' : `预计截止时 projected ${number.format(p.projectedAtDeadline)}`,
      p.expectedByNow === null ? null : ` · 按直线应达 expected now ${number.format(p.expectedByNow)}`,
    );
    return el('tr', {
      'data-goal-id': goal.id,
      'data-metric': goal.metric,
      'data-current': String(p.current),
      'data-target': String(p.target),
      'data-ratio': String(p.ratio),
      'data-status': p.status,
      'data-status-reason': p.statusReason,
    },
      el('th', { scope: 'row' }, goal.scope.name, ' ',
        el('span', { class: 'scope-kind' }, ...bilingual(SCOPE_KINDS[goal.scope.__typename] || ['', '']))),
      el('td', {}, ...bilingual(METRICS[goal.metric] || [goal.metric, ''])),
      el('td', { class: 'progress' }, progressBar(p), figures, forecast, evidenceLine(p)),
      el('td', { class: 'deadline' }, el('time', { datetime: goal.deadline }, goal.deadline)),
      el('td', { class: 'days-left' }, `${number.format(p.daysLeft)} 天`),
      el('td', { class: 'status' }, el('span', { class: `badge status-${p.status}` }, ...bilingual(STATUSES[p.status] || [p.status, ''])),
        el('p', { class: 'explanation muted' }, p.statusExplanation)),
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

  /**
   * One panel per city with studios in the registry (of the 340-odd lines the API gives, most are empty).
   * The headline is the registry's count, dated or not; the chart draws only the dated ones, and says so.
   */
  function renderStudios(data, from, to) {
    const samples = new Map(data.samples.map((g) => [lineKey(g), g.count]));
    const total = (line) => latest(line) + line.undatedCount;
    const lines = data.series.lines.filter((line) => total(line) > 0).sort((a, b) => total(b) - total(a) || lineKey(a).localeCompare(lineKey(b)));
    const figures = lines.map((line) => {
      const sampleCount = samples.get(lineKey(line)) || 0;
      const notes = [
        `${number.format(latest(line))} 个注明成立日期 dated`,
        line.undatedCount ? `${number.format(line.undatedCount)} 个未注明 undated` : null,
        sampleCount ? `${number.format(sampleCount)} 个示例 samples` : null,
      ].filter(Boolean);
      return el('figure', {
        class: 'city-series',
        'data-province-code': line.provinceCode || '',
        'data-city-code': line.cityCode || '',
        'data-total': String(total(line)),
        'data-cumulative': String(latest(line)),
        'data-undated': String(line.undatedCount),
        'data-samples': String(sampleCount),
      },
        el('figcaption', {}, el('span', { class: 'city' }, cityName(line)), ' ',
          el('strong', { class: 'total' }, number.format(total(line))), ' ', el('span', { class: 'muted' }, '个 studios (登记 registry)'),
          el('span', { class: 'notes muted' }, notes.join(' · '))),
        latest(line) ? studioChart(line) : el('p', { class: 'no-chart muted' }, '没有成立日期，无法绘制趋势 · No founding dates: no trend to draw'),
      );
    });
    if (!figures.length) figures.push(el('p', { class: 'muted' }, '登记系统中尚无创新工作室 No innovation studios in the registry'));
    const container = document.getElementById('studio-charts');
    container.dataset.from = from;
    container.dataset.to = to;
    container.replaceChildren(...figures);
    document.getElementById('studios-note').textContent =
      `登记的工作室数（含示例与未注明成立日期者）；曲线为注明成立日期者逐年累计，截至 ${to}，各图纵轴独立。` +
      `Studios in the registry (samples and undated ones included); the line counts those with a founding date, per year up to ${to}, each panel on its own scale.`;
  }

  // ---- The reform's activities -------------------------------------------------------------

  /** The activity columns: which statistic, which of its rows, and how a cell reads. */
  const ACTIVITY_COLUMNS = [
    { key: 'competitions', stats: 'skillCompetitionStats', cell: (g) => number.format(g.count) },
    { key: 'training', stats: 'trainingProgrammeStats', cell: (g) => `${number.format(g.count)} 项 · ${g.sessionsHeld === null ? '场次未知' : `${number.format(g.sessionsHeld)} 场`} · ${g.participants === null ? '人次未知' : `${number.format(g.participants)} 人次`}` },
    { key: 'unions', stats: 'grassrootsOrganisationStats', only: (g) => g.kind === 'TRADE_UNION', cell: (g) => number.format(g.count) },
    { key: 'branches', stats: 'grassrootsOrganisationStats', only: (g) => g.kind === 'PARTY_BRANCH', cell: (g) => number.format(g.count) },
    { key: 'alliances', stats: 'reformAllianceStats', cell: (g) => `${number.format(g.count)}${g.memberEnterprises === null ? '' : ` · ${number.format(g.memberEnterprises)} 家成员企业`}` },
    {
      key: 'requests',
      stats: 'enterpriseServiceRequestStats',
      // A rate no request records is unknown: said so, never shown as 0%.
      cell: (g) => `${number.format(g.count)} 件 · 按时 ${g.withinCommitmentRate === null ? '无记录' : `${number.format(g.withinCommitmentRate)}%`} · 满意 ${g.satisfactionRate === null ? '无记录' : `${number.format(g.satisfactionRate)}%`}`,
    },
    { key: 'demonstrations', stats: 'reformDemonstrationStats', cell: (g) => number.format(g.count) },
  ];

  function renderActivities(data) {
    const places = new Map();
    for (const column of ACTIVITY_COLUMNS) {
      for (const g of data[column.stats]) {
        if (column.only && !column.only(g)) continue;
        const key = `${g.provinceCode || ''}/${g.cityCode || ''}`;
        if (!places.has(key)) places.set(key, { key, name: g.city ? g.city.name : `${g.provinceCode} 未分城市 (no city)`, cells: {} });
        places.get(key).cells[column.key] = column.cell(g);
      }
    }
    const rows = [...places.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((place) =>
        el('tr', { 'data-activity-place': place.key },
          el('th', { scope: 'row' }, place.name),
          ...ACTIVITY_COLUMNS.map((c) => el('td', { 'data-activity': c.key }, place.cells[c.key] || '—')),
        ),
      );
    if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: String(ACTIVITY_COLUMNS.length + 1), class: 'muted' }, '登记中没有产改活动 No activities registered')));
    document.getElementById('activity-rows').replaceChildren(...rows);
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
    const [goals, studios, activities] = await Promise.allSettled([
      loadGoals(),
      graphql(STUDIOS_QUERY, { from, to }).then((data) => ({ series: data.innovationStudioSeries, samples: data.samples })),
      Promise.all(ACTIVITIES_QUERIES.map((query) => graphql(query))).then((parts) => Object.assign({}, ...parts)),
    ]);
    const errors = [];
    // Each section shows what it could load; a failure is reported, never hidden behind an empty chart.
    if (goals.status === 'fulfilled') renderGoals(goals.value);
    else errors.push(`目标加载失败 Goals could not be loaded: ${goals.reason.message}`);
    if (studios.status === 'fulfilled') renderStudios(studios.value, from, to);
    else errors.push(`工作室数据加载失败 Studio series could not be loaded: ${studios.reason.message}`);
    if (activities.status === 'fulfilled') renderActivities(activities.value);
    else errors.push(`产改活动加载失败 Activities could not be loaded: ${activities.reason.message}`);
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
