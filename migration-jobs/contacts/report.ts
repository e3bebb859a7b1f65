/**
 * The wave report: what a window moves, what stays on Exchange IM, and every finding, as JSON (for
 * tools), Markdown (for the change record) and HTML (for the help desk). Pure functions.
 *
 * Markdown and HTML come from the shared renderers of migration-jobs/common/report.ts; the planner
 * writes them through its sink (not writeReports) so that the CLI and Pulumi share one output path.
 */
import { Finding, SEVERITY_ORDER } from "../common/finding";
import { Cell, renderHtml, renderMarkdown, ReportDoc, ReportSection } from "../common/report";
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

/** The report as the shared document model (migration-jobs/common/report.ts), for Markdown and HTML. */
export function waveReportDoc(r: WaveReport): ReportDoc {
  const users: Cell[][] = r.lists.map((l) => [l.owner, l.blocked ? "blocked: not imported" : l.rewrite ? "rewritten" : r.window.imports ? "imported" : "listed", l.contacts, l.held.length, l.groups, l.unmapped.length, l.allow.join(" "), l.block.join(" ")]);
  const held: Cell[][] = r.lists.flatMap((l) => l.held.map((h) => [l.owner, h.displayName, h.imAddress, h.sipUri, h.movesInWave, "not routed between Exchange IM and Lync"] as Cell[]));
  const recreate: Cell[][] = r.lists.flatMap((l) => (l.recreate ?? []).map((c) => [l.owner, c] as Cell[]));
  const unmapped: Cell[][] = r.lists.flatMap((l) => l.unmapped.map((u) => [l.owner, u] as Cell[]));
  const sections: ReportSection[] = [];
  if (r.notes.length > 0) sections.push({ heading: "Notes", paragraphs: r.notes });
  if (r.files.length > 0 || r.steps.length > 0) {
    sections.push({ heading: "Files and runbook steps", tables: [{ columns: ["kind", "name"], rows: [...r.files.map((f) => ["file", f]), ...r.steps.map((st) => ["step", st])] }] });
  }
  sections.push({ heading: "Users", tables: [{ columns: ["user", "list", "contacts moved", "held", "groups", "not in map", "allow", "block"], rows: users }] });
  if (held.length > 0) sections.push({ heading: `Held in "${EXCHANGE_IM_GROUP}"`, paragraphs: [NOT_ROUTED_NOTE], tables: [{ columns: ["user", "contact", "Exchange IM address", "SIP URI once moved", "moves in wave", "messages"], rows: held }] });
  if (recreate.length > 0) sections.push({ heading: "Contacts to re-create", tables: [{ columns: ["user", "contact (display name, SIP URI, groups)"], rows: recreate }] });
  if (unmapped.length > 0) sections.push({ heading: "Contacts not in the user map (not moved)", tables: [{ columns: ["user", "address"], rows: unmapped }] });
  sections.push({ heading: "Findings", findings: r.findings });
  return {
    title: `Contacts: ${r.window.title}`,
    summary: [
      `strategy ${r.strategy}, window ${r.window.id}`,
      `users moved: ${r.usersMoved}`,
      `lists imported: ${r.listsImported}`,
      `lists rewritten (contacts moved now): ${r.listsRewritten}`,
      `contacts moved: ${r.contactsMoved}`,
      `contacts held in "${EXCHANGE_IM_GROUP}": ${r.contactsHeld}`,
      `findings: ${r.findings.length}`,
    ],
    sections,
  };
}

/**
 * The re-create lists of one batch (immediate-recreate), as their own document: at 50,000 users the
 * window's 5 million lines do not fit in one string (V8 caps a string near 512 MB), and a help desk
 * works through them batch by batch anyway. The window report names these files.
 */
export function recreateDoc(r: WaveReport, batch: number): ReportDoc {
  const rows: Cell[][] = r.lists.flatMap((l) => (l.recreate ?? []).map((c) => [l.owner, c] as Cell[]));
  return {
    title: `Contacts to re-create: ${r.window.title}, batch ${batch}`,
    summary: [`users: ${r.lists.length}`, `contacts to re-create: ${rows.length}`],
    sections: [{ heading: "Contacts to re-create", paragraphs: ["Each user adds these contacts again in the Lync client, in the groups shown."], tables: [{ columns: ["user", "contact (display name, SIP URI, groups)"], rows }] }],
  };
}

export function renderRecreateMarkdown(r: WaveReport, batch: number): string {
  return renderMarkdown(recreateDoc(r, batch)) + "\n";
}

export function renderRecreateHtml(r: WaveReport, batch: number): string {
  return renderHtml(recreateDoc(r, batch)) + "\n";
}

export function renderReportMarkdown(r: WaveReport): string {
  return renderMarkdown(waveReportDoc(r)) + "\n";
}

export function renderReportHtml(r: WaveReport): string {
  return renderHtml(waveReportDoc(r)) + "\n";
}
