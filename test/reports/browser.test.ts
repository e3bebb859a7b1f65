/**
 * The HTML reports in a real browser (issue 12): Debian's Chromium driven by playwright-core, each
 * report opened from disk (file://) at small and max scale, asserting on the DOM: the verdict, the
 * category tree, charts with text equivalents, findings filters and search that change what is shown,
 * groups that expand, pages that turn. Screenshots are kept under out/screenshots/ as artifacts (never
 * compared). Small: the reports `rehearse` writes (the lab stack, small sample). Max: the max sample
 * (33,077 rooms) analysed in memory and written as `analyze --report` writes it, the lab runbook with
 * its volumes, and a verification against a simulated import with planted differences. The max
 * analysis is cached under out/.cache/, keyed by a hash of the engine's sources (maxAnalysis).
 * Stand-ins: Pulumi's mock runtime for the offline plan and a simulated import for the 2013 database
 * (no Azure, no SQL Server here). Without /usr/bin/chromium the tests are skipped with a printed
 * reason, unless CI=true, where its absence fails.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { analyze, type AnalysisResult } from "../../migration-jobs/analysis";
import { analysisReport, categoryTree } from "../../migration-jobs/analysis/report";
import { renderReadinessHtml } from "../../migration-jobs/analysis/report-html";
import { writeReports } from "../../migration-jobs/common/report";
import { estimateRunbook } from "../../migration-jobs/runbook/estimate";
import { planRunbook } from "../../migration-jobs/runbook/planner";
import { runbookDocument, runbookReport } from "../../migration-jobs/runbook/render";
import { renderRunbookHtml } from "../../migration-jobs/runbook/report-html";
import { sampleSource, SAMPLE_CUTOFF } from "../../migration-jobs/sample";
import { simulateImport, verify } from "../../migration-jobs/verification";
import { verificationReport } from "../../migration-jobs/verification/report";
import { renderVerificationHtml } from "../../migration-jobs/verification/report-html";
import { rehearse } from "../../src/rehearsal";
import { BATCHES, ENV, config } from "../runbook/fixtures";

const CHROMIUM = "/usr/bin/chromium";
const present = fs.existsSync(CHROMIUM);
const inCi = process.env.CI === "true";
const ROOT = path.resolve(__dirname, "../..");
const SHOTS = path.join(ROOT, "out", "screenshots");
// The flags that keep Chromium off this machine's closed network (see the README's test section).
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!present && !inCi) {
  process.stderr.write(`browser tests SKIPPED: ${CHROMIUM} is absent; install Debian's chromium (apt-get install -y --no-install-recommends chromium, as .ci/run does) to run them\n`);
}

/** The reports to open: the rehearsal's small ones and the max ones, each a file on disk. */
interface Reports {
  small: { readiness: string; runbook: string; verification: string };
  max: { readiness: string; runbook: string; verification: string };
  smallAnalysis: AnalysisResult;
  maxAnalysis: AnalysisResult;
}

/** Every source file the max analysis depends on (the reports' renderers aside): a change to any of them analyses again. */
function engineHash(): string {
  const h = createHash("sha256");
  for (const dir of ["analysis", "sample", "inventory", "common", "readers", "snapshot"]) {
    const abs = path.join(ROOT, "migration-jobs", dir);
    for (const f of fs.readdirSync(abs, { recursive: true }).map(String).filter((f) => f.endsWith(".ts") && !/(^|\/)(report[^/]*|html)\.ts$/.test(f)).sort()) h.update(f).update(fs.readFileSync(path.join(abs, f)));
  }
  return h.digest("hex").slice(0, 16);
}

/**
 * The max sample's analysis (about 12 s), kept under out/.cache/ keyed by the engine's sources so that
 * a rerun of the tests costs a JSON parse; any change to the analysis or the sample makes a new one.
 */
