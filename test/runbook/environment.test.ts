/** TopologyPlan -> RunbookEnvironment: pure, no stand-ins needed (the plan is built by hand). */
import { principalsMode, runbookEnvironment } from "../../src/runbook/environment";
import type { ServerPlan, TopologyPlan } from "../../src/topology/plan";
import { UserErrors, UserError } from "../../migration-jobs/common/errors";

const server = (key: string, role: ServerPlan["role"], computerName: string): ServerPlan =>
  ({ key, role, computerName, fqdn: `${computerName.toLowerCase()}.contoso.local` }) as ServerPlan;

function plan(over: Partial<TopologyPlan> = {}): TopologyPlan {
  return {
    domain: { fqdn: "contoso.local", netbiosName: "CONTOSO" },
    adminUsername: "pckadmin",
    servers: [server("gc-1", "legacy-group-chat", "LABGC01"), server("pc-1", "persistent-chat", "LABPC01"), server("pc-2", "persistent-chat", "LABPC02"), server("pc-3", "persistent-chat", "LABPC03"), server("fe-1", "front-end", "LABFE01")],
    sqlInstances: [
      { key: "sql-mgc", serverKey: "sql-1", instanceName: "RTC", dataSource: "labsql01.contoso.local\\RTC", role: "principal", site: "primary", databases: [{ name: "mgc", store: "PersistentChatStore", copy: "principal" }] },
    ],
    shares: [
      { key: "pcfs", purpose: "persistent-chat-file-store", kind: "windows-share", shareName: "pchatfs", uncPath: "\\\\labfs01.contoso.local\\pchatfs", quotaGb: 100 },
      { key: "stage", purpose: "migration-staging", kind: "windows-share", shareName: "migration", uncPath: "\\\\labfs01.contoso.local\\migration", quotaGb: 100 },
    ],
    pool: { fqdn: "pchatpool.contoso.local", activeServerKeys: ["pc-1", "pc-2"], standbyServerKeys: ["pc-3"], storeInstanceKey: "sql-mgc", fileStoreShareKey: "pcfs" },
    frontEnd: { fqdn: "labfe.contoso.local", serverKeys: ["fe-1"] },
    legacy: { product: "lync2010", mode: "provisioned", serverKeys: ["gc-1"], dataSource: "labsqlgc.contoso.local", database: "GroupChat", backupUrlConfigKey: null, fileStoreUnc: "\\\\labgc01.contoso.local\\GroupChatFiles", lookupSipUri: "sip:ocschat@contoso.local" },
    lync: { install: true, certificateAuthority: null, labCa: null, topologyFile: null, sipDomains: ["contoso.local", "contoso.com"] },
    ...over,
  } as unknown as TopologyPlan;
}

test("maps servers, stores, shares and the pool", () => {
  const env = runbookEnvironment(plan());
  expect(env).toEqual({
    domain: "contoso.local",
    // The topology's SIP domains: a seeded user must be in one of them.
    sipDomains: ["contoso.local", "contoso.com"],
    legacy: {
      product: "lync2010",
      servers: [{ key: "gc-1", computerName: "LABGC01" }],
      dataSource: "labsqlgc.contoso.local",
      database: "GroupChat",
      trustedApplicationPoolFqdn: "labgc01.contoso.local",
      fileStoreUnc: "\\\\labgc01.contoso.local\\GroupChatFiles",
      // lync-install §3: a provisioned legacy side is its restored database only.
      dataOnly: true,
    },
    // The plan's domain has no mode: not a new forest, so the principals are checked, not seeded.
    principals: "check",
    persistentChat: {
      poolFqdn: "pchatpool.contoso.local",
      // domain §6.3: standby servers of a stretched pool are not started by the runbook.
      servers: [
        { key: "pc-1", computerName: "LABPC01" },
        { key: "pc-2", computerName: "LABPC02" },
      ],
      storeDataSource: "labsql01.contoso.local\\RTC",
      storeDatabase: "mgc",
      fileStoreUnc: "\\\\labfs01.contoso.local\\pchatfs",
      // domain §6.3: the pool has a standby server, so the runbook sets its active list.
      activeServerFqdns: ["labpc01.contoso.local", "labpc02.contoso.local"],
    },
    frontEnd: { poolFqdn: "labfe.contoso.local", servers: [{ key: "fe-1", computerName: "LABFE01" }] },
    stagingFolder: "\\\\labfs01.contoso.local\\migration",
    runAs: "CONTOSO\\pckadmin",
  });
});

test("overrides win", () => {
  const env = runbookEnvironment(plan(), { legacyTrustedApplicationPoolFqdn: "gcpool.contoso.local", stagingFolder: "\\\\x\\y" });
  expect(env.legacy.trustedApplicationPoolFqdn).toBe("gcpool.contoso.local");
  expect(env.stagingFolder).toBe("\\\\x\\y");
});

test("no legacy deployment is a user error naming pchat-kit:legacy", () => {
  expect(() => runbookEnvironment(plan({ legacy: null }))).toThrow(UserError);
  expect(() => runbookEnvironment(plan({ legacy: null }))).toThrow(/pchat-kit:legacy/);
});

test("every gap is reported at once", () => {
  const p = plan({ shares: [], frontEnd: { serverKeys: ["fe-9"] } as TopologyPlan["frontEnd"] });
  try {
    runbookEnvironment(p);
    throw new Error("expected errors");
  } catch (e) {
    expect(e).toBeInstanceOf(UserErrors);
    expect((e as UserErrors).problems.map((x) => x.where).sort()).toEqual(["pchat-kit:fileStore", "pchat-kit:frontEnd", "pchat-kit:migration"]);
  }
});

test("the legacy SQL Server is not a Group Chat server: no service stop runs there", () => {
  const base = plan();
  const withSql = {
    ...base,
    servers: [...base.servers, server("legacy-sql", "legacy-sql", "LABGCSQL01")],
    legacy: { ...base.legacy!, serverKeys: ["gc-1", "legacy-sql"] },
  } as TopologyPlan;
  expect(runbookEnvironment(withSql).legacy.servers).toEqual([{ key: "gc-1", computerName: "LABGC01" }]);
});

// lync-install §3: only a lab's new forest with a restored (provisioned) legacy database is seeded.
describe.each<[string, "provisioned" | "existing" | null, "new-forest" | "existing", "seed" | "check"]>([
  ["a lab: new forest, restored legacy database", "provisioned", "new-forest", "seed"],
  ["staging: existing domain, restored legacy database", "provisioned", "existing", "check"],
  ["a new forest beside a real legacy deployment", "existing", "new-forest", "check"],
  ["an existing domain and a real legacy deployment", "existing", "existing", "check"],
  ["no legacy side", null, "new-forest", "check"],
])("principals: %s", (_name, legacyMode, domainMode, expected) => {
  test(`${expected}`, () => {
    const p = plan();
    const legacy = legacyMode === null ? null : { ...p.legacy!, mode: legacyMode };
    expect(principalsMode({ legacy, domain: { ...p.domain, mode: domainMode } })).toBe(expected);
    if (legacy) expect(runbookEnvironment({ ...p, legacy, domain: { ...p.domain, mode: domainMode } }).legacy.dataOnly).toBe(legacyMode === "provisioned");
  });
});
