/**
 * The topology plan: everything the Pulumi components declare, decided up front by a pure planner
 * (src/topology/planner.ts) from the validated config. Components only realise it, so every Lync
 * rule lives in the planner and its validators, and the plan can be printed, diffed and tested
 * without Pulumi.
 *
 * Every name here is a physical Azure or Windows name, chosen explicitly so that a rebuild of the
 * same stack gives the same computer names, FQDNs and IPs (azure-native would otherwise add random
 * suffixes). Secrets are never in the plan: it names the config keys that hold them.
 */

/** A datacentre of the deployment. `secondary` exists only for a stretched pool (disaster recovery). */
export type SiteKey = "primary" | "secondary";

export interface SitePlan {
  key: SiteKey;
  /** Azure region, e.g. `westeurope`. */
  location: string;
  resourceGroupName: string;
  vnet: VnetPlan;
}

export interface VnetPlan {
  name: string;
  addressSpaces: string[];
  subnets: SubnetPlan[];
  /** The domain controllers' IPs once the domain exists (empty: Azure DNS). */
  dnsServers: string[];
}

export type SubnetPurpose = "infrastructure" | "lync" | "sql" | "legacy" | "bastion";

export interface SubnetPlan {
  /** Stable key used by servers and rules, e.g. `primary-lync`. */
  key: string;
  /** Azure name; `AzureBastionSubnet` for Bastion. */
  name: string;
  cidr: string;
  purpose: SubnetPurpose;
  /** Network security group name, or null (Bastion's subnet takes none of ours). */
  nsgName: string | null;
}

export interface VnetPeeringPlan {
  name: string;
  fromSite: SiteKey;
  toSite: SiteKey;
}

/** One inbound rule, derived from the ports table (domain sheet section 6.4). */
export interface NetworkRulePlan {
  name: string;
  priority: number;
  access: "Allow" | "Deny";
  protocol: "Tcp" | "Udp" | "*";
  sourcePrefixes: string[];
  destinationPrefixes: string[];
  destinationPorts: string[];
  /** Why the rule exists, for people reading the plan (e.g. "Persistent Chat SIP, Front End to PC"). */
  reason: string;
}

export interface NsgPlan {
  name: string;
  site: SiteKey;
  /** Inbound rules only; the last ones deny the rest (Azure's defaults would allow the VNet). */
  inbound: NetworkRulePlan[];
}

export type ServerRole =
  | "domain-controller"
  | "front-end"
  | "persistent-chat"
  | "sql"
  | "file-server"
  | "legacy-group-chat"
  | "legacy-sql";

export interface ImagePlan {
  publisher: string;
  offer: string;
  sku: string;
  version: string;
  /** Human name from the allow-list, e.g. "Windows Server 2012 R2 Datacenter". */
  label: string;
  /** True when the image is outside Lync's supported list and the lab opt-out allowed it. */
  unsupportedForLync: boolean;
}

export type DiskPurpose = "sql-data" | "sql-log" | "database" | "file-store" | "backup" | "ad-database" | "application";

export interface DataDiskPlan {
  lun: number;
  sizeGb: number;
  purpose: DiskPurpose;
  caching: "None" | "ReadOnly" | "ReadWrite";
  /** Drive letter F..Z (D: is Azure's temporary disk). */
  driveLetter: string;
  /** Volume label, e.g. `PCHAT-DATA`. */
  label: string;
  /** 64 for database volumes, 4 (the NTFS default) elsewhere. */
  allocationUnitKb: 4 | 64;
  /** Always NTFS: Persistent Chat is not supported on anything else (section 6.4). */
  fileSystem: "NTFS";
  /** SQL data and log LUNs are formatted by SqlVirtualMachine; the in-guest NTFS step skips them. */
  formattedBy: "guest-step" | "sql-vm";
}

