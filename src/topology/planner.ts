/**
 * The pure planner: validated config -> TopologyPlan. No Pulumi, no I/O, deterministic: the same
 * config and stack always give the same names, IPs and disks, so a rebuild is the same environment.
 *
 * `planTopology` reads as the list of its phases, in the order that fixes every IP: the network, the
 * infrastructure servers, the Lync servers, the SQL instances, the legacy side, the shares, the pools'
 * DNS, the sites and their NSGs. Servers take the next free address of their subnet in the order
 * they are added, so the phases must not be reordered.
 */
import { UserError } from "../../migration-jobs/common/errors";
import { lyncPlan, lyncWindowsFeatures } from "./lync-install";
import type { KitConfig } from "../config";
import { parseCidr, usableHost } from "../config/cidr";
import { findOsImage, findSqlImage, sqlImageSku } from "../config/images";
import { computerName, plannedFrontEndPoolFqdn, plannedPersistentChatPoolFqdn, type RoleCodeKey } from "../config/naming";
import { sitesInUse, subnetsInUse } from "../config/rules/network";
import { disks } from "./disks";
import { planDns } from "./dns";
import { planNsgs } from "./nsg";
import type {
  DataDiskPlan,
  DatabasePlan,
  DiskPurpose,
  DnsRecordPlan,
  FileSharePlan,
  ImagePlan,
  NsgPlan,
  ServerPlan,
  ServerRole,
  SiteKey,
  SitePlan,
  SqlInstancePlan,
  SqlInstanceRole,
  SqlVmPlan,
  SubnetPlan,
  SubnetPurpose,
  TopologyPlan,
} from "./plan";

export interface PlanContext {
  project: string;
  stack: string;
}

const SITE_NUMBER: Record<SiteKey, 1 | 2> = { primary: 1, secondary: 2 };

/** A short stable hash (FNV-1a, base 36) for globally unique names such as storage accounts. */
export function stableHash(text: string, length = 8): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0").slice(0, length);
}

export function planTopology(config: KitConfig, ctx: PlanContext): TopologyPlan {
  const subnets = planSubnets(config);
  const servers = serverAllocator(config, subnets);
  const infrastructure = planInfrastructureServers(config, servers);
  const lync = planLyncServers(config, servers);
  const sql = planSqlInstances(config, servers, lync.frontEnds, infrastructure.backupOnFileServer);
  const legacy = planLegacySide(config, servers);
  const sqlInstances = legacy.sqlInstance ? [...sql.instances, legacy.sqlInstance] : sql.instances;
  const shares = planShares(config, ctx, servers.list, infrastructure, legacy.groupChat);
  const pools = planPoolDns(config, servers.list, lync);
  const dnsServers = infrastructure.dc ? [infrastructure.dc.privateIp] : [...config.domain.dnsServers];
  const sites = planSites(config, ctx, subnets, dnsServers);
  const nsgs = planNsgs({
    config,
    subnets,
    addressSpaces: sites.flatMap((s) => s.vnet.addressSpaces),
    servers: servers.list,
    sqlInstances,
    shares,
    pool: { activeServerKeys: lync.active.map((s) => s.key), standbyServerKeys: lync.standby.map((s) => s.key) },
  });
  return assemblePlan(config, ctx, { subnets, servers: servers.list, infrastructure, lync, sql, legacy, sqlInstances, shares, pools, dnsServers, sites, nsgs });
}

/** Phase: the subnets of every site in use, with their NSG names (Bastion's subnet takes none of ours). */
export function planSubnets(config: KitConfig): SubnetPlan[] {
  const { prefix } = config;
  const out: SubnetPlan[] = [];
  for (const site of sitesInUse(config)) {
    for (const purpose of subnetsInUse(config, site)) {
      out.push({
        key: `${site}-${purpose}`,
        name: purpose === "bastion" ? "AzureBastionSubnet" : `${prefix}-${site}-${purpose}`,
        cidr: config.network[site].subnets[purpose],
        purpose: purpose as SubnetPurpose,
        nsgName: purpose === "bastion" ? null : `${prefix}-${site}-${purpose}-nsg`,
      });
    }
  }
  return out;
}

