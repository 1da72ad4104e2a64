import { layout } from "./layout.js";
import type { GraphPicture, PictureNode } from "./picture.js";

const NODE_WIDTH = 230;
const NODE_HEIGHT = 54;
const COLUMN_GAP = 40;
const ROW_GAP = 34;
const MARGIN = 24;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function classes(node: PictureNode): string {
  return [
    "node",
    node.isHead ? "head" : "",
    node.isBase ? "base" : "",
    node.isMergePoint ? "merge" : "",
    node.isBranchPoint ? "branchpoint" : "",
    node.isCurrent === true ? "current" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function nodeSvg(node: PictureNode, x: number, y: number): string {
  const labels = node.labels.length > 0 ? `<text class="labels" x="10" y="49">${escape(shorten(node.labels.join(", "), 30))}</text>` : "";
  const marks = [node.isCurrent === true ? "current" : "", node.isHead ? "head" : "", node.isMergePoint ? "merge" : ""].filter(Boolean).join(" · ");
  const shape = node.isMergePoint
    ? `<polygon points="12,0 ${NODE_WIDTH - 12},0 ${NODE_WIDTH},${NODE_HEIGHT / 2} ${NODE_WIDTH - 12},${NODE_HEIGHT} 12,${NODE_HEIGHT} 0,${NODE_HEIGHT / 2}"/>`
    : `<rect width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8"/>`;
  return (
    `<g class="${classes(node)}" data-id="${escape(node.id)}" data-doc="${escape(node.doc)}" data-labels="${escape(node.labels.join(" "))}" transform="translate(${x},${y})">` +
    `<title>${escape(node.id)}${node.doc ? ` — ${escape(node.doc)}` : ""}</title>${shape}` +
    `<text class="id" x="10" y="19">${escape(node.id)}</text>` +
    (marks ? `<text class="marks" x="${NODE_WIDTH - 10}" y="19" text-anchor="end">${marks}</text>` : "") +
    `<text class="doc" x="10" y="35">${escape(shorten(node.doc, 34))}</text>${labels}</g>`
  );
}

const STYLE = `
html, body { margin: 0; height: 100%; font: 13px system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
header { position: fixed; top: 0; left: 0; right: 0; display: flex; gap: 12px; align-items: center; padding: 8px 12px; background: #fff; border-bottom: 1px solid #d0d7de; z-index: 1; }
header input { width: 260px; padding: 4px 8px; font: inherit; }
header .legend span { margin-right: 10px; }
header .count { color: #57606a; min-width: 90px; }
svg { position: fixed; top: 45px; left: 0; width: 100%; height: calc(100% - 45px); cursor: grab; }
svg.dragging { cursor: grabbing; }
.edge { fill: none; stroke: #8c959f; stroke-width: 1.5; }
.edge.dependency { stroke: #8250df; stroke-dasharray: 6 4; }
.node rect, .node polygon { fill: #fff; stroke: #57606a; stroke-width: 1.2; }
.node.merge polygon { fill: #eef1ff; stroke: #4051b5; }
.node.head rect, .node.head polygon { fill: #e7f5e4; stroke: #2f7d32; stroke-width: 2; }
.node.current rect, .node.current polygon { fill: #fff4d6; stroke: #b26a00; stroke-width: 4; }
.node.match rect, .node.match polygon { stroke: #cf222e; stroke-width: 4; }
.node.dim { opacity: 0.25; }
.node text { font-size: 12px; fill: #1f2328; }
.node text.id { font-family: ui-monospace, monospace; font-weight: 600; }
.node text.marks { fill: #57606a; font-size: 11px; }
.node text.labels { fill: #8250df; font-size: 11px; }
`;

/** Pan (drag), zoom (wheel, +/-), search (id prefix or words of the message), Enter to go to the next match. */
const SCRIPT = `
(() => {
  const svg = document.querySelector("svg");
  const view = document.getElementById("view");
  const input = document.getElementById("search");
  const count = document.getElementById("count");
  const nodes = [...document.querySelectorAll(".node")];
  const state = { x: ${MARGIN}, y: ${MARGIN}, k: 1 };
  const apply = () => view.setAttribute("transform", "translate(" + state.x + "," + state.y + ") scale(" + state.k + ")");
  const zoomAt = (factor, cx, cy) => {
    const k = Math.min(4, Math.max(0.05, state.k * factor));
    state.x = cx - (cx - state.x) * (k / state.k);
    state.y = cy - (cy - state.y) * (k / state.k);
    state.k = k;
    apply();
  };
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = svg.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY / 400), e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => { drag = { x: e.clientX - state.x, y: e.clientY - state.y }; svg.classList.add("dragging"); svg.setPointerCapture(e.pointerId); });
  svg.addEventListener("pointermove", (e) => { if (drag) { state.x = e.clientX - drag.x; state.y = e.clientY - drag.y; apply(); } });
  svg.addEventListener("pointerup", () => { drag = null; svg.classList.remove("dragging"); });
  let matches = [];
  let at = -1;
  const centre = (node) => {
    const box = svg.getBoundingClientRect();
    const [, tx, ty] = /translate\\(([-\\d.]+),([-\\d.]+)\\)/.exec(node.getAttribute("transform"));
    state.x = box.width / 2 - (Number(tx) + ${NODE_WIDTH / 2}) * state.k;
    state.y = box.height / 2 - (Number(ty) + ${NODE_HEIGHT / 2}) * state.k;
    apply();
  };
  input.addEventListener("input", () => {
    const q = input.value.trim().toLowerCase();
    matches = q === "" ? [] : nodes.filter((n) => n.dataset.id.toLowerCase().startsWith(q) || n.dataset.doc.toLowerCase().includes(q) || n.dataset.labels.toLowerCase().split(" ").includes(q));
    for (const n of nodes) {
      n.classList.toggle("match", matches.includes(n));
      n.classList.toggle("dim", q !== "" && !matches.includes(n));
    }
    count.textContent = q === "" ? "" : matches.length + (matches.length === 1 ? " match" : " matches");
    at = -1;
    if (matches.length > 0) { at = 0; centre(matches[0]); }
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && matches.length > 0) { at = (at + 1) % matches.length; centre(matches[at]); }
  });
  document.addEventListener("keydown", (e) => {
    if (e.target === input) return;
    const box = svg.getBoundingClientRect();
    if (e.key === "+" || e.key === "=") zoomAt(1.25, box.width / 2, box.height / 2);
    if (e.key === "-") zoomAt(0.8, box.width / 2, box.height / 2);
  });
  apply();
})();
`;

/**
 * The picture as one self-contained HTML page (no network): an SVG drawing,
 * newest revisions at the top, with pan, zoom and search by id or message.
 * Heads are green, merge points hexagons, dependencies dashed purple lines,
 * branch labels under the message, the database's current revisions orange.
 *
 * @example
 * ```ts
 * writeFileSync("revisions.html", renderHtml(pictureOf(await command.history(config, { indicateCurrent: true })), "myapp"));
 * ```
 */
export function renderHtml(picture: GraphPicture, title: string): string {
  const { placed, columns, rows } = layout(picture);
  const position = (id: string): { x: number; y: number } => {
    const p = placed.get(id) ?? { column: 0, row: 0 };
    return { x: p.column * (NODE_WIDTH + COLUMN_GAP), y: p.row * (NODE_HEIGHT + ROW_GAP) };
  };
  const edges = picture.edges.map((edge) => {
    const from = position(edge.from);
    const to = position(edge.to);
    // from the top of the older revision up to the bottom of the newer one
    const x1 = from.x + NODE_WIDTH / 2 + (edge.kind === "dependency" ? 20 : 0);
    const y1 = from.y;
    const x2 = to.x + NODE_WIDTH / 2 + (edge.kind === "dependency" ? 20 : 0);
    const y2 = to.y + NODE_HEIGHT;
    const bend = Math.max(ROW_GAP, (y1 - y2) / 2);
    return `<path class="edge ${edge.kind}" d="M${x1},${y1} C${x1},${y1 - bend} ${x2},${y2 + bend} ${x2},${y2}"/>`;
  });
  const nodes = picture.nodes.map((node) => {
    const { x, y } = position(node.id);
    return nodeSvg(node, x, y);
  });
  const width = columns * (NODE_WIDTH + COLUMN_GAP);
  const height = rows * (NODE_HEIGHT + ROW_GAP);
  const current = picture.nodes.some((n) => n.isCurrent !== null);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)} — revisions</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<strong>${escape(title)}</strong>
<input id="search" type="search" placeholder="Search id, message or branch" autocomplete="off">
<span id="count" class="count"></span>
<span class="legend"><span>${picture.nodes.length} revisions</span><span style="color:#2f7d32">■ head</span><span style="color:#4051b5">⬢ merge</span><span style="color:#8250df">⇢ depends on</span>${current ? '<span style="color:#b26a00">■ current</span>' : ""}</span>
</header>
<svg xmlns="http://www.w3.org/2000/svg" data-width="${width}" data-height="${height}">
<g id="view">
${edges.join("\n")}
${nodes.join("\n")}
</g>
</svg>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
