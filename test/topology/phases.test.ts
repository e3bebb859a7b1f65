/**
 * The phases of `planTopology`, each by its own table (issue 10). Configs are the shipped stacks,
 * parsed, with one setting changed where a case needs it; the whole plans stay in planner.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { UserError } from "../../migration-jobs/common/errors";
import { parseKitConfig, stackConfigToRaw, type KitConfig } from "../../src/config";
import {
  planInfrastructureServers,
  planLegacySide,
  planLyncServers,
  planPoolDns,
  planShares,
  planSites,
  planSqlInstances,
  planSubnets,
  serverAllocator,
  type ServerAllocator,
} from "../../src/topology/planner";

const STACKS_DIR = path.join(__dirname, "..", "..", "stacks");
const PARSED = new Map<string, KitConfig>();

/** A shipped stack's config, parsed once, copied and changed by `patch`. */
function config(stack: "lab" | "staging" | "dr", patch: (c: KitConfig) => void = () => {}): KitConfig {
  if (!PARSED.has(stack)) {
    const doc = YAML.parse(fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
    PARSED.set(stack, parseKitConfig(stackConfigToRaw(doc.config, `Pulumi.${stack}.yaml`)));
  }
  const c = structuredClone(PARSED.get(stack)!);
  patch(c);
  return c;
}

function allocator(c: KitConfig): ServerAllocator {
  return serverAllocator(c, planSubnets(c));
}

describe.each([
  ["lab", config("lab"), ["primary-infrastructure", "primary-lync", "primary-sql", "primary-legacy", "primary-bastion"]],
  ["staging", config("staging"), ["primary-infrastructure", "primary-lync", "primary-sql", "primary-bastion"]],
  ["dr", config("dr"), ["primary-infrastructure", "primary-lync", "primary-sql", "primary-bastion", "secondary-infrastructure", "secondary-lync", "secondary-sql"]],
])("planSubnets: %s", (_name, c, keys) => {
  it("plans the subnets of the sites in use", () => {
    const subnets = planSubnets(c);
    expect(subnets.map((s) => s.key)).toEqual(keys);
    for (const s of subnets) expect(s.nsgName === null).toBe(s.purpose === "bastion");
    expect(subnets.find((s) => s.purpose === "bastion")?.name).toBe("AzureBastionSubnet");
  });
});

describe("serverAllocator", () => {
  it.each([
    ["the first server of a subnet takes its first usable address", 1, ["10.10.1.4"]],
    ["the next ones follow in order", 3, ["10.10.1.4", "10.10.1.5", "10.10.1.6"]],
  ])("%s", (_name, count, ips) => {
    const c = config("lab", (x) => void (x.network.primary.subnets.lync = "10.10.1.0/24"));
    const servers = allocator(c);
    for (let i = 1; i <= count; i++) servers.add({ key: `fe-${i}`, role: "front-end", code: "frontEnd", site: "primary", index: i, subnet: "lync", size: "Standard_D4s_v5" });
    expect(servers.list.map((s) => s.privateIp)).toEqual(ips);
  });

  it("refuses a subnet without a free address, naming its config key", () => {
    const c = config("lab", (x) => void (x.network.primary.subnets.lync = "10.10.1.0/29"));
    const servers = allocator(c);
    const add = (i: number) => servers.add({ key: `fe-${i}`, role: "front-end", code: "frontEnd", site: "primary", index: i, subnet: "lync", size: "Standard_D4s_v5" });
    add(1);
    add(2);
    add(3);
    expect(() => add(4)).toThrow(UserError);
    expect(() => add(4)).toThrow(/pchat-kit:network\.primary\.subnets\.lync/);
  });
});

describe.each([
  ["a new forest, a Windows share (lab)", config("lab"), { dc: "dc-1", fileServer: "fs-1", backupOnFileServer: false, fsDisks: ["file-store"] }],
  ["an existing domain (staging)", config("staging"), { dc: null, fileServer: "fs-1", backupOnFileServer: false, fsDisks: ["file-store"] }],
  ["log shipping with a file server keeps the backups on it (dr)", config("dr"), { dc: "dc-1", fileServer: "fs-1", backupOnFileServer: true, fsDisks: ["file-store", "backup"] }],
  ["log shipping on Azure Files", config("dr", (c) => void (c.fileStore.kind = "azure-files")), { dc: "dc-1", fileServer: null, backupOnFileServer: false, fsDisks: [] }],
])("planInfrastructureServers: %s", (_name, c, expected) => {
  it("plans", () => {
    const infra = planInfrastructureServers(c, allocator(c));
    expect({
      dc: infra.dc?.key ?? null,
      fileServer: infra.fileServer?.key ?? null,
      backupOnFileServer: infra.backupOnFileServer,
      fsDisks: infra.fileServer?.dataDisks.map((d) => d.purpose) ?? [],
    }).toEqual(expected);
  });
});

describe.each([
  ["lab", config("lab"), { frontEnds: ["fe-1"], active: ["pchat-1"], standby: [] as string[] }],
  ["dr: standby servers in the second site", config("dr"), { frontEnds: ["fe-1", "fe-2"], active: ["pchat-1", "pchat-2", "pchat-3", "pchat-4"], standby: ["pchat-standby-1", "pchat-standby-2", "pchat-standby-3", "pchat-standby-4"] }],
  ["a collocated pool runs on the front ends", config("lab", (c) => void (c.pool.collocatedWithFrontEnd = true)), { frontEnds: ["fe-1"], active: ["fe-1"], standby: [] }],
])("planLyncServers: %s", (_name, c, expected) => {
  it("plans", () => {
    const lync = planLyncServers(c, allocator(c));
    expect({ frontEnds: lync.frontEnds.map((s) => s.key), active: lync.active.map((s) => s.key), standby: lync.standby.map((s) => s.key) }).toEqual(expected);
    for (const s of [...lync.active, ...lync.standby]) expect(s.windowsFeatures).toContain("MSMQ-Server");
    for (const s of lync.standby) expect(s).toMatchObject({ site: "secondary", poolState: "standby" });
  });
});

describe.each([
  ["lab: one store", config("lab"), { instances: ["sql-store"], store: "sql-store", compliance: null, backEnd: null }],
  ["staging: back end, mirrored store and compliance, witness", config("staging"), { instances: ["sql-backend", "sql-store", "sql-store-mirror", "sql-compliance", "sql-compliance-mirror", "sql-witness"], store: "sql-store", compliance: "sql-compliance", backEnd: "sql-backend" }],
  ["staging: compliance on the back end", config("staging", (c) => void (c.sql.complianceStore = "front-end-back-end")), { instances: ["sql-backend", "sql-store", "sql-store-mirror", "sql-witness"], store: "sql-store", compliance: "sql-backend", backEnd: "sql-backend" }],
  [
    "staging: the store and compliance on the back end",
    config("staging", (c) => {
      c.sql.storePlacement = "front-end-back-end";
      c.sql.complianceStore = "store-instance";
      c.sql.highAvailability = "none";
      c.sql.witness = false;
    }),
    { instances: ["sql-backend"], store: "sql-backend", compliance: "sql-backend", backEnd: "sql-backend" },
  ],
  ["dr: log shipped to a mirrored secondary with a witness", config("dr"), { instances: ["sql-backend", "sql-store", "sql-store-mirror", "sql-witness", "sql-store-dr", "sql-store-dr-mirror", "sql-witness-dr"], store: "sql-store", compliance: null, backEnd: "sql-backend" }],
  [
    "dr with compliance: its own instances in both sites",
    config("dr", (c) => void (c.pool.compliance = true)),
    {
      instances: ["sql-backend", "sql-store", "sql-store-mirror", "sql-compliance", "sql-compliance-mirror", "sql-witness", "sql-store-dr", "sql-store-dr-mirror", "sql-compliance-dr", "sql-compliance-dr-mirror", "sql-witness-dr"],
      store: "sql-store",
      compliance: "sql-compliance",
      backEnd: "sql-backend",
    },
  ],
  [
    "a collocated pool: the front end's SQL Express",
    config("lab", (c) => {
      c.pool.collocatedWithFrontEnd = true;
      c.pool.compliance = true;
    }),
    { instances: ["fe-1-local"], store: "fe-1-local", compliance: "fe-1-local", backEnd: null },
  ],
])("planSqlInstances: %s", (_name, c, expected) => {
  it("plans", () => {
    const servers = allocator(c);
    const infra = planInfrastructureServers(c, servers);
    const lync = planLyncServers(c, servers);
    const sql = planSqlInstances(c, servers, lync.frontEnds, infra.backupOnFileServer);
    expect({ instances: sql.instances.map((i) => i.key), store: sql.storeInstanceKey, compliance: sql.complianceInstanceKey, backEnd: sql.backEndInstanceKey }).toEqual(expected);
    for (const i of sql.instances) if (i.key !== "fe-1-local") expect(servers.list.find((s) => s.key === i.serverKey)?.sql?.name).toBe(servers.list.find((s) => s.key === i.serverKey)?.vmName);
  });
});

describe.each([
  ["none", config("staging"), [null, null, null]],
  ["provisioned: a Group Chat server and its SQL Server", config("lab"), ["legacy-gc", "legacy-sql", "MSSQLSERVER"]],
  [
    "existing: nothing to provision",
    config("lab", (c) => {
      c.legacy.mode = "existing";
      c.legacy.dataSource = "gcsql.contoso.com";
    }),
    [null, null, null],
  ],
])("planLegacySide: %s", (_name, c, expected) => {
  it("plans", () => {
    const legacy = planLegacySide(c, allocator(c));
    expect([legacy.groupChat?.key ?? null, legacy.sqlInstance?.key ?? null, legacy.sqlInstance?.instanceName ?? null]).toEqual(expected);
  });
});

describe.each([
  ["lab: file store, legacy file store, staging on the file server", config("lab"), ["pchat-file-store", "legacy-file-store", "migration-staging"], "fs-1"],
  ["staging: no legacy side, no staging share", config("staging"), ["pchat-file-store"], null],
  ["dr: log shipping's backup and copy shares", config("dr"), ["pchat-file-store", "log-shipping-backup", "log-shipping-copy"], null],
  ["lab on Azure Files: staging on the legacy Group Chat server", config("lab", (c) => void (c.fileStore.kind = "azure-files")), ["pchat-file-store", "legacy-file-store", "migration-staging"], "legacy-gc"],
])("planShares: %s", (_name, c, keys, stagingHost) => {
  it("plans", () => {
    const servers = allocator(c);
    const infra = planInfrastructureServers(c, servers);
    const lync = planLyncServers(c, servers);
    planSqlInstances(c, servers, lync.frontEnds, infra.backupOnFileServer);
    const legacy = planLegacySide(c, servers);
    const shares = planShares(c, { project: "pchat-kit", stack: "t" }, servers.list, infra, legacy.groupChat);
    expect(shares.map((s) => s.key)).toEqual(keys);
    const staging = shares.find((s) => s.key === "migration-staging");
    expect(staging?.kind === "windows-share" ? staging.serverKey : null).toBe(stagingHost);
  });
});

describe.each([
  ["lab", config("lab"), 1],
  ["dr", config("dr"), 2],
])("planPoolDns and planSites: %s", (_name, c, siteCount) => {
  it("points the pool FQDN at every active server, one site per datacentre", () => {
    const servers = allocator(c);
    planInfrastructureServers(c, servers);
    const lync = planLyncServers(c, servers);
    const pools = planPoolDns(c, servers.list, lync);
    const pool = pools.dns.find((r) => `${r.name}.${r.zone}` === pools.poolFqdn);
    expect(pool?.addresses).toEqual(lync.active.map((s) => s.privateIp));
    const sites = planSites(c, { project: "pchat-kit", stack: "t" }, planSubnets(c), ["10.0.0.4"]);
    expect(sites).toHaveLength(siteCount);
    for (const s of sites) expect(s.vnet.subnets.every((x) => x.key.startsWith(`${s.key}-`))).toBe(true);
  });
});
