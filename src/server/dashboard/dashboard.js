'use strict';
/*
 * The goal dashboard. It reads the GraphQL API like any other client (POST /graphql); charts are
 * Apache ECharts (served from this server, /dashboard/echarts.min.js), tables plain DOM: no build
 * step, nothing from outside this server, no inline style (the Content-Security-Policy allows only
 * 'self'; sizes are set through the CSSOM). Every number drawn is also written as text, rows and
 * series carry data- attributes for tests and scrapers, and each section exports what it shows.
 */
(function () {
  const ENDPOINT = document.body.dataset.endpoint;
  const KEY_STORE = 'reform-registry.apiKey'; // sessionStorage: the key is forgotten with the tab
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
  const STUDIOS_QUERY = `query DashboardStudios($from: LocalDate!, $to: LocalDate!, $monthsFrom: LocalDate!) {
    innovationStudioSeries(interval: YEAR, from: $from, to: $to, groupBy: CITY) {
      lines { provinceCode cityCode city { name } province { name } undatedCount points { period cumulative } }
    }
    monthly: innovationStudioSeries(interval: MONTH, from: $monthsFrom, to: $to) { lines { undatedCount points { period count } } }
    samples: innovationStudioStats(groupBy: [PROVINCE, CITY], filter: { isSample: true }) { provinceCode cityCode count }
  }`;
  const MONTHS_SHOWN = 24;

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

  /** What each section shows, as a table: what its export button downloads. */
  const shown = {};

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

  // ---- Charts (ECharts) ----------------------------------------------------------------------

  const FONT = '"Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif';
  const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  const STATUS_COLOURS = () => ({
    OFF_TRACK: css('--off-track'), AT_RISK: css('--at-risk'), ON_TRACK: css('--on-track'), ACHIEVED: css('--achieved'),
    NO_DATA: css('--no-data'), INSUFFICIENT_HISTORY: css('--insufficient'),
  });

  /** The chart in an element, made once and given new options on every load; sized with its container. */
  function chartIn(id, option) {
    const node = document.getElementById(id);
    const chart = echarts.getInstanceByDom(node) || echarts.init(node, null, { renderer: 'canvas' });
    chart.setOption({ textStyle: { fontFamily: FONT }, animation: false, ...option }, true);
    return chart;
  }
  window.addEventListener('resize', () => {
    for (const node of document.querySelectorAll('.chart')) {
      const chart = echarts.getInstanceByDom(node);
      if (chart) chart.resize();
    }
  });

  /**
   * Whether the browser has a font with Chinese characters: without one, 中 is drawn as the same box as a
   * character no font has (U+E000, private use). Then the page says which font to install instead of showing boxes.
   */
  function hasChineseFont() {
    const canvas = document.createElement('canvas');
    canvas.width = 40;
    canvas.height = 40;
    const context = canvas.getContext('2d');
    if (!context) return true;
    const draw = (text) => {
      context.clearRect(0, 0, 40, 40);
      context.font = `32px ${FONT}`;
      context.fillText(text, 2, 32);
      return context.getImageData(0, 0, 40, 40).data.join(',');
    };
    return draw('中') !== draw('\uE000');
  }
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

  /** Current against target on one scale, with the straight-line expectation, the projection and the latest published figure (HTML, sized through the CSSOM). */
  function progressBar(p) {
    const figure = p.evidence.latestPublished;
    const max = Math.max(p.target, p.current, p.projectedAtDeadline || 0, p.expectedByNow || 0, figure ? figure.value : 0) * 1.05 || 1;
    const at = (node, value, property = 'left') => {
      node.style[property] = `${Math.round((value / max) * 1000) / 10}%`;
      return node;
    };
    const parts = [
      at(el('span', { class: 'track', title: `目标 target ${number.format(p.target)}` }), p.target, 'width'),
      at(el('span', { class: `fill status-${p.status}`, title: `当前 current ${number.format(p.current)}` }), p.current, 'width'),
      at(el('span', { class: 'target-line' }), p.target),
    ];
    if (p.expectedByNow !== null) parts.push(at(el('span', { class: 'expected', title: `按直线应达 expected by now ${number.format(p.expectedByNow)}` }), p.expectedByNow));
    if (p.projectedAtDeadline !== null) parts.push(at(el('span', { class: 'projected', title: `预计截止时 projected ${number.format(p.projectedAtDeadline)}` }), p.projectedAtDeadline));
    if (figure) parts.push(at(el('span', { class: 'published', title: `公开数据 published ${published(figure).zh}` }), figure.value));
    return el('div', { class: 'progress-bar', 'aria-hidden': 'true' }, ...parts);
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
    const sorted = goals.slice().sort(byUrgency);
    const rows = sorted.map(goalRow);
    if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: '6', class: 'muted' }, '没有目标 No goals')));
    document.getElementById('goal-rows').replaceChildren(...rows);
    shown.goals = {
      title: '目标进度 Goal progress',
      columns: ['范围 scope', '指标 metric', '当前 current', '目标 target', '完成率 ratio', '截止 deadline', '剩余天数 days left', '状态 status', '状态依据 reason', '登记记录 registry records', '示例 samples', '未注明日期 undated', '最新公开 latest published', '公开日期 published as of'],
      rows: sorted.map((g) => {
        const p = g.progress;
        const figure = p.evidence.latestPublished;
        return [g.scope.name, (METRICS[g.metric] || [g.metric])[0], p.current, p.target, p.ratio, g.deadline, p.daysLeft, (STATUSES[p.status] || [p.status])[0], p.statusReason,
          p.evidence.registryRecords, p.evidence.sampleRecords, p.evidence.undatedRecords, figure ? figure.value : null, figure ? figure.asOf : null];
      }),
    };
    setUpRanking(goals);
  }

  // ---- Ranking against goals ------------------------------------------------------------

  /** The metric choice: the metrics goals exist for, innovation studios first (the reform's headline goal). */
  function setUpRanking(goals) {
    const select = document.getElementById('ranking-metric');
    const metrics = [...new Set(goals.map((g) => g.metric))].sort((a, b) => (a === 'INNOVATION_STUDIOS' ? -1 : b === 'INNOVATION_STUDIOS' ? 1 : a.localeCompare(b)));
    const chosen = metrics.includes(select.value) ? select.value : metrics[0];
    select.replaceChildren(...metrics.map((m) => el('option', { value: m }, (METRICS[m] || [m, ''])[0], ' ', (METRICS[m] || ['', m])[1])));
    if (chosen) select.value = chosen;
    select.onchange = () => drawRanking(goals, select.value);
    drawRanking(goals, chosen);
  }

  /** One bar per goal of the metric: its ratio, coloured by status, with current / target written at its end. */
  function drawRanking(goals, metric) {
    const ranked = goals.filter((g) => g.metric === metric).sort((a, b) => b.progress.ratio - a.progress.ratio || (a.id < b.id ? -1 : 1));
    const colours = STATUS_COLOURS();
    const node = document.getElementById('ranking-chart');
    node.dataset.metric = metric || '';
    node.dataset.goals = ranked.map((g) => `${g.id}:${g.progress.ratio}`).join(',');
    node.style.height = `${Math.max(160, 40 + ranked.length * 28)}px`;
    const names = ranked.map((g) => `${g.scope.name}`);
    chartIn('ranking-chart', {
      tooltip: { trigger: 'item', formatter: (item) => {
        const g = ranked[item.dataIndex];
        return `${g.scope.name}：${number.format(g.progress.current)} / ${number.format(g.progress.target)}（${percent.format(g.progress.ratio)}）<br>${(STATUSES[g.progress.status] || [g.progress.status])[0]} · ${g.deadline}`;
      } },
      grid: { left: 96, right: 96, top: 8, bottom: 24 },
      xAxis: { type: 'value', axisLabel: { formatter: (v) => `${v}%` }, max: (range) => Math.max(100, Math.ceil(range.max / 10) * 10) },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [{
        type: 'bar',
        data: ranked.map((g) => ({ value: Math.round(g.progress.ratio * 1000) / 10, itemStyle: { color: colours[g.progress.status] } })),
        label: { show: true, position: 'right', formatter: (item) => `${number.format(ranked[item.dataIndex].progress.current)} / ${number.format(ranked[item.dataIndex].progress.target)}` },
        markLine: { symbol: 'none', silent: true, data: [{ xAxis: 100 }], lineStyle: { color: css('--ink'), type: 'dashed' }, label: { formatter: '目标 target' } },
      }],
    });
    shown.ranking = {
      title: `各地目标完成率排名 Ranking against goals: ${(METRICS[metric] || [metric])[0]}`,
      columns: ['范围 scope', '当前 current', '目标 target', '完成率 ratio', '状态 status', '截止 deadline'],
      rows: ranked.map((g) => [g.scope.name, g.progress.current, g.progress.target, g.progress.ratio, (STATUSES[g.progress.status] || [g.progress.status])[0], g.deadline]),
    };
  }

  // ---- Drill down: country → province → city → district ------------------------------------

  /**
   * What the drill-down counts, per place of one level: four types' statistics, grouped by PROVINCE, CITY or
   * DISTRICT within the place above. Static queries (their variables: each type's groupBy and filter, the same
   * values), two types each so that each stays well within the query cost limit, held to the limits by the tests
   * like every other query the page sends.
   */
  const DRILL_QUERIES = [
    `query DashboardDrillStudiosAndCraftsmen(
    $studiosBy: [InnovationStudioDimension!]! = [PROVINCE], $studiosIn: InnovationStudioFilter,
    $craftsmenBy: [CraftsmanDimension!]! = [PROVINCE], $craftsmenIn: CraftsmanFilter) {
    t0: innovationStudioStats(groupBy: $studiosBy, filter: $studiosIn) { provinceCode cityCode districtCode province { name } city { name } district { name } count }
    t1: craftsmanStats(groupBy: $craftsmenBy, filter: $craftsmenIn) { provinceCode cityCode districtCode province { name } city { name } district { name } count }
  }`,
    `query DashboardDrillAcademiesAndContracts(
    $academiesBy: [CraftsmanAcademyDimension!]! = [PROVINCE], $academiesIn: CraftsmanAcademyFilter,
    $contractsBy: [CollectiveInnovationContractDimension!]! = [PROVINCE], $contractsIn: CollectiveInnovationContractFilter) {
    t2: craftsmanAcademyStats(groupBy: $academiesBy, filter: $academiesIn) { provinceCode cityCode districtCode province { name } city { name } district { name } count }
    t3: collectiveContractStats(groupBy: $contractsBy, filter: $contractsIn) { provinceCode cityCode districtCode province { name } city { name } district { name } count }
  }`,
  ];
  const DRILL_TYPES = [['创新工作室', 'Innovation studios'], ['工匠', 'Craftsmen'], ['工匠学院', 'Craftsman academies'], ['技术创新集体合同', 'Collective contracts']].map((name) => ({ name }));
  const DRILL_LEVELS = {
    country: { groupBy: 'PROVINCE', place: 'province', code: 'provinceCode', next: 'province', filter: () => null },
    province: { groupBy: 'CITY', place: 'city', code: 'cityCode', next: 'city', filter: (code) => ({ provinceCode: code }) },
    city: { groupBy: 'DISTRICT', place: 'district', code: 'districtCode', next: null, filter: (code) => ({ cityCode: code }) },
  };
  /** Where the drill-down is: the path from the country down, each step a level, a code and a name. */
  let drillPath = [{ level: 'country', code: null, name: ['全国', 'All'] }];

  async function loadDrill() {
    const step = drillPath[drillPath.length - 1];
    const level = DRILL_LEVELS[step.level];
    const by = [level.groupBy];
    const within = level.filter(step.code);
    const [studiosAndCraftsmen, academiesAndContracts] = await Promise.all([
      graphql(DRILL_QUERIES[0], { studiosBy: by, studiosIn: within, craftsmenBy: by, craftsmenIn: within }),
      graphql(DRILL_QUERIES[1], { academiesBy: by, academiesIn: within, contractsBy: by, contractsIn: within }),
    ]);
    const data = { ...studiosAndCraftsmen, ...academiesAndContracts };
    const places = new Map();
    DRILL_TYPES.forEach((t, i) => {
      for (const g of data[`t${i}`]) {
        const code = g[level.code];
        // Records placed no further (a province-level academy, a city's records with no district): their own line.
        const name = g[level.place] ? g[level.place].name : `未细分 not placed further`;
        const key = code || '';
        if (!places.has(key)) places.set(key, { code, name, counts: DRILL_TYPES.map(() => 0) });
        places.get(key).counts[i] += g.count;
      }
    });
    renderDrill([...places.values()].sort((a, b) => b.counts.reduce((x, y) => x + y) - a.counts.reduce((x, y) => x + y) || String(a.code).localeCompare(String(b.code))));
  }

  function renderDrill(places) {
    const step = drillPath[drillPath.length - 1];
    const level = DRILL_LEVELS[step.level];
    const crumbs = drillPath.map((s, i) =>
      i === drillPath.length - 1
        ? el('strong', {}, ...bilingual(s.name))
        : el('button', { type: 'button', class: 'crumb', 'data-depth': String(i) }, ...bilingual(s.name)));
    const trail = document.getElementById('drill-path');
    trail.replaceChildren(...crumbs.flatMap((c, i) => (i ? [' › ', c] : [c])));
    for (const button of trail.querySelectorAll('button.crumb')) {
      button.addEventListener('click', () => {
        drillPath = drillPath.slice(0, Number(button.dataset.depth) + 1);
        loadDrill().catch((err) => showErrors([`地区数据加载失败 Places could not be loaded: ${err.message}`]));
      });
    }
    const select = document.getElementById('drill-place');
    const drillable = level.next ? places.filter((p) => p.code) : [];
    select.replaceChildren(el('option', { value: '' }, level.next ? '选择下一级 Choose a place to drill into' : '已到区县 District level'), ...drillable.map((p) => el('option', { value: p.code }, p.name)));
    select.disabled = !drillable.length;
    select.onchange = () => {
      const place = drillable.find((p) => p.code === select.value);
      if (place) drillInto(place);
    };
    const node = document.getElementById('drill-chart');
    node.dataset.level = step.level;
    node.dataset.code = step.code || '';
    node.dataset.places = places.map((p) => `${p.code || '-'}:${p.counts.join('/')}`).join(',');
    node.style.height = `${Math.max(200, 60 + places.length * 26)}px`;
    const chart = chartIn('drill-chart', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 120, right: 24, top: 32, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: places.map((p) => p.name), inverse: true },
      series: DRILL_TYPES.map((t, i) => ({ name: `${t.name[0]} ${t.name[1]}`, type: 'bar', stack: 'all', data: places.map((p) => p.counts[i]) })),
      graphic: places.length ? [] : [emptyNote('这里没有登记记录 · Nothing registered here')],
    });
    chart.off('click');
    chart.on('click', (item) => {
      const place = drillable.find((p) => p.name === item.name);
      if (place) drillInto(place);
    });
    shown.drill = {
      title: `地区钻取 Drill down: ${drillPath.map((s) => s.name[0]).join(' › ')}`,
      columns: ['地区 place', '代码 code', ...DRILL_TYPES.map((t) => `${t.name[0]} ${t.name[1]}`)],
      rows: places.map((p) => [p.name, p.code, ...p.counts]),
    };
  }

  function drillInto(place) {
    const step = drillPath[drillPath.length - 1];
    drillPath = [...drillPath, { level: DRILL_LEVELS[step.level].next, code: place.code, name: [place.name, ''] }];
    loadDrill().catch((err) => showErrors([`地区数据加载失败 Places could not be loaded: ${err.message}`]));
  }

  // ---- Studios per city -------------------------------------------------------------------

  const latest = (line) => (line.points.length ? line.points[line.points.length - 1].cumulative : 0);
  // With no city, a line holds a province's records that name none.
  const cityName = (line) => (line.city ? line.city.name : `${line.province ? line.province.name : ''} 未分城市 (no city)`);
  const lineKey = (line) => `${line.provinceCode || ''}/${line.cityCode || ''}`;

  /** A chart's note where it has nothing to draw: says why, rather than leave an empty frame that reads as zero. */
  const emptyNote = (text) => ({ type: 'text', left: 'center', top: 'middle', style: { text, fill: css('--muted'), font: `13px ${FONT}` } });

  /** The cumulative dated studios of every city that has any, one line each, on one scale. */
  function drawStudioTrend(lines) {
    const years = lines.length ? lines[0].points.map((p) => p.period.slice(0, 4)) : [];
    const node = document.getElementById('studio-trend');
    node.dataset.lines = String(lines.length);
    chartIn('studio-trend', {
      title: { text: '注明成立日期的工作室逐年累计 Dated studios, cumulative per year', textStyle: { fontSize: 13, fontFamily: FONT } },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0, textStyle: { fontFamily: FONT } },
      grid: { left: 48, right: 16, top: 40, bottom: 48 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', minInterval: 1 },
      series: lines.map((line) => ({ name: cityName(line), type: 'line', data: line.points.map((p) => p.cumulative), symbolSize: 5 })),
      graphic: lines.length ? [] : [emptyNote('登记中的工作室都未注明成立日期，无法绘制趋势 · No studio in the registry has a founding date: no trend to draw')],
    });
  }

  /** Studios founded each month of the last MONTHS_SHOWN, everywhere the caller may see. */
  function drawMonthly(line) {
    const points = line ? line.points : [];
    document.getElementById('studio-monthly').dataset.total = String(points.reduce((sum, p) => sum + p.count, 0));
    chartIn('studio-monthly', {
      title: { text: '每月新增（按成立日期）New studios per month (by founding date)', textStyle: { fontSize: 13, fontFamily: FONT } },
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: points.map((p) => p.period.slice(0, 7)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: '新增 new', type: 'bar', data: points.map((p) => p.count), itemStyle: { color: css('--achieved') } }],
      graphic: points.some((p) => p.count > 0) ? [] : [emptyNote(`近 ${MONTHS_SHOWN} 个月没有注明成立日期的新增工作室（未注明日期的不计入）· No studio founded in the last ${MONTHS_SHOWN} months by its recorded date (undated ones cannot be placed)`)],
    });
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
        latest(line) ? null : el('p', { class: 'no-chart muted' }, '没有成立日期，无法绘制趋势 · No founding dates: no trend to draw'),
      );
    });
    drawStudioTrend(lines.filter((line) => latest(line) > 0));
    drawMonthly(data.monthly.lines[0]);
    shown.studios = {
      title: '各市创新工作室 Innovation studios per city',
      columns: ['城市 city', '登记总数 total', '注明成立日期 dated', '未注明日期 undated', '示例 samples'],
      rows: lines.map((line) => [cityName(line), total(line), latest(line), line.undatedCount, samples.get(lineKey(line)) || 0]),
    };
    if (!figures.length) figures.push(el('p', { class: 'muted' }, '登记系统中尚无创新工作室 No innovation studios in the registry'));
    const container = document.getElementById('studio-charts');
    container.dataset.from = from;
    container.dataset.to = to;
    container.replaceChildren(...figures);
    document.getElementById('studios-note').textContent =
      `登记的工作室数（含示例与未注明成立日期者）；曲线为注明成立日期者逐年累计，柱为近 ${MONTHS_SHOWN} 个月每月新增，截至 ${to}。` +
      `Studios in the registry (samples and undated ones included); the lines count those with a founding date, per year, the bars those founded each month of the last ${MONTHS_SHOWN}, up to ${to}.`;
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
    const headers = [...document.querySelectorAll('table.activities thead th')].map((th) => th.textContent.replace(/\s+/g, ' ').trim());
    shown.activities = {
      title: "产改活动 The reform's activities",
      columns: headers,
      rows: [...places.values()].sort((a, b) => a.key.localeCompare(b.key)).map((place) => [place.name, ...ACTIVITY_COLUMNS.map((c) => place.cells[c.key] || null)]),
    };
  }

  // ---- Page -------------------------------------------------------------------------------

  function showErrors(messages) {
    const box = document.getElementById('errors');
    box.replaceChildren(...messages.map((m) => el('p', {}, m)));
    box.hidden = messages.length === 0;
  }

  /** The first day of the month `months` before the month of `date` (YYYY-MM-DD). */
  function monthsBefore(date, months) {
    const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - months;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  }

  // ---- Exports ------------------------------------------------------------------------------

  /** Downloads what a section shows as a workbook (POST /export/table.xlsx: the same cells as every export). */
  async function exportSection(name) {
    const table = shown[name];
    if (!table || !table.rows.length) {
      showErrors([`没有可导出的数据 Nothing to export in this section`]);
      return;
    }
    const headers = { 'content-type': 'application/json' };
    const key = sessionStorage.getItem(KEY_STORE);
    if (key) headers.authorization = `Bearer ${key}`;
    const res = await fetch(`${ENDPOINT.replace(/\/graphql$/, '')}/export/table.xlsx`, { method: 'POST', headers, body: JSON.stringify(table) });
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      showErrors([`导出失败 Export failed: ${body && body.errors ? body.errors[0].message : `HTTP ${res.status}`}`]);
      return;
    }
    const link = el('a', { href: URL.createObjectURL(await res.blob()), download: `dashboard-${name}-${todayInChina()}.xlsx` });
    document.body.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  for (const button of document.querySelectorAll('button[data-export]')) {
    button.addEventListener('click', () => exportSection(button.dataset.export).catch((err) => showErrors([`导出失败 Export failed: ${err.message}`])));
  }

  async function load() {
    document.getElementById('font-warning').hidden = hasChineseFont();
    document.body.dataset.state = 'loading';
    const status = document.getElementById('status-line');
    status.textContent = '正在加载… Loading…';
    const to = todayInChina();
    const from = `${Number(to.slice(0, 4)) - (YEARS_SHOWN - 1)}-01-01`;
    const [goals, studios, activities, drill] = await Promise.allSettled([
      loadGoals(),
      graphql(STUDIOS_QUERY, { from, to, monthsFrom: monthsBefore(to, MONTHS_SHOWN - 1) }).then((data) => ({ series: data.innovationStudioSeries, monthly: data.monthly, samples: data.samples })),
      Promise.all(ACTIVITIES_QUERIES.map((query) => graphql(query))).then((parts) => Object.assign({}, ...parts)),
      loadDrill(),
    ]);
    const errors = [];
    // Each section shows what it could load; a failure is reported, never hidden behind an empty chart.
    if (goals.status === 'fulfilled') renderGoals(goals.value);
    else errors.push(`目标加载失败 Goals could not be loaded: ${goals.reason.message}`);
    if (studios.status === 'fulfilled') renderStudios(studios.value, from, to);
    else errors.push(`工作室数据加载失败 Studio series could not be loaded: ${studios.reason.message}`);
    if (activities.status === 'fulfilled') renderActivities(activities.value);
    else errors.push(`产改活动加载失败 Activities could not be loaded: ${activities.reason.message}`);
    if (drill.status === 'rejected') errors.push(`地区数据加载失败 Places could not be loaded: ${drill.reason.message}`);
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
