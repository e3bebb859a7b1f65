/**
 * The front-end pool's services, Central Management and file store. Their role names, role versions,
 * `Type`s, dependencies, default ports, web components and MCUs are product constants of Lync Server
 * 2013, read off the published reference document (../shared/reference/lync2013-published-topology.xml,
 * README there); the pool, its servers, its SQL instances and the share come from the input.
 *
 * Two differences from the reference, both product options: no Mediation service (the kit plans no
 * PSTN, src/topology/ports.ts; Topology Builder's "collocated Mediation Server" is optional, and without
 * it the machines need no `Pstn` interface), and no BackupService / registrar `Backup` (those come from
 * pairing two front-end pools, which the kit never plans).
 */
import {
  BASE_TYPES_NS,
  type ClusterId,
  type PortModel,
  type ServiceId,
  type ServiceModel,
  type SqlInstanceRef,
  WEB_SERVICES_NS,
  type XmlNode,
} from "./model";

const TYPE_PREFIX = "Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.";

interface PortOptions {
  side?: PortModel["side"];
  urlPath?: string;
  authorizes?: boolean;
  gruu?: string;
  range?: number;
  configuredPort?: number;
}

function port(owner: string, usage: string, portNumber: number, protocol: string, o: PortOptions = {}): PortModel {
  const p: PortModel = { owner, usage, side: o.side ?? "Primary", port: portNumber, protocol, urlPath: o.urlPath ?? "/", authorizesRequests: o.authorizes ?? false };
  if (o.gruu !== undefined) p.gruuType = o.gruu;
  if (o.range !== undefined) p.range = o.range;
  if (o.configuredPort !== undefined) p.configuredPort = o.configuredPort;
  return p;
}

const c = (name: string): string => `urn:component:${name}`;
const app = (name: string): string => `urn:application:${name}`;

/** Media ranges every media-terminating service declares (reference document). */
const AUDIO = port(c("MediaComp"), "AudioCommunication", 49152, "TcpOrUdp", { range: 8348 });
const VIDEO = port(c("MediaComp"), "VideoCommunication", 57501, "TcpOrUdp", { range: 8034 });
const APP_SHARING = port(c("MediaComp"), "AppSharingCommunication", 49152, "TcpOrUdp", { range: 16383 });

const USER_SERVICES_PORTS: PortModel[] = [
  port(c("McuFactory"), "WebServer", 444, "Mtls", { urlPath: "/LiveServer/McuFactory/" }),
  port(c("PresenceFocus"), "UserPinManagement", 443, "Https", { urlPath: "/LiveServer/UserPinManagement/" }),
  port(c("McuFactory"), "WcfServer", 9001, "Tcp", { urlPath: "/LiveServer/ConfDirMgmt/" }),
];

const REGISTRAR_PORTS: PortModel[] = [
  port(c("Registrar"), "SipServer", 5061, "Mtls", { authorizes: true, gruu: "HomeServer" }),
  port(c("Registrar"), "WebServer", 444, "Mtls", { urlPath: "/LiveServer/Focus/" }),
  port(c("WinFab"), "WinFabFederation", 5090, "Tcp"),
  port(c("WinFab"), "WinFabLeaseAgent", 5091, "Tcp"),
  port(c("WinFab"), "WinFabClientConnection", 5092, "Tcp"),
  port(c("WinFab"), "WinFabIPC", 5093, "Tcp"),
  port(c("WinFab"), "WinFabReplication", 5094, "Tcp"),
  port(c("QoE"), "SipServer", 5061, "Mtls", { urlPath: "/LiveServer/QoE/", authorizes: true, gruu: "QoS" }),
  port(c("Lyss"), "WcfMtls", 5077, "Mtls"),
  port(c("XmppFederation"), "SipServer", 5098, "Mtls", { authorizes: true, gruu: "XmppFederation" }),
];

