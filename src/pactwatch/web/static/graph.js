// pactwatch: the interactive graphs of the Network and Commitments pages, drawn with Cytoscape.js
// and its fcose force layout. app.js imports this module only where a page has a [data-graph]
// container whose data-library names the library the server has installed (/vendor/); the page's
// server-drawn SVG stays until the graph is drawn, and for good if anything here fails.
//
// - zoom (wheel, pinch) and pan (drag the background); nodes can be dragged;
// - labels keep one size on screen whatever the zoom, and a label that would overlap one already
//   placed (the best-connected actors are placed first) is hidden until zooming in makes room;
// - hovering over an actor or a link shows its details, clicking opens its page.
// Text from the server only ever goes through textContent, never innerHTML.

const LABEL_PX = 12;        // label font size on screen
const LABEL_GAP_PX = 3;     // space kept between two labels on screen
const MAX_ARROWS = 3000;    // commitments fetched for one drawing
const HAYSTACK_FROM = 800;  // from this many edges, straight "haystack" lines (fast) instead of curves
const MAX_FIRST_ZOOM = 1.25; // the first view never magnifies more than this
const FORCE_LAYOUT_UP_TO = 120; // more actors than this: the server's positions, not a force layout here
const CYTOSCAPE_STYLE_ID = "__________cytoscape_stylesheet";

