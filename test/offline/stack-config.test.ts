/** Reading stack files as `pulumi up` would see them (pure file reading; no Pulumi runtime). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readStackConfig, runtimeConfigValue, findProjectRoot, projectName } from "../../src/offline/stack-config";
import { UserError } from "../../migration-jobs/common/errors";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-stack-config-"));
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

it("namespaces bare keys, decodes objects, and sets encrypted values apart", () => {
  const f = write("ok.yaml", "config:\n  location: westeurope\n  pchat-kit:pool:\n    activeServers: 2\n  pchat-kit:adminPassword:\n    secure: v1:abc\n  azure-native:location: westeurope\n");
  const c = readStackConfig(f, "pchat-kit");
  expect(c.values).toEqual({ "pchat-kit:location": "westeurope", "pchat-kit:pool": { activeServers: 2 }, "azure-native:location": "westeurope" });
  expect(c.encrypted).toEqual(["pchat-kit:adminPassword"]);
});

it.each([
  ["a missing file", path.join(tmp, "none.yaml"), /stack file not found/],
  ["broken YAML", write("bad.yaml", "config:\n  pchat-kit:pool: {activeServers: 2\n"), /not valid YAML/],
  ["config that is a list", write("list.yaml", "config:\n  - a\n"), /not a map/],
])("refuses %s with a UserError", (_n, file, message) => {
  let error: unknown;
  try {
    readStackConfig(file, "pchat-kit");
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).toMatch(message);
  expect((error as UserError).fix.length).toBeGreaterThan(10);
});

it.each([
  ["westeurope", "westeurope"],
  [2, "2"],
  [true, "true"],
  [{ a: [1] }, '{"a":[1]}'],
])("runtimeConfigValue(%j)", (v, expected) => expect(runtimeConfigValue(v)).toBe(expected));

it("finds the project root and its name", () => {
  const root = findProjectRoot(__dirname);
  expect(fs.existsSync(path.join(root, "Pulumi.yaml"))).toBe(true);
  expect(projectName(root)).toBe("pchat-kit");
});

describe("stackFileProblems: what a stack file may not hold", () => {
  const { stackFileProblems } = require("../../src/offline/plan") as typeof import("../../src/offline/plan");
  it.each([
    ["a secret in clear", { "pchat-kit:adminPassword": "Sentinel-Pw-1" }, "Pulumi.x.yaml: pchat-kit:adminPassword", /set in clear text/, "pulumi config set --secret adminPassword"],
    ["a SAS URL in clear", { "pchat-kit:legacyBackupUrl": "https://a/b?sig=Sentinel-Sig" }, "Pulumi.x.yaml: pchat-kit:legacyBackupUrl", /set in clear text/, "pulumi config set --secret legacyBackupUrl"],
    ["an unknown key", { "pchat-kit:poool": { activeServers: 2 } }, "Pulumi.x.yaml: pchat-kit:poool", /unknown key/, "correct its spelling"],
  ])("refuses %s by name, never by value", (_n, values, where, problem, fix) => {
    const [p, ...rest] = stackFileProblems(values, "pchat-kit:", "Pulumi.x.yaml");
    expect(rest).toEqual([]);
    expect(p!.where).toBe(where);
    expect(p!.message).toMatch(problem);
    expect(p!.fix).toContain(fix);
    expect(p!.describe()).not.toMatch(/Sentinel/);
  });
  it("accepts known keys and other namespaces", () => {
    expect(stackFileProblems({ "pchat-kit:pool": {}, "azure-native:location": "westeurope" }, "pchat-kit:", "f")).toEqual([]);
  });
});
