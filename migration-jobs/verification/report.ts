/** The verification as a report for people (Markdown + HTML via common/report). */
import type { ReportDoc } from "../common/report";
import type { VerificationResult } from "./index";

export function verificationReport(v: VerificationResult): ReportDoc {
  const e = v.counts.expected;
  const a = v.counts.actual;
  return {
    title: `Verification: ${v.target.description}`,
    summary: [
      v.ok ? "Verdict: the target matches the expected model." : `Verdict: ${v.mismatches.length} mismatch(es).`,
      `Target: ${v.target.kind} database ${v.target.database}. Cutoff: ${v.cutoff ?? "none"}.`,
      ...(v.blocked.length > 0 ? [`Not reconciled: ${v.blocked.length} object(s) the readiness analysis marks blocked by errors (listed below).`] : []),
    ],
    sections: [
      {
        heading: "Counts",
        tables: [
          {
            columns: ["", "expected", "target"],
            rows: [
              ["categories", e.categories, a.categories],
              ["rooms", e.rooms, a.rooms],
              ["add-ins", e.addins, a.addins],
              ["messages since cutoff", e.messagesSinceCutoff, a.messagesSinceCutoff],
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