/** What one server is, before it has a name and an address. */
export interface ServerSpec {
  key: string;
  role: ServerRole;
  code: RoleCodeKey;
  site: SiteKey;
  index: number;
  subnet: "infrastructure" | "lync" | "sql" | "legacy";
  size: string;
  dataDisks?: DataDiskPlan[];
  features?: string[];
  joinsDomain?: boolean;
  poolState?: "active" | "standby";
  image?: ImagePlan;
}

/** Adds servers in order, each with the next free address of its subnet. */
export interface ServerAllocator {
  /** Every server added so far, in order. */
  list: ServerPlan[];
  add(spec: ServerSpec): ServerPlan;
  sqlImage(version: string, edition: string): ImagePlan;
}

/** Phase: the server allocator of the config (names, IPs, images); servers are added by the phases below. */
export function serverAllocator(config: KitConfig, subnets: readonly SubnetPlan[]): ServerAllocator {
  const zone = config.domain.fqdn.toLowerCase();
  const timeZone = config.pool.timeZone ?? config.frontEnd.timeZone;
  const windowsImage = windowsImagePlan(config.image);
  const nextHost = new Map<string, number>();
  const allocateIp = (subnetKey: string): string => {
    const subnet = subnets.find((s) => s.key === subnetKey);
    const cidr = subnet ? parseCidr(subnet.cidr) : null;
    if (!subnet || !cidr) throw new Error(`planner: no subnet ${subnetKey}`);
    const n = nextHost.get(subnetKey) ?? 0;
    const ip = usableHost(cidr, n);
    if (ip === null) {
      const [site, purpose] = subnetKey.split("-");
      throw new UserError(`pchat-kit:network.${site}.subnets.${purpose}`, `${subnet.cidr} has no free address left for the servers planned in it`, "Give the subnet a larger range (a /27 or more).");
    }
    nextHost.set(subnetKey, n + 1);
    return ip;
  };
  const list: ServerPlan[] = [];
  const add = (s: ServerSpec): ServerPlan => {
    const name = computerName(config.prefix, s.code, SITE_NUMBER[s.site], s.index);
    const subnetKey = `${s.site}-${s.subnet}`;
    const server: ServerPlan = {
      key: s.key,
      role: s.role,
      site: s.site,
      computerName: name,
      vmName: name,
      nicName: `${name}-nic`,
      osDiskName: `${name}-osdisk`,
      fqdn: `${name}.${zone}`,
      subnetKey,
      privateIp: allocateIp(subnetKey),
      size: s.size,
      image: s.image ?? windowsImage,
      timeZone,
      dataDisks: s.dataDisks ?? [],
      windowsFeatures: s.features ?? [],
      joinsDomain: s.joinsDomain ?? true,
    };
    if (s.poolState) server.poolState = s.poolState;
    list.push(server);
    return server;
  };
  return { list, add, sqlImage: sqlImagePlan };
}

function windowsImagePlan(image: string): ImagePlan {
  const osImage = findOsImage(image);
  if (!osImage) throw new Error(`planner: image ${image} passed validation but is not in the allow-list`);
  return { publisher: osImage.publisher, offer: osImage.offer, sku: osImage.sku, version: "latest", label: osImage.label, unsupportedForLync: !osImage.supportedForLync };
}

function sqlImagePlan(version: string, edition: string): ImagePlan {
  const image = findSqlImage(version);
  if (!image) throw new Error(`planner: SQL version ${version} passed validation but is not in the allow-list`);
  return { publisher: "MicrosoftSQLServer", offer: image.offer, sku: sqlImageSku(edition), version: "latest", label: `SQL Server ${version} ${edition} (${image.offer})`, unsupportedForLync: !image.supportedForLync };
}

export interface InfrastructureServers {
  dc: ServerPlan | null;
  fileServer: ServerPlan | null;
  /**
   * domain §6.3: the log-shipping backup share must outlive a failed principal (the primary mirror
   * takes over the backups), so it lives on the file server when there is one, not on a SQL VM.
   */
  backupOnFileServer: boolean;
}

