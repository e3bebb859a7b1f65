/**
 * LyncTopologyInput -> the published topology document (`<Topology xmlns="urn:schema:Microsoft.Rtc.
 * Management.Deploy.Topology.2008">`) that `Publish-CsTopology -FileName` publishes. Not Topology
 * Builder's `.tbxml`, which that cmdlet refuses (PS:Publish-CsTopology; lync-install.md §2).
 *
 * Pure and deterministic: the same input gives the same bytes (the `Signature` GUID is derived from
 * the input). The shape follows ../shared/reference/lync2013-published-topology.xml; no element is
 * copied from it: every site, cluster, machine, SQL instance and service comes from the input, and the
 * per-role constants (ports, web components) live in front-end.ts and persistent-chat.ts.
 *
 * Clusters of SQL servers and file servers (not in the reference, whose stores live on the Standard
 * Edition server) follow Topology Builder's own file for such servers (AutomatedLab/SfBAutomatedLab,
 * `Sample Topologies/Contoso.tbxml`): a one-machine cluster named by the server's FQDN, with
 * `RequiresReplication="false" RequiresSetup="false"` and no network interface rows; the default SQL
 * instance has an empty name (`SqlInstance Name=""` there).
 */
import { createHash } from "node:crypto";
import { create } from "xmlbuilder2";
import { UserError, UserErrors } from "../common/errors";
import { fileStoreId, frontEndServices, registrarId } from "./front-end";
import { isDefaultSqlInstance, type LyncTopologyInput, type StorePlacementInput } from "./input";
import {
  asDependency,
  type ClusterId,
  type ClusterModel,
  clusterIdNode,
  LYNC_2013_SERVICE_VERSION,
  type PortModel,
  SERVICE_ROLES_NS,
  type ServiceId,
  serviceIdNode,
  type SqlInstanceRef,
  sqlInstanceIdNode,
  TOPOLOGY_NS,
  type TopologyModel,
  type XmlNode,
} from "./model";
import { persistentChatPart, type ResolvedStore } from "./persistent-chat";

/** xmlbuilder2 does not export its builder type from the package root. */
type XMLBuilder = ReturnType<typeof create>;

const WHERE = "lync topology input";

const lower = (s: string): string => s.toLowerCase();

// RFC 1035 host names, at least two labels: what Lync accepts as an FQDN (inferred; no XSD is public).
const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * Every inconsistency of the input, each naming its place (`lync topology input: persistentChat.servers[2]`).
 * The program's adapter checks the plan first and names config keys; this is the engine's own guard.
 */
