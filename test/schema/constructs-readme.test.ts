import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { cellStatus, constructs, renderConstructsTable } from "../../src/schema/constructs.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const readmePath = `${root}docs/reference.md`;
const begin = "<!-- constructs:begin (rendered from src/schema/constructs.ts) -->";
const end = "<!-- constructs:end -->";

/** The table between the markers; with ATHANOR_RENDER_CONSTRUCTS=1 it is written there first. */
function readmeTable(): string {
  let readme = readFileSync(readmePath, "utf8");
  const start = readme.indexOf(begin);
  const stop = readme.indexOf(end);
  expect(start, `docs/reference.md has no "${begin}" marker`).toBeGreaterThan(-1);
  expect(stop).toBeGreaterThan(start);
  if (process.env.ATHANOR_RENDER_CONSTRUCTS === "1") {
    readme = `${readme.slice(0, start + begin.length)}\n${renderConstructsTable()}\n${readme.slice(stop)}`;
    writeFileSync(readmePath, readme);
  }
  return readme.slice(readme.indexOf(begin) + begin.length, readme.indexOf(end)).trim();
}

describe("the constructs registry", () => {
  test("the reference's table is the registry rendered (ATHANOR_RENDER_CONSTRUCTS=1 writes it)", () => {
    expect(readmeTable()).toBe(renderConstructsTable());
  });

  test("the table sits in the Autogenerate section", () => {
    const readme = readFileSync(readmePath, "utf8");
    const section = readme.indexOf("## Autogenerate");
    const next = readme.indexOf("\n## ", section + 1);
    expect(readme.indexOf(begin)).toBeGreaterThan(section);
    expect(readme.indexOf(begin)).toBeLessThan(next);
  });

  test("constructs are named once, and a partly cell says what is missing", () => {
    const names = constructs.map((row) => row.construct);
    expect(new Set(names).size).toBe(names.length);
    for (const row of constructs) {
      for (const cell of [row.postgresql, row.mysql, row.sqlite]) {
        if (cellStatus(cell) === "partly") expect(typeof cell, `${row.construct}: a partly cell needs a note`).toBe("object");
      }
    }
  });
});