function css(name, fallback) {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

async function loadLibrary(url) {
  // Cytoscape inserts an inline <style> (".__________cytoscape_container { position: relative }")
  // unless an element with this id exists; the CSP refuses inline styles (a console error), and
  // style.css already gives every .graph that position.
  if (!document.getElementById(CYTOSCAPE_STYLE_ID)) {
    const marker = document.createElement("meta");
    marker.id = CYTOSCAPE_STYLE_ID;
    document.head.appendChild(marker);
  }
  const folder = url.slice(0, url.lastIndexOf("/") + 1);
  const [core, fcose] = await Promise.all([import(url), import(folder + "cytoscape-fcose.mjs")]);
  const cytoscape = core.default;
  if (!cytoscape.pactwatchFcose) {
    cytoscape.use(fcose.default);
    cytoscape.pactwatchFcose = true;
  }
  return cytoscape;
}

async function getJSON(url) {
  const response = await fetch(url, {headers: {Accept: "application/json"}});
  if (!response.ok) {
    throw new Error(url + " answered " + response.status);
  }
  return response.json();
}

function encode(value) {
  return encodeURIComponent(String(value));
}

// --- labels ------------------------------------------------------------------------------------

function labelSizes(cy) {
  // label sizes in model units, so that on screen they stay LABEL_PX whatever the zoom
  const z = cy.zoom();
  cy.batch(function () {
    cy.nodes().data({fs: LABEL_PX / z, fm: 3 / z, ow: 2.5 / z});
  });
}

function overlaps(a, b, gap) {
  return a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;
}

const LABEL_BOX = {includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false,
                   includeUnderlays: false};
const BODY_BOX = {includeNodes: true, includeEdges: false, includeLabels: false, includeOverlays: false,
                  includeUnderlays: false};

// Puts each label inside its actor's circle where it fits (the big actors, more as one zooms in),
// else below it, and shows every label that overlaps neither a label already shown (best-connected
// actors first) nor the circle of an actor at least as well connected (z-index: better-connected
// actors are drawn above the others, each with its label).
function declutter(cy) {
  const zoom = cy.zoom();
  const gap = LABEL_GAP_PX / zoom;
  const nodes = cy.nodes().sort(function (a, b) {
    return (b.data("weight") - a.data("weight")) || (a.id() < b.id() ? -1 : 1);
  });
  cy.batch(function () { nodes.removeClass("label-hidden label-inside"); });
  const inside = nodes.filter(function (node) {
    return node.boundingBox(LABEL_BOX).w + 4 / zoom <= node.width();
  });
  cy.batch(function () { inside.addClass("label-inside"); });
  const bodies = nodes.map(function (node) {
    return {id: node.id(), weight: node.data("weight"), box: node.boundingBox(BODY_BOX)};
  });
  const shown = [];
  const hidden = [];
  nodes.forEach(function (node) {
    const box = node.boundingBox(LABEL_BOX);
    if (!(box.w > 0)) {
      return;
    }
    if (shown.some(function (other) { return overlaps(other, box, gap); }) ||
        bodies.some(function (b) {  // a lighter actor's circle lies under this label; one as heavy may not
          return b.weight >= node.data("weight") && b.id !== node.id() && overlaps(b.box, box, 0);
        })) {
      hidden.push(node);
    } else {
      shown.push(box);
    }
  });
  cy.batch(function () { cy.collection(hidden).addClass("label-hidden"); });
}

function keepLabelsReadable(cy) {
  let frame = 0;
  let timer = 0;
  cy.on("zoom", function () {
    if (!frame) {
      frame = requestAnimationFrame(function () { frame = 0; labelSizes(cy); });
    }
    clearTimeout(timer);
    timer = setTimeout(function () { declutter(cy); }, 150);
  });
  cy.on("dragfree", "node", function () { declutter(cy); });
}

// --- details on hover, pages on click ------------------------------------------------------------

function hoverAndClick(cy, container) {
  const tip = document.createElement("div");
  tip.className = "graph-tip";
  tip.hidden = true;
  tip.setAttribute("role", "tooltip");
  container.parentNode.insertBefore(tip, container.nextSibling);
  cy.on("mouseover", "node, edge", function (event) {
    const el = event.target;
    el.addClass("hover");
    tip.replaceChildren();
    (el.data("details") || []).forEach(function (line, i) {
      const p = document.createElement(i === 0 ? "strong" : "span");
      p.textContent = line;
      tip.appendChild(p);
    });
    const at = event.renderedPosition || el.renderedPosition();
    tip.hidden = false;
    const left = Math.min(container.offsetLeft + at.x + 14, container.offsetLeft + container.clientWidth - tip.offsetWidth);
    tip.style.left = Math.max(container.offsetLeft, left) + "px";
    tip.style.top = (container.offsetTop + at.y + 14) + "px";
    container.style.cursor = el.data("href") ? "pointer" : "default";
  });
  cy.on("mouseout", "node, edge", function (event) {
    event.target.removeClass("hover");
    tip.hidden = true;
    container.style.cursor = "default";
  });
  cy.on("tap", "node, edge", function (event) {
    const href = event.target.data("href");
    if (href) {
      window.location.assign(href);
    }
  });
}

// --- shared drawing ----------------------------------------------------------------------------

function baseStyle(edgeCount) {
  const ink = css("--ink", "#1f2933");
  return [
    {selector: "node", style: {
      "background-color": "#102a43", "width": "data(size)", "height": "data(size)",
      "border-width": 1.5, "border-color": "#fff",
      "label": "data(label)", "font-size": "data(fs)", "font-weight": 600, "color": ink,
      "text-valign": "bottom", "text-halign": "center", "text-margin-y": "data(fm)",
      "text-outline-color": "#fff", "text-outline-width": "data(ow)", "text-outline-opacity": 0.9,
      "min-zoomed-font-size": 0, "z-index": "data(weight)"}},
    {selector: "edge", style: {
      "width": 2, "line-color": "data(colour)", "opacity": 0.7,
      "curve-style": edgeCount >= HAYSTACK_FROM ? "haystack" : "bezier", "control-point-step-size": 24}},
    {selector: "node.label-inside", style: {"text-valign": "center", "text-margin-y": 0, "color": "#fff",
                                           "text-outline-color": "#102a43"}},
    {selector: "node.label-hidden", style: {"text-opacity": 0}},
    {selector: "node.hover", style: {"background-color": css("--accent", "#1d4ed8"), "text-opacity": 1,
                                     "z-index": 20}},
    {selector: "edge.hover", style: {"width": 5, "opacity": 1, "z-index": 10}},
  ];
}

function draw(cytoscape, container, elements, extraStyle, layoutOptions) {
  container.hidden = false;
  elements.nodes.forEach(function (n) { Object.assign(n.data, {fs: LABEL_PX, fm: 3, ow: 2.5}); });
  performance.measure("pactwatch:load", "pactwatch:load-start");  // the library and the data
  performance.mark("pactwatch:draw-start");
  const cy = cytoscape({
    container: container, elements: elements, style: baseStyle(elements.edges.length).concat(extraStyle),
    layout: {name: "preset"}, minZoom: 0.05, maxZoom: 6, boxSelectionEnabled: false, autounselectify: true,
  });
  performance.measure("pactwatch:init", "pactwatch:draw-start");
  performance.mark("pactwatch:layout-start");
  cy.layout(Object.assign({
    name: "fcose", quality: "default", randomize: true, animate: false, fit: false,
    nodeDimensionsIncludeLabels: true, uniformNodeDimensions: false, packComponents: true, tile: true,
    nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 70; },
    edgeElasticity: function () { return 0.45; }, nodeSeparation: 90, numIter: 500, gravity: 0.25,
    tilingPaddingVertical: 24, tilingPaddingHorizontal: 24,
  }, layoutOptions || {})).run();
  performance.measure("pactwatch:layout", "pactwatch:layout-start");
  fillWidth(cy, container);
  cy.fit(cy.nodes(), 30);  // the nodes' box: an edge never reaches beyond its ends, and it is cheaper
  if (cy.zoom() > MAX_FIRST_ZOOM) {  // a few actors: fitting them would blow them up
    cy.zoom({level: MAX_FIRST_ZOOM, renderedPosition: {x: container.clientWidth / 2, y: container.clientHeight / 2}});
    cy.center();
  }
  labelSizes(cy);
  performance.mark("pactwatch:labels-start");
  declutter(cy);
  performance.measure("pactwatch:labels", "pactwatch:labels-start");
  keepLabelsReadable(cy);
  hoverAndClick(cy, container);
  container.cytoscape = cy;  // for the browser tests and the curious: document.getElementById(...).cytoscape
  return cy;
}