/** Phase: the domain controller (a new forest) and the file server (a Windows share file store). */
export function planInfrastructureServers(config: KitConfig, servers: ServerAllocator): InfrastructureServers {
  const v = config.volumes;
  const dc =
    config.domain.mode === "new-forest"
      ? servers.add({ key: "dc-1", role: "domain-controller", code: "domainController", site: "primary", index: 1, subnet: "infrastructure", size: config.vmSizes.domainController, dataDisks: disks([{ purpose: "ad-database", sizeGb: v.adDatabase.sizeGb }]), features: ["AD-Domain-Services", "DNS"], joinsDomain: false })
      : null;
  const backupOnFileServer = config.sql.disasterRecovery === "log-shipping" && config.fileStore.kind === "windows-share";
  const fileServer =
    config.fileStore.kind === "windows-share"
      ? servers.add({
          key: "fs-1",
          role: "file-server",
          code: "fileServer",
          site: "primary",
          index: 1,
          subnet: "infrastructure",
          size: config.vmSizes.fileServer,
          dataDisks: disks([{ purpose: "file-store", sizeGb: v.fileStore.sizeGb, label: "PCHAT-FS" }, ...(backupOnFileServer ? [{ purpose: "backup" as const, sizeGb: v.backup.sizeGb, label: "LS-BACKUP" }] : [])]),
          features: ["FS-FileServer"],
        })
      : null;
  return { dc, fileServer, backupOnFileServer };
}

export interface LyncServers {
  frontEnds: ServerPlan[];
  /** The Persistent Chat pool's active servers (the front ends of a collocated pool). */
  active: ServerPlan[];
  standby: ServerPlan[];
}

/** Phase: the front ends, then the Persistent Chat pool's active and standby servers. */
export function planLyncServers(config: KitConfig, servers: ServerAllocator): LyncServers {
  const collocated = config.pool.collocatedWithFrontEnd;
  const standard = config.frontEnd.edition === "Standard";
  const frontEnds: ServerPlan[] = [];
  for (let i = 1; i <= config.frontEnd.servers; i++) {
    frontEnds.push(
      servers.add({
        key: `fe-${i}`,
        role: "front-end",
        code: "frontEnd",
        site: "primary",
        index: i,
        subnet: "lync",
        size: config.vmSizes.frontEnd,
        // The Standard Edition server keeps its back end (and a collocated pool's stores) in local SQL Express.
        dataDisks: standard ? disks([{ purpose: "database", sizeGb: config.volumes.frontEndDatabase.sizeGb }]) : [],
        // domain §6.4: MSMQ on every server running the Persistent Chat service; Lync's own prerequisites when pulumi up installs it.
        features: config.lync.install ? lyncWindowsFeatures("front-end", collocated) : collocated ? ["MSMQ-Server"] : [],
        ...(collocated ? { poolState: "active" as const } : {}),
      }),
    );
  }
  if (collocated) return { frontEnds, active: [...frontEnds], standby: [] };
  const poolServer = (key: string, site: SiteKey, index: number, poolState: "active" | "standby") =>
    servers.add({ key, role: "persistent-chat", code: "persistentChat", site, index, subnet: "lync", size: config.vmSizes.persistentChat, features: config.lync.install ? lyncWindowsFeatures("persistent-chat", true) : ["MSMQ-Server"], poolState });
  const active: ServerPlan[] = [];
  const standby: ServerPlan[] = [];
  for (let i = 1; i <= config.pool.activeServers; i++) active.push(poolServer(`pchat-${i}`, "primary", i, "active"));
  for (let i = 1; i <= config.pool.standbyServers; i++) standby.push(poolServer(`pchat-standby-${i}`, "secondary", i, "standby"));
  return { frontEnds, active, standby };
}

