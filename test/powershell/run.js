/**
 * `npm test`'s second half: the PowerShell suite. It runs every script the kit generates under pwsh
 * with Pester, against the fake world of test/powershell/world/, and parses every T-SQL statement with
 * Microsoft's ScriptDom. Steps:
 *   1. find `dotnet`; without it, say what was skipped and how to get it (and fail when CI=true);
 *   2. `dotnet tool restore` (pwsh 7.6.9, .config/dotnet-tools.json) and a restore of
 *      test/powershell/tools/tools.csproj (Pester 6.2.0, ScriptDom 180.140.0), pinned versions;
 *   3. build the kit (`dist/`) and render every script and statement into the work folder (prepare.js);
 *   4. run Pester (Invoke-Suite.ps1), which writes every step's output to results.ndjson;
 *   5. check each PCHATKIT-RESULT line with the kit's own TypeScript parser (parseResultLine);
 *   6. print `PowerShell: N passed, N failed, N skipped`.
 * Usage: node test/powershell/run.js [--work DIR] [--filter Syntax,Scripts,...] [--suites provisioning:lab,runbook:...]
 *   --suites keeps only the suites whose name starts with one of the prefixes (a developer's shortcut).
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const TOOLS_PROJECT = path.join(__dirname, "tools", "tools.csproj");
const PESTER_VERSION = "6.2.0";
const SCRIPTDOM_VERSION = "180.140.0";
const SUITES = "3 stacks, 4 runbook variants and 4 contact strategies";

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: opts.inherit ? "inherit" : ["ignore", "pipe", "pipe"], env: { ...process.env, ...(opts.env ?? {}) }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function must(cmd, args, what, opts) {
  const r = run(cmd, args, opts);
  if (r.status !== 0) {
    process.stderr.write(`PowerShell suite: ${what} failed (exit ${r.status}):\n${r.stdout ?? ""}${r.stderr ?? ""}\n`);
    process.exit(1);
  }
  return r;
}

function hasDotnet() {
  const r = spawnSync("dotnet", ["--version"], { encoding: "utf8" });
  return !r.error && r.status === 0;
}

function globalPackages() {
  if (process.env.NUGET_PACKAGES) return process.env.NUGET_PACKAGES;
  const r = must("dotnet", ["nuget", "locals", "global-packages", "--list"], "finding the NuGet global packages folder");
  const m = /global-packages:\s*(.+)/.exec(r.stdout);
  if (!m) throw new Error(`unexpected output of dotnet nuget locals: ${r.stdout}`);
  return m[1].trim();
}

function skipped() {
  const line = `PowerShell: 0 passed, 0 failed, 1 skipped — the whole PowerShell suite was skipped (the generated scripts of ${SUITES} were not executed, and no T-SQL was parsed by ScriptDom): \`dotnet\` is not on PATH. Install the .NET SDK 10 (Debian: packages-microsoft-prod, then dotnet-sdk-10.0); npm test then restores pwsh ${"7.6.9"}, Pester ${PESTER_VERSION} and ScriptDom ${SCRIPTDOM_VERSION} by itself.`;
  process.stdout.write(line + "\n");
  process.exit(process.env.CI ? 1 : 0);
}

async function main() {
  if (!hasDotnet()) skipped();
  const work = path.resolve(argValue("--work") ?? path.join(ROOT, "out", "powershell"));
  const filter = argValue("--filter") ?? "";
  const started = Date.now();

  must("dotnet", ["tool", "restore"], "dotnet tool restore (pwsh)");
  must("dotnet", ["restore", TOOLS_PROJECT], "restoring Pester and ScriptDom");
  const packages = globalPackages();
  const pester = path.join(packages, "pester", PESTER_VERSION, "tools", "Pester.psd1");
  const scriptDom = path.join(packages, "microsoft.sqlserver.transactsql.scriptdom", SCRIPTDOM_VERSION, "lib", "net8.0", "Microsoft.SqlServer.TransactSql.ScriptDom.dll");
  for (const f of [pester, scriptDom]) if (!fs.existsSync(f)) throw new Error(`restored, but ${f} is missing`);

  must("npm", ["run", "--silent", "build"], "building the kit (npm run build)");
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const { prepare } = require("./prepare");
  const manifest = prepare(work, (argValue("--suites") ?? "").split(",").filter(Boolean));
  try {
    const { exportTsql } = require("./tsql/export-tsql");
    await exportTsql(path.join(work, "tsql.json"));
  } catch (e) {
    if (e.code !== "MODULE_NOT_FOUND") throw e;
  }
  require("./quoting/export-quoting").exportQuoting(path.join(work, "quoting.json"));
  const prepared = Date.now();

  // Two lanes of Pester files at once, one per core: Scripts and Runs are each a third of the time.
  // A --filter runs its files in one lane.
  const lanes = filter ? [{ name: "", filter }] : PESTER_LANES;
  const unassigned = pesterFiles().filter((f) => !PESTER_LANES.some((l) => l.filter.split(",").includes(f)));
  if (unassigned.length) throw new Error(`Pester files in no lane of run.js (PESTER_LANES): ${unassigned.join(", ")}`);
  const exits = await Promise.all(lanes.map((l) => runLane(l, { work, pester, scriptDom })));
  const summary = { total: 0, passed: 0, failed: 0, skipped: 0 };
  const lines = { checked: 0, failed: 0 };
  for (const [i, l] of lanes.entries()) {
    const suffix = l.name ? `-${l.name}` : "";
    const summaryFile = path.join(work, `summary${suffix}.json`);
    if (!fs.existsSync(summaryFile)) {
      process.stderr.write(`PowerShell suite: Pester${l.name ? ` lane ${l.name}` : ""} ended (exit ${exits[i]}) without a summary\n`);
      process.exit(1);
    }
    const s = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
    for (const k of Object.keys(summary)) summary[k] += s[k];
    const checked = checkResultLines(path.join(work, `results${suffix}.ndjson`));
    lines.checked += checked.checked;
    lines.failed += checked.failed;
  }
  const r = { status: exits.some((e) => e !== 0) ? 1 : 0 };
  const failed = summary.failed + lines.failed;
  const scripts = manifest.suites.reduce((n, s) => n + s.steps.filter((x) => x.scriptFile).length, 0);
  process.stdout.write(
    `PowerShell suite: ${scripts} generated scripts, ${summary.total} Pester tests, ${lines.checked} result lines checked by the kit's parser; ` +
      `prepare ${((prepared - started) / 1000).toFixed(1)} s, Pester ${((Date.now() - prepared) / 1000).toFixed(1)} s\n`,
  );
  process.stdout.write(`PowerShell: ${summary.passed + lines.checked - lines.failed} passed, ${failed} failed, ${summary.skipped} skipped\n`);
  process.exit(failed > 0 || r.status !== 0 ? 1 : 0);
}

/** The Pester files of each lane, balanced by their run time on the 2-core CI machine (Scripts ~280 s, Runs ~210 s). */
const PESTER_LANES = [
  { name: "a", filter: "Scripts,Packages,Quoting,Tsql" },
  { name: "b", filter: "Runs,Syntax,Shapes,FakeWorld" },
];

