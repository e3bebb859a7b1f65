/** The readiness analysis as a report for people (Markdown + HTML via common/report). */
import type { ReportDoc, ReportTable } from "../common/report";
import type { AnalysisResult } from "./result";
import { FINDING_CODES } from "./codes";

/** Rooms listed in the report; the JSON always has them all. */
export const REPORT_ROOM_ROWS = 1000;

/** Blocked objects stay in the model tables, marked; the counts are those that import. */
function blockedText(codes: readonly string[] | undefined): string {
  return codes && codes.length > 0 ? codes.join(", ") : "";
}

function blockedCount(importing: number, blocked: number): string | number {
  return blocked > 0 ? `${importing} (+${blocked} blocked by errors)` : importing;
}

export function analysisReport(r: AnalysisResult): ReportDoc {
  const b = r.counts.before;
  const a = r.counts.after;
  const verdict = r.blocking.errors > 0 ? "BLOCKED: fix the errors below before the export" : r.blocking.warnings > 0 ? "BLOCKED unless warnings are accepted (--accept-warnings)" : "ready to migrate";
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