/** The SQL VM settings of a server created from a SQL image: data on LUN 0 (F:), logs on LUN 1 (G:). */
function sqlVm(server: ServerPlan, version: string, edition: SqlVmPlan["edition"], licenseType: SqlVmPlan["licenseType"], port: number): SqlVmPlan {
  return { name: server.vmName, imageOffer: server.image.offer, imageSku: server.image.sku, version, edition, licenseType, dataLuns: [0], logLuns: [1], dataPath: "F:\\SQLData", logPath: "G:\\SQLLog", tempDbPath: "D:\\SQLTemp", port };
}

function dataSource(fqdn: string, instanceName: string): string {
  return instanceName.toUpperCase() === "MSSQLSERVER" ? fqdn : `${fqdn}\\${instanceName}`;
}

export interface SqlPlan {
  instances: SqlInstancePlan[];
  storeInstanceKey: string;
  complianceInstanceKey: string | null;
  backEndInstanceKey: string | null;
}

const mgc = (copy: DatabasePlan["copy"]): DatabasePlan => ({ name: "mgc", store: "PersistentChatStore", copy });
const mgccomp = (copy: DatabasePlan["copy"]): DatabasePlan => ({ name: "mgccomp", store: "PersistentChatComplianceStore", copy });

/**
 * Phase, domain §6.3: the SQL instances: the Enterprise back end, the store (and its mirror and
 * witness), the compliance store, and the log-shipping secondary with its own mirror and witness in
 * the second datacentre; a collocated pool keeps its stores in the front end's local SQL Express.
 */
export function planSqlInstances(config: KitConfig, servers: ServerAllocator, frontEnds: readonly ServerPlan[], backupOnFileServer: boolean): SqlPlan {
  if (config.pool.collocatedWithFrontEnd) return collocatedSql(config, frontEnds[0] as ServerPlan);
  const sql = config.sql;
  const instances: SqlInstancePlan[] = [];
  const v = config.volumes;
  const addSqlServer = (key: string, code: RoleCodeKey, site: SiteKey, role: SqlInstanceRole, databases: DatabasePlan[], withBackupDisk: boolean): SqlInstancePlan => {
    const specs: { purpose: DiskPurpose; sizeGb: number }[] = [
      { purpose: "sql-data", sizeGb: v.sqlData.sizeGb },
      { purpose: "sql-log", sizeGb: v.sqlLog.sizeGb },
    ];
    if (withBackupDisk) specs.push({ purpose: "backup", sizeGb: v.backup.sizeGb });
    const server = servers.add({ key, role: "sql", code, site, index: 1, subnet: "sql", size: config.vmSizes.sql, dataDisks: disks(specs), image: servers.sqlImage(sql.version, sql.edition) });
    server.sql = sqlVm(server, sql.version, sql.edition as "Standard" | "Enterprise" | "Developer", sql.licenseType, sql.port);
    const instance: SqlInstancePlan = { key, serverKey: key, instanceName: sql.instanceName, dataSource: dataSource(server.fqdn, sql.instanceName), role, site, databases };
    instances.push(instance);
    return instance;
  };
  const mirroring = sql.highAvailability === "mirroring";
  const dr = sql.disasterRecovery === "log-shipping";
  const compliancePlacement = config.pool.compliance ? (sql.complianceStore ?? "own-instance") : null;
  // LS required resources for Persistent Chat: mgccomp may share the mgc instance (a config warning
  // says standalone instances are recommended for HA/DR); its copies follow mgc's, and the second
  // datacentre's is a standby store as with its own instance (mgccomp is not log shipped).
  const withStore = (dbs: DatabasePlan[], copy: DatabasePlan["copy"]): DatabasePlan[] =>
    compliancePlacement === "store-instance" ? [...dbs, mgccomp(copy === "log-shipping-secondary" ? "principal" : copy)] : dbs;

  let backEndInstanceKey: string | null = null;
  if (config.frontEnd.edition === "Enterprise") {
    const dbs: DatabasePlan[] = [{ name: "rtcxds", store: "LyncBackEnd", copy: "principal" }];
    if (sql.storePlacement === "front-end-back-end") dbs.push(mgc("principal"));
    if (compliancePlacement === "front-end-back-end" || (compliancePlacement === "store-instance" && sql.storePlacement === "front-end-back-end")) dbs.push(mgccomp("principal"));
    backEndInstanceKey = addSqlServer("sql-backend", "backEndSql", "primary", "principal", dbs, false).key;
  }
  const storeInstanceKey =
    sql.storePlacement === "front-end-back-end" && backEndInstanceKey !== null
      ? backEndInstanceKey
      : addSqlServer("sql-store", "storeSql", "primary", "principal", withStore([mgc("principal")], "principal"), dr && !backupOnFileServer).key;
  if (mirroring) addSqlServer("sql-store-mirror", "storeMirror", "primary", "mirror", withStore([mgc("mirror")], "mirror"), false);
  let complianceInstanceKey: string | null = null;
  if (compliancePlacement === "own-instance") {
    complianceInstanceKey = addSqlServer("sql-compliance", "complianceSql", "primary", "principal", [mgccomp("principal")], false).key;
    if (mirroring) addSqlServer("sql-compliance-mirror", "complianceMirror", "primary", "mirror", [mgccomp("mirror")], false);
  } else if (compliancePlacement === "front-end-back-end") complianceInstanceKey = backEndInstanceKey;
  else if (compliancePlacement === "store-instance") complianceInstanceKey = storeInstanceKey;
  if (mirroring && sql.witness) addSqlServer("sql-witness", "witness", "primary", "witness", [], false);
  if (dr) {
    addSqlServer("sql-store-dr", "storeSql", "secondary", "log-shipping-secondary", withStore([mgc("log-shipping-secondary")], "log-shipping-secondary"), true);
    if (mirroring) addSqlServer("sql-store-dr-mirror", "storeMirror", "secondary", "log-shipping-secondary-mirror", withStore([mgc("mirror")], "mirror"), false);
    // domain §6.3: compliance needs the same layout again; mgccomp is not log shipped (its rows are
    // transient), so the second datacentre's copy is a standby store of its own.
    if (compliancePlacement === "own-instance") {
      addSqlServer("sql-compliance-dr", "complianceSql", "secondary", "log-shipping-secondary", [mgccomp("principal")], false);
      if (mirroring) addSqlServer("sql-compliance-dr-mirror", "complianceMirror", "secondary", "log-shipping-secondary-mirror", [mgccomp("mirror")], false);
    }
    if (mirroring && sql.witness) addSqlServer("sql-witness-dr", "witness", "secondary", "witness", [], false);
  }
  return { instances, storeInstanceKey, complianceInstanceKey, backEndInstanceKey };
}

