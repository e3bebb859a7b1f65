/**
 * The program's side of the migration: from the stack's migration config and the realised topology
 * to the declared runbook. It adapts the topology to what the engine's planner needs
 * (`runbookEnvironment`), plans the steps (`planRunbook`), and hands `declareRunbook` the VMs, the
 * secrets (only as Pulumi secrets) and the way the gates reach SQL (the operator access: a Bastion
 * tunnel or a VPN range listed in `access.sqlOperatorCidrs`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { UserError } from "../../migration-jobs/common/errors";
import { planContacts } from "../../migration-jobs/contacts";
import { DEFAULT_LAYOUT, loadLayout } from "../../migration-jobs/contacts/layout";
import { parseUserMap } from "../../migration-jobs/contacts/usermap";
import { folderRegSource, folderSink } from "../../migration-jobs/cli/contacts";
import type { RunbookEnvironment } from "../../migration-jobs/runbook/environment";
import type { MigrationConfig } from "../../migration-jobs/runbook/config";
import { planRunbook, type Runbook } from "../../migration-jobs/runbook/planner";
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
}

/**
 * The runbook of the stack, or null when the migration is disabled. The program calls it before
 * declaring any resource, so a migration config that does not fit the topology, or contact lists
 * with blocking findings, fail first and register nothing.
 */
export async function planMigration(plan: TopologyPlan, migration: MigrationConfig, ctx: MigrationContext): Promise<Runbook | null> {
  if (!migration.enabled) return null;
  const env = runbookEnvironment(plan);
  // The copy step's expected figures come from the readiness gate at deploy time (declareRunbook wires them).
  const runbook = planRunbook(migration, env);
  if (migration.contacts) runbook.steps.push(...(await planContactSteps(plan, migration, env, runbook, ctx)));
  return runbook;
}

/**
 * The contacts job's steps, appended after the runbook's last step (domain §9). Its import files are
 * written under `out/contacts/<stack>/<runId>/`; they must be copied to the remote folder the front
 * end reads before the contacts steps run (the first step checks they are there).
 */
async function planContactSteps(plan: TopologyPlan, migration: MigrationConfig, env: RunbookEnvironment, runbook: Runbook, ctx: MigrationContext) {
  const c = migration.contacts!;
  const at = (p: string) => path.resolve(ctx.projectRoot, p);
  let usersText: string;
  try {
    usersText = fs.readFileSync(at(c.usersFile), "utf8");
  } catch {
    throw new UserError("pchat-kit:migration.contacts.usersFile", `${c.usersFile} cannot be read`, "Give the user map CSV's path, relative to the folder of Pulumi.yaml.");
  }
  const out = path.join(ctx.projectRoot, "out", "contacts", ctx.stack, migration.runId);
  const last = runbook.steps[runbook.steps.length - 1]!;
  const summary = await planContacts(
    {
      strategy: c.strategy,
      format: c.format,
      users: parseUserMap(usersText, c.usersFile),
      layout: c.layout ? loadLayout(at(c.layout)) : DEFAULT_LAYOUT,
      source: folderRegSource(at(c.regDir)),
      pool: { fqdn: plan.frontEnd.fqdn, servers: env.frontEnd.servers },
      remoteFolder: c.remoteFolder ?? `${env.stagingFolder}\\contacts\\${migration.runId}`,
      runId: migration.runId,
      firstOrder: last.order + 1,
      after: [last.id],
      batchSize: c.batchSize,
      acceptWarnings: c.acceptWarnings,
    },
    folderSink(out),
  );
  if (summary.blocking) {
    const top = summary.errors.slice(0, 3).map((f) => `${f.code} ${f.subject}`).join("; ");
    throw new UserError("pchat-kit:migration.contacts", `the contact lists have blocking findings${top ? ` (${top})` : " (warnings)"}`, `Read the window reports under ${out}, then fix the .reg files or the user map, or set migration.contacts.acceptWarnings for warnings.`);
  }
  return summary.steps;
}

export interface DeclareMigrationArgs {
  plan: TopologyPlan;
  migration: MigrationConfig;
  /** From `planMigration`. */
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
