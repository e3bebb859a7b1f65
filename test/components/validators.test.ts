/** The components' small pure helpers, one table case per rule; no Pulumi runtime involved. */
import { securityRule } from "../../src/components/network";
import { supportsPremiumStorage, diskStorageType } from "../../src/components/windows-server";
import { checkSqlServerPlan } from "../../src/components/sql-server";
import { missingSecrets } from "../../src/components/secrets";
import { physicalName, redactSecrets, unwrapSecrets, SECRET_SIG, SECRET_SIG_VALUE } from "../../src/offline/recorder";
import { labPlan } from "./fixtures";
import type { NetworkRulePlan } from "../../src/topology/plan";

const rule = (p: Partial<NetworkRulePlan>): NetworkRulePlan => ({ name: "r", priority: 100, access: "Allow", protocol: "Tcp", sourcePrefixes: ["10.0.1.0/24"], destinationPrefixes: ["10.0.2.4"], destinationPorts: ["5041"], reason: "test", ...p });

describe("securityRule: one value in the singular ARM field, several in the plural one", () => {
  it.each([
    ["one of each", rule({}), { sourceAddressPrefix: "10.0.1.0/24", destinationAddressPrefix: "10.0.2.4", destinationPortRange: "5041" }, ["sourceAddressPrefixes", "destinationPortRanges"]],
    ["several ports", rule({ destinationPorts: ["881", "8011"] }), { destinationPortRanges: ["881", "8011"] }, ["destinationPortRange"]],
    ["several sources", rule({ sourcePrefixes: ["10.0.1.0/24", "10.0.3.0/24"] }), { sourceAddressPrefixes: ["10.0.1.0/24", "10.0.3.0/24"] }, ["sourceAddressPrefix"]],
  ])("%s", (_n, input, expected, absent) => {
    const out = securityRule(input) as unknown as Record<string, unknown>;
    expect(out).toMatchObject({ direction: "Inbound", sourcePortRange: "*", ...expected });
    for (const k of absent) expect(out).not.toHaveProperty(k);
  });
});

describe("supportsPremiumStorage", () => {
  it.each([
    ["Standard_D4s_v3", true],
    ["Standard_E2s_v3", true],
    ["Standard_B2ms", true],
    ["Standard_DS2_v2", true],
    ["Standard_E8as_v5", true],
    ["Standard_A2_v2", false],
    ["Standard_D4_v3", false],
    ["Standard_B2s", true],
  ])("%s -> %s", (size, expected) => expect(supportsPremiumStorage(size)).toBe(expected));

  it("keeps non-database disks on Standard SSD, and Premium off sizes without it", () => {
    const [data, , backup] = labPlan().servers.find((s) => s.key === "sql-1")!.dataDisks;
    expect(diskStorageType(data!, "Standard_E4s_v3")).toBe("Premium_LRS");
    expect(diskStorageType(data!, "Standard_D4_v3")).toBe("StandardSSD_LRS");
    expect(diskStorageType(backup!, "Standard_E4s_v3")).toBe("StandardSSD_LRS");
  });
});

describe("checkSqlServerPlan", () => {
  const sql = () => structuredClone(labPlan().servers.find((s) => s.key === "sql-1")!);
  it("accepts the fixture", () => expect(checkSqlServerPlan(sql()).dataLuns).toEqual([0]));
  it.each([
    ["no sql plan", (s: ReturnType<typeof sql>) => void delete s.sql, /without a sql plan/],
    ["a Windows image", (s: ReturnType<typeof sql>) => void (s.image = { ...s.image, publisher: "MicrosoftWindowsServer" }), /MicrosoftSQLServer/],
    ["a SQL LUN left to the guest step", (s: ReturnType<typeof sql>) => void (s.dataDisks[0]!.formattedBy = "guest-step"), /LUN 0 is a SQL LUN/],
    ["a SQL LUN without a disk", (s: ReturnType<typeof sql>) => void s.sql!.logLuns.push(7), /SQL LUN 7 has no data disk/],
  ])("refuses %s", (_n, mutate, message) => {
    const s = sql();
    mutate(s);
    expect(() => checkSqlServerPlan(s)).toThrow(message);
  });
});

describe("recorder helpers", () => {
  const wrapped = { [SECRET_SIG]: SECRET_SIG_VALUE, value: "p@ss" };
  it("redacts secrets at any depth and unwraps them for schema checks", () => {
    const inputs = { a: wrapped, b: [{ c: wrapped }], d: "plain" };
    expect(redactSecrets(inputs)).toEqual({ a: "[secret]", b: [{ c: "[secret]" }], d: "plain" });
    expect(unwrapSecrets(inputs)).toEqual({ a: "p@ss", b: [{ c: "p@ss" }], d: "plain" });
  });
  it.each([
    ["azure-native:network:VirtualNetwork", { virtualNetworkName: "vnet-a" }, "vnet-a"],
    ["azure-native:storage:StorageAccount", { accountName: "acct" }, "acct"],
    ["azure-native:compute:VirtualMachine", { vmName: "vm-a" }, "vm-a"],
    ["pchat-kit:core:ResourceGroups", {}, "logical"],
  ])("physicalName of %s", (type, inputs, expected) => expect(physicalName(type, "logical", inputs)).toBe(expected));
});

describe("missingSecrets", () => {
  const refs = labPlan().secrets;
  const configWith = (present: string[]) => ({ getSecret: (k: string) => (present.includes(k) ? ({} as never) : undefined) });
  it("names each missing secret key with the command that sets it", () => {
    const errors = missingSecrets(refs, configWith(["adminPassword", "safeModePassword"]), () => true);
    expect(errors.map((e) => e.where)).toEqual(["pchat-kit:sqlAdminPassword", "pchat-kit:legacyBackupUrl"]);
    expect(errors[0]!.fix).toContain("pulumi config set --secret sqlAdminPassword");
  });
  it("refuses a secret set in clear text (a plain `pulumi config set`), naming it and the command, never the value", () => {
    const all = ["adminPassword", "sqlAdminPassword", "safeModePassword", "legacyBackupUrl"];
    const errors = missingSecrets(refs, configWith(all), (k) => k !== "pchat-kit:adminPassword");
    expect(errors.map((e) => [e.where, e.message])).toEqual([["pchat-kit:adminPassword", "pchat-kit:adminPassword: a secret is set in clear text, not encrypted (the value is not shown)"]]);
    expect(errors[0]!.fix).toContain("pulumi config set --secret adminPassword");
  });
  it("asks nothing for secrets the plan does not need", () => {
    expect(missingSecrets({ ...refs, safeModePassword: null, legacyBackupUrl: null }, configWith(["adminPassword", "sqlAdminPassword"]), () => true)).toEqual([]);
  });
});
