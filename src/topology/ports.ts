/**
 * The ports-and-protocols facts the network rules are derived from: ONE table, each row naming who
 * listens, who connects, the protocol and ports, and its source. `src/topology/nsg.ts` turns every
 * row into inbound rules; `test/topology/nsg.test.ts` checks the generated rules against this table
 * (every flow allowed, nothing else opened).
 *
 * Sources (tags as in ../shared/domain/persistent-chat-migration.md section 0):
 * - `LS:ports` = LS:lync-server-2013-ports-and-protocols-for-internal-servers, table "Required Server
 *   Ports (by Server Role)" (TechNet gg398833, v=OCS.15, last modified 2016-04-06). Its rows are kept
 *   in its order, including the rows this kit opens nothing for (`notOpened` says why).
 * - `LS:pchat-topologies` = LS:lync-server-2013-components-and-topologies-for-persistent-chat-server:
 *   "The default port of TCP 8011 connects a server to a server pool".
 * - `PS:Get-CsManagementStoreReplicationStatus`: the Master Replicator sends a snapshot of the
 *   Central Management store to each computer running Lync Server, whose agent reports back.
 * - domain §6.3 and §6.4 (inferred): SQL, SMB to the file stores, AD/DNS/Kerberos, mirroring and
 *   log shipping, which the Lync ports table does not list.
 * - kit: flows the kit itself creates (the migration runbook's shares and SQL connections, RDP via
 *   Bastion). They are design, not documentation.
 */
import type { SharePurpose } from "./plan";

/** Who listens: resolved against the plan's servers by nsg.ts. */
export type Listener =
  /** Lync Server 2013 Front End servers (a collocated Standard Edition pool's server included). */
  | "front-end"
  /** Servers running the Persistent Chat service: the pool's active and standby servers. */
  | "persistent-chat"
  /** Every computer running Lync Server 2013: Front Ends and Persistent Chat servers. */
  | "lync-server"
  /** SQL Server VMs holding a Lync database (mgc, mgccomp, the back end), whatever their copy. */
  | "sql-store"
  /** SQL Server VMs taking part in mirroring or log shipping (witnesses included). */
  | "sql-partner"
  | "domain-controller"
  /** The VM hosting a share of this purpose (Azure Files shares have no VM: nothing to open). */
  | `share:${SharePurpose}`
  | "legacy-sql"
  /** Every VM of the plan. */
  | "any-server";

/** Who connects. */
export type Client =
  | "lync-servers"
  | "sql-servers"
  /** The provisioned legacy Group Chat server and its SQL Server (labs). */
  | "legacy-servers"
  /** Anything inside the deployment's address spaces: users' clients, every server. */
  | "network"
  /** `access.sqlOperatorCidrs` and the Bastion subnet (tunnels for the migration gates). */
  | "operators"
  | "bastion";

/** A port, a range `a-b`, or a config value. */
export type PortRef = string | { config: "pool.sipPort" | "sql.port" };

/** When a row applies beyond having listeners and clients in the plan. */
export type Condition = "sql-named-instance" | "sql-mirroring-or-log-shipping";

export interface PortFact {
  /** Rule name stem (Azure rule names are unique per NSG). */
  id: string;
  listeners: Listener;
  clients: Client[];
  protocols: ("Tcp" | "Udp")[];
  ports: PortRef[];
  /** The service, as the source names it. */
  service: string;
  /** Where the fact comes from (see the header). */
  source: string;
  /** True when no source states the flow; the row is the kit's reasoning. */
  inferred: boolean;
  when?: Condition;
  /** Set on documented rows the kit opens nothing for, with the reason. */
  notOpened?: string;
}

const LS_PORTS = "LS:ports";
const NO_EDGE = "the kit plans no Edge Server or reverse proxy, the only clients of this port";
const NO_PSTN = "the kit plans no Mediation Server, PSTN gateway or E9-1-1 gateway; Front End to collocated Mediation traffic stays on the server";

/**
 * Clients of the Front End rows: "internal SIP communications between servers" and service SIP
 * listeners are server to server (`lync-servers`); ports users' clients reach (SIP TLS, web, PSOM,
 * media) take `network`.
 */
