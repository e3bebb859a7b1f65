/** The rehearsal's summary document and its text (pure; no stand-in needed). */
import type { AnalysisResult, Finding } from "../../migration-jobs/analysis";
import { decideReadiness, decideVerification, type Runbook } from "../../migration-jobs/runbook";
import type { VerificationResult } from "../../migration-jobs/verification";
import { renderSummary, rehearsalSummary, type LegacyDescription, type SummaryInput } from "../../src/rehearsal/summary";

const f = (severity: Finding["severity"], code: string): Finding => ({ severity, code, subject: `room "${code}"`, message: `${code} happened`, fix: "fix it" });

function analysis(findings: Finding[]): AnalysisResult {
  const n = (s: Finding["severity"]) => findings.filter((x) => x.severity === s).length;
  const zero = { categories: 0, rooms: 0, principals: 0, roleAssignments: 0, scopes: 0, invitations: 0, addins: 0, messages: 0, fileLinks: 0 };
  return {
    format: "pchat-kit.analysis",
    version: 1,
    source: { description: "snapshot x", kind: "lync2010", database: "GroupChat", server: null },
    targetSource: null,
    cutoff: "2025-01-01",
    separator: "_",
    findings,
    blocking: { errors: n("error"), warnings: n("warning"), infos: n("info"), blocked: false, blockedUnlessWarningsAccepted: false },
    counts: {
      before: { ...zero, disabledRooms: 0 },
      after: { categories: 0, rooms: 0, principals: 0, disabledPrincipals: 0, accessControlEntries: 0, invitations: 0, addins: 0, messagesSinceCutoff: 0 },
      excluded: { rooms: 0, blockedRooms: 0, blockedCategories: 0, messagesBeforeCutoff: 0, messagesOfExcludedRooms: 0 },
    },
    target: { categories: [], rooms: [], addins: [] },
    files: { count: 0, bytes: 0 },
  };
}

const verification: VerificationResult = {
  format: "pchat-kit.verification",
  version: 1,
  ok: true,
  cutoff: "2025-01-01",
  exportLevel: "All",
  compared: ["principals", "categories", "rooms", "messages", "addins"],
  target: { description: "simulated", kind: "lync2013", database: "mgc" },
  counts: { expected: { categories: 0, rooms: 0, addins: 0, messagesSinceCutoff: 0 }, actual: { categories: 0, rooms: 0, addins: 0, messagesSinceCutoff: 0 } },
  blocked: [],
  mismatches: [],
  beforeCutoff: { messages: 0, rooms: 0, legacyMessages: 0 },
  findings: [],
};
const runbook: Runbook = { runId: "r1", strategy: "batched", windows: ["wave-1", "wave-2"], steps: [] };
const sample: LegacyDescription = { kind: "sample", description: "sample", scale: "small", seed: 1, snapshot: "out/.samples/small-1", status: "reused", plantedCases: 21 };
const live: LegacyDescription = { kind: "live", description: "sql01/GroupChat" };

function input(findings: Finding[], acceptWarnings: boolean, legacy: LegacyDescription): SummaryInput {
  const a = analysis(findings);
  const gate = { runId: "r1", acceptWarnings, reportPath: "out/lab/readiness.md" };
  return {
    stack: "lab",
    configFile: "stacks/Pulumi.lab.yaml",
    outDir: "out/lab",
    legacy,
    resources: [
      { type: "b:x:Vm", name: "vm1", parent: null, inputs: {} },
      { type: "a:x:Net", name: "net", parent: null, inputs: {} },
      { type: "b:x:Vm", name: "vm2", parent: null, inputs: {} },
    ],
    analysis: a,
    acceptWarnings,
    readinessGate: decideReadiness({ findings }, gate),
    verificationGate: decideVerification(verification, gate),
    runbook,
    runbookOrigin: "stack",
    verification,
    notes: ["a note"],
    files: {
      plan: { json: "out/lab/plan.json", text: "out/lab/plan.txt" },
      readiness: { markdown: "r.md", html: "r.html", json: "r.json" },
      runbook: { markdown: "b.md", html: "b.html", json: "b.json", scripts: ["out/lab/scripts/02-a.ps1"] },
      verification: { markdown: "v.md", html: "v.html", json: "v.json" },
    },
  };
}

describe.each([
  ["errors and warnings", [f("error", "E1"), f("warning", "W1"), f("info", "I1")], false, true, /1 error\(s\) and 1 unaccepted warning\(s\)/, ["E1", "W1"]],
  ["errors, warnings accepted", [f("warning", "W1"), f("error", "E1")], true, true, /1 error\(s\) in the readiness analysis \(errors always block\)/, ["E1", "W1"]],
  ["warnings only, not accepted", [f("warning", "W1"), f("info", "I1")], false, true, /acceptWarnings is false/, ["W1"]],
  ["warnings only, accepted", [f("warning", "W1")], true, false, null, ["W1"]],
  ["infos only", [f("info", "I1")], false, false, null, ["I1"]],
] as const)("the readiness gate with %s", (_name, findings, accept, blocks, reason, top) => {
  const s = rehearsalSummary(input([...findings], accept, sample));
  it("blocks exactly as the real gate decides, with the reason and the gate's own top findings, errors first", () => {
    expect(s.readiness.gateWouldBlock).toBe(blocks);
    if (reason === null) expect(s.readiness.gateReason).toBeNull();
    else expect(s.readiness.gateReason).toMatch(reason);
    expect(s.readiness.topFindings.map((x) => x.code)).toEqual(top);
  });
  it("says so in the text", () => {
    const text = renderSummary(s);
    if (blocks) expect(text).toMatch(/THE READINESS GATE WOULD BLOCK/);
    else expect(text).toMatch(/the readiness gate would pass/);
  });
});

describe("the summary document", () => {
  const s = rehearsalSummary(input([f("error", "E1")], false, sample));
  it("counts resources by type, in type order", () => {
    expect(s.plan).toEqual({ resources: 3, byType: { "a:x:Net": 1, "b:x:Vm": 2 } });
    expect(Object.keys(s.plan.byType)).toEqual(["a:x:Net", "b:x:Vm"]);
  });
  it("carries the runbook's steps and windows and the verification, marked simulated", () => {
    expect(s.runbook).toMatchObject({ runId: "r1", strategy: "batched", windows: ["wave-1", "wave-2"], steps: 0, scripts: 1 });
    expect(s.verification).toEqual({ simulated: true, ok: true, mismatches: 0, gateWouldBlock: false });
  });
  it("explains the planted cases for the sample only", () => {
    expect(renderSummary(s)).toMatch(/plants blocking cases on purpose/);
    const own = renderSummary(rehearsalSummary(input([f("error", "E1")], false, live)));
    expect(own).not.toMatch(/plants/);
    expect(own).toMatch(/legacy: sql01\/GroupChat \(live database\)/);
  });
  it("lists every path and note", () => {
    const text = renderSummary(s);
    for (const p of ["out/lab/plan.json", "r.html", "b.json", "v.md", "out/lab/scripts"]) expect(text).toContain(p);
    expect(text).toContain("note: a note");
  });
});
