/**
 * The wave report: what a window moves, what stays on Exchange IM, and every finding, as JSON (for
 * tools), Markdown (for the change record) and HTML (for the help desk). Pure functions.
 *
 * migration-jobs/common/report.ts (writeReports) was not there when this was written; the renderers
 * take a plain WaveReport document so that they can be swapped for it without touching the planner.
 */
import { Finding, SEVERITY_ORDER } from "../analysis/finding";
import { DEFAULT_GROUP, EXCHANGE_IM_GROUP, WindowPlan } from "./plan";

export interface WaveReportList {
  owner: string;
  ownerImAddress: string;
  rewrite: boolean;
  blocked: boolean;
  contacts: number;
  groups: number;
  held: Array<{ sipUri: string; imAddress: string; displayName: string; movesInWave: number }>;
  unmapped: string[];
  allow: string[];
  block: string[];
  /** immediate-recreate only: what the user re-creates, as "Display Name <sip:...> [groups]". */
  recreate?: string[];
}

export interface WaveReport {
  strategy: string;
  window: { id: string; title: string; imports: boolean };
  usersMoved: number;
  listsImported: number;
  listsRewritten: number;
  contactsMoved: number;
  contactsHeld: number;
  files: string[];
  steps: string[];
  notes: string[];
  lists: WaveReportList[];
  findings: Finding[];
}

export const NOT_ROUTED_NOTE = "Messages are not routed between Exchange IM and Lync: a held contact is reachable only from the Exchange IM client until its owner moves.";

export function buildWaveReport(plan: WindowPlan, files: string[], steps: string[]): WaveReport {
  const recreate = plan.strategy === "immediate-recreate";
  const imported = plan.window.imports ? plan.lists.filter((l) => !l.blocked) : [];
  const notes: string[] = [];
  if (!plan.window.imports && plan.window.producesLists) notes.push("Nothing is imported: each user re-creates the contacts listed for them.");
  if (!plan.window.producesLists) notes.push("Contact lists stay in the Exchange IM clients until the final import; users moved in this window start with an empty Lync list.");
  if (plan.lists.some((l) => l.held.length > 0)) notes.push(`Contacts whose owners have not moved are held in the group "${EXCHANGE_IM_GROUP}" of the Exchange IM client (Windows Messenger 5.1 or later). ${NOT_ROUTED_NOTE}`);
  return {
    strategy: plan.strategy,
    window: { id: plan.window.id, title: plan.window.title, imports: plan.window.imports },
    usersMoved: plan.movedUsers.length,
    listsImported: imported.filter((l) => !l.rewrite).length,
    listsRewritten: imported.filter((l) => l.rewrite).length,
    contactsMoved: imported.reduce((n, l) => n + l.contacts.length, 0),
    contactsHeld: plan.lists.reduce((n, l) => n + l.held.length, 0),
    files,
    steps,
    notes,
    lists: plan.lists.map((l) => {
      // "~" is how Lync stores the default group; people know it as "Other Contacts".
      const names = new Map(l.groups.map((g) => [g.number, g.name === DEFAULT_GROUP ? "Other Contacts" : g.name]));
      const entry: WaveReportList = {
        owner: l.owner.sipUri,
        ownerImAddress: l.owner.imAddress,
        rewrite: l.rewrite,
        blocked: l.blocked,
        contacts: l.contacts.length,
        groups: l.groups.length,
        held: l.held.map((h) => ({ ...h })),
        unmapped: l.unmapped,
        allow: l.allow.filter((a) => a.mapped).map((a) => a.mask),
        block: l.block.filter((a) => a.mapped).map((a) => a.mask),
      };
      if (recreate) entry.recreate = l.contacts.map((c) => `${c.displayName} <${c.sipUri}> [${c.groupNumbers.map((n) => names.get(n) ?? String(n)).join(", ")}]`);
      return entry;
    }),
    findings: [...plan.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]),
  };
}

/** Adds a later batch of the same window to the report of the earlier ones. */
export function mergeWaveReports(a: WaveReport, b: WaveReport): WaveReport {
  return {
    ...a,
    usersMoved: a.usersMoved + b.usersMoved,
    listsImported: a.listsImported + b.listsImported,
    listsRewritten: a.listsRewritten + b.listsRewritten,
    contactsMoved: a.contactsMoved + b.contactsMoved,
    contactsHeld: a.contactsHeld + b.contactsHeld,
    files: [...a.files, ...b.files],
    steps: [...a.steps, ...b.steps],
    notes: [...a.notes, ...b.notes.filter((n) => !a.notes.includes(n))],
    lists: [...a.lists, ...b.lists],
    findings: [...a.findings, ...b.findings].sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]),
  };
}