export const PORT_FACTS: readonly PortFact[] = [
  // --- LS:ports, "Required Server Ports (by Server Role)" --------------------------------------
  { id: "lync-sql-browser", listeners: "lync-server", clients: ["lync-servers"], protocols: ["Udp"], ports: ["1434"], service: "SQL Browser (local replicated copy of the Central Management store)", source: `${LS_PORTS} (All Servers)`, inferred: false },
  { id: "fe-sip-static-routes", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5060"], service: "Front-End service: optional static routes to trusted services", source: LS_PORTS, inferred: false, notOpened: "optional, for trusted services such as remote call control, which the kit does not plan" },
  { id: "fe-sip-tls", listeners: "front-end", clients: ["lync-servers", "network"], protocols: ["Tcp"], ports: ["5061"], service: "Front-End service: SIP between servers (MTLS) and with clients (TLS)", source: LS_PORTS, inferred: false },
  { id: "fe-focus-https", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["444"], service: "Front-End service: HTTPS between the Focus and the servers", source: LS_PORTS, inferred: false },
  { id: "fe-dcom-rpc", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["135"], service: "Front-End service: DCOM and RPC (moving users, user replicator, address book)", source: LS_PORTS, inferred: false },
  { id: "fe-im-conferencing", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5062"], service: "IM Conferencing service SIP", source: LS_PORTS, inferred: false },
  { id: "fe-psom", listeners: "front-end", clients: ["network"], protocols: ["Tcp"], ports: ["8057"], service: "Web Conferencing service: PSOM from clients", source: LS_PORTS, inferred: false },
  { id: "fe-psom-compat", listeners: "front-end", clients: ["network"], protocols: ["Tcp"], ports: ["8058"], service: "Web Conferencing Compatibility service: PSOM from Live Meeting and earlier clients", source: LS_PORTS, inferred: false },
  { id: "fe-av-conferencing", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5063"], service: "Audio/Video Conferencing service SIP", source: LS_PORTS, inferred: false },
  { id: "fe-av-media", listeners: "front-end", clients: ["network"], protocols: ["Tcp", "Udp"], ports: ["57501-65535"], service: "Audio/Video Conferencing service: video conferencing media", source: LS_PORTS, inferred: false },
  { id: "fe-web-http", listeners: "front-end", clients: ["network"], protocols: ["Tcp"], ports: ["80"], service: "Web Compatibility service: HTTP to the web farm FQDNs", source: LS_PORTS, inferred: false },
  { id: "fe-web-https", listeners: "front-end", clients: ["network"], protocols: ["Tcp"], ports: ["443"], service: "Web Compatibility service: HTTPS to the web farm FQDNs (Persistent Chat file upload/download and room management, domain §6.1)", source: LS_PORTS, inferred: false },
  { id: "fe-web-8080", listeners: "front-end", clients: ["network"], protocols: ["Tcp"], ports: ["8080"], service: "Web Compatibility service: web components (root certificate retrieval by NTLM clients)", source: LS_PORTS, inferred: false },
  { id: "fe-web-4443", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["4443"], service: "Web server: inter-pool HTTPS for Autodiscover sign-in (and from a reverse proxy)", source: LS_PORTS, inferred: false },
  { id: "fe-web-mtls", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["8060", "8061"], service: "Web server component (MTLS)", source: LS_PORTS, inferred: false },
  { id: "fe-mobility-sip", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5086", "5087"], service: "Mobility Services internal SIP", source: LS_PORTS, inferred: false },
  { id: "fe-mobility-https", listeners: "front-end", clients: ["network"], protocols: ["Tcp"], ports: ["443"], service: "Mobility Services HTTPS", source: LS_PORTS, inferred: false },
  { id: "fe-dial-in", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5064", "5072"], service: "Conferencing Attendant service SIP (dial-in conferencing)", source: LS_PORTS, inferred: false },
  { id: "fe-mediation", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5070", "5067", "5068", "5081", "5082"], service: "Mediation service collocated on a Front End", source: LS_PORTS, inferred: false, notOpened: NO_PSTN },
  { id: "fe-app-sharing", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5065"], service: "Application Sharing service SIP", source: LS_PORTS, inferred: false },
  { id: "fe-app-sharing-media", listeners: "front-end", clients: ["network"], protocols: ["Tcp"], ports: ["49152-65535"], service: "Application Sharing service media", source: LS_PORTS, inferred: false },
  { id: "fe-announcement", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5073"], service: "Conferencing Announcement service SIP", source: LS_PORTS, inferred: false },
  { id: "fe-call-park", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5075"], service: "Call Park service SIP", source: LS_PORTS, inferred: false },
  { id: "fe-audio-test", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5076"], service: "Audio Test service SIP", source: LS_PORTS, inferred: false },
  { id: "fe-e911", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5066"], service: "Outbound E9-1-1 gateway", source: LS_PORTS, inferred: false, notOpened: `outbound from the Front End; ${NO_PSTN}` },
  { id: "fe-response-group", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5071", "8404"], service: "Response Group service SIP", source: LS_PORTS, inferred: false },
  { id: "fe-bandwidth-policy-edge", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["5080"], service: "Bandwidth Policy service: call admission control for A/V Edge TURN traffic", source: LS_PORTS, inferred: false, notOpened: NO_EDGE },
  { id: "fe-bandwidth-policy", listeners: "front-end", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["448"], service: "Bandwidth Policy service: call admission control", source: LS_PORTS, inferred: false },
  // The table lists 445 under "Front End Servers where the Central Management store resides", used
  // "to push configuration data ... to servers running Lync Server": the push lands on every Lync
  // server, whose replica agent reports back to the master (PS:Get-CsManagementStoreReplicationStatus).
  // So every Lync server listens on it (inferred reading of the row's direction).
  { id: "lync-cms-replication", listeners: "lync-server", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["445"], service: "Master Replicator Agent: Central Management store replication (SMB)", source: `${LS_PORTS}; PS:Get-CsManagementStoreReplicationStatus`, inferred: true },
  { id: "fe-audio-media", listeners: "front-end", clients: ["network"], protocols: ["Tcp", "Udp"], ports: ["49152-57500"], service: "Audio conferencing media on every server that terminates audio (Front Ends here)", source: `${LS_PORTS} (All internal servers)`, inferred: false },
  // Office Web Apps Servers, Directors and Mediation Servers: roles the kit never plans; no row.
  { id: "pchat-sip", listeners: "persistent-chat", clients: ["lync-servers"], protocols: ["Tcp"], ports: [{ config: "pool.sipPort" }], service: "Persistent Chat SIP (MTLS), Front End to Persistent Chat (default 5041, domain §6.2)", source: LS_PORTS, inferred: false },
  { id: "pchat-wcf", listeners: "persistent-chat", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["881"], service: "Persistent Chat WCF (TLS, MTLS)", source: LS_PORTS, inferred: false },
  { id: "pchat-file-transfer", listeners: "persistent-chat", clients: ["network"], protocols: ["Tcp"], ports: ["443"], service: "Persistent Chat File Transfer Service (TLS)", source: LS_PORTS, inferred: false },
  // --- LS:pchat-topologies ------------------------------------------------------------------------
  { id: "pchat-s2s", listeners: "persistent-chat", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["8011"], service: "Persistent Chat server to server inside the pool, and administration", source: "LS:pchat-topologies", inferred: false },
  // --- inferred companions (domain §6.3, §6.4) ----------------------------------------------------
  { id: "sql-from-lync", listeners: "sql-store", clients: ["lync-servers"], protocols: ["Tcp"], ports: [{ config: "sql.port" }], service: "SQL Server for the Persistent Chat and Lync stores", source: "domain §6.4", inferred: true },
  { id: "sql-browser", listeners: "sql-store", clients: ["lync-servers", "sql-servers"], protocols: ["Udp"], ports: ["1434"], service: "SQL Browser: Lync reaches a named instance as fqdn\\instance", source: "domain §6.4", inferred: true, when: "sql-named-instance" },
  { id: "sql-from-operators", listeners: "sql-store", clients: ["operators"], protocols: ["Tcp"], ports: [{ config: "sql.port" }], service: "SQL Server from operator ranges and Bastion tunnels (migration gates)", source: "kit: migration gates", inferred: true },
  { id: "sql-between-instances", listeners: "sql-partner", clients: ["sql-servers"], protocols: ["Tcp"], ports: [{ config: "sql.port" }, "5022"], service: "Mirroring endpoint and log-shipping jobs between the store instances", source: "domain §6.3", inferred: true, when: "sql-mirroring-or-log-shipping" },
  { id: "smb-log-shipping", listeners: "share:log-shipping-backup", clients: ["sql-servers"], protocols: ["Tcp"], ports: ["445"], service: "Log-shipping backup share, read and written by every Persistent Chat SQL Server", source: "domain §6.3", inferred: false },
  { id: "smb-log-shipping-copy", listeners: "share:log-shipping-copy", clients: ["sql-servers"], protocols: ["Tcp"], ports: ["445"], service: "Log-shipping copy destination on the secondary", source: "domain §6.3", inferred: true },
  { id: "smb-file-store", listeners: "share:persistent-chat-file-store", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["445"], service: "SMB to the Persistent Chat file store (Persistent Chat servers, Front End file web service)", source: "domain §6.2, §6.4", inferred: true },
  { id: "smb-migration-staging", listeners: "share:migration-staging", clients: ["lync-servers", "sql-servers", "legacy-servers"], protocols: ["Tcp"], ports: ["445"], service: "Migration staging share: exports, SQL backups written by each SQL Server, run markers", source: "kit: migration runbook steps 3-8", inferred: true },
  { id: "legacy-sql", listeners: "legacy-sql", clients: ["lync-servers", "legacy-servers", "operators"], protocols: ["Tcp"], ports: ["1433"], service: "Legacy Group Chat database: the Group Chat server, the export, the legacy backup step and the gates", source: "kit: migration runbook steps 1, 3, 4, 11", inferred: true },
  { id: "legacy-smb", listeners: "share:legacy-file-store", clients: ["lync-servers"], protocols: ["Tcp"], ports: ["445"], service: "Migration copies the legacy Group Chat file store", source: "domain §2.4 step 7", inferred: true },
  { id: "ad-dns", listeners: "domain-controller", clients: ["network"], protocols: ["Tcp", "Udp"], ports: ["53"], service: "DNS on the domain controller", source: "domain §6.4", inferred: true },
  { id: "ad-kerberos", listeners: "domain-controller", clients: ["network"], protocols: ["Tcp", "Udp"], ports: ["88", "464"], service: "Kerberos and password change", source: "domain §6.4", inferred: true },
  { id: "ad-ldap-tcp", listeners: "domain-controller", clients: ["network"], protocols: ["Tcp"], ports: ["389", "636", "3268-3269"], service: "LDAP, LDAPS and global catalog", source: "domain §6.4", inferred: true },
  { id: "ad-ldap-udp", listeners: "domain-controller", clients: ["network"], protocols: ["Udp"], ports: ["389"], service: "LDAP ping (DC locator)", source: "domain §6.4", inferred: true },
  { id: "ad-ntp", listeners: "domain-controller", clients: ["network"], protocols: ["Udp"], ports: ["123"], service: "Time from the domain hierarchy (Kerberos needs it)", source: "domain §6.4", inferred: true },
  { id: "ad-rpc", listeners: "domain-controller", clients: ["network"], protocols: ["Tcp"], ports: ["135", "49152-65535"], service: "RPC endpoint mapper and dynamic RPC (replication, domain join)", source: "domain §6.4", inferred: true },
  { id: "ad-smb-sysvol", listeners: "domain-controller", clients: ["network"], protocols: ["Tcp"], ports: ["445"], service: "SYSVOL and NETLOGON (group policy)", source: "domain §6.4", inferred: true },
  // --- kit design -----------------------------------------------------------------------------------
  { id: "rdp-from-bastion", listeners: "any-server", clients: ["bastion"], protocols: ["Tcp"], ports: ["3389"], service: "RDP only through Azure Bastion", source: "kit: nothing from the Internet but Bastion", inferred: true },
];

/**
 * Traffic between the Lync servers of one subnet, on every port: the table lists listening ports,
 * but a pool's servers also talk on ports it does not name (the dynamic RPC ports DCOM hands out after
 * 135, the local SQL Express instance holding the CMS replica at a dynamic port found through SQL
 * Browser 1434). Issue 9: such traffic must never fall to the deny-all rule. (inferred)
 */
export const LYNC_INTRA_SUBNET = {
  id: "lync-intra-subnet",
  service: "Any traffic between the Lync servers of this subnet (dynamic RPC and SQL ports the table does not list)",
  source: "LS:ports lists listening ports only (inferred)",
} as const;
