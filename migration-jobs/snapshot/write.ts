/**
 * Taking a snapshot: every entity of an InventorySource streamed to its own NDJSON file, hashed on the
 * way, then the manifest last. Only the current write buffer is ever in memory, whatever the size of
 * the deployment.
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { ENTITIES, EntityName, InventorySource, SourceInfo } from "../inventory/inventory";
import { UserError } from "../common/errors";
import { cannotWrite, writeFileAtomic } from "../common/files";
import { ensureFolder } from "../common/paths";
import { redact } from "../common/secrets";
import {
  EntityRecord,
  FORMAT_NAME,
  FORMAT_VERSION,
  MANIFEST_FILE,
  PARTIAL_SUFFIX,
  PROGRESS_FILE,
  SnapshotManifest,
  SnapshotProgress,
  entityFile,
  parseManifest,
  parseProgress,
  rowProblem,
  serializeRow,
} from "./format";
import { hashFile } from "./read";

export interface WriteSnapshotOptions {
  /** Keep the entities a previous, interrupted run completed (and that still verify); re-read the rest. */
  resume?: boolean;
  /** Called every PROGRESS_EVERY rows and once at the end of each entity, with the rows written so far. */
  onProgress?: (entity: EntityName, rows: number) => void;
}

const FLUSH_CHARS = 1 << 16;
const PROGRESS_EVERY = 50_000;

/** Writes `value` as JSON to `file` so that a reader sees either the old file or the whole new one. */
async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n");
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw cannotWrite(file, e, { fix: "remove what is in the way, or write the snapshot to another directory" });
  }
}

/**
 * Every name the writer creates in `dir` must be free for a file: a folder of that name (a manifest
 * that is a directory, say) is named before anything is written, not met as EISDIR half-way.
 */
async function checkTargets(dir: string): Promise<void> {
  const names = [MANIFEST_FILE, PROGRESS_FILE, ...ENTITIES.flatMap((e) => [entityFile(e), entityFile(e) + PARTIAL_SUFFIX])];
  for (const name of names) {
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat !== null && !stat.isFile()) {
      throw new UserError(path.join(dir, name), `is a ${stat.isDirectory() ? "folder" : "special file"} where the snapshot writes a file`, "remove it, or write the snapshot to another directory");
    }
  }
}

function sameSource(a: SourceInfo, b: SourceInfo): boolean {
  return a.kind === b.kind && a.database === b.database && a.server === b.server;
}

/**
 * The entities a previous run completed that are still intact on disk: recorded in the progress file
 * (or in a complete manifest), and whose file still has the recorded size and SHA-256.
 */
async function resumable(dir: string, info: SourceInfo, description: string): Promise<Partial<Record<EntityName, EntityRecord>>> {
  const retake = `remove ${dir} and take the snapshot again without --resume`;
  const progressPath = path.join(dir, PROGRESS_FILE);
  let recorded: Pick<SnapshotProgress, "source" | "entities"> | null = null;
  const progressText = await readIfExists(progressPath);
  if (progressText !== null) recorded = parseProgress(progressPath, progressText, retake);
  else {
    const manifestPath = path.join(dir, MANIFEST_FILE);
    const manifestText = await readIfExists(manifestPath);
    if (manifestText !== null) recorded = parseManifest(manifestPath, manifestText, retake);
  }
  if (recorded === null) return {};
  if (!sameSource(recorded.source, info)) {
    const was = `${recorded.source.kind} database ${recorded.source.database} on ${recorded.source.server ?? "(synthetic)"}`;
    throw new UserError(progressText !== null ? progressPath : path.join(dir, MANIFEST_FILE), `was taken from a ${was}, not from ${description}`, `resume only with the same source, or write to another directory`);
  }
  const kept: Partial<Record<EntityName, EntityRecord>> = {};
  for (const entity of ENTITIES) {
    const rec = recorded.entities[entity];
    if (!rec || rec.file !== entityFile(entity)) continue;
    const file = path.join(dir, rec.file);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat || stat.size !== rec.bytes) continue;
    if ((await hashFile(file)) === rec.sha256) kept[entity] = rec;
  }
  return kept;
}

