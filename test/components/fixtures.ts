/**
 * Hand-written topology plans, standing in for the planner (src/topology/planner.ts) so that the
 * components can be tested on plans whose every field is known. They follow the contract in
 * src/topology/plan.ts; `labPlan()` mirrors the smallest faithful lab (new forest, legacy side,
 * Bastion), `variantPlan()` the other branches (existing domain, Azure Files, two sites).
 */
import type { DataDiskPlan, ImagePlan, ServerPlan, TopologyPlan } from "../../src/topology/plan";

export const WS2012R2: ImagePlan = {
  publisher: "MicrosoftWindowsServer",
  offer: "WindowsServer",
  sku: "2012-R2-Datacenter",
  version: "latest",
  label: "Windows Server 2012 R2 Datacenter",
  unsupportedForLync: false,
};

export const SQL2012: ImagePlan = {
  publisher: "MicrosoftSQLServer",
  offer: "SQL2012SP4-WS2012R2",
  sku: "Standard",
  version: "latest",
  label: "SQL Server 2012 SP4 Standard on Windows Server 2012 R2",
  unsupportedForLync: false,
};

function disk(lun: number, purpose: DataDiskPlan["purpose"], letter: string, label: string, sizeGb = 128): DataDiskPlan {
  const sql = purpose === "sql-data" || purpose === "sql-log";
  const db = sql || purpose === "database" || purpose === "backup";
  return {
    lun,
    sizeGb,
    purpose,
    caching: purpose === "sql-data" ? "ReadOnly" : "None",
    driveLetter: letter,
    label,
    allocationUnitKb: db ? 64 : 4,
    fileSystem: "NTFS",
    formattedBy: sql ? "sql-vm" : "guest-step",
  };
}

function server(p: Partial<ServerPlan> & Pick<ServerPlan, "key" | "role" | "computerName" | "privateIp" | "subnetKey">): ServerPlan {
  const name = p.computerName.toLowerCase();
  return {
    site: "primary",
    vmName: `lab-${name}`,
    nicName: `lab-${name}-nic`,
    osDiskName: `lab-${name}-osdisk`,
    fqdn: `${name}.contoso.local`,
    size: "Standard_D4s_v3",
    image: WS2012R2,
    timeZone: "W. Europe Standard Time",
    dataDisks: [],
    windowsFeatures: [],
    joinsDomain: true,
    ...p,
  };
}

