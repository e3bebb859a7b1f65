/**
 * The runbook as an HTML page (issue 12): the steps as a timeline across machines and windows, each
 * bar its estimated duration with its timeout behind it, the downtime window it implies, the
 * assumptions under the chart, and where every report and script is. Pure (data -> string); the
 * timeline is inline SVG with the same figures as a table (its text equivalent).
 */
import type { ReportDoc } from "../common/report";
import { banner, docSections, html, Html, n, page, table } from "../common/html";
import { hm, type TimelineStep, type RunbookEstimate } from "./estimate";
import type { RunbookDocument } from "./render";

/** Sections the page draws itself; the rest of the document is shown as it is. */
const DRAWN = new Set(["Steps", "Timeline (estimated)", "Assumptions of the estimate", "Where the reports and scripts are"]);

const WORK_COLOR: Record<TimelineStep["work"], string> = {
  gate: "#6b7a8f",
  services: "#b5651d",
  backup: "#4a78c2",
  export: "#2e8b57",
  whatif: "#8e6bbf",
  import: "#1f6f50",
  copy: "#c0932b",
  cutover: "#c0392b",
  other: "#888",
};

const LANE = 30;
const LABEL_W = 170;
const PLOT_W = 820;

function ticks(total: number): number[] {
  const steps = [300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400];
  const every = steps.find((s) => total / s <= 12) ?? 86_400;
  const out: number[] = [];
  for (let t = 0; t <= total; t += every) out.push(t);
  return out;
}

/** Lanes are machines; windows are bands behind the bars; the downtime is a band over the axis. */
export function timelineSvg(e: RunbookEstimate): Html {
  const machines = [...new Set(e.steps.map((t) => t.machine))];
  const total = Math.max(60, e.totalSeconds);
  const x = (t: number) => LABEL_W + Math.round((Math.min(t, total) / total) * PLOT_W);
  const top = 28;
  const height = top + machines.length * LANE + 24;
  const width = LABEL_W + PLOT_W + 20;
  const bands = e.windows.map(
    (w, i) => html`<rect class="window" x="${x(w.start)}" y="${top}" width="${Math.max(2, x(w.end) - x(w.start))}" height="${machines.length * LANE}" fill="${i % 2 ? "#eef3fb" : "#f4f8ee"}"><title>window ${w.name}: ${hm(w.start)} to ${hm(w.end)}</title></rect><text x="${x(w.start) + 3}" y="${top + machines.length * LANE + 14}">window ${w.name}</text>`,
  );
  const down = e.downtime
    ? html`<rect class="downtime" x="${x(e.downtime.start)}" y="4" width="${Math.max(2, x(e.downtime.end) - x(e.downtime.start))}" height="12" fill="#c0392b" opacity="0.8"><title>downtime ${hm(e.downtime.seconds)}</title></rect><text x="${x(e.downtime.start) + 4}" y="14" fill="#fff" style="fill:#fff">downtime ~${hm(e.downtime.seconds)}</text>`
    : "";
  const lanes = machines.map((m, i) => html`<text x="${LABEL_W - 6}" y="${top + i * LANE + 19}" text-anchor="end">${m}</text><line x1="${LABEL_W}" x2="${LABEL_W + PLOT_W}" y1="${top + (i + 1) * LANE}" y2="${top + (i + 1) * LANE}" stroke="#dde"/>`);
  const bars = e.steps.map((t) => {
    const y = top + machines.indexOf(t.machine) * LANE + 5;
    const w = Math.max(2, x(t.start + t.estimatedSeconds) - x(t.start));
    const timeoutW = Math.max(w, x(t.start + t.timeoutSeconds) - x(t.start));
    return html`<g class="step" data-step="${t.id}"><rect x="${x(t.start)}" y="${y}" width="${timeoutW}" height="${LANE - 10}" fill="none" stroke="${WORK_COLOR[t.work]}" stroke-dasharray="3 2"/><rect x="${x(t.start)}" y="${y}" width="${w}" height="${LANE - 10}" fill="${WORK_COLOR[t.work]}"><title>${t.id}: ${t.title}; starts after ${hm(t.start)}, estimated ${hm(t.estimatedSeconds)} (${t.basis}), timeout ${hm(t.timeoutSeconds)}</title></rect></g>`;
  });
  const axis = ticks(total).map((t) => html`<line x1="${x(t)}" x2="${x(t)}" y1="${top - 4}" y2="${top + machines.length * LANE}" stroke="#ccd" stroke-width="0.5"/><text x="${x(t)}" y="${top - 6}" text-anchor="middle">${hm(t)}</text>`);
  const desc = `${e.steps.length} steps on ${machines.length} lanes over an estimated ${hm(e.totalSeconds)}${e.downtime ? `; services down for about ${hm(e.downtime.seconds)}` : ""}. The table below lists every bar.`;
  return html`<svg role="img" aria-labelledby="timeline-t timeline-d" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="timeline-t">Runbook timeline (estimated)</title><desc id="timeline-d">${desc}</desc>${bands}${axis}${lanes}${bars}${down}</svg>`;
}

