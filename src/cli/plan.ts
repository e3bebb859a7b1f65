/**
 * `pchat-kit plan --stack <name> [--config-file <path>] [--json]`: every resource the Pulumi program
 * would declare for that stack, computed offline under Pulumi's mock runtime (no Azure, no
 * credentials). Readable tree by default; with --json exactly one JSON document on stdout. Notes
 * (placeholders for missing secrets) go to stderr; invalid config exits 2 with nothing on stdout.
 */
import { UserError } from "../../migration-jobs/common/errors";
import { defineCommand, variant, type CommandContext } from "../../migration-jobs/cli/command";
import { CONFIG_FILE, JSON_OUTPUT, STACK } from "../../migration-jobs/cli/options";
import { planDocument, renderPlanText } from "../offline/plan-document";

export interface PlanCommandOptions {
  stack: string;
  configFile?: string;
  json?: boolean;
}

export async function runPlan(opts: PlanCommandOptions, ctx: CommandContext): Promise<void> {
  if (!/^[A-Za-z0-9_.-]+$/.test(opts.stack)) throw new UserError("--stack", `"${opts.stack}" is not a stack name`, "Use letters, digits, '-', '_' or '.', e.g. --stack lab.");
  // Loaded on demand: the mock runtime must not be touched by other commands.
  const { runOfflinePlan } = require("../offline/plan") as typeof import("../offline/plan");
  const result = await runOfflinePlan({ stack: opts.stack, projectRoot: ctx.root, ...(opts.configFile ? { configFile: opts.configFile } : {}) });
  for (const note of result.notes) ctx.io.stderr(`note: ${note}\n`);
  if (opts.json) ctx.io.stdout(JSON.stringify(planDocument(result)) + "\n");
  else ctx.io.stdout(renderPlanText(result));
}

export const planCommand = defineCommand({
  name: "plan",
  description: "Print every resource the Pulumi program would declare for a stack, offline (no Azure, no credentials).",
  options: [
    variant(STACK, { required: true }),
    CONFIG_FILE,
    variant(JSON_OUTPUT, { description: "one JSON document on stdout: {stack, resources: [{type, name, parent, inputs}], outputs}" }),
  ],
  handler: (args, ctx) => runPlan(args, ctx),
});