// A force layout comes out round and the container is wide: stretch the drawing across it (at most
// twice as wide), which leaves more room between actors for their labels.
function fillWidth(cy, container) {
  const box = cy.nodes().boundingBox({includeLabels: false, includeOverlays: false});
  const stretch = Math.min(2, (container.clientWidth / container.clientHeight) / (box.w / Math.max(box.h, 1)));
  if (cy.nodes().length > 2 && stretch > 1.05) {
    const middle = (box.x1 + box.x2) / 2;
    cy.nodes().positions(function (node) {
      return {x: middle + (node.position("x") - middle) * stretch, y: node.position("y")};
    });
  }
}

function replaceDrawing(card, svgSelector) {
  const svg = card.querySelector(svgSelector);
  if (svg) {
    svg.setAttribute("hidden", "");  // an SVG element has no .hidden property
  }
  card.querySelectorAll(".graph-help").forEach(function (p) { p.hidden = false; });
}

function note(id, text) {
  const p = document.getElementById(id);
  if (p) {
    p.textContent = text;
    p.hidden = !text;
  }
}

// --- the Network page ---------------------------------------------------------------------------

const DOMAIN_ORDER = ["security", "defense_industry", "trade", "energy", "climate", "other"];

async function drawNetwork(library, container) {
  const [cytoscape, data] = await Promise.all([library, getJSON(container.dataset.source)]);
  const names = {};
  const weight = {};
  data.nodes.forEach(function (n) { names[n.id] = n.name || n.id; weight[n.id] = 0; });
  const edges = data.edges.filter(function (e) {
    return e.source !== e.target && e.source in names && e.target in names;
  });
  edges.forEach(function (e) { weight[e.source] += 1; weight[e.target] += 1; });
  const domains = new Set();
  const elements = {nodes: [], edges: []};
  Object.keys(weight).forEach(function (id) {
    if (weight[id] === 0) {
      return;
    }
    elements.nodes.push({data: {
      id: id, label: id, weight: weight[id], size: Math.min(10 + 4 * Math.sqrt(weight[id]), 56),
      href: "/actors/" + encode(id),
      details: [names[id] === id ? id : names[id] + " (" + id + ")",
                weight[id] + " link" + (weight[id] === 1 ? "" : "s") + " drawn"]}});
  });
  edges.forEach(function (e, i) {
    const domain = DOMAIN_ORDER.indexOf(e.domain) >= 0 ? e.domain : "other";
    domains.add(domain);
    const facts = [e.source + " – " + e.target, (e.domain || "other").replace(/_/g, " "), e.status || "status unknown"];
    if (e.signed) {
      facts.push("signed " + e.signed);
    }
    elements.edges.push({data: {
      id: "e" + i, source: e.source, target: e.target, colour: css("--" + domain, "#6b7280"),
      href: "/agreements/" + encode(e.agreement_id), details: [e.title || "untitled", facts.join(" · ")]}});
  });
  const cy = draw(cytoscape, container, elements, [], serverPlaced(elements.nodes, data.nodes));
  const card = container.closest(".card");
  replaceDrawing(card, "svg.network");
  document.querySelectorAll(".svg-only").forEach(function (p) { p.hidden = true; });
  const count = document.getElementById("network-count");
  if (count) {
    count.textContent = cy.nodes().length + " actors · " + cy.edges().length + " links";
  }
  note("graph-cut", data.truncated ? "Drawing the first " + edges.length + " of " + data.edges_total +
       " links; filter by domain or date to see the others." : "");
  networkLegend(card, domains);
}

