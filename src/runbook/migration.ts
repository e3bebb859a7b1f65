/**
 * The program's side of the migration: from the stack's migration config and the realised topology
 * to the declared runbook. It adapts the topology to what the engine needs (`runbookEnvironment`),
 * has the engine plan the whole migration once (`planMigration`: the runbook and the contact lists),
 * and hands `declareRunbook` the VMs, the secrets (only as Pulumi secrets) and the way the gates
 * reach SQL: the Bastion tunnels they open themselves, the servers the gate config names, or a VPN
 * range listed in `access.sqlOperatorCidrs` (`gateAccess`).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import type { MigrationConfig } from "../../migration-jobs/plan/config";
import type { Runbook } from "../../migration-jobs/runbook/planner";
import { planMigration, projectInputs, type MigrationPlan } from "../../migration-jobs/plan";
import { formatConnectionString } from "../../migration-jobs/readers/settings";
import type { TopologyPlan } from "../topology/plan";
import type { KitSecrets } from "../components/secrets";
import type { WindowsServer } from "../components/windows-server";
import { SQL_LOGIN } from "../components/sql-server";
import { declareRunbook, runbookEnvironment, type DeclaredRunbook, type RunbookVm, type TunnelArgs } from "./index";

/** Where the program runs: relative paths of the migration config resolve against `projectRoot`. */
export interface MigrationContext {
  projectRoot: string;
  stack: string;
  /**
   * The folder the contacts job writes its import files, reports and scripts into.
   * @default `<projectRoot>/out/contacts/<stack>/<runId>`, to copy to the remote folder before its steps run
   */
  contactsFolder?: string;
}

/** Where `pulumi up` writes the contacts job's files (README "Output"). */
export function defaultContactsFolder(projectRoot: string, stack: string, runId: string): string {
  return path.join(projectRoot, "out", "contacts", stack, runId);
}

/**
 * The stack's migration plan, or null when the migration is disabled. The program calls it before
 * declaring any resource, so a migration config that does not fit the topology, or contact lists
 * with blocking findings, fail first and register nothing. The copy step's expected figures come
 * from the readiness gate at deploy time (its `consumes`, which declareRunbook follows).
 */
export async function planStackMigration(plan: TopologyPlan, migration: MigrationConfig, ctx: MigrationContext): Promise<MigrationPlan | null> {
  if (!migration.enabled) return null;
  const environment = runbookEnvironment(plan);
  gateSides(plan, migration); // how the gates reach SQL: its problems, too, before any resource
  return planMigration({
    migration,
    environment,
    inputs: projectInputs(ctx.projectRoot),
    contactsOut: { folder: ctx.contactsFolder ?? defaultContactsFolder(ctx.projectRoot, ctx.stack, migration.runId) },
  });
}

export interface DeclareMigrationArgs {
  plan: TopologyPlan;
  migration: MigrationConfig;
  /** The steps of `planStackMigration`'s plan (`MigrationPlan.runbook`), declared as they are. */
  runbook: Runbook;
  /** Every Windows server of the topology by plan key (`PchatTopology.servers`). */
  servers: Record<string, WindowsServer>;
  secrets: KitSecrets;
  /** Resources the whole runbook waits for (the topology component). */
  dependsOn: pulumi.Resource[];
  parent?: pulumi.Resource;
  /** Tests inject a gate provider over a fake engine. @default the live engine */
  gateProvider?: pulumi.dynamic.ResourceProvider;
}

export interface DeclaredMigration extends DeclaredRunbook {
  runbook: Runbook;
}

/**
 * A SQL connection string for a gate, built inside `apply` so the password never exists outside a
 * Pulumi secret. TLS stays on; a lab certificate is trusted only when the config says so.
 */
export function gateConnectionString(server: string, database: string, login: string, password: pulumi.Input<string>, trustServerCertificate: boolean): pulumi.Output<string> {
  return pulumi.secret(
    pulumi.output(password).apply((pw) =>
      formatConnectionString([
        ["Server", server],
        ["Database", database],
        ["User Id", login],
        ["Password", pw],
        ["Encrypt", "true"],
        ["TrustServerCertificate", trustServerCertificate ? "true" : "false"],
      ]),
    ),
  );
}

/** A Bastion tunnel a gate opens, as planned: the VM is named by its plan key (its resource id exists at deploy time). */
export interface PlannedTunnel {
  bastionName: string;
  resourceGroup: string;
  serverKey: string;
  /** The SQL instance's TCP port on the VM. */
  resourcePort: number;
}

/** How the gates reach one SQL Server: the server in their connection string, and the tunnel they open to it, if any. */
export interface GateAccess {
  server: string;
  tunnel: PlannedTunnel | null;
}

type GateServerKey = "legacyServer" | "targetServer";

/**
 * How the gates reach the SQL Server behind `dataSource` from where `pulumi up` runs (README, SQL access
 * for the gates). The server the gate config names (`pchat-kit:migration.gates.<key>`) wins and is used
 * as it is: users without Bastion, or with a VPN. Else, when the stack has a Bastion and the data source
 * is a VM of this stack, the gates open a tunnel to the instance's TCP port for their run. Else the data
 * source itself (an existing server, reached through a VPN in `access.sqlOperatorCidrs`).
 */
