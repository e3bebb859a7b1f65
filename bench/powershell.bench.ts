/**
 * Wall time of the PowerShell suite (test/powershell/run.js) as a whole process, and of each of its
 * Pester files alone: restore (pinned pwsh, Pester, ScriptDom), the kit's build, rendering every
 * script of every stack, strategy and contacts strategy, then Pester. Needs `dotnet`; without it the
 * bench says so and prints nothing. Prints figures, asserts nothing.
 *   node dist/bench/powershell.bench.js           # the whole suite, then each file
 *   node dist/bench/powershell.bench.js whole     # the whole suite only
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { measure } from "./harness";

// Compiled to dist/bench: the project root is two folders up.
const projectRoot = path.resolve(__dirname, "..", "..");
const runner = path.join(projectRoot, "test", "powershell", "run.js");
const FILES = ["Syntax", "Shapes", "Quoting", "Tsql", "Packages", "Scripts", "Runs", "FakeWorld"];

function run(filter: string, work: string): Record<string, string | number | boolean> {
  const args = [runner, "--work", work, ...(filter ? ["--filter", filter] : [])];
  const r = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const summary = /PowerShell suite: (\d+) generated scripts, (\d+) Pester tests, (\d+) result lines checked[^;]*; prepare ([\d.]+) s, Pester ([\d.]+) s/.exec(r.stdout ?? "");
  const closing = /PowerShell: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(r.stdout ?? "");
  return {
    exit: r.status ?? -1,
    scripts: Number(summary?.[1] ?? 0),
    pesterTests: Number(summary?.[2] ?? 0),
    resultLines: Number(summary?.[3] ?? 0),
    prepareS: Number(summary?.[4] ?? 0),
    pesterS: Number(summary?.[5] ?? 0),
    passed: Number(closing?.[1] ?? 0),
    failed: Number(closing?.[2] ?? 0),
  };
}

async function main(): Promise<void> {
  if (spawnSync("dotnet", ["--version"]).status !== 0) {
    process.stderr.write("powershell.bench: dotnet is not on PATH; nothing measured\n");
    return;
  }
  const only = process.argv[2];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-bench-powershell-"));
  try {
    await measure("powershell suite (whole)", async () => run("", work));
    if (only === "whole") return;
    for (const f of FILES) await measure(`powershell suite ${f}`, async () => run(f, work));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main();
