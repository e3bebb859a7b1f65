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
import { missingSecrets, readSecrets } from "./components/secrets";
import { UserErrors } from "../migration-jobs/common/errors";
import { declareMigration, planMigration } from "./runbook/migration";

/** The stack's validated config and its plan; throws UserErrors on invalid config. */
export function configAndPlan(): { config: KitConfig; plan: TopologyPlan } {
  const config = readKitConfig();
  return { config, plan: planTopology(config, { project: pulumi.getProject(), stack: pulumi.getStack() }) };
}

/** The stack's plan from its config; throws UserErrors on invalid config. */
export function planStack(): TopologyPlan {
  return configAndPlan().plan;
}

/** Declares the whole topology and returns the stack outputs (no secret among them). */
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
}

export async function pchatKit(options: ProgramOptions = {}): Promise<Record<string, unknown>> {
  const { config, plan } = configAndPlan();
  const warn = options.warn ?? ((message: string) => void pulumi.log.warn(message));
  for (const w of configWarnings(config)) warn(`warning: ${w.describe()}`);
  const missing = missingSecrets(plan.secrets);
  if (missing.length) throw new UserErrors(missing);
  // Planned before any resource is declared: a migration that does not fit the topology fails here.
  const runbook = await planMigration(plan, config.migration, { projectRoot: options.projectRoot ?? process.cwd(), stack: pulumi.getStack() });
  const secrets = readSecrets(plan.secrets);
  const topology = new PchatTopology("pchat", { plan, secrets });
  if (!runbook) return { ...topology.outputs, runbook: null };
  const migration = declareMigration({ plan, migration: config.migration, runbook, servers: topology.servers, secrets, dependsOn: [topology] });
  return { ...topology.outputs, runbook: migration.status };
}
