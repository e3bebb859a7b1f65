/**
 * The Lync Server 2013 topology document of a stack (issue 11, item 6): the plan mapped onto the
 * engine's LyncTopologyInput (migration-jobs/lync-topology/input.ts) and rendered there, or the
 * user's own document when `lync.topologyFile` names one. Every gap in the plan is a UserError
 * naming the config key that would fill it.
 *
 * One Lync central site holds everything, even the dr stack's second region: a stretched Persistent
 * Chat pool is one logical site whose servers sit in two datacentres (domain §6.3). The front end and
 * the Persistent Chat pool share the plan's Persistent Chat file store share (Topology Builder lets
 * pools share a file store); the kit plans no other share for Lync.
 */
import * as fs from "node:fs";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import { inputFile } from "../../migration-jobs/common/paths";
import {
  checkTopologyDocument,
  type LyncTopologyInput,
  parseXmlElements,
  type PersistentChatServerInput,
  renderTopology,
  type SqlInstanceInput,
  type StorePlacementInput,
  TOPOLOGY_BUILDER_NS,
  TOPOLOGY_NS,
} from "../../migration-jobs/lync-topology";
import type { DatabasePlan, ServerPlan, SqlInstancePlan, TopologyPlan } from "./plan";

/** The config key of the override (read by the program, not declared here: config is owned elsewhere). */
export const TOPOLOGY_FILE_KEY = "pchat-kit:lync.topologyFile";

const SITE_KEY = "primary";
/** The Standard Edition server's own SQL Express instance (lync-install.md §1: `/INSTANCENAME=RTC`, `-SqlInstanceName rtc`). */
const STANDARD_EDITION_INSTANCE = "rtc";

/** What the phases below share: the plan, the problems found so far, and the SQL instances declared. */
interface Mapping {
  plan: TopologyPlan;
  problems: UserError[];
  sqlInputs: SqlInstanceInput[];
  /** The plan's server, or null with a problem naming `where`. */
  server(key: string, where: string, what: string): ServerPlan | null;
  /** Declares a plan SQL instance (once) and returns its key, or null with a problem naming `where`. */
  declare(i: SqlInstancePlan, where: string): string | null;
  datacenter(site: ServerPlan["site"]): string;
}

function mapping(plan: TopologyPlan): Mapping {
  const servers = new Map(plan.servers.map((s) => [s.key, s]));
  const location = new Map(plan.sites.map((s) => [s.key, s.location]));
  const m: Mapping = {
    plan,
    problems: [],
    sqlInputs: [],
    datacenter: (site) => location.get(site) ?? site,
    server(key, where, what) {
      const s = servers.get(key);
      if (!s) m.problems.push(new UserError(where, `${what} "${key}" is not a server of this stack`, "declare it in the stack's topology, or publish your own document with pchat-kit:lync.topologyFile"));
      return s ?? null;
    },
    declare(i, where) {
      if (m.sqlInputs.some((x) => x.key === i.key)) return i.key;
      const host = m.server(i.serverKey, where, `the server of SQL instance ${i.key},`);
      if (!host) return null;
      m.sqlInputs.push({ key: i.key, serverFqdn: host.fqdn, instanceName: i.instanceName, site: SITE_KEY, datacenter: m.datacenter(i.site) });
      return i.key;
    },
  };
  return m;
}

