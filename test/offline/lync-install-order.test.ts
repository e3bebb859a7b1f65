/**
 * Issue 11: one `pulumi up` installs Lync, then migrates. The shipped lab stack (lync.install and the
 * migration both on) is planned by the REAL program under Pulumi's mock runtime (standing in for the
 * Pulumi engine and Azure); the recorded dependency graph must make every runbook resource wait for
 * the install's last step, and every install step wait for its VM's domain join and features.
 */
import * as path from "node:path";
import { runOfflinePlan, type OfflinePlanResult } from "../../src/offline/plan";
import type { RecordedResource } from "../../src/offline/recorder";
import { plainStrings, SECRET_VALUES, wrappedSecretPaths } from "../components/harness";

const ROOT = path.resolve(__dirname, "../..");
const RUN = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine";

/** Every resource a resource waits for, directly or through others (dependsOn and parents' dependsOn). */
function ancestors(rec: RecordedResource[], name: string): Set<string> {
  const byName = new Map(rec.map((r) => [r.name, r]));
  const children = new Map<string, string[]>();
  for (const r of rec) if (r.parent) children.set(r.parent, [...(children.get(r.parent) ?? []), r.name]);
  const seen = new Set<string>();
  const visit = (n: string) => {
    const r = byName.get(n);
    if (!r) return;
    for (const d of r.dependsOn) {
      if (seen.has(d)) continue;
      seen.add(d);
      visit(d);
      // Waiting for a component is waiting for everything in it (Pulumi's rule for component dependencies).
      for (const c of children.get(d) ?? []) if (!seen.has(c)) (seen.add(c), visit(c));
    }
  };
  visit(name);
  return seen;
}

describe("pulumi up of the lab, under mocks: Lync is installed before the migration", () => {
  let result: OfflinePlanResult;
  let rec: RecordedResource[];

  beforeAll(async () => {
    result = await runOfflinePlan({ stack: "lab", projectRoot: ROOT, secretValues: SECRET_VALUES });
    rec = result.recorded;
  });

  it("declares every planned install step as a Run Command named after it, with the migration on", () => {
    expect(result.lync).not.toBeNull();
    expect(result.migration).not.toBeNull();
    const runCommands = new Set(rec.filter((r) => r.type === RUN).map((r) => r.name));
    for (const s of result.lync!.install.steps) expect(runCommands).toContain(s.id);
  });

  it("makes every runbook step and gate wait for the pool check, which waits for every other install step", () => {
    const steps = result.lync!.install.steps;
    const check = steps[steps.length - 1]!;
    expect(check.args.kind).toBe("pool-check");
    const installIds = new Set(steps.map((s) => s.id));
    const { runId, steps: planned } = result.migration!.runbook;
    // The runbook declares each step (Run Command or gate) as `<runId>-<step id>` (src/runbook/index.ts).
    const runbookSteps = rec.filter((r) => planned.some((s) => r.name === `${runId}-${s.id}`));
    expect(runbookSteps.length).toBeGreaterThan(5);
    for (const r of runbookSteps) expect(ancestors(rec, r.name)).toContain(check.id);
    const beforeCheck = ancestors(rec, check.id);
    for (const id of installIds) if (id !== check.id) expect(beforeCheck).toContain(id);
  });

  it("runs each install step after its VM has joined the domain and installed its features", () => {
    for (const s of result.lync!.install.steps) {
      const waits = ancestors(rec, s.id);
      const server = result.plan.servers.find((x) => x.key === s.serverKey)!;
      if (server.joinsDomain) expect(waits).toContain(`${s.serverKey}-domain-join`);
      if (server.windowsFeatures.length > 0) expect(waits).toContain(`${s.serverKey}-windows-features`);
    }
  });

  it("runs the AD preparation, CMS and publish as the domain admin, with the password only as a secret", () => {
    for (const s of result.lync!.install.steps) {
      const r = rec.find((x) => x.name === s.id)!;
      const inputs = r.inputs as { runAsUser?: string };
      expect(inputs.runAsUser ?? null).toBe(s.runAs === "domain-admin" ? "CONTOSO\\pckadmin" : null);
      for (const [where, value] of plainStrings(r.inputs)) for (const secret of Object.values(SECRET_VALUES)) expect(`${where}=${value}`).not.toContain(secret);
    }
  });

  it("gives the media step its URLs only as protected parameters", () => {
    const media = result.lync!.install.steps.find((s) => s.args.kind === "media")!;
    const r = rec.find((x) => x.name === media.id)!;
    const protectedNames = ((r.inputs as { protectedParameters?: { name: string }[] }).protectedParameters ?? []).map((p) => p.name);
    expect(protectedNames).toEqual(expect.arrayContaining(["MediaUrl", "UpdateUrl"]));
    for (const key of ["lyncMediaUrl", "lyncUpdateUrl"]) expect(wrappedSecretPaths(r.inputs, SECRET_VALUES[key]!).length).toBe(1);
  });
});
