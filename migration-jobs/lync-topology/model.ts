/**
 * The published topology document as plain data, before it is written as XML (render.ts). Element
 * and attribute names follow the real published Lync Server 2013 document in
 * ../shared/reference/lync2013-published-topology.xml (an AWS Quick Start Standard Edition
 * deployment): root `Topology`, `InternalDomains`, `Sites/CentralSite`, `Clusters/Cluster` with
 * `ClusterId` and `Machine` rows, `SqlInstances/SqlInstance/SqlInstanceId`, `Services/Service` with
 * `ServiceId`, `DependsOn/Dependency`, `InstalledOn`, `Backup`, `Ports` and a role element.
 */

export const TOPOLOGY_NS = "urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008";
export const SERVICE_ROLES_NS = "urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008";
export const WEB_SERVICES_NS = "urn:schema:Microsoft.Rtc.Management.Deploy.WebServices.2011";
export const BASE_TYPES_NS = "urn:schema:Microsoft.Rtc.Management.BaseTypes.2008";
/** Topology Builder's own file (`.tbxml`), which Publish-CsTopology cannot publish (PS:Publish-CsTopology). */
export const TOPOLOGY_BUILDER_NS = "urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008";

/** `ServiceVersion` of every Lync Server 2013 service in the reference document. */
export const LYNC_2013_SERVICE_VERSION = 6;

export interface ClusterId {
  siteId: number;
  number: number;
}

export interface ServiceId {
  siteId: number;
  roleName: string;
  instance: number;
}

/** A SQL instance is identified by its name (`""` for the default instance) and its server's cluster. */
export interface SqlInstanceRef {
  name: string;
  cluster: ClusterId;
}

export type InterfaceSide = "Primary" | "External" | "Pstn";

export interface MachineModel {
  fqdn: string;
  /** NetInterface rows, each `InterfaceNumber="1" IPAddress="0.0.0.0"` as in the reference. */
  interfaces: InterfaceSide[];
}

export interface ClusterModel {
  id: ClusterId;
  fqdn: string;
  /** Runs Lync services (a pool): `RequiresReplication` and `RequiresSetup` are true. */
  lyncPool: boolean;
  machines: MachineModel[];
}

export interface PortModel {
  owner: string;
  usage: string;
  side: InterfaceSide;
  port: number;
  protocol: string;
  urlPath: string;
  authorizesRequests: boolean;
  gruuType?: string;
  range?: number;
  configuredPort?: number;
}

/** A generic element, for role-specific children: `ns` defaults to the Service Roles namespace. */
export interface XmlNode {
  name: string;
  ns?: string;
  attrs?: Record<string, string>;
  children?: XmlNode[];
}

/** A `Dependency` row; a bare ServiceId is a dependency with `Usage="Default"`. */
export interface DependencyModel {
  usage: string;
  service: ServiceId;
}

export type DependencyRef = ServiceId | DependencyModel;

export function asDependency(d: DependencyRef): DependencyModel {
  return "service" in d ? d : { usage: "Default", service: d };
}

export interface ServiceModel {
  id: ServiceId;
  roleVersion: number;
  /** The `Type` attribute, when the role has a role element (e.g. `...ServiceRoles.FileStoreService`). */
  type?: string;
  dependsOn: DependencyRef[];
  installedOn: { cluster: ClusterId } | { sqlInstance: SqlInstanceRef };
  /** Children between `InstalledOn` and `Ports` (where the reference has a registrar's `Backup`; here a mirrored store's witness). */
  afterInstalledOn?: XmlNode[];
  ports: PortModel[];
  /** Role elements after `Ports` (namespace: Service Roles unless given). */
  roleElements?: XmlNode[];
}

export interface SiteModel {
  siteId: number;
  name: string;
  description: string;
}

export interface TopologyModel {
  signature: string;
  sipDomain: string;
  /** Every SIP domain, the default first. */
  sipDomains: string[];
  sites: SiteModel[];
  clusters: ClusterModel[];
  sqlInstances: SqlInstanceRef[];
  services: ServiceModel[];
}

export const clusterIdNode = (id: ClusterId): XmlNode => ({ name: "ClusterId", ns: TOPOLOGY_NS, attrs: { SiteId: String(id.siteId), Number: String(id.number) } });

export const serviceIdNode = (id: ServiceId): XmlNode => ({ name: "ServiceId", ns: TOPOLOGY_NS, attrs: { SiteId: String(id.siteId), RoleName: id.roleName, Instance: String(id.instance) } });

export const sqlInstanceIdNode = (ref: SqlInstanceRef): XmlNode => ({ name: "SqlInstanceId", ns: TOPOLOGY_NS, attrs: { Name: ref.name }, children: [clusterIdNode(ref.cluster)] });
