// The HTML page of `athanor graph` in a real browser (Debian's Chromium, driven
// by playwright-core): 1,000 revisions with a labelled branch and a merge render
// as boxes with readable labels (checked on a screenshot's pixels), search finds
// a revision by its message and brings it into view, the wheel zooms and a drag
// pans. Without Chromium the file is skipped with a line saying so (CI installs it).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { bareProject, ok, writeRevision } from "./helpers.js";

const CHROMIUM = process.env.ATHANOR_TEST_CHROMIUM ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.ATHANOR_TEST_REQUIRE_SERVERS === "1") throw new Error(`Chromium is required for the graph page test and is not at ${CHROMIUM}`);
  console.warn(`graph-browser: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

const COUNT = 1000;
const id = (n: number): string => `c0ffee${n.toString(16).padStart(6, "0")}`;

/** Pixels of the screenshot close to a colour. */
function countColour(png: PNG, [r, g, b]: readonly [number, number, number], tolerance = 6): number {
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - r) <= tolerance && Math.abs(png.data[i + 1]! - g) <= tolerance && Math.abs(png.data[i + 2]! - b) <= tolerance) n += 1;
  }
  return n;
}

function transformOf(page: Page): Promise<{ x: number; y: number; k: number }> {
  return page.$eval("#view", (g) => {
    const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(g.getAttribute("transform") ?? "");
    return { x: Number(m?.[1]), y: Number(m?.[2]), k: Number(m?.[3]) };
  });
}

describe.skipIf(!hasChromium)("athanor graph --format html in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // a straight line of 1,000 revisions, with a labelled branch at 990 merged back at 999
    const dir = bareProject();
    for (let n = 1; n <= COUNT; n += 1) {
      const spec =
        n === 1
          ? { revision: id(n), message: "step 0001" }
          : n === 995
            ? { revision: id(n), downRevision: id(990), branchLabels: ["audit"], message: "audit side branch" }
            : n === 999
              ? { revision: id(n), downRevision: [id(998), id(995)], message: "merge audit" }
              : { revision: id(n), downRevision: id(n === 996 ? 994 : n - 1), message: `step ${String(n).padStart(4, "0")}` };
      writeRevision(dir, spec);
    }
    ok(dir, "graph", "--no-current", "-o", "revisions.html");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`file://${join(dir, "revisions.html")}`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("draws every revision, the newest in view, with its labels readable", async () => {
    expect(await page.locator(".node").count()).toBe(COUNT);
    expect(await page.locator(".node.merge").count()).toBe(1);
    expect(await page.locator(".node.head").count()).toBe(1);
    expect(await page.locator(".edge.down").count()).toBe(COUNT);
    expect(await page.locator("text.labels").allTextContents()).toEqual(["audit"]);

    const head = page.locator(`.node[data-id="${id(COUNT)}"]`);
    const box = await head.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(800);
    expect(await head.locator("text.id").textContent()).toBe(id(COUNT));

    // the screenshot shows the head's green box and dark text
    const png = PNG.sync.read(await page.screenshot());
    expect(countColour(png, [0xe7, 0xf5, 0xe4])).toBeGreaterThan(5000);
    expect(countColour(png, [0x1f, 0x23, 0x28], 60)).toBeGreaterThan(1000);
  });

  it("search by message finds one revision, marks it and brings it into view", async () => {
    await page.fill("#search", "step 0500");
    expect(await page.textContent("#count")).toBe("1 match");
    const match = page.locator(".node.match");
    expect(await match.count()).toBe(1);
    expect(await match.getAttribute("data-id")).toBe(id(500));
    const box = await match.boundingBox();
    expect(box!.y).toBeGreaterThan(0);
    expect(box!.y + box!.height).toBeLessThan(800);
    const png = PNG.sync.read(await page.screenshot());
    expect(countColour(png, [0xcf, 0x22, 0x2e], 20)).toBeGreaterThan(300);

    await page.fill("#search", id(995));
    expect(await page.locator(".node.match").getAttribute("data-id")).toBe(id(995));
    await page.fill("#search", "");
    expect(await page.locator(".node.dim").count()).toBe(0);
  });

  it("the wheel zooms around the pointer and a drag pans", async () => {
    const before = await transformOf(page);
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, -400);
    let zoomed = await transformOf(page);
    for (let i = 0; i < 50 && zoomed.k === before.k; i += 1) {
      await page.waitForTimeout(20);
      zoomed = await transformOf(page);
    }
    expect(zoomed.k).toBeGreaterThan(before.k);

    await page.mouse.move(600, 400);
    await page.mouse.down();
    await page.mouse.move(700, 300, { steps: 5 });
    await page.mouse.up();
    const panned = await transformOf(page);
    expect(panned.x - zoomed.x).toBeCloseTo(100, 0);
    expect(panned.y - zoomed.y).toBeCloseTo(-100, 0);
  });
});