/** domain §5: a collocated Standard Edition pool keeps mgc (and mgccomp) in the server's local SQL Express. */
function collocatedSql(config: KitConfig, fe: ServerPlan): SqlPlan {
  const dbs = [mgc("principal"), ...(config.pool.compliance ? [mgccomp("principal")] : [])];
  const instance: SqlInstancePlan = { key: "fe-1-local", serverKey: fe.key, instanceName: "RTC", dataSource: `${fe.fqdn}\\RTC`, role: "principal", site: "primary", databases: dbs };
  return { instances: [instance], storeInstanceKey: "fe-1-local", complianceInstanceKey: config.pool.compliance ? "fe-1-local" : null, backEndInstanceKey: null };
}

export interface LegacySide {
  groupChat: ServerPlan | null;
  sqlInstance: SqlInstancePlan | null;
}

/**
 * Phase: a provisioned legacy side (labs): its SQL Server, where the Group Chat database is restored,
 * and a file server for the legacy file store. Data-only: Lync Server 2010 Group Chat needs Windows
 * Server 2008 R2, which Azure does not offer, so none is installed (lync-install.md §3); the export
 * reads the restored database directly.
 */
export function planLegacySide(config: KitConfig, servers: ServerAllocator): LegacySide {
  const legacyCfg = config.legacy;
  if (legacyCfg.mode !== "provisioned") return { groupChat: null, sqlInstance: null };
  const v = config.volumes;
  const groupChat = servers.add({ key: "legacy-gc", role: "legacy-group-chat", code: "legacyGroupChat", site: "primary", index: 1, subnet: "legacy", size: config.vmSizes.legacyGroupChat, dataDisks: disks([{ purpose: "file-store", sizeGb: v.legacyFileStore.sizeGb, label: "GC-FS" }]), features: ["FS-FileServer"] });
  const legacyEdition = "Standard";
  const lsql = servers.add({
    key: "legacy-sql",
    role: "legacy-sql",
    code: "legacySql",
    site: "primary",
    index: 1,
    subnet: "legacy",
    size: config.vmSizes.legacySql,
    // The backup volume receives the legacy backup downloaded from legacyBackupUrl before RESTORE.
    dataDisks: disks([
      { purpose: "sql-data", sizeGb: v.sqlData.sizeGb },
      { purpose: "sql-log", sizeGb: v.sqlLog.sizeGb },
      { purpose: "backup", sizeGb: v.backup.sizeGb },
    ]),
    image: servers.sqlImage(legacyCfg.sqlVersion, legacyEdition),
  });
  lsql.sql = sqlVm(lsql, legacyCfg.sqlVersion, legacyEdition, config.sql.licenseType, 1433);
  const sqlInstance: SqlInstancePlan = { key: "legacy-sql", serverKey: "legacy-sql", instanceName: "MSSQLSERVER", dataSource: lsql.fqdn, role: "legacy", site: "primary", databases: [{ name: legacyCfg.database, store: "LegacyGroupChat", copy: "principal" }] };
  return { groupChat, sqlInstance };
}

