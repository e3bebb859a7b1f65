/**
 * The Pulumi program: config -> validation -> plan -> components -> migration runbook -> stack outputs. The config is
 * validated (and the plan made) before any resource is declared, so a bad stack file registers
 * nothing and fails with UserErrors naming each key and its fix.
 */
import * as pulumi from "@pulumi/pulumi";
import { configWarnings, readKitConfig, type KitConfig } from "./config";
import { planTopology } from "./topology/planner";
import type { TopologyPlan } from "./topology/plan";
import { PchatTopology } from "./components/topology";
import { LyncInstall } from "./components/lync-install";
import { SQL_LOGIN } from "./components/sql-server";
import { planLyncInstall, type LyncInstallPlan } from "./topology/lync-install";
import type { TopologyDocument } from "./topology/lync-topology";
import * as path from "node:path";
import { missingSecrets, readSecrets } from "./components/secrets";
import { UserErrors } from "../migration-jobs/common/errors";
import type { MigrationPlan } from "../migration-jobs/plan";

/** The stack's validated config and its plan; throws UserErrors on invalid config. */
export function configAndPlan(): { config: KitConfig; plan: TopologyPlan } {
  const config = readKitConfig();
  return { config, plan: planTopology(config, { project: pulumi.getProject(), stack: pulumi.getStack() }) };
}

/** The stack's plan from its config; throws UserErrors on invalid config. */
export function planStack(): TopologyPlan {
  return configAndPlan().plan;
}

export interface ProgramOptions {
  /**
   * The folder of Pulumi.yaml, against which the migration config's relative paths resolve.
   * @default the working folder (`pulumi up` runs the program there)
   */
  projectRoot?: string;
  /**
   * Where the config's warnings go (supported but not recommended choices; errors throw instead).
   * The offline plan collects them as notes.
   * @default pulumi.log.warn
   */
  warn?: (message: string) => void;
  /**
   * The folder the migration's contacts job writes its files into (the rehearsal gives `<out>/<stack>/contacts`).
   * @default `out/contacts/<stack>/<runId>` under `projectRoot`
   */
  contactsFolder?: string;
  /**
   * Transformations of the topology's resources (not the runbook's, which are declared beside it):
   * the offline plan's shortcut past the SDK's unused alias work (`src/offline/aliases.ts`).
   * `pulumi up` gives none.
   * @default none
   */
  transformations?: pulumi.ResourceTransformation[];
}

/** What the program declared: the stack outputs (no secret among them) and the migration it planned. */
export interface DeclaredKit {
  outputs: Record<string, unknown>;
  /** The Lync install `pulumi up` runs before the migration, with the document it publishes; null when Lync is installed by hand. */
  lync: { install: LyncInstallPlan; topology: TopologyDocument } | null;
  /** Exactly the steps declared as Run Commands and gates, in order; null when the migration is disabled. */
  migration: MigrationPlan | null;
}

/** Declares the whole topology and the migration; the offline plan and the rehearsal read both results. */
export async function declareKit(options: ProgramOptions = {}): Promise<DeclaredKit> {
  const { config, plan } = configAndPlan();
  const warn = options.warn ?? ((message: string) => void pulumi.log.warn(message));
  for (const w of configWarnings(config)) warn(`warning: ${w.describe()}`);
  const missing = missingSecrets(plan.secrets);
  if (missing.length) throw new UserErrors(missing);
  // Loaded only for a stack that migrates: the gates' SQL Server client and the contact lists' ZIP
  // and XML writers are about 600 modules, a third of what the offline plan of a stack without a
  // migration used to load.
  const migrating = config.migration.enabled ? (require("./runbook/migration") as typeof import("./runbook/migration")) : null;
  // Planned before any resource is declared: a migration that does not fit the topology fails here.
  const migrationPlan = await migrating?.planStackMigration(plan, config.migration, {
    projectRoot: options.projectRoot ?? process.cwd(),
    stack: pulumi.getStack(),
    ...(options.contactsFolder ? { contactsFolder: options.contactsFolder } : {}),
  });
  const lync = planLync(plan, options.projectRoot ?? process.cwd(), warn);
  const secrets = readSecrets(plan.secrets);
  const topology = new PchatTopology("pchat", { plan, secrets }, options.transformations?.length ? { transformations: options.transformations } : undefined);
  // Lync before the migration, in the same pulumi up: the runbook's first step needs a pool that serves.
  // Its steps join the servers' own chains (inside the topology), so the component must not wait for
  // the topology as a whole: that would wait for its own steps.
  const installed = lync ? new LyncInstall("lync", { install: lync.install, topologyXml: lync.topology.xml, servers: topology.servers, secrets, sqlLogin: SQL_LOGIN }) : null;
  const outputs = { ...topology.outputs, lyncInstall: lync ? lync.install.steps.map((s) => s.id) : null };
  if (!migrating || !migrationPlan) return { outputs: { ...outputs, runbook: null }, lync, migration: null };
  const migration = migrating.declareMigration({ plan, migration: config.migration, runbook: migrationPlan.runbook, servers: topology.servers, secrets, dependsOn: installed ? [topology, installed.done] : [topology] });
  return { outputs: { ...outputs, runbook: migration.status }, lync, migration: migrationPlan };
}

/**
 * The Lync install of a stack whose config says `lync.install`, with the topology document it publishes
 * (the user's `lync.topologyFile`, relative to Pulumi.yaml, or the one generated from the plan); read
 * before any resource, so a bad document fails the run with nothing declared.
 */
function planLync(plan: TopologyPlan, projectRoot: string, warn: (message: string) => void): DeclaredKit["lync"] {
  const install = planLyncInstall(plan);
  if (!install) return null;
  const file = plan.lync.topologyFile;
  // Loaded only for a stack that installs Lync: the document's XML writer is the contacts job's too (see below).
  const { topologyDocument } = require("./topology/lync-topology") as typeof import("./topology/lync-topology");
  const topology = topologyDocument(plan, file ? { topologyFile: path.resolve(projectRoot, file) } : {});
  for (const w of topology.warnings) warn(`warning: pchat-kit:lync.topologyFile: ${w}`);
  return { install, topology };
}

/** The Pulumi program: declares everything and returns the stack outputs. */
export async function pchatKit(options: ProgramOptions = {}): Promise<Record<string, unknown>> {
  return (await declareKit(options)).outputs;
}
