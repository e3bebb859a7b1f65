/**
 * `analyze` of the `max` sample (Microsoft's capacity model: 33,077 rooms, 150,000 users, 2,000,000
 * ACEs, 1,000,000 invitations, >= 10 million messages as ~1 million day rows) from its snapshot.
 * Figures, each from its own process so that peak RSS is its own:
 *   floor       merely stream-parsing every entity of the snapshot (openSnapshot, checksums included)
 *   analyze     the readiness analysis of the snapshot, cutoff SAMPLE_CUTOFF
 *   analyze-x10 the same with ten times the messages: every MessageDay row is streamed ten times
 *               (as ten times the active days would), to show memory does not grow with messages
 *   cli-json    `analyze --json` end to end, through the command line's runner and its secrets gate (the
 *               JSON document is serialised and counted, not kept)
 * Targets: analyze <= 2x the floor's wall time, <= 1.5 GB, and x10 peak RSS about equal.
 * Run: npm run build && node dist/bench/analyze.bench.js [mode]
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { measure } from "./harness";
import { ENTITIES, type EntityName, type EntityTypes, type InventorySource } from "../migration-jobs/inventory/inventory";
import { openSnapshot, writeSnapshot } from "../migration-jobs/snapshot";
import { sampleSource, SAMPLE_CUTOFF } from "../migration-jobs/sample";
import { analyze } from "../migration-jobs/analysis";

const SEED = 1;
const DIR = path.join(__dirname, "..", "..", "bench", ".data", `max-${SEED}`);
const MODES = ["floor", "analyze", "analyze-x10", "cli-json"] as const;
type Mode = (typeof MODES)[number];

/** Replays every MessageDay row `times` times: ten times the messages, the same snapshot. */
function moreMessages(src: InventorySource, times: number): InventorySource {
  return {
    description: `${src.description} (messages x${times})`,
    info: () => src.info(),
    close: () => src.close(),
    read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
      if (entity !== "messageDays") return src.read(entity);
      return (async function* () {
        for await (const row of src.read("messageDays")) for (let i = 0; i < times; i++) yield row as EntityTypes[E];
      })();
    },
  };
}

async function run(mode: Mode): Promise<void> {
  if (mode === "floor") {
    await measure("analyze: floor (stream-parse max snapshot)", async () => {
      const src = await openSnapshot(DIR);
      let rows = 0;
      for (const e of ENTITIES) for await (const _ of src.read(e)) rows++;
      await src.close();
      return { rows };
    });
    return;
  }
  if (mode === "cli-json") {
    // Loaded here, before the clock starts, as the other modes never load the command line.
    const { runCli } = require("../src/cli/main") as typeof import("../src/cli/main");
    await measure("analyze: cli --json (max)", async () => {
      let bytes = 0;
      const io = { interactive: false, stdout: (t: string) => void (bytes += Buffer.byteLength(t)), stderr: () => {} };
      const code = await runCli(["analyze", "--legacy", DIR, "--cutoff", SAMPLE_CUTOFF, "--json"], io);
      return { exitCode: code, jsonBytes: bytes };
    });
    return;
  }
  const times = mode === "analyze-x10" ? 10 : 1;
  await measure(`analyze: max${times > 1 ? ` messages x${times}` : ""}`, async () => {
    const src = moreMessages(await openSnapshot(DIR), times);
    const r = await analyze(src, { cutoff: SAMPLE_CUTOFF });
    await src.close();
    return {
      rooms: r.counts.after.rooms,
      messages: r.counts.before.messages,
      findings: r.findings.length,
      aces: r.counts.after.accessControlEntries,
    };
  });
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode | undefined;
  if (mode) {
    if (!MODES.includes(mode)) throw new Error(`mode must be one of ${MODES.join(", ")}`);
    await run(mode);
    return;
  }
  if (!existsSync(path.join(DIR, "manifest.json"))) {
    await measure("analyze: generate max sample snapshot", async () => {
      const m = await writeSnapshot(sampleSource({ scale: "max", seed: SEED }), DIR, { resume: true });
      return { messageDays: m.entities.messageDays.rows };
    });
  }
  for (const m of MODES) {
    const r = spawnSync(process.execPath, ["--expose-gc", __filename, m], { stdio: "inherit" });
    if (r.status !== 0) process.stderr.write(`mode ${m} failed (${r.status})\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
