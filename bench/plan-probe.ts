/**
 * Preloaded by plan.bench (`node -r dist/bench/plan-probe.js bin/pchat-kit.js plan ...`) into each
 * timed run of the command line. It imports nothing of the kit, so the command loads exactly what it
 * loads without it. At exit it writes one JSON line to the file named by PCHAT_BENCH_PROBE_OUT:
 * Node's start-up (process start to this module), the whole run, CPU, peak RSS, and module loading
 * (reading, compiling and running each module's top level) by who is loaded: the Pulumi SDK with the
 * packages it loads, azure-native's sub-modules, the kit's own modules, and the packages the kit
 * loads (zod, yaml, commander, ...).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Module = require("node:module");

export type LoadGroup = "pulumi" | "azureNative" | "kit" | "packages";

export interface ProbeFigures {
  startupMs: number;
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  modules: number;
  loadMs: Record<LoadGroup, number>;
}

const NM = `${path.sep}node_modules${path.sep}`;

/** Whose module a file is; null for a package, which counts with whoever loads it. */
function groupOf(file: string): Exclude<LoadGroup, "packages"> | null {
  if (file.includes(`${NM}@pulumi${path.sep}pulumi${path.sep}`)) return "pulumi";
  if (file.includes(`${NM}@pulumi${path.sep}azure-native${path.sep}`)) return "azureNative";
  return file.includes(NM) ? null : "kit";
}

const out = process.env.PCHAT_BENCH_PROBE_OUT;
if (out) {
  const startupMs = performance.now();
  const loadMs: Record<LoadGroup, number> = { pulumi: 0, azureNative: 0, kit: 0, packages: 0 };
  let modules = 0;
  // Each module's own time (its nested loads subtracted), charged to the nearest owner on the stack.
  const stack: Array<{ group: LoadGroup; start: number; nested: number }> = [];
  const proto = (Module as unknown as { prototype: { load(this: { id: string }, filename: string): void } }).prototype;
  const load = proto.load;
  proto.load = function (this: { id: string }, filename: string) {
    // The entry script's own time is the command running, not loading: its nested loads still count.
    if (this.id === ".") return load.call(this, filename);
    const own = groupOf(filename);
    const enclosing = stack[stack.length - 1]?.group;
    const group: LoadGroup = own ?? (enclosing === "pulumi" || enclosing === "azureNative" ? enclosing : "packages");
    const frame = { group, start: performance.now(), nested: 0 };
    stack.push(frame);
    modules++;
    try {
      return load.call(this, filename);
    } finally {
      stack.pop();
      const total = performance.now() - frame.start;
      loadMs[group] += total - frame.nested;
      const parent = stack[stack.length - 1];
      if (parent) parent.nested += total;
    }
  };
  process.on("exit", () => {
    const cpu = process.cpuUsage();
    const figures: ProbeFigures = {
      startupMs: Math.round(startupMs),
      wallMs: Math.round(performance.now()),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      modules,
      loadMs: Object.fromEntries(Object.entries(loadMs).map(([k, v]) => [k, Math.round(v)])) as Record<LoadGroup, number>,
    };
    fs.appendFileSync(out, JSON.stringify(figures) + "\n");
  });
}
