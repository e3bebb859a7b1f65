/**
 * The whole Persistent Chat topology of one stack, realised from the plan: resource groups,
 * networks, the domain, every server, the file stores, Bastion and the lab's legacy side. It decides
 * nothing the plan has not decided; it only orders what Azure needs ordered.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ServerPlan, ServerRole, SiteKey, TopologyPlan } from "../topology/plan";
import { KitSecrets } from "./secrets";
import { ResourceGroups } from "./resource-groups";
import { SiteNetwork, VnetPeerings } from "./network";
import { DomainController } from "./domain-controller";
import { WindowsServer, DomainJoin } from "./windows-server";
import { SqlServer, SQL_LOGIN } from "./sql-server";
import { FileStore } from "./file-store";
import { Bastion } from "./bastion";
import { LegacyGroupChat } from "./legacy";

export interface PchatTopologyArgs {
  /** The plan from the pure planner. @example planTopology(config, { project, stack }) */
  plan: TopologyPlan;
  /** Secret outputs read from config under the names in `plan.secrets`. @example readSecrets(plan.secrets) */
  secrets: KitSecrets;
  /**
   * Version of every in-guest step: changing it re-runs them all.
   * @default "1"
   */
  runId?: string;
}

/** What the migration jobs and operators need, with no secret in it. */
export interface TopologyOutputs {
  poolFqdn: string;
  serversByRole: Partial<Record<ServerRole, string[]>>;
  sqlInstances: Record<string, { dataSource: string; role: string; databases: string[] }>;
  /** dataSource of each store kind, e.g. `PersistentChatStore`. */
  storeDataSources: Record<string, string>;
  sqlLogin: string;
  fileStores: Record<string, string>;
  bastionName: string | null;
  adminUsername: string;
  legacy: { product: string; dataSource: string; database: string } | null;
}

export function topologyOutputs(plan: TopologyPlan): TopologyOutputs {
  const serversByRole: Partial<Record<ServerRole, string[]>> = {};
  for (const s of plan.servers) (serversByRole[s.role] ??= []).push(s.fqdn);
  const storeDataSources: Record<string, string> = {};
  for (const i of plan.sqlInstances) for (const db of i.databases) if (db.copy === "principal") storeDataSources[db.store] ??= i.dataSource;
  return {
    poolFqdn: plan.pool.fqdn,
    serversByRole,
    sqlInstances: Object.fromEntries(plan.sqlInstances.map((i) => [i.key, { dataSource: i.dataSource, role: i.role, databases: i.databases.map((d) => d.name) }])),
    storeDataSources,
    sqlLogin: SQL_LOGIN,
    fileStores: Object.fromEntries(plan.shares.map((s) => [s.key, s.uncPath])),
    bastionName: plan.bastion?.name ?? null,
    adminUsername: plan.adminUsername,
    legacy: plan.legacy ? { product: plan.legacy.product, dataSource: plan.legacy.dataSource, database: plan.legacy.database } : null,
  };
}

export class PchatTopology extends pulumi.ComponentResource {
  readonly resourceGroups: ResourceGroups;
  readonly networks: Partial<Record<SiteKey, SiteNetwork>> = {};
  readonly domainController: DomainController | null = null;
  /** Every Windows server by plan key (SQL Servers too), for later components to add steps. */
  readonly servers: Record<string, WindowsServer> = {};
  readonly sqlServers: Record<string, SqlServer> = {};
  readonly outputs: TopologyOutputs;

