/**
 * The readiness analysis as a report for people: the document (Markdown, and the plain HTML of
 * common/report) and the figures the HTML page draws (report-html.ts), computed once here so both
 * forms say the same: findings by code, rooms by messages since the cutoff, the category tree's changes.
 */
import type { ReportDoc, ReportTable } from "../common/report";
import type { Finding, Severity } from "../common/finding";
import { SEVERITY_ORDER } from "../common/finding";
import type { AnalysisResult, ExpectedCategory, LegacyTreeNode } from "./result";
import { FINDING_CODES } from "./codes";
import { MAX_NODE_NAME } from "./categories";
import { nameKey } from "./rules";

/** Rooms listed in the report; the JSON always has them all. */
export const REPORT_ROOM_ROWS = 1000;

/** Blocked objects stay in the model tables, marked; the counts are those that import. */
function blockedText(codes: readonly string[] | undefined): string {
  return codes && codes.length > 0 ? codes.join(", ") : "";
}

function blockedCount(importing: number, blocked: number): string | number {
  return blocked > 0 ? `${importing} (+${blocked} blocked by errors)` : importing;
}

export function readinessVerdict(r: AnalysisResult): { level: "error" | "warning" | "ok"; text: string } {
  if (r.blocking.errors > 0) return { level: "error", text: "BLOCKED: fix the errors below before the export" };
  if (r.blocking.warnings > 0) return { level: "warning", text: "BLOCKED unless warnings are accepted (--accept-warnings)" };
  return { level: "ok", text: "ready to migrate" };
}

export interface FindingGroup {
  code: string;
  severity: Severity;
  meaning: string;
  findings: Finding[];
}

/** Findings by code, the most severe codes first, then the largest groups. */
export function findingGroups(findings: readonly Finding[]): FindingGroup[] {
  const by = new Map<string, FindingGroup>();
  for (const f of findings) {
    let g = by.get(f.code);
    if (!g) {
      g = { code: f.code, severity: f.severity, meaning: FINDING_CODES[f.code as keyof typeof FINDING_CODES]?.meaning ?? "", findings: [] };
      by.set(f.code, g);
    }
    if (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[g.severity]) g.severity = f.severity;
    g.findings.push(f);
  }
  return [...by.values()].sort((x, y) => SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || y.findings.length - x.findings.length || x.code.localeCompare(y.code));
}

/** Buckets of rooms by messages since the cutoff, by powers of ten. */
export const MESSAGE_BUCKETS: ReadonlyArray<{ label: string; min: number; max: number }> = [
  { label: "0 messages", min: 0, max: 0 },
  { label: "1-9", min: 1, max: 9 },
  { label: "10-99", min: 10, max: 99 },
  { label: "100-999", min: 100, max: 999 },
  { label: "1,000-9,999", min: 1_000, max: 9_999 },
  { label: "10,000-99,999", min: 10_000, max: 99_999 },
  { label: "100,000 or more", min: 100_000, max: Number.POSITIVE_INFINITY },
];

export function roomsByMessages(r: AnalysisResult): Array<{ label: string; rooms: number; messages: number }> {
  const out = MESSAGE_BUCKETS.map((b) => ({ label: b.label, rooms: 0, messages: 0 }));
  for (const room of r.target.rooms) {
    const i = MESSAGE_BUCKETS.findIndex((b) => room.messagesSinceCutoff >= b.min && room.messagesSinceCutoff <= b.max);
    out[i]!.rooms++;
    out[i]!.messages += room.messagesSinceCutoff;
  }
  return out;
}

/** What happens to the legacy messages: migrated, removed by the cutoff, or left in rooms that do not import. */
export function messageFate(r: AnalysisResult): Array<{ label: string; messages: number }> {
  return [
    { label: "migrate (since the cutoff)", messages: r.counts.after.messagesSinceCutoff },
    { label: "removed by the cutoff", messages: r.counts.excluded.messagesBeforeCutoff },
    { label: "in rooms that do not import", messages: r.counts.excluded.messagesOfExcludedRooms },
  ];
}

export type NameChange = "changed" | "collides" | "overflow" | "broken";

