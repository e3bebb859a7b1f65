/**
 * The snapshot floor: merely stream-parsing every entity of the `max` sample snapshot (JSON parse,
 * shape check, SHA-256 and row count of every file), which is what any command reading a snapshot
 * pays at least. The analysis bench compares itself to this figure.
 *
 * The snapshot (Microsoft's capacity model, seed 1) is generated once into bench/.data/max-1 and
 * reused; generating it is measured too, in its own process, as is each figure, so that peak RSS is
 * that of one job:
 *   generate   sampleSource("max") -> writeSnapshot: wall time, peak RSS, bytes on disk
 *   parse      openSnapshot + every row of every entity
 *   generate-scratch   the same into a scratch directory (removed after), when max-1 already exists;
 *              also reports whether it is byte-identical to the kept one
 * Run: npm run build && node dist/bench/snapshot-parse.bench.js [generate|generate-scratch|parse]
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { measure } from "./harness";
import { ENTITIES } from "../migration-jobs/inventory/inventory";
import { openSnapshot, writeSnapshot } from "../migration-jobs/snapshot";
import { sampleSource } from "../migration-jobs/sample";

const SEED = 1;
const DIR = path.join(__dirname, "..", "..", "bench", ".data", `max-${SEED}`);

function snapshotBytes(): number {
  return fs.readdirSync(DIR).reduce((a, f) => a + fs.statSync(path.join(DIR, f)).size, 0);
}

/**
 * Generates the max sample into `dir`. `scratch`: into a throw-away directory next to DIR, to measure
 * generation when DIR is already there, and to check it is byte-identical to DIR (determinism at scale).
 */
async function generate(scratch: boolean): Promise<void> {
  const dir = scratch ? `${DIR}.scratch` : DIR;
  await measure("snapshot: generate max sample", async () => {
    const m = await writeSnapshot(sampleSource({ scale: "max", seed: SEED }), dir);
    const rows = ENTITIES.reduce((a, e) => a + m.entities[e].rows, 0);
    const bytes = ENTITIES.reduce((a, e) => a + m.entities[e].bytes, 0);
    const cpu = process.cpuUsage();
    const extra: Record<string, number | boolean> = { cpuMs: Math.round((cpu.user + cpu.system) / 1000), rows, snapshotMb: Math.round(bytes / 1e6) };
    if (scratch) {
      const kept = JSON.parse(fs.readFileSync(path.join(DIR, "manifest.json"), "utf8")) as { entities: Record<string, { sha256: string }> };
      extra.identicalToKept = ENTITIES.every((e) => kept.entities[e]?.sha256 === m.entities[e].sha256);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return extra;
  });
}

async function parse(): Promise<void> {
  await measure("snapshot: stream-parse max (floor)", async () => {
    const src = await openSnapshot(DIR);
    const perEntity: Record<string, number> = {};
    let rows = 0;
    for (const e of ENTITIES) {
      let n = 0;
      for await (const _ of src.read(e)) n++;
      perEntity[e] = n;
      rows += n;
    }
    await src.close();
    // The machine is shared: CPU time shows the work when other jobs stretch the wall time.
    return { cpuMs: Math.round(process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000), rows, snapshotMb: Math.round(snapshotBytes() / 1e6), messageDays: perEntity.messageDays ?? 0, roleAssignments: perEntity.roleAssignments ?? 0 };
  });
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode === "generate") return generate(false);
  if (mode === "generate-scratch") return generate(true);
  if (mode === "parse") return parse();
  const self = (m: string) => spawnSync(process.execPath, [__filename, m], { stdio: "inherit" }).status;
  if (!fs.existsSync(path.join(DIR, "manifest.json"))) {
    if (self("generate") !== 0) process.exit(1);
  } else process.stderr.write(`reusing ${DIR} (delete it to measure generation)\n`);
  if (self("parse") !== 0) process.exit(1);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