// A large graph is drawn where the server's seeded layout put its actors (the API's x and y): a force
// layout over hundreds of actors is most of what the page costs (about 1.5 s for 300 of them), and
// the server keeps its layout per graph. Small graphs get the force layout, which makes room for labels.
function serverPlaced(nodes, given) {
  if (nodes.length <= FORCE_LAYOUT_UP_TO) {
    return null;
  }
  const at = {};
  given.forEach(function (n) {
    if (typeof n.x === "number" && typeof n.y === "number") { at[n.id] = n; }
  });
  if (!nodes.every(function (n) { return n.data.id in at; })) {
    return null;
  }
  const scale = 60 * Math.sqrt(nodes.length);  // about as far apart as the force layout sets them
  nodes.forEach(function (n) { n.position = {x: at[n.data.id].x * scale, y: at[n.data.id].y * scale}; });
  return {name: "preset"};
}

function networkLegend(card, domains) {
  const legend = card.querySelector("ul.legend");
  if (!legend) {
    return;
  }
  const labels = {};
  document.querySelectorAll("select[name=domain] option").forEach(function (o) {
    if (o.value) { labels[o.value] = o.textContent; }
  });
  legend.replaceChildren();
  DOMAIN_ORDER.filter(function (d) { return domains.has(d); }).forEach(function (d) {
    const item = document.createElement("li");
    const swatch = document.createElement("span");
    swatch.className = "swatch d-" + d;
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(labels[d] || d.replace(/_/g, " ")));
    legend.appendChild(item);
  });
}

// --- the Commitments page -----------------------------------------------------------------------

async function commitmentRows(url) {
  let rows = [];
  let total = 0;
  let next = url;
  while (next && rows.length < MAX_ARROWS) {
    const page = await getJSON(next);
    rows = rows.concat(page.items || []);
    total = page.total || rows.length;
    next = page.next;
  }
  return {rows: rows.slice(0, MAX_ARROWS), total: total};
}

function commitmentHref(row, asOf) {
  if (row.agreement_id) {
    return "/agreements/" + encode(row.agreement_id) + "?as_of=" + encode(asOf) + "#obligations";
  }
  return "/actors/" + encode(row.via || row.by);
}