export function renderReportJson(r: WaveReport): string {
  return JSON.stringify(r, null, 2) + "\n";
}

const mdCell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function renderReportMarkdown(r: WaveReport): string {
  const out: string[] = [];
  out.push(`# Contacts: ${r.window.title}`, "", `Strategy \`${r.strategy}\`, window \`${r.window.id}\`.`, "");
  out.push("| figure | value |", "|---|---|");
  out.push(`| users moved | ${r.usersMoved} |`, `| lists imported | ${r.listsImported} |`, `| lists rewritten (contacts moved now) | ${r.listsRewritten} |`, `| contacts moved | ${r.contactsMoved} |`, `| contacts held in "${EXCHANGE_IM_GROUP}" | ${r.contactsHeld} |`, `| findings | ${r.findings.length} |`, "");
  for (const n of r.notes) out.push(`> ${n}`, "");
  if (r.files.length > 0) out.push("## Files", "", ...r.files.map((f) => `- \`${f}\``), "");
  if (r.steps.length > 0) out.push("## Runbook steps", "", ...r.steps.map((s) => `1. \`${s}\``), "");
  out.push("## Users", "");
  for (const l of r.lists) {
    const state = l.blocked ? " (blocked: not imported)" : l.rewrite ? " (rewritten)" : "";
    out.push(`### ${l.owner}${state}`, "", `${l.contacts} contacts moved, ${l.held.length} held, ${l.groups} groups.`, "");
    for (const c of l.recreate ?? []) out.push(`- re-create: ${c}`);
    for (const h of l.held) out.push(`- held: ${h.displayName} (${h.imAddress}) stays in "${EXCHANGE_IM_GROUP}" until wave ${h.movesInWave}, then becomes ${h.sipUri}; messages are not routed between Exchange IM and Lync.`);
    for (const u of l.unmapped) out.push(`- not in the user map, not moved: ${u}`);
    for (const a of l.allow) out.push(`- allow: ${a}`);
    for (const b of l.block) out.push(`- block: ${b}`);
    out.push("");
  }
  if (r.findings.length > 0) {
    out.push("## Findings", "", "| severity | code | subject | message | fix |", "|---|---|---|---|---|");
    for (const f of r.findings) out.push(`| ${f.severity} | ${f.code} | ${mdCell(f.subject)} | ${mdCell(f.message)} | ${mdCell(f.fix)} |`);
    out.push("");
  }
  return out.join("\n");
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderReportHtml(r: WaveReport): string {
  const rows = (cells: string[][]) => cells.map((c) => `<tr>${c.map((x) => `<td>${esc(x)}</td>`).join("")}</tr>`).join("\n");
  const users = r.lists
    .map((l) => {
      const items = [
        ...(l.recreate ?? []).map((c) => `re-create: ${c}`),
        ...l.held.map((h) => `held: ${h.displayName} (${h.imAddress}) stays in "${EXCHANGE_IM_GROUP}" until wave ${h.movesInWave}, then becomes ${h.sipUri}; messages are not routed between Exchange IM and Lync.`),
        ...l.unmapped.map((u) => `not in the user map, not moved: ${u}`),
      ];
      return `<h3>${esc(l.owner)}${l.blocked ? " (blocked)" : l.rewrite ? " (rewritten)" : ""}</h3>\n<p>${l.contacts} contacts moved, ${l.held.length} held, ${l.groups} groups.</p>\n<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
    })
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`Contacts: ${r.window.title}`)}</title></head>
<body>
<h1>${esc(`Contacts: ${r.window.title}`)}</h1>
<p>Strategy <code>${esc(r.strategy)}</code>, window <code>${esc(r.window.id)}</code>.</p>
<table>
${rows([["users moved", String(r.usersMoved)], ["lists imported", String(r.listsImported)], ["lists rewritten", String(r.listsRewritten)], ["contacts moved", String(r.contactsMoved)], ["contacts held", String(r.contactsHeld)], ["findings", String(r.findings.length)]])}
</table>
${r.notes.map((n) => `<p><strong>${esc(n)}</strong></p>`).join("\n")}
<h2>Users</h2>
${users}
<h2>Findings</h2>
<table><tr><th>severity</th><th>code</th><th>subject</th><th>message</th><th>fix</th></tr>
${rows(r.findings.map((f) => [f.severity, f.code, f.subject, f.message, f.fix]))}
</table>
</body></html>
`;
}
