/**
 * The runbook planner's named phases, each on its own: which steps it plans, in which stages, on
 * which machines, for each config that changes them. Pure, no stand-ins. `planRunbook` is their
 * concatenation (planner.test.ts checks the whole; scripts.test.ts snapshots every script).
 */
import {
  backupLegacyDatabase,
  copyFileStore,
  cutover,
  decommission,
  enablePolicy,
  moveWindow,
  planningContext,
  readinessGate,
  runbookWindows,
  setActiveServers,
  splitByMachine,
  sqlAccess,
  startServices,
  stopServices,
  verificationGate,
  READINESS_GATE_ID,
  type PlanningContext,
  type Stage,
} from "../../migration-jobs/runbook/planner";
import type { RunbookEnvironment } from "../../migration-jobs/runbook/environment";
import { BATCHES, ENV, config } from "./fixtures";

const STRETCHED: RunbookEnvironment = { ...ENV, persistentChat: { ...ENV.persistentChat, activeServerFqdns: ["labpc01.contoso.local", "labpc02.contoso.local"] } };

function context(overrides: Record<string, unknown> = {}, env: RunbookEnvironment = ENV): PlanningContext {
  const migration = config(overrides);
  return planningContext(migration, env, runbookWindows(migration));
}

/** Each stage as `id@machine` (a gate runs where `pulumi up` runs: `@-`). */
function shape(stages: Stage[]): string[][] {
  return stages.map((stage) => stage.map((d) => `${d.id}@${d.server?.key ?? "-"}`));
}

describe.each<[string, (ctx: PlanningContext) => Stage[], PlanningContext, string[][]]>([
  ["readiness gate", readinessGate, context(), [["01-readiness-gate@-"]]],
  ["SQL access, both instances at once", sqlAccess, context(), [["01-sql-access-legacy@legacy-gc-1", "01-sql-access-store@pchat-1"]]],
  [
    "stop every legacy and Persistent Chat server at once",
    stopServices,
    context(),
    [["02-stop-legacy-legacy-gc-1@legacy-gc-1", "02-stop-legacy-legacy-gc-2@legacy-gc-2", "02-stop-pchat-pchat-1@pchat-1", "02-stop-pchat-pchat-2@pchat-2"]],
  ],
  ["legacy backup on the first legacy server", backupLegacyDatabase, context(), [["03-backup-legacy@legacy-gc-1"]]],
  ["the immediate strategy's one window", (c) => moveWindow(c, "all"), context(), [["04-export@pchat-1"], ["05-backup-mgc@pchat-1"], ["06-import-whatif@pchat-1"], ["07-import@pchat-1"]]],
  [
    "a batch: its name in every id",
    (c) => moveWindow(c, "wave-2"),
    context({ strategy: "batched", batches: BATCHES }),
    [["04-export-wave-2@pchat-1"], ["05-backup-mgc-wave-2@pchat-1"], ["06-import-whatif-wave-2@pchat-1"], ["07-import-wave-2@pchat-1"]],
  ],
  ["copy the file store", copyFileStore, context(), [["08-copy-files@pchat-1"]]],
  ["cutover on the first front end", cutover, context(), [["09-cutover@fe-1"]]],
  ["active servers: none to set without standby servers", setActiveServers, context(), []],
  ["active servers of a stretched pool", setActiveServers, context({}, STRETCHED), [["10-active-servers@pchat-1"]]],
  ["start every Persistent Chat server at once", startServices, context(), [["10-start-pchat-pchat-1@pchat-1", "10-start-pchat-pchat-2@pchat-2"]]],
  ["verification gate", verificationGate, context(), [["11-verification-gate@-"]]],
  ["decommission: nothing unless asked", decommission, context(), []],
  [
    "decommission: uninstall everywhere, then remove the pool",
    decommission,
    context({ decommission: true }),
    [["12-uninstall-group-chat-legacy-gc-1@legacy-gc-1", "12-uninstall-group-chat-legacy-gc-2@legacy-gc-2"], ["12-remove-legacy-pool@fe-1"]],
  ],
  ["policy on the first front end", enablePolicy, context(), [["13-enable-policy@fe-1"]]],
])("phase: %s", (_name, phase, ctx, expected) => {
  test("plans these steps, in these stages, on these machines", () => {
    expect(shape(phase(ctx))).toEqual(expected);
  });
});

describe.each<[string, PlanningContext, string[]]>([
  ["immediate", context(), ["all"]],
  ["batched", context({ strategy: "batched", batches: BATCHES }), ["wave-1", "wave-2"]],
])("windows of the %s strategy", (_name, ctx, windows) => {
  test("are the batch names, or one window", () => {
    expect(ctx.windows).toEqual(windows);
  });
});

describe.each<[string, string[] | null, boolean]>([
  ["a batch", ["Sales", "Sales/EMEA"], true],
  ["the immediate strategy", null, false],
])("moving the data of %s", (_name, scope, batched) => {
  const ctx = batched ? context({ strategy: "batched", batches: BATCHES }) : context();
  const [exportStage] = moveWindow(ctx, batched ? "wave-1" : "all");
  const draft = exportStage![0]!;
  const rendered = draft.render!({ runId: "run-1", stepId: draft.id, computerName: "LABPC01", stagingFolder: ENV.stagingFolder });
  const exportLine = rendered.script.split("\n").find((l) => l.trim().startsWith("Export-CsPersistentChatData "))!;

  test("exports its scope, disabling what it exported only for a batch (domain §4.1)", () => {
    expect(draft.window).toBe(batched ? "wave-1" : null);
    expect(exportLine.includes("-DisableExportedNodes")).toBe(batched);
    expect(exportLine.includes("-Scope")).toBe(batched);
    expect(rendered.parameters.ScopeJson).toBe(scope ? JSON.stringify(scope) : undefined);
  });
});

describe.each<[string, { count: number; bytes: number | null } | undefined, number]>([
  ["figures unknown at planning time (pulumi up)", undefined, 14400],
  ["a small store", { count: 3, bytes: 1024 }, 1800],
  ["bytes unknown", { count: 7, bytes: null }, 14400],
])("copying the file store with %s", (_name, expectedFiles, timeout) => {
  const migration = config();
  const ctx = planningContext(migration, ENV, runbookWindows(migration), expectedFiles ? { expectedFiles } : {});
  const draft = copyFileStore(ctx)[0]![0]!;

  test("sizes its timeout, and takes the readiness gate's figures at run time", () => {
    expect(draft.timeoutSeconds).toBe(timeout);
    expect(draft.consumes).toEqual([
      { parameter: "ExpectedFiles", from: READINESS_GATE_ID, output: "expectedFiles" },
      { parameter: "ExpectedBytes", from: READINESS_GATE_ID, output: "expectedBytes" },
    ]);
  });
});

describe.each<[string, string[], string[][]]>([
  ["different machines", ["a", "b", "c"], [["a", "b", "c"]]],
  ["a machine twice", ["a", "b", "a"], [["a", "b"], ["a"]]],
  ["one machine", ["a", "a", "a"], [["a"], ["a"], ["a"]]],
])("splitting a stage with %s", (_name, machines, expected) => {
  test("never gives one machine two steps in one stage", () => {
    const stage: Stage = machines.map((m, i) => ({ id: `s${i}`, title: "", kind: "windows", server: { key: m, computerName: m.toUpperCase() }, timeoutKey: "cutover", leavesBehind: [], window: null }));
    expect(splitByMachine(stage).map((g) => g.map((d) => d.server!.key))).toEqual(expected);
  });
});