export function labPlan(): TopologyPlan {
  const servers: ServerPlan[] = [
    server({ key: "dc-1", role: "domain-controller", computerName: "LABDC01", privateIp: "10.10.1.4", subnetKey: "primary-infrastructure", joinsDomain: false, size: "Standard_D2s_v3", dataDisks: [disk(0, "ad-database", "F", "AD-DATA", 32)] }),
    server({ key: "fe-1", role: "front-end", computerName: "LABFE01", privateIp: "10.10.2.4", subnetKey: "primary-lync", windowsFeatures: ["NET-Framework-Core", "Web-Server"] }),
    server({ key: "pchat-1", role: "persistent-chat", computerName: "LABPC01", privateIp: "10.10.2.10", subnetKey: "primary-lync", windowsFeatures: ["MSMQ-Server", "MSMQ-Directory"], poolState: "active", dataDisks: [disk(0, "application", "F", "PCHAT-APP", 64)] }),
    server({
      key: "sql-1",
      role: "sql",
      computerName: "LABSQL01",
      privateIp: "10.10.3.4",
      subnetKey: "primary-sql",
      image: SQL2012,
      dataDisks: [disk(0, "sql-data", "F", "SQL-DATA", 256), disk(1, "sql-log", "G", "SQL-LOG"), disk(2, "backup", "H", "SQL-BACKUP", 256)],
      sql: { name: "lab-labsql01", imageOffer: "SQL2012SP4-WS2012R2", imageSku: "Standard", version: "2012", edition: "Standard", licenseType: "PAYG", dataLuns: [0], logLuns: [1], dataPath: "F:\\SQLData", logPath: "G:\\SQLLog", tempDbPath: "D:\\SQLTemp", port: 1433 },
    }),
    server({ key: "fs-1", role: "file-server", computerName: "LABFS01", privateIp: "10.10.1.10", subnetKey: "primary-infrastructure", dataDisks: [disk(0, "file-store", "F", "PCHAT-FS", 128)] }),
    server({ key: "legacy-gc-1", role: "legacy-group-chat", computerName: "LABGC01", privateIp: "10.10.4.4", subnetKey: "primary-legacy", windowsFeatures: ["MSMQ-Server"] }),
    server({
      key: "legacy-sql-1",
      role: "legacy-sql",
      computerName: "LABGCSQL01",
      privateIp: "10.10.4.10",
      subnetKey: "primary-legacy",
      image: SQL2012,
      dataDisks: [disk(0, "sql-data", "F", "SQL-DATA"), disk(1, "sql-log", "G", "SQL-LOG"), disk(2, "backup", "H", "RESTORE")],
      sql: { name: "lab-labgcsql01", imageOffer: "SQL2012SP4-WS2012R2", imageSku: "Standard", version: "2012", edition: "Standard", licenseType: "PAYG", dataLuns: [0], logLuns: [1], dataPath: "F:\\SQLData", logPath: "G:\\SQLLog", tempDbPath: "D:\\SQLTemp", port: 1433 },
    }),
  ];
  const lyncCidrs = ["10.10.2.0/24"];
  return {
    project: "pchat-kit",
    stack: "lab",
    prefix: "lab",
    adminUsername: "labadmin",
    sites: [
      {
        key: "primary",
        location: "westeurope",
        resourceGroupName: "lab-pchat-rg",
        vnet: {
          name: "lab-vnet",
          addressSpaces: ["10.10.0.0/16"],
          dnsServers: ["10.10.1.4"],
          subnets: [
            { key: "primary-infrastructure", name: "infrastructure", cidr: "10.10.1.0/24", purpose: "infrastructure", nsgName: "lab-infrastructure-nsg" },
            { key: "primary-lync", name: "lync", cidr: "10.10.2.0/24", purpose: "lync", nsgName: "lab-lync-nsg" },
            { key: "primary-sql", name: "sql", cidr: "10.10.3.0/24", purpose: "sql", nsgName: "lab-sql-nsg" },
            { key: "primary-legacy", name: "legacy", cidr: "10.10.4.0/24", purpose: "legacy", nsgName: "lab-legacy-nsg" },
            { key: "primary-bastion", name: "AzureBastionSubnet", cidr: "10.10.250.0/26", purpose: "bastion", nsgName: null },
          ],
        },
      },
    ],
    peerings: [],
    nsgs: [
      {
        name: "lab-lync-nsg",
        site: "primary",
        inbound: [
          { name: "pchat-sip", priority: 100, access: "Allow", protocol: "Tcp", sourcePrefixes: lyncCidrs, destinationPrefixes: ["10.10.2.10"], destinationPorts: ["5041"], reason: "Persistent Chat SIP, Front End to PC" },
          { name: "pchat-wcf", priority: 110, access: "Allow", protocol: "Tcp", sourcePrefixes: lyncCidrs, destinationPrefixes: lyncCidrs, destinationPorts: ["881", "8011"], reason: "Persistent Chat WCF and pool traffic" },
          { name: "bastion-rdp", priority: 200, access: "Allow", protocol: "Tcp", sourcePrefixes: ["10.10.250.0/26"], destinationPrefixes: ["*"], destinationPorts: ["3389"], reason: "Operators through Bastion" },
          { name: "deny-rest", priority: 4096, access: "Deny", protocol: "*", sourcePrefixes: ["*"], destinationPrefixes: ["*"], destinationPorts: ["*"], reason: "Nothing else" },
        ],
      },
      {
        name: "lab-sql-nsg",
        site: "primary",
        inbound: [
          { name: "sql-from-lync", priority: 100, access: "Allow", protocol: "Tcp", sourcePrefixes: [...lyncCidrs, "203.0.113.0/28"], destinationPrefixes: ["10.10.3.0/24"], destinationPorts: ["1433"], reason: "SQL from Lync and operators" },
          { name: "deny-rest", priority: 4096, access: "Deny", protocol: "*", sourcePrefixes: ["*"], destinationPrefixes: ["*"], destinationPorts: ["*"], reason: "Nothing else" },
        ],
      },
      { name: "lab-infrastructure-nsg", site: "primary", inbound: [{ name: "smb-to-fs", priority: 100, access: "Allow", protocol: "Tcp", sourcePrefixes: ["10.10.0.0/16"], destinationPrefixes: ["10.10.1.10"], destinationPorts: ["445"], reason: "SMB to the file store" }] },
      { name: "lab-legacy-nsg", site: "primary", inbound: [] },
    ],
    domain: { fqdn: "contoso.local", netbiosName: "CONTOSO", mode: "new-forest", domainControllerKey: "dc-1", dnsServers: ["10.10.1.4"], ouPath: null },
    servers,
    sqlInstances: [
      { key: "mgc", serverKey: "sql-1", instanceName: "MSSQLSERVER", dataSource: "labsql01.contoso.local", role: "principal", site: "primary", databases: [{ name: "mgc", store: "PersistentChatStore", copy: "principal" }, { name: "mgccomp", store: "PersistentChatComplianceStore", copy: "principal" }] },
      { key: "legacy", serverKey: "legacy-sql-1", instanceName: "MSSQLSERVER", dataSource: "labgcsql01.contoso.local", role: "legacy", site: "primary", databases: [{ name: "GroupChat", store: "LegacyGroupChat", copy: "principal" }] },
    ],
    shares: [
      { key: "pchat-fs", purpose: "persistent-chat-file-store", kind: "windows-share", serverKey: "fs-1", localPath: "F:\\Shares\\pchatfs", shareName: "pchatfs", uncPath: "\\\\labfs01.contoso.local\\pchatfs", quotaGb: 100 },
    ],
    dns: [{ zone: "contoso.local", name: "pchatpool", type: "A", addresses: ["10.10.2.10"] }],
    bastion: { name: "lab-bastion", site: "primary", publicIpName: "lab-bastion-pip", sku: "Standard", enableTunneling: true },
    pool: {
      fqdn: "pchatpool.contoso.local",
      displayName: "Persistent Chat",
      sipPort: 5041,
      complianceEnabled: true,
      multipleComputerPool: true,
      stretched: false,
      activeServerKeys: ["pchat-1"],
      standbyServerKeys: [],
      storeInstanceKey: "mgc",
      complianceInstanceKey: "mgc",
      fileStoreShareKey: "pchat-fs",
      nextHopPoolFqdn: "labfe01.contoso.local",
    },
    frontEnd: { edition: "Standard", fqdn: "labfe01.contoso.local", serverKeys: ["fe-1"], backEndInstanceKey: null, timeZone: "W. Europe Standard Time" },
    legacy: { product: "lync2010", mode: "provisioned", serverKeys: ["legacy-gc-1", "legacy-sql-1"], dataSource: "labgcsql01.contoso.local", database: "GroupChat", backupUrlConfigKey: "legacyBackupUrl", fileStoreUnc: null, lookupSipUri: "sip:ocschat@contoso.local" },
    lync: { install: false, certificateAuthority: null, labCa: null, topologyFile: null, sipDomains: ["contoso.local"] },
    operatorCidrs: ["203.0.113.0/28"],
    secrets: { adminPassword: "adminPassword", sqlAdminPassword: "sqlAdminPassword", safeModePassword: "safeModePassword", legacyBackupUrl: "legacyBackupUrl", lyncMediaUrl: null, lyncUpdateUrl: null },
    tags: { project: "pchat-kit", stack: "lab" },
  };
}

