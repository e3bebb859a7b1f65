/**
 * The engine's own description of a Lync Server 2013 deployment, from which `renderTopology`
 * (render.ts) writes the published topology document that `Publish-CsTopology -FileName` takes.
 * The Pulumi program maps its topology plan onto this (src/topology/lync-topology.ts); the engine
 * never imports `src/`, so anyone can build one by hand.
 *
 * References between parts are by `key` (a SQL instance key, a site key), never by position, so
 * the same input always gives the same document and a wrong key is reported by name
 * (`checkTopologyInput`).
 */

/** Lync Server 2013's default SIP port for the Persistent Chat service (domain §6.2). */
export const DEFAULT_PERSISTENT_CHAT_SIP_PORT = 5041;

/**
 * A Lync central site. A stretched Persistent Chat pool stays in ONE logical site with its servers
 * in two datacentres (domain §6.3; LS:lync-server-2013-configuring-persistent-chat-server-for-high-
 * availability-and-disaster-recovery: "distributed between two physical data centers, but ... within
 * a single logical Lync Server site"), so a datacentre is not a site: see `datacenter` below.
 */
export interface CentralSiteInput {
  /** Referenced by the pools and SQL instances, e.g. `primary`. */
  key: string;
  /** The site name Lync shows (Get-CsSite), e.g. `lab-westeurope`. */
  name: string;
  description: string;
}

/** A SQL Server instance Lync knows as a "SQL Server store". */
export interface SqlInstanceInput {
  /** Referenced by the front end, the Central Management store and the Persistent Chat stores. */
  key: string;
  /** FQDN of the server hosting the instance. */
  serverFqdn: string;
  /** Named instance (`rtc`), or `""` / `MSSQLSERVER` for the default instance. */
  instanceName: string;
  /** Central site key. */
  site: string;
  /** Physical datacentre, e.g. the Azure region. Not in the document (see CentralSiteInput). */
  datacenter: string;
}

export interface FrontEndPoolInput {
  site: string;
  edition: "Standard" | "Enterprise";
  /** Pool FQDN; for Standard Edition the one server's FQDN (domain §5). */
  fqdn: string;
  /** The servers of the pool: exactly one for Standard Edition. */
  serverFqdns: string[];
  /**
   * SQL instance of the pool's back end (user and application stores): the Enterprise Edition back
   * end, or the Standard Edition server's own SQL Express instance (`rtc` on `serverFqdns[0]`).
   */
  backEndSqlInstanceKey: string;
}

/**
 * Where one Persistent Chat database lives and how it is protected (domain §6.3): the principal
 * instance, its mirror and witness in the same datacentre, and the backup store of a stretched pool
 * (the log-shipping secondary, with its own mirror and witness) in the other datacentre.
 */
export interface StorePlacementInput {
  sqlInstanceKey: string;
  mirrorSqlInstanceKey: string | null;
  witnessSqlInstanceKey: string | null;
  backup: { sqlInstanceKey: string; mirrorSqlInstanceKey: string | null; witnessSqlInstanceKey: string | null } | null;
}

export interface PersistentChatServerInput {
  fqdn: string;
  /**
   * Active servers accept connections; standby servers of a stretched pool wait in the other
   * datacentre. The topology lists both as machines of the one pool: which ones are active is set
   * with Set-CsPersistentChatActiveServer after publishing (domain §6.3), not in the document.
   */
  state: "active" | "standby";
  datacenter: string;
}

export interface PersistentChatPoolInput {
  site: string;
  /** Pool FQDN; when collocated, the Standard Edition server's FQDN (domain §5). */
  fqdn: string;
  displayName: string;
  /** SIP port of the Persistent Chat service, 5041 by default. */
  sipPort: number;
  /**
   * True only when the service runs on the Standard Edition front end (domain §5): the front end's
   * cluster carries it. Otherwise the pool is a multiple-computer pool of its own, even with one
   * server, because a single-computer pool can never grow (domain §5).
   */
  collocatedWithFrontEnd: boolean;
  servers: PersistentChatServerInput[];
  /** `mgc` (PersistentChatStore). */
  store: StorePlacementInput;
  /** `mgccomp` (PersistentChatComplianceStore); null when compliance is off. */
  compliance: StorePlacementInput | null;
  /** The default Persistent Chat pool of its site (Topology Builder requires one per site). */
  defaultForSite: boolean;
  // The next hop is the front-end pool (LyncTopologyInput.frontEnd): the kit plans one.
}

/** The file store share Lync's FileStore service names; the front end and Persistent Chat share it. */
export interface FileStoreInput {
  site: string;
  /** FQDN of the file server (or of the SMB endpoint). */
  serverFqdn: string;
  shareName: string;
}

export interface LyncTopologyInput {
  /** The SIP domain, the document's default internal domain. */
  sipDomain: string;
  /**
   * More SIP domains the deployment serves (a lab that hosts production's users under their own SIP
   * addresses). @default []
   */
  additionalSipDomains?: string[];
  sites: CentralSiteInput[];
  sqlInstances: SqlInstanceInput[];
  fileStore: FileStoreInput;
  frontEnd: FrontEndPoolInput;
  persistentChat: PersistentChatPoolInput;
  /** Where the Central Management store lives: the first front end's back end (lync-install.md §1). */
  centralManagement: { sqlInstanceKey: string };
}

/** True for `""` and `MSSQLSERVER`: the document names the default instance with an empty name. */
export function isDefaultSqlInstance(instanceName: string): boolean {
  return instanceName === "" || instanceName.toUpperCase() === "MSSQLSERVER";
}
