/**
 * The Persistent Chat part of the published topology: the pool's cluster and its services.
 *
 * NO PUBLIC SAMPLE of these elements exists (../shared/reference/README.md; lync-install.md §2): the
 * reference document has no Persistent Chat service. Everything below follows the reference's
 * patterns for other roles, and what is not documented is marked INFERRED, with the reason. A first
 * real `Publish-CsTopology` must confirm it; until then a user can publish their own document
 * (`lync.topologyFile`, src/topology/lync-topology.ts).
 *
 * Documented (cited):
 * - The three roles are `PersistentChatService` (front end of the pool, running the Persistent Chat
 *   and Compliance services), `PersistentChatStore` (`mgc`) and `PersistentChatComplianceStore`
 *   (`mgccomp`), the last only when compliance is enabled (LS:lync-server-2013-new-persistent-chat-
 *   server-features, "Key Topology Changes"; LS: Persistent Chat database schema).
 * - `PersistentChatService` is the RoleName of a ServiceId: the pool's default endpoint, an AD contact
 *   named from the service id, reads `sip:GC-1-PersistentChatService-2@<domain>` in a public plug-in
 *   (nextlabs-sources/SfBServerEnforcer, SIPComponent `CSIPTools.IsPersistentChatEndpoint`), the
 *   `<SiteId>-<RoleName>-<Instance>` form of the reference's ServiceIds. Get-CsService calls the
 *   service `PersistentChatServer:<pool fqdn>` (PS:Get-CsService `-PersistentChatServer`;
 *   PS:Get-CsPersistentChatState), as it calls `UserServices` `UserServer:`: cmdlet identities are
 *   not role names.
 * - A pool is a multiple-computer pool of one or more servers, its FQDN distinct from theirs (domain
 *   §5, §6.2); a stretched pool is ONE pool in ONE site whose servers sit in two datacentres, and
 *   which of them are active is set by Set-CsPersistentChatActiveServer, not in the topology (domain
 *   §6.3). So the standby servers are machines of the same cluster.
 * - Pool properties: display name, SIP port (5041 by default), compliance, default pool for the site,
 *   SQL store, compliance store, file store, next-hop front-end pool, and for HA/DR the mirror,
 *   witness and backup SQL stores (domain §6.2, §6.3; LS:lync-server-2013-using-topology-builder-to-
 *   configure-high-availability-and-disaster-recovery; SFB: define-properties-and-options-for-
 *   persistent-chat-pool, add-persistent-chat-backup-sql-server-store). In FailedOver state the pool
 *   "uses the backup databases defined in the topology" (PS:Get-CsPersistentChatState).
 * - Ports: 5041 SIP (MTLS), 881 WCF (TLS, MTLS), 8011 server to server in the pool (domain §6.4).
 * - What Get-CsService -PersistentChatServer returns (`Microsoft.Rtc.Management.Xds.
 *   DisplayPersistentChatServer`, read by nextlabs-sources/SfBServerEnforcer, SFBPersistentChatServerInfo):
 *   PoolFqdn, Registrar, FileStore, MtlsPort, DisplayName, ActiveServers, InactiveServers, ServiceId,
 *   and eight databases: PersistentChatDatabase, MirrorPersistentChatDatabase,
 *   BackupPersistentChatDatabase, BackupMirrorPersistentChatDatabase and the same four for
 *   PersistentChatComplianceDatabase. So the service refers to the next hop's registrar, the file store
 *   and every copy of each store, and its SIP port is an MTLS port.
 */
import type { PersistentChatServerInput } from "./input";
import {
  type ClusterId,
  type ClusterModel,
  type DependencyModel,
  type PortModel,
  type ServiceId,
  type ServiceModel,
  type SqlInstanceRef,
  sqlInstanceIdNode,
  TOPOLOGY_NS,
  type XmlNode,
} from "./model";

/** One store (`mgc` or `mgccomp`) with its SQL instances resolved to document ids. */
export interface ResolvedStore {
  principal: SqlInstanceRef;
  mirror: SqlInstanceRef | null;
  witness: SqlInstanceRef | null;
  backup: { principal: SqlInstanceRef; mirror: SqlInstanceRef | null; witness: SqlInstanceRef | null } | null;
}

export interface PersistentChatContext {
  siteId: number;
  poolFqdn: string;
  /** The pool's own cluster id; null when the service is collocated on the Standard Edition front end. */
  clusterId: ClusterId | null;
  /** The front end's cluster, which carries a collocated service. */
  frontEndCluster: ClusterId;
  servers: PersistentChatServerInput[];
  displayName: string;
  sipPort: number;
  defaultForSite: boolean;
  store: ResolvedStore;
  compliance: ResolvedStore | null;
  /** The next hop: the front-end pool's registrar. */
  nextHop: ServiceId;
  fileStore: ServiceId;
}

export interface PersistentChatPart {
  cluster: ClusterModel | null;
  services: ServiceModel[];
}

/** INFERRED: the fully qualified class names follow the reference's `Type`s (`...ServiceRoles.RegistrarService`). */
export const PERSISTENT_CHAT_SERVICE_TYPE = "Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.PersistentChatService";

