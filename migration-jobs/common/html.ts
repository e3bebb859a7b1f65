/**
 * The small HTML kit every HTML report is built from: one escaping function, the page shell (inline
 * CSS with a print stylesheet, inline script, data embedded once as JSON), a verdict banner, and a bar
 * chart drawn as inline SVG that always comes with its text equivalent (a table).
 * Pure: strings in, a string out. The files are self-contained on purpose (issue 12): they are opened
 * from disk or attached to a ticket, so nothing is loaded from the network at view time.
 * Secrets: the report writers (report.ts) pass the data through `redact` before any of this runs and the
 * finished page through it again.
 */
import type { Finding } from "./finding";
import type { ReportSection } from "./report";

/** The one escaping function of every HTML report: text and attribute values alike. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Tagged template: every interpolated value is escaped unless it is already `Html` (built by this kit). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function piece(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(piece).join("");
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1]!;
  return new Html(out);
}

export function join(parts: readonly HtmlValue[], sep = ""): Html {
  return new Html(parts.map(piece).join(sep));
}

/** A number as people read it: 33,077. */
export function n(x: number): string {
  return x.toLocaleString("en-US");
}

/** Bytes in KB/MB/GB (1024-based), or "unknown". */
export function bytes(x: number | null): string {
  if (x === null || x < 0) return "unknown";
  const units = ["bytes", "KB", "MB", "GB", "TB"];
  let v = x;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n(x)} bytes` : `${v.toFixed(1)} ${units[u]}`;
}

/**
 * JSON for a `<script type="application/json">` element: `<` is written as \u003c so a value such as
 * `</script>` cannot end the element; the page parses it once with JSON.parse.
 */
export function embedJson(id: string, data: unknown): Html {
  const text = JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  // CDATA keeps the page well-formed XML too (an `&` in a name); readJson strips it before parsing.
  return new Html(`<script type="application/json" id="${escapeHtml(id)}"><![CDATA[${text}]]></script>`);
}

/** The page-side reader of embedJson's data, prepended to every page script. */
const READ_JSON = `function readJson(id){return JSON.parse(document.getElementById(id).textContent.replace(/^\\s*<!\\[CDATA\\[/,"").replace(/\\]\\]>\\s*$/,""));}`;

const BASE_CSS = `:root{--err:#b00020;--warn:#8a5a00;--info:#45556b;--ok:#1b6e3a;--line:#ccd;--muted:#555}
*{box-sizing:border-box}body{font-family:system-ui,"Segoe UI",sans-serif;margin:1.5rem auto;max-width:84rem;padding:0 1rem;color:#111;line-height:1.4}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f2f5}td.num,th.num{text-align:right}code{background:#f3f3f6;padding:0 .2rem}.note{color:var(--muted);font-style:italic}
.banner{border-radius:.4rem;padding:.8rem 1rem;margin:1rem 0;border:2px solid;display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:baseline}
.banner strong{font-size:1.2rem}.banner.error{border-color:var(--err);background:#fdecee}.banner.warning{border-color:var(--warn);background:#fff6e0}
.banner.ok{border-color:var(--ok);background:#e9f6ee}.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
.tag{display:inline-block;font-size:.75rem;border-radius:.3rem;padding:0 .35rem;margin-left:.3rem;border:1px solid}
.tag.changed{border-color:#3563b0;color:#3563b0}.tag.collides{border-color:var(--err);color:var(--err)}.tag.overflow{border-color:#7a2fa0;color:#7a2fa0}.tag.broken{border-color:var(--warn);color:var(--warn)}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0;position:sticky;top:0;background:#fff;padding:.4rem 0;z-index:1}
.toolbar input[type=search]{min-width:18rem;padding:.25rem .4rem}details{margin:.2rem 0}summary{cursor:pointer}
.group{border:1px solid var(--line);border-radius:.3rem;padding:.2rem .5rem}.pager{display:flex;gap:.5rem;align-items:center;margin:.3rem 0}
.tree ul{list-style:none;margin:0;padding-left:1.1rem;border-left:1px dotted #bbc}.tree li{margin:.1rem 0}.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
svg text{font-size:11px;fill:#222}.visually-hidden{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
@media (max-width:60rem){.cols{grid-template-columns:1fr}}`;

const PRINT_CSS = `@media print{body{max-width:none;margin:0;font-size:10pt}.toolbar,.pager,button,input{display:none!important}
details>*{display:block}details:not([open])>summary~*{display:block}h2{break-after:avoid}table,svg,.banner{break-inside:avoid}a{color:inherit;text-decoration:none}}`;

export interface PageOptions {
  title: string;
  body: Html;
  /** Extra CSS of this report. */
  css?: string;
  /** Inline script run after the body; it finds embedded data by id. */
  script?: string;
}

/** A whole self-contained page: inline CSS (screen and print), the body, then the inline script. */
export function page(opts: PageOptions): string {
  // The script sits in a commented CDATA section: raw text for HTML, well-formed for an XML reader.
  const script = opts.script ? `<script>//<![CDATA[\n${(READ_JSON + "\n" + opts.script).replace(/<\/script/gi, "<\\/script").replace(/]]>/g, "]] >")}\n//]]></script>` : "";
  return [
    "<!DOCTYPE html>",
    `<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/>`,
    `<title>${escapeHtml(opts.title)}</title><style>${BASE_CSS}\n${opts.css ?? ""}\n${PRINT_CSS}</style></head><body>`,
    opts.body.text,
    script,
    "</body></html>",
  ].join("\n");
}

export type Level = "error" | "warning" | "ok";

/** The verdict at the top of a report, with the counts that decide it. */
export function banner(level: Level, verdict: string, facts: ReadonlyArray<readonly [string, string | number]>): Html {
  return html`<section class="banner ${level}" role="status" aria-label="verdict" data-verdict="${level}"><strong>${verdict}</strong>${facts.map(
    ([k, v]) => html`<span><b>${typeof v === "number" ? n(v) : v}</b> ${k}</span>`,
  )}</section>`;
}

export function table(columns: readonly string[], rows: ReadonlyArray<readonly HtmlValue[]>, opts: { caption?: string; numeric?: readonly number[]; id?: string } = {}): Html {
  const num = new Set(opts.numeric ?? []);
  // A boolean cell is a value (yes/no columns), not a condition: it shows as true or false.
  const shown = (v: HtmlValue): HtmlValue => (typeof v === "number" ? n(v) : typeof v === "boolean" ? String(v) : v);
  const cell = (v: HtmlValue, i: number, tag: "td" | "th") => html`<${new Html(tag)}${num.has(i) ? new Html(' class="num"') : ""}>${shown(v)}</${new Html(tag)}>`;
  return html`<table${opts.id ? new Html(` id="${escapeHtml(opts.id)}"`) : ""}>${opts.caption ? html`<caption>${opts.caption}</caption>` : ""}<thead><tr>${columns.map((c, i) => cell(c, i, "th"))}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((c, i) => cell(c, i, "td"))}</tr>`,
  )}</tbody></table>`;
}

export interface Bar {
  label: string;
  value: number;
  /** A CSS colour; default a neutral blue. */
  color?: string;
}

/**
 * A horizontal bar chart as inline SVG, with `role="img"`, a title and description for screen readers,
 * and the same figures as a table right under it (the text equivalent, also what prints best).
 */
export function barChart(id: string, title: string, bars: readonly Bar[], opts: { unit: string; description?: string } = { unit: "" }): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 22;
  const labelW = 190;
  const width = 720;
  const plotW = width - labelW - 110;
  const height = bars.length * rowH + 10;
  const desc = opts.description ?? bars.map((b) => `${b.label}: ${n(b.value)} ${opts.unit}`).join("; ");
  const rects = bars.map((b, i) => {
    const w = b.value === 0 ? 0 : Math.max(1, Math.round((b.value / max) * plotW));
    const y = 5 + i * rowH;
    return html`<g><text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${b.label}</text><rect x="${labelW}" y="${y + 2}" width="${w}" height="${rowH - 6}" fill="${b.color ?? "#4a78c2"}"><title>${b.label}: ${n(b.value)} ${opts.unit}</title></rect><text x="${labelW + w + 6}" y="${y + 14}">${n(b.value)}</text></g>`;
  });
  return html`<figure class="chart" id="${id}"><svg role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="${id}-t">${title}</title><desc id="${id}-d">${desc}</desc>${rects}</svg>
<figcaption>${title}</figcaption>${table(["", opts.unit], bars.map((b) => [b.label, b.value]), { numeric: [1], caption: `${title} (the chart's figures)` })}</figure>`;
}

/**
 * Sections of a report document as the plain page shows them (paragraphs, tables, findings), for the
 * parts a report's own page does not draw: the HTML keeps the document's whole content.
 */
export function docSections(sections: readonly ReportSection[], drawn: ReadonlySet<string> = new Set()): Html {
  return join(
    sections
      .filter((s) => !drawn.has(s.heading))
      .map(
        (s) =>
          html`<section><h2>${s.heading}</h2>${(s.paragraphs ?? []).map((p) => html`<p>${p}</p>`)}${(s.tables ?? []).map(
            (t) => html`${table(t.columns, t.rows)}${t.note ? html`<p class="note">${t.note}</p>` : ""}`,
          )}${s.findings ? findingTable(s.findings) : ""}</section>`,
      ),
  );
}

function findingTable(findings: readonly Finding[]): Html {
  if (findings.length === 0) return html`<p>No findings.</p>`;
  return table(
    ["severity", "code", "subject", "message", "fix"],
    findings.map((f) => [html`<span class="sev-${f.severity}">${f.severity}</span>`, html`<code>${f.code}</code>`, f.subject, f.message, f.fix]),
  );
}
