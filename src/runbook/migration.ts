/**
 * The program's side of the migration: from the stack's migration config and the realised topology
 * to the declared runbook. It adapts the topology to what the engine needs (`runbookEnvironment`),
 * has the engine plan the whole migration once (`planMigration`: the runbook and the contact lists),
 * and hands `declareRunbook` the VMs, the secrets (only as Pulumi secrets) and the way the gates
 * reach SQL (the operator access: a Bastion tunnel or a VPN range listed in `access.sqlOperatorCidrs`).
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { MigrationConfig } from "../../migration-jobs/plan/config";
import type { Runbook } from "../../migration-jobs/runbook/planner";
import { planMigration, projectInputs, type MigrationPlan } from "../../migration-jobs/plan";
import { formatConnectionString } from "../../migration-jobs/readers/settings";
import type { TopologyPlan } from "../topology/plan";
import type { KitSecrets } from "../components/secrets";
import type { WindowsServer } from "../components/windows-server";
import { SQL_LOGIN } from "../components/sql-server";
import { declareRunbook, runbookEnvironment, type DeclaredRunbook, type RunbookVm } from "./index";

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
  return planMigration({
    migration,
    environment: runbookEnvironment(plan),
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
  const legacy = plan.legacy!; // runbookEnvironment has refused a stack without one
  const store = plan.sqlInstances.find((i) => i.key === plan.pool.storeInstanceKey)!;
  const storeDatabase = store.databases.find((d) => d.store === "PersistentChatStore" && d.copy === "principal")?.name ?? "mgc";
  return {
    runbook,
    ...declareRunbook({
      runbook,
      vms,
      protectedValues: { SqlPassword: secrets.sqlAdminPassword },
      // Lync cmdlets need a CsPersistentChatAdministrator, not LocalSystem: the domain administrator the kit created.
      runAs: { user: `${plan.domain.netbiosName}\\${plan.adminUsername}`, password: secrets.adminPassword },
      gates: {
        legacy: gateConnectionString(migration.gates.legacyServer ?? legacy.dataSource, legacy.database, login, secrets.sqlAdminPassword, trust),
        target: gateConnectionString(migration.gates.targetServer ?? store.dataSource, storeDatabase, login, secrets.sqlAdminPassword, trust),
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
