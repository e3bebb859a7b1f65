/**
 * The runbook planner: pure, no stand-ins needed. The step scripts it plans are parsed and run by the
 * PowerShell suite (test/powershell/): Shapes.Tests.ps1 reads each step's calls with the real parser.
 */
import { planRunbook, DEFAULT_TIMEOUTS, Runbook } from "../../migration-jobs/runbook/planner";
import { runbookOrderProblems } from "../../migration-jobs/runbook/order";
import { RunbookStep } from "../../migration-jobs/runbook/step";
import { UserError } from "../../migration-jobs/common/errors";
import { BATCHES, ENV, config } from "./fixtures";

/**
 * The switches written on a script's one Export-CsPersistentChatData line, read from the text: the
 * PowerShell suite reads them with the real parser for the manifest's variants (step-shapes.psd1),
 * this covers every strategy and cutoff the planner takes.
 */
function exportSwitches(script: string): string[] {
  const lines = script.split("\n").filter((l) => l.trim().startsWith("Export-CsPersistentChatData "));
  expect(lines).toHaveLength(1);
  return lines[0]!.match(/\s-[A-Za-z]+/g)!.map((p) => p.trim());
}

/** Every step a step waits for, directly or not. */
function ancestors(rb: Runbook, id: string): Set<string> {
  const byId = new Map(rb.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const todo = [...(byId.get(id)?.dependsOn ?? [])];
  while (todo.length) {
    const d = todo.pop()!;
    if (seen.has(d)) continue;
    seen.add(d);
    todo.push(...(byId.get(d)?.dependsOn ?? []));
  }
  return seen;
}

const major = (s: RunbookStep): number => Number(s.id.slice(0, 2));

const CASES: Array<[string, Record<string, unknown>]> = [];
for (const strategy of ["immediate", "batched"] as const)
  for (const cutoff of [null, "2024-01-01"])
    for (const decommission of [false, true])
      for (const acceptWarnings of [false, true])
        CASES.push([
          `${strategy}, cutoff ${cutoff ?? "off"}, decommission ${decommission ? "on" : "off"}, warnings ${acceptWarnings ? "accepted" : "blocking"}`,
          { strategy, cutoff, decommission, acceptWarnings, ...(strategy === "batched" ? { batches: BATCHES } : {}) },
        ]);

describe.each(CASES)("%s", (_name, overrides) => {
  const migration = config(overrides);
  const rb = planRunbook(migration, ENV);
  const steps = rb.steps;
  const batched = overrides.strategy === "batched";

  test("orders are 1..n, ids unique, and every dependency comes earlier", () => {
    expect(steps.map((s) => s.order)).toEqual(steps.map((_, i) => i + 1));
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    const position = new Map(steps.map((s) => [s.id, s.order]));
    for (const s of steps) for (const d of s.dependsOn) expect(position.get(d)).toBeLessThan(s.order);
  });

  test("one command at a time per machine: steps of a VM are chained", () => {
    for (const a of steps)
      for (const b of steps)
        if (a.order < b.order && a.machine !== null && a.machine === b.machine) expect(ancestors(rb, b.id).has(a.id)).toBe(true);
  });

  test("the documented order: gate first, stop, back up, export..import, copy, cutover, start, verify, decommission, policy", () => {
    expect(steps[0]!.id).toBe("01-readiness-gate");
    expect(steps[steps.length - 1]!.id).toBe("13-enable-policy");
    const majors = steps.map(major);
    const collapsed = majors.filter((m, i) => m !== majors[i - 1]);
    const perWindow = [4, 5, 6, 7];
    const windows = batched ? BATCHES.length : 1;
    const expected = [1, 2, 3, ...Array.from({ length: windows }, () => perWindow).flat(), 8, 9, 10, 11, ...(overrides.decommission ? [12] : []), 13];
    expect(collapsed).toEqual(expected);
    // Each step waits for everything planned before it, except its own stage-mates.
    for (const s of steps) for (const earlier of steps.filter((e) => major(e) < major(s) && e.window === null && s.window === null)) expect(ancestors(rb, s.id).has(earlier.id)).toBe(true);
  });

  test("gates run where pulumi up runs; windows steps on a known VM with a script", () => {
    const keys = new Set([...ENV.legacy.servers, ...ENV.persistentChat.servers, ...ENV.frontEnd.servers].map((s) => s.key));
    for (const s of steps) {
      if (s.kind === "gate") {
        expect(s.machine).toBeNull();
        expect(s.script).toBeNull();
        expect(s.parameters.runId).toBe("run-1");
      } else {
        expect(keys.has(s.machine!)).toBe(true);
        expect(s.script).toContain(`[string]$RunId = 'run-1'`);
      }
      expect(s.timeoutSeconds).toBeGreaterThanOrEqual(120);
      expect(s.leavesBehind.length).toBeGreaterThan(0);
    }
    expect(steps.filter((s) => s.kind === "gate").map((s) => s.id)).toEqual(["01-readiness-gate", "11-verification-gate"]);
  });

  test("each batch has its own window with steps 4-7; immediate has none", () => {
    const windowed = steps.filter((s) => s.window !== null);
    if (batched) {
      for (const b of BATCHES) expect(windowed.filter((s) => s.window === b.name).map((s) => s.id)).toEqual([`04-export-${b.name}`, `05-backup-mgc-${b.name}`, `06-import-whatif-${b.name}`, `07-import-${b.name}`]);
    } else {
      expect(windowed).toEqual([]);
    }
  });

  test("export switches follow the strategy and cutoff", () => {
    for (const s of steps.filter((x) => x.id.startsWith("04-export"))) {
      const switches = exportSwitches(s.script!);
      expect(switches.includes("-DisableExportedNodes")).toBe(batched);
      expect(switches.includes("-Scope")).toBe(batched);
      expect(switches.includes("-StartDate")).toBe(overrides.cutoff !== null);
      if (overrides.cutoff) expect(s.parameters.StartDate).toBe(overrides.cutoff);
      if (batched) expect(JSON.parse(s.parameters.ScopeJson!)).toEqual(BATCHES.find((b) => s.id.endsWith(b.name))!.categories);
    }
  });

  test("warnings: the gates and the dry run carry the acceptance", () => {
    const accepted = String(overrides.acceptWarnings);
    expect(steps.find((s) => s.id === "01-readiness-gate")!.parameters.acceptWarnings).toBe(accepted);
    expect(steps.find((s) => s.id === "11-verification-gate")!.parameters.acceptWarnings).toBe(accepted);
    for (const s of steps.filter((x) => x.id.startsWith("06-import-whatif"))) expect(s.parameters.AcceptWarnings).toBe(accepted);
  });

  test("decommission steps only when asked", () => {
    const ids = steps.filter((s) => major(s) === 12).map((s) => s.id);
    expect(ids).toEqual(overrides.decommission ? ["12-uninstall-group-chat-legacy-gc-1", "12-uninstall-group-chat-legacy-gc-2", "12-remove-legacy-pool"] : []);
  });
});

describe("planning rules", () => {
  test("a disabled migration declares no step", () => {
    expect(planRunbook(config({ enabled: false }), ENV).steps).toEqual([]);
  });

  test("the same config plans the same runbook; a new runId changes every step", () => {
    const a = planRunbook(config(), ENV);
    expect(planRunbook(config(), ENV)).toEqual(a);
    const b = planRunbook(config({ runId: "run-2" }), ENV);
    const scripts = (rb: Runbook) => rb.steps.map((s) => s.script ?? JSON.stringify(s.parameters));
    scripts(b).forEach((s, i) => expect(s).not.toEqual(scripts(a)[i]));
    expect(b.steps.find((s) => s.id === "04-export")!.parameters.ExportFile).toBe("\\\\labfs01.contoso.local\\migration\\run-2\\export-all.zip");
  });

  test("stop and start run on every server, in parallel across machines", () => {
    const rb = planRunbook(config(), ENV);
    const stops = rb.steps.filter((s) => s.id.startsWith("02-"));
    expect(stops.map((s) => s.machine)).toEqual(["legacy-gc-1", "legacy-gc-2", "pchat-1", "pchat-2"]);
    for (const s of stops) expect(s.dependsOn).toEqual(["01-check-principals"]);
    expect(rb.steps.find((s) => s.id === "03-backup-legacy")!.dependsOn).toEqual(stops.map((s) => s.id));
    expect(rb.steps.filter((s) => s.id.startsWith("10-")).map((s) => s.machine)).toEqual(["pchat-1", "pchat-2"]);
  });

  test("the lookup SIP URI defaults to ocschat@<domain> and can be overridden", () => {
    expect(planRunbook(config(), ENV).steps.find((s) => s.id === "09-cutover")!.parameters.LookupSipUri).toBe("sip:ocschat@contoso.local");
    const custom = planRunbook(config({ legacyLookupSipUri: "sip:gclookup@fabrikam.com" }), ENV);
    expect(custom.steps.find((s) => s.id === "09-cutover")!.parameters).toMatchObject({ LookupSipUri: "sip:gclookup@fabrikam.com", PoolFqdn: "pchatpool.contoso.local" });
  });

  test("file stores come from the config, else the environment", () => {
    const fromEnv = planRunbook(config(), ENV).steps.find((s) => s.id === "08-copy-files")!;
    expect(fromEnv.parameters).toMatchObject({ Source: ENV.legacy.fileStoreUnc, Destination: ENV.persistentChat.fileStoreUnc, ExpectedFiles: "-1" });
    const overridden = planRunbook(config({ legacyFileStore: "\\\\old\\gc", newFileStore: "\\\\new\\pc" }), ENV).steps.find((s) => s.id === "08-copy-files")!;
    expect(overridden.parameters).toMatchObject({ Source: "\\\\old\\gc", Destination: "\\\\new\\pc" });
  });

  test("an unknown legacy file store is a user error naming the key", () => {
    const env = { ...ENV, legacy: { ...ENV.legacy, fileStoreUnc: null } };
    expect(() => planRunbook(config(), env)).toThrow(UserError);
    try {
      planRunbook(config(), env);
    } catch (e) {
      expect((e as UserError).where).toBe("pchat-kit:migration.legacyFileStore");
      expect((e as UserError).fix).toMatch(/UNC/);
    }
  });

  test.each([
    ["legacy", { ...ENV, legacy: { ...ENV.legacy, servers: [] } }, /legacy Group Chat server/],
    ["persistent chat", { ...ENV, persistentChat: { ...ENV.persistentChat, servers: [] } }, /Persistent Chat server/],
    ["front end", { ...ENV, frontEnd: { ...ENV.frontEnd, servers: [] } }, /front-end server/],
  ])("no %s server is a user error", (_n, env, message) => {
    expect(() => planRunbook(config(), env)).toThrow(message);
  });

  test("timeouts: defaults per step, overrides from config, copy sized from the predicted bytes", () => {
    const rb = planRunbook(config({ timeouts: { export: 28800 } }), ENV, { expectedFiles: { count: 1000, bytes: 200 * 1024 ** 3 } });
    const t = (id: string) => rb.steps.find((s) => s.id === id)!.timeoutSeconds;
    expect(t("04-export")).toBe(28800);
    expect(t("07-import")).toBe(DEFAULT_TIMEOUTS.import);
    expect(t("02-stop-pchat-pchat-1")).toBe(DEFAULT_TIMEOUTS.stopServices);
    // 200 GB at 20 MB/s, twice: about 5.7 hours, more than the 4-hour default.
    expect(t("08-copy-files")).toBeGreaterThan(DEFAULT_TIMEOUTS.copyFiles);
    expect(rb.steps.find((s) => s.id === "08-copy-files")!.parameters).toMatchObject({ ExpectedFiles: "1000", ExpectedBytes: String(200 * 1024 ** 3) });
    const unknownBytes = planRunbook(config(), ENV, { expectedFiles: { count: 7, bytes: null } }).steps.find((s) => s.id === "08-copy-files")!;
    expect(unknownBytes.parameters).toMatchObject({ ExpectedFiles: "7", ExpectedBytes: "-1" });
    expect(unknownBytes.timeoutSeconds).toBe(DEFAULT_TIMEOUTS.copyFiles);
    const small = planRunbook(config(), ENV, { expectedFiles: { count: 3, bytes: 1024 } });
    expect(small.steps.find((s) => s.id === "08-copy-files")!.timeoutSeconds).toBe(1800);
  });

  test("backups use SQL authentication only with a login, the password then protected", () => {
    const windowsAuth = planRunbook(config(), ENV);
    expect(windowsAuth.steps.every((s) => s.protectedParameters.length === 0)).toBe(true);
    const sqlAuth = planRunbook(config({ sqlLogin: "sa" }), ENV);
    expect(sqlAuth.steps.filter((s) => s.protectedParameters.includes("SqlPassword")).map((s) => s.id)).toEqual(["01-sql-access-legacy", "01-sql-access-store", "01-check-principals", "03-backup-legacy", "05-backup-mgc"]);
  });

  test.each<[string, string[], boolean]>([
    ["a pool without standby servers", [], false],
    ["a stretched pool (standby servers)", ["labpc01.contoso.local", "labpc02.contoso.local"], true],
  ])("%s: the active list is set before the services start only when needed", (_n, fqdns, expected) => {
    const env = { ...ENV, persistentChat: { ...ENV.persistentChat, activeServerFqdns: fqdns } };
    const rb = planRunbook(config(), env);
    const step = rb.steps.find((s) => s.id === "10-active-servers");
    expect(step !== undefined).toBe(expected);
    if (!step) return;
    expect(step.parameters.ActiveJson).toBe(JSON.stringify(fqdns));
    expect(step.script).toContain("Set-CsPersistentChatActiveServer -Identity ([string]$service.Identity) -ActiveServers $modifier -Confirm:$false");
    for (const start of rb.steps.filter((s) => s.id.startsWith("10-start-"))) expect(start.dependsOn).toContain("10-active-servers");
  });

  test("the steps of one Persistent Chat VM never overlap even if it also hosts the front end", () => {
    const env = { ...ENV, frontEnd: { ...ENV.frontEnd, servers: [ENV.persistentChat.servers[0]!] } };
    const rb = planRunbook(config({ decommission: true }), env);
    const onPc1 = rb.steps.filter((s) => s.machine === "pchat-1");
    for (let i = 1; i < onPc1.length; i++) expect(ancestors(rb, onPc1[i]!.id).has(onPc1[i - 1]!.id)).toBe(true);
  });
});

describe("runbookOrderProblems: the invariants checked before declaring", () => {
  const planned = planRunbook(config({ decommission: true }), ENV).steps;
  const extra = (over: Partial<RunbookStep>): RunbookStep => ({ ...planned[planned.length - 1]!, id: "contacts-wave-1-import", order: planned.length + 1, ...over });

  test.each<[string, RunbookStep[], RegExp | null]>([
    ["the planner's runbook", planned, null],
    ["a step chained after the last one on its VM", [...planned, extra({ machine: "fe-1", dependsOn: ["13-enable-policy"] })], null],
    ["a step on a busy VM that does not wait", [...planned, extra({ machine: "fe-1", dependsOn: ["11-verification-gate"] })], /both run on fe-1/],
    ["a duplicate id", [...planned, extra({ id: "09-cutover", dependsOn: ["13-enable-policy"] })], /used twice/],
    ["an unknown dependency", [...planned, extra({ dependsOn: ["nope"] })], /not in the runbook/],
    ["a dependency that comes later", [extra({ dependsOn: ["01-readiness-gate"] }), ...planned], /comes after it/],
    ["a gate's figures taken from a gate the step waits for", [...planned, extra({ machine: "fe-1", dependsOn: ["13-enable-policy"], consumes: [{ parameter: "X", from: "11-verification-gate", output: "expectedFiles" }] })], null],
    ["figures taken from a step not in the runbook", [...planned, extra({ machine: "fe-1", dependsOn: ["13-enable-policy"], consumes: [{ parameter: "X", from: "nope", output: "expectedFiles" }] })], /takes X from nope, which is not in the runbook/],
    ["figures taken from a step that is not a gate", [...planned, extra({ machine: "fe-1", dependsOn: ["13-enable-policy"], consumes: [{ parameter: "X", from: "09-cutover", output: "expectedFiles" }] })], /takes X from 09-cutover, which is not a gate/],
    ["figures taken from a gate that comes later", planned.map((s) => (s.id === "08-copy-files" ? { ...s, consumes: [{ parameter: "ExpectedFiles", from: "11-verification-gate", output: "expectedFiles" as const }] } : s)), /takes ExpectedFiles from 11-verification-gate but does not wait for it/],
  ])("%s", (_n, steps, problem) => {
    const problems = runbookOrderProblems(steps);
    if (problem === null) expect(problems).toEqual([]);
    else expect(problems.join("\n")).toMatch(problem);
  });
});

// lync-install §3: a lab's legacy side is its restored database only, and its people are seeded.
describe("a data-only legacy side", () => {
  const dataOnly = { ...ENV, legacy: { ...ENV.legacy, dataOnly: true }, principals: "seed" as const };
  const rb = planRunbook(config({ decommission: true }), dataOnly);
  const step = (id: string): RunbookStep => rb.steps.find((s) => s.id === id)!;

  test.each(["02-stop-legacy-legacy-gc-1", "02-stop-legacy-legacy-gc-2", "12-uninstall-group-chat-legacy-gc-1", "12-remove-legacy-pool"])("%s exists, does nothing and says why", (id) => {
    const s = step(id);
    expect(s.parameters.Reason).toBe("nothing to do: data-only legacy side");
    expect(s.script).toContain("$status = 'skipped'");
    expect(s.script).not.toMatch(/Stop-Service|msiexec|Remove-CsTrustedApplication/);
  });

  test("the cutover removes no Lookup account but still creates the endpoint", () => {
    const s = step("09-cutover");
    expect(s.script).not.toContain("Remove-ADUser");
    expect(s.script).toContain("New-CsPersistentChatEndpoint -SipAddress $LookupSipUri");
    expect(s.parameters.LookupAccount).toBe("nothing to do: data-only legacy side");
  });

  test("the principals are seeded on the first front end after the SQL access, before anything stops", () => {
    const s = step("01-seed-principals");
    expect(s.machine).toBe("fe-1");
    expect(s.dependsOn).toEqual(["01-sql-access-legacy", "01-sql-access-store"]);
    expect(step("02-stop-legacy-legacy-gc-1").dependsOn).toEqual(["01-seed-principals"]);
    expect(s.parameters.RegistrarPool).toBe(ENV.frontEnd.poolFqdn);
    expect(s.script).toContain("Enable-CsUser -Identity $u.Dn -RegistrarPool $RegistrarPool -SipAddress $u.Sip");
    expect(rb.steps.some((x) => x.id === "01-check-principals")).toBe(false);
  });

  test("a real legacy side keeps its service steps and checks the principals instead", () => {
    const real = planRunbook(config({ decommission: true }), ENV);
    expect(real.steps.find((s) => s.id === "02-stop-legacy-legacy-gc-1")!.script).toContain("*Group Chat*");
    expect(real.steps.find((s) => s.id === "09-cutover")!.script).toContain("Remove-ADUser");
    const check = real.steps.find((s) => s.id === "01-check-principals")!;
    expect(check.parameters.FindingCode).toBe("PRINCIPAL_NOT_IN_TARGET_DOMAIN");
    expect(check.script).not.toContain("New-ADUser");
  });
});
