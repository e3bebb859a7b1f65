/**
 * `pchat-kit plan` in-process through runCli. The valid run uses Pulumi's mock runtime (standing in
 * for the Pulumi engine and Azure) once; the invalid ones fail before it is installed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/main";
import { bufferIo } from "../../migration-jobs/common/io";
import { renderPlanText } from "../../src/offline/plan-document";
import type { OfflinePlanResult } from "../../src/offline/plan";

const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-cli-plan-"));
const labYaml = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8");

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe.each([
  ["a Lync rule broken (5 active servers, domain §5)", write("five.yaml", labYaml.replace(/activeServers: 1/, "activeServers: 5")), /pchat-kit:pool/],
  ["broken YAML", write("broken.yaml", "config:\n  pchat-kit:location: [westeurope\n"), /broken\.yaml(:\d+)?: not valid YAML/],
  ["a missing file", path.join(tmp, "absent.yaml"), /absent\.yaml: stack file not found/],
])("plan with %s", (_name, file, message) => {
  it("exits 2, prints nothing on stdout and names the problem on stderr", async () => {
    const io = bufferIo();
    expect(await runCli(["plan", "--stack", "lab", "--config-file", file, "--json"], io)).toBe(2);
    expect(io.out).toBe("");
    expect(io.err).toMatch(message);
    expect(io.err).toMatch(/fix:/);
    expect(io.err).not.toMatch(/\n\s+at /);
  });
});

it("rejects a stack name that is not one", async () => {
  const io = bufferIo();
  expect(await runCli(["plan", "--stack", "../etc", "--json"], io)).toBe(2);
  expect(io.out).toBe("");
  expect(io.err).toContain("--stack");
});

describe("plan --stack lab --json (adminPassword encrypted in the file, the other secrets unset)", () => {
  const io = bufferIo();
  let code = -1;
  beforeAll(async () => {
    const file = write("Pulumi.lab.yaml", labYaml.replace(/^config:\n/m, "config:\n  pchat-kit:adminPassword:\n    secure: v1:c2VjcmV0LWNpcGhlcnRleHQ=\n"));
    code = await runCli(["plan", "--stack", "lab", "--config-file", file, "--json"], io);
  });

  it("prints exactly one JSON document of the documented shape", () => {
    expect(code).toBe(0);
    expect(io.out.trim().split("\n")).toHaveLength(1);
    const doc = JSON.parse(io.out);
    expect(doc.stack).toBe("lab");
    expect(doc.resources.length).toBeGreaterThan(20);
    for (const r of doc.resources) {
      expect(typeof r.type).toBe("string");
      expect(typeof r.name).toBe("string");
      expect(r.parent === null || typeof r.parent === "string").toBe(true);
      expect(typeof r.inputs).toBe("object");
    }
    // The placeholders are secrets too.
    expect(io.out).not.toContain("offline-placeholder-");
    expect(io.out).toContain('"[secret]"');
  });

  it("says on stderr which secrets are placeholders", () => {
    expect(io.err).toMatch(/pchat-kit:adminPassword is encrypted in .*Pulumi\.lab\.yaml and cannot be read offline: the plan uses a placeholder/);
    for (const k of ["sqlAdminPassword", "safeModePassword", "legacyBackupUrl"]) expect(io.err).toContain(`pchat-kit:${k} is not set: the plan uses a placeholder`);
    expect(io.err + io.out).not.toContain("c2VjcmV0LWNpcGhlcnRleHQ=");
  });

  it("renders the same plan as a readable tree", () => {
    const doc = JSON.parse(io.out);
    const text = renderPlanText({ stack: "lab", configFile: "stacks/Pulumi.lab.yaml", resources: doc.resources, outputs: doc.outputs } as OfflinePlanResult);
    expect(text).toMatch(/^Offline plan of stack lab/);
    expect(text).toMatch(/\n {2}groups {2}\[pchat-kit:core:ResourceGroups\]/);
    expect(text).toMatch(/-vm {2}\[azure-native:compute:VirtualMachine\] {2}.*vmSize=Standard_\w+.*computerName=\w+/);
    expect(text).toContain("Stack outputs:");
  });
});
