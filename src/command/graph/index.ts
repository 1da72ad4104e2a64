export { pictureOf, type GraphPicture, type PictureEdge, type PictureNode } from "./picture.js";
export { renderMermaid } from "./mermaid.js";
export { renderDot } from "./dot.js";
export { renderHtml } from "./html.js";