export interface TreeRow {
  node: LegacyTreeNode;
  /** Legacy path from the top, names joined with " / ". */
  path: string;
  depth: number;
  category: ExpectedCategory | null;
  changes: NameChange[];
}

/**
 * The legacy tree in depth-first order with what flattening does to each name (domain §2.3.1, §5):
 * a nested category's name changes (parents' names as prefix), a flattened name may collide with
 * another or overflow the 256 characters of tblNode.nodeName; a node that cannot be placed is broken.
 */
export function categoryTree(r: AnalysisResult): TreeRow[] {
  const nodes = r.legacyTree ?? [];
  const byLegacyId = new Map(r.target.categories.map((c) => [c.legacyId, c]));
  const children = new Map<number | null, LegacyTreeNode[]>();
  const ids = new Set(nodes.map((x) => x.id));
  for (const x of nodes) {
    // The root and nodes whose parent is missing or themselves start a tree of their own.
    const parent = x.isRoot || x.parentId === x.id || x.parentId === null || !ids.has(x.parentId) ? null : x.parentId;
    const list = children.get(parent) ?? [];
    list.push(x);
    children.set(parent, list);
  }
  // domain §2.3.3: flattened names compare as the import compares them (nameKey, as convert.ts does).
  const sameName = new Map<string, number>();
  for (const x of nodes) if (x.flatName !== null) sameName.set(nameKey(x.flatName), (sameName.get(nameKey(x.flatName)) ?? 0) + 1);
  const out: TreeRow[] = [];
  const seen = new Set<number>();
  const visit = (x: LegacyTreeNode, depth: number, prefix: string): void => {
    if (seen.has(x.id)) return; // a parent cycle: each node once
    seen.add(x.id);
    const name = x.name ?? `(no name, id ${x.id})`;
    const path = x.isRoot ? "" : prefix ? `${prefix} / ${name}` : name;
    const category = byLegacyId.get(x.id) ?? null;
    const changes: NameChange[] = [];
    if (x.status !== "ok") changes.push("broken");
    if (x.flatName !== null && x.name !== null && x.flatName !== x.name) changes.push("changed");
    if (x.flatName !== null && (sameName.get(nameKey(x.flatName)) ?? 0) > 1) changes.push("collides");
    // domain §5: tblNode.nodeName is nvarchar(256), prefixes included
    if ((x.flatName?.length ?? 0) > MAX_NODE_NAME || category?.blockedBy.includes("CATEGORY_NAME_TOO_LONG")) changes.push("overflow");
    out.push({ node: x, path: path || name, depth, category, changes });
    for (const c of (children.get(x.id) ?? []).sort((p, q) => (p.name ?? "").localeCompare(q.name ?? ""))) visit(c, depth + 1, path);
  };
  for (const top of (children.get(null) ?? []).sort((p, q) => Number(q.isRoot) - Number(p.isRoot) || (p.name ?? "").localeCompare(q.name ?? ""))) visit(top, 0, "");
  // Nodes only reachable through a cycle.
  for (const x of nodes) if (!seen.has(x.id)) visit(x, 0, "");
  return out;
}

const CHANGE_TEXT: Record<NameChange, string> = { changed: "renamed", collides: "collides", overflow: "over 256 characters", broken: "cannot be placed" };

export function changeText(changes: readonly NameChange[]): string {
  return changes.map((c) => CHANGE_TEXT[c]).join(", ");
}

/** The sections the pictures of the HTML page stand for, as tables: same content in every form. */
function pictureSections(r: AnalysisResult): ReportDoc["sections"] {
  const tree = categoryTree(r);
  const changed = tree.filter((t) => t.changes.length > 0);
  return [
    {
      heading: "Findings by code",
      tables: [{ columns: ["code", "severity", "findings", "meaning"], rows: findingGroups(r.findings).map((g) => [g.code, g.severity, g.findings.length, g.meaning]) }],
    },
    {
      heading: "Rooms by messages since the cutoff",
      tables: [
        { columns: ["messages since the cutoff", "rooms", "messages"], rows: roomsByMessages(r).map((b) => [b.label, b.rooms, b.messages]) },
        { columns: ["legacy messages", "count"], rows: messageFate(r).map((m) => [m.label, m.messages]) },
      ],
    },
    {
      heading: "Category tree before and after flattening",
      paragraphs:
        tree.length === 0
          ? ["This result does not carry the legacy tree (written by an older version): run the analysis again to see it."]
          : [`${tree.length} legacy categories; ${changed.length} whose 2013 name differs from the legacy name, collides, is over ${MAX_NODE_NAME} characters or cannot be placed (listed).`],
      tables: tree.length === 0 ? [] : [{ columns: ["legacy path", "2013 name", "what flattening does"], rows: changed.map((t) => [t.path, t.node.flatName, changeText(t.changes)]) }],
    },
  ];
}