/** Phase: the file shares: the Persistent Chat file store, log shipping's, the legacy file store and the migration's staging share. */
export function planShares(config: KitConfig, ctx: PlanContext, servers: readonly ServerPlan[], infrastructure: InfrastructureServers, legacyGc: ServerPlan | null): FileSharePlan[] {
  const shares: FileSharePlan[] = [fileStoreShare(config, ctx, infrastructure.fileServer)];
  if (config.sql.disasterRecovery === "log-shipping") shares.push(...logShippingShares(config, servers, infrastructure));
  if (legacyGc)
    shares.push({ key: "legacy-file-store", purpose: "legacy-file-store", kind: "windows-share", serverKey: legacyGc.key, localPath: "F:\\Shares\\gcfs", shareName: "gcfs", uncPath: `\\\\${legacyGc.fqdn}\\gcfs`, quotaGb: config.volumes.legacyFileStore.sizeGb });
  // The migration's export files, backups and per-run markers need a share every step can reach
  // (the SQL servers write backups to it, the Persistent Chat server imports from it): the file
  // server's file-store volume, or else the legacy Group Chat server's.
  const stagingHost = config.legacy.mode === "none" ? null : (infrastructure.fileServer ?? legacyGc);
  const disk = stagingHost?.dataDisks.find((d) => d.purpose === "file-store");
  if (stagingHost && disk)
    shares.push({ key: "migration-staging", purpose: "migration-staging", kind: "windows-share", serverKey: stagingHost.key, localPath: `${disk.driveLetter}:\\Shares\\migration`, shareName: "migration", uncPath: `\\\\${stagingHost.fqdn}\\migration`, quotaGb: disk.sizeGb });
  return shares;
}

/** The Persistent Chat file store: a share on the file server, or else an Azure Files share. */
function fileStoreShare(config: KitConfig, ctx: PlanContext, fileServer: ServerPlan | null): FileSharePlan {
  const fs = config.fileStore;
  if (fileServer)
    return { key: "pchat-file-store", purpose: "persistent-chat-file-store", kind: "windows-share", serverKey: fileServer.key, localPath: `F:\\Shares\\${fs.shareName}`, shareName: fs.shareName, uncPath: `\\\\${fileServer.fqdn}\\${fs.shareName}`, quotaGb: fs.quotaGb };
  const account = `${config.prefix}pcfs${stableHash(`${ctx.project}/${ctx.stack}/${config.location}`)}`.slice(0, 24);
  return { key: "pchat-file-store", purpose: "persistent-chat-file-store", kind: "azure-files", storageAccountName: account, shareName: fs.shareName, uncPath: `\\\\${account}.file.core.windows.net\\${fs.shareName}`, quotaGb: fs.quotaGb };
}