async function maxAnalysis(): Promise<AnalysisResult> {
  const file = path.join(ROOT, "out", ".cache", `analysis-max-1-${engineHash()}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as AnalysisResult;
  const analysis = await analyze(sampleSource({ scale: "max", seed: 1 }), { cutoff: SAMPLE_CUTOFF });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const old of fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith("analysis-max-1-"))) fs.rmSync(path.join(path.dirname(file), old));
  fs.writeFileSync(`${file}.partial`, JSON.stringify(analysis));
  fs.renameSync(`${file}.partial`, file);
  return analysis;
}

async function maxReports(dir: string): Promise<{ paths: Reports["max"]; analysis: AnalysisResult }> {
  const analysis = await maxAnalysis();
  const readiness = await writeReports(analysisReport(analysis), analysis, dir, "analysis", { data: analysis, render: renderReadinessHtml });
  const rb = planRunbook(config({ strategy: "batched", batches: BATCHES, sqlLogin: "sa" }), ENV);
  const estimate = estimateRunbook(rb.steps, { messages: analysis.counts.after.messagesSinceCutoff, legacyMessages: analysis.counts.before.messages, files: analysis.files.count, fileBytes: analysis.files.bytes, databaseBytes: null }, { legacyDatabase: ENV.legacy!.database });
  const extras = { estimate, files: [{ label: "readiness report", path: "analysis.html" }] };
  const runbook = await writeReports(runbookReport(rb, extras), runbookDocument(rb, extras), dir, "runbook", { data: runbookDocument(rb, extras), render: renderRunbookHtml });
  // A faulty import: every 100th room missing, every 250th with another privacy.
  const altered: AnalysisResult = { ...analysis, target: { ...analysis.target, rooms: analysis.target.rooms.filter((_r, i) => i % 100 !== 7).map((r, i) => (i % 250 === 3 ? { ...r, privacy: r.privacy === "open" ? "secret" : "open" } : r)) } };
  const v = await verify(analysis, simulateImport(altered, null), { exportLevel: "RoomDirectory" });
  const verification = await writeReports(verificationReport(v), v, dir, "verification", { data: v, render: renderVerificationHtml });
  return { paths: { readiness: readiness.html, runbook: runbook.html, verification: verification.html }, analysis };
}

async function open(ctx: BrowserContext, file: string): Promise<Page> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`file://${file}`, { waitUntil: "load" });
  expect(errors).toEqual([]);
  return page;
}

/**
 * Waits until the first element matching `selector` has a text that includes, equals or differs from
 * `value`. The check runs in the page as an expression: the kit's tsconfig has no DOM types.
 */
export async function waitText(page: Page, selector: string, how: "includes" | "equals" | "differs", value: string): Promise<void> {
  const text = `((document.querySelector(${JSON.stringify(selector)}) || {}).textContent || "")`;
  const v = JSON.stringify(value);
  await page.waitForFunction(how === "includes" ? `${text}.includes(${v})` : how === "equals" ? `${text} === ${v}` : `${text} !== ${v}`);
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const suite = present || inCi ? describe : describe.skip;

suite("the HTML reports in Chromium", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-browser-"));
  let ctx: BrowserContext;
  let reports: Reports;

  beforeAll(async () => {
    if (!present) throw new Error(`${CHROMIUM} is absent and CI=true: .ci/run installs Debian's chromium (.ci/debian-packages)`);
    const summary = await rehearse({ stack: "lab", scale: "small", seed: 1, out: path.join(tmp, "rehearsal"), projectRoot: ROOT });
    const max = await maxReports(path.join(tmp, "max"));
    reports = {
      small: { readiness: path.resolve(summary.files.readiness.html), runbook: path.resolve(summary.files.runbook.html), verification: path.resolve(summary.files.verification.html) },
      max: max.paths,
      smallAnalysis: JSON.parse(fs.readFileSync(summary.files.readiness.json, "utf8")) as AnalysisResult,
      maxAnalysis: max.analysis,
    };
    ctx = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(tmp, "profile-")), { executablePath: CHROMIUM, headless: true, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe.each(["small", "max"] as const)("readiness, %s", (scale) => {
    let page: Page;
    let analysis: AnalysisResult;
    beforeAll(async () => {
      analysis = scale === "small" ? reports.smallAnalysis : reports.maxAnalysis;
      page = await open(ctx, reports[scale].readiness);
      await page.waitForSelector("html[data-ready=true]");
    });
    afterAll(() => page.close());

    it("shows the verdict and the counts that decide it", async () => {
      const banner = page.locator(".banner");
      await expect(banner.getAttribute("data-verdict")).resolves.toBe(analysis.blocking.errors > 0 ? "error" : analysis.blocking.warnings > 0 ? "warning" : "ok");
      expect(await banner.innerText()).toContain(`${analysis.blocking.errors.toLocaleString("en-US")} errors`);
      await shot(page, `readiness-${scale}`);
    });

    it("draws the legacy tree and the flat list, names that change or collide marked", async () => {
      expect(await page.locator("#legacy-tree .cat").count()).toBe(analysis.legacyTree!.length);
      const expected = new Set(analysis.target.categories.map((c) => c.legacyId));
      const leftOut = categoryTree(analysis).filter((t) => !expected.has(t.node.id) && !t.node.isRoot && t.changes.includes("collides"));
      expect(await page.locator("#flat-list li").count()).toBe(expected.size + leftOut.length);
      expect(await page.locator("#flat-list li .tag.collides").count()).toBeGreaterThan(0);
      expect(await page.locator("#legacy-tree .tag.changed").count()).toBeGreaterThan(0);
      expect(await page.locator("#legacy-tree .tag.collides").count()).toBeGreaterThan(0);
      await page.locator("#tree").screenshot({ path: path.join(SHOTS, `readiness-${scale}-tree.png`) });
    });

    it("gives every chart a title, a description and a table of its figures", async () => {
      const charts = page.locator("figure.chart");
      expect(await charts.count()).toBe(2);
      for (const c of await charts.all()) {
        expect((await c.locator("svg > title").textContent())!.length).toBeGreaterThan(0);
        expect((await c.locator("svg > desc").textContent())!.length).toBeGreaterThan(0);
        expect(await c.locator("table tbody tr").count()).toBeGreaterThan(0);
      }
    });

    it("expands a findings group into its rows, a page at a time", async () => {
      const group = page.locator("#finding-groups details").first();
      expect(await group.locator(".finding").count()).toBe(0);
      await group.locator("summary").click();
      // The page draws a group on its toggle event, which the browser fires after the click returns.
      await group.locator(".finding").first().waitFor();
      const rows = await group.locator(".finding").count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(50);
      // The largest group at max (every flattened category) has more than one page.
      const big = page.locator("#finding-groups details", { has: page.locator("code", { hasText: /^CATEGORY_FLATTENED$/ }) });
      if ((await big.count()) === 1 && analysis.findings.filter((f) => f.code === "CATEGORY_FLATTENED").length > 50) {
        await big.locator("summary").click();
        await big.locator(".finding").first().waitFor();
        const first = await big.locator(".finding td").first().textContent();
        await big.locator("button", { hasText: "next" }).click();
        expect(await big.locator(".finding td").first().textContent()).not.toBe(first);
      }
      await shot(page, `readiness-${scale}-findings`);
    });

    it("filters by severity and by search, and says how many are shown", async () => {
      const count = page.locator("#finding-count");
      const all = await count.textContent();
      const visible = () => page.locator("#finding-groups details:not([hidden])").count();
      const before = await visible();
      await page.locator('.sev-filter[value="info"]').uncheck();
      expect(await page.locator('#finding-groups details[data-severity="info"]:not([hidden])').count()).toBe(0);
      expect(await visible()).toBeLessThan(before);
      expect(await count.textContent()).not.toBe(all);
      await page.locator('.sev-filter[value="info"]').check();
      const room = analysis.findings.find((f) => f.subject.startsWith("room "))!.subject;
      await page.locator("#finding-search").fill(room);
      await waitText(page, "#finding-count", "includes", "matching");
      expect(await visible()).toBeLessThan(before);
      await page.locator("#finding-search").fill("");
      await waitText(page, "#finding-count", "equals", all!);
    });

    it("pages and searches the rooms", async () => {
      const rows = page.locator("#room-table tbody tr");
      expect(await rows.count()).toBe(Math.min(50, analysis.target.rooms.length));
      const name = analysis.target.rooms[analysis.target.rooms.length - 1]!.name;
      await page.locator("#room-search").fill(name);
      await waitText(page, "#room-table tbody tr td", "equals", name);
      expect(await rows.count()).toBeLessThan(Math.min(50, analysis.target.rooms.length) + 1);
      await page.locator("#room-search").fill("");
    });
  });

  describe.each(["small", "max"] as const)("runbook, %s", (scale) => {
    it("draws the timeline with a bar per step, its table, the assumptions and the downtime", async () => {
      const page = await open(ctx, reports[scale].runbook);
      const steps = await page.locator("#timeline-chart g.step").count();
      expect(steps).toBeGreaterThan(0);
      expect(await page.locator("#timeline table tbody tr").count()).toBe(steps);
      expect(await page.locator("#timeline-chart svg > desc").textContent()).toContain("steps");
      expect(await page.locator("#assumptions li").count()).toBeGreaterThan(3);
      expect(await page.locator("#downtime").innerText()).toMatch(/Services are down/);
      expect(await page.locator("#files a").count()).toBeGreaterThan(0);
      await shot(page, `runbook-${scale}`);
      await page.close();
    });
  });

  describe.each(["small", "max"] as const)("verification, %s", (scale) => {
    it("summarises per object kind; mismatches filter by search", async () => {
      const page = await open(ctx, reports[scale].verification);
      expect(await page.locator("#kind-summary tbody tr").count()).toBe(4);
      expect(await page.locator("#chart-kinds svg > title").textContent()).toBeTruthy();
      if (scale === "max") {
        await page.waitForSelector("html[data-ready=true]");
        const rows = page.locator("#mismatch-table tbody tr");
        expect(await rows.count()).toBeGreaterThan(0);
        const total = await page.locator("#mismatch-count").textContent();
        const first = await rows.first().locator("td").nth(1).textContent();
        await page.locator("#mismatch-search").fill(first!);
        await waitText(page, "#mismatch-count", "differs", total!);
        for (const r of await rows.all()) expect((await r.innerText()).toLowerCase()).toContain(first!.toLowerCase());
      } else expect(await page.locator("#mismatches").innerText()).toContain("None");
      await shot(page, `verification-${scale}`);
      await page.close();
    });
  });
});