export function analysisReport(r: AnalysisResult): ReportDoc {
  const b = r.counts.before;
  const a = r.counts.after;
  const verdict = readinessVerdict(r).text;
  const rooms = r.target.rooms.slice(0, REPORT_ROOM_ROWS);
  const roomTable: ReportTable = {
    columns: ["room", "category", "privacy", "type", "invitations", "managers", "presenters", "members", "messages since cutoff", "blocked by"],
    rows: rooms.map((x) => [x.name, x.category, x.privacy, x.type, String(x.invitations), x.managers.length, x.presenters.length, x.members.length, x.messagesSinceCutoff, blockedText(x.blockedBy)]),
  };
  if (r.target.rooms.length > rooms.length) roomTable.note = `first ${rooms.length.toLocaleString("en-US")} of ${r.target.rooms.length.toLocaleString("en-US")} rooms; the JSON lists them all`;
  const codes = [...new Set(r.findings.map((f) => f.code))].sort();
  return {
    title: `Readiness analysis: ${r.source.description}`,
    summary: [
      `Verdict: ${verdict}.`,
      `${r.blocking.errors} error(s), ${r.blocking.warnings} warning(s), ${r.blocking.infos} info(s).`,
      `Source: ${r.source.kind} database ${r.source.database}${r.source.server ? ` on ${r.source.server}` : ""}.`,
      r.targetSource ? `Target: ${r.targetSource.description}.` : "Target: not given (overwrites by name not checked).",
      `Cutoff: ${r.cutoff ?? "none (every message migrates)"}. Flattened names join parents with "${r.separator}".`,
      `Files to copy after the import: ${r.files.count}${r.files.bytes === null ? " (size unknown)" : `, ${r.files.bytes.toLocaleString("en-US")} bytes`}.`,
    ],
    sections: [
      {
        heading: "Counts",
        tables: [
          {
            columns: ["", "legacy", "2013 (expected)"],
            rows: [
              ["categories", b.categories, blockedCount(a.categories, r.counts.excluded.blockedCategories)],
              ["rooms", `${b.rooms} (${b.disabledRooms} disabled)`, blockedCount(a.rooms, r.counts.excluded.blockedRooms)],
              ["principals", b.principals, `${a.principals} (${a.disabledPrincipals} disabled)`],
              ["role assignments / access control entries", b.roleAssignments + b.scopes, a.accessControlEntries],
              ["invitations", b.invitations, a.invitations],
              ["add-ins", b.addins, a.addins],
              ["messages", b.messages, a.messagesSinceCutoff],
            ],
          },
        ],
      },
      ...pictureSections(r),
      { heading: "Findings", findings: r.findings },
      {
        heading: "Finding codes in this report",
        tables: [{ columns: ["code", "severity", "meaning"], rows: codes.map((c) => [c, FINDING_CODES[c as keyof typeof FINDING_CODES]?.severity ?? "", FINDING_CODES[c as keyof typeof FINDING_CODES]?.meaning ?? ""]) }],
      },
      {
        heading: "Expected 2013 categories",
        tables: [
          {
            columns: ["category", "invitations", "file upload", "chat history", "allowed", "denied", "creators", "blocked by"],
            rows: r.target.categories.map((c) => [c.name, c.invitations, c.fileUpload, c.chatHistory, c.allowed.length, c.denied.length, c.creators.length, blockedText(c.blockedBy)]),
          },
        ],
      },
      { heading: "Expected 2013 rooms", tables: [roomTable] },
    ],
  };
}
