/**
 * Reports for people: a small document model (title, summary lines, sections of paragraphs, tables
 * and finding lists) rendered to Markdown and to standalone HTML, written next to the JSON that
 * machines read. Used by analyze, verify, the runbook and the contacts planner.
 * Every value is escaped for its format (a room called `<script>` or `a|b` stays text), and the
 * document's every string, the rendered text and the JSON go through the secrets gate (`redact`).
 */
import * as path from "node:path";
import { writeFileAtomic } from "./files";
import { ensureFolder } from "./paths";
import type { Finding } from "./finding";
import { redact, redactJson } from "./secrets";
import { escapeHtml } from "./html";

export { escapeHtml };

export type Cell = string | number | boolean | null;

export interface ReportTable {
  columns: string[];
  rows: Cell[][];
  /** Shown under the table, e.g. "first 1,000 of 33,077 rooms; the JSON has them all". */
  note?: string;
}

/** A finding as a report lists it: the one Finding of every job (finding.ts). */
export type ReportFinding = Finding;

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  tables?: ReportTable[];
  findings?: ReportFinding[];
}

export interface ReportDoc {
  title: string;
  summary: string[];
  sections: ReportSection[];
}

// ---------- Markdown ----------

/** Escapes Markdown inline syntax so values render as typed. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => "\\" + c).replace(/\r?\n/g, " ");
}

function mdCell(c: Cell): string {
  return c === null ? "" : escapeMarkdown(String(c));
}

export function renderMarkdown(doc: ReportDoc): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ""];
  for (const s of doc.summary) out.push(`- ${escapeMarkdown(s)}`);
  if (doc.summary.length) out.push("");
  for (const sec of doc.sections) {
    out.push(`## ${escapeMarkdown(sec.heading)}`, "");
    for (const p of sec.paragraphs ?? []) out.push(escapeMarkdown(p), "");
    for (const t of sec.tables ?? []) {
      out.push(`| ${t.columns.map(escapeMarkdown).join(" | ")} |`, `| ${t.columns.map(() => "---").join(" | ")} |`);
      for (const r of t.rows) out.push(`| ${r.map(mdCell).join(" | ")} |`);
      out.push("");
      if (t.note) out.push(`_${escapeMarkdown(t.note)}_`, "");
    }
    if (sec.findings) {
      if (sec.findings.length === 0) out.push("No findings.", "");
      for (const f of sec.findings)
        out.push(`- **${f.severity.toUpperCase()}** \`${f.code}\` ${escapeMarkdown(f.subject)}: ${escapeMarkdown(f.message)}`, `  - fix: ${escapeMarkdown(f.fix)}`);
      if (sec.findings.length) out.push("");
    }
  }
  return out.join("\n");
}

// ---------- HTML ----------

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
.error{color:#a00}.warning{color:#a60}.info{color:#555}code{background:#f6f6f6;padding:0 .2rem}.note{color:#555;font-style:italic}`;

export function renderHtml(doc: ReportDoc): string {
  const e = escapeHtml;
  const out: string[] = [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8"/><title>${e(doc.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${e(doc.title)}</h1>`,
  ];
  if (doc.summary.length) out.push("<ul>" + doc.summary.map((s) => `<li>${e(s)}</li>`).join("") + "</ul>");
  for (const sec of doc.sections) {
    out.push(`<h2>${e(sec.heading)}</h2>`);
    for (const p of sec.paragraphs ?? []) out.push(`<p>${e(p)}</p>`);
    for (const t of sec.tables ?? []) {
      out.push("<table><thead><tr>" + t.columns.map((c) => `<th>${e(c)}</th>`).join("") + "</tr></thead><tbody>");
      for (const r of t.rows) out.push("<tr>" + r.map((c) => `<td>${c === null ? "" : e(String(c))}</td>`).join("") + "</tr>");
      out.push("</tbody></table>");
      if (t.note) out.push(`<p class="note">${e(t.note)}</p>`);
    }
    if (sec.findings) {
      if (sec.findings.length === 0) out.push("<p>No findings.</p>");
      else {
        out.push("<table><thead><tr><th>severity</th><th>code</th><th>subject</th><th>message</th><th>fix</th></tr></thead><tbody>");
        for (const f of sec.findings)
          out.push(`<tr class="${e(f.severity)}"><td>${e(f.severity)}</td><td><code>${e(f.code)}</code></td><td>${e(f.subject)}</td><td>${e(f.message)}</td><td>${e(f.fix)}</td></tr>`);
        out.push("</tbody></table>");
      }
    }
  }
  out.push("</body></html>");
  return out.join("\n");
}

/**
 * A report's own HTML page (issue 12: pictures, timelines, filters) instead of the plain one: its
 * renderer (pure, data -> string, one module per report) and the data it draws. The writers pass the
 * data through the secrets gate before the renderer sees it, as they do the document.
 */
export interface HtmlView<D> {
  data: D;
  render: (doc: ReportDoc, data: D) => string;
}

// ---------- files ----------

/** The document with each of its strings through the secrets gate, before escaping could hide a key. */
export function redactDoc(doc: ReportDoc): ReportDoc {
  return JSON.parse(redactJson(doc)) as ReportDoc;
}

/** Any JSON-shaped value with each of its strings through the secrets gate (`secrets`: values the caller knows). */
export function redactValue<D>(value: D, secrets?: readonly string[]): D {
  return JSON.parse(redactJson(value, undefined, secrets)) as D;
}

/** The HTML form of a report: the view's page when there is one, else the plain document; through the gate. */
export function reportHtml<D>(doc: ReportDoc, view?: HtmlView<D>, secrets?: readonly string[]): string {
  const clean = JSON.parse(redactJson(doc, undefined, secrets)) as ReportDoc;
  return redact(view ? view.render(clean, redactValue(view.data, secrets)) : renderHtml(clean), secrets);
}

/**
 * Writes `<baseName>.md`, `<baseName>.html` and `<baseName>.json` into `dir` (created if needed)
 * and returns their paths. Each file is written whole or not at all (common/files.ts).
 */
export async function writeReports<D>(doc: ReportDoc, json: unknown, dir: string, baseName: string, view?: HtmlView<D>): Promise<{ markdown: string; html: string; json: string }> {
  await ensureFolder(dir, dir, "give a folder to write the reports into (it is created if missing)");
  const paths = { markdown: path.join(dir, `${baseName}.md`), html: path.join(dir, `${baseName}.html`), json: path.join(dir, `${baseName}.json`) };
  const clean = redactDoc(doc);
  await writeFileAtomic(paths.markdown, redact(renderMarkdown(clean)) + "\n");
  await writeFileAtomic(paths.html, reportHtml(doc, view) + "\n");
  await writeFileAtomic(paths.json, redactJson(json, 2) + "\n");
  return paths;
}
