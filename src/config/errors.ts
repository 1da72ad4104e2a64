import { AthanorError } from "../util/errors.js";

/**
 * Turn an error thrown while importing a config, env or revision file into an
 * AthanorError with the file and line of a syntax error, when one is known.
 */
export function moduleLoadError(file: string, error: unknown, what: string): AthanorError {
  if (error instanceof AthanorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const location = findLocation(file, error);
  const isSyntax =
    (error instanceof Error && error.name === "SyntaxError") || /ParseError|SyntaxError/.test(message);
  let firstLine = message.split("\n")[0]!.replace(/^(ParseError|SyntaxError):\s*/, "").trim();
  // the transformer's message ends with the place, which the error names anyway
  const place = / \((.+):\d+:\d+\)$/.exec(firstLine);
  if (place?.[1] === file) firstLine = firstLine.slice(0, place.index);
  return new AthanorError(
    isSyntax ? `Syntax error in ${what}: ${firstLine || "unexpected token"}` : `Cannot load ${what}: ${firstLine}`,
    { file, ...(location === undefined ? {} : { line: location }), cause: error },
  );
}

function findLocation(file: string, error: unknown): number | undefined {
  const texts: string[] = [];
  if (error instanceof Error) {
    texts.push(error.message, error.stack ?? "");
  } else {
    texts.push(String(error));
  }
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`${escaped}:(\\d+)(?::\\d+)?`);
  for (const text of texts) {
    const match = pattern.exec(text);
    if (match) return Number(match[1]);
  }
  const loc = (error as { loc?: { line?: number } } | null)?.loc;
  return typeof loc?.line === "number" ? loc.line : undefined;
}
