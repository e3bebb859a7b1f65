/**
 * A structural check of a published topology document, since no XSD is public (lync-install.md §2):
 * the ids are unique (`ClusterId` SiteId+Number, `SqlInstanceId` Name+ClusterId, `ServiceId`
 * SiteId+RoleName+Instance, machine FQDNs), and every reference resolves to something declared: each
 * `ClusterId`, `SqlInstanceId` and `ServiceId` found inside a service (its `DependsOn`, `InstalledOn`,
 * `Backup`, or anything else) and each cluster's site. It knows no role: the real reference document
 * (../shared/reference/) passes it, and so must every document the kit generates.
 *
 * It also returns the document read back as plain data, which the tests compare with the plan.
 */
import { XMLParser } from "fast-xml-parser";
import { TOPOLOGY_NS } from "./model";

export interface XmlElement {
  /** Local name, without a namespace prefix. */
  name: string;
  /** The namespace URI the element is in (from the nearest `xmlns` / `xmlns:<prefix>` in scope). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type Ordered = Record<string, unknown>;

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, parseTagValue: false, trimValues: true });

function toElements(nodes: Ordered[], scope: Record<string, string>): XmlElement[] {
  const out: XmlElement[] = [];
  for (const n of nodes) {
    const qname = Object.keys(n).find((k) => k !== ":@");
    if (qname === undefined || qname.startsWith("#") || qname.startsWith("?")) continue;
    const raw = (n[":@"] ?? {}) as Record<string, unknown>;
    const attrs: Record<string, string> = {};
    const inScope = { ...scope };
    for (const [k, v] of Object.entries(raw)) {
      const local = k.includes(":") && !k.startsWith("xmlns") ? k.slice(k.indexOf(":") + 1) : k;
      attrs[local] = String(v);
      if (k === "xmlns") inScope[""] = String(v);
      else if (k.startsWith("xmlns:")) inScope[k.slice(6)] = String(v);
    }
    const colon = qname.indexOf(":");
    const prefix = colon > 0 ? qname.slice(0, colon) : "";
    const kids = (n[qname] ?? []) as Ordered[];
    const text = kids.map((k) => (typeof k["#text"] === "string" || typeof k["#text"] === "number" ? String(k["#text"]) : "")).join("");
    out.push({ name: qname.slice(colon + 1), ns: inScope[prefix] ?? "", attrs, children: toElements(kids, inScope), text });
  }
  return out;
}

/** The document's root element; throws on text that is not well-formed XML. */
export function parseXmlElements(xml: string): XmlElement[] {
  return toElements(parser.parse(xml) as Ordered[], {});
}

export interface ParsedService {
  id: string;
  roleName: string;
  siteId: string;
  type: string | null;
  roleVersion: string;
  serviceVersion: string;
  /** `cluster:1.2` or `sql:<name>@1.3`. */
  installedOn: string | null;
  dependsOn: { usage: string; id: string }[];
  backup: string[];
  ports: Record<string, string>[];
  element: XmlElement;
}

export interface ParsedTopology {
  signature: string;
  defaultDomain: string;
  internalDomains: string[];
  sites: { siteId: string; name: string }[];
  clusters: { id: string; fqdn: string; requiresReplication: string; machines: { fqdn: string; ordinal: string; interfaces: string[] }[] }[];
  sqlInstances: { id: string; name: string; cluster: string }[];
  services: ParsedService[];
}

export interface TopologyCheck {
  problems: string[];
  topology: ParsedTopology;
}

const child = (e: XmlElement, name: string): XmlElement | undefined => e.children.find((c) => c.name === name);
const children = (e: XmlElement | undefined, name: string): XmlElement[] => (e ? e.children.filter((c) => c.name === name) : []);

const clusterKey = (e: XmlElement): string => `${e.attrs.SiteId ?? "?"}.${e.attrs.Number ?? "?"}`;
const serviceKey = (e: XmlElement): string => `${e.attrs.SiteId ?? "?"}-${e.attrs.RoleName ?? "?"}-${e.attrs.Instance ?? "?"}`;
function sqlKey(e: XmlElement): string {
  const c = child(e, "ClusterId");
  return `${(e.attrs.Name ?? "?").toLowerCase()}@${c ? clusterKey(c) : "?"}`;
}

/** Every descendant named `name`, not looking inside elements named in `skipInside`. */
function descendants(e: XmlElement, name: string, skipInside: string[] = []): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of e.children) {
    if (c.name === name) out.push(c);
    if (!skipInside.includes(c.name)) out.push(...descendants(c, name, skipInside));
  }
  return out;
}