function legend(): Html {
  return html`<p class="legend">${Object.entries(WORK_COLOR).map(([k, c]) => html`<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${c}"/></svg> ${k}</span> `)} · dashed outline: the step's timeout · red band: the downtime window</p>`;
}

function timelineSection(e: RunbookEstimate | undefined): Html {
  if (!e || e.steps.length === 0) return html`<section id="timeline"><h2>Timeline</h2><p>No estimate: ${e ? "the runbook has no step" : "this runbook was written without data volumes (the rehearsal gives them)"}.</p></section>`;
  const rows = e.steps.map((t) => [t.id, t.machine, t.window ?? "", hm(t.start), hm(t.estimatedSeconds), hm(t.timeoutSeconds), t.basis]);
  return html`<section id="timeline"><h2>Timeline (estimated)</h2>
<figure id="timeline-chart">${timelineSvg(e)}<figcaption>Each bar is a step's estimated duration, its dashed outline the step's timeout; lanes are machines, shaded bands the windows (batches).</figcaption></figure>
${legend()}
<section id="assumptions"><h3>Assumptions</h3><ul>${e.assumptions.map((a) => html`<li>${a}</li>`)}</ul>
<p>Data volumes: ${n(e.volumes.messages)} messages, ${n(e.volumes.files)} files${e.volumes.fileBytes === null ? " (size unknown)" : ` (${n(e.volumes.fileBytes)} bytes)`}; legacy database ${e.volumes.databaseBytes === null ? "size estimated from the messages" : `${n(e.volumes.databaseBytes)} bytes`}.</p></section>
${table(["step", "runs on", "window", "starts after", "estimated", "timeout", "estimate from"], rows, { caption: "The timeline's figures" })}
<section id="downtime"><h3>Downtime window</h3><p>${
    e.downtime
      ? `Services are down from ${hm(e.downtime.start)} to ${hm(e.downtime.end)} after the start: about ${hm(e.downtime.seconds)}, at most ${hm(e.downtime.worstSeconds)} if every step runs to its timeout. The whole runbook: about ${hm(e.totalSeconds)}, at most ${hm(e.worstTotalSeconds)}.`
      : "No step stops services."
  }</p></section></section>`;
}

function stepsSection(d: RunbookDocument, notes: readonly string[]): Html {
  return html`<section id="steps"><h2>Steps</h2>${notes.map((p) => html`<p>${p}</p>`)}${
    d.steps.length === 0
      ? ""
      : table(
          ["#", "step", "title", "runs on", "window", "timeout", "waits for", "leaves behind", "script"],
          d.steps.map((s) => [s.order, s.id, s.title, s.machine ?? "where pulumi up runs", s.window ?? "", hm(s.timeoutSeconds), s.dependsOn.join(", "), s.leavesBehind.join("; "), s.scriptFile ? html`<a href="${s.scriptFile}">${s.scriptFile}</a>` : "(gate)"]),
          { numeric: [0] },
        )
  }</section>`;
}

function filesSection(d: RunbookDocument): Html {
  const files = d.files ?? [];
  const scripts = d.steps.filter((s) => s.scriptFile !== null);
  return html`<section id="files"><h2>Where the reports and scripts are</h2><p>Paths relative to this report.</p><ul>${files.map((f) => html`<li>${f.label}: <a href="${f.path}">${f.path}</a></li>`)}${scripts.map((s) => html`<li>script of ${s.id} (runs on ${s.machine ?? ""}): <a href="${s.scriptFile!}">${s.scriptFile!}</a></li>`)}</ul></section>`;
}

export function renderRunbookHtml(doc: ReportDoc, d: RunbookDocument): string {
  const e = d.estimate;
  const machines = new Set(d.steps.map((s) => s.machine).filter((m) => m !== null));
  const verdict = d.steps.length === 0 ? "no step to run" : e ? `estimated ${hm(e.totalSeconds)} end to end` : `${d.steps.length} steps`;
  const body = html`<header><h1>${doc.title}</h1>
${banner(d.steps.length === 0 ? "warning" : "ok", verdict, [
  ["steps", d.steps.length],
  ["machines", machines.size],
  ["window(s)", d.windows.length],
  ...(e?.downtime ? ([["downtime (estimated)", hm(e.downtime.seconds)]] as const) : []),
])}
<ul>${doc.summary.map((s) => html`<li>${s}</li>`)}</ul></header>
${timelineSection(e)}${stepsSection(d, doc.sections.find((s) => s.heading === "Steps")?.paragraphs ?? [])}${filesSection(d)}${docSections(doc.sections, DRAWN)}`;
  return page({ title: doc.title, body, css: ".legend span{margin-right:.6rem;white-space:nowrap}figure{margin:0;overflow-x:auto}" });
}