const WEB_SERVICES_PORTS: PortModel[] = [
  port(c("OCSWebSite"), "WebSite", 8080, "Http", { side: "External", configuredPort: 80 }),
  port(c("OCSWebSite"), "WebSite", 4443, "Https", { side: "External", configuredPort: 443 }),
  port(c("OCSWebSite"), "WebSite", 80, "Http"),
  port(c("OCSWebSite"), "WebSite", 443, "Https"),
  port(c("Reach"), "PsomServer", 8060, "Mtls"),
  port(c("Reach"), "PsomServer", 8061, "Mtls", { side: "External" }),
  APP_SHARING,
  port(c("McxService"), "SipServer", 5086, "Mtls", { authorizes: true, gruu: "McxInternal" }),
  port(c("McxServiceExternal"), "SipServer", 5087, "Mtls", { authorizes: true, gruu: "McxExternal" }),
  // The Persistent Chat room management web service runs on the front end (domain §6.1).
  port(c("PersistentChatWebManager"), "SipServer", 5095, "Mtls", { authorizes: true, gruu: "PersistentChatRMWebInternal" }),
  port(c("PersistentChatWebManagerExternal"), "SipServer", 5096, "Mtls", { authorizes: true, gruu: "PersistentChatRMWebExternal" }),
  port(c("UcwaService"), "SipServer", 5088, "Mtls", { authorizes: true, gruu: "UcwaInternal" }),
  port(c("UcwaServiceExternal"), "SipServer", 5089, "Mtls", { authorizes: true, gruu: "UcwaExternal" }),
];

/** Includes PersistentChatWeb (file upload/download) and PersistentChatWebManager (domain §6.1). */
const WEB_COMPONENTS = [
  "ABHandler", "ABFiles", "AutodiscoverService", "CAHandler", "CAHandlerAnon", "CollabContent", "Cscp", "DataCollabWeb",
  "DeviceUpdateDownload", "DeviceUpdateStore", "Dialin", "DLExpansion", "LIService", "Lwa", "McxService", "Meet",
  "OnlineAuth", "PowerShell", "Reach", "RgsAgentService", "StoreWeb", "UcwaService", "WebScheduler", "WebTicket",
  "PersistentChatWeb", "PersistentChatWebManager", "HybridConfigService",
];

const CONF_PORTS: PortModel[] = [
  port(c("IMConf"), "SipServer", 5062, "Mtls", { gruu: "chat" }),
  port(c("IMConf"), "WebServer", 444, "Mtls", { urlPath: "/LiveServer/IMMcu/" }),
  port(c("DataConf"), "PsomClient", 8057, "Tls"),
  port(c("AVConf"), "SipServer", 5063, "Mtls", { gruu: "audio-video" }),
  port(c("AppSharingConf"), "SipServer", 5065, "Mtls", { gruu: "applicationsharing" }),
  port(c("DataConf"), "WebServer", 444, "Mtls", { urlPath: "/LiveServer/DataMcu/" }),
  port(c("AVConf"), "WebServer", 444, "Mtls", { urlPath: "/LiveServer/AVMcu/" }),
  port(c("AppSharingConf"), "WebServer", 444, "Mtls", { urlPath: "/LiveServer/ASMcu/" }),
  AUDIO,
  VIDEO,
  APP_SHARING,
];

const MCUS: XmlNode[] = [
  { name: "MCU", attrs: { ComponentName: "IMConf", Vendor: "Microsoft" } },
  { name: "MCU", attrs: { ComponentName: "DataConf", Vendor: "Microsoft", MinSupportedMode: "14" } },
  { name: "MCU", attrs: { ComponentName: "AppSharingConf", Vendor: "Microsoft" } },
  { name: "MCU", attrs: { ComponentName: "AVConf", Vendor: "Microsoft" } },
];

const APPLICATION_SERVER_PORTS: PortModel[] = [
  port(app("Cas"), "SipServer", 5073, "Mtls", { authorizes: true, gruu: "Microsoft.Rtc.Applications.Cas" }),
  port(app("Caa"), "SipServer", 5072, "Mtls", { authorizes: true, gruu: "Microsoft.Rtc.Applications.Caa" }),
  port(app("testbot"), "SipServer", 5076, "Mtls", { authorizes: true, gruu: "Microsoft.Rtc.Applications.TestBot" }),
  port(app("Cps"), "SipServer", 5075, "Mtls", { authorizes: true, gruu: "Microsoft.Rtc.Applications.Cps" }),
  port(app("RGS"), "SipServer", 5071, "Mtls", { authorizes: true, gruu: "Microsoft.Rtc.Applications.Acd" }),
  port(app("RGS"), "WcfMtls", 8404, "Mtls"),
  port(app("PDP"), "SipServer", 5080, "Mtls", { authorizes: true, gruu: "Microsoft.Rtc.Applications.PDP" }),
  port(app("PDP"), "TURNServer", 448, "Tcp"),
  AUDIO,
  VIDEO,
  APP_SHARING,
];