/** domain §6.3: a backup share every Persistent Chat SQL server can reach, and a copy destination on the secondary. */
function logShippingShares(config: KitConfig, servers: readonly ServerPlan[], infrastructure: InfrastructureServers): FileSharePlan[] {
  const out: FileSharePlan[] = [];
  const backupHost = infrastructure.backupOnFileServer ? infrastructure.fileServer : servers.find((s) => s.key === "sql-store");
  const secondary = servers.find((s) => s.key === "sql-store-dr");
  const backupDisk = backupHost?.dataDisks.find((d) => d.purpose === "backup");
  if (backupHost && backupDisk)
    out.push({ key: "log-shipping-backup", purpose: "log-shipping-backup", kind: "windows-share", serverKey: backupHost.key, localPath: `${backupDisk.driveLetter}:\\Shares\\lsbackup`, shareName: "lsbackup", uncPath: `\\\\${backupHost.fqdn}\\lsbackup`, quotaGb: backupDisk.sizeGb });
  if (secondary)
    out.push({ key: "log-shipping-copy", purpose: "log-shipping-copy", kind: "windows-share", serverKey: secondary.key, localPath: "H:\\Shares\\lscopy", shareName: "lscopy", uncPath: `\\\\${secondary.fqdn}\\lscopy`, quotaGb: config.volumes.backup.sizeGb });
  return out;
}

export interface PoolDns {
  poolFqdn: string;
  frontEndFqdn: string;
  dns: DnsRecordPlan[];
}

/**
 * Phase, domain §6.4: an A record per server, and the pool FQDN to every active server. The same
 * default FQDNs the config's clash rule checks (src/config/naming.ts), so they cannot drift apart.
 */
export function planPoolDns(config: KitConfig, servers: ServerPlan[], lync: LyncServers): PoolDns {
  const frontEndFqdn = plannedFrontEndPoolFqdn(config);
  const poolFqdn = plannedPersistentChatPoolFqdn(config);
  const dns = planDns(config.domain.fqdn.toLowerCase(), servers, [
    { fqdn: poolFqdn, addresses: lync.active.map((s) => s.privateIp) },
    { fqdn: frontEndFqdn, addresses: lync.frontEnds.map((s) => s.privateIp) },
  ]);
  return { poolFqdn, frontEndFqdn, dns };
}

/** Phase: one resource group and virtual network per site in use. */
export function planSites(config: KitConfig, ctx: PlanContext, subnets: readonly SubnetPlan[], dnsServers: string[]): SitePlan[] {
  const { prefix } = config;
  return sitesInUse(config).map((site) => ({
    key: site,
    location: site === "primary" ? config.location : config.secondaryLocation,
    resourceGroupName: `${prefix}-${ctx.stack}-${site}-rg`,
    vnet: { name: `${prefix}-${site}-vnet`, addressSpaces: [config.network[site].addressSpace], subnets: subnets.filter((s) => s.key.startsWith(`${site}-`)), dnsServers },
  }));
}

/** What the phases planned, for the plan's assembly. */
interface PlannedParts {
  subnets: SubnetPlan[];
  servers: ServerPlan[];
  infrastructure: InfrastructureServers;
  lync: LyncServers;
  sql: SqlPlan;
  legacy: LegacySide;
  sqlInstances: SqlInstancePlan[];
  shares: FileSharePlan[];
  pools: PoolDns;
  dnsServers: string[];
  sites: SitePlan[];
  nsgs: NsgPlan[];
}

