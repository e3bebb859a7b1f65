/** The verification as a report for people (Markdown + HTML via common/report). */
import type { ReportDoc } from "../common/report";
import { EXPORTED_KINDS } from "../analysis/export-level";
import type { VerificationResult } from "./index";

const KIND_LABEL = { principals: "principals", categories: "categories", rooms: "rooms (with members, managers, presenters)", messages: "messages", addins: "add-ins" } as const;

export function verificationReport(v: VerificationResult): ReportDoc {
  const e = v.counts.expected;
  const a = v.counts.actual;
  // Results written before the export level was honoured compared every kind.
  const compared = new Set(v.compared ?? EXPORTED_KINDS);
  const notCompared = EXPORTED_KINDS.filter((k) => !compared.has(k));
  const findings = v.findings ?? [];
  const yes = (k: keyof typeof KIND_LABEL) => (compared.has(k) ? "yes" : "no");
  return {
    title: `Verification: ${v.target.description}`,
    summary: [
      v.ok ? "Verdict: the target matches the expected model." : `Verdict: ${v.mismatches.length} mismatch(es).`,
      `Target: ${v.target.kind} database ${v.target.database}. Cutoff: ${v.cutoff ?? "none"}.`,
      `Export level: ${v.exportLevel ?? "All"}; compared: ${[...compared].map((k) => KIND_LABEL[k]).join(", ")}` +
        (notCompared.length > 0 ? `; not compared (not exported at this level): ${notCompared.map((k) => KIND_LABEL[k]).join(", ")}.` : "."),
      ...(findings.length > 0 ? [`Findings (information, never blocking): ${findings.map((f) => f.code).join(", ")}; see below.`] : []),
      ...(v.blocked.length > 0 ? [`Not reconciled: ${v.blocked.length} object(s) the readiness analysis marks blocked by errors (listed below).`] : []),
    ],
    sections: [
      {
        heading: "Counts",
        tables: [
          {
            columns: ["", "expected", "target", "compared"],
            rows: [
              ["categories", e.categories, a.categories, yes("categories")],
              ["rooms", e.rooms, a.rooms, yes("rooms")],
              ["add-ins", e.addins, a.addins, yes("addins")],
              ["messages since cutoff", e.messagesSinceCutoff, a.messagesSinceCutoff, yes("messages")],
              ...(v.beforeCutoff ? [["messages before cutoff, in migrated rooms", 0, v.beforeCutoff.messages, "info only"]] : []),
            ],
          },
        ],
      },
      {
        heading: "Mismatches",
        paragraphs: v.mismatches.length === 0 ? ["None."] : [],
        tables:
          v.mismatches.length === 0
            ? []
            : [
                {
                  columns: ["object", "name", "what", "field", "expected", "target", "details"],
                  rows: v.mismatches.map((m) => [m.object, m.name, m.kind, m.field, m.expected, m.actual, m.message]),
                },
              ],
      },
      ...(findings.length === 0 ? [] : [{ heading: "Findings (information, never blocking)", findings }]),
      ...(v.blocked.length === 0
        ? []
        : [
            {
              heading: "Blocked by readiness errors (not reconciled)",
              tables: [{ columns: ["object", "name", "blocked by", "in the target"], rows: v.blocked.map((b) => [b.object, b.name, b.blockedBy.join(", "), b.inTarget ? "yes" : "no"]) }],
            },
          ]),
    ],
  };
}
