/**
 * The Lync Server 2013 install of a stack (issue 11), planned as data: which step runs on which VM, as
 * whom, after what, with which inputs. Pure: the component (src/components/lync-install.ts) renders
 * each step's script and declares it as a Run Command; the rehearsal writes the same list.
 *
 * The order follows the Lync 2013 deployment sequence (lync-install.md §1, the AWS Quick Start's
 * Install-Lync2013.ps1 and argiesen/Skype4B): the lab's CA, SQL logins, media and core components,
 * AD preparation, the Central Management store, the published topology with its databases, then each
 * server (front ends before Persistent Chat servers), and a check that the pool serves.
 */
import type { LyncPlan, ServerPlan, ServerRole, TopologyPlan } from "./plan";

/**
 * Windows features of each Lync role, installed by the server's windows-features step when Lync is
 * installed by `pulumi up`. Front end: the Lync Server 2013 prerequisites on Windows Server 2012 /
 * 2012 R2 (LS: additional software requirements); Persistent Chat: lync-install.md §1 (argiesen/Skype4B
 * Install-CsServer.ps1, Persistent Chat server type) with MSMQ-Directory (domain §6.4, MSMQ).
 */
const FRONT_END_FEATURES = [
  "RSAT-ADDS", "Web-Server", "Web-Static-Content", "Web-Default-Doc", "Web-Http-Errors", "Web-Asp-Net", "Web-Net-Ext", "Web-ISAPI-Ext",
  "Web-ISAPI-Filter", "Web-Http-Logging", "Web-Log-Libraries", "Web-Request-Monitor", "Web-Http-Tracing", "Web-Basic-Auth", "Web-Windows-Auth",
  "Web-Client-Auth", "Web-Filtering", "Web-Stat-Compression", "Web-Dyn-Compression", "NET-WCF-HTTP-Activation45", "Web-Asp-Net45",
  "Web-Mgmt-Tools", "Web-Scripting-Tools", "Web-Mgmt-Compat", "Server-Media-Foundation", "BITS", "Windows-Identity-Foundation", "NET-Framework-Core",
];
const PERSISTENT_CHAT_FEATURES = ["RSAT-ADDS", "MSMQ-Server", "MSMQ-Directory", "Windows-Identity-Foundation", "NET-Framework-Core", "NET-WCF-HTTP-Activation45"];

/** The Windows features a Lync server of `role` needs for Lync's own setup, or none for other roles. */
export function lyncWindowsFeatures(role: ServerRole, persistentChatService: boolean): string[] {
  const wanted = role === "front-end" ? [...FRONT_END_FEATURES, ...(persistentChatService ? PERSISTENT_CHAT_FEATURES : [])] : role === "persistent-chat" ? PERSISTENT_CHAT_FEATURES : [];
  return [...new Set(wanted)];
}

/**
 * The cumulative update every Lync server must reach: Windows Server 2012 R2 is supported only with the
 * October 2013 CU or later (lync-install.md §2, LS: operating system support). 5.0.8308.556 is that CU's
 * version as Microsoft's update list gives it (inferred from the KB list, not from a page we ran).
 */
export const MINIMUM_LYNC_VERSION = "5.0.8308.556";

/** Where the media step keeps the ISO and the update package on each Lync server. */
export const LYNC_DOWNLOAD_FOLDER = "C:\\PchatKit\\LyncMedia";
export const LYNC_ISO_PATH = `${LYNC_DOWNLOAD_FOLDER}\\LyncServer2013.iso`;
export const LYNC_UPDATE_PATH = `${LYNC_DOWNLOAD_FOLDER}\\LyncServerUpdateInstaller.exe`;

/** Certificates per role (lync-install.md §2: only the Default certificate on Persistent Chat servers). */
const CERTIFICATE_TYPES: Record<"front-end" | "persistent-chat", string[]> = {
  "front-end": ["Default", "WebServicesInternal", "WebServicesExternal"],
  "persistent-chat": ["Default"],
};

/** One install step's own inputs, by kind; the component renders each kind with its renderer. */
export type InstallStepArgs =
  | { kind: "pki"; caCommonName: string }
  | { kind: "sql-logins"; logins: string[]; sysadmin: boolean }
  | { kind: "media"; downloadFolder: string }
  | { kind: "ad-prep"; domainFqdn: string; adminAccount: string }
  | { kind: "cms"; edition: "Standard" | "Enterprise"; sqlServerFqdn: string; sqlInstanceName: string | null }
  | { kind: "publish"; sqlServerFqdns: string[] }
  | { kind: "server"; role: "front-end" | "persistent-chat"; isoPath: string }
  | { kind: "update"; updatePath: string; minimumVersion: string }
  | { kind: "db-update"; sqlServerFqdns: string[]; localDatabases: boolean }
  | { kind: "certificates"; ca: string; types: string[]; friendlyName: string }
  | { kind: "enable" }
  | { kind: "pool-check"; poolFqdn: string; port: number; servers: string[] };

export type InstallStepKind = InstallStepArgs["kind"];

