/**
 * The offline plan: the REAL program run under Pulumi's mock runtime with a stack's config, every
 * resource it would declare recorded with its inputs, secrets replaced by "[secret]". No engine,
 * no Azure call, no credential. Missing secrets get a placeholder, and a note says so.
 *
 * The mock runtime is global to the process: call `runOfflinePlan` once per process (tests use one
 * test file per run; the bench and the CLI run once). It returns a typed result and prints nothing,
 * so that `pchat-kit plan` and the later rehearsal both use it.
 */
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS, type KitConfig } from "../config";
import { planTopology } from "../topology/planner";
import type { TopologyPlan } from "../topology/plan";
import { secretKeys } from "../components/secrets";
import { installRecorder, redactSecrets, RecordedResource } from "./recorder";
import { deferAliasCollapse } from "./aliases";
import type { DeclaredKit } from "../program";
import type { MigrationPlan } from "../../migration-jobs/plan";
import { findProjectRoot, projectName, readStackConfig, runtimeConfigValue, stackFile, validateStackConfig } from "./stack-config";

export interface OfflinePlanOptions {
  /** Stack name, e.g. `lab`. */
  stack: string;
  /** Config file to use instead of `stacks/Pulumi.<stack>.yaml`. */
  configFile?: string;
  /** Folder of Pulumi.yaml. @default the folder found upwards from this module */
  projectRoot?: string;
  /**
   * Values for secret keys, standing in for `pulumi config set --secret` (whose encrypted values
   * cannot be read offline). Stack files never hold them in clear: that is refused.
   * @default {} (a placeholder for each secret, with a note)
   * @example { adminPassword: "..." }
   */
  secretValues?: Record<string, string>;
  /**
   * Plan a migration the stack configures (it has a runId) but keeps off, as `pulumi up` will
   * declare it once `migration.enabled` is turned on. The rehearsal uses it.
   * @default false
   */
  enableConfiguredMigration?: boolean;
  /**
   * Replaces the cutoff of a migration the stack configures (the rehearsal's `--cutoff`), so that
   * the plan's runbook and the rehearsal's analysis describe the same run. Already validated.
   * @default the stack's `migration.cutoff`
   */
  cutoff?: string;
  /**
   * The folder the migration's contacts job writes its files into (the rehearsal: `<out>/<stack>/contacts`).
   * @default `out/contacts/<stack>/<runId>` under the project root, as `pulumi up`
   */
  contactsFolder?: string;
}

export interface PlannedResource {
  type: string;
  name: string;
  parent: string | null;
  /** Inputs with every secret value replaced by "[secret]". */
  inputs: Record<string, unknown>;
}

export interface OfflinePlanResult {
  project: string;
  stack: string;
  configFile: string;
  resources: PlannedResource[];
  /** The program's stack outputs. */
  outputs: Record<string, unknown>;
  /** Things the user should know (placeholders used, unreadable encrypted values, config warnings), never a secret. */
  notes: string[];
  /** The stack's validated config (no secret in it). */
  config: KitConfig;
  /** The plan the program realised. */
  plan: TopologyPlan;
  /** The raw recording (secrets still wrapped), for tests and the rehearsal. */
  recorded: RecordedResource[];
  /**
   * The migration the program planned and declared (its steps are the runbook's Run Commands and
   * gates among `resources`, in order); null when the migration is disabled.
   */
  migration: MigrationPlan | null;
  /** The Lync install the program declared before the migration, with its topology document; null when Lync is installed by hand. */
  lync: DeclaredKit["lync"];
}

/** An output only `pulumi up` knows (the runbook's step states) is shown as such, not as an Output's toJSON warning. */
function planTimeOutputs(outputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, pulumi.Output.isInstance(v) ? "(known after pulumi up)" : v]));
}

export const PLACEHOLDER_PREFIX = "offline-placeholder-";

export { stackFileProblems } from "./stack-config";

export async function runOfflinePlan(options: OfflinePlanOptions): Promise<OfflinePlanResult> {
  const root = options.projectRoot ?? findProjectRoot(__dirname);
  const project = projectName(root);
  const file = options.configFile ?? stackFile(root, options.stack);
  const stackConfig = readStackConfig(file, project);
  const migrationKey = `${project}:migration`;
  const migration = stackConfig.values[migrationKey];
  const configured = migration && typeof migration === "object" && !Array.isArray(migration) && "runId" in migration;
  if (configured && (options.enableConfiguredMigration || options.cutoff !== undefined)) {
    stackConfig.values[migrationKey] = {
      ...(migration as Record<string, unknown>),
      ...(options.enableConfiguredMigration ? { enabled: true } : {}),
      ...(options.cutoff !== undefined ? { cutoff: options.cutoff } : {}),
    };
  }
  const notes: string[] = [];

  // Validate and plan before the mock runtime exists: invalid config registers nothing.
  const ns = `${project}:`;
  const kitConfig = validateStackConfig(stackConfig, project);
  const plan = planTopology(kitConfig, { project, stack: options.stack });

  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(stackConfig.values)) config[k] = runtimeConfigValue(v);
  const secretConfigKeys = new Set(CONFIG_KEYS.filter((k) => k.secret).map((k) => `${ns}${k.name}`));
  for (const name of secretKeys(plan.secrets)) {
    const key = `${ns}${name}`;
    secretConfigKeys.add(key);
    const given = options.secretValues?.[name];
    if (given !== undefined) config[key] = given;
    if (config[key] !== undefined) continue;
    config[key] = `${PLACEHOLDER_PREFIX}${name}`;
    notes.push(
      stackConfig.encrypted.includes(key)
        ? `${key} is encrypted in ${file} and cannot be read offline: the plan uses a placeholder.`
        : `${key} is not set: the plan uses a placeholder (set it with \`pulumi config set --secret ${name}\` before \`pulumi up\`).`,
    );
  }
  pulumi.runtime.setAllConfig(config, [...secretConfigKeys].filter((k) => config[k] !== undefined));

  const recorder = await installRecorder(project, options.stack);
  // Pulumi's runtime captures a stack trace for every promise it tracks; nothing here prints them
  // (unless PCHAT_KIT_DEBUG), and capturing them costs about a tenth of the run.
  const stackTraceLimit = Error.stackTraceLimit;
  if (!process.env.PCHAT_KIT_DEBUG) Error.stackTraceLimit = 1;
  let declared: DeclaredKit;
  try {
    // The program is loaded only now, under the mocks (a dynamic import() would not run under jest).
    const program = require("../program") as typeof import("../program");
    // The program's config warnings become notes (pulumi.log.warn has no engine to go to here).
    declared = await program.declareKit({
      projectRoot: root,
      warn: (message) => notes.push(message),
      transformations: [deferAliasCollapse],
      ...(options.contactsFolder ? { contactsFolder: options.contactsFolder } : {}),
    });
    await recorder.settle();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }

  return {
    project,
    stack: options.stack,
    configFile: file,
    resources: recorder.resources.map((r) => ({ type: r.type, name: r.name, parent: r.parent, inputs: redactSecrets(r.inputs) as Record<string, unknown> })),
    outputs: redactSecrets(planTimeOutputs(declared.outputs)) as Record<string, unknown>,
    notes,
    config: kitConfig,
    plan,
    recorded: recorder.resources,
    migration: declared.migration,
    lync: declared.lync,
  };
}
