/**
 * Checks shared by the per-stack tests: each shipped stack is planned offline by the REAL program
 * under Pulumi's mock runtime (standing in for the Pulumi engine and Azure, which this machine does
 * not have); its resources are checked against the plan and the ARM schemas. The Run Command scripts
 * are parsed and run by the PowerShell suite (test/powershell/), which plans each shipped stack the
 * same way (prepare.js) and runs its scripts under pwsh. One stack per test file, since the mock
 * runtime is global to a process.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { runOfflinePlan, type OfflinePlanResult } from "../../src/offline/plan";
import { planDocument } from "../../src/offline/plan-document";
import { ArmSchemas, armSchemasAvailable, explainArmErrors } from "../support/arm-schema";
import { unwrapSecrets, type RecordedResource } from "../../src/offline/recorder";
import { plainStrings, wrappedSecretPaths, SECRET_VALUES } from "../components/harness";

const ROOT = path.resolve(__dirname, "../..");
const VM = "azure-native:compute:VirtualMachine";
const RUN = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine";

/**
 * A copy of the shipped stack file, as `--config-file` would give, with its migration turned on when
 * it configures one (the shipped lab already does), so the runbook's resources are checked too.
 */
function configWithSecrets(stack: string): string {
  const doc = parseDocument(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8"));
  if (doc.hasIn(["config", "pchat-kit:migration", "runId"])) doc.setIn(["config", "pchat-kit:migration", "enabled"], true);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pchat-plan-")), `Pulumi.${stack}.yaml`);
  fs.writeFileSync(file, doc.toString());
  return file;
}

export function stackChecks(stack: string): void {
  describe(`stack ${stack}, planned offline`, () => {
    let result: OfflinePlanResult;
    let rec: RecordedResource[];
    const named = (n: string) => {
      const r = rec.find((x) => x.name === n);
      if (!r) throw new Error(`no resource ${n}`);
      return r;
    };

    beforeAll(async () => {
      // Distinctive secret values, standing in for `pulumi config set --secret` (never in the file).
      result = await runOfflinePlan({ stack, configFile: configWithSecrets(stack), projectRoot: ROOT, secretValues: SECRET_VALUES });
      rec = result.recorded;
    });

    it("declares one VM per planned server, counted by role", () => {
      const byRole = (roles: string[]) => roles.reduce<Record<string, number>>((m, r) => ((m[r] = (m[r] ?? 0) + 1), m), {});
      const vms = rec.filter((r) => r.type === VM);
      expect(byRole(vms.map((v) => (v.inputs as any).tags.role))).toEqual(byRole(result.plan.servers.map((s) => s.role)));
      expect(vms.length).toBeGreaterThan(0);
    });

    it("names every VM, NIC, OS disk and data disk explicitly", () => {
      for (const s of result.plan.servers) {
        const vm = named(`${s.key}-vm`).inputs as any;
        expect([vm.vmName, vm.osProfile.computerName, vm.storageProfile.osDisk.name]).toEqual([s.vmName, s.computerName, s.osDiskName]);
        expect(s.computerName.length).toBeLessThanOrEqual(15);
        for (const d of vm.storageProfile.dataDisks) expect(d.name).toBe(`${s.vmName}-lun${d.lun}`);
        expect((named(`${s.key}-nic`).inputs as any).networkInterfaceName).toBe(s.nicName);
      }
    });

    it("formats NTFS by LUN on every VM with non-SQL data disks, with the planned cluster size", () => {
      for (const s of result.plan.servers) {
        const guest = s.dataDisks.filter((d) => d.formattedBy === "guest-step");
        const step = rec.find((r) => r.name === `${s.key}-ntfs-data-disks`);
        expect(Boolean(step)).toBe(guest.length > 0);
        if (!step) continue;
        const script = (step.inputs as any).source.script as string;
        for (const d of s.dataDisks) {
          if (d.formattedBy === "sql-vm") expect(script).not.toContain(`$lun = ${d.lun}\n`);
          else expect(script).toContain(`-DriveLetter ${d.driveLetter} -FileSystem NTFS -AllocationUnitSize ${d.allocationUnitKb * 1024} `);
        }
      }
      const sixtyFour = result.plan.servers.flatMap((s) => s.dataDisks.filter((d) => d.formattedBy === "guest-step" && d.allocationUnitKb === 64).map((d) => `${s.key}:${d.lun}`));
      const inScripts = rec.filter((r) => r.name.endsWith("-ntfs-data-disks")).flatMap((r) => ((r.inputs as any).source.script.match(/AllocationUnitSize 65536/g) ?? []) as string[]);
      expect(inScripts.length).toBe(sixtyFour.length);
    });

    it("orders each member: domain ready -> join -> features -> NTFS, one Run Command at a time per VM", () => {
      const dcKey = result.plan.domain.domainControllerKey;
      for (const s of result.plan.servers.filter((x) => x.joinsDomain)) {
        const join = named(`${s.key}-domain-join`);
        const vnet = result.plan.sites.find((x) => x.key === s.site)!.vnet.name;
        expect(join.dependsOn).toContain(vnet);
        if (result.plan.domain.mode === "new-forest") expect(join.dependsOn).toContain(`${dcKey}-ad-ready`);
      }
      for (const s of result.plan.servers) {
        const chain = rec.filter((r) => ([RUN, "azure-native:compute:VirtualMachineExtension"].includes(r.type) && (r.inputs as any).vmName === s.vmName) || r.name === `${s.key}-sqlvm` || r.name === `${s.key}-forest-reboot` || r.name === `${s.key}-join-reboot` || (r.name.startsWith(`${s.key}-lync-`) && r.name.endsWith("-restart")));
        for (let i = 1; i < chain.length; i++) expect(chain[i]!.dependsOn).toContain(chain[i - 1]!.name);
      }
    });

    it("installs MSMQ on every Persistent Chat server", () => {
      for (const s of result.plan.servers.filter((x) => x.role === "persistent-chat")) {
        expect((named(`${s.key}-windows-features`).inputs as any).source.script).toContain("'MSMQ-Server'");
      }
    });

    it("opens nothing to the Internet but Bastion", () => {
      for (const nsg of rec.filter((r) => r.type === "azure-native:network:NetworkSecurityGroup")) {
        for (const rule of (nsg.inputs as any).securityRules ?? []) {
          if (rule.access !== "Allow") continue;
          const sources = [rule.sourceAddressPrefix, ...(rule.sourceAddressPrefixes ?? [])].filter(Boolean);
          expect(sources.filter((x: string) => /^(\*|Internet|0\.0\.0\.0\/0)$/.test(x))).toEqual([]);
        }
      }
      expect(rec.filter((r) => r.type === "azure-native:network:PublicIPAddress").map((r) => r.name)).toEqual(result.plan.bastion ? [result.plan.bastion.publicIpName] : []);
    });

    (armSchemasAvailable() ? it : it.skip)("validates every resource against the ARM schemas (skipped when ../shared/azure-arm-schemas is absent)", () => {
      const schemas = new ArmSchemas();
      const problems: string[] = [];
      for (const r of rec.filter((x) => x.type.startsWith("azure-native:"))) {
        const { errors } = schemas.validate(r.type, unwrapSecrets(r.inputs) as Record<string, unknown>);
        if (errors.length) problems.push(`${r.name}: ${explainArmErrors(errors).join("; ")}`);
      }
      expect(problems).toEqual([]);
    });

    it("prints the --json document with every secret as [secret]", () => {
      const json = JSON.stringify(planDocument(result));
      const doc = JSON.parse(json);
      expect(doc.stack).toBe(stack);
      for (const r of doc.resources) expect(Object.keys(r)).toEqual(["type", "name", "parent", "inputs"]);
      expect(json).toContain('"[secret]"');
    });

    it("declares the migration runbook when the stack enables it: a Run Command per Windows step, a gate per gate, in order", () => {
      const migration = result.config.migration;
      const runbookResources = rec.filter((r) => migration.enabled && r.name.startsWith(`${migration.runId}-`));
      if (!migration.enabled) {
        expect(result.outputs.runbook).toBeNull();
        expect(rec.filter((r) => r.type === "pulumi-nodejs:dynamic:Resource" && r.name.includes("gate"))).toEqual([]);
        return;
      }
      const runs = runbookResources.filter((r) => r.type === RUN);
      const gates = runbookResources.filter((r) => r.type !== RUN);
      expect(gates.map((g) => g.name)).toEqual([`${migration.runId}-01-readiness-gate`, `${migration.runId}-11-verification-gate`]);
      expect(runs.length).toBeGreaterThanOrEqual(9);
      for (const r of runs) {
        const inputs = r.inputs as any;
        expect(inputs.treatFailureAsDeploymentFailure).toBe(true);
        expect(inputs.runCommandName).toBe(r.name);
        // Every step waits for the readiness gate, directly or through an earlier step.
        const seen = new Set<string>();
        const reaches = (name: string): boolean => {
          if (name === `${migration.runId}-01-readiness-gate`) return true;
          if (seen.has(name)) return false;
          seen.add(name);
          return (rec.find((x) => x.name === name)?.dependsOn ?? []).some(reaches);
        };
        expect(reaches(r.name)).toBe(true);
      }
      // The gates reach SQL with connection strings that exist only as secrets, and decide with the
      // migration config's cutoff and export level.
      for (const g of gates) {
        expect(g.inputs).toMatchObject({ cutoff: migration.cutoff, exportLevel: migration.exportLevel });
        expect(wrappedSecretPaths(g.inputs, SECRET_VALUES.sqlAdminPassword!)).toEqual(expect.arrayContaining(["legacy", "target"]));
      }
    });

    it("gives the gates the Bastion tunnels they open themselves (issue 11, item 9): none opened by hand before pulumi up", () => {
      const migration = result.config.migration;
      if (!migration.enabled) return;
      const plan = result.plan;
      const gates = rec.filter((r) => r.type === "pulumi-nodejs:dynamic:Resource" && r.name.startsWith(`${migration.runId}-`) && r.name.endsWith("-gate"));
      const store = plan.sqlInstances.find((i) => i.key === plan.pool.storeInstanceKey)!;
      const sides: Array<[string, string | null, string]> = [
        ["legacyTunnel", migration.gates.legacyServer, plan.legacy!.dataSource],
        ["targetTunnel", migration.gates.targetServer, store.dataSource],
      ];
      expect(gates.length).toBe(2);
      let tunnels = 0;
      for (const g of gates) {
        for (const [input, configured, dataSource] of sides) {
          const host = plan.servers.find((s) => s.fqdn.toLowerCase() === dataSource.split(/[\\,]/)[0]!.toLowerCase());
          const tunnel = (g.inputs as Record<string, unknown>)[input];
          if (!plan.bastion || configured || !host) {
            expect(tunnel).toBeNull();
            continue;
          }
          const site = plan.sites.find((x) => x.key === plan.bastion!.site)!;
          expect(tunnel).toEqual({ bastionName: plan.bastion.name, resourceGroup: site.resourceGroupName, targetResourceId: expect.stringContaining(`${host.key}-vm`), resourcePort: host.sql!.port });
          tunnels++;
        }
      }
      // The provisioned legacy side's SQL VM is always a VM of the stack: with Bastion, it is tunnelled to.
      if (plan.bastion && plan.legacy?.mode === "provisioned" && !migration.gates.legacyServer) expect(tunnels).toBeGreaterThanOrEqual(2);
    });

    describe.each(Object.keys(SECRET_VALUES))("secret %s", (key) => {
      it("is wrapped as a secret wherever used, and absent from plain inputs, the JSON plan and the notes", () => {
        const value = SECRET_VALUES[key]!;
        const used = result.plan.secrets[key as keyof typeof result.plan.secrets] !== null;
        const wrapped = rec.flatMap((r) => wrappedSecretPaths(r.inputs, value));
        if (used) expect(wrapped.length).toBeGreaterThan(0);
        expect(rec.flatMap((r) => plainStrings(r.inputs).filter(([, s]) => s.includes(value)).map(([p]) => `${r.name}.${p}`))).toEqual([]);
        expect(JSON.stringify(planDocument(result))).not.toContain(value);
        expect(result.notes.join("\n")).not.toContain(value);
      });
    });
  });
}