async function writeEntity(source: InventorySource, entity: EntityName, dir: string, onProgress?: (entity: EntityName, rows: number) => void): Promise<EntityRecord> {
  const file = entityFile(entity);
  const partial = path.join(dir, file + PARTIAL_SUFFIX);
  const out = createWriteStream(partial, { flags: "w" });
  // Without a listener an 'error' would be thrown asynchronously; `once`/`finished` below report it.
  let failure: Error | null = null;
  out.on("error", (e) => (failure = e));
  const hash = createHash("sha256");
  let bytes = 0;
  let rows = 0;
  let pending = "";
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = Buffer.from(pending, "utf8");
    pending = "";
    hash.update(chunk);
    bytes += chunk.length;
    // Backpressure: a slow disk makes the reader of the source wait instead of filling memory.
    if (!out.write(chunk)) await once(out, "drain");
    if (failure) throw failure;
  };
  try {
    for await (const row of source.read(entity)) {
      const problem = rowProblem(entity, row);
      if (problem !== null) {
        throw new Error(`${source.description} produced a ${entity} row that ${problem} (row ${rows + 1}); the snapshot was not written`);
      }
      pending += serializeRow(entity, row);
      rows++;
      if (pending.length >= FLUSH_CHARS) await flush();
      if (onProgress && rows % PROGRESS_EVERY === 0) onProgress(entity, rows);
    }
    await flush();
    out.end();
    await finished(out);
  } catch (e) {
    out.destroy();
    // Nothing half-written stays behind: a resumed run reads this entity again from the start anyway.
    await fs.rm(partial, { force: true }).catch(() => undefined);
    throw e === failure || (e as NodeJS.ErrnoException).syscall !== undefined ? cannotWrite(partial, e) : e;
  }
  try {
    await fs.rename(partial, path.join(dir, file));
  } catch (e) {
    await fs.rm(partial, { force: true }).catch(() => undefined);
    throw cannotWrite(path.join(dir, file), e);
  }
  onProgress?.(entity, rows);
  return { file, rows, sha256: hash.digest("hex"), bytes };
}

/**
 * Writes every entity of `source` to `dir` (created if needed), then `manifest.json`. With `resume`,
 * entities a previous interrupted run completed and that still verify are kept.
 */
export async function writeSnapshot(source: InventorySource, dir: string, opts: WriteSnapshotOptions = {}): Promise<SnapshotManifest> {
  await ensureFolder(dir, dir, "give a directory to write the snapshot to (it is created if missing)");
  await checkTargets(dir);
  const info = await source.info();
  // Readers never put credentials in SourceInfo; a manifest outlives its source, so make sure of it.
  const source_: SourceInfo = { ...info, database: redact(info.database), server: info.server === null ? null : redact(info.server), schemaEvidence: info.schemaEvidence.map((e) => redact(e)) };
  const done = opts.resume ? await resumable(dir, source_, source.description) : {};
  // Until the last entity is written no manifest may claim the directory is a snapshot.
  await fs.rm(path.join(dir, MANIFEST_FILE), { force: true });
  const progressPath = path.join(dir, PROGRESS_FILE);
  const progress = (): SnapshotProgress => ({ format: FORMAT_NAME, formatVersion: FORMAT_VERSION, source: source_, entities: done });
  await writeJsonAtomic(progressPath, progress());
  for (const entity of ENTITIES) {
    const kept = done[entity];
    if (kept) {
      opts.onProgress?.(entity, kept.rows);
      continue;
    }
    done[entity] = await writeEntity(source, entity, dir, opts.onProgress);
    await writeJsonAtomic(progressPath, progress());
  }
  const manifest: SnapshotManifest = {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    source: source_,
    entities: done as Record<EntityName, EntityRecord>,
    createdAt: new Date().toISOString(),
    complete: true,
  };
  await writeJsonAtomic(path.join(dir, MANIFEST_FILE), manifest);
  await fs.rm(progressPath, { force: true });
  return manifest;
}
