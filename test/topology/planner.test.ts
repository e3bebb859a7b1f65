/** The planner, pure: no Pulumi, no Azure. The shipped stack files are read with the `yaml` package. */
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { parseKitConfig, stackConfigToRaw, type KitConfig } from "../../src/config";
import { parseCidr, contains } from "../../src/config/cidr";
import type { ServerRole, TopologyPlan } from "../../src/topology/plan";
import { DENY_ALL_PRIORITY } from "../../src/topology/nsg";
import { planTopology } from "../../src/topology/planner";

const STACKS_DIR = path.join(__dirname, "..", "..", "stacks");

function stackRaw(stack: string): Record<string, unknown> {
  const doc = YAML.parse(fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return stackConfigToRaw(doc.config, `Pulumi.${stack}.yaml`);
}

function planStack(stack: string): TopologyPlan {
  return planTopology(parseKitConfig(stackRaw(stack)), { project: "pchat-kit", stack });
}

function countByRole(plan: TopologyPlan): Partial<Record<ServerRole, number>> {
  const out: Partial<Record<ServerRole, number>> = {};
  for (const s of plan.servers) out[s.role] = (out[s.role] ?? 0) + 1;
  return out;
}

const PLANS = { lab: planStack("lab"), staging: planStack("staging"), dr: planStack("dr") };

describe("shipped stacks", () => {
  it.each([
    ["lab", { "domain-controller": 1, "front-end": 1, "persistent-chat": 1, sql: 1, "file-server": 1, "legacy-group-chat": 1, "legacy-sql": 1 }],
    ["staging", { "front-end": 2, "persistent-chat": 2, sql: 6, "file-server": 1 }],
    ["dr", { "domain-controller": 1, "front-end": 2, "persistent-chat": 8, sql: 7, "file-server": 1 }],
  ] as const)("%s plans the expected servers by role", (stack, expected) => {
    expect(countByRole(PLANS[stack])).toEqual(expected);
  });

  it("hold no secret values", () => {
    for (const stack of ["lab", "staging", "dr"]) {
      const text = fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8");
      for (const name of ["adminPassword", "sqlAdminPassword", "safeModePassword", "legacyBackupUrl"]) expect(text).not.toMatch(new RegExp(`pchat-kit:${name}:`));
      expect(text).not.toMatch(/sig=|AccountKey=|Password=/i);
    }
  });

  it("lab: Standard Edition, one-server multiple-computer pool, legacy Lync 2010 side restored from the backup URL", () => {
    const p = PLANS.lab;
    expect(p.frontEnd.edition).toBe("Standard");
    expect(p.pool).toMatchObject({ multipleComputerPool: true, activeServerKeys: ["pchat-1"], stretched: false, complianceEnabled: false });
    expect(p.legacy).toMatchObject({ product: "lync2010", mode: "provisioned", backupUrlConfigKey: "legacyBackupUrl", database: "GroupChat" });
    expect(p.secrets).toEqual({ adminPassword: "adminPassword", sqlAdminPassword: "sqlAdminPassword", safeModePassword: "safeModePassword", legacyBackupUrl: "legacyBackupUrl", lyncMediaUrl: "lyncMediaUrl", lyncUpdateUrl: "lyncUpdateUrl" });
    expect(p.domain.mode).toBe("new-forest");
    expect(p.sites[0]?.vnet.dnsServers).toEqual([p.servers.find((s) => s.role === "domain-controller")?.privateIp]);
  });

  it("staging: mirrored mgc with a witness, compliance on its own mirrored instance", () => {
    const p = PLANS.staging;
    const roles = p.sqlInstances.map((i) => [i.key, i.role, i.databases.map((d) => `${d.name}:${d.copy}`).join(",")]);
    expect(roles).toEqual([
      ["sql-backend", "principal", "rtcxds:principal"],
      ["sql-store", "principal", "mgc:principal"],
      ["sql-store-mirror", "mirror", "mgc:mirror"],
      ["sql-compliance", "principal", "mgccomp:principal"],
      ["sql-compliance-mirror", "mirror", "mgccomp:mirror"],
      ["sql-witness", "witness", ""],
    ]);
    expect(p.pool.complianceInstanceKey).toBe("sql-compliance");
    expect(p.pool.activeServerKeys).toHaveLength(2);
    expect(p.secrets.safeModePassword).toBeNull();
    expect(p.secrets.legacyBackupUrl).toBeNull();
    expect(p.domain.dnsServers).toEqual(["10.1.0.4", "10.1.0.5"]);
  });

  it("dr: 4 active + 4 standby across two sites, mgc log shipped to a mirrored secondary, peered VNets", () => {
    const p = PLANS.dr;
    const pcs = p.servers.filter((s) => s.role === "persistent-chat");
    expect(pcs.filter((s) => s.poolState === "active").every((s) => s.site === "primary")).toBe(true);
    expect(pcs.filter((s) => s.poolState === "standby").every((s) => s.site === "secondary")).toBe(true);
    expect(p.pool.standbyServerKeys).toHaveLength(4);
    const secondary = p.sqlInstances.filter((i) => i.site === "secondary").map((i) => i.role);
    expect(secondary).toEqual(["log-shipping-secondary", "log-shipping-secondary-mirror", "witness"]);
    expect(p.sqlInstances.find((i) => i.role === "log-shipping-secondary")?.databases).toEqual([{ name: "mgc", store: "PersistentChatStore", copy: "log-shipping-secondary" }]);
    expect(p.shares.map((s) => s.purpose)).toEqual(["persistent-chat-file-store", "log-shipping-backup", "log-shipping-copy"]);
    // The backup share must survive the principal's failure: it lives on the file server.
    expect(p.shares.find((x) => x.purpose === "log-shipping-backup")).toMatchObject({ serverKey: "fs-1", localPath: "G:\\Shares\\lsbackup" });
    expect(p.shares.find((x) => x.purpose === "log-shipping-copy")).toMatchObject({ serverKey: "sql-store-dr" });
    expect(p.servers.find((x) => x.key === "sql-store-dr")?.dataDisks.map((d) => d.purpose)).toEqual(["sql-data", "sql-log", "backup"]);
    expect(p.peerings.map((x) => `${x.fromSite}->${x.toSite}`)).toEqual(["primary->secondary", "secondary->primary"]);
    expect(p.sites.map((s) => s.location)).toEqual(["westeurope", "northeurope"]);
  });
});

describe.each(Object.entries(PLANS))("plan of %s", (_stack, plan) => {
  it("is deterministic", () => {
    expect(planStack(plan.stack)).toEqual(plan);
  });

  it("gives unique computer names of at most 15 characters, prefix + role code + site + index", () => {
    const names = plan.servers.map((s) => s.computerName);
    expect(new Set(names).size).toBe(names.length);
    for (const s of plan.servers) {
      expect(s.computerName.length).toBeLessThanOrEqual(15);
      expect(s.computerName).toMatch(new RegExp(`^${plan.prefix}[a-z]+[12]\\d\\d$`));
      expect(s.vmName).toBe(s.computerName);
      expect(s.fqdn).toBe(`${s.computerName}.${plan.domain.fqdn}`);
    }
  });

  it("gives each server one unique static IP inside its subnet, past Azure's reserved addresses", () => {
    const ips = plan.servers.map((s) => s.privateIp);
    expect(new Set(ips).size).toBe(ips.length);
    const subnets = plan.sites.flatMap((s) => s.vnet.subnets);
    for (const s of plan.servers) {
      const subnet = subnets.find((x) => x.key === s.subnetKey);
      const block = parseCidr(subnet?.cidr ?? "");
      const ip = parseCidr(`${s.privateIp}/32`);
      expect(block && ip && contains(block, ip)).toBe(true);
      expect(Number(s.privateIp.split(".")[3]) % (block?.size ?? 256)).toBeGreaterThanOrEqual(4);
    }
  });

  it("uses 64 KB clusters exactly on database volumes, NTFS everywhere, sql-vm only on SQL data/log LUNs", () => {
    for (const s of plan.servers)
      for (const d of s.dataDisks) {
        const isDatabase = d.purpose === "sql-data" || d.purpose === "sql-log" || d.purpose === "database";
        expect(d.allocationUnitKb).toBe(isDatabase ? 64 : 4);
        expect(d.fileSystem).toBe("NTFS");
        expect(d.formattedBy).toBe(d.purpose === "sql-data" || d.purpose === "sql-log" ? "sql-vm" : "guest-step");
        expect(d.driveLetter).toMatch(/^[F-Z]$/);
      }
  });

  it("installs MSMQ on every Persistent Chat server and gives it a single NIC in the next-hop time zone", () => {
    for (const s of plan.servers.filter((x) => x.role === "persistent-chat")) {
      expect(s.windowsFeatures).toContain("MSMQ-Server");
      expect(s.timeZone).toBe(plan.frontEnd.timeZone);
    }
  });

  it("gives SQL VMs their SqlVirtualMachine settings on LUN 0 and 1", () => {
    for (const s of plan.servers.filter((x) => x.role === "sql" || x.role === "legacy-sql")) {
      expect(s.sql).toMatchObject({ dataLuns: [0], logLuns: [1], dataPath: "F:\\SQLData", logPath: "G:\\SQLLog", tempDbPath: "D:\\SQLTemp" });
      expect(s.image.publisher).toBe("MicrosoftSQLServer");
    }
  });

  it("has an A record per server, and the pool FQDN resolves to every active server", () => {
    for (const s of plan.servers) expect(plan.dns).toContainEqual({ zone: plan.domain.fqdn, name: s.computerName, type: "A", addresses: [s.privateIp] });
    const pool = plan.dns.find((r) => `${r.name}.${r.zone}` === plan.pool.fqdn);
    const activeIps = plan.pool.activeServerKeys.map((k) => plan.servers.find((s) => s.key === k)?.privateIp);
    expect(pool?.addresses).toEqual(activeIps);
  });

  it("lets nothing in from the Internet: every NSG ends with deny-all, RDP only from Bastion, SQL only from Lync and operators", () => {
    const bastion = plan.sites[0]?.vnet.subnets.find((s) => s.purpose === "bastion")?.cidr;
    const lync = plan.sites.flatMap((s) => s.vnet.subnets).filter((s) => s.purpose === "lync").map((s) => s.cidr);
    for (const nsg of plan.nsgs) {
      const last = nsg.inbound[nsg.inbound.length - 1];
      expect(last).toMatchObject({ access: "Deny", priority: DENY_ALL_PRIORITY, sourcePrefixes: ["*"], destinationPorts: ["*"] });
      for (const rule of nsg.inbound.filter((r) => r.access === "Allow")) {
        expect(rule.sourcePrefixes).not.toContain("*");
        expect(rule.sourcePrefixes).not.toContain("Internet");
        expect(rule.priority).toBeLessThan(DENY_ALL_PRIORITY);
        if (rule.destinationPorts.includes("3389")) expect(rule.sourcePrefixes).toEqual([bastion]);
        if (rule.destinationPorts.includes("1433"))
          for (const src of rule.sourcePrefixes) {
            // Lync, SQL and legacy servers by IP (src/topology/ports.ts), or an operator range.
            const inside = [...lync, ...plan.sites.flatMap((s) => s.vnet.subnets).filter((s) => s.purpose === "sql" || s.purpose === "legacy").map((s) => s.cidr)].some((c) => contains(parseCidr(c)!, parseCidr(`${src}/32`) ?? parseCidr("0.0.0.0/0")!));
            expect(inside || plan.operatorCidrs.includes(src)).toBe(true);
          }
      }
      const priorities = nsg.inbound.map((r) => r.priority);
      expect(new Set(priorities).size).toBe(priorities.length);
    }
    const lyncNsg = plan.nsgs.find((n) => n.name.endsWith("primary-lync-nsg"));
    expect(lyncNsg?.inbound.flatMap((r) => r.destinationPorts)).toEqual(expect.arrayContaining(["5041", "881", "443", "8011"]));
  });

  it("puts Bastion in AzureBastionSubnet without an NSG of ours", () => {
    const subnet = plan.sites[0]?.vnet.subnets.find((s) => s.purpose === "bastion");
    expect(subnet).toMatchObject({ name: "AzureBastionSubnet", nsgName: null });
    expect(plan.bastion).toMatchObject({ enableTunneling: true, site: "primary" });
  });

  it("keeps at most one back-end and one Persistent Chat database per SQL instance (domain §5), and the shipped stacks keep mgccomp apart", () => {
    for (const i of plan.sqlInstances) {
      expect(i.databases.filter((d) => d.store === "LyncBackEnd").length).toBeLessThanOrEqual(1);
      expect(i.databases.filter((d) => d.store === "PersistentChatStore").length).toBeLessThanOrEqual(1);
      // Sharing is supported with a warning (test/config/severity.test.ts); no shipped stack does it.
      expect(i.databases.filter((d) => d.store === "PersistentChatStore" || d.store === "PersistentChatComplianceStore").length).toBeLessThanOrEqual(1);
    }
  });

  it("places the active servers in the datacentre of the primary mgc (domain §5)", () => {
    const store = plan.sqlInstances.find((i) => i.key === plan.pool.storeInstanceKey);
    for (const key of plan.pool.activeServerKeys) expect(plan.servers.find((s) => s.key === key)?.site).toBe(store?.site);
  });

  it("names secrets only, never their values", () => {
    expect(Object.values(plan.secrets).every((v) => v === null || /^[a-zA-Z]+$/.test(v))).toBe(true);
  });
});

describe("planner edges", () => {
  const base = (raw: Record<string, unknown>): KitConfig => parseKitConfig(raw);

  it("puts a collocated Standard Edition pool on the Front End, with MSMQ and the server FQDN as pool FQDN", () => {
    const p = planTopology(base({ pool: { collocatedWithFrontEnd: true } }), { project: "pchat-kit", stack: "t" });
    expect(p.servers.filter((s) => s.role === "persistent-chat")).toHaveLength(0);
    const fe = p.servers.find((s) => s.key === "fe-1");
    expect(fe?.windowsFeatures).toContain("MSMQ-Server");
    expect(p.pool.fqdn).toBe(fe?.fqdn);
    expect(p.sqlInstances.find((i) => i.key === p.pool.storeInstanceKey)?.serverKey).toBe("fe-1");
  });

  it("keeps every generated name within 15 characters at the longest prefix the rule allows", () => {
    const raw = { ...stackRaw("dr"), prefix: "contoso" };
    const p = planTopology(parseKitConfig(raw), { project: "pchat-kit", stack: "dr" });
    expect(Math.max(...p.servers.map((s) => s.computerName.length))).toBe(15);
    expect(() => parseKitConfig({ ...raw, prefix: "contoso1" })).toThrow(/pchat-kit:prefix/);
  });

  it("plans Azure Files with a deterministic storage account name and no file server", () => {
    const cfg = base({ fileStore: { kind: "azure-files" } });
    const a = planTopology(cfg, { project: "pchat-kit", stack: "s1" });
    const b = planTopology(cfg, { project: "pchat-kit", stack: "s2" });
    const share = a.shares[0];
    expect(share?.storageAccountName).toMatch(/^[a-z0-9]{3,24}$/);
    expect(share?.uncPath).toBe(`\\\\${share?.storageAccountName}.file.core.windows.net\\pchatfs`);
    expect(b.shares[0]?.storageAccountName).not.toBe(share?.storageAccountName);
    expect(a.servers.some((s) => s.role === "file-server")).toBe(false);
  });

  it("without a file server, keeps the log-shipping backup share on the principal's backup disk", () => {
    const p = planTopology(parseKitConfig({ ...stackRaw("dr"), fileStore: { kind: "azure-files" } }), { project: "pchat-kit", stack: "dr" });
    expect(p.shares.find((x) => x.purpose === "log-shipping-backup")).toMatchObject({ serverKey: "sql-store", localPath: "H:\\Shares\\lsbackup" });
  });

  it("reports a subnet too small for its servers by key", () => {
    const cfg = base({ pool: { activeServers: 4 }, network: { primary: { subnets: { lync: "10.40.1.0/29" } } } });
    try {
      planTopology(cfg, { project: "pchat-kit", stack: "t" });
      throw new Error("expected a UserError");
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).where).toBe("pchat-kit:network.primary.subnets.lync");
    }
  });

  it("keeps an existing legacy side's data source and plans no legacy VM", () => {
    const p = planTopology(base({ domain: { mode: "existing", dnsServers: ["10.1.0.4"] }, legacy: { mode: "existing", product: "ocs2007r2", dataSource: "gcsql.contoso.local\\GC", fileStoreUnc: "\\\\gcfs\\files" } }), { project: "pchat-kit", stack: "t" });
    expect(p.legacy).toMatchObject({ mode: "existing", dataSource: "gcsql.contoso.local\\GC", fileStoreUnc: "\\\\gcfs\\files", backupUrlConfigKey: null, serverKeys: [] });
    expect(p.servers.some((s) => s.role.startsWith("legacy"))).toBe(false);
  });

  it("refuses a secret written in clear in a stack file, without echoing it", () => {
    expect(() => stackConfigToRaw({ "pchat-kit:adminPassword": "Pl41n-Secret" }, "Pulumi.x.yaml")).toThrow(UserError);
    try {
      stackConfigToRaw({ "pchat-kit:adminPassword": "Pl41n-Secret" }, "Pulumi.x.yaml");
    } catch (e) {
      expect((e as UserError).describe()).not.toContain("Pl41n-Secret");
    }
    expect(stackConfigToRaw({ "pchat-kit:adminPassword": { secure: "v1:abc" }, "azure-native:location": "westeurope" })).toEqual({});
  });

  it("a config that breaks a rule never reaches the planner", () => {
    expect(() => parseKitConfig({ pool: { activeServers: 5 } })).toThrow(UserErrors);
  });
});

describe("lync.install names the media secrets (issue 11: missing media is a config error naming the key)", () => {
  test.each<[string, boolean, string | null]>([
    ["install off (a manual install)", false, null],
    ["install on", true, "lyncMediaUrl"],
  ])("%s", (_n, install, key) => {
    const p = planTopology(parseKitConfig({ ...stackRaw("lab"), lync: { install } }), { project: "pchat-kit", stack: "lab" });
    expect(p.secrets.lyncMediaUrl).toBe(key);
    expect(p.secrets.lyncUpdateUrl).toBe(key === null ? null : "lyncUpdateUrl");
  });
});