/** The front end's servers and the key of its back-end instance (which also holds the CMS). */
function frontEnd(m: Mapping): { servers: ServerPlan[]; backEndKey: string | null } {
  const fe = m.plan.frontEnd;
  const servers = fe.serverKeys.map((k) => m.server(k, "pchat-kit:frontEnd", "front-end server")).filter((s): s is ServerPlan => s !== null);
  if (fe.serverKeys.length === 0) m.problems.push(new UserError("pchat-kit:frontEnd", "the stack plans no front-end server, and Lync needs a front-end pool as the Persistent Chat pool's next hop", "set pchat-kit:frontEnd.servers to 1 or more"));
  if (fe.edition === "Standard" && fe.serverKeys.length > 1) m.problems.push(new UserError("pchat-kit:frontEnd.servers", `a Standard Edition pool is one server, not ${fe.serverKeys.length}`, 'set pchat-kit:frontEnd.servers to 1, or pchat-kit:frontEnd.edition to "Enterprise"'));
  if (fe.edition === "Enterprise") {
    const be = m.plan.sqlInstances.find((i) => i.key === fe.backEndInstanceKey);
    if (be) return { servers, backEndKey: m.declare(be, "pchat-kit:sql") };
    m.problems.push(new UserError("pchat-kit:frontEnd.edition", "an Enterprise Edition pool needs its back-end SQL instance, and this stack plans none", 'plan the back end in this stack (pchat-kit:sql), or use pchat-kit:frontEnd.edition "Standard"'));
    return { servers, backEndKey: null };
  }
  const first = servers[0];
  if (!first) return { servers, backEndKey: null };
  // The Standard Edition back end is the server's SQL Express: the plan's (collocated pool) or the default.
  const local = m.plan.sqlInstances.find((i) => i.serverKey === first.key);
  if (local) return { servers, backEndKey: m.declare(local, "pchat-kit:frontEnd") };
  const key = `${first.key}-${STANDARD_EDITION_INSTANCE}`;
  m.sqlInputs.push({ key, serverFqdn: first.fqdn, instanceName: STANDARD_EDITION_INSTANCE, site: SITE_KEY, datacenter: m.datacenter(first.site) });
  return { servers, backEndKey: key };
}

/** The file store: the Persistent Chat pool's share, on its file server (or Azure Files endpoint). */
function fileStore(m: Mapping): { serverFqdn: string; shareName: string } | null {
  const key = m.plan.pool.fileStoreShareKey;
  const share = m.plan.shares.find((s) => s.key === key);
  if (!share) {
    m.problems.push(new UserError("pchat-kit:fileStore", `the Persistent Chat file store share "${key}" is not in the plan`, "declare pchat-kit:fileStore"));
    return null;
  }
  if (share.kind === "azure-files") {
    if (share.storageAccountName) return { serverFqdn: `${share.storageAccountName}.file.core.windows.net`, shareName: share.shareName };
    m.problems.push(new UserError("pchat-kit:fileStore", "the Azure Files share has no storage account", 'use pchat-kit:fileStore.kind "windows-share"'));
    return null;
  }
  if (!share.serverKey) {
    m.problems.push(new UserError("pchat-kit:fileStore", "the file store share has no file server", 'use pchat-kit:fileStore.kind "windows-share"'));
    return null;
  }
  const host = m.server(share.serverKey, "pchat-kit:fileStore", "the file server");
  return host ? { serverFqdn: host.fqdn, shareName: share.shareName } : null;
}

/** The SQL instances holding the copies of one Persistent Chat database (domain §6.3). */
function placement(m: Mapping, store: DatabasePlan["store"], principalKey: string | null, where: string): StorePlacementInput | null {
  const all = m.plan.sqlInstances;
  const principal = all.find((i) => i.key === principalKey);
  if (!principal || !principal.databases.some((d) => d.store === store)) {
    m.problems.push(new UserError(where, `no SQL instance of this stack holds the ${store} database (${store === "PersistentChatStore" ? "mgc" : "mgccomp"})`, "plan the store's SQL instance in this stack, or publish your own document with pchat-kit:lync.topologyFile"));
    return null;
  }
  const holding = (role: SqlInstancePlan["role"], site: string): SqlInstancePlan | undefined => all.find((i) => i.role === role && i.site === site && i.databases.some((d) => d.store === store));
  const witnessIn = (site: string): SqlInstancePlan | undefined => all.find((i) => i.role === "witness" && i.site === site);
  const key = (i: SqlInstancePlan | undefined): string | null => (i ? m.declare(i, where) : null);
  // The mirror and its witness sit in the principal's datacentre; the backup (log-shipping secondary)
  // with its own mirror and witness in the other one.
  const mirror = holding("mirror", principal.site);
  const backup = holding("log-shipping-secondary", principal.site === "primary" ? "secondary" : "primary");
  const backupMirror = backup ? holding("log-shipping-secondary-mirror", backup.site) : undefined;
  return {
    sqlInstanceKey: key(principal) ?? principal.key,
    mirrorSqlInstanceKey: key(mirror),
    witnessSqlInstanceKey: mirror ? key(witnessIn(principal.site)) : null,
    backup: backup ? { sqlInstanceKey: key(backup) ?? backup.key, mirrorSqlInstanceKey: key(backupMirror), witnessSqlInstanceKey: backupMirror ? key(witnessIn(backup.site)) : null } : null,
  };
}

