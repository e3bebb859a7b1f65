/**
 * `pchat-kit plan --stack dr --json` as a user runs it (`node bin/pchat-kit.js ...`, stdout thrown
 * away): the offline plan of the largest shipped topology, a stretched pool across two sites, 150
 * resources. Each run is its own process, timed from its start to its exit, Node's start-up included.
 * Target: under 2 s and 400 MB on an idle machine. Prints figures, asserts nothing.
 *
 * RUNS timed runs (PLAN_BENCH_RUNS, default 5) give wall, CPU and peak RSS as min/median/max and, from
 * a probe preloaded into them (plan-probe.ts), module loading by who is loaded. RUNS more runs under
 * V8's CPU profiler (about a tenth slower) split each run's time into exclusive parts, from the stack
 * of every sample: module loading, serialising the dynamic providers (Pulumi's inspector session and
 * closure serialiser, for the restart Pause and the migration gates), garbage collection, the output
 * (plan document, JSON, the secrets gate), and the program (config, planning, resources and the
 * Pulumi SDK's registrations). Each part is the median over the profiled runs.
 *   node dist/bench/plan.bench.js
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Figure } from "./harness";
import type { LoadGroup, ProbeFigures } from "./plan-probe";

// Compiled to dist/bench: the project root is two folders up.
const projectRoot = path.resolve(__dirname, "..", "..");
const cli = path.join(projectRoot, "bin", "pchat-kit.js");
const probe = path.join(__dirname, "plan-probe.js");
const ARGS = ["plan", "--stack", "dr", "--json"];
const RUNS = Math.max(1, Number(process.env.PLAN_BENCH_RUNS ?? 5) || 5);

const PARTS = ["startup", "load", "serialise", "gc", "program", "output"] as const;
type Part = (typeof PARTS)[number];
const PART_NAMES: Record<Part, string> = {
  startup: "Node start-up and exit (outside the profile)",
  load: "module loading",
  serialise: "dynamic provider serialisation",
  gc: "garbage collection",
  program: "the program and the Pulumi SDK",
  output: "output (plan document, JSON, secrets gate)",
};
const GROUP_NAMES: Record<LoadGroup, string> = { pulumi: "Pulumi SDK", azureNative: "azure-native", kit: "the kit", packages: "the kit's packages" };

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function run(extra: string[], env: NodeJS.ProcessEnv): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...extra, cli, ...ARGS], { cwd: projectRoot, env, stdio: ["ignore", "ignore", "pipe"] });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`plan exited ${r.status}: ${r.stderr.toString()}`);
  return wallMs;
}

/** The part a sample belongs to, from the frames on its stack (leaf first). */
function partOf(frames: CpuProfile["nodes"][number]["callFrame"][]): Exclude<Part, "startup"> {
  const leaf = frames[0]!;
  if (leaf.functionName === "(garbage collector)") return "gc";
  // The closure serialiser and the inspector session it opens; not the loading of those modules.
  if (frames.some((f) => (f.url.includes("/runtime/closure/") && !(f.lineNumber === 0 && f.columnNumber === 0)) || f.url === "node:inspector")) return "serialise";
  if (frames.some((f) => f.functionName === "Module.require")) return "load";
  if (frames.some((f) => f.url.endsWith("/offline/plan-document.js")) || (frames.some((f) => f.functionName === "runPlan") && !frames.some((f) => f.functionName === "runOfflinePlan")))
    return "output";
  return "program";
}

function splitProfile(file: string): Record<Exclude<Part, "startup">, number> & { profiledMs: number } {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const partById = new Map<number, Exclude<Part, "startup">>();
  const parts = { load: 0, serialise: 0, gc: 0, program: 0, output: 0 };
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    let part = partById.get(id);
    if (!part) {
      const frames = [];
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) frames.push(byId.get(n)!.callFrame);
      part = partOf(frames);
      partById.set(id, part);
    }
    // A sample's time is the gap to the next one.
    parts[part] += (p.timeDeltas[i + 1] ?? 0) / 1000;
  }
  return { ...parts, profiledMs: (p.endTime - p.startTime) / 1000 };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: Math.round(s[0]!), median: Math.round(s[Math.floor((s.length - 1) / 2)]!), max: Math.round(s[s.length - 1]!) };
};
const median = (xs: number[]) => stats(xs).median;

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-bench-plan-"));
  try {
    const probeOut = path.join(tmp, "probe.jsonl");
    run([], process.env); // warm-up: file cache, not counted
    const walls: number[] = [];
    for (let i = 0; i < RUNS; i++) walls.push(run(["-r", probe], { ...process.env, PCHAT_BENCH_PROBE_OUT: probeOut }));
    const probes = fs.readFileSync(probeOut, "utf8").trim().split("\n").map((l) => JSON.parse(l) as ProbeFigures);

    const splits: Array<Record<Part, number>> = [];
    for (let i = 0; i < RUNS; i++) {
      const dir = path.join(tmp, `prof-${i}`);
      const wall = run(["--cpu-prof", "--cpu-prof-dir", dir], process.env);
      const s = splitProfile(path.join(dir, fs.readdirSync(dir)[0]!));
      splits.push({ startup: wall - s.profiledMs, load: s.load, serialise: s.serialise, gc: s.gc, program: s.program, output: s.output });
    }

    const wall = stats(walls);
    const cpu = stats(probes.map((p) => p.cpuMs));
    const rss = stats(probes.map((p) => p.peakRssMb));
    const loads = (Object.keys(GROUP_NAMES) as LoadGroup[]).map((g) => [g, median(probes.map((p) => p.loadMs[g]))] as const);
    const loadTotal = median(probes.map((p) => Object.values(p.loadMs).reduce((a, b) => a + b, 0)));
    const parts = PARTS.map((k) => [k, median(splits.map((s) => s[k]))] as const);
    const profiledWall = median(splits.map((s) => PARTS.reduce((a, k) => a + s[k], 0)));

    const lines = [
      `plan --stack dr --json, ${RUNS} runs (min / median / max), ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(2)}:`,
      `  wall ${wall.min} / ${wall.median} / ${wall.max} ms, CPU ${cpu.min} / ${cpu.median} / ${cpu.max} ms, peak RSS ${rss.min} / ${rss.median} / ${rss.max} MB`,
      `  module loading ${loadTotal} ms, ${median(probes.map((p) => p.modules))} modules: ${loads.map(([g, ms]) => `${GROUP_NAMES[g]} ${ms} ms`).join(", ")}; Node start-up ${median(probes.map((p) => p.startupMs))} ms`,
      `  split of the profiled runs (median ${profiledWall} ms each):`,
      ...parts.map(([k, ms]) => `    ${PART_NAMES[k].padEnd(46)} ${String(ms).padStart(5)} ms  ${Math.round((100 * ms) / profiledWall)
        .toString()
        .padStart(3)}%`),
    ];
    process.stderr.write(lines.join("\n") + "\n");
    const figure: Figure = {
      bench: "plan dr",
      wallMs: wall.median,
      peakRssMb: rss.median,
      wallMinMs: wall.min,
      wallMaxMs: wall.max,
      cpuMs: cpu.median,
      runs: RUNS,
      modules: median(probes.map((p) => p.modules)),
      loadMs: loadTotal,
      ...Object.fromEntries(loads.map(([g, ms]) => [`load${g.charAt(0).toUpperCase()}${g.slice(1)}Ms`, ms])),
      ...Object.fromEntries(parts.map(([k, ms]) => [`split${k.charAt(0).toUpperCase()}${k.slice(1)}Ms`, ms])),
    };
    process.stdout.write(JSON.stringify(figure) + "\n");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
