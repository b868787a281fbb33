// geokg graph view: draws GET /graph with cytoscape (served by the API from node_modules).
"use strict";

const TYPE_COLOURS = {
  country: "#3b7dd8",
  organization: "#e69f00",
  person: "#2ca25f",
  location: "#8e44ad",
};
const OTHER_COLOUR = "#7f8c8d";
// How an edge's aggregate status is drawn: denied/alleged/contested never look like plain facts.
const STATUS_STYLES = {
  asserted: { color: "#555", style: "solid" },
  confirmed: { color: "#2e7d32", style: "solid" },
  reported: { color: "#ef6c00", style: "dashed" },
  alleged: { color: "#ef6c00", style: "dashed" },
  contested: { color: "#c62828", style: "dashed" },
  intended: { color: "#9e9e9e", style: "dotted" },
  denied: { color: "#c62828", style: "dotted" },
  retracted: { color: "#c62828", style: "dotted" },
};

window.__graphReady = null;
window.__graphError = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c ?? ""));
  return e;
}

function fillForm(params) {
  const form = document.getElementById("controls");
  for (const [k, v] of params) if (form.elements[k]) form.elements[k].value = v;
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const e of form.elements) if (e.name && e.value) q.set(e.name, e.value);
    location.search = q.toString();
  });
}

function legend() {
  const box = document.getElementById("legend");
  const types = el("div", {}, "Entities:");
  for (const [t, c] of Object.entries(TYPE_COLOURS)) {
    const s = el("span", { class: "swatch" });
    s.style.background = c;
    types.append(s, t);
  }
  const statuses = el("div", {}, "Edges:");
  for (const [st, s] of Object.entries(STATUS_STYLES)) {
    const l = el("span", { class: "line" });
    l.style.borderTop = `3px ${s.style} ${s.color}`;
    statuses.append(l, st);
  }
  box.append(types, statuses);
}

function edgeLabel(e) {
  let label = e.relation + (e.mode ? ` (${e.mode})` : "");
  if (e.title) label += `: ${e.title}`;
  if (e.status && !["asserted", "confirmed"].includes(e.status)) label += ` [${e.status}]`;
  return label;
}

function showNode(n) {
  const d = document.getElementById("details");
  d.replaceChildren(
    el("h3", {}, n.label),
    el("dl", {}, el("dt", {}, "id"), el("dd", {}, n.id), el("dt", {}, "type"),
      el("dd", {}, n.type || "?"), el("dt", {}, "aliases"), el("dd", {}, (n.aliases || []).join(", "))),
    el("p", {}, el("a", { href: `/entities/${encodeURIComponent(n.id)}` }, "entity JSON"), " · ",
      el("a", { href: `/graph/view?entity=${encodeURIComponent(n.id)}` }, "centre here")),
  );
}

function showEdge(e, names) {
  const d = document.getElementById("details");
  const facts = el("dl", {});
  for (const k of ["status", "mode", "title", "first_seen", "last_seen", "valid_from", "valid_to",
    "claims", "sources", "assertion"]) {
    if (e[k] !== null && e[k] !== undefined) facts.append(el("dt", {}, k), el("dd", {}, String(e[k])));
  }
  const claims = el("div", {}, el("h4", {}, "Claims and evidence"));
  for (const c of e.evidence || []) {
    const who = c.speaker || (c.attribution === "unnamed" ? "unnamed reports" : "the article");
    const src = c.url ? el("a", { href: c.url, rel: "noopener" }, c.article_title || c.article)
      : el("span", {}, c.article_title || c.article || "");
    claims.append(el("div", { class: `claim ${c.status}` },
      el("span", { class: "status" }, c.status), ` — ${who}`, c.date ? ` (${c.date})` : "",
      c.text ? el("blockquote", {}, c.text) : "", src));
  }
  const rel = `/relations?a=${encodeURIComponent(e.source)}&b=${encodeURIComponent(e.target)}`;
  const links = el("p", {}, el("a", { href: rel }, "everything between the two (JSON)"));
  if (e.assertion) {
    const all = `/assertions/${encodeURIComponent(e.assertion)}/claims`;
    const shown = (e.evidence || []).length;
    links.append(" · ", el("a", { href: all }, `all ${e.claims ?? shown} claims (JSON)`));
  }
  d.replaceChildren(
    el("h3", {}, `${names[e.source]} —${e.relation}→ ${names[e.target]}`),
    facts, claims, links,
  );
}

function draw(data) {
  const names = Object.fromEntries(data.nodes.map((n) => [n.id, n.label]));
  const elements = [
    ...data.nodes.map((n) => ({ group: "nodes", data: { ...n,
      colour: TYPE_COLOURS[n.type] || OTHER_COLOUR } })),
    ...data.edges.map((e) => {
      const s = STATUS_STYLES[e.status] || STATUS_STYLES.asserted;
      return { group: "edges", data: { ...e, label: edgeLabel(e), colour: s.color, lineStyle: s.style } };
    }),
  ];
  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements,
    wheelSensitivity: 0.3,
    maxZoom: 1.4,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)",
        "font-size": 11, "text-valign": "bottom", "text-margin-y": 4, width: 34, height: 34 } },
      { selector: "node[?center]", style: { "border-width": 4, "border-color": "#111" } },
      { selector: "edge", style: { "curve-style": "bezier", "control-point-step-size": 70,
        "target-arrow-shape": "triangle",
        width: 2, "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "line-style": "data(lineStyle)", label: "data(label)", "font-size": 9,
        "text-rotation": "autorotate", "text-background-color": "#fff",
        "text-background-opacity": 0.8, "text-background-padding": 1 } },
      { selector: "edge[status = 'contested']", style: { width: 3 } },
      { selector: ":selected", style: { "overlay-color": "#ffeb3b", "overlay-opacity": 0.35 } },
    ],
  });
  cy.on("tap", "node", (ev) => showNode(ev.target.data()));
  cy.on("tap", "edge", (ev) => showEdge(ev.target.data(), names));
  // Rings around the centre entity by hop count keep small graphs readable.
  const centre = cy.nodes("[?center]");
  const hops = {};
  cy.elements().bfs({ roots: centre, directed: false,
    visit: (v, e, u, i, depth) => { hops[v.id()] = depth; } });
  const layout = cy.layout({ name: "concentric", animate: false, minNodeSpacing: 70,
    spacingFactor: 1.3, padding: 30, avoidOverlap: true,
    concentric: (n) => 10 - (hops[n.id()] ?? 9), levelWidth: () => 1 });
  layout.one("layoutstop", () => {
    cy.fit(undefined, 30);
    // Tests wait for this; it says what was actually drawn.
    window.__graphReady = { nodes: cy.nodes().length, edges: cy.edges().length };
  });
  layout.run();
  window.__cy = cy;
  const s = document.getElementById("summary");
  s.textContent = `${data.nodes.length} entities, ${data.edges.length} relations` +
    (data.truncated ? ` (capped at ${data.limit}; narrow the filters)` : "");
}

async function main() {
  const params = new URLSearchParams(location.search);
  fillForm(params);
  legend();
  const summary = document.getElementById("summary");
  if (!params.get("entity")) {
    summary.textContent = "Choose an entity (id, ISO3 code or name).";
    return;
  }
  try {
    const res = await fetch(`/graph?${params.toString()}`, { headers: { Accept: "application/json" } });
    const body = await res.json();
    if (!res.ok) throw new Error(body?.error?.message || JSON.stringify(body));
    draw(body);
  } catch (err) {
    window.__graphError = String(err.message || err);
    summary.textContent = window.__graphError;
    summary.className = "error";
  }
}

main();