/** The pool's servers (active, then standby) and its stores. */
function persistentChat(m: Mapping): { servers: PersistentChatServerInput[]; store: StorePlacementInput | null; compliance: StorePlacementInput | null } {
  const pool = m.plan.pool;
  if (pool.nextHopPoolFqdn.toLowerCase() !== m.plan.frontEnd.fqdn.toLowerCase())
    m.problems.push(new UserError("pchat-kit:frontEnd.fqdn", `the pool's next hop ${pool.nextHopPoolFqdn} is not the stack's front-end pool ${m.plan.frontEnd.fqdn}`, "plan the next-hop front-end pool in this stack"));
  if (pool.activeServerKeys.length === 0) m.problems.push(new UserError("pchat-kit:pool.activeServers", "the pool has no active server", "set pchat-kit:pool.activeServers to 1 or more"));
  const servers = [
    ...pool.activeServerKeys.map((k) => ({ s: m.server(k, "pchat-kit:pool.activeServers", "active Persistent Chat server"), state: "active" as const })),
    ...pool.standbyServerKeys.map((k) => ({ s: m.server(k, "pchat-kit:pool.standbyServers", "standby Persistent Chat server"), state: "standby" as const })),
  ].flatMap(({ s, state }) => (s ? [{ fqdn: s.fqdn, state, datacenter: m.datacenter(s.site) }] : []));
  const store = placement(m, "PersistentChatStore", pool.storeInstanceKey, "pchat-kit:sql.storePlacement");
  if (!pool.complianceEnabled) return { servers, store, compliance: null };
  if (pool.complianceInstanceKey === null) {
    m.problems.push(new UserError("pchat-kit:sql.complianceStore", "compliance is on but no SQL instance is planned for the compliance store (mgccomp)", "set pchat-kit:sql.complianceStore, or pchat-kit:pool.compliance to false"));
    return { servers, store, compliance: null };
  }
  return { servers, store, compliance: placement(m, "PersistentChatComplianceStore", pool.complianceInstanceKey, "pchat-kit:sql.complianceStore") };
}

