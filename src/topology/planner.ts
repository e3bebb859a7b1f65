/**
 * The pure planner: validated config -> TopologyPlan. No Pulumi, no I/O, deterministic: the same
 * config and stack always give the same names, IPs and disks, so a rebuild is the same environment.
 */
import { UserError } from "../../migration-jobs/common/errors";
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
  FileSharePlan,
  ImagePlan,
  ServerPlan,
  ServerRole,
  SiteKey,
  SitePlan,
  SqlInstancePlan,
  SqlInstanceRole,
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

function dataSource(fqdn: string, instanceName: string): string {
  return instanceName.toUpperCase() === "MSSQLSERVER" ? fqdn : `${fqdn}\\${instanceName}`;
}

export function planTopology(config: KitConfig, ctx: PlanContext): TopologyPlan {
  const { prefix, domain } = config;
  const zone = domain.fqdn.toLowerCase();
  const sites = sitesInUse(config);
  const timeZone = config.pool.timeZone ?? config.frontEnd.timeZone;

  // --- network ---------------------------------------------------------------------------------
  const subnetPlans: SubnetPlan[] = [];
  for (const site of sites) {
    for (const purpose of subnetsInUse(config, site)) {
      subnetPlans.push({
        key: `${site}-${purpose}`,
        name: purpose === "bastion" ? "AzureBastionSubnet" : `${prefix}-${site}-${purpose}`,
        cidr: config.network[site].subnets[purpose],
        purpose: purpose as SubnetPurpose,
        nsgName: purpose === "bastion" ? null : `${prefix}-${site}-${purpose}-nsg`,
      });
    }
  }
  const nextHost = new Map<string, number>();
  function allocateIp(subnetKey: string): string {
    const subnet = subnetPlans.find((s) => s.key === subnetKey);
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
  }

  // --- servers ---------------------------------------------------------------------------------
  const osImage = findOsImage(config.image);
  if (!osImage) throw new Error(`planner: image ${config.image} passed validation but is not in the allow-list`);
  const windowsImage: ImagePlan = { publisher: osImage.publisher, offer: osImage.offer, sku: osImage.sku, version: "latest", label: osImage.label, unsupportedForLync: !osImage.supportedForLync };

  function sqlImage(version: string, edition: string): ImagePlan {
    const image = findSqlImage(version);
    if (!image) throw new Error(`planner: SQL version ${version} passed validation but is not in the allow-list`);
    return { publisher: "MicrosoftSQLServer", offer: image.offer, sku: sqlImageSku(edition), version: "latest", label: `SQL Server ${version} ${edition} (${image.offer})`, unsupportedForLync: !image.supportedForLync };
  }

  const servers: ServerPlan[] = [];
  interface ServerSpec {
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
  function addServer(s: ServerSpec): ServerPlan {
    const name = computerName(prefix, s.code, SITE_NUMBER[s.site], s.index);
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
    servers.push(server);
    return server;
  }

  const v = config.volumes;
  const dc =
    domain.mode === "new-forest"
      ? addServer({ key: "dc-1", role: "domain-controller", code: "domainController", site: "primary", index: 1, subnet: "infrastructure", size: config.vmSizes.domainController, dataDisks: disks([{ purpose: "ad-database", sizeGb: v.adDatabase.sizeGb }]), features: ["AD-Domain-Services", "DNS"], joinsDomain: false })
      : null;
  const sqlDr = config.sql.disasterRecovery === "log-shipping";
  // domain §6.3: the log-shipping backup share must outlive a failed principal (the primary mirror
  // takes over the backups), so it lives on the file server when there is one, not on a SQL VM.
  const backupOnFileServer = sqlDr && config.fileStore.kind === "windows-share";
  const fileServer =
    config.fileStore.kind === "windows-share"
      ? addServer({
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

  const collocated = config.pool.collocatedWithFrontEnd;
  const frontEnds: ServerPlan[] = [];
  for (let i = 1; i <= config.frontEnd.servers; i++) {
    const standard = config.frontEnd.edition === "Standard";
    frontEnds.push(
      addServer({
        key: `fe-${i}`,
        role: "front-end",
        code: "frontEnd",
        site: "primary",
        index: i,
        subnet: "lync",
        size: config.vmSizes.frontEnd,
        // The Standard Edition server keeps its back end (and a collocated pool's stores) in local SQL Express.
        dataDisks: standard ? disks([{ purpose: "database", sizeGb: v.frontEndDatabase.sizeGb }]) : [],
        // domain §6.4: MSMQ on every server running the Persistent Chat service.
        features: collocated ? ["MSMQ-Server"] : [],
        ...(collocated ? { poolState: "active" as const } : {}),
      }),
    );
  }

  const active: ServerPlan[] = [];
  const standby: ServerPlan[] = [];
  if (collocated) active.push(...frontEnds);
  else {
    for (let i = 1; i <= config.pool.activeServers; i++)
      active.push(addServer({ key: `pchat-${i}`, role: "persistent-chat", code: "persistentChat", site: "primary", index: i, subnet: "lync", size: config.vmSizes.persistentChat, features: ["MSMQ-Server"], poolState: "active" }));
    for (let i = 1; i <= config.pool.standbyServers; i++)
      standby.push(addServer({ key: `pchat-standby-${i}`, role: "persistent-chat", code: "persistentChat", site: "secondary", index: i, subnet: "lync", size: config.vmSizes.persistentChat, features: ["MSMQ-Server"], poolState: "standby" }));
  }

  // --- SQL (domain §6.3: mirror + witness in each datacentre, log-shipping secondary and its mirror) ---
  const sql = config.sql;
  const sqlInstances: SqlInstancePlan[] = [];
  const mirroring = sql.highAvailability === "mirroring";
  const dr = sql.disasterRecovery === "log-shipping";

  function addSqlServer(key: string, code: RoleCodeKey, site: SiteKey, role: SqlInstanceRole, databases: DatabasePlan[], withBackupDisk: boolean): SqlInstancePlan {
    const specs: { purpose: DiskPurpose; sizeGb: number }[] = [
      { purpose: "sql-data", sizeGb: v.sqlData.sizeGb },
      { purpose: "sql-log", sizeGb: v.sqlLog.sizeGb },
    ];
    if (withBackupDisk) specs.push({ purpose: "backup", sizeGb: v.backup.sizeGb });
    const dataDisks = disks(specs);
    const server = addServer({ key, role: "sql", code, site, index: 1, subnet: "sql", size: config.vmSizes.sql, dataDisks, image: sqlImage(sql.version, sql.edition) });
    server.sql = {
      name: server.vmName,
      imageOffer: server.image.offer,
      imageSku: server.image.sku,
      version: sql.version,
      edition: sql.edition as "Standard" | "Enterprise" | "Developer",
      licenseType: sql.licenseType,
      dataLuns: [0],
      logLuns: [1],
      dataPath: "F:\\SQLData",
      logPath: "G:\\SQLLog",
      tempDbPath: "D:\\SQLTemp",
      port: sql.port,
    };
    const instance: SqlInstancePlan = { key, serverKey: key, instanceName: sql.instanceName, dataSource: dataSource(server.fqdn, sql.instanceName), role, site, databases };
    sqlInstances.push(instance);
    return instance;
  }

  const mgc = (copy: DatabasePlan["copy"]): DatabasePlan => ({ name: "mgc", store: "PersistentChatStore", copy });
  const mgccomp = (copy: DatabasePlan["copy"]): DatabasePlan => ({ name: "mgccomp", store: "PersistentChatComplianceStore", copy });
  const compliancePlacement = config.pool.compliance ? (sql.complianceStore ?? "own-instance") : null;
  // LS required resources for Persistent Chat: mgccomp may share the mgc instance (a config warning
  // says standalone instances are recommended for HA/DR); its copies follow mgc's, and the second
  // datacentre's is a standby store as with its own instance (mgccomp is not log shipped).
  const withStore = (dbs: DatabasePlan[], copy: DatabasePlan["copy"]): DatabasePlan[] =>
    compliancePlacement === "store-instance" ? [...dbs, mgccomp(copy === "log-shipping-secondary" ? "principal" : copy)] : dbs;

  let storeInstanceKey: string;
  let complianceInstanceKey: string | null = null;
  let backEndInstanceKey: string | null = null;

  if (collocated) {
    // domain §5: a collocated Standard Edition pool keeps mgc (and mgccomp) in the server's local SQL Express.
    const fe = frontEnds[0] as ServerPlan;
    const dbs = [mgc("principal"), ...(config.pool.compliance ? [mgccomp("principal")] : [])];
    sqlInstances.push({ key: "fe-1-local", serverKey: fe.key, instanceName: "RTC", dataSource: `${fe.fqdn}\\RTC`, role: "principal", site: "primary", databases: dbs });
    storeInstanceKey = "fe-1-local";
    complianceInstanceKey = config.pool.compliance ? "fe-1-local" : null;
  } else {
    if (config.frontEnd.edition === "Enterprise") {
      const dbs: DatabasePlan[] = [{ name: "rtcxds", store: "LyncBackEnd", copy: "principal" }];
      if (sql.storePlacement === "front-end-back-end") dbs.push(mgc("principal"));
      if (compliancePlacement === "front-end-back-end" || (compliancePlacement === "store-instance" && sql.storePlacement === "front-end-back-end")) dbs.push(mgccomp("principal"));
      backEndInstanceKey = addSqlServer("sql-backend", "backEndSql", "primary", "principal", dbs, false).key;
    }
    storeInstanceKey =
      sql.storePlacement === "front-end-back-end" && backEndInstanceKey !== null
        ? backEndInstanceKey
        : addSqlServer("sql-store", "storeSql", "primary", "principal", withStore([mgc("principal")], "principal"), dr && !backupOnFileServer).key;
    if (mirroring) addSqlServer("sql-store-mirror", "storeMirror", "primary", "mirror", withStore([mgc("mirror")], "mirror"), false);
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
  }

  // --- legacy side (labs) ------------------------------------------------------------------------
  const legacyCfg = config.legacy;
  let legacyGc: ServerPlan | null = null;
  let legacySqlInstance: SqlInstancePlan | null = null;
  if (legacyCfg.mode === "provisioned") {
    legacyGc = addServer({ key: "legacy-gc", role: "legacy-group-chat", code: "legacyGroupChat", site: "primary", index: 1, subnet: "legacy", size: config.vmSizes.legacyGroupChat, dataDisks: disks([{ purpose: "file-store", sizeGb: v.legacyFileStore.sizeGb, label: "GC-FS" }]), features: ["MSMQ-Server"] });
    const legacyEdition = "Standard";
    const lsql = addServer({
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
      image: sqlImage(legacyCfg.sqlVersion, legacyEdition),
    });
    lsql.sql = { name: lsql.vmName, imageOffer: lsql.image.offer, imageSku: lsql.image.sku, version: legacyCfg.sqlVersion, edition: legacyEdition, licenseType: sql.licenseType, dataLuns: [0], logLuns: [1], dataPath: "F:\\SQLData", logPath: "G:\\SQLLog", tempDbPath: "D:\\SQLTemp", port: 1433 };
    legacySqlInstance = { key: "legacy-sql", serverKey: "legacy-sql", instanceName: "MSSQLSERVER", dataSource: lsql.fqdn, role: "legacy", site: "primary", databases: [{ name: legacyCfg.database, store: "LegacyGroupChat", copy: "principal" }] };
    sqlInstances.push(legacySqlInstance);
  }

  // --- shares -----------------------------------------------------------------------------------
  const shares: FileSharePlan[] = [];
  const fs = config.fileStore;
  if (fileServer) {
    shares.push({ key: "pchat-file-store", purpose: "persistent-chat-file-store", kind: "windows-share", serverKey: fileServer.key, localPath: `F:\\Shares\\${fs.shareName}`, shareName: fs.shareName, uncPath: `\\\\${fileServer.fqdn}\\${fs.shareName}`, quotaGb: fs.quotaGb });
  } else {
    const account = `${prefix}pcfs${stableHash(`${ctx.project}/${ctx.stack}/${config.location}`)}`.slice(0, 24);
    shares.push({ key: "pchat-file-store", purpose: "persistent-chat-file-store", kind: "azure-files", storageAccountName: account, shareName: fs.shareName, uncPath: `\\\\${account}.file.core.windows.net\\${fs.shareName}`, quotaGb: fs.quotaGb });
  }
  if (dr) {
    // domain §6.3: a backup share every Persistent Chat SQL server can reach, and a copy destination on the secondary.
    const backupHost = backupOnFileServer ? fileServer : servers.find((s) => s.key === "sql-store");
    const secondary = servers.find((s) => s.key === "sql-store-dr");
    const backupDisk = backupHost?.dataDisks.find((d) => d.purpose === "backup");
    if (backupHost && backupDisk)
      shares.push({ key: "log-shipping-backup", purpose: "log-shipping-backup", kind: "windows-share", serverKey: backupHost.key, localPath: `${backupDisk.driveLetter}:\\Shares\\lsbackup`, shareName: "lsbackup", uncPath: `\\\\${backupHost.fqdn}\\lsbackup`, quotaGb: backupDisk.sizeGb });
    if (secondary)
      shares.push({ key: "log-shipping-copy", purpose: "log-shipping-copy", kind: "windows-share", serverKey: secondary.key, localPath: "H:\\Shares\\lscopy", shareName: "lscopy", uncPath: `\\\\${secondary.fqdn}\\lscopy`, quotaGb: v.backup.sizeGb });
  }
  if (legacyGc)
    shares.push({ key: "legacy-file-store", purpose: "legacy-file-store", kind: "windows-share", serverKey: legacyGc.key, localPath: "F:\\Shares\\gcfs", shareName: "gcfs", uncPath: `\\\\${legacyGc.fqdn}\\gcfs`, quotaGb: v.legacyFileStore.sizeGb });

  // The migration's export files, backups and per-run markers need a share every step can reach
  // (the SQL servers write backups to it, the Persistent Chat server imports from it): the file
  // server's file-store volume, or else the legacy Group Chat server's.
  const stagingHost = config.legacy.mode === "none" ? null : (fileServer ?? legacyGc);
  if (stagingHost) {
    const disk = stagingHost.dataDisks.find((d) => d.purpose === "file-store");
    if (disk)
      shares.push({ key: "migration-staging", purpose: "migration-staging", kind: "windows-share", serverKey: stagingHost.key, localPath: `${disk.driveLetter}:\\Shares\\migration`, shareName: "migration", uncPath: `\\\\${stagingHost.fqdn}\\migration`, quotaGb: disk.sizeGb });
  }

  // --- pools and DNS (domain §6.4: an A record per server, and the pool FQDN to every active server) ---
  // The same defaults the FQDN rule checks for clashes (src/config/naming.ts), so they cannot drift apart.
  const frontEndFqdn = plannedFrontEndPoolFqdn(config);
  const poolFqdn = plannedPersistentChatPoolFqdn(config);

  const dns = planDns(zone, servers, [
    { fqdn: poolFqdn, addresses: active.map((s) => s.privateIp) },
    { fqdn: frontEndFqdn, addresses: frontEnds.map((s) => s.privateIp) },
  ]);

  // --- sites, NSGs, Bastion, peering --------------------------------------------------------------
  const dnsServers = dc ? [dc.privateIp] : [...domain.dnsServers];
  const sitePlans: SitePlan[] = sites.map((site) => ({
    key: site,
    location: site === "primary" ? config.location : config.secondaryLocation,
    resourceGroupName: `${prefix}-${ctx.stack}-${site}-rg`,
    vnet: { name: `${prefix}-${site}-vnet`, addressSpaces: [config.network[site].addressSpace], subnets: subnetPlans.filter((s) => s.key.startsWith(`${site}-`)), dnsServers },
  }));
  const nsgs = planNsgs({
    config,
    subnets: subnetPlans,
    addressSpaces: sitePlans.flatMap((s) => s.vnet.addressSpaces),
    servers,
    sqlInstances,
    shares,
    pool: { activeServerKeys: active.map((s) => s.key), standbyServerKeys: standby.map((s) => s.key) },
  });
  const bastionSubnet = subnetPlans.find((s) => s.purpose === "bastion");

  return {
    project: ctx.project,
    stack: ctx.stack,
    prefix,
    adminUsername: config.adminUsername,
    sites: sitePlans,
    peerings: sites.length === 2
      ? [
          { name: `${prefix}-primary-to-secondary`, fromSite: "primary", toSite: "secondary" },
          { name: `${prefix}-secondary-to-primary`, fromSite: "secondary", toSite: "primary" },
        ]
      : [],
    nsgs,
    domain: { fqdn: zone, netbiosName: domain.netbiosName.toUpperCase(), mode: domain.mode, domainControllerKey: dc ? dc.key : null, dnsServers, ouPath: domain.ouPath },
    servers,
    sqlInstances,
    shares,
    dns,
    bastion: config.access.bastion ? { name: `${prefix}-bastion`, site: "primary", publicIpName: `${prefix}-bastion-pip`, sku: config.access.bastionSku, enableTunneling: true } : null,
    pool: {
      fqdn: poolFqdn,
      displayName: config.pool.displayName,
      sipPort: config.pool.sipPort,
      complianceEnabled: config.pool.compliance,
      multipleComputerPool: true,
      stretched: config.pool.stretched,
      activeServerKeys: active.map((s) => s.key),
      standbyServerKeys: standby.map((s) => s.key),
      storeInstanceKey,
      complianceInstanceKey,
      fileStoreShareKey: "pchat-file-store",
      nextHopPoolFqdn: frontEndFqdn,
    },
    frontEnd: { edition: config.frontEnd.edition, fqdn: frontEndFqdn, serverKeys: frontEnds.map((s) => s.key), backEndInstanceKey, timeZone: config.frontEnd.timeZone },
    legacy:
      legacyCfg.mode === "none"
        ? null
        : {
            product: legacyCfg.product,
            mode: legacyCfg.mode,
            serverKeys: legacyGc && legacySqlInstance ? [legacyGc.key, legacySqlInstance.serverKey] : [],
            dataSource: legacySqlInstance ? legacySqlInstance.dataSource : (legacyCfg.dataSource ?? ""),
            database: legacyCfg.database,
            backupUrlConfigKey: legacyCfg.mode === "provisioned" ? "legacyBackupUrl" : null,
            fileStoreUnc: legacyGc ? `\\\\${legacyGc.fqdn}\\gcfs` : (legacyCfg.fileStoreUnc ?? null),
            lookupSipUri: legacyCfg.lookupSipUri ?? `sip:ocschat@${zone}`,
          },
    operatorCidrs: [...config.access.sqlOperatorCidrs, ...(bastionSubnet ? [bastionSubnet.cidr] : [])],
    secrets: {
      adminPassword: "adminPassword",
      sqlAdminPassword: "sqlAdminPassword",
      safeModePassword: domain.mode === "new-forest" ? "safeModePassword" : null,
      legacyBackupUrl: legacyCfg.mode === "provisioned" ? "legacyBackupUrl" : null,
    },
    tags: { project: ctx.project, stack: ctx.stack, "managed-by": "pchat-kit" },
  };
}
