/* zhkg explorer: draws the embedded graph with vis-network and wires the side panel.
 *
 * Every piece of text from the data goes into the DOM through textContent or
 * createElement, never innerHTML; vis-network tooltips are DOM elements.
 * Exposes window.network (the vis.Network) and sets window.zhkgReady once drawn.
 */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('zhkg-data').textContent);
  var FONT = 'system-ui, "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  var FADED_NODE = { background: '#ececec', border: '#d6d6d6',
    highlight: { background: '#ececec', border: '#999' }, hover: { background: '#ececec', border: '#999' } };
  var FADED_EDGE = { color: '#ededed', highlight: '#ededed', hover: '#ededed', inherit: false };
  var LABEL_COLOUR = '#222';
  var FADED_LABEL = '#c4c4c4';
  var MAX_DOCS_SHOWN = 12;

  var typeStyle = {};
  var relationStyle = {};
  var nodeById = new Map();
  var incident = new Map();
  var typeOn = new Set();
  var relationOn = new Set();
  var nodeHidden = new Map();
  var edgeHidden = [];
  var nodeFaded = new Map();
  var edgeFaded = [];
  var focusId = null;
  var nodes, edges, network;

  /* ---- small DOM helpers ---- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  function setStatus(text) {
    document.getElementById('zhkg-status').textContent = text;
  }

  function showDetails(content) {
    var box = document.getElementById('zhkg-details');
    clear(box);
    box.appendChild(content);
  }

  /* ---- data indexes ---- */

  function indexData() {
    DATA.types.forEach(function (t) { typeStyle[t.name] = t; typeOn.add(t.name); });
    DATA.relations.forEach(function (r) {
      relationStyle[r.name] = r;
      if (r.shown) { relationOn.add(r.name); }
    });
    DATA.nodes.forEach(function (n) { nodeById.set(n.id, n); incident.set(n.id, []); });
    DATA.edges.forEach(function (e, i) {
      incident.get(e.from).push(i);
      if (e.to !== e.from) { incident.get(e.to).push(i); }
    });
  }

  function styleOfType(type) {
    return typeStyle[type] || { color: '#9d9d9d', border: '#5e5e5e', shape: 'dot', glyph: '●' };
  }

  function styleOfRelation(type) {
    return relationStyle[type] || { color: '#7f7f7f', arrow: true };
  }

  function nodeColour(type) {
    var s = styleOfType(type);
    return { background: s.color, border: s.border,
      highlight: { background: s.color, border: '#111' }, hover: { background: s.color, border: '#111' } };
  }

  function edgeColour(type) {
    var c = styleOfRelation(type).color;
    return { color: c, highlight: c, hover: c, inherit: false };
  }

  /* ---- details: node card, edge evidence ---- */

  function documentLine(docId) {
    var doc = DATA.documents[docId] || {};
    var text = doc.title ? doc.title + ' (' + docId + ')' : docId;
    if (doc.date) { text += ' · ' + doc.date; }
    return text;
  }

  function addRow(dl, name, value) {
    dl.appendChild(el('dt', null, name));
    dl.appendChild(el('dd', null, value));
  }

  function nodeCard(n) {
    var card = el('div', 'zhkg-card');
    var typeLine = el('div', 'zhkg-type', styleOfType(n.type).glyph + ' ' + n.type);
    typeLine.style.color = styleOfType(n.type).color;
    card.appendChild(typeLine);
    card.appendChild(el('h3', null, n.label));
    var dl = el('dl');
    addRow(dl, 'aliases', n.aliases.length ? n.aliases.join('，') : '—');
    n.attrs.forEach(function (pair) { addRow(dl, pair[0], pair[1]); });
    addRow(dl, 'mentions', n.mentions);
    addRow(dl, 'relations', n.degree);
    card.appendChild(dl);
    card.appendChild(el('div', 'zhkg-muted', 'documents (' + n.documents.length + ')'));
    var list = el('ul');
    n.documents.slice(0, MAX_DOCS_SHOWN).forEach(function (d) { list.appendChild(el('li', null, documentLine(d))); });
    if (n.documents.length > MAX_DOCS_SHOWN) {
      list.appendChild(el('li', 'zhkg-muted', '… ' + (n.documents.length - MAX_DOCS_SHOWN) + ' more'));
    }
    card.appendChild(list);
    return card;
  }

  function markedSentence(text, cue) {
    var quote = el('blockquote');
    var from = 0;
    var at = cue ? text.indexOf(cue) : -1;
    while (at >= 0) {
      quote.appendChild(document.createTextNode(text.slice(from, at)));
      quote.appendChild(el('mark', null, cue));
      from = at + cue.length;
      at = text.indexOf(cue, from);
    }
    quote.appendChild(document.createTextNode(text.slice(from)));
    return quote;
  }

  function edgeCard(e) {
    var card = el('div', 'zhkg-card zhkg-evidence');
    var head = nodeById.get(e.from);
    var tail = nodeById.get(e.to);
    var typeLine = el('div', 'zhkg-type', e.type);
    typeLine.style.color = styleOfRelation(e.type).color;
    card.appendChild(typeLine);
    var arrow = styleOfRelation(e.type).arrow ? ' → ' : ' — ';
    card.appendChild(el('h3', null, head.label + arrow + tail.label));
    card.appendChild(el('div', 'zhkg-muted', 'evidence (' + e.evidence.length + ')'));
    var list = el('ul');
    e.evidence.forEach(function (ev) {
      var item = el('li');
      item.appendChild(el('div', 'zhkg-doc', documentLine(ev.doc) + ' · ' + ev.start + '–' + ev.end));
      item.appendChild(markedSentence(ev.text, ev.cue));
      if (ev.cue && ev.text.indexOf(ev.cue) < 0) {
        item.appendChild(el('div', 'zhkg-muted', 'cue: ' + ev.cue));
      }
      list.appendChild(item);
    });
    card.appendChild(list);
    return card;
  }

  function edgeTip(e) {
    var tip = el('div', 'zhkg-tip');
    tip.appendChild(el('strong', null, e.type));
    tip.appendChild(el('div', null, nodeById.get(e.from).label + ' → ' + nodeById.get(e.to).label));
    tip.appendChild(el('div', 'zhkg-muted', e.evidence.length + ' evidence · click for sentences'));
    return tip;
  }

  /* ---- the vis data sets ---- */

  function visNode(n) {
    var s = styleOfType(n.type);
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, value: n.degree, shape: s.shape,
      color: nodeColour(n.type), font: { color: LABEL_COLOUR }, title: el('div', 'zhkg-tip'),
      hidden: false
    };
  }

  function visEdge(e, i) {
    var s = styleOfRelation(e.type);
    var item = {
      id: i, from: e.from, to: e.to, label: e.type, color: edgeColour(e.type),
      arrows: { to: { enabled: !!s.arrow, scaleFactor: 0.5 } }, dashes: e.type === 'coOccurs',
      title: el('div', 'zhkg-tip'), hidden: !relationOn.has(e.type)
    };
    if (e.curve) { item.smooth = { enabled: true, type: 'curvedCW', roundness: e.curve }; }
    return item;
  }

  function fillTip(item, build) {
    if (item && item.title && !item.title.firstChild) { item.title.appendChild(build()); }
  }

  function options() {
    var big = !DATA.meta.physics;
    return {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 7 },
      physics: big ? false : {
        enabled: true, solver: 'barnesHut',
        barnesHut: { gravitationalConstant: -4000, springLength: 120, avoidOverlap: 0.2 },
        stabilization: { enabled: true, iterations: 200, fit: true }
      },
      nodes: {
        borderWidth: 1.5,
        scaling: { min: 10, max: 36, label: { enabled: true, min: 12, max: 22, drawThreshold: 5 } },
        font: { face: FONT, size: 14, strokeWidth: 3, strokeColor: '#ffffff' }
      },
      edges: {
        smooth: false, width: 1.3, selectionWidth: 1.5,
        font: { face: FONT, size: 10, color: '#555', strokeWidth: 3, strokeColor: '#ffffff', align: 'middle' }
      },
      interaction: {
        hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false
      }
    };
  }

  /* ---- visibility: type and relation filters ---- */

  function applyVisibility() {
    var nodeUpdates = [];
    DATA.nodes.forEach(function (n) {
      var hide = !typeOn.has(n.type);
      if (nodeHidden.get(n.id) !== hide) { nodeHidden.set(n.id, hide); nodeUpdates.push({ id: n.id, hidden: hide }); }
    });
    var edgeUpdates = [];
    DATA.edges.forEach(function (e, i) {
      var hide = !relationOn.has(e.type) || nodeHidden.get(e.from) || nodeHidden.get(e.to);
      if (edgeHidden[i] !== hide) { edgeHidden[i] = hide; edgeUpdates.push({ id: i, hidden: hide }); }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    if (focusId !== null) {
      if (nodeHidden.get(focusId)) { resetFocus(); } else { focus(focusId); }
    }
    updateCounts();
  }

  function updateCounts() {
    var shownNodes = 0;
    var shownEdges = 0;
    nodeHidden.forEach(function (hidden) { if (!hidden) { shownNodes += 1; } });
    edgeHidden.forEach(function (hidden) { if (!hidden) { shownEdges += 1; } });
    document.getElementById('zhkg-counts').textContent =
      DATA.meta.nodes + ' entities · ' + DATA.meta.edges + ' edges — showing ' +
      shownNodes + ' entities, ' + shownEdges + ' edges';
  }

  function legendRow(name, count, checked, swatch, onChange) {
    var label = el('label', count ? null : 'zhkg-empty');
    var box = el('input');
    box.type = 'checkbox';
    box.checked = checked;
    box.value = name;
    box.addEventListener('change', function () { onChange(box.checked); });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el('span', null, name));
    label.appendChild(el('span', 'zhkg-count', count));
    return label;
  }

  function buildLegends() {
    var types = document.getElementById('zhkg-types');
    DATA.types.forEach(function (t) {
      var glyph = el('span', 'zhkg-glyph', t.glyph);
      glyph.style.color = t.color;
      var row = legendRow(t.name, t.count, true, glyph, function (on) {
        if (on) { typeOn.add(t.name); } else { typeOn.delete(t.name); }
        applyVisibility();
      });
      row.dataset.type = t.name;
      types.appendChild(row);
    });
    var relations = document.getElementById('zhkg-relations');
    DATA.relations.forEach(function (r) {
      var line = el('span', r.name === 'coOccurs' ? 'zhkg-line zhkg-dashed' : 'zhkg-line');
      line.style.borderTopColor = r.color;
      var row = legendRow(r.name, r.count, r.shown, line, function (on) {
        if (on) { relationOn.add(r.name); } else { relationOn.delete(r.name); }
        applyVisibility();
      });
      row.dataset.relation = r.name;
      relations.appendChild(row);
    });
  }

  /* ---- neighbourhood focus ---- */

  function neighbourhood(id) {
    var keep = new Set([id]);
    var edgeKeep = new Set();
    incident.get(id).forEach(function (i) {
      if (edgeHidden[i]) { return; }
      edgeKeep.add(i);
      keep.add(DATA.edges[i].from);
      keep.add(DATA.edges[i].to);
    });
    return { nodes: keep, edges: edgeKeep };
  }

  function setFade(nodeKeep, edgeKeep) {
    var nodeUpdates = [];
    DATA.nodes.forEach(function (n) {
      var fade = nodeKeep !== null && !nodeKeep.has(n.id);
      if (!!nodeFaded.get(n.id) === fade) { return; }
      nodeFaded.set(n.id, fade);
      nodeUpdates.push({ id: n.id, color: fade ? FADED_NODE : nodeColour(n.type),
        font: { color: fade ? FADED_LABEL : LABEL_COLOUR } });
    });
    var edgeUpdates = [];
    DATA.edges.forEach(function (e, i) {
      var fade = edgeKeep !== null && !edgeKeep.has(i);
      if (!!edgeFaded[i] === fade) { return; }
      edgeFaded[i] = fade;
      edgeUpdates.push({ id: i, color: fade ? FADED_EDGE : edgeColour(e.type),
        font: { color: fade ? 'rgba(0,0,0,0)' : '#555' } });
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
  }

  function focus(id) {
    focusId = id;
    var hood = neighbourhood(id);
    setFade(hood.nodes, hood.edges);
  }

  function resetFocus() {
    focusId = null;
    setFade(null, null);
  }

  function selectNode(id) {
    network.selectNodes([id]);
    focus(id);
    showDetails(nodeCard(nodeById.get(id)));
  }

  /* ---- search ---- */

  function normalise(text) {
    return String(text).trim().toLowerCase();
  }

  function findNode(query) {
    var q = normalise(query);
    if (!q) { return null; }
    var tests = [
      function (n) { return normalise(n.label) === q; },
      function (n) { return n.aliases.some(function (a) { return normalise(a) === q; }); },
      function (n) { return normalise(n.id) === q; },
      function (n) { return normalise(n.label).indexOf(q) >= 0; },
      function (n) { return n.aliases.some(function (a) { return normalise(a).indexOf(q) >= 0; }); }
    ];
    for (var t = 0; t < tests.length; t += 1) {
      var hit = DATA.nodes.find(tests[t]);
      if (hit) { return hit; }
    }
    return null;
  }

  function revealType(type) {
    if (typeOn.has(type)) { return; }
    typeOn.add(type);
    document.querySelectorAll('#zhkg-types input').forEach(function (box) {
      if (box.value === type) { box.checked = true; }
    });
    applyVisibility();
  }

  function search(query) {
    var hit = findNode(query);
    if (!hit) {
      setStatus('没有找到 · no entity matches “' + query + '”');
      return null;
    }
    revealType(hit.type);
    selectNode(hit.id);
    network.focus(hit.id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    setStatus('找到 · found: ' + hit.label + ' (' + hit.type + ')');
    return hit.id;
  }

  function buildSearch() {
    var input = document.getElementById('zhkg-search');
    document.getElementById('zhkg-go').addEventListener('click', function () { search(input.value); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); search(input.value); }
    });
    if (!DATA.meta.datalist) { return; }
    var list = document.getElementById('zhkg-names');
    var seen = new Set();
    DATA.nodes.forEach(function (n) {
      [n.label].concat(n.aliases).forEach(function (name) {
        if (seen.has(name)) { return; }
        seen.add(name);
        var option = el('option');
        option.value = name;
        list.appendChild(option);
      });
    });
  }

  /* ---- events ---- */

  function onClick(params) {
    if (params.nodes.length) {
      selectNode(params.nodes[0]);
    } else if (params.edges.length) {
      var e = DATA.edges[params.edges[0]];
      resetFocus();
      showDetails(edgeCard(e));
    } else {
      resetFocus();
      network.unselectAll();
    }
  }

  function wireEvents() {
    network.on('click', onClick);
    network.on('hoverNode', function (params) {
      fillTip(nodes.get(params.node), function () { return nodeCard(nodeById.get(params.node)); });
    });
    network.on('hoverEdge', function (params) {
      fillTip(edges.get(params.edge), function () { return edgeTip(DATA.edges[params.edge]); });
    });
    if (DATA.meta.physics) {
      network.once('stabilizationIterationsDone', function () { network.setOptions({ physics: { enabled: false } }); });
    }
    network.once('afterDrawing', function () {
      window.zhkgReadyMs = window.performance.now();
      window.zhkgReady = true;
    });
  }

  function main() {
    indexData();
    DATA.nodes.forEach(function (n) { nodeHidden.set(n.id, false); });
    DATA.edges.forEach(function (e, i) { edgeHidden[i] = !relationOn.has(e.type); });
    nodes = new vis.DataSet(DATA.nodes.map(visNode));
    edges = new vis.DataSet(DATA.edges.map(visEdge));
    buildLegends();
    buildSearch();
    updateCounts();
    network = new vis.Network(document.getElementById('zhkg-graph'), { nodes: nodes, edges: edges }, options());
    window.network = network;
    window.zhkg = { search: search, focus: focus, resetFocus: resetFocus, edgeCard: edgeCard, nodeCard: nodeCard };
    wireEvents();
  }

  main();
}());
