/**
 * Reading a snapshot back as an InventorySource. The manifest and the files' presence and sizes are
 * checked when the snapshot is opened; the content of each file is checked while it streams (every line
 * parsed and shape-checked, the bytes hashed and the rows counted), so a bad snapshot is refused by
 * name without ever being read twice or held in memory.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { ENTITIES, EntityName, EntityTypes, InventorySource, SourceInfo } from "../inventory/inventory";
import { UserError, UserErrors } from "../common/errors";
import { MANIFEST_FILE, PROGRESS_FILE, SnapshotManifest, parseManifest, rowProblem } from "./format";

const READ_CHUNK = 1 << 20;

function retakeFix(dir: string): string {
  return `take the snapshot again into ${dir} (pchat-kit snapshot, or pchat-kit sample for a synthetic one)`;
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Reads and checks `manifest.json` and that every entity file exists with its recorded size. */
async function openManifest(dir: string): Promise<SnapshotManifest> {
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const fix = retakeFix(dir);
  const manifestStat = await fs.stat(manifestPath).catch(() => null);
  if (manifestStat !== null && !manifestStat.isFile()) throw new UserError(manifestPath, `is a ${manifestStat.isDirectory() ? "folder" : "special file"}, not the snapshot's manifest file`, fix);
  let text: string;
  try {
    text = await fs.readFile(manifestPath, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw e;
    const dirExists = await fs.stat(dir).then((s) => s.isDirectory()).catch(() => false);
    if (!dirExists) throw new UserError(dir, "does not exist or is not a directory", "give the directory a snapshot was written to");
    const interrupted = await fs.stat(path.join(dir, PROGRESS_FILE)).then(() => true).catch(() => false);
    if (interrupted) {
      throw new UserError(manifestPath, "is missing: the snapshot was interrupted before it completed (progress.json is still there)", `finish it with --resume, or ${fix}`);
    }
    throw new UserError(manifestPath, "is missing: this directory holds no snapshot", `point at a snapshot directory, or ${fix}`);
  }
  const manifest = parseManifest(manifestPath, text, fix);
  if (!manifest.complete) throw new UserError(manifestPath, "says the snapshot is incomplete", `finish it with --resume, or ${fix}`);
  for (const entity of ENTITIES) {
    const rec = manifest.entities[entity];
    const file = path.join(dir, rec.file);
    const stat = await fs.stat(file).catch(() => null);
    if (!stat) throw new UserError(file, `is missing (the ${entity} of the snapshot)`, fix);
    if (!stat.isFile()) throw new UserError(file, `is a ${stat.isDirectory() ? "folder" : "special file"}, not the ${entity} file of the snapshot`, fix);
    if (stat.size !== rec.bytes) {
      const how = stat.size < rec.bytes ? "truncated" : "altered";
      throw new UserError(file, `has ${stat.size} bytes where the manifest records ${rec.bytes}: the file was ${how}`, fix);
    }
  }
  return manifest;
}

/**
 * Streams the rows of one entity file, refusing (by file, and line where there is one) a line that is
 * not JSON or not of the entity's shape, and at the end a size, row count or SHA-256 that differs from
 * the manifest.
 */
async function* streamEntity<E extends EntityName>(dir: string, manifest: SnapshotManifest, entity: E): AsyncGenerator<EntityTypes[E]> {
  const rec = manifest.entities[entity];
  const file = path.join(dir, rec.file);
  const fix = retakeFix(dir);
  const hash = createHash("sha256");
  const decoder = new StringDecoder("utf8");
  let bytes = 0;
  let line = 0;
  let carry = "";
  const parse = (text: string): EntityTypes[E] => {
    line++;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      throw new UserError(`${file}:${line}`, `is not valid JSON (${JSON.stringify(text.slice(0, 80))})`, fix);
    }
    const problem = rowProblem(entity, row);
    if (problem !== null) throw new UserError(`${file}:${line}`, `is not a ${entity} row: it ${problem}`, fix);
    return row as EntityTypes[E];
  };
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
    const buf = chunk as Buffer;
    hash.update(buf);
    bytes += buf.length;
    const text = carry + decoder.write(buf);
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf("\n", start)) !== -1) {
      yield parse(text.slice(start, nl));
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  carry += decoder.end();
  const sha256 = hash.digest("hex");
  if (bytes !== rec.bytes || sha256 !== rec.sha256) {
    throw new UserError(file, `does not match the manifest (${bytes} bytes, SHA-256 ${sha256.slice(0, 12)}…; recorded ${rec.bytes} bytes, ${rec.sha256.slice(0, 12)}…): the file is truncated or corrupted`, fix);
  }
  if (carry.length > 0) throw new UserError(`${file}:${line + 1}`, "is not terminated by a newline: the file is truncated", fix);
  if (line !== rec.rows) throw new UserError(file, `holds ${line} rows where the manifest records ${rec.rows}`, fix);
}

class SnapshotSource implements InventorySource {
  readonly description: string;
  constructor(
    private readonly dir: string,
    readonly manifest: SnapshotManifest,
  ) {
    this.description = `snapshot ${dir}`;
  }
  async info(): Promise<SourceInfo> {
    return this.manifest.source;
  }
  read<E extends EntityName>(entity: E): AsyncIterable<EntityTypes[E]> {
    return streamEntity(this.dir, this.manifest, entity);
  }
  async close(): Promise<void> {}
}

/** The snapshot in `dir` as an InventorySource; refuses a missing, foreign, incompatible or incomplete one. */
export async function openSnapshot(dir: string): Promise<InventorySource & { readonly manifest: SnapshotManifest }> {
  const manifest = await openManifest(dir);
  return new SnapshotSource(dir, manifest);
}

/**
 * Checks everything up front: the manifest, then every file's lines, row count, size and SHA-256.
 * Reports the problem of each bad file at once (UserErrors), so one run lists every file to fix.
 */
export async function verifySnapshot(dir: string): Promise<SnapshotManifest> {
  const manifest = await openManifest(dir);
  const problems: UserError[] = [];
  for (const entity of ENTITIES) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      for await (const _row of streamEntity(dir, manifest, entity)) {
        /* streaming checks every row */
      }
    } catch (e) {
      if (e instanceof UserError) problems.push(e);
      else throw e;
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
  return manifest;
}