  constructor(name: string, args: PchatTopologyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:topology:PchatTopology", name, {}, opts);
    const { plan, secrets } = args;
    const tags = plan.tags;
    const runId = args.runId ?? "1";
    const site = (key: SiteKey) => {
      const found = plan.sites.find((s) => s.key === key);
      if (!found) throw new Error(`site ${key} is used but not planned`);
      return found;
    };

    this.resourceGroups = new ResourceGroups("groups", { sites: plan.sites, tags }, { parent: this });
    const rgName = (key: SiteKey) => this.resourceGroups.bySite[key]!.name;
    for (const s of plan.sites) {
      this.networks[s.key] = new SiteNetwork(`${s.key}-network`, { site: s, nsgs: plan.nsgs.filter((n) => n.site === s.key), resourceGroupName: rgName(s.key), tags }, { parent: this });
    }
    if (plan.peerings.length) {
      const networks = Object.fromEntries(plan.sites.map((s) => [s.key, { network: this.networks[s.key]!, site: s, resourceGroupName: rgName(s.key) }]));
      new VnetPeerings("peerings", { peerings: plan.peerings, networks }, { parent: this });
    }
    const subnetOf = (s: ServerPlan) => this.networks[s.site]!.subnetId(s.subnetKey);
    const base = (s: ServerPlan) => ({
      server: s,
      resourceGroupName: rgName(s.site),
      location: site(s.site).location,
      subnetId: subnetOf(s),
      adminUsername: plan.adminUsername,
      adminPassword: secrets.adminPassword,
      runId,
      tags,
    });

    // The domain first: every member's join waits for it and for its site's VNet DNS.
    const joinAfter: pulumi.Resource[] = [];
    if (plan.domain.mode === "new-forest") {
      const dcPlan = plan.servers.find((s) => s.key === plan.domain.domainControllerKey);
      if (!dcPlan) throw new Error(`domain ${plan.domain.fqdn}: domain controller ${String(plan.domain.domainControllerKey)} is not among the servers`);
      if (!secrets.safeModePassword) throw new Error(`domain ${plan.domain.fqdn}: a new forest needs the safe-mode password secret`);
      this.domainController = new DomainController("domain-controller", { ...base(dcPlan), domain: plan.domain, dnsRecords: plan.dns, safeModePassword: secrets.safeModePassword }, { parent: this });
      this.servers[dcPlan.key] = this.domainController.server;
      joinAfter.push(this.domainController.readyStep);
    }
    for (const s of plan.servers) {
      if (this.servers[s.key]) continue;
      const domain: DomainJoin = { fqdn: plan.domain.fqdn, netbiosName: plan.domain.netbiosName, ouPath: plan.domain.ouPath, after: [...joinAfter, this.networks[s.site]!.vnet] };
      if (s.sql) {
        const sql = new SqlServer(`${s.key}-sql`, { ...base(s), domain, sqlPassword: secrets.sqlAdminPassword }, { parent: this });
        this.sqlServers[s.key] = sql;
        this.servers[s.key] = sql.server;
      } else {
        this.servers[s.key] = new WindowsServer(s.key, { ...base(s), domain }, { parent: this });
      }
    }

    for (const share of plan.shares) {
      const host = share.serverKey ? plan.servers.find((s) => s.key === share.serverKey) : undefined;
      const siteKey = host?.site ?? "primary";
      new FileStore(
        `${share.key}-store`,
        { share, netbiosName: plan.domain.netbiosName, server: share.serverKey ? this.servers[share.serverKey] : undefined, resourceGroupName: rgName(siteKey), location: site(siteKey).location, tags },
        { parent: this },
      );
    }

    if (plan.bastion) {
      const b = plan.bastion;
      const subnet = site(b.site).vnet.subnets.find((s) => s.purpose === "bastion");
      if (!subnet || subnet.name !== "AzureBastionSubnet") throw new Error(`bastion ${b.name}: site ${b.site} has no subnet named AzureBastionSubnet`);
      new Bastion("bastion", { bastion: b, resourceGroupName: rgName(b.site), location: site(b.site).location, subnetId: this.networks[b.site]!.subnetId(subnet.key), tags }, { parent: this });
    }

    if (plan.legacy && plan.legacy.mode === "provisioned") {
      const legacySql = plan.legacy.serverKeys.map((k) => this.sqlServers[k]).find((x) => x !== undefined);
      if (!legacySql) throw new Error(`legacy ${plan.legacy.product}: no legacy SQL Server among ${plan.legacy.serverKeys.join(", ")}`);
      if (!secrets.legacyBackupUrl) throw new Error(`legacy ${plan.legacy.product}: a provisioned legacy side needs the backup URL secret`);
      new LegacyGroupChat("legacy", { legacy: plan.legacy, sqlServer: legacySql, backupUrl: secrets.legacyBackupUrl, sqlPassword: secrets.sqlAdminPassword }, { parent: this });
    }

    this.outputs = topologyOutputs(plan);
    this.registerOutputs({ ...this.outputs });
  }
}