export function gateAccess(plan: TopologyPlan, dataSource: string, configured: string | null, key: GateServerKey): GateAccess {
  if (configured) return { server: configured, tunnel: null };
  const bastion = plan.bastion;
  const [host, port] = dataSource.split(",") as [string, string | undefined];
  const hostName = host.split("\\")[0]!.toLowerCase();
  const server = plan.servers.find((s) => s.fqdn.toLowerCase() === hostName || s.computerName.toLowerCase() === hostName);
  if (!bastion || !server) return { server: dataSource, tunnel: null };
  // A port written in the data source wins, as in ADO.NET; else the port the kit gives the SQL VM.
  const resourcePort = port !== undefined ? Number(port) : server.sql?.port;
  if (resourcePort === undefined) {
    throw new UserError(
      `pchat-kit:migration.gates.${key}`,
      `${dataSource} is a named instance whose TCP port the kit does not set (a client finds it through SQL Browser, UDP 1434, which a Bastion tunnel does not carry), so the gates cannot open a tunnel to it`,
      `set pchat-kit:migration.gates.${key} to an address reachable from where \`pulumi up\` runs, e.g. localhost,<port> through a tunnel you open to the instance's port, or ${host},<port> through a VPN`,
    );
  }
  const site = plan.sites.find((s) => s.key === bastion.site)!;
  return { server: dataSource, tunnel: { bastionName: bastion.name, resourceGroup: site.resourceGroupName, serverKey: server.key, resourcePort } };
}

/** The gates' two sides: the legacy database and `mgc`, with the SQL Server of each and how the gates reach it. */
export function gateSides(plan: TopologyPlan, migration: MigrationConfig): { legacy: GateAccess & { database: string }; target: GateAccess & { database: string } } {
  const legacy = plan.legacy!; // runbookEnvironment has refused a stack without one
  const store = plan.sqlInstances.find((i) => i.key === plan.pool.storeInstanceKey)!;
  const storeDatabase = store.databases.find((d) => d.store === "PersistentChatStore" && d.copy === "principal")?.name ?? "mgc";
  const problems: UserError[] = [];
  const access = (dataSource: string, configured: string | null, key: GateServerKey): GateAccess => {
    try {
      return gateAccess(plan, dataSource, configured, key);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      problems.push(e);
      return { server: dataSource, tunnel: null };
    }
  };
  const sides = {
    legacy: { ...access(legacy.dataSource, migration.gates.legacyServer, "legacyServer"), database: legacy.database },
    target: { ...access(store.dataSource, migration.gates.targetServer, "targetServer"), database: storeDatabase },
  };
  if (problems.length > 0) throw new UserErrors(problems);
  return sides;
}

/** A planned tunnel as the gate's input: the VM's resource id from the topology, no secret. */
function tunnelArgs(t: PlannedTunnel | null, servers: Record<string, WindowsServer>): TunnelArgs | null {
  if (!t) return null;
  return { bastionName: t.bastionName, resourceGroup: t.resourceGroup, targetResourceId: servers[t.serverKey]!.vm.id, resourcePort: t.resourcePort };
}

/** Declares the planned runbook: a Run Command per Windows step and a gate resource per gate. */
export function declareMigration(args: DeclareMigrationArgs): DeclaredMigration {
  const { plan, migration, secrets, runbook } = args;

  const siteOf = new Map(plan.sites.map((s) => [s.key, s]));
  const vms: Record<string, RunbookVm> = {};
  for (const [key, server] of Object.entries(args.servers)) {
    const site = siteOf.get(server.plan.site)!;
    vms[key] = { resourceGroupName: site.resourceGroupName, location: site.location, vmName: server.plan.vmName, ready: server.lastStep };
  }

  const login = migration.sqlLogin ?? SQL_LOGIN;
  const trust = migration.gates.trustServerCertificate;
  const sides = gateSides(plan, migration);
  return {
    runbook,
    ...declareRunbook({
      runbook,
      vms,
      protectedValues: { SqlPassword: secrets.sqlAdminPassword },
      // Lync cmdlets need a CsPersistentChatAdministrator, not LocalSystem: the domain administrator the kit created.
      runAs: { user: `${plan.domain.netbiosName}\\${plan.adminUsername}`, password: secrets.adminPassword },
      gates: {
        legacy: gateConnectionString(sides.legacy.server, sides.legacy.database, login, secrets.sqlAdminPassword, trust),
        target: gateConnectionString(sides.target.server, sides.target.database, login, secrets.sqlAdminPassword, trust),
        legacyTunnel: tunnelArgs(sides.legacy.tunnel, args.servers),
        targetTunnel: tunnelArgs(sides.target.tunnel, args.servers),
        reportDir: migration.gates.reportDir ?? `out/runbook/${plan.stack}`,
        acceptWarnings: migration.acceptWarnings,
        cutoff: migration.cutoff,
        exportLevel: migration.exportLevel,
        trustServerCertificate: trust,
      },
      dependsOn: args.dependsOn,
      ...(args.parent ? { parent: args.parent } : {}),
      ...(args.gateProvider ? { gateProvider: args.gateProvider } : {}),
      tags: plan.tags,
    }),
  };
}