/** The Persistent Chat pool's cluster and its `PersistentChatService`, `PersistentChatStore` and `PersistentChatComplianceStore` services. */
export function persistentChatPart(ctx: PersistentChatContext): PersistentChatPart {
  // Active servers first: a reader sees the pool's working servers, then the stretched pool's standby ones.
  const machines = [...ctx.servers.filter((s) => s.state === "active"), ...ctx.servers.filter((s) => s.state === "standby")];
  // INFERRED: a pool cluster like the front end's (RequiresReplication/RequiresSetup: it runs Lync
  // services and a local CMS replica), with only the `Primary` interface: the reference gives the
  // front end `External` for its external web ports and `Pstn` for Mediation, which this role has not.
  const cluster: ClusterModel | null = ctx.clusterId ? { id: ctx.clusterId, fqdn: ctx.poolFqdn, lyncPool: true, machines: machines.map((s) => ({ fqdn: s.fqdn, interfaces: ["Primary"] })) } : null;

  // INFERRED: every copy of a store (principal, mirror, backup = log-shipping secondary, backup's
  // mirror) is a store service of its own on its SQL instance, numbered in that order, because the
  // service display names four databases per store (header). The service depends on each copy; the
  // reference's `Dependency` carries a `Usage` (always "Default" there), so the copies are told apart
  // by Usage values named after those display properties: Default, Mirror, Backup, BackupMirror.
  // RoleVersion 1, as the reference gives every store role.
  // INFERRED: the witness watches a mirrored pair and holds no database, so it is no service: a
  // `Witness` wrapper holding its SqlInstanceId on the pair's principal, in the shape of the
  // reference's one wrapper reference, the registrar's `Backup` (which holds a ServiceId).
  const services: ServiceModel[] = [];
  const dependencies: DependencyModel[] = [];
  const addStore = (roleName: string, s: ResolvedStore): void => {
    const copies: { usage: string; on: SqlInstanceRef; witness: SqlInstanceRef | null }[] = [{ usage: "Default", on: s.principal, witness: s.witness }];
    if (s.mirror) copies.push({ usage: "Mirror", on: s.mirror, witness: null });
    if (s.backup) {
      copies.push({ usage: "Backup", on: s.backup.principal, witness: s.backup.witness });
      if (s.backup.mirror) copies.push({ usage: "BackupMirror", on: s.backup.mirror, witness: null });
    }
    copies.forEach((copy, i) => {
      const id: ServiceId = { siteId: ctx.siteId, roleName, instance: i + 1 };
      const after: XmlNode[] = copy.witness ? [{ name: "Witness", ns: TOPOLOGY_NS, children: [sqlInstanceIdNode(copy.witness)] }] : [];
      services.push({ id, roleVersion: 1, dependsOn: [], installedOn: { sqlInstance: copy.on }, afterInstalledOn: after, ports: [] });
      dependencies.push({ usage: copy.usage, service: id });
    });
  };
  addStore("PersistentChatStore", ctx.store);
  if (ctx.compliance) addStore("PersistentChatComplianceStore", ctx.compliance);

  // INFERRED: Owner/Usage/Protocol/GruuType follow the reference's rows of the same kind: a SIP listener
  // that authorizes requests (`SipServer`, `Mtls`, like the registrar's), a WCF MTLS listener (`WcfMtls`,
  // like Lyss's 5077) and a plain TCP WCF listener (`WcfServer`, like McuFactory's 9001).
  const owner = "urn:component:PersistentChat";
  const ports: PortModel[] = [
    { owner, usage: "SipServer", side: "Primary", port: ctx.sipPort, protocol: "Mtls", urlPath: "/", authorizesRequests: true, gruuType: "PersistentChat" },
    { owner, usage: "WcfMtls", side: "Primary", port: 881, protocol: "Mtls", urlPath: "/", authorizesRequests: false },
    { owner, usage: "WcfServer", side: "Primary", port: 8011, protocol: "Tcp", urlPath: "/", authorizesRequests: false },
  ];

  const service: ServiceModel = {
    id: { siteId: ctx.siteId, roleName: "PersistentChatService", instance: 1 },
    // INFERRED: RoleVersion 1, the role being new in Lync Server 2013.
    roleVersion: 1,
    type: PERSISTENT_CHAT_SERVICE_TYPE,
    // The next hop is the front end's registrar, as the reference's Mediation service depends on its
    // next-hop registrar; the file store as the front end's services depend on it.
    dependsOn: [ctx.nextHop, ctx.fileStore, ...dependencies],
    installedOn: { cluster: ctx.clusterId ?? ctx.frontEndCluster },
    ports,
    // INFERRED: the pool's options as attributes of a role element named after the service class, as
    // the reference carries `RegistrarService IsDirector` and `CentralMgmtService IsActive`.
    roleElements: [{ name: "PersistentChatService", attrs: { DisplayName: ctx.displayName, EnableCompliance: String(ctx.compliance !== null), IsDefaultForSite: String(ctx.defaultForSite) } }],
  };

  return { cluster, services: [service, ...services] };
}