function commitmentDetails(row, asOf) {
  const terms = (row.conditions || []).map(function (c) { return c.replace(/_/g, " "); }).join(", ");
  const holds = row.holds_as_of === true ? "holds" : row.holds_as_of === false ? "does not hold" : "undecided";
  return [row.by + " → " + row.to + ": " + row.kind.replace(/_/g, " ") + (terms ? " (" + terms + ")" : ", unconditional"),
          (row.agreement_title || "untitled") + (row.via ? " (via " + row.via + ")" : ""),
          holds + " on " + asOf + ": " + (row.why || "no reason given")];
}

async function drawCommitments(library, container) {
  const asOf = container.dataset.asOf;
  const [cytoscape, fetched] = await Promise.all([library, commitmentRows(container.dataset.source)]);
  const rows = fetched.rows.filter(function (r) { return r.holds_as_of !== false && r.by !== r.to; });
  const owes = {};
  const owed = {};
  rows.forEach(function (r) {
    owes[r.by] = (owes[r.by] || 0) + 1;
    owed[r.to] = (owed[r.to] || 0) + 1;
    owes[r.to] = owes[r.to] || 0;
    owed[r.by] = owed[r.by] || 0;
  });
  const elements = {nodes: [], edges: []};
  Object.keys(owes).sort().forEach(function (id) {
    const weight = owes[id] + owed[id];
    elements.nodes.push({data: {
      id: id, label: id, weight: weight, size: Math.min(12 + 3 * Math.sqrt(weight), 40), href: "/actors/" + encode(id),
      details: [id, "owes " + owes[id] + " · is owed " + owed[id] + " on " + asOf]}});
  });
  rows.forEach(function (r, i) {
    const classes = ["k-" + r.kind];
    if (r.conditional) { classes.push("conditional"); }
    if (r.holds_as_of !== true) { classes.push("undecided"); }
    elements.edges.push({classes: classes.join(" "), data: {
      id: "c" + i, source: r.by, target: r.to, kind: r.kind, colour: css("--k-" + r.kind, "#6b7280"),
      href: commitmentHref(r, asOf), details: commitmentDetails(r, asOf)}});
  });
  draw(cytoscape, container, elements, [
    {selector: "edge", style: {"curve-style": "bezier", "target-arrow-shape": "triangle",
                               "target-arrow-color": "data(colour)", "arrow-scale": 1.3, "width": 2.5,
                               "opacity": 0.85, "control-point-step-size": 34}},
    {selector: "edge.conditional", style: {"line-style": "dashed", "line-dash-pattern": [7, 4]}},
    {selector: "edge.undecided", style: {"opacity": 0.35}},
    {selector: "edge.hover", style: {"width": 5, "opacity": 1}},
  ], {idealEdgeLength: function () { return 140; }, nodeRepulsion: function () { return 15000; }});
  const card = container.closest(".card");
  replaceDrawing(card, "svg.network");
  const cut = document.getElementById("arrows-cut");
  if (cut) {
    cut.hidden = true;
  }
  if (fetched.total > fetched.rows.length) {
    const p = document.createElement("p");
    p.className = "note";
    p.id = "graph-cut";
    p.textContent = "Drawing the first " + fetched.rows.length + " of " + fetched.total +
      " obligations; the table lists them all. Choose a party or a kind to see fewer.";
    container.parentNode.insertBefore(p, container);
  }
}

// --- entry ----------------------------------------------------------------------------------------

const DRAWERS = {network: drawNetwork, commitments: drawCommitments};

export async function drawAll(containers) {
  for (const container of containers) {
    const drawer = DRAWERS[container.dataset.graph];
    if (!drawer) {
      continue;
    }
    container.dataset.state = "loading";
    try {
      performance.mark("pactwatch:load-start");
      await drawer(loadLibrary(container.dataset.library), container);
      container.dataset.state = "ready";
      performance.mark("pactwatch:ready");
    } catch (err) {
      container.hidden = true;
      container.dataset.state = "failed";
      console.warn("pactwatch: the interactive graph could not be drawn; the drawing below stays.", err);
    }
  }
}