export function checkTopologyDocument(xml: string): TopologyCheck {
  const problems: string[] = [];
  const empty: ParsedTopology = { signature: "", defaultDomain: "", internalDomains: [], sites: [], clusters: [], sqlInstances: [], services: [] };
  let roots: XmlElement[];
  try {
    roots = parseXmlElements(xml);
  } catch (e) {
    return { problems: [`not well-formed XML: ${(e as Error).message}`], topology: empty };
  }
  const root = roots[0];
  if (!root || root.name !== "Topology" || roots.length !== 1) return { problems: ["the root element is not <Topology>"], topology: empty };
  if (root.ns !== TOPOLOGY_NS) problems.push(`<Topology> is in namespace "${root.ns}", not ${TOPOLOGY_NS}`);

  const unique = (what: string, keys: string[]): void => {
    const seen = new Set<string>();
    for (const k of keys) {
      if (seen.has(k)) problems.push(`${what} ${k} is declared twice`);
      seen.add(k);
    }
  };

  const domains = child(root, "InternalDomains");
  const internalDomains = children(domains, "InternalDomain").map((d) => d.attrs.Name ?? "");
  const defaultDomain = domains?.attrs.DefaultDomain ?? "";
  if (!internalDomains.some((d) => d.toLowerCase() === defaultDomain.toLowerCase())) problems.push(`the default domain "${defaultDomain}" is not an internal domain`);

  const siteElements = (child(root, "Sites")?.children ?? []).filter((s) => s.attrs.SiteId !== undefined);
  const sites = siteElements.map((s) => ({ siteId: s.attrs.SiteId ?? "", name: child(s, "Name")?.text ?? "" }));
  unique("site", sites.map((s) => s.siteId));
  const siteIds = new Set(sites.map((s) => s.siteId));

  const clusters = children(child(root, "Clusters"), "Cluster").map((c) => {
    const ids = children(c, "ClusterId");
    if (ids.length !== 1) problems.push(`cluster ${c.attrs.Fqdn ?? "?"} has ${ids.length} ClusterId elements`);
    const id = ids[0] ? clusterKey(ids[0]) : "?";
    if (ids[0] && !siteIds.has(ids[0].attrs.SiteId ?? "")) problems.push(`cluster ${id} (${c.attrs.Fqdn ?? "?"}) is in site ${ids[0].attrs.SiteId ?? "?"}, which is not declared`);
    const machines = children(c, "Machine").map((m) => ({ fqdn: m.attrs.Fqdn ?? "", ordinal: m.attrs.OrdinalInCluster ?? "", interfaces: children(m, "NetInterface").map((n) => n.attrs.InterfaceSide ?? "") }));
    unique(`machine ordinal in cluster ${id}:`, machines.map((m) => m.ordinal));
    if (machines.length === 0) problems.push(`cluster ${id} (${c.attrs.Fqdn ?? "?"}) has no machine`);
    return { id, fqdn: c.attrs.Fqdn ?? "", requiresReplication: c.attrs.RequiresReplication ?? "", machines };
  });
  unique("cluster", clusters.map((c) => c.id));
  unique("cluster FQDN", clusters.map((c) => c.fqdn.toLowerCase()));
  unique("machine FQDN", clusters.flatMap((c) => c.machines.map((m) => m.fqdn.toLowerCase())));
  const clusterIds = new Set(clusters.map((c) => c.id));

  const sqlInstances = children(child(root, "SqlInstances"), "SqlInstance").map((s) => {
    const id = child(s, "SqlInstanceId");
    const c = id ? child(id, "ClusterId") : undefined;
    if (!id || !c) problems.push("a SqlInstance has no SqlInstanceId with a ClusterId");
    const key = id ? sqlKey(id) : "?";
    const cluster = c ? clusterKey(c) : "?";
    if (!clusterIds.has(cluster)) problems.push(`SQL instance ${key} is on cluster ${cluster}, which is not declared`);
    return { id: key, name: id?.attrs.Name ?? "", cluster };
  });
  unique("SQL instance", sqlInstances.map((s) => s.id));
  const sqlIds = new Set(sqlInstances.map((s) => s.id));

  const serviceElements = children(child(root, "Services"), "Service");
  const ownIds = serviceElements.map((s) => child(s, "ServiceId"));
  const services: ParsedService[] = serviceElements.map((s, i) => {
    const own = ownIds[i];
    if (!own) problems.push("a Service has no ServiceId");
    const id = own ? serviceKey(own) : "?";
    if (own && !siteIds.has(own.attrs.SiteId ?? "")) problems.push(`service ${id} is in site ${own.attrs.SiteId ?? "?"}, which is not declared`);
    const on = child(s, "InstalledOn")?.children ?? [];
    if (on.length !== 1 || !on[0] || !["ClusterId", "SqlInstanceId"].includes(on[0].name)) problems.push(`service ${id} is not installed on exactly one cluster or SQL instance`);
    const target = on[0];
    const installedOn = target ? (target.name === "ClusterId" ? `cluster:${clusterKey(target)}` : `sql:${sqlKey(target)}`) : null;
    const dependsOn = children(child(s, "DependsOn"), "Dependency").map((d) => {
      const refs = children(d, "ServiceId");
      if (refs.length !== 1 || !refs[0]) problems.push(`a dependency of service ${id} does not name exactly one service`);
      return { usage: d.attrs.Usage ?? "", id: refs[0] ? serviceKey(refs[0]) : "?" };
    });
    const backup = children(s, "Backup").flatMap((b) => children(b, "ServiceId").map(serviceKey));
    const ports = children(child(s, "Ports"), "Port").map((p) => p.attrs);
    return { id, roleName: own?.attrs.RoleName ?? "", siteId: own?.attrs.SiteId ?? "", type: s.attrs.Type ?? null, roleVersion: s.attrs.RoleVersion ?? "", serviceVersion: s.attrs.ServiceVersion ?? "", installedOn, dependsOn, backup, ports, element: s };
  });
  unique("service", services.map((s) => s.id));
  const serviceIds = new Set(services.map((s) => s.id));

  // Every reference inside a service, wherever it sits (DependsOn, InstalledOn, Backup, role elements).
  serviceElements.forEach((s, i) => {
    const id = services[i]?.id ?? "?";
    const rest: XmlElement = { ...s, children: s.children.filter((c) => c !== ownIds[i]) };
    for (const ref of descendants(rest, "ServiceId")) if (!serviceIds.has(serviceKey(ref))) problems.push(`service ${id} refers to service ${serviceKey(ref)}, which is not declared`);
    for (const ref of descendants(rest, "SqlInstanceId")) if (!sqlIds.has(sqlKey(ref))) problems.push(`service ${id} refers to SQL instance ${sqlKey(ref)}, which is not declared`);
    for (const ref of descendants(rest, "ClusterId", ["SqlInstanceId"])) if (!clusterIds.has(clusterKey(ref))) problems.push(`service ${id} refers to cluster ${clusterKey(ref)}, which is not declared`);
  });

  return { problems, topology: { signature: root.attrs.Signature ?? "", defaultDomain, internalDomains, sites, clusters, sqlInstances, services } };
}
