/**
 * A config warning through `pchat-kit plan` in-process (runCli), under Pulumi's mock runtime
 * (standing in for the Pulumi engine and Azure), once: mgc and mgccomp on one SQL instance is
 * supported (LS: required resources for Persistent Chat Server), so the plan is made (exit 0) and the
 * warning is a note on stderr; stdout keeps the one JSON document.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/main";
import { bufferIo } from "../../migration-jobs/common/io";

const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-cli-plan-warn-"));
const stagingYaml = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.staging.yaml"), "utf8");

describe("plan --stack staging --json with sql.complianceStore: store-instance", () => {
  const io = bufferIo();
  let code = -1;
  beforeAll(async () => {
    const text = stagingYaml.replace(/complianceStore: own-instance/, "complianceStore: store-instance");
    expect(text).not.toBe(stagingYaml);
    const file = path.join(tmp, "Pulumi.staging.yaml");
    fs.writeFileSync(file, text);
    code = await runCli(["plan", "--stack", "staging", "--config-file", file, "--json"], io);
  });

  it("plans (a warning never blocks) and prints one JSON document", () => {
    expect(code).toBe(0);
    expect(io.out.trim().split("\n")).toHaveLength(1);
    const names = (JSON.parse(io.out).resources as { type: string; inputs: { vmName?: string } }[]).filter((r) => r.type === "azure-native:compute:VirtualMachine").map((r) => String(r.inputs.vmName));
    // No compliance SQL VM (role code sqlcc/sqlcm): mgccomp lives on the mgc instance.
    expect(names.filter((n) => /sqlc[cm]/.test(n))).toEqual([]);
    expect(names.filter((n) => /sqlpc/.test(n)).length).toBeGreaterThan(0);
  });

  it("prints the warning once as a note naming the key, the recommendation and the fix", () => {
    const notes = io.err.split("\n").filter((l) => l.startsWith("note: warning: pchat-kit:sql.complianceStore"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/share one SQL instance: supported, but Microsoft recommends standalone instances/);
    expect(io.err).toMatch(/fix: Keep it for a lab, or set sql\.complianceStore: "own-instance"/);
    expect(io.err).not.toContain("[runtime]");
  });
});