/** The step id each kind's script reports (and its Run Command's name, `<server key>-<step id>`). */
export const INSTALL_STEP_IDS: Record<InstallStepKind, string> = {
  pki: "lync-pki",
  "sql-logins": "lync-sql-logins",
  media: "lync-media",
  "ad-prep": "lync-ad-prep",
  cms: "lync-cms",
  publish: "lync-topology",
  server: "lync-server",
  update: "lync-update",
  "db-update": "lync-db-update",
  certificates: "lync-certificates",
  enable: "lync-enable",
  "pool-check": "lync-pool-check",
};

export interface InstallStepPlan {
  /** `<server key>-<step id>` (INSTALL_STEP_IDS), unique in the install: the name of its Run Command. */
  id: string;
  serverKey: string;
  args: InstallStepArgs;
  /**
   * `domain-admin`: the Run Command runs as the domain's admin account (runAsUser), because the AD
   * preparation and the Lync cmdlets need a domain identity, not LocalSystem (lync-install.md §2).
   */
  runAs: "system" | "domain-admin";
  /** Steps on other VMs this one waits for (ids); steps on the same VM run in declaration order anyway. */
  after: string[];
  timeoutSeconds: number;
  /** Seconds to wait after the step for the restart it may start (the kit's Pause), or null. */
  restartWaitSeconds: number | null;
}

export interface LyncInstallPlan {
  /** The account Lync is installed as and the migration runs as, `NETBIOS\user`. */
  adminAccount: string;
  steps: InstallStepPlan[];
}

/** The lab CA's common name: the NetBIOS name, as the AWS Quick Start's `<NETBIOS>-<DC>-CA`, shortened. */
export function labCaCommonName(netbiosName: string): string {
  return `${netbiosName}-CA`;
}

/** What the planner records of Lync for a stack; pure, from its resolved parts. */
export function lyncPlan(args: { install: boolean; certificateAuthority: string | null; topologyFile: string | null; dc: ServerPlan | null; netbiosName: string; domainFqdn: string; sipDomains: readonly string[] }): LyncPlan {
  const labCa = args.install && args.dc ? { serverKey: args.dc.key, commonName: labCaCommonName(args.netbiosName) } : null;
  const certificateAuthority = !args.install ? null : labCa && args.dc ? `${args.dc.fqdn}\\${labCa.commonName}` : args.certificateAuthority;
  const sipDomains = [...new Set([args.domainFqdn, ...args.sipDomains].map((d) => d.toLowerCase()))];
  return { install: args.install, certificateAuthority, labCa, topologyFile: args.topologyFile, sipDomains };
}

/** The steps being planned, and helpers to add one and to find the servers by role. */
class InstallSteps {
  readonly steps: InstallStepPlan[] = [];
  add(serverKey: string, args: InstallStepArgs, opts: { runAs?: InstallStepPlan["runAs"]; after?: (InstallStepPlan | null)[]; timeoutSeconds: number; restartWaitSeconds?: number }): InstallStepPlan {
    const step: InstallStepPlan = {
      id: `${serverKey}-${INSTALL_STEP_IDS[args.kind]}`,
      serverKey,
      args,
      runAs: opts.runAs ?? "domain-admin",
      after: (opts.after ?? []).filter((s): s is InstallStepPlan => s !== null && s.serverKey !== serverKey).map((s) => s.id),
      timeoutSeconds: opts.timeoutSeconds,
      restartWaitSeconds: opts.restartWaitSeconds ?? null,
    };
    if (this.steps.some((s) => s.id === step.id)) throw new Error(`install step ${step.id} is planned twice`);
    this.steps.push(step);
    return step;
  }
}

/** The SQL Server VMs holding Lync's own stores (not the legacy side), with their instances. */
function lyncSqlServers(plan: TopologyPlan): { server: ServerPlan; fqdn: string }[] {
  const keys = new Set(plan.sqlInstances.filter((i) => i.role !== "legacy" && i.databases.some((d) => d.store !== "LegacyGroupChat")).map((i) => i.serverKey));
  return plan.servers.filter((s) => keys.has(s.key)).map((server) => ({ server, fqdn: server.fqdn }));
}

function serversOf(plan: TopologyPlan, keys: readonly string[]): ServerPlan[] {
  return keys.map((k) => {
    const s = plan.servers.find((x) => x.key === k);
    if (!s) throw new Error(`lync install: server ${k} is not planned`);
    return s;
  });
}

/** Where the Central Management store goes: the Enterprise back end, or the Standard Edition server's own SQL Express. */
function cmsArgs(plan: TopologyPlan, firstFrontEnd: ServerPlan): InstallStepArgs {
  if (plan.frontEnd.edition === "Standard") return { kind: "cms", edition: "Standard", sqlServerFqdn: firstFrontEnd.fqdn, sqlInstanceName: "rtc" };
  const be = plan.sqlInstances.find((i) => i.key === plan.frontEnd.backEndInstanceKey);
  const host = be ? plan.servers.find((s) => s.key === be.serverKey) : undefined;
  if (!be || !host) throw new Error("lync install: an Enterprise Edition pool needs its back-end instance in this stack");
  return { kind: "cms", edition: "Enterprise", sqlServerFqdn: host.fqdn, sqlInstanceName: be.instanceName === "MSSQLSERVER" ? null : be.instanceName };
}