export interface FrontEndContext {
  siteId: number;
  /** The front-end pool's cluster. */
  pool: ClusterId;
  poolFqdn: string;
  /** The pool's back end: user and application stores. */
  backEnd: SqlInstanceRef;
  /** The cluster of the file server holding the share. */
  fileServer: ClusterId;
  shareName: string;
  /** The Central Management store's instance; null when the store lives elsewhere (not planned by the kit). */
  centralManagementStore: SqlInstanceRef | null;
}

/** `ServiceId` of the front-end pool's registrar: the Persistent Chat pool's next hop. */
export const registrarId = (siteId: number): ServiceId => ({ siteId, roleName: "Registrar", instance: 1 });
export const fileStoreId = (siteId: number): ServiceId => ({ siteId, roleName: "FileStore", instance: 1 });

/** The front-end pool's services, in the reference document's order. */
export function frontEndServices(ctx: FrontEndContext): ServiceModel[] {
  const id = (roleName: string): ServiceId => ({ siteId: ctx.siteId, roleName, instance: 1 });
  const onPool = { cluster: ctx.pool };
  const services: ServiceModel[] = [
    { id: id("UserServices"), roleVersion: 2, dependsOn: [id("UserStore"), id("ConfServices")], installedOn: onPool, ports: USER_SERVICES_PORTS },
    {
      id: registrarId(ctx.siteId),
      roleVersion: 2,
      type: `${TYPE_PREFIX}RegistrarService`,
      dependsOn: [id("UserServices"), id("WebServices")],
      installedOn: onPool,
      ports: REGISTRAR_PORTS,
      roleElements: [{ name: "RegistrarService", attrs: { IsDirector: "false" } }],
    },
    { id: id("UserStore"), roleVersion: 1, dependsOn: [], installedOn: { sqlInstance: ctx.backEnd }, ports: [] },
    {
      id: fileStoreId(ctx.siteId),
      roleVersion: 1,
      type: `${TYPE_PREFIX}FileStoreService`,
      dependsOn: [],
      installedOn: { cluster: ctx.fileServer },
      ports: [],
      roleElements: [{ name: "FileStoreService", attrs: { ShareName: ctx.shareName } }],
    },
    {
      id: id("WebServices"),
      roleVersion: 1,
      type: `${TYPE_PREFIX}WebService`,
      dependsOn: [id("UserServices"), fileStoreId(ctx.siteId)],
      installedOn: onPool,
      ports: WEB_SERVICES_PORTS,
      roleElements: [
        {
          name: "WebService",
          children: [
            { name: "ExternalSettings", attrs: { Host: ctx.poolFqdn }, children: [{ name: "OverrideUrls" }] },
            { name: "WebComponents", ns: WEB_SERVICES_NS, children: WEB_COMPONENTS.map((n) => ({ name: "Component", ns: WEB_SERVICES_NS, attrs: { ComponentName: n } })) },
            { name: "UpaSeparator", ns: BASE_TYPES_NS },
          ],
        },
      ],
    },
    {
      id: id("ConfServices"),
      roleVersion: 1,
      type: `${TYPE_PREFIX}ConfService`,
      dependsOn: [id("WebServices"), id("UserServices"), fileStoreId(ctx.siteId)],
      installedOn: onPool,
      ports: CONF_PORTS,
      roleElements: [{ name: "ConfService", children: [{ name: "MCUs", children: MCUS }] }],
    },
    {
      id: id("ApplicationServer"),
      roleVersion: 1,
      type: `${TYPE_PREFIX}ApplicationServerService`,
      dependsOn: [registrarId(ctx.siteId), id("ApplicationStore"), fileStoreId(ctx.siteId)],
      installedOn: onPool,
      ports: APPLICATION_SERVER_PORTS,
      roleElements: [{ name: "ApplicationServerService" }],
    },
    { id: id("ApplicationStore"), roleVersion: 1, dependsOn: [], installedOn: { sqlInstance: ctx.backEnd }, ports: [] },
  ];
  if (ctx.centralManagementStore) {
    services.push(
      {
        id: id("CentralMgmt"),
        roleVersion: 1,
        type: `${TYPE_PREFIX}CentralMgmtService`,
        dependsOn: [id("CentralMgmtStore"), fileStoreId(ctx.siteId)],
        installedOn: onPool,
        ports: [],
        roleElements: [{ name: "CentralMgmtService", attrs: { IsActive: "true" } }],
      },
      { id: id("CentralMgmtStore"), roleVersion: 1, dependsOn: [], installedOn: { sqlInstance: ctx.centralManagementStore }, ports: [] },
    );
  }
  return services;
}