export function lyncTopologyInput(plan: TopologyPlan): LyncTopologyInput {
  const m = mapping(plan);
  const fe = frontEnd(m);
  const share = fileStore(m);
  const pc = persistentChat(m);
  if (m.problems.length > 0) throw new UserErrors(m.problems);
  // Each of these is null only with a problem reported above.
  if (fe.backEndKey === null || share === null || pc.store === null) throw new Error("lync topology: unreported gap in the plan");

  const regions = [...new Set(plan.sites.map((s) => s.location))];
  const pool = plan.pool;
  return {
    sipDomain: plan.domain.fqdn,
    additionalSipDomains: plan.lync.sipDomains.filter((d) => d !== plan.domain.fqdn),
    sites: [
      {
        key: SITE_KEY,
        name: `${plan.prefix}-${regions[0] ?? "site"}`,
        description: regions.length > 1 ? `pchat-kit stack ${plan.stack}: Azure ${regions[0]}, and ${regions.slice(1).join(", ")} for the stretched Persistent Chat pool` : `pchat-kit stack ${plan.stack}: Azure ${regions[0] ?? ""}`,
      },
    ],
    sqlInstances: m.sqlInputs,
    fileStore: { site: SITE_KEY, ...share },
    frontEnd: { site: SITE_KEY, edition: plan.frontEnd.edition, fqdn: plan.frontEnd.fqdn, serverFqdns: fe.servers.map((s) => s.fqdn), backEndSqlInstanceKey: fe.backEndKey },
    persistentChat: {
      site: SITE_KEY,
      fqdn: pool.fqdn,
      displayName: pool.displayName,
      sipPort: pool.sipPort,
      // The planner makes the Standard Edition server the pool's one active server when collocated.
      collocatedWithFrontEnd: pool.activeServerKeys.length > 0 && pool.activeServerKeys.every((k) => plan.frontEnd.serverKeys.includes(k)),
      servers: pc.servers,
      store: pc.store,
      compliance: pc.compliance,
      defaultForSite: true,
    },
    // lync-install.md §1: the Central Management store goes on the first front end's back end.
    centralManagement: { sqlInstanceKey: fe.backEndKey },
  };
}

export interface TopologyDocument {
  /** The document's text, to be written as UTF-8 (its XML declaration, if any, says so). */
  xml: string;
  source: "generated" | "file";
  /** The override's path, or null when generated. */
  path: string | null;
  /** What the structural check found in a user's document; never blocking (the user knows their environment). */
  warnings: string[];
}

export interface TopologyDocumentOptions {
  /** `lync.topologyFile`: a published topology document to publish instead of the generated one. */
  topologyFile?: string;
}

/** Bytes -> text: Get-CsTopology -AsXml redirected by PowerShell is UTF-16 with a BOM; editors write UTF-8. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString("utf8");
  return bytes.toString("utf8");
}

function readTopologyFile(file: string): TopologyDocument {
  const fix = "give the path of a published topology document: (Get-CsTopology -AsXml).ToString() saved to a file, or the kit's generated document edited";
  inputFile(TOPOLOGY_FILE_KEY, file, "a topology document", fix);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new UserError(TOPOLOGY_FILE_KEY, `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? "error"})`, "check the file's permissions");
  }
  // The kit writes the text as UTF-8, so a declaration naming another encoding would make Lync misread it.
  const text = decode(bytes).replace(/^(<\?xml[^>]*encoding\s*=\s*["'])[^"']*(["'])/, "$1utf-8$2");
  let root;
  try {
    root = parseXmlElements(text)[0];
  } catch {
    throw new UserError(TOPOLOGY_FILE_KEY, `${file} is not well-formed XML`, fix);
  }
  if (root?.name === "TopologyBuilder" || root?.ns === TOPOLOGY_BUILDER_NS)
    throw new UserError(TOPOLOGY_FILE_KEY, `${file} is a Topology Builder file (.tbxml), which Publish-CsTopology cannot publish`, "publish it from Topology Builder once, then save (Get-CsTopology -AsXml).ToString() and name that file");
  if (root?.name !== "Topology" || root.ns !== TOPOLOGY_NS)
    throw new UserError(TOPOLOGY_FILE_KEY, `${file} is not a published topology document (<Topology xmlns="${TOPOLOGY_NS}">)`, fix);
  return { xml: text, source: "file", path: file, warnings: checkTopologyDocument(text).problems };
}

/** The document to publish: the user's file when `topologyFile` is given, else the one generated from the plan. */
export function topologyDocument(plan: TopologyPlan, options: TopologyDocumentOptions = {}): TopologyDocument {
  if (options.topologyFile !== undefined) return readTopologyFile(options.topologyFile);
  return { xml: renderTopology(lyncTopologyInput(plan)), source: "generated", path: null, warnings: [] };
}
