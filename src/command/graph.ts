import { basename, dirname } from "node:path";
import type { Config } from "../config/index.js";
import { AthanorError } from "../util/errors.js";
import { pictureOf, renderDot, renderHtml, renderMermaid, type GraphPicture } from "./graph/index.js";
import { history } from "./history.js";
import type { CurrentHeadsReader } from "./current-heads.js";
import type { GraphCommandOptions } from "./revision-info.js";

/** The drawings `graph` writes. */
export type GraphFormat = "mermaid" | "dot" | "html";

const FORMATS: readonly GraphFormat[] = ["mermaid", "dot", "html"];

/** Options of {@link graph}. */
export interface GraphOptions extends GraphCommandOptions {
  /** `mermaid` (default), `dot` or `html`. */
  readonly format?: GraphFormat;
  /** A range as `history` takes it: `start:end`, `start:`, `:end`. */
  readonly revRange?: string;
  /**
   * Mark the revisions the database is at. Default: try, and draw without marks
   * (saying why in `currentUnavailable`) when the database cannot be read.
   */
  readonly current?: boolean;
  /** Reads the database's revisions (default: the version table through the config's URL). */
  readonly currentHeads?: CurrentHeadsReader;
}

/** What {@link graph} returns. */
export interface GraphResult {
  readonly format: GraphFormat;
  /** The drawing. */
  readonly text: string;
  readonly picture: GraphPicture;
  /** Why the current revisions are not marked, when they were to be and could not be read. */
  readonly currentUnavailable?: string;
}

/**
 * The revision graph as a picture: Mermaid, Graphviz dot, or a self-contained
 * HTML page with pan, zoom and search. The database's current revisions are
 * marked when it can be read.
 *
 * @example
 * ```ts
 * const { text } = await command.graph(config, { format: "html", revRange: "-50:" });
 * writeFileSync("revisions.html", text);
 * ```
 */
export async function graph(config: Config, options: GraphOptions = {}): Promise<GraphResult> {
  const format = options.format ?? "mermaid";
  if (!FORMATS.includes(format)) {
    throw new AthanorError(`Unknown graph format "${String(format)}"`, { hint: `give one of ${FORMATS.join(", ")}` });
  }
  const base = {
    ...(options.revRange === undefined ? {} : { revRange: options.revRange }),
    ...(options.script === undefined ? {} : { script: options.script }),
    ...(options.currentHeads === undefined ? {} : { currentHeads: options.currentHeads }),
  };
  let revisions;
  let currentUnavailable: string | undefined;
  if (options.current === false) {
    revisions = await history(config, base);
  } else {
    try {
      revisions = await history(config, { ...base, indicateCurrent: true });
    } catch (error) {
      if (options.current === true) throw error;
      currentUnavailable = error instanceof Error ? error.message : String(error);
      revisions = await history(config, base);
    }
  }
  const picture = pictureOf(revisions);
  const title = config.file === undefined ? basename(config.scriptLocation) : basename(dirname(config.file));
  const text = format === "mermaid" ? renderMermaid(picture) : format === "dot" ? renderDot(picture) : renderHtml(picture, title);
  return { format, text, picture, ...(currentUnavailable === undefined ? {} : { currentUnavailable }) };
}