export interface ServerPlan {
  /** Stable logical key, e.g. `pchat-1`, `sql-mgc-mirror`. */
  key: string;
  role: ServerRole;
  site: SiteKey;
  /** NetBIOS computer name, at most 15 characters. */
  computerName: string;
  vmName: string;
  nicName: string;
  osDiskName: string;
  fqdn: string;
  subnetKey: string;
  /** Static private IP: exactly one NIC, one IP (multi-homed NICs are not supported, section 5). */
  privateIp: string;
  size: string;
  image: ImagePlan;
  /** Windows time zone id, e.g. `W. Europe Standard Time`. */
  timeZone: string;
  dataDisks: DataDiskPlan[];
  /** Windows features installed in the guest, e.g. `MSMQ-Server` on Persistent Chat servers. */
  windowsFeatures: string[];
  /** False only for the domain controller that creates the forest. */
  joinsDomain: boolean;
  /** Persistent Chat servers: active or standby (stretched pool only). */
  poolState?: "active" | "standby";
  /** Present on SQL Server VMs (role `sql` / `legacy-sql`). */
  sql?: SqlVmPlan;
}

export interface SqlVmPlan {
  /** SqlVirtualMachine resource name (equals the VM name). */
  name: string;
  /** `SQL2012SP4-WS2012R2`, `SQL2014SP3-WS2012R2`, ... (marketplace offer). */
  imageOffer: string;
  /** `Standard` | `Enterprise` | `SQLDEV`. */
  imageSku: string;
  /** SQL Server major version label, e.g. `2012`. */
  version: string;
  edition: "Standard" | "Enterprise" | "Developer";
  licenseType: "PAYG" | "AHUB" | "DR";
  dataLuns: number[];
  logLuns: number[];
  dataPath: string;
  logPath: string;
  tempDbPath: string;
  port: number;
}

export type SqlInstanceRole = "principal" | "mirror" | "witness" | "log-shipping-secondary" | "log-shipping-secondary-mirror" | "legacy";

export type StoreKind = "PersistentChatStore" | "PersistentChatComplianceStore" | "LyncBackEnd" | "LegacyGroupChat";

export interface DatabasePlan {
  /** `mgc`, `mgccomp`, the legacy Group Chat database name, ... */
  name: string;
  store: StoreKind;
  /** How this copy is kept: the principal copy, a mirror, or a log-shipping secondary (restoring). */
  copy: "principal" | "mirror" | "log-shipping-secondary";
}

export interface SqlInstancePlan {
  key: string;
  /** Key of the ServerPlan hosting it. */
  serverKey: string;
  /** `MSSQLSERVER` for the default instance, or a named instance such as `RTC`. */
  instanceName: string;
  /** What Lync and the migration jobs connect to: `fqdn` or `fqdn\instance`. */
  dataSource: string;
  role: SqlInstanceRole;
  site: SiteKey;
  databases: DatabasePlan[];
}

export type SharePurpose = "persistent-chat-file-store" | "log-shipping-backup" | "log-shipping-copy" | "legacy-file-store" | "migration-staging";

export interface FileSharePlan {
  key: string;
  purpose: SharePurpose;
  kind: "windows-share" | "azure-files";
  /** Windows share: key of the file-server ServerPlan. */
  serverKey?: string;
  /** Windows share: local folder on the server, e.g. `F:\Shares\pchatfs`. */
  localPath?: string;
  /** Azure Files: storage account name (3-24 lower-case letters and digits). */
  storageAccountName?: string;
  shareName: string;
  /** `\\server.fqdn\share` or `\\account.file.core.windows.net\share`. */
  uncPath: string;
  quotaGb: number;
}

export interface DnsRecordPlan {
  /** Zone, e.g. `contoso.local`. */
  zone: string;
  /** Relative name, e.g. `pchat01` or `pchatpool`. */
  name: string;
  type: "A";
  addresses: string[];
}

export interface BastionPlan {
  name: string;
  site: SiteKey;
  publicIpName: string;
  sku: "Standard" | "Premium";
  /** Lets an operator tunnel to SQL 1433 for the migration gates. */
  enableTunneling: boolean;
}

