/* govkg page: graph explorer and planner's page.
 * All report text comes from the JSON block and is put in the page as DOM text
 * (textContent / createTextNode); nothing here assigns innerHTML. */
(function () {
  'use strict';

  // ---------------------------------------------------------------- helpers
  function $(id) { return document.getElementById(id); }
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === undefined || v === null) return;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = String(v);
        else if (k.indexOf('data-') === 0 || k.indexOf('aria-') === 0) e.setAttribute(k, String(v));
        else e[k] = v;
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var kid = arguments[i];
      if (kid === undefined || kid === null || kid === false) continue;
      e.appendChild(typeof kid === 'object' ? kid : document.createTextNode(String(kid)));
    }
    return e;
  }
  function fmt(v, digits) {
    if (v === undefined || v === null || v === '') return '';
    if (typeof v === 'number') {
      if (Number.isInteger(v)) return String(v);
      return String(+v.toFixed(digits === undefined ? 2 : digits));
    }
    return String(v);
  }
  var tip = $('tip');

  // boot(DATA, opts): draw one report's (or one graph's) views into the page.  The page of
  // a corpus calls it again for each report picked (opts.tabs: false, it owns the tab bar),
  // so listeners on the page's fixed elements are set as properties, replaced at each boot.
  function boot(DATA, opts) {
  opts = opts || {};
  var t0 = performance.now();
  var old = window.govkg;
  if (old && old.network) old.network.destroy();
  var G = window.govkg = { data: DATA, stabilized: false, highlighted: [], timings: {}, report: opts.report };
  ['classes', 'themes', 'edge-legend', 'search-hits', 'page-tree', 'page-planner'].forEach(function (id) {
    if ($(id)) $(id).replaceChildren();
  });
  $('search').value = ''; $('search-info').textContent = ''; $('gaps-only').checked = false; tip.hidden = true;
  var CLASS = {};
  DATA.classes.forEach(function (c) { CLASS[c.key] = c; });
  var THEME = {};
  DATA.themes.forEach(function (t) { THEME[t.id] = t; });
  var KIND = {};
  DATA.edgeKinds.forEach(function (k) { KIND[k.key] = k; });
  var GAPNAME = { open: '缺口：未被任何举措回应的原因', unmotivated: '缺口：没有对应原因的举措',
                  unaddressed: '不足的所有原因都未被回应' };

  $('title').textContent = DATA.title;

  // ---------------------------------------------------------------- network
  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  var container = $('net');
  G.nodes = nodes; G.edges = edges;
  // The network is made at once, or (opts.lazyNetwork: the corpus page) when first needed, so
  // that picking a report draws its tree without laying out its network first.
  var network = null, onNetwork = [];
  function makeNetwork() {
    if (network) return network;
    network = G.network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
    G.timings.constructed = performance.now() - t0;
    onNetwork.forEach(function (f) { f(network); });
    if (!DATA.nodes.length) finish();
    return network;
  }

  function finish() {
    if (G.stabilized) return;
    network.setOptions({ physics: { enabled: false } });
    G.stabilized = true;
    G.timings.stabilized = performance.now() - t0;
    var d = G.drawn();
    status(d.nodes + ' 节点 · ' + d.edges + ' 关系');
    if (DATA.focus && DATA.focus.seeds && DATA.focus.seeds.length) {
      network.selectNodes(DATA.focus.seeds.filter(function (id) { return byId[id]; }));
      highlight(DATA.focus.seeds);
      showDetail(DATA.focus.seeds[0]);
    }
    document.body.setAttribute('data-ready', '1');
  }
  onNetwork.push(function (network) {
    network.on('stabilizationProgress', function (p) {
      status('布局中 ' + Math.round(100 * p.iterations / p.total) + '%');
    });
    network.once('stabilizationIterationsDone', finish);
    network.once('stabilized', finish);
  });
  function status(s) { $('status').textContent = s; }

  // counts of what is drawn (not hidden), for tests and the status line
  G.drawn = function () {
    var n = 0, e = 0;
    nodes.forEach(function (x) { if (!x.hidden) n++; });
    edges.forEach(function (x) { if (!x.hidden) e++; });
    return { nodes: n, edges: e };
  };

  // ---------------------------------------------------------------- tooltip
  function row(dl, key, value) {
    if (value === undefined || value === null || value === '') return;
    dl.appendChild(el('dt', { text: key }));
    dl.appendChild(el('dd', { text: value }));
  }
  function where(n) {
    var parts = [];
    if (n.section) parts.push(n.section + (n.section_label ? '（' + n.section_label + '）' : ''));
    if (n.span) parts.push('字符 ' + n.span[0] + '–' + n.span[1]);
    return parts.join(' · ');
  }
  function nodeCard(n) {
    var c = CLASS[n.cls] || { zh: n.cls, en: n.cls };
    var box = el('div', { class: 'card' });
    box.appendChild(el('div', { class: 'cls', text: c.zh + ' · ' + c.en }));
    box.appendChild(el('div', { class: 'label', text: n.full }));
    if (n.gap) box.appendChild(el('div', { class: 'gapnote', text: GAPNAME[n.gap] }));
    var dl = el('dl');
    if (n.text && n.text !== n.full) row(dl, '正文', n.text);
    if (n.value !== undefined) row(dl, '数值', (n.comparator ? n.comparator + ' ' : '') + fmt(n.value) + (n.unit || ''));
    if (n.counts) row(dl, '计数对象', n.counts);
    if (n.year) row(dl, '年份', n.year);
    if (n.change !== undefined) row(dl, '变化', fmt(n.change) + '%');
    if (n.change_ratio !== undefined) row(dl, '目标/基线', '×' + fmt(n.change_ratio));
    if (n.best_score !== undefined) row(dl, '最佳候选分', fmt(n.best_score) + (n.best && byId[n.best] ? '（' + byId[n.best].full + '）' : ''));
    row(dl, '来源句子', n.sentence);
    row(dl, '位置', where(n));
    if (n.report) row(dl, '报告', (DATA.reports && DATA.reports[n.report]) || n.report);
    if (n.themes && n.themes.length) row(dl, '主题', n.themes.map(function (t) { return THEME[t] ? THEME[t].label : t; }).join('、'));
    if (n.en) row(dl, 'English', n.en);
    box.appendChild(dl);
    return box;
  }
  function edgeCard(e) {
    var box = el('div', { class: 'card' });
    var k = KIND[e.kind] || { zh: e.kind };
    var a = byId[e.from], b = byId[e.to];
    box.appendChild(el('div', { class: 'cls', text: k.zh + ' · ' + e.kind }));
    box.appendChild(el('div', { class: 'label', text: (a ? a.full : e.from) + ' → ' + (b ? b.full : e.to) }));
    var dl = el('dl');
    if (e.score !== undefined) row(dl, '分数', fmt(e.score, 3));
    if (e.lexical !== undefined) row(dl, '词汇', fmt(e.lexical, 3));
    if (e.semantic !== undefined) row(dl, '语义', fmt(e.semantic, 3));
    if (e.terms && e.terms.length) row(dl, '共享词', e.terms.join('、'));
    row(dl, '证据', e.evidence);
    box.appendChild(dl);
    return box;
  }
  function tipAt(card, cx, cy) {  // the tooltip beside a point of the window, kept inside it
    tip.replaceChildren(card);
    tip.hidden = false;
    var x = cx + 14, y = cy + 14, w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = Math.max(8, cx - w - 14);
    if (y + h > window.innerHeight - 8) y = Math.max(8, window.innerHeight - h - 8);
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  }
  function showTip(card, pointer) {
    var r = container.getBoundingClientRect();
    tipAt(card, r.left + pointer.DOM.x, r.top + pointer.DOM.y);
  }
  onNetwork.push(function (network) {
    network.on('hoverNode', function (p) { var n = nodes.get(p.node); if (n) showTip(nodeCard(n), p.pointer); });
    network.on('hoverEdge', function (p) { var e = edges.get(p.edge); if (e) showTip(edgeCard(e), p.pointer); });
    network.on('blurNode', function () { tip.hidden = true; });
    network.on('blurEdge', function () { tip.hidden = true; });
    network.on('dragStart', function () { tip.hidden = true; });
    network.on('zoom', function () { tip.hidden = true; });
  });

  function showDetail(id) {
    var n = byId[id];
    var d = $('detail');
    if (!n) { d.replaceChildren(document.createTextNode('点击节点查看来源句子与位置')); d.className = 'muted'; return; }
    d.className = '';
    d.replaceChildren(nodeCard(nodes.get(id) || n));
  }

  // ---------------------------------------------------------------- highlight
  var DIM_NODE = { background: '#eeeeee', border: '#dddddd', highlight: { background: '#eeeeee', border: '#bbbbbb' },
                   hover: { background: '#eeeeee', border: '#bbbbbb' } };
  var dimmed = false;
  // Dimming restyles every node and edge; above this size that costs seconds, so the
  // neighbourhood is shown by selecting it instead (vis draws selected items emphasised).
  var DIM_LIMIT = 3000;
  function highlight(ids) {
    makeNetwork();
    ids = [].concat(ids).filter(function (id) { return byId[id]; });
    var keep = {};
    ids.forEach(function (id) {
      keep[id] = 1;
      network.getConnectedNodes(id).forEach(function (m) { keep[m] = 1; });
    });
    G.highlighted = Object.keys(keep);
    G.highlightedFrom = ids;
    if (DATA.nodes.length > DIM_LIMIT) {
      network.setSelection({ nodes: G.highlighted, edges: [] }, { highlightEdges: true });
      return;
    }
    var nu = [], eu = [];
    DATA.nodes.forEach(function (n) {
      var on = !!keep[n.id];
      nu.push({ id: n.id, color: on ? n.color : DIM_NODE, font: { color: on ? '#222222' : '#cccccc' }, dim: !on });
    });
    DATA.edges.forEach(function (e) {
      var on = (keep[e.from] && keep[e.to]) && (ids.indexOf(e.from) >= 0 || ids.indexOf(e.to) >= 0);
      eu.push({ id: e.id, color: on ? e.color : { color: '#eeeeee', opacity: 0.4 },
                font: { color: on ? '#333333' : 'rgba(0,0,0,0)' }, dim: !on });
    });
    nodes.update(nu); edges.update(eu);
    dimmed = true;
  }
  function clearHighlight() {
    G.highlighted = []; G.highlightedFrom = [];
    if (!dimmed) return;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, color: n.color, font: { color: '#222222' }, dim: false }; }));
    edges.update(DATA.edges.map(function (e) { return { id: e.id, color: e.color, font: { color: '#333333' }, dim: false }; }));
    dimmed = false;
    G.highlighted = []; G.highlightedFrom = [];
  }
  G.highlight = highlight; G.clearHighlight = clearHighlight;
  onNetwork.push(function (network) { network.on('click', function (p) {
    if (p.nodes && p.nodes.length) { highlight(p.nodes[0]); showDetail(p.nodes[0]); }
    else if (!p.edges || !p.edges.length) { clearHighlight(); showDetail(null); }
  }); });

  // ---------------------------------------------------------------- filters
  var classOn = {}, themeOn = {}, gapsOnly = false;
  DATA.classes.forEach(function (c) { classOn[c.key] = true; });
  DATA.themes.forEach(function (t) { themeOn[t.id] = true; });
  var gapNear = null;
  function gapNeighbourhood() {
    if (gapNear) return gapNear;
    gapNear = {};
    DATA.nodes.forEach(function (n) { if (n.gap) gapNear[n.id] = 1; });
    DATA.edges.forEach(function (e) {
      if (byId[e.from] && byId[e.from].gap) gapNear[e.to] = 1;
      if (byId[e.to] && byId[e.to].gap) gapNear[e.from] = 1;
    });
    return gapNear;
  }
  function visible(n) {
    if (!classOn[n.cls]) return false;
    if (n.cls === 'theme' && themeOn[n.id] === false) return false;
    if (n.themes && n.themes.length && !n.themes.some(function (t) { return themeOn[t] !== false; })) return false;
    if (gapsOnly && !gapNeighbourhood()[n.id]) return false;
    return true;
  }
  function applyFilters() {
    var vis_ = {}, nu = [], eu = [];
    DATA.nodes.forEach(function (n) {
      var v = visible(n);
      if (v) vis_[n.id] = 1;
      if (!!n.hidden !== !v) { n.hidden = !v; nu.push({ id: n.id, hidden: !v }); }
    });
    DATA.edges.forEach(function (e) {
      var v = !!(vis_[e.from] && vis_[e.to]);
      if (!!e.hidden !== !v) { e.hidden = !v; eu.push({ id: e.id, hidden: !v }); }
    });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    var d = G.drawn();
    status(d.nodes + ' / ' + DATA.nodes.length + ' 节点');
    G.visible = vis_;
  }
  G.applyFilters = applyFilters;

  function checkbox(list, key, text, count, color, onchange, extraClass) {
    var box = el('input', { type: 'checkbox', checked: true, 'data-key': key });
    box.addEventListener('change', function () { onchange(box.checked); });
    var li = el('li', null, el('label', { class: 'check' + (extraClass ? ' ' + extraClass : '') }, box,
      color ? el('span', { class: 'swatch', style: 'background:' + color }) : null,
      el('span', { class: 'name', text: text }), el('span', { class: 'count', text: count })));
    list.appendChild(li);
    return box;
  }
  var classBoxes = DATA.classes.map(function (c) {
    var b = checkbox($('classes'), c.key, c.zh + ' ' + c.en, c.count, c.color, function (on) {
      classOn[c.key] = on; applyFilters();
    });
    b.id = 'class-' + c.key;
    if (!c.count) b.closest('li').classList.add('empty');
    return b;
  });
  var themeBoxes = DATA.themes.map(function (t) {
    return checkbox($('themes'), t.id, t.label, t.count, null, function (on) { themeOn[t.id] = on; applyFilters(); });
  });
  $('classes-all').onclick = function () {
    var all = classBoxes.every(function (b) { return b.checked; });
    classBoxes.forEach(function (b) { b.checked = !all; classOn[b.getAttribute('data-key')] = !all; });
    applyFilters();
  };
  $('themes-all').onclick = function () {
    var all = themeBoxes.every(function (b) { return b.checked; });
    themeBoxes.forEach(function (b) { b.checked = !all; themeOn[b.getAttribute('data-key')] = !all; });
    applyFilters();
  };
  $('gaps-only').onchange = function (ev) { gapsOnly = ev.target.checked; applyFilters(); };
  DATA.edgeKinds.forEach(function (k) {
    $('edge-legend').appendChild(el('li', null,
      el('span', { class: 'line' + (k.dashes ? ' dashed' : ''), style: 'border-color:' + k.color }),
      el('span', { text: k.zh + ' ' + k.key })));
  });

  // ---------------------------------------------------------------- search
  var search = $('search');
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    return DATA.nodes.filter(function (n) {
      return !n.hidden && ((n.full || '').toLowerCase().indexOf(q) >= 0 || (n.text || '').toLowerCase().indexOf(q) >= 0);
    });
  }
  function renderHits(hits) {
    var ol = $('search-hits');
    ol.replaceChildren();
    $('search-info').textContent = search.value.trim() ? hits.length + ' 个匹配' : '';
    hits.slice(0, 30).forEach(function (n) {
      var a = el('button', { type: 'button', class: 'hit', text: n.full });
      a.addEventListener('click', function () { goTo([n.id]); });
      ol.appendChild(el('li', null, el('span', { class: 'swatch', style: 'background:' + (CLASS[n.cls] || {}).color }), a));
    });
  }
  function goTo(ids) {
    if (!ids.length) return;
    makeNetwork();
    network.selectNodes(ids);
    highlight(ids);
    showDetail(ids[0]);
    network.fit({ nodes: ids, animation: ids.length < 50 ? { duration: 300 } : false, maxZoomLevel: 1.5 });
  }
  G.search = function (q) { search.value = q; var h = matches(q); renderHits(h); goTo(h.map(function (n) { return n.id; })); return h.length; };
  var timer = null;
  search.oninput = function () {
    clearTimeout(timer);
    timer = setTimeout(function () { renderHits(matches(search.value)); }, 120);
  };
  search.onkeydown = function (ev) {
    if (ev.key === 'Enter') { var h = matches(search.value); renderHits(h); goTo(h.map(function (n) { return n.id; })); }
    if (ev.key === 'Escape') { search.value = ''; renderHits([]); clearHighlight(); }
  };


  // ---------------------------------------------------------------- problem tree
  // shortcoming → causes → actions → targets, left to right; wires drawn once laid out
  function treeCard(id, f) {  // the network's card of the node, or one from the tree's own facts
    return nodeCard(byId[id] || { cls: f.cls, full: f.label, gap: f.gap, sentence: f.sentence,
                                  section: f.section, span: f.span });
  }
  var GAPMARK = { open: '未被回应', unmotivated: '无对应问题', unaddressed: '原因均未被回应' };
  function tnode(t, id, key) {
    var f = t.nodes[id];
    var box = el('div', { class: 'tnode ' + f.cls + (f.gap ? ' gap' : ''), 'data-id': id, 'data-key': key, tabindex: 0 },
      el('span', { class: 'id', text: id.split('/').pop() }), f.label,
      f.gap ? el('span', { class: 'mark', text: GAPMARK[f.gap] }) : null);
    box.addEventListener('mouseenter', function (ev) { tipAt(treeCard(id, f), ev.clientX, ev.clientY); });
    box.addEventListener('mouseleave', function () { tip.hidden = true; });
    box.addEventListener('focus', function () { var r = box.getBoundingClientRect(); tipAt(treeCard(id, f), r.right, r.top); });
    box.addEventListener('blur', function () { tip.hidden = true; });
    if (f.cls === 'cause' && peersOf(id)) {  // what other bodies planned for the same cause
      box.classList.add('has-peers');
      box.title = '点击查看他方举措 Click: peer remedies';
      box.addEventListener('click', function () { showPeers(id); });
      box.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') showPeers(id); });
    }
    return box;
  }
  function sameCause(a, b) { return a === b || a.split('/').pop() === b.split('/').pop(); }
  function peersOf(id) {  // the peer remedies of a cause, when the page was drawn from a store
    var found = null;
    ((DATA.planner && DATA.planner.reports) || []).forEach(function (r) {
      (r.peers || []).forEach(function (c) { if (sameCause(c.cause, id)) found = c; });
    });
    return found;
  }
  function showPeers(id) {  // the planner tab, scrolled to the cause's peer remedies
    showTab('planner');
    var hit = null;
    document.querySelectorAll('#page-planner .peer-cause').forEach(function (n) {
      n.classList.remove('focus');
      if (!hit && sameCause(n.getAttribute('data-id'), id)) hit = n;
    });
    if (hit) { hit.classList.add('focus'); hit.scrollIntoView({ block: 'start' }); }
  }
  function targetChip(x, key) {
    var b = x.baseline;
    return el('div', { class: 'tgt', 'data-id': x.id, 'data-key': key },
      (x.comparator ? x.comparator + ' ' : '') + fmt(x.value) + (x.unit || '') + (x.counts ? ' · ' + x.counts : ''),
      el('span', { class: 'base' + (b ? '' : ' none'),
        text: b ? '基线 ' + fmt(b.value) + (b.unit || '') + (b.year ? '（' + b.year + '）' : '') +
          (x.delta === undefined ? '' : x.delta === 0 ? ' · 持平' : (x.delta > 0 ? ' ↑ +' : ' ↓ ') + fmt(x.delta) + (x.unit || ''))
          : '无基线' }));
  }
  function treeRow(t, r, ri) {
    var div = el('div', { class: 'tree-row', 'data-row': ri });
    var wires = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    wires.setAttribute('class', 'wires');
    div.appendChild(wires);
    var sc = el('div', { class: 'col sc' }), cs = el('div', { class: 'col causes' }), as = el('div', { class: 'acts' });
    var scKey = 'r' + ri + 's';
    if (r.shortcoming) sc.appendChild(tnode(t, r.shortcoming, scKey));
    else if (r.causes.length) sc.appendChild(el('div', { class: 'tnode placeholder', 'data-key': scKey, text: '（未归属于某项不足的原因）' }));
    else sc.appendChild(el('div', { class: 'tnode placeholder', 'data-key': scKey, text: '（不回应任何已诊断问题的举措）' }));
    var wanted = [], pairs = [];
    r.causes.forEach(function (c, ci) {
      var key = 'r' + ri + 'c' + ci;
      cs.appendChild(tnode(t, c.id, key));
      pairs.push([scKey, key, 'cause']);
      c.actions.forEach(function (a) { if (wanted.indexOf(a) < 0) wanted.push(a); pairs.push([key, 'r' + ri + 'a' + a, 'link']); });
    });
    (r.actions || []).forEach(function (a) {
      if (wanted.indexOf(a) < 0) wanted.push(a);
      if (r.shortcoming) pairs.push([scKey, 'r' + ri + 'a' + a, 'link']);  // the last row's actions answer nothing
    });
    wanted.forEach(function (a) {
      as.appendChild(tnode(t, a, 'r' + ri + 'a' + a));
      var tg = el('div', { class: 'tgts' });
      (t.nodes[a].targets || []).forEach(function (x, xi) {
        var key = 'r' + ri + 'a' + a + 't' + xi;
        tg.appendChild(targetChip(x, key));
        pairs.push(['r' + ri + 'a' + a, key, 'target']);
      });
      as.appendChild(tg);
    });
    div.appendChild(sc); div.appendChild(cs); div.appendChild(as);
    div._pairs = pairs;
    return div;
  }
  function drawWires(rowEl) {
    var svg = rowEl.querySelector('svg.wires'), box = rowEl.getBoundingClientRect();
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    rowEl._pairs.forEach(function (p) {
      var a = rowEl.querySelector('[data-key="' + p[0] + '"]'), b = rowEl.querySelector('[data-key="' + p[1] + '"]');
      if (!a || !b) return;
      var ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
      var x1 = ra.right - box.left, y1 = ra.top + ra.height / 2 - box.top;
      var x2 = rb.left - box.left, y2 = rb.top + rb.height / 2 - box.top, mx = (x1 + x2) / 2;
      var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      path.setAttribute('d', 'M' + x1 + ',' + y1 + ' C' + mx + ',' + y1 + ' ' + mx + ',' + y2 + ' ' + x2 + ',' + y2);
      path.setAttribute('class', p[2]);
      path.setAttribute('data-from', p[0]); path.setAttribute('data-to', p[1]);
      svg.appendChild(path);
    });
  }
  function buildTree(root) {
    root.replaceChildren();
    if (!DATA.tree.length) root.appendChild(el('p', { class: 'muted', text: '图中没有不足、原因或举措。' }));
    DATA.tree.forEach(function (t) {
      var sec = el('section', { class: 'tree-report', 'data-report': t.report });
      sec.appendChild(el('h2', { text: t.title }));
      sec.appendChild(el('div', { class: 'tree-head' }, el('div', { text: '不足 Shortcoming' }), el('div', { text: '原因 Cause' }),
        el('div', { text: '举措 Action（下一年）' }), el('div', { text: '目标与基线 Target · baseline' })));
      var rows = t.rows.slice();
      if (t.free_actions.length) rows.push({ shortcoming: null, causes: [], actions: t.free_actions });
      rows.forEach(function (r, ri) { sec.appendChild(treeRow(t, r, ri)); });
      root.appendChild(sec);
    });
  }
  G.drawTree = function () { document.querySelectorAll('.tree-row').forEach(drawWires); };
  window.onresize = function () { if (!$('page-tree').hidden) G.drawTree(); };

  // ---------------------------------------------------------------- tabs
  var plannerBuilt = false, treeBuilt = false, graphShown = false;
  function showTab(name) {
    document.querySelectorAll('#tabs button').forEach(function (b) {
      var t = b.getAttribute('data-tab');
      $('page-' + t).hidden = t !== name;
      b.setAttribute('aria-selected', t === name ? 'true' : 'false');
    });
    tip.hidden = true;
    if (name === 'planner' && !plannerBuilt) { buildPlanner($('page-planner')); plannerBuilt = true; }
    if (name === 'tree') {
      if (!treeBuilt) { buildTree($('page-tree')); treeBuilt = true; }
      G.drawTree();
    }
    if (name === 'graph') {
      makeNetwork();
      network.setSize('100%', '100%');
      network.redraw();
      if (!graphShown && !(DATA.focus && DATA.focus.seeds && DATA.focus.seeds.length)) network.fit();
      graphShown = true;
    }
  }
  G.showTab = showTab;
  if (opts.tabs !== false) {
    document.querySelectorAll('#tabs button').forEach(function (b) {
      b.onclick = function () { showTab(b.getAttribute('data-tab')); };
    });
  }

  // ---------------------------------------------------------------- planner
  function buildPlanner(root) {
    var P = DATA.planner;
    root.replaceChildren();
    var wrap = el('div', { class: 'planner' });
    root.appendChild(wrap);
    // counts per class
    var ct = el('table', { class: 'counts', id: 'class-counts' });
    ct.appendChild(el('caption', { text: '各类节点数 Counts per class' }));
    var hr = el('tr'), cr = el('tr');
    DATA.classes.forEach(function (c) {
      hr.appendChild(el('th', null, el('span', { class: 'swatch', style: 'background:' + c.color }), c.zh));
      cr.appendChild(el('td', { text: P.counts[c.key] || 0, 'data-cls': c.key }));
    });
    ct.appendChild(el('thead', null, hr)); ct.appendChild(el('tbody', null, cr));
    wrap.appendChild(ct);
    if (!P.linked) {
      wrap.appendChild(el('p', { class: 'note', id: 'not-linked',
        text: '此图未包含原因—举措链接（链接器未运行）：覆盖矩阵与缺口不可用。' }));
    }
    P.reports.forEach(function (r, ri) { wrap.appendChild(reportSection(r, ri, P.linked)); });
  }
  function reportSection(r, ri, linked) {
    var sec = el('section', { class: 'report', 'data-report': r.report });
    sec.appendChild(el('h2', { text: r.title }));
    // gaps
    var open = r.causes.filter(function (c) { return c.open; });
    var unmot = r.actions.filter(function (a) { return a.unmotivated; });
    var unadd = r.shortcomings.filter(function (s) { return s.unaddressed; });
    var gaps = el('div', { class: 'gaps' });
    gaps.appendChild(el('h3', { text: '缺口 Gaps' }));
    if (!linked) gaps.appendChild(el('p', { class: 'muted', text: '未链接，无法判断缺口。' }));
    else if (!open.length && !unmot.length && !unadd.length) gaps.appendChild(el('p', { class: 'ok', text: '无缺口：每个原因都有举措回应，每项举措都有对应原因。' }));
    function gapList(title, items, cls, best) {
      if (!items.length) return;
      gaps.appendChild(el('h4', { text: title + '（' + items.length + '）' }));
      var ul = el('ul', { class: 'gap-list ' + cls });
      items.forEach(function (x) {
        ul.appendChild(el('li', { 'data-id': x.id }, el('span', { class: 'gap-label', text: x.label }),
          best && x.best ? el('span', { class: 'muted', text: ' 最接近：' + x.best + (x.best_score !== undefined && x.best_score !== null ? '（' + fmt(x.best_score, 3) + '）' : '') }) : null));
      });
      gaps.appendChild(ul);
    }
    gapList('未被回应的原因 Open causes', open, 'open-causes', true);
    gapList('没有对应原因的举措 Unmotivated actions', unmot, 'unmotivated-actions', true);
    gapList('原因都未被回应的不足 Unaddressed shortcomings', unadd, 'unaddressed', false);
    sec.appendChild(gaps);
    if (r.peers) sec.appendChild(peerSection(r.peers));
    // matrix
    if (r.causes.length && r.actions.length) {
      sec.appendChild(el('h3', { text: '覆盖矩阵 Coverage: 原因 × 举措' }));
      var score = {};
      r.cells.forEach(function (c) { score[c[0] + ':' + c[1]] = c; });
      var t = el('table', { class: 'matrix' });
      var h = el('tr', null, el('th', { text: '不足' }), el('th', { text: '原因 \\ 举措' }));
      r.actions.forEach(function (a, ai) {
        h.appendChild(el('th', { class: 'act' + (a.unmotivated ? ' gap' : ''), title: a.label, text: 'A' + (ai + 1) }));
      });
      t.appendChild(el('thead', null, h));
      var tb = el('tbody');
      var lastS = null;
      r.causes.forEach(function (c, ci) {
        var tr = el('tr', { class: c.open ? 'gap' : '', 'data-id': c.id });
        tr.appendChild(el('td', { class: 'sc', title: c.shortcoming, text: c.shortcoming === lastS ? '' : c.shortcoming }));
        lastS = c.shortcoming;
        tr.appendChild(el('td', { class: 'cause', title: c.label, text: c.short }));
        r.actions.forEach(function (a, ai) {
          var cell = score[ci + ':' + ai];
          var td = el('td', { class: 'cell' });
          if (cell) {
            var s = cell[2];
            if (s !== null && s !== undefined) {
              td.textContent = fmt(s, 2);
              td.style.background = 'rgba(23,162,184,' + Math.max(0.06, Math.min(1, s)) * 0.75 + ')';
            }
            if (cell[3]) { td.classList.add('acc'); td.appendChild(el('span', { class: 'tick', text: '✓' })); }
            td.title = (cell[3] ? '已采纳 accepted · ' : '候选 candidate · ') + c.label + ' ← ' + a.label;
          }
          tr.appendChild(td);
        });
        tb.appendChild(tr);
      });
      t.appendChild(tb);
      sec.appendChild(el('div', { class: 'scroll' }, t));
      var ol = el('ol', { class: 'action-key' });
      r.actions.forEach(function (a, ai) {
        ol.appendChild(el('li', { class: a.unmotivated ? 'gap' : '' }, el('b', { text: 'A' + (ai + 1) + ' ' }), a.label));
      });
      sec.appendChild(ol);
      sec.appendChild(el('p', { class: 'muted', text: '✓ 已采纳的链接；数字为候选分数；红色为缺口。' }));
    }
    // targets and baselines
    if (r.targets.length) {
      sec.appendChild(el('h3', { text: '目标与基线 Targets and baselines' }));
      var tt = el('table', { class: 'targets' });
      tt.appendChild(el('thead', null, el('tr', null, el('th', { text: '目标' }), el('th', { text: '举措' }),
        el('th', { text: '目标值' }), el('th', { text: '基线' }), el('th', { text: '变化' }))));
      var tbody = el('tbody');
      r.targets.forEach(function (x) {
        var b = x.baseline;
        var change = '';
        if (x.delta !== undefined) change = (x.delta >= 0 ? '+' : '') + fmt(x.delta) + (x.unit || '');
        if (x.ratio !== undefined && x.ratio !== null) change += (change ? ' · ' : '') + '×' + fmt(x.ratio);
        tbody.appendChild(el('tr', { class: b ? '' : 'nobase' },
          el('td', { text: x.label }), el('td', { class: 'small', text: x.action }),
          el('td', { text: (x.comparator ? x.comparator + ' ' : '') + fmt(x.value) + (x.unit || '') }),
          el('td', { text: b ? b.label + (b.year ? '（' + b.year + '）' : '') : '无基线' }),
          el('td', { text: change })));
      });
      tt.appendChild(tbody);
      sec.appendChild(tt);
    }
    return sec;
  }

  var CARRIED = { yes: '次年已落实', no: '次年未见落实', unknown: '无次年报告' };
  function peerSection(peers) {  // open causes first (the server orders them), each with the peers' top actions
    var box = el('div', { class: 'peers' });
    box.appendChild(el('h3', { text: '同类原因的他方举措 Peer remedies' }));
    box.appendChild(el('p', { class: 'muted', text: '其他机关针对最相似原因计划的举措（相似度、双方原句），以及该机关次年报告是否落实。' }));
    peers.forEach(function (c) {
      var item = el('div', { class: 'peer-cause' + (c.open ? ' gap' : ''), 'data-id': c.cause });
      item.appendChild(el('h4', null, c.open ? el('span', { class: 'badge open', text: '未回应' }) : null,
        el('span', { class: 'peer-cause-text', text: c.causeText })));
      if (!c.remedies.length) item.appendChild(el('p', { class: 'muted', text: '库中没有其他机关的相似原因。' }));
      var ol = el('ol', { class: 'remedies' });
      c.remedies.forEach(function (x) {
        ol.appendChild(el('li', { 'data-carried': x.carriedOut },
          el('div', null, el('b', { text: x.actionLabel }), ' ',
            el('span', { class: 'badge carried-' + x.carriedOut, text: CARRIED[x.carriedOut] || x.carriedOut,
              title: x.carriedBy || '' })),
          el('div', { class: 'small muted', text: (x.issuer || '') + ' · ' + fmt(x.year) + ' · 相似度 ' + fmt(x.similarity, 2) }),
          el('div', { class: 'small evidence' }, el('span', { class: 'muted', text: '原因：' }), x.peerCauseText),
          x.actionSentence ? el('div', { class: 'small evidence' }, el('span', { class: 'muted', text: '举措：' }), x.actionSentence) : null));
      });
      if (c.remedies.length) item.appendChild(ol);
      box.appendChild(item);
    });
    return box;
  }

  if (!opts.lazyNetwork) makeNetwork();
  showTab(opts.tab || { '#planner': 'planner', '#graph': 'graph' }[location.hash] || 'tree');
  applyFilters();
  G.timings.ready = performance.now() - t0;
  return G;
  }

  window.govkgBoot = boot;
  window.govkgDom = { $: $, el: el };  // the corpus page builds its DOM with the same helpers
  var block = $('govkg-data');
  if (block) boot(JSON.parse(block.textContent));
})();
