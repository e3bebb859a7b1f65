/**
 * Wall time, CPU and peak memory of `pchat-kit rehearse --stack lab`: on a fresh output folder (the
 * sample generated, included in the window) and again on the same folder (the sample reused after a
 * full checksum verification). Module loading (Pulumi, azure-native, the program) is inside the
 * window. The offline plan runs once per process, so each measurement is its own child process.
 * Target: under a minute on two cores. Prints figures, asserts nothing.
 *   node dist/bench/rehearse.bench.js            # small and medium
 *   node dist/bench/rehearse.bench.js small      # one scale
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { measure } from "./harness";

// Compiled to dist/bench: the project root is two folders up.
const projectRoot = path.resolve(__dirname, "..", "..");

async function child(label: string, scale: "small" | "medium", out: string): Promise<void> {
  await measure(`rehearse lab ${scale} ${label}`, async () => {
    const cpu = process.cpuUsage();
    const { rehearse } = require("../src/rehearsal") as typeof import("../src/rehearsal");
    const s = await rehearse({ stack: "lab", scale, seed: 1, out, projectRoot });
    const used = process.cpuUsage(cpu);
    return {
      cpuMs: Math.round((used.user + used.system) / 1000),
      sample: s.legacy.kind === "sample" ? s.legacy.status : s.legacy.kind,
      resources: s.plan.resources,
      findings: s.readiness.errors + s.readiness.warnings + s.readiness.infos,
      steps: s.runbook.steps,
      gateWouldBlock: s.readiness.gateWouldBlock,
    };
  });
}

function parent(scales: Array<"small" | "medium">): void {
  for (const scale of scales) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), `pchat-bench-rehearse-${scale}-`));
    try {
      for (const label of ["fresh", "reused"]) {
        const r = spawnSync(process.execPath, [__filename, "--child", label, scale, out], { stdio: ["ignore", "inherit", "inherit"] });
        if (r.status !== 0) process.stderr.write(`rehearse ${scale} ${label} failed (exit ${r.status})\n`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  void child(args[1]!, args[2] as "small" | "medium", args[3]!);
} else {
  const all: Array<"small" | "medium"> = ["small", "medium"];
  parent(all.filter((s) => args[0] === undefined || s === args[0]));
}
