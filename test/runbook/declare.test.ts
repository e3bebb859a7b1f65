/**
 * declareRunbook under Pulumi's mock runtime, standing in for `pulumi up` against Azure (no Pulumi
 * CLI, no Azure here): the mocks record every resource with its inputs; a parent transformation
 * records each resource's dependsOn. The gate provider runs a fake engine (it is never called under
 * mocks; only its serialization is).
 */
import * as pulumi from "@pulumi/pulumi";
import { planRunbook } from "../../migration-jobs/runbook/planner";
import { declareRunbook, makeGateProvider } from "../../src/runbook";
import { BATCHES, ENV, config } from "./fixtures";

const SECRET_SQL = "Sentinel-Sql-Pa55";
const SECRET_RUNAS = "Sentinel-RunAs-Pa55";
const LEGACY = `Server=labsqlgc;Database=GroupChat;User Id=sa;Password=${SECRET_SQL}`;
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface Recorded {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}
const recorded: Recorded[] = [];
const deps = new Map<string, string[]>();

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (a) => {
        recorded.push({ type: a.type, name: a.name, inputs: a.inputs });
        // Azure's answer for a finished export: its output carries the step's result line.
        const finished = a.name.endsWith("04-export-wave-1")
          ? { instanceView: { executionState: "Succeeded", output: 'Exporting...\nPCHATKIT-RESULT {"step":"04-export-wave-1","runId":"run-1","status":"ok","data":{"bytes":42}}\n' } }
          : {};
        // The readiness gate's figures, as the provider leaves them once its analysis ran.
        const figures = a.name.endsWith("01-readiness-gate") ? { expectedFiles: 12, expectedBytes: 3456 } : {};
        return { id: `${a.name}-id`, state: { ...a.inputs, ...finished, ...figures } };
      },
      call: (a) => a.inputs,
    },
    "pchat-kit",
    "lab",
    false,
  );
});

class Parent extends pulumi.ComponentResource {
  constructor(name: string) {
    super("pchat-kit:test:Parent", name, {}, {
      transformations: [
        (a) => {
          const list = (a.opts.dependsOn ?? []) as pulumi.Resource[];
          deps.set(a.name, list.map((r) => (r as unknown as { __name?: string }).__name ?? "?"));
          return undefined;
        },
      ],
    });
  }
}

const VMS = Object.fromEntries(
  [...ENV.legacy.servers, ...ENV.persistentChat.servers, ...ENV.frontEnd.servers].map((s) => [s.key, { resourceGroupName: "lab-rg", location: "westeurope", vmName: `lab-${s.computerName.toLowerCase()}` }]),
);

