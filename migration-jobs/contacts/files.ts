/**
 * The contacts job's files on disk: `.reg` exports read from a folder, and the import files, reports
 * and step scripts written into one. The job itself (planContacts) only sees a RegSource and a
 * ContactSink, so the command line (`contacts plan --reg-dir --out`), the migration plan of
 * `pulumi up` and the rehearsal all read and write through these two.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../common/errors";
import { writeFileAtomic } from "../common/files";
import { redact } from "../common/secrets";
import type { ContactArtifact, ContactSink } from "./index";
import type { RegSource } from "./plan";

/**
 * Every `.reg` file under `dir` (recursively: collections often keep one folder per machine).
 * @param option what the user gave the folder as, named in the errors. @default "--reg-dir"
 */
export function folderRegSource(dir: string, option = "--reg-dir"): RegSource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new UserError(dir, `the ${option} folder does not exist`, "Pass the folder that holds the collected .reg exports.");
  }
  if (!stat.isDirectory()) throw new UserError(dir, `${option} is a file, not a folder`, "Pass the folder that holds the collected .reg exports.");
  const names: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && /\.reg$/i.test(e.name)) names.push(r);
    }
  };
  walk("");
  if (names.length === 0) throw new UserError(dir, "the folder holds no .reg files", "Collect one regedit export per user and machine into this folder.");
  return {
    files: () => names,
    read: (f) => {
      try {
        return fs.readFileSync(path.join(dir, f));
      } catch (e) {
        throw new UserError(path.join(dir, f), `cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`, "Check the file's permissions, or remove it from the folder.");
      }
    },
  };
}

/**
 * Writes artifacts under `out`, creating folders as needed. Text passes the secrets gate; each file is
 * written whole or not at all (a temporary name renamed into place), so a failure leaves no partial file.
 */
export function folderSink(out: string): ContactSink {
  return {
    async write(artifacts: ContactArtifact[]) {
      for (const a of artifacts) {
        const target = path.join(out, ...a.path.split("/"));
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await writeFileAtomic(target, typeof a.content === "string" ? redact(a.content) : a.content);
      }
    },
  };
}
