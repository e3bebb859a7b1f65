/**
 * The verification as a report for people: the document (Markdown, and the plain HTML of
 * common/report) and the per-kind summary the HTML page (report-html.ts) draws, computed once here.
 */
import type { ReportDoc } from "../common/report";
import { EXPORTED_KINDS } from "../analysis/export-level";
import type { VerificationResult } from "./index";

const KIND_LABEL = { principals: "principals", categories: "categories", rooms: "rooms (with members, managers, presenters)", messages: "messages", addins: "add-ins" } as const;

export interface KindSummary {
  object: "category" | "room" | "addin" | "principal";
  /** Objects the 2013 side should hold, and holds; null where the verification does not count them. */
  expected: number | null;
  target: number | null;
  matched: number | null;
  missing: number;
  extra: number;
  /** Objects present on both sides with a setting, principal list or message count that differs. */
  different: number;
}

/** Per object kind: matched, missing, extra, different (an object counted once however many fields differ). */
export function kindSummary(v: VerificationResult): KindSummary[] {
  const counts = { category: [v.counts.expected.categories, v.counts.actual.categories], room: [v.counts.expected.rooms, v.counts.actual.rooms], addin: [v.counts.expected.addins, v.counts.actual.addins], principal: [null, null] } as const;
  return (["category", "room", "addin", "principal"] as const).map((object) => {
    const of = v.mismatches.filter((m) => m.object === object);
    const missing = of.filter((m) => m.kind === "missing").length;
    const extra = of.filter((m) => m.kind === "extra").length;
    const different = new Set(of.filter((m) => m.kind !== "missing" && m.kind !== "extra").map((m) => m.name)).size;
    const [expected, target] = counts[object];
    return { object, expected, target, matched: expected === null ? null : Math.max(0, expected - missing - different), missing, extra, different };
  });
}

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
        heading: "Summary by object kind",
        tables: [{ columns: ["object", "expected", "in the target", "matched", "missing", "extra", "different"], rows: kindSummary(v).map((k) => [k.object, k.expected, k.target, k.matched, k.missing, k.extra, k.different]) }],
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