async function declare(overrides: Record<string, unknown>) {
  const provider = makeGateProvider(() => ({
    readiness: async () => ({ outcome: { findings: [] }, reportPath: "r.md" }),
    verification: async () => ({ outcome: { ok: true }, reportPath: "v.md" }),
  }));
  const cfg = config(overrides);
  const runbook = planRunbook(cfg, ENV);
  const before = recorded.length;
  const declared = declareRunbook({
    runbook,
    vms: VMS,
    protectedValues: { SqlPassword: pulumi.secret(SECRET_SQL) },
    runAs: { user: "CONTOSO\\svc-pchat", password: pulumi.secret(SECRET_RUNAS) },
    gates: { legacy: pulumi.secret(LEGACY), target: pulumi.secret(LEGACY.replace("GroupChat", "mgc")), reportDir: "out/runbook/lab", acceptWarnings: false, cutoff: cfg.cutoff, exportLevel: cfg.exportLevel },
    parent: new Parent(`parent-${runbook.runId}-${Object.keys(overrides).join("-") || "base"}`),
    gateProvider: provider,
  });
  const status = await new Promise<unknown>((resolve) => declared.status.apply(resolve));
  // Wait until every registration (and the gate provider's serialization) has finished.
  await Promise.all(Object.values(declared.resources).map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  return { runbook, declared, status, mine: () => recorded.slice(before) };
}

describe("declared resources", () => {
  let result: Awaited<ReturnType<typeof declare>>;
  beforeAll(async () => {
    result = await declare({ strategy: "batched", batches: BATCHES, sqlLogin: "sa", decommission: true, cutoff: "2024-01-01", exportLevel: "Content" });
  });

  test("one Run Command per windows step and one gate resource per gate, named with runId and step id", () => {
    const runCommands = result.mine().filter((r) => r.type === "azure-native:compute:VirtualMachineRunCommandByVirtualMachine");
    const gates = result.mine().filter((r) => r.type === "pulumi-nodejs:dynamic:Resource");
    expect(runCommands.map((r) => r.name)).toEqual(result.runbook.steps.filter((s) => s.kind === "windows").map((s) => `run-1-${s.id}`));
    expect(gates.map((r) => r.name)).toEqual(["run-1-01-readiness-gate", "run-1-11-verification-gate"]);
  });

  test("each Run Command fails the deployment on failure, with the step's timeout, on its VM", () => {
    for (const step of result.runbook.steps.filter((s) => s.kind === "windows")) {
      const r = result.mine().find((x) => x.name === `run-1-${step.id}`)!;
      expect(r.inputs).toMatchObject({
        treatFailureAsDeploymentFailure: true,
        asyncExecution: false,
        timeoutInSeconds: step.timeoutSeconds,
        runCommandName: `run-1-${step.id}`,
        vmName: VMS[step.machine!]!.vmName,
        source: { script: step.script },
      });
    }
  });

  test("dependsOn follows the planner: one command at a time per VM", () => {
    const previousOn = new Map<string, string>();
    for (const step of result.runbook.steps) {
      const declared = deps.get(`run-1-${step.id}`) ?? [];
      expect(declared).toEqual(expect.arrayContaining(step.dependsOn.map((d) => `run-1-${d}`)));
      // ... and the previous command on the same VM, named directly.
      const previous = step.machine ? previousOn.get(step.machine) : undefined;
      if (step.kind === "windows" && previous) expect(declared).toContain(previous);
      if (step.kind === "windows" && step.machine) previousOn.set(step.machine, `run-1-${step.id}`);
      // Nothing else: the runbook adds no order the planner and the one-command rule do not ask for.
      for (const d of declared) expect([...step.dependsOn.map((x) => `run-1-${x}`), previous]).toContain(d);
    }
  });

  test("no secret in any plain parameter or script; protected parameters and runAs password are secrets", () => {
    for (const r of result.mine().filter((x) => x.type.startsWith("azure-native"))) {
      const plain = JSON.stringify({ parameters: r.inputs.parameters, source: r.inputs.source, tags: r.inputs.tags });
      expect(plain).not.toContain(SECRET_SQL);
      expect(plain).not.toContain(SECRET_RUNAS);
      expect(r.inputs.runAsPassword).toMatchObject({ [SECRET_SIG]: expect.any(String), value: SECRET_RUNAS });
      // The whole list arrives as one secret once any element is secret.
      if (r.inputs.protectedParameters !== undefined) expect(r.inputs.protectedParameters).toEqual({ [SECRET_SIG]: expect.any(String), value: [{ name: "SqlPassword", value: SECRET_SQL }] });
    }
    const backups = result.mine().filter((x) => /backup/.test(x.name));
    expect(backups.length).toBeGreaterThan(0);
    for (const b of backups) expect(b.inputs.protectedParameters).toBeDefined();
    for (const other of result.mine().filter((x) => x.type.startsWith("azure-native") && !/backup|sql-access|principals/.test(x.name))) expect(other.inputs.protectedParameters).toBeUndefined();
  });

  test("a step that consumes a gate's figures gets them as its parameters, from that gate's outputs", () => {
    const consumers = result.runbook.steps.filter((s) => (s.consumes ?? []).length > 0);
    expect(consumers.map((s) => s.id)).toEqual(["08-copy-files"]);
    const copy = result.mine().find((x) => x.name === "run-1-08-copy-files")!;
    const parameters = Object.fromEntries((copy.inputs.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]));
    expect(parameters).toMatchObject({ ExpectedFiles: "12", ExpectedBytes: "3456" });
  });

  test("the gates get the connection strings as secrets only", () => {
    for (const g of result.mine().filter((x) => x.type === "pulumi-nodejs:dynamic:Resource")) {
      expect(g.inputs.legacy).toMatchObject({ [SECRET_SIG]: expect.any(String) });
      const { legacy: _l, target: _t, __provider: _p, ...plain } = g.inputs;
      expect(JSON.stringify(plain)).not.toContain(SECRET_SQL);
      // What the gate decides with: the migration config's cutoff and export level (refused if changed under this runId).
      expect(plain).toMatchObject({ runId: "run-1", reportDir: "out/runbook/lab/run-1", cutoff: "2024-01-01", exportLevel: "Content" });
    }
  });

  test("the status lists every step, its result line when Azure returned one, and where the reports are", () => {
    const status = result.status as { runId: string; steps: { id: string; state: string; result: unknown }[]; reports: Record<string, unknown> };
    expect(status.steps.find((s) => s.id === "04-export-wave-1")).toMatchObject({ state: "ok", result: { status: "ok", data: { bytes: 42 } } });
    expect(status.steps.find((s) => s.id === "07-import-wave-1")).toMatchObject({ state: "declared", result: null });
    expect(status.runId).toBe("run-1");
    expect(status.steps.map((s) => s.id)).toEqual(result.runbook.steps.map((s) => s.id));
    expect(Object.keys(status.reports)).toEqual(["01-readiness-gate", "11-verification-gate"]);
  });
});

