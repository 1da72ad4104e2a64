import type { GraphPicture, PictureNode } from "./picture.js";

/** Mermaid's node ids are words: a revision id gets a prefix and its other characters as codes. */
function nodeId(id: string): string {
  return `r_${id.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)}`;
}

/** Text inside a quoted Mermaid label: quotes and markup characters as entity codes. */
function labelText(text: string): string {
  return text.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

function label(node: PictureNode): string {
  const lines = [node.id, ...(node.doc ? [node.doc] : []), ...(node.labels.length > 0 ? [`(${node.labels.join(", ")})`] : [])];
  return lines.map(labelText).join("<br/>");
}

/**
 * The picture as a Mermaid flowchart, newest at the top as in `history`: merge points as
 * hexagons, dependencies as dotted arrows, heads and the database's current
 * revisions in classes of their own.
 *
 * @example
 * ```ts
 * renderMermaid(pictureOf(await command.history(config)));
 * ```
 */
export function renderMermaid(picture: GraphPicture): string {
  const lines = ["flowchart BT"];
  for (const node of picture.nodes) {
    const text = `"${label(node)}"`;
    lines.push(`  ${nodeId(node.id)}${node.isMergePoint ? `{{${text}}}` : `(${text})`}`);
  }
  for (const edge of picture.edges) {
    lines.push(`  ${nodeId(edge.from)} ${edge.kind === "down" ? "-->" : "-. depends on .->"} ${nodeId(edge.to)}`);
  }
  lines.push("  classDef head fill:#e7f5e4,stroke:#2f7d32,stroke-width:2px");
  lines.push("  classDef current fill:#fff4d6,stroke:#b26a00,stroke-width:4px");
  const heads = picture.nodes.filter((n) => n.isHead && n.isCurrent !== true).map((n) => nodeId(n.id));
  const current = picture.nodes.filter((n) => n.isCurrent === true).map((n) => nodeId(n.id));
  if (heads.length > 0) lines.push(`  class ${heads.join(",")} head`);
  if (current.length > 0) lines.push(`  class ${current.join(",")} current`);
  return `${lines.join("\n")}\n`;
}