/** Phase: the plan, from its parts; secrets are named by their config keys, never held. */
function assemblePlan(config: KitConfig, ctx: PlanContext, p: PlannedParts): TopologyPlan {
  const { prefix, domain } = config;
  const zone = domain.fqdn.toLowerCase();
  const legacyCfg = config.legacy;
  const bastionSubnet = p.subnets.find((s) => s.purpose === "bastion");
  return {
    project: ctx.project,
    stack: ctx.stack,
    prefix,
    adminUsername: config.adminUsername,
    sites: p.sites,
    peerings: p.sites.length === 2
      ? [
          { name: `${prefix}-primary-to-secondary`, fromSite: "primary", toSite: "secondary" },
          { name: `${prefix}-secondary-to-primary`, fromSite: "secondary", toSite: "primary" },
        ]
      : [],
    nsgs: p.nsgs,
    domain: { fqdn: zone, netbiosName: domain.netbiosName.toUpperCase(), mode: domain.mode, domainControllerKey: p.infrastructure.dc ? p.infrastructure.dc.key : null, dnsServers: p.dnsServers, ouPath: domain.ouPath },
    servers: p.servers,
    sqlInstances: p.sqlInstances,
    shares: p.shares,
    dns: p.pools.dns,
    bastion: config.access.bastion ? { name: `${prefix}-bastion`, site: "primary", publicIpName: `${prefix}-bastion-pip`, sku: config.access.bastionSku, enableTunneling: true } : null,
    pool: {
      fqdn: p.pools.poolFqdn,
      displayName: config.pool.displayName,
      sipPort: config.pool.sipPort,
      complianceEnabled: config.pool.compliance,
      multipleComputerPool: true,
      stretched: config.pool.stretched,
      activeServerKeys: p.lync.active.map((s) => s.key),
      standbyServerKeys: p.lync.standby.map((s) => s.key),
      storeInstanceKey: p.sql.storeInstanceKey,
      complianceInstanceKey: p.sql.complianceInstanceKey,
      fileStoreShareKey: "pchat-file-store",
      nextHopPoolFqdn: p.pools.frontEndFqdn,
    },
    frontEnd: { edition: config.frontEnd.edition, fqdn: p.pools.frontEndFqdn, serverKeys: p.lync.frontEnds.map((s) => s.key), backEndInstanceKey: p.sql.backEndInstanceKey, timeZone: config.frontEnd.timeZone },
    legacy:
      legacyCfg.mode === "none"
        ? null
        : {
            product: legacyCfg.product,
            mode: legacyCfg.mode,
            serverKeys: p.legacy.groupChat && p.legacy.sqlInstance ? [p.legacy.groupChat.key, p.legacy.sqlInstance.serverKey] : [],
            dataSource: p.legacy.sqlInstance ? p.legacy.sqlInstance.dataSource : (legacyCfg.dataSource ?? ""),
            database: legacyCfg.database,
            backupUrlConfigKey: legacyCfg.mode === "provisioned" ? "legacyBackupUrl" : null,
            fileStoreUnc: p.legacy.groupChat ? `\\\\${p.legacy.groupChat.fqdn}\\gcfs` : (legacyCfg.fileStoreUnc ?? null),
            lookupSipUri: legacyCfg.lookupSipUri ?? `sip:ocschat@${zone}`,
          },
    lync: lyncPlan({ install: config.lync.install, certificateAuthority: config.lync.certificateAuthority ?? null, topologyFile: config.lync.topologyFile ?? null, dc: p.infrastructure.dc, netbiosName: domain.netbiosName.toUpperCase(), domainFqdn: zone, sipDomains: config.lync.sipDomains }),
    operatorCidrs: [...config.access.sqlOperatorCidrs, ...(bastionSubnet ? [bastionSubnet.cidr] : [])],
    secrets: {
      adminPassword: "adminPassword",
      sqlAdminPassword: "sqlAdminPassword",
      safeModePassword: domain.mode === "new-forest" ? "safeModePassword" : null,
      legacyBackupUrl: legacyCfg.mode === "provisioned" ? "legacyBackupUrl" : null,
      lyncMediaUrl: config.lync.install ? "lyncMediaUrl" : null,
      lyncUpdateUrl: config.lync.install ? "lyncUpdateUrl" : null,
    },
    tags: { project: ctx.project, stack: ctx.stack, "managed-by": "pchat-kit" },
  };
}