/**
 * The install of a stack whose plan says `lync.install`, or null. Throws (a bug, not a user error) when
 * the plan lacks what the topology rules guarantee: a front end, a Persistent Chat server, a CA.
 */
export function planLyncInstall(plan: TopologyPlan): LyncInstallPlan | null {
  if (!plan.lync.install) return null;
  const ca = plan.lync.certificateAuthority;
  if (!ca) throw new Error("lync install: no certificate authority planned");
  const adminAccount = `${plan.domain.netbiosName}\\${plan.adminUsername}`;
  const frontEnds = serversOf(plan, plan.frontEnd.serverKeys);
  const chatServers = serversOf(plan, [...plan.pool.activeServerKeys, ...plan.pool.standbyServerKeys]).filter((s) => s.role === "persistent-chat");
  const first = frontEnds[0];
  if (!first) throw new Error("lync install: no front-end server planned");
  const steps = new InstallSteps();

  // 1. The lab's own CA on the domain controller (lync-install.md §2, certificates).
  const pki = plan.lync.labCa ? steps.add(plan.lync.labCa.serverKey, { kind: "pki", caCommonName: plan.lync.labCa.commonName }, { timeoutSeconds: 1800 }) : null;
  // 2. Windows logins on Lync's SQL Servers. Install-CsDatabase needs sysadmin; the kit built these
  // instances and its own SQL login is sysadmin on them already, so the install account gets it too,
  // in staging as in a lab (README, SQL access: a DBA may revoke it once Lync is installed).
  const logins = lyncSqlServers(plan).map(({ server }) => steps.add(server.key, { kind: "sql-logins", logins: [adminAccount], sysadmin: true }, { runAs: "system", timeoutSeconds: 900 }));
  // 3. Media and core components on every Lync server.
  const lyncServers = [...frontEnds, ...chatServers];
  const media = new Map(lyncServers.map((s) => [s.key, steps.add(s.key, { kind: "media", downloadFolder: LYNC_DOWNLOAD_FOLDER }, { runAs: "system", timeoutSeconds: 5400 })]));
  // 4-5. AD preparation and the Central Management store, once, from the first front end.
  const adPrep = steps.add(first.key, { kind: "ad-prep", domainFqdn: plan.domain.fqdn, adminAccount }, { after: [pki], timeoutSeconds: 3600 });
  const cms = steps.add(first.key, cmsArgs(plan, first), { after: [adPrep, ...logins], timeoutSeconds: 3600 });
  // 6. The published topology, then the databases it places on each SQL Server (mgc and mgccomp from Lync itself).
  const sqlFqdns = [...new Set([...(plan.frontEnd.edition === "Standard" ? [first.fqdn] : []), ...lyncSqlServers(plan).map((s) => s.fqdn)])];
  const publish = steps.add(first.key, { kind: "publish", sqlServerFqdns: sqlFqdns }, { after: [cms, ...logins, ...media.values()], timeoutSeconds: 3600 });
  // 7. Each server: front ends first, then the Persistent Chat servers, which need a running front-end pool as next hop.
  const enabled = (servers: ServerPlan[], role: "front-end" | "persistent-chat", after: InstallStepPlan[]) =>
    servers.map((s) => {
      steps.add(s.key, { kind: "server", role, isoPath: LYNC_ISO_PATH }, { after: [publish, ...after], timeoutSeconds: 5400 });
      steps.add(s.key, { kind: "update", updatePath: LYNC_UPDATE_PATH, minimumVersion: MINIMUM_LYNC_VERSION }, { timeoutSeconds: 5400, restartWaitSeconds: 300 });
      // The CU leaves the databases at the RTM schema: once, from the first (updated) front end, every
      // database of the topology is brought to the installed version (the CU's procedure: Install-CsDatabase -Update).
      if (s.key === first.key) steps.add(s.key, { kind: "db-update", sqlServerFqdns: sqlFqdns, localDatabases: plan.frontEnd.edition === "Standard" }, { timeoutSeconds: 3600 });
      steps.add(s.key, { kind: "certificates", ca, types: CERTIFICATE_TYPES[role], friendlyName: "Lync" }, { after: [pki], timeoutSeconds: 1800 });
      return steps.add(s.key, { kind: "enable" }, { timeoutSeconds: 3600 });
    });
  const frontEndsEnabled = enabled(frontEnds, "front-end", []);
  const chatEnabled = enabled(chatServers, "persistent-chat", frontEndsEnabled);
  // Then the pool must really serve: the planned pool and port, services running.
  const checkOn = chatServers[0] ?? first;
  const poolServers = serversOf(plan, [...plan.pool.activeServerKeys, ...plan.pool.standbyServerKeys]).map((s) => s.fqdn);
  steps.add(checkOn.key, { kind: "pool-check", poolFqdn: plan.pool.fqdn, port: plan.pool.sipPort, servers: poolServers }, { after: [...frontEndsEnabled, ...chatEnabled], timeoutSeconds: 900 });
  return { adminAccount, steps: steps.steps };
}