test("a disabled migration declares nothing", async () => {
  const r = await declare({ enabled: false, runId: "off" });
  expect(r.mine().filter((x) => x.type !== "pchat-kit:test:Parent")).toEqual([]);
});

test("a step taking figures from a gate it does not wait for is refused before anything is declared", () => {
  const runbook = planRunbook(config({ runId: "consumer" }), ENV);
  const steps = runbook.steps.map((s) => (s.id === "08-copy-files" ? { ...s, consumes: [{ parameter: "ExpectedFiles", from: "11-verification-gate", output: "expectedFiles" as const }] } : s));
  const before = recorded.length;
  expect(() => declareRunbook({ runbook: { ...runbook, steps }, vms: VMS, gates: { legacy: "x", target: "y", reportDir: "out", acceptWarnings: false, cutoff: null, exportLevel: "All" } })).toThrow(/takes ExpectedFiles from 11-verification-gate but does not wait for it/);
  expect(recorded.length).toBe(before);
});

test("a missing protected value is a user error naming the secret's key", async () => {
  const runbook = planRunbook(config({ sqlLogin: "sa", runId: "nosecret" }), ENV);
  expect(() => declareRunbook({ runbook, vms: VMS, gates: { legacy: "x", target: "y", reportDir: "out", acceptWarnings: false, cutoff: null, exportLevel: "All" } })).toThrow(/SqlPassword/);
});

test("merged steps that would give a VM two commands at once are refused before anything is declared", () => {
  const runbook = planRunbook(config({ runId: "merged" }), ENV);
  const last = runbook.steps[runbook.steps.length - 1]!;
  const contacts = { ...last, id: "contacts-wave-1-import", order: last.order + 1, dependsOn: ["11-verification-gate"] };
  const before = recorded.length;
  expect(() => declareRunbook({ runbook: { ...runbook, steps: [...runbook.steps, contacts] }, vms: VMS, gates: { legacy: "x", target: "y", reportDir: "out", acceptWarnings: false, cutoff: null, exportLevel: "All" } })).toThrow(/two commands at once/);
  expect(recorded.length).toBe(before);
});
