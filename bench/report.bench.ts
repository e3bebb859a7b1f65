/**
 * The max-scale readiness report in a real browser (issue 12): the `max` sample (33,077 rooms) analysed
 * in memory, its HTML written as `analyze --report` writes it, then opened from disk in Debian's
 * Chromium (playwright-core, /usr/bin/chromium) five times, each in a fresh page.
 * Figures: the HTML file's size; per load, first contentful paint (the browser's own paint timing) and
 * the time until the page's script has drawn its first rows (`data-ready`, wall time from navigation);
 * a search over every finding and an expanded group of 666 findings, until the count is updated.
 * Targets: < 10 MB, first render < 2 s.
 * Run: npm run build && node dist/bench/report.bench.js
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { measure } from "./harness";
import { analyze } from "../migration-jobs/analysis";
import { analysisReport } from "../migration-jobs/analysis/report";
import { renderReadinessHtml } from "../migration-jobs/analysis/report-html";
import { writeReports } from "../migration-jobs/common/report";
import { sampleSource, SAMPLE_CUTOFF } from "../migration-jobs/sample";

const CHROMIUM = "/usr/bin/chromium";
const DIR = path.join(__dirname, "..", "..", "bench", ".data", "report-max");
const RUNS = 5;
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function stats(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0]} / ${s[Math.floor(s.length / 2)]} / ${s[s.length - 1]}`;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`report.bench skipped: ${CHROMIUM} is absent (apt-get install -y --no-install-recommends chromium)\n`);
    return;
  }
  mkdirSync(DIR, { recursive: true });
  const analysis = await analyze(sampleSource({ scale: "max", seed: 1 }), { cutoff: SAMPLE_CUTOFF });
  let html = "";
  await measure("report write max readiness", async () => {
    const p = await writeReports(analysisReport(analysis), analysis, DIR, "analysis", { data: analysis, render: renderReadinessHtml });
    html = p.html;
    return { htmlMb: +(statSync(p.html).size / 1024 / 1024).toFixed(2), markdownMb: +(statSync(p.markdown).size / 1024 / 1024).toFixed(2), rooms: analysis.target.rooms.length, findings: analysis.findings.length };
  });

  const profile = mkdtempSync(path.join(os.tmpdir(), "pchat-report-bench-"));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const fcp: number[] = [];
    const ready: number[] = [];
    const search: number[] = [];
    const expand: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await ctx.newPage();
      const t0 = performance.now();
      await page.goto(`file://${html}`, { waitUntil: "commit" });
      await page.waitForSelector("html[data-ready=true]");
      ready.push(Math.round(performance.now() - t0));
      // A string: a function would be compiled against node:perf_hooks' performance, not the page's.
      fcp.push(Math.round(await page.evaluate<number>(`(performance.getEntriesByName("first-contentful-paint")[0] || { startTime: -1 }).startTime`)));
      const before = await page.locator("#finding-count").textContent();
      const t1 = performance.now();
      await page.locator("#finding-search").fill("Engineering");
      // An expression run in the page: the kit's tsconfig has no DOM types.
      await page.waitForFunction(`document.getElementById("finding-count").textContent !== ${JSON.stringify(before)}`);
      search.push(Math.round(performance.now() - t1));
      await page.locator("#finding-search").fill("");
      const group = page.locator("#finding-groups details", { has: page.locator("code", { hasText: /^CATEGORY_FLATTENED$/ }) });
      const t2 = performance.now();
      await group.locator("summary").click();
      await group.locator(".finding").first().waitFor();
      expand.push(Math.round(performance.now() - t2));
      await page.close();
    }
    await measure("report max readiness in chromium", async () => ({
      runs: RUNS,
      firstContentfulPaintMs: stats(fcp),
      readyMs: stats(ready),
      searchMs: stats(search),
      expandMs: stats(expand),
    }));
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
