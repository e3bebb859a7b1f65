/**
 * File and folder options, checked before a command does any work: a folder where a file is expected
 * (or a file where a folder is expected) is the user's mistake, reported with exit 2 naming the option
 * and the path, never an unexpected error (EISDIR, ENOTDIR) after minutes of work. Paths are named in
 * messages: runCli refuses an option value that holds a password before any command sees it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "./errors";

type Kind = "file" | "folder" | "other" | null;

function kindOf(p: string): Kind {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null;
    throw new UserError(p, `cannot be examined (${code ?? "error"})`, "check the path and its permissions");
  }
  return st.isDirectory() ? "folder" : st.isFile() ? "file" : "other";
}

/** The nearest existing ancestor of `p` (its folder, or that folder's, ...), and what it is. */
function nearestExisting(p: string): { at: string; kind: Exclude<Kind, null> } {
  let at = path.resolve(p);
  for (;;) {
    const kind = kindOf(at);
    if (kind !== null) return { at, kind };
    const up = path.dirname(at);
    if (up === at) return { at, kind: "folder" };
    at = up;
  }
}

function notEmpty(where: string, p: string, fix: string): void {
  if (p.trim() === "") throw new UserError(where, "is empty", fix);
}

/** An existing file to read: not missing, not a folder. `what` names it, e.g. "a user map CSV". */
export function inputFile(where: string, p: string, what: string, fix: string): void {
  notEmpty(where, p, fix);
  const kind = kindOf(p);
  if (kind === null) throw new UserError(where, `${p} does not exist`, fix);
  if (kind === "folder") throw new UserError(where, `${p} is a folder, not ${what}`, fix);
  if (kind !== "file") throw new UserError(where, `${p} is not a regular file (${what} is expected)`, fix);
}

/** An existing folder to read: not missing, not a file. */
export function inputFolder(where: string, p: string, what: string, fix: string): void {
  notEmpty(where, p, fix);
  const kind = kindOf(p);
  if (kind === null) throw new UserError(where, `${p} does not exist`, fix);
  if (kind !== "folder") throw new UserError(where, `${p} is a file, not ${what}`, fix);
}

/** A folder to write into: it is a folder, or it can be created (no file stands where a folder must be). */
export function outputFolder(where: string, p: string, fix: string): void {
  notEmpty(where, p, fix);
  const kind = kindOf(p);
  if (kind === "folder") return;
  if (kind !== null) throw new UserError(where, `${p} is a file, not a folder`, fix);
  const up = nearestExisting(path.dirname(path.resolve(p)));
  if (up.kind !== "folder") throw new UserError(where, `${up.at} is a file, so the folder ${p} cannot be created in it`, fix);
}

/** A file to write: not a folder, and its folder is one or can be created. */
export function outputFile(where: string, p: string, fix: string): void {
  notEmpty(where, p, fix);
  const kind = kindOf(p);
  if (kind === "folder") throw new UserError(where, `${p} is a folder, not a file`, fix);
  if (kind === "other") throw new UserError(where, `${p} is not a regular file`, fix);
  const up = nearestExisting(path.dirname(path.resolve(p)));
  if (up.kind !== "folder") throw new UserError(where, `${up.at} is a file, so ${p} cannot be created in it`, fix);
}

/** `mkdir -p`, with a failure (a file in the way, no permission) reported as the user's to fix. */
export async function ensureFolder(where: string, p: string, fix: string): Promise<void> {
  try {
    await fs.promises.mkdir(p, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new UserError(where, `cannot create the folder ${p} (${code}${code === "EEXIST" || code === "ENOTDIR" ? ": a file is in the way" : ""})`, fix);
  }
}
