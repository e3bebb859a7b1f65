/**
 * The lab stack with the contacts job configured (`pchat-kit:migration.contacts`), planned offline
 * by the real program under Pulumi's mock runtime (standing in for the Pulumi engine and Azure):
 * the contact-list steps join the same runbook after its last step, on the front end.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { runOfflinePlan, type OfflinePlanResult } from "../../src/offline/plan";

const ROOT = path.resolve(__dirname, "../..");
const RUN = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine";

describe("lab stack with the contacts job", () => {
  let result: OfflinePlanResult;
  beforeAll(async () => {
    const doc = parseDocument(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8"));
    doc.setIn(["config", "pchat-kit:migration", "enabled"], true);
    doc.setIn(["config", "pchat-kit:migration", "contacts"], {
      strategy: "gradual-per-user",
      regDir: "test/contacts/fixtures/regs",
      usersFile: "test/contacts/fixtures/users.csv",
      acceptWarnings: true,
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pchat-contacts-")), "Pulumi.lab.yaml");
    fs.writeFileSync(file, doc.toString());
    result = await runOfflinePlan({ stack: "lab", configFile: file, projectRoot: ROOT });
  });

  it("appends the contacts steps to the runbook, on the front end, after the last Persistent Chat step", () => {
    const runId = result.config.migration.runId;
    const runs = result.recorded.filter((r) => r.type === RUN && r.name.startsWith(`${runId}-`));
    const contacts = runs.filter((r) => r.name.startsWith(`${runId}-contacts-`));
    expect(contacts.length).toBeGreaterThan(0);
    const fe = result.plan.servers.find((s) => s.key === result.plan.frontEnd.serverKeys[0])!;
    for (const r of contacts) expect((r.inputs as { vmName: string }).vmName).toBe(fe.vmName);
    const firstContacts = contacts[0]!;
    const before = runs.slice(0, runs.indexOf(firstContacts));
    expect(firstContacts.dependsOn).toContain(before[before.length - 1]!.name);
    // The default remote folder is the topology's migration staging share.
    const staging = result.plan.shares.find((s) => s.purpose === "migration-staging")!.uncPath;
    expect(JSON.stringify(firstContacts.inputs)).toContain(JSON.stringify(`${staging}\\contacts\\${runId}`).slice(1, -1));
  });

  it("writes the import files where the README says, for the operator to copy to the share", () => {
    const out = path.join(ROOT, "out", "contacts", "lab", result.config.migration.runId);
    expect(result.migration?.contacts?.folder).toBe(out);
    expect(fs.existsSync(path.join(out, "runbook-steps.json"))).toBe(true);
  });

  it("declares exactly the migration plan it returns: its steps are the runbook's Run Commands and gates", () => {
    const runId = result.config.migration.runId;
    const declared = result.recorded.filter((r) => (r.type === RUN || r.type === "pulumi-nodejs:dynamic:Resource") && r.name.startsWith(`${runId}-`)).map((r) => r.name);
    // The same steps; the order of registration follows when each step's dependencies resolve (the
    // Lync install's last step among them), so the order is checked by the runbook's own dependsOn tests.
    expect(result.migration!.runbook.steps.map((s) => `${runId}-${s.id}`).sort()).toEqual([...declared].sort());
  });
});
