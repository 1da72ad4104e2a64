import type { GraphPicture, PictureNode } from "./picture.js";

/** A Graphviz double-quoted string. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

function attributes(node: PictureNode): string {
  const lines = [node.id, ...(node.doc ? [node.doc] : []), ...(node.labels.length > 0 ? [`(${node.labels.join(", ")})`] : [])];
  const parts = [`label=${quoted(lines.join("\n"))}`];
  if (node.isMergePoint) parts.push("shape=hexagon");
  if (node.isCurrent === true) parts.push('fillcolor="#fff4d6"', 'color="#b26a00"', "penwidth=3");
  else if (node.isHead) parts.push('fillcolor="#e7f5e4"', 'color="#2f7d32"', "penwidth=2");
  return parts.join(", ");
}

/**
 * The picture as a Graphviz digraph, newest at the top as in `history`: merge points as
 * hexagons, dependencies dashed, heads and current revisions coloured.
 *
 * @example
 * ```ts
 * writeFileSync("revisions.dot", renderDot(pictureOf(await command.history(config))));
 * // dot -Tsvg revisions.dot > revisions.svg
 * ```
 */
export function renderDot(picture: GraphPicture): string {
  const lines = [
    "digraph revisions {",
    "  rankdir=BT;",
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
  ];
  for (const node of picture.nodes) lines.push(`  ${quoted(node.id)} [${attributes(node)}];`);
  for (const edge of picture.edges) {
    lines.push(`  ${quoted(edge.from)} -> ${quoted(edge.to)}${edge.kind === "dependency" ? ' [style=dashed, label="depends on"]' : ""};`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