/** Every Pester file's name without `.Tests.ps1`, as Invoke-Suite.ps1 finds them. */
function pesterFiles() {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else if (e.name.endsWith(".Tests.ps1")) found.push(e.name.slice(0, -".Tests.ps1".length));
    }
  };
  walk(__dirname);
  return found;
}

/** One Invoke-Suite.ps1 process; resolves with its exit code. Its output goes straight to ours. */
function runLane(lane, { work, pester, scriptDom }) {
  const args = ["tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", path.join(__dirname, "Invoke-Suite.ps1"), "-Work", work, "-Pester", pester, "-Filter", lane.filter, ...(lane.name ? ["-Lane", lane.name] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn("dotnet", args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, PCHATKIT_PESTER_WORK: work, PCHATKIT_SCRIPTDOM_DLL: scriptDom } });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** Every result line a script wrote, through the kit's own parser (the one gates and reports use). */
function checkResultLines(file) {
  const { parseResultLine } = require(path.join(ROOT, "dist", "migration-jobs", "runbook", "result.js"));
  if (!fs.existsSync(file)) return { checked: 0, failed: 0 };
  let checked = 0;
  let failed = 0;
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    const entry = JSON.parse(line);
    checked++;
    try {
      const result = parseResultLine(entry.output);
      if (Array.isArray(entry.expectStatus) && entry.expectStatus.length > 0 && !entry.expectStatus.includes(result.status)) throw new Error(`status ${result.status}, expected ${entry.expectStatus.join(" or ")}`);
    } catch (e) {
      failed++;
      process.stderr.write(`[-] result line of ${entry.test}: ${e.message}\n`);
    }
  }
  return { checked, failed };
}

main().catch((e) => {
  process.stderr.write(`PowerShell suite: ${e.stack ?? e}\n`);
  process.exit(1);
});
