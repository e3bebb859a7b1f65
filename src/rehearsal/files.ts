/**
 * Writing the rehearsal's files. Everything goes through one writer that removes connection-string
 * passwords and every secret value the offline plan saw, as the last line of defence: the plan masks
 * secrets already and the runbook names protected parameters only, but a file that leaves this
 * machine must not depend on every producer getting that right.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { UserError } from "../../migration-jobs/common/errors";
import { type ReportDoc, renderHtml, renderMarkdown } from "../../migration-jobs/common/report";
import { redactConnectionString, redactValues } from "../../migration-jobs/common/secrets";
import { isSecretValue, type RecordedResource } from "../offline/recorder";
import type { ReportPaths } from "./summary";

/** Every string held in a secret input of the recorded program (passwords, SAS URLs, keys). */
export function secretValuesOf(recorded: RecordedResource[]): string[] {
  const found = new Set<string>();
  const visit = (v: unknown, inSecret: boolean): void => {
    if (isSecretValue(v)) return visit(v.value, true);
    if (typeof v === "string") {
      // Short strings ("1", "true") would shred ordinary text and are not credentials anyway.
      if (inSecret && v.length >= 6) found.add(v);
      return;
    }
    if (Array.isArray(v)) for (const x of v) visit(x, inSecret);
    else if (v && typeof v === "object") for (const x of Object.values(v)) visit(x, inSecret);
  };
  for (const r of recorded) visit(r.inputs, false);
  return [...found];
}

export class RehearsalWriter {
  constructor(private readonly secrets: readonly string[]) {}

  /** The text as it may be shown or written: no connection-string password, no known secret. */
  clean(text: string): string {
    // Both redactions only ever match text holding "=" or "://", or a known value: most strings of a
    // large analysis (room and principal names) skip them, which keeps writing its JSON cheap.
    const redacted = text.includes("=") || text.includes("://") ? redactConnectionString(text) : text;
    return this.secrets.some((s) => redacted.includes(s)) ? redactValues(redacted, this.secrets) : redacted;
  }

  async text(file: string, content: string): Promise<string> {
    await this.write(file, this.clean(content));
    return file;
  }

  /** A folder that cannot be written is the user's to fix (permissions, a file in the way), not a crash. */
  private async write(file: string, content: string): Promise<void> {
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined) throw e;
      throw new UserError("--out", `cannot write ${file} (${code})`, "give --out a folder you can write to (it is created if missing)");
    }
  }

  /** `value` as JSON with each string cleaned (not the JSON text, which redaction could unbalance). */
  jsonText(value: unknown, indent?: number): string {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? this.clean(v) : v), indent);
  }

  async json(file: string, value: unknown): Promise<string> {
    await this.write(file, this.jsonText(value, 2) + "\n");
    return file;
  }

  /** `<base>.md`, `<base>.html`, `<base>.json`, as common/report's writeReports lays them out. */
  async report(doc: ReportDoc, json: unknown, dir: string, base: string): Promise<ReportPaths> {
    return {
      markdown: await this.text(path.join(dir, `${base}.md`), renderMarkdown(doc) + "\n"),
      html: await this.text(path.join(dir, `${base}.html`), renderHtml(doc) + "\n"),
      json: await this.json(path.join(dir, `${base}.json`), json),
    };
  }
}
