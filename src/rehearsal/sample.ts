/**
 * The rehearsal's default legacy data: the engine's synthetic Group Chat deployment, written once as a
 * snapshot under `<out>/.samples/<scale>-<seed>/` and reused by later runs. A reused snapshot is
 * checked in full (every file's rows, size and SHA-256) first: a damaged one is regenerated, never
 * analysed, because a rehearsal on silently truncated data would report the wrong counts.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { UserError, isUserError } from "../../migration-jobs/common/errors";
import { sampleSource, type SampleScale } from "../../migration-jobs/sample";
import { verifySnapshot, writeSnapshot } from "../../migration-jobs/snapshot";

/** The scales a rehearsal offers: `max` (150,000 users) belongs to `pchat-kit sample` and the benches. */
export const REHEARSAL_SCALES = ["small", "medium"] as const;
export type RehearsalScale = (typeof REHEARSAL_SCALES)[number] & SampleScale;

export interface PreparedSample {
  dir: string;
  scale: RehearsalScale;
  seed: number;
  /** `generated`: written by this run; `reused`: an earlier run's snapshot, verified. */
  status: "generated" | "reused";
  /** Why an existing snapshot was replaced (its first problem), or null. */
  replaced: string | null;
}

export function sampleDir(outRoot: string, scale: RehearsalScale, seed: number): string {
  return path.join(outRoot, ".samples", `${scale}-${seed}`);
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

/**
 * Returns a verified snapshot of the sample, generating it when missing or damaged.
 * Generation writes into a sibling `.partial-<pid>-<random>` folder renamed into place at the end, so an
 * interrupted run leaves no half snapshot where the next run looks.
 */
export async function prepareSample(outRoot: string, scale: RehearsalScale, seed: number, onProgress: (msg: string) => void = () => undefined): Promise<PreparedSample> {
  const dir = sampleDir(outRoot, scale, seed);
  let replaced: string | null = null;
  if (await exists(dir)) {
    try {
      await verifySnapshot(dir);
      return { dir, scale, seed, status: "reused", replaced: null };
    } catch (e) {
      if (!isUserError(e)) throw e;
      // Snapshot problems name files of the kit's own cache, never a secret.
      replaced = e.message.split("\n")[0] ?? "damaged";
      onProgress(`the cached sample in ${dir} is damaged (${replaced}): generating it again`);
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
  const partial = `${dir}.partial-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await fs.mkdir(path.dirname(dir), { recursive: true });
  } catch (e) {
    throw new UserError("--out", `cannot create ${path.dirname(dir)} (${(e as NodeJS.ErrnoException).code ?? "error"})`, "give --out a folder you can write to (it is created if missing)");
  }
  onProgress(`generating the ${scale} sample (seed ${seed}) into ${dir}`);
  try {
    await writeSnapshot(sampleSource({ scale, seed }), partial);
  } catch (e) {
    await fs.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  }
  try {
    await fs.rename(partial, dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    await fs.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    // Another rehearsal on the same folder finished first: the same seed gives the same bytes, use its copy.
    if (code !== "ENOTEMPTY" && code !== "EEXIST") throw e;
    await verifySnapshot(dir);
    return { dir, scale, seed, status: "reused", replaced };
  }
  return { dir, scale, seed, status: "generated", replaced };
}
