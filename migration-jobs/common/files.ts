/**
 * Writing output files so that a failed command never leaves one half-written: each file is written
 * under a temporary name in its own folder (same file system, so the rename is atomic) and renamed
 * over the final name only once complete; on any failure the temporary file is removed. A reader
 * therefore sees the previous file or the whole new one, never a prefix.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "./errors";

/** `<dir>/.<name>.<pid>-<random>.tmp`: hidden, unique per writer, in the target's folder. */
export function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

export interface WriteOptions {
  /** Names the problem when the file cannot be written (an option such as `--out`). @default the file */
  where?: string;
  /** @default "make sure the folder can be written and no folder of that name is in the way" */
  fix?: string;
}

/** A write that failed on the file system (a folder in the way, no space, no permission) as a UserError. */
export function cannotWrite(file: string, e: unknown, opts: WriteOptions = {}): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return e;
  const why = code === "EISDIR" || code === "ENOTEMPTY" || code === "EEXIST" ? ": a folder of that name is in the way" : code === "ENOTDIR" ? ": a file is in the way" : "";
  return new UserError(opts.where ?? file, `cannot write ${file} (${code}${why})`, opts.fix ?? "make sure the folder can be written and no folder of that name is in the way");
}

/** Writes `data` to `file` atomically (see above); the folder must exist. File-system failures are UserErrors. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: WriteOptions = {}): Promise<void> {
  const tmp = temporaryName(file);
  try {
    await fs.promises.writeFile(tmp, data, typeof data === "string" ? "utf8" : undefined);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw cannotWrite(file, e, opts);
  }
}

/**
 * A file written piece by piece through a synchronous descriptor (memory stays flat), renamed into
 * place by `commit()`; `abort()` (or any failure before commit) removes the temporary file.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private fd: number | null;

  constructor(
    readonly file: string,
    private readonly opts: WriteOptions = {},
  ) {
    this.tmp = temporaryName(file);
    try {
      this.fd = fs.openSync(this.tmp, "w");
    } catch (e) {
      throw cannotWrite(file, e, opts);
    }
  }

  write(chunk: string): void {
    if (this.fd === null) throw new Error(`${this.file}: written after commit or abort`);
    try {
      fs.writeSync(this.fd, chunk);
    } catch (e) {
      this.abort();
      throw cannotWrite(this.file, e, this.opts);
    }
  }

  commit(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
    try {
      fs.renameSync(this.tmp, this.file);
    } catch (e) {
      fs.rmSync(this.tmp, { force: true });
      throw cannotWrite(this.file, e, this.opts);
    }
  }

  abort(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
    fs.rmSync(this.tmp, { force: true });
  }
}
