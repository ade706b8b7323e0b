/* govkg corpus page: the report picker, the overview charts, and each report's views drawn
 * on demand by govkg.js (window.govkgBoot) from that report's own gzip'd JSON block.
 * All report text is put in the page as DOM text (textContent / text nodes); nothing here
 * assigns innerHTML. */
(function () {
  'use strict';
  var C = JSON.parse(document.getElementById('govkg-corpus').textContent);
  var K = window.govkgCorpus = { data: C, timings: {}, current: -1, loaded: -1, switches: 0 };
  var SVGNS = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
                 '#9c755f', '#bab0ac', '#1f77b4', '#8c564b'];
  var GAP_BORDER = '#d00000';

  var $ = window.govkgDom.$, el = window.govkgDom.el;  // govkg.js's DOM helpers (loaded first)
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.appendChild(document.createTextNode(String(text)));
    return e;
  }
  function status(s) { $('status').textContent = s; }
  function uniq(values) {
    var seen = {}, out = [];
    values.forEach(function (v) { if (v !== '' && v !== null && v !== undefined && !seen[v]) { seen[v] = 1; out.push(v); } });
    return out.sort(function (a, b) { return typeof a === 'number' ? a - b : (a < b ? -1 : a > b ? 1 : 0); });
  }
  function pct(x) { return Math.round(x * 1000) / 10 + '%'; }

  $('corpus-title').textContent = C.title;

  // ---------------------------------------------------------------- picker
  var FILTERS = [['pick-issuer', 'issuer'], ['pick-region', 'region'], ['pick-year', 'year']];
  FILTERS.forEach(function (f) {
    var s = $(f[0]);
    s.appendChild(el('option', { value: '', text: '全部 All' }));
    uniq(C.reports.map(function (r) { return r[f[1]]; })).forEach(function (v) {
      s.appendChild(el('option', { value: String(v), text: v }));
    });
    s.onchange = function () { fillReports(true); };
  });
  function matching() {
    var want = FILTERS.map(function (f) { return [f[1], $(f[0]).value]; });
    var out = [];
    C.reports.forEach(function (r, i) {
      if (want.every(function (w) { return !w[1] || String(r[w[0]]) === w[1]; })) out.push(i);
    });
    return out;
  }
  function fillReports(follow) {
    var sel = $('pick-report'), idx = matching();
    sel.replaceChildren();
    idx.forEach(function (i) {
      var r = C.reports[i];
      sel.appendChild(el('option', { value: String(i), text: r.issuer + ' · ' + (r.year || '') + ' · ' + r.id }));
    });
    $('pick-count').textContent = idx.length + ' / ' + C.reports.length + ' 份';
    if (!idx.length) return;
    var keep = idx.indexOf(K.current) >= 0 ? K.current : idx[0];
    sel.value = String(keep);
    K.current = keep;
    if (follow && currentTab() !== 'overview') pick(keep);
  }
  $('pick-report').onchange = function () { pick(+$('pick-report').value); };

  // ---------------------------------------------------------------- one report's views
  function unpack(i) {  // base64 → gzip → JSON, in the browser (DecompressionStream)
    var bin = atob($('rep-' + i).textContent), bytes = new Uint8Array(bin.length);
    for (var j = 0; j < bin.length; j++) bytes[j] = bin.charCodeAt(j);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }
  function expand(d) {  // the styles page.py leaves out, derived again from class, gap and kind
    var cls = {}, kind = {};
    d.classes.forEach(function (c) { cls[c.key] = c; });
    C.edgeKinds.forEach(function (k) { kind[k.key] = k; });
    var plain = d.nodes.length > 1000;
    d.nodes.forEach(function (n) {
      var c = cls[n.cls] || { color: '#999999', shape: 'dot' }, border = c.color;
      n.shape = c.shape;
      if (n.gap === 'open' || n.gap === 'unmotivated') {
        n.borderWidth = 4; n.shapeProperties = { borderDashes: [6, 4] }; border = GAP_BORDER;
      }
      n.color = { background: c.color, border: border, highlight: { background: c.color, border: '#222222' },
                  hover: { background: c.color, border: '#222222' } };
    });
    d.edges.forEach(function (e) {
      var k = kind[e.kind] || { color: '#999999', dashes: false };
      e.color = { color: k.color, highlight: '#222222', hover: '#222222', opacity: 0.8 };
      e.dashes = !!k.dashes && !plain;
      e.arrows = 'to';
    });
    d.edgeKinds = C.edgeKinds;
    d.focus = null;
    d.reports = {};
    (d.tree || []).forEach(function (t) { d.reports[t.report] = t.title; });
    return d;
  }
  function pick(i, tab) {
    var t = performance.now();
    K.current = i;
    if ($('pick-report').value !== String(i)) {
      if (!$('pick-report').querySelector('option[value="' + i + '"]')) {
        FILTERS.forEach(function (f) { $(f[0]).value = ''; });
        fillReports(false);
      }
      $('pick-report').value = String(i);
    }
    status('载入 ' + C.reports[i].id + ' …');
    var want = tab || (currentTab() === 'overview' ? 'tree' : currentTab());
    K.loading = unpack(i).then(function (d) {
      if (K.current !== i) return;  // another report was picked meanwhile
      window.govkgBoot(expand(d), { tabs: false, lazyNetwork: true, tab: want, report: C.reports[i].report });
      K.loaded = i; K.switches++;
      K.timings.switched = performance.now() - t;
      document.body.setAttribute('data-report', C.reports[i].id);
    });
    return K.loading;
  }
  K.pick = pick;
  K.pickId = function (id) {
    for (var i = 0; i < C.reports.length; i++) if (C.reports[i].id === id) return pick(i);
    return Promise.reject(new Error('no report ' + id));
  };

  // ---------------------------------------------------------------- tabs
  function currentTab() {
    var b = document.querySelector('#tabs button[aria-selected="true"]');
    return b ? b.getAttribute('data-tab') : 'overview';
  }
  function showPage(name) {
    document.querySelectorAll('#tabs button').forEach(function (b) {
      var t = b.getAttribute('data-tab');
      $('page-' + t).hidden = t !== name;
      b.setAttribute('aria-selected', t === name ? 'true' : 'false');
    });
    $('tip').hidden = true;
  }
  function openTab(name) {
    if (name === 'overview') return showPage('overview');
    if (K.loaded === K.current && window.govkg && window.govkg.showTab) return window.govkg.showTab(name);
    return pick(K.current, name);
  }
  K.showTab = openTab;
  document.querySelectorAll('#tabs button').forEach(function (b) {
    b.onclick = function () { openTab(b.getAttribute('data-tab')); };
  });

  // ---------------------------------------------------------------- overview
  function box(id, title, note) {
    var sec = el('section', { class: 'ov-box', id: id }, el('h2', { text: title }));
    if (note) sec.appendChild(el('p', { class: 'muted', text: note }));
    return sec;
  }
  function recurringChart(rows) {
    var sec = box('ov-recurring', '反复出现的原因（按主题、年度） Recurring causes by theme',
      '次年报告中再次出现的不足所给出的原因数（named query recurringyears）；悬停看机关数与不足数。');
    if (!rows.length) { sec.appendChild(el('p', { class: 'muted', text: '库中没有相邻年度的报告对，无法判断反复出现的问题。' })); return sec; }
    var years = uniq(rows.map(function (r) { return r.year; }));
    var themes = uniq(rows.map(function (r) { return r.theme; }));
    var label = {};
    rows.forEach(function (r) { label[r.theme] = r.label; });
    var top = Math.max.apply(null, rows.map(function (r) { return r.causes; }).concat([1]));
    var step = Math.pow(10, Math.floor(Math.log10(Math.max(1, top / 4))));  // ticks at 1, 2 or 5 × 10^k
    step = [1, 2, 5, 10].map(function (m) { return m * step; }).find(function (x) { return top / x <= 5; });
    var max = Math.ceil(top / step) * step;
    var W = 760, H = 280, L = 44, R = 16, T = 12, B = 30;
    var x = function (y) { return years.length < 2 ? (L + W - R) / 2 : L + (W - L - R) * years.indexOf(y) / (years.length - 1); };
    var yv = function (v) { return T + (H - T - B) * (1 - v / max); };
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', 'aria-label': 'recurring causes by theme and year' });
    for (var v = 0; v <= max; v += step) {
      chart.appendChild(svg('line', { x1: L, x2: W - R, y1: yv(v), y2: yv(v), class: 'grid' }));
      chart.appendChild(svg('text', { x: L - 6, y: yv(v) + 4, class: 'tick', 'text-anchor': 'end' }, v));
    }
    years.forEach(function (y) { chart.appendChild(svg('text', { x: x(y), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, y)); });
    var legend = el('ul', { class: 'chart-legend' });
    themes.forEach(function (th, ti) {
      var colour = PALETTE[ti % PALETTE.length];
      var pts = rows.filter(function (r) { return r.theme === th; });
      var g = svg('g', { class: 'series', 'data-theme': th });
      if (pts.length > 1) {
        g.appendChild(svg('polyline', { points: pts.map(function (r) { return x(r.year) + ',' + yv(r.causes); }).join(' '),
          stroke: colour, fill: 'none', 'stroke-width': 2 }));
      }
      pts.forEach(function (r) {
        var c = svg('circle', { cx: x(r.year), cy: yv(r.causes), r: 4, fill: colour, class: 'point',
          'data-theme': r.theme, 'data-year': r.year, 'data-causes': r.causes });
        c.appendChild(svg('title', {}, r.label + ' ' + r.year + '：原因 ' + r.causes + '，反复的不足 ' + r.recurrences + '，机关 ' + r.issuers));
        g.appendChild(c);
      });
      chart.appendChild(g);
      legend.appendChild(el('li', null, el('span', { class: 'swatch', style: 'background:' + colour }), label[th]));
    });
    sec.appendChild(el('div', { class: 'chart-wrap' }, chart));
    sec.appendChild(legend);
    return sec;
  }
  function mechanismBars(rows) {
    var sec = box('ov-mechanisms', '机制的分布 Spread of mechanisms', '使用该机制的机关数（named query spread，前 ' + rows.length + ' 项）。');
    var max = Math.max.apply(null, rows.map(function (r) { return r.issuers; }).concat([1]));
    var list = el('ol', { class: 'bars' });
    rows.forEach(function (r) {
      list.appendChild(el('li', { 'data-issuers': r.issuers },
        el('span', { class: 'bar-label', text: r.label, title: r.label }),
        el('span', { class: 'bar-track' }, el('span', { class: 'bar', style: 'width:' + (100 * r.issuers / max) + '%' })),
        el('span', { class: 'bar-value', text: r.issuers + ' 机关 · ' + r.reports + ' 份' })));
    });
    if (!rows.length) sec.appendChild(el('p', { class: 'muted', text: '没有机制。' }));
    sec.appendChild(list);
    return sec;
  }
  function followTable(rows) {
    var sec = box('ov-followthrough', '各机关的落实率 Follow-through per body',
      '上一年计划的举措中，次年报告有措施落实的比例（named query followthrough）。点击机关以选取其报告。');
    if (!rows.length) { sec.appendChild(el('p', { class: 'muted', text: '库中没有相邻年度的报告对。' })); return sec; }
    var t = el('table', { class: 'follow' });
    t.appendChild(el('thead', null, el('tr', null, el('th', { text: '机关 Body' }), el('th', { text: '年度' }),
      el('th', { text: '举措' }), el('th', { text: '已落实' }), el('th', { text: '落实率 Rate' }))));
    var tb = el('tbody');
    rows.forEach(function (r) {
      var name = el('button', { type: 'button', class: 'link', text: r.issuer });
      name.onclick = function () { $('pick-issuer').value = r.issuer; fillReports(false); pick(K.current, 'tree'); };
      tb.appendChild(el('tr', { 'data-issuer': r.issuer, 'data-rate': r.rate }, el('td', null, name),
        el('td', { text: r.years.join('、') }), el('td', { class: 'num', text: r.actions }), el('td', { class: 'num', text: r.carried }),
        el('td', { class: 'rate' }, el('div', { class: 'rate-cell' },
          el('span', { class: 'bar-track' }, el('span', { class: 'bar', style: 'width:' + (100 * r.rate) + '%' })),
          el('span', { class: 'bar-value', text: pct(r.rate) })))));
    });
    t.appendChild(tb);
    sec.appendChild(el('div', { class: 'scroll-y' }, t));
    return sec;
  }
  function buildOverview() {
    var root = $('page-overview'), issuers = uniq(C.reports.map(function (r) { return r.issuer; }));
    var years = uniq(C.reports.map(function (r) { return r.year; }));
    var wrap = el('div', { class: 'overview' });
    wrap.appendChild(el('p', { class: 'summary', text: C.reports.length + ' 份报告 · ' + issuers.length + ' 个机关 · ' +
      (years.length ? years[0] + '–' + years[years.length - 1] + ' 年' : '') + '。选取一份报告查看其问题树、图谱与规划视图。' }));
    wrap.appendChild(recurringChart(C.recurring));
    wrap.appendChild(mechanismBars(C.mechanisms));
    wrap.appendChild(followTable(C.followthrough));
    root.replaceChildren(wrap);
  }

  buildOverview();
  fillReports(false);
  status(C.reports.length + ' 份报告');
  K.timings.firstRender = performance.now();  // from navigation start
  document.body.setAttribute('data-ready', '1');
})();