export interface PoolPlan {
  fqdn: string;
  displayName: string;
  sipPort: number;
  complianceEnabled: boolean;
  /** Always true: a single-server pool can never grow (section 5). */
  multipleComputerPool: true;
  stretched: boolean;
  activeServerKeys: string[];
  standbyServerKeys: string[];
  /** SqlInstancePlan keys. */
  storeInstanceKey: string;
  complianceInstanceKey: string | null;
  fileStoreShareKey: string;
  nextHopPoolFqdn: string;
}

export interface FrontEndPoolPlan {
  edition: "Standard" | "Enterprise";
  fqdn: string;
  serverKeys: string[];
  /** Enterprise Edition back-end instance key, if planned in this stack. */
  backEndInstanceKey: string | null;
  timeZone: string;
}

export interface LegacyPlan {
  product: "lync2010" | "ocs2007r2";
  /** `provisioned`: built in Azure by this stack (labs); `existing`: reachable, not managed here. */
  mode: "provisioned" | "existing";
  serverKeys: string[];
  /** SQL instance holding the Group Chat database (dataSource). */
  dataSource: string;
  database: string;
  /** Backup restored into the provisioned legacy SQL Server (a URL; may carry a SAS kept as secret). */
  backupUrlConfigKey: string | null;
  fileStoreUnc: string | null;
  /** The legacy lookup SIP URI legacy clients use, e.g. `sip:ocschat@contoso.local`. */
  lookupSipUri: string;
}

export interface DomainPlan {
  fqdn: string;
  netbiosName: string;
  /** A new forest on a domain controller VM (labs), or an existing domain reached through dnsServers. */
  mode: "new-forest" | "existing";
  domainControllerKey: string | null;
  dnsServers: string[];
  /** OU path for computer accounts, or null for the default Computers container. */
  ouPath: string | null;
}

/** Names of the config keys (namespace `pchat-kit:`) that hold each secret the program needs. */
export interface SecretRefs {
  adminPassword: string;
  sqlAdminPassword: string;
  /** Directory Services Restore Mode password for a new forest. */
  safeModePassword: string | null;
  legacyBackupUrl: string | null;
  /** The Lync media and cumulative update (both may hold a SAS); null unless lync.install. */
  lyncMediaUrl: string | null;
  lyncUpdateUrl: string | null;
}

/** Lync Server 2013 itself (issue 11): installed by `pulumi up` or by hand. */
export interface LyncPlan {
  /** True: `pulumi up` installs Lync and Persistent Chat (src/topology/lync-install.ts plans the steps). */
  install: boolean;
  /** What `Request-CsCertificate -CA` takes (`<CA server FQDN>\<CA name>`): the configured CA, or the lab's own; null without install. */
  certificateAuthority: string | null;
  /** The lab's own Enterprise root CA, installed on the new forest's domain controller; null in an existing domain. */
  labCa: { serverKey: string; commonName: string } | null;
  /** The user's own published-topology document (relative to Pulumi.yaml), or null: generated from this plan. */
  topologyFile: string | null;
  /** The SIP domains Lync serves: the AD domain first, then `lync.sipDomains` (lower case, each once). */
  sipDomains: string[];
}

export interface TopologyPlan {
  project: string;
  stack: string;
  prefix: string;
  adminUsername: string;
  sites: SitePlan[];
  peerings: VnetPeeringPlan[];
  nsgs: NsgPlan[];
  domain: DomainPlan;
  servers: ServerPlan[];
  sqlInstances: SqlInstancePlan[];
  shares: FileSharePlan[];
  dns: DnsRecordPlan[];
  bastion: BastionPlan | null;
  pool: PoolPlan;
  frontEnd: FrontEndPoolPlan;
  legacy: LegacyPlan | null;
  lync: LyncPlan;
  /** CIDRs of operators allowed to reach SQL (also the Bastion range when Bastion is on). */
  operatorCidrs: string[];
  secrets: SecretRefs;
  /** Azure tags on every resource. */
  tags: Record<string, string>;
}
