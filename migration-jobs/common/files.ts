/**
 * Writing output files so that a failed command never leaves one half-written: each file is written
 * under a temporary name in its own folder (same file system, so the rename is atomic) and renamed
 * over the final name only once complete; on any failure the temporary file is removed. A reader
 * therefore sees the previous file or the whole new one, never a prefix.
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** `<dir>/.<name>.<pid>-<random>.tmp`: hidden, unique per writer, in the target's folder. */
export function temporaryName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`);
}

/** Writes `data` to `file` atomically (see above); the folder must exist. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = temporaryName(file);
  try {
    await fs.promises.writeFile(tmp, data, typeof data === "string" ? "utf8" : undefined);
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}

/**
 * A file written piece by piece through a synchronous descriptor (memory stays flat), renamed into
 * place by `commit()`; `abort()` (or any failure before commit) removes the temporary file.
 */
export class AtomicFileWriter {
  private readonly tmp: string;
  private fd: number | null;

  constructor(readonly file: string) {
    this.tmp = temporaryName(file);
    this.fd = fs.openSync(this.tmp, "w");
  }

  write(chunk: string): void {
    if (this.fd === null) throw new Error(`${this.file}: written after commit or abort`);
    fs.writeSync(this.fd, chunk);
  }

  commit(): void {
    if (this.fd === null) return;
    fs.closeSync(this.fd);
    this.fd = null;
    try {
      fs.renameSync(this.tmp, this.file);
    } catch (e) {
      fs.rmSync(this.tmp, { force: true });
      throw e;
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