export function checkTopologyInput(input: LyncTopologyInput): UserError[] {
  const problems: UserError[] = [];
  const bad = (path: string, problem: string, fix: string): void => {
    problems.push(new UserError(`${WHERE}: ${path}`, problem, fix));
  };
  const fqdn = (path: string, value: string): void => {
    if (!FQDN.test(value)) bad(path, `"${value}" is not a fully qualified domain name`, "give the server's DNS name, e.g. pc01.contoso.local");
  };

  fqdn("sipDomain", input.sipDomain);
  (input.additionalSipDomains ?? []).forEach((d, i) => fqdn(`additionalSipDomains[${i}]`, d));
  if (input.sites.length === 0) bad("sites", "no central site is declared", "declare the site the pools live in");
  const siteKeys = new Set<string>();
  input.sites.forEach((s, i) => {
    if (siteKeys.has(s.key)) bad(`sites[${i}].key`, `site "${s.key}" is declared twice`, "give each site its own key");
    siteKeys.add(s.key);
    if (s.name.trim() === "") bad(`sites[${i}].name`, "is empty", "name the site");
  });
  const site = (path: string, key: string): void => {
    if (!siteKeys.has(key)) bad(path, `names site "${key}", which is not declared`, "declare the site, or use a declared site key");
  };

  const instances = new Map(input.sqlInstances.map((x) => [x.key, x]));
  const instanceIds = new Set<string>();
  input.sqlInstances.forEach((x, i) => {
    if (input.sqlInstances.findIndex((y) => y.key === x.key) !== i) bad(`sqlInstances[${i}].key`, `SQL instance "${x.key}" is declared twice`, "give each instance its own key");
    fqdn(`sqlInstances[${i}].serverFqdn`, x.serverFqdn);
    site(`sqlInstances[${i}].site`, x.site);
    const id = `${lower(x.serverFqdn)}\\${isDefaultSqlInstance(x.instanceName) ? "" : lower(x.instanceName)}`;
    if (instanceIds.has(id)) bad(`sqlInstances[${i}]`, `${x.serverFqdn} instance "${x.instanceName}" is declared twice`, "declare each SQL instance once and refer to it by key");
    instanceIds.add(id);
  });
  const instance = (path: string, key: string | null): void => {
    if (key !== null && !instances.has(key)) bad(path, `names SQL instance "${key}", which is not declared`, "declare it in sqlInstances");
  };

  const fe = input.frontEnd;
  site("frontEnd.site", fe.site);
  fqdn("frontEnd.fqdn", fe.fqdn);
  fe.serverFqdns.forEach((f, i) => fqdn(`frontEnd.serverFqdns[${i}]`, f));
  if (fe.serverFqdns.length === 0) bad("frontEnd.serverFqdns", "the front-end pool has no server", "list its servers");
  if (fe.edition === "Standard" && (fe.serverFqdns.length !== 1 || lower(fe.serverFqdns[0] ?? "") !== lower(fe.fqdn)))
    bad("frontEnd", "a Standard Edition pool is one server whose FQDN is the pool's (domain §5)", "give exactly one server, named like the pool");
  instance("frontEnd.backEndSqlInstanceKey", fe.backEndSqlInstanceKey);
  const backEnd = instances.get(fe.backEndSqlInstanceKey);
  if (backEnd && fe.edition === "Standard" && lower(backEnd.serverFqdn) !== lower(fe.fqdn))
    bad("frontEnd.backEndSqlInstanceKey", "a Standard Edition pool's back end is the server's own SQL Express instance", "place it on the Standard Edition server (instance rtc)");
  instance("centralManagement.sqlInstanceKey", input.centralManagement.sqlInstanceKey);

  const pc = input.persistentChat;
  site("persistentChat.site", pc.site);
  fqdn("persistentChat.fqdn", pc.fqdn);
  if (!Number.isInteger(pc.sipPort) || pc.sipPort < 1 || pc.sipPort > 65535) bad("persistentChat.sipPort", `${pc.sipPort} is not a TCP port`, "use 5041, the default, or another free port");
  if (!pc.servers.some((s) => s.state === "active")) bad("persistentChat.servers", "the pool has no active server", "list at least one active server");
  pc.servers.forEach((s, i) => fqdn(`persistentChat.servers[${i}].fqdn`, s.fqdn));
  const pcFqdns = pc.servers.map((s) => lower(s.fqdn));
  pcFqdns.forEach((f, i) => {
    if (pcFqdns.indexOf(f) !== i) bad(`persistentChat.servers[${i}]`, `${f} is listed twice`, "list each server once");
  });
  if (pc.collocatedWithFrontEnd) {
    if (fe.edition !== "Standard" || lower(pc.fqdn) !== lower(fe.fqdn) || pc.servers.length !== 1 || pcFqdns[0] !== lower(fe.fqdn))
      bad("persistentChat.collocatedWithFrontEnd", "only a Standard Edition server carries a collocated pool, which is that server (domain §5)", "collocate on a Standard Edition front end, or give the pool its own servers");
  } else {
    const feFqdns = [fe.fqdn, ...fe.serverFqdns].map(lower);
    if (feFqdns.includes(lower(pc.fqdn)) || pcFqdns.includes(lower(pc.fqdn))) bad("persistentChat.fqdn", `${pc.fqdn} names a server, not the pool`, "give the multiple-computer pool an FQDN of its own (domain §5)");
    pcFqdns.forEach((f, i) => {
      if (feFqdns.includes(f)) bad(`persistentChat.servers[${i}]`, `${f} is a front-end server`, "the Persistent Chat service runs on its own servers unless collocated on Standard Edition (domain §5)");
    });
  }
  const placement = (path: string, p: StorePlacementInput): void => {
    instance(`${path}.sqlInstanceKey`, p.sqlInstanceKey);
    instance(`${path}.mirrorSqlInstanceKey`, p.mirrorSqlInstanceKey);
    instance(`${path}.witnessSqlInstanceKey`, p.witnessSqlInstanceKey);
    if (p.backup) {
      instance(`${path}.backup.sqlInstanceKey`, p.backup.sqlInstanceKey);
      instance(`${path}.backup.mirrorSqlInstanceKey`, p.backup.mirrorSqlInstanceKey);
      instance(`${path}.backup.witnessSqlInstanceKey`, p.backup.witnessSqlInstanceKey);
    }
    const copies = [p.sqlInstanceKey, p.mirrorSqlInstanceKey, p.backup?.sqlInstanceKey ?? null, p.backup?.mirrorSqlInstanceKey ?? null].filter((k): k is string => k !== null);
    if (new Set(copies).size !== copies.length) bad(path, "two copies of the store share one SQL instance", "put the principal, mirror, backup and backup mirror on distinct instances");
  };
  placement("persistentChat.store", pc.store);
  if (pc.compliance) placement("persistentChat.compliance", pc.compliance);

  // A SQL or file server must be a computer of its own, not a member of a pool of several computers.
  const poolMembers = new Set([...(fe.edition === "Enterprise" ? fe.serverFqdns : []), ...(pc.collocatedWithFrontEnd ? [] : pc.servers.map((s) => s.fqdn))].map(lower));
  input.sqlInstances.forEach((x, i) => {
    if (poolMembers.has(lower(x.serverFqdn))) bad(`sqlInstances[${i}].serverFqdn`, `${x.serverFqdn} is a server of a pool`, "host SQL Server on its own computer");
  });
  site("fileStore.site", input.fileStore.site);
  fqdn("fileStore.serverFqdn", input.fileStore.serverFqdn);
  if (poolMembers.has(lower(input.fileStore.serverFqdn))) bad("fileStore.serverFqdn", `${input.fileStore.serverFqdn} is a server of a pool`, "host the file store share on a file server");
  if (!/^[^\\/:*?"<>|]+$/.test(input.fileStore.shareName)) bad("fileStore.shareName", `"${input.fileStore.shareName}" is not a share name`, "give the share's name alone, e.g. pchatfs");
  return problems;
}

/** A name-based (version 5, RFC 4122) UUID: the document's `Signature`, stable for one input. */
function signatureOf(input: LyncTopologyInput): string {
  // A namespace of our own, so the kit's signatures never equal another tool's for the same text.
  const namespace = Buffer.from("6f1d6c0e2b9a4c7e9d3f1a5b7c9e0d24", "hex");
  const hash = createHash("sha1").update(namespace).update(JSON.stringify(input)).digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The document as data; throws UserErrors when the input is inconsistent. */
export function buildTopologyModel(input: LyncTopologyInput): TopologyModel {
  const problems = checkTopologyInput(input);
  if (problems.length > 0) throw new UserErrors(problems);

  const siteId = new Map(input.sites.map((s, i) => [s.key, i + 1]));
  const idOf = (key: string): number => siteId.get(key) as number;
  const clusters: ClusterModel[] = [];
  const nextNumber = new Map<number, number>();
  const newCluster = (site: number, fqdn: string, lyncPool: boolean, machines: ClusterModel["machines"]): ClusterModel => {
    const number = (nextNumber.get(site) ?? 0) + 1;
    nextNumber.set(site, number);
    const cluster: ClusterModel = { id: { siteId: site, number }, fqdn, lyncPool, machines };
    clusters.push(cluster);
    return cluster;
  };
  /** The cluster of a single computer: the Standard Edition server's own, or a new one. */
  const computer = (site: number, fqdn: string): ClusterId => (clusters.find((c) => lower(c.fqdn) === lower(fqdn)) ?? newCluster(site, fqdn, false, [{ fqdn, interfaces: [] }])).id;

  const fe = input.frontEnd;
  const feSite = idOf(fe.site);
  // The reference's front end has Primary, External (external web ports) and Pstn (Mediation); no Mediation here.
  const feCluster = newCluster(feSite, fe.fqdn, true, fe.serverFqdns.map((fqdn) => ({ fqdn, interfaces: ["Primary", "External"] })));
  const pc = input.persistentChat;
  const pcSite = idOf(pc.site);
  // Numbered now so that the pools come first; the machines are the Persistent Chat renderer's.
  const pcClusterId: ClusterId | null = pc.collocatedWithFrontEnd ? null : newCluster(pcSite, pc.fqdn, true, []).id;

  const sqlRefs = new Map<string, SqlInstanceRef>();
  for (const x of input.sqlInstances) sqlRefs.set(x.key, { name: isDefaultSqlInstance(x.instanceName) ? "" : x.instanceName, cluster: computer(idOf(x.site), x.serverFqdn) });
  const ref = (key: string): SqlInstanceRef => sqlRefs.get(key) as SqlInstanceRef;
  const refOrNull = (key: string | null): SqlInstanceRef | null => (key === null ? null : ref(key));
  const fileServer = computer(idOf(input.fileStore.site), input.fileStore.serverFqdn);

  const resolve = (p: StorePlacementInput): ResolvedStore => ({
    principal: ref(p.sqlInstanceKey),
    mirror: refOrNull(p.mirrorSqlInstanceKey),
    witness: refOrNull(p.witnessSqlInstanceKey),
    backup: p.backup ? { principal: ref(p.backup.sqlInstanceKey), mirror: refOrNull(p.backup.mirrorSqlInstanceKey), witness: refOrNull(p.backup.witnessSqlInstanceKey) } : null,
  });
  const part = persistentChatPart({
    siteId: pcSite,
    poolFqdn: pc.fqdn,
    clusterId: pcClusterId,
    frontEndCluster: feCluster.id,
    servers: pc.servers,
    displayName: pc.displayName,
    sipPort: pc.sipPort,
    defaultForSite: pc.defaultForSite,
    store: resolve(pc.store),
    compliance: pc.compliance ? resolve(pc.compliance) : null,
    nextHop: registrarId(feSite),
    fileStore: fileStoreId(feSite),
  });
  if (part.cluster) {
    const slot = clusters.findIndex((c) => c.id.siteId === part.cluster?.id.siteId && c.id.number === part.cluster.id.number);
    clusters[slot] = part.cluster;
  }

  const services = [
    ...frontEndServices({ siteId: feSite, pool: feCluster.id, poolFqdn: fe.fqdn, backEnd: ref(fe.backEndSqlInstanceKey), fileServer, shareName: input.fileStore.shareName, centralManagementStore: ref(input.centralManagement.sqlInstanceKey) }),
    ...part.services,
  ];
  return {
    signature: signatureOf(input),
    sipDomain: input.sipDomain,
    sipDomains: [...new Set([input.sipDomain, ...(input.additionalSipDomains ?? [])].map((d) => d.toLowerCase()))],
    sites: input.sites.map((s) => ({ siteId: idOf(s.key), name: s.name, description: s.description })),
    clusters,
    sqlInstances: input.sqlInstances.map((x) => ref(x.key)),
    services,
  };
}

function node(parent: XMLBuilder, n: XmlNode): void {
  const el = parent.ele(n.ns ?? SERVICE_ROLES_NS, n.name, n.attrs ?? {});
  for (const child of n.children ?? []) node(el, child);
}

function portAttrs(p: PortModel): Record<string, string> {
  const a: Record<string, string> = {
    Owner: p.owner,
    Usage: p.usage,
    InterfaceSide: p.side,
    InterfaceNumber: "1",
    Port: String(p.port),
    Protocol: p.protocol,
    UrlPath: p.urlPath,
    AuthorizesRequests: String(p.authorizesRequests),
  };
  if (p.gruuType !== undefined) a.GruuType = p.gruuType;
  if (p.range !== undefined) a.Range = String(p.range);
  if (p.configuredPort !== undefined) a.ConfiguredPort = String(p.configuredPort);
  return a;
}

/** The model written as XML, UTF-8, two-space indented, as Get-CsTopology -AsXml lays it out. */
export function serializeTopology(m: TopologyModel): string {
  const T = TOPOLOGY_NS;
  const root = create({ version: "1.0", encoding: "utf-8" }).ele(T, "Topology", { Signature: m.signature });
  const domains = root.ele(T, "InternalDomains", { AllowAllDomains: "false", DefaultDomain: m.sipDomain });
  for (const d of m.sipDomains) domains.ele(T, "InternalDomain", { Name: d, Authoritative: "false", AllowSubDomains: "false" });
  const sites = root.ele(T, "Sites");
  for (const s of m.sites) {
    const el = sites.ele(T, "CentralSite", { SiteId: String(s.siteId) });
    el.ele(T, "Name").txt(s.name);
    el.ele(T, "Description").txt(s.description);
    el.ele(T, "Location");
  }
  const clusters = root.ele(T, "Clusters");
  for (const c of m.clusters) {
    const flag = String(c.lyncPool);
    const el = clusters.ele(T, "Cluster", { RequiresReplication: flag, RequiresSetup: flag, Fqdn: c.fqdn });
    node(el, clusterIdNode(c.id));
    c.machines.forEach((machine, i) => {
      const me = el.ele(T, "Machine", { OrdinalInCluster: String(i + 1), Fqdn: machine.fqdn, FaultDomain: machine.fqdn, UpgradeDomain: machine.fqdn });
      for (const side of machine.interfaces) me.ele(T, "NetInterface", { InterfaceSide: side, InterfaceNumber: "1", IPAddress: "0.0.0.0" });
    });
  }
  const sql = root.ele(T, "SqlInstances");
  for (const x of m.sqlInstances) node(sql.ele(T, "SqlInstance"), sqlInstanceIdNode(x));
  const services = root.ele(T, "Services");
  for (const s of m.services) {
    const attrs: Record<string, string> = { RoleVersion: String(s.roleVersion), ServiceVersion: String(LYNC_2013_SERVICE_VERSION) };
    if (s.type) attrs.Type = s.type;
    const el = services.ele(T, "Service", attrs);
    node(el, serviceIdNode(s.id));
    const deps = el.ele(T, "DependsOn");
    for (const d of s.dependsOn.map(asDependency)) node(deps.ele(T, "Dependency", { Usage: d.usage }), serviceIdNode(d.service));
    const on = el.ele(T, "InstalledOn");
    node(on, "cluster" in s.installedOn ? clusterIdNode(s.installedOn.cluster) : sqlInstanceIdNode(s.installedOn.sqlInstance));
    for (const n of s.afterInstalledOn ?? []) node(el, n);
    const ports = el.ele(SERVICE_ROLES_NS, "Ports");
    for (const p of s.ports) ports.ele(SERVICE_ROLES_NS, "Port", portAttrs(p));
    for (const n of s.roleElements ?? []) node(el, n);
  }
  return root.end({ prettyPrint: true, indent: "  ", newline: "\n", spaceBeforeSlash: true }) + "\n";
}

/** The published topology document for `input` (Publish-CsTopology -FileName). Throws UserErrors. */
export function renderTopology(input: LyncTopologyInput): string {
  return serializeTopology(buildTopologyModel(input));
}

/** `SiteId-RoleName-Instance`, the form Get-CsService shows as ServiceId (e.g. `1-UserServices-1`). */
export const serviceKey = (id: ServiceId): string => `${id.siteId}-${id.roleName}-${id.instance}`;