/** Existing domain (no DC VM), Azure Files file store, two peered sites, no Bastion, no legacy side. */
export function variantPlan(): TopologyPlan {
  const plan = labPlan();
  plan.stack = "variant";
  plan.servers = plan.servers.filter((s) => !["dc-1", "fs-1", "legacy-gc-1", "legacy-sql-1"].includes(s.key));
  plan.servers.push({ ...plan.servers.find((s) => s.key === "pchat-1")!, key: "pchat-2", site: "secondary", computerName: "LABPC02", vmName: "lab-labpc02", nicName: "lab-labpc02-nic", osDiskName: "lab-labpc02-osdisk", fqdn: "labpc02.contoso.local", privateIp: "10.20.2.10", subnetKey: "secondary-lync", poolState: "standby" });
  plan.sqlInstances = plan.sqlInstances.filter((i) => i.key !== "legacy");
  plan.domain = { fqdn: "contoso.local", netbiosName: "CONTOSO", mode: "existing", domainControllerKey: null, dnsServers: ["10.0.0.4"], ouPath: "OU=Lync,DC=contoso,DC=local" };
  plan.sites[0]!.vnet.dnsServers = ["10.0.0.4"];
  plan.sites.push({
    key: "secondary",
    location: "northeurope",
    resourceGroupName: "lab-pchat-dr-rg",
    vnet: { name: "lab-dr-vnet", addressSpaces: ["10.20.0.0/16"], dnsServers: ["10.0.0.4"], subnets: [{ key: "secondary-lync", name: "lync", cidr: "10.20.2.0/24", purpose: "lync", nsgName: "lab-dr-lync-nsg" }] },
  });
  plan.nsgs.push({ name: "lab-dr-lync-nsg", site: "secondary", inbound: [] });
  plan.peerings = [
    { name: "primary-to-secondary", fromSite: "primary", toSite: "secondary" },
    { name: "secondary-to-primary", fromSite: "secondary", toSite: "primary" },
  ];
  plan.shares = [{ key: "pchat-fs", purpose: "persistent-chat-file-store", kind: "azure-files", storageAccountName: "labpchatfs", shareName: "pchatfs", uncPath: "\\\\labpchatfs.file.core.windows.net\\pchatfs", quotaGb: 100 }];
  plan.bastion = null;
  plan.legacy = null;
  plan.secrets = { adminPassword: "adminPassword", sqlAdminPassword: "sqlAdminPassword", safeModePassword: null, legacyBackupUrl: null, lyncMediaUrl: null, lyncUpdateUrl: null };
  plan.pool = { ...plan.pool, stretched: true, standbyServerKeys: ["pchat-2"] };
  return plan;
}
