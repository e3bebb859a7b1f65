/**
 * The Pulumi program: config -> validation -> plan -> components -> stack outputs. The config is
 * validated (and the plan made) before any resource is declared, so a bad stack file registers
 * nothing and fails with UserErrors naming each key and its fix.
 */
import * as pulumi from "@pulumi/pulumi";
import { readKitConfig } from "./config";
import { planTopology } from "./topology/planner";
import type { TopologyPlan } from "./topology/plan";
import { PchatTopology } from "./components/topology";
import { missingSecrets, readSecrets } from "./components/secrets";
import { UserErrors } from "../migration-jobs/common/errors";

/** The stack's plan from its config; throws UserErrors on invalid config. */
export function planStack(): TopologyPlan {
  const config = readKitConfig();
  return planTopology(config, { project: pulumi.getProject(), stack: pulumi.getStack() });
}

/** Declares the whole topology and returns the stack outputs (no secret among them). */
export async function pchatKit(): Promise<Record<string, unknown>> {
  const plan = planStack();
  const missing = missingSecrets(plan.secrets);
  if (missing.length) throw new UserErrors(missing);
  const topology = new PchatTopology("pchat", { plan, secrets: readSecrets(plan.secrets) });
  return { ...topology.outputs };
}
