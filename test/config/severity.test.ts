/**
 * Severity of the config rules: errors block the config, warnings (supported but not recommended
 * choices) let it through and are reported. Pure: parse, rules and planner, no Pulumi.
 */
import { UserErrors } from "../../migration-jobs/common/errors";
import { ConfigWarning, configErrors, configWarnings, parseKitConfig, severityOf } from "../../src/config";
import { planTopology } from "../../src/topology/planner";
import { shaped } from "./helpers";

const enterprise = { frontEnd: { edition: "Enterprise", servers: 2 } };
const stretched = { secondaryLocation: "northeurope", pool: { compliance: true, stretched: true, activeServers: 4, standbyServers: 4 }, sql: { disasterRecovery: "log-shipping", highAvailability: "mirroring", complianceStore: "store-instance" } };

describe.each([
  // name, config, warnings (where), instance -> databases expected in the plan
  ["compliance on its own instance", { pool: { compliance: true } }, [], { "sql-store": "mgc:principal", "sql-compliance": "mgccomp:principal" }],
  ["mgc and mgccomp on one instance (LS: required resources)", { pool: { compliance: true }, sql: { complianceStore: "store-instance" } }, ["pchat-kit:sql.complianceStore"], { "sql-store": "mgc:principal,mgccomp:principal" }],
  ["... mirrored: the mirror holds both", { pool: { compliance: true }, sql: { complianceStore: "store-instance", highAvailability: "mirroring" } }, ["pchat-kit:sql.complianceStore"], { "sql-store": "mgc:principal,mgccomp:principal", "sql-store-mirror": "mgc:mirror,mgccomp:mirror" }],
  ["... stretched: the second datacentre's store holds a standby mgccomp", stretched, ["pchat-kit:sql.complianceStore"], { "sql-store-dr": "mgc:log-shipping-secondary,mgccomp:principal", "sql-store-dr-mirror": "mgc:mirror,mgccomp:mirror" }],
  ["... with mgc on the back end: mgccomp follows it", { ...enterprise, pool: { compliance: true }, sql: { storePlacement: "front-end-back-end", complianceStore: "store-instance" } }, ["pchat-kit:sql.complianceStore"], { "sql-backend": "rtcxds:principal,mgc:principal,mgccomp:principal" }],
  ["mgc and mgccomp on the back-end instance (LS: components and topologies)", { ...enterprise, pool: { compliance: true }, sql: { storePlacement: "front-end-back-end", complianceStore: "front-end-back-end" } }, ["pchat-kit:sql.complianceStore"], { "sql-backend": "rtcxds:principal,mgc:principal,mgccomp:principal" }],
  ["only mgccomp on the back end", { ...enterprise, pool: { compliance: true }, sql: { complianceStore: "front-end-back-end" } }, [], { "sql-backend": "rtcxds:principal,mgccomp:principal", "sql-store": "mgc:principal" }],
])("%s", (_name, raw, warnings, databases) => {
  const config = parseKitConfig(raw as Record<string, unknown>);
  const plan = planTopology(config, { project: "pchat-kit", stack: "t" });

  it("parses (a warning never blocks) and reports exactly the expected warnings, each a ConfigWarning with a fix", () => {
    const found = configWarnings(config);
    expect(found.map((w) => w.where)).toEqual(warnings);
    for (const w of found) {
      expect(w).toBeInstanceOf(ConfigWarning);
      expect(severityOf(w)).toBe("warning");
      expect(w.describe()).toMatch(/supported.*recommend/);
      expect(w.fix.length).toBeGreaterThan(10);
    }
    expect(configErrors(config)).toEqual([]);
  });

  it("places the databases on the planned instances", () => {
    const actual = Object.fromEntries(plan.sqlInstances.filter((i) => i.key in databases).map((i) => [i.key, i.databases.map((d) => `${d.name}:${d.copy}`).join(",")]));
    expect(actual).toEqual(databases);
    const compliance = plan.sqlInstances.find((i) => i.key === plan.pool.complianceInstanceKey);
    expect(compliance?.databases.some((d) => d.name === "mgccomp" && d.copy === "principal")).toBe(true);
  });
});

describe.each([
  ["an error alone", { pool: { activeServers: 5 } }, ["pchat-kit:pool.activeServers"]],
  ["an error next to a warning: only the error is thrown", { pool: { activeServers: 5, compliance: true }, sql: { complianceStore: "store-instance" } }, ["pchat-kit:pool.activeServers"]],
])("errors still block: %s", (_name, raw, where) => {
  it("throws UserErrors naming only the errors", () => {
    let error: unknown;
    try {
      parseKitConfig(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserErrors);
    expect((error as UserErrors).problems.map((p) => p.where)).toEqual(where);
    expect((error as UserErrors).problems.every((p) => severityOf(p) === "error")).toBe(true);
  });
});

it("keeps the warning out of a config whose compliance is off", () => {
  expect(configWarnings(shaped({ sql: { complianceStore: undefined } }))).toEqual([]);
});
