/**
 * Writing the rehearsal's files. Everything goes through one writer that passes it through the
 * secrets gate (`redact`), told every secret value the offline plan saw, as the last line of defence:
 * the plan masks secrets already and the runbook names protected parameters only, but a file that
 * leaves this machine must not depend on every producer getting that right. Each file is written
 * whole or not at all (a temporary name renamed into place).
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { UserError } from "../../migration-jobs/common/errors";
import { writeFileAtomic } from "../../migration-jobs/common/files";
import { type HtmlView, type ReportDoc, redactDoc, renderMarkdown, reportHtml } from "../../migration-jobs/common/report";
import { redact, redactJson, rememberSecret } from "../../migration-jobs/common/secrets";
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
  constructor(private readonly secrets: readonly string[]) {
    // What reaches stdout and stderr (the summary, errors) is hidden from then on too.
    for (const s of secrets) rememberSecret(s);
  }

  /** The text as it may be shown or written: no connection-string password, no known secret. */
  clean(text: string): string {
    return redact(text, this.secrets);
  }

  async text(file: string, content: string): Promise<string> {
    await this.write(file, this.clean(content));
    return file;
  }

  /** A folder that cannot be written is the user's to fix (permissions, a file in the way), not a crash. */
  private async write(file: string, content: string): Promise<void> {
    try {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, content);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined) throw e;
      throw new UserError("--out", `cannot write ${file} (${code})`, "give --out a folder you can write to (it is created if missing)");
    }
  }

  /** `value` as JSON with each string cleaned (not the JSON text, which redaction could unbalance). */
  jsonText(value: unknown, indent?: number): string {
    return redactJson(value, indent, this.secrets);
  }

  async json(file: string, value: unknown): Promise<string> {
    await this.write(file, this.jsonText(value, 2) + "\n");
    return file;
  }

  /** `<base>.md`, `<base>.html`, `<base>.json`, as common/report's writeReports lays them out. */
  async report<D>(doc: ReportDoc, json: unknown, dir: string, base: string, view?: HtmlView<D>): Promise<ReportPaths> {
    return {
      markdown: await this.text(path.join(dir, `${base}.md`), renderMarkdown(redactDoc(doc)) + "\n"),
      // The view's data is cleaned with this rehearsal's secrets too, before the renderer sees it.
      html: await this.text(path.join(dir, `${base}.html`), reportHtml(doc, view, this.secrets) + "\n"),
      json: await this.json(path.join(dir, `${base}.json`), json),
    };
  }
}
