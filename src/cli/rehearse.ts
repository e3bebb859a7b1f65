/**
 * `pchat-kit rehearse [--stack lab] [--config-file PATH] [--legacy <connection string|DIR>]
 *  [--cutoff YYYY-MM-DD] [--scale small|medium] [--seed N] [--out DIR] [--json]`: the whole job offline
 * (see src/rehearsal). Summary on stdout, or with --json one document on stdout and the summary on
 * stderr. Exit 0 when the rehearsal ran, even when the readiness gate would block (the summary says
 * so: that is the rehearsal's answer, not a failure of it); 2 for bad usage or input.
 */
import { UserError } from "../../migration-jobs/common/errors";
import { outputFolder } from "../../migration-jobs/common/paths";
import { checkCutoff, progressTo } from "../../migration-jobs/cli/analyze";
import { parseSeed } from "../../migration-jobs/cli/sample";
import { defineCommand, variant, type CommandContext } from "../../migration-jobs/cli/command";
import { CONFIG_FILE, CUTOFF, JSON_OUTPUT, LEGACY, OUT, SCALE, SEED, STACK, TRUST_SERVER_CERTIFICATE } from "../../migration-jobs/cli/options";
import type { RehearseDeps, RehearsalScale } from "../rehearsal";

export interface RehearseCommandOptions {
  stack: string;
  configFile?: string;
  legacy?: string;
  cutoff?: string;
  scale?: string;
  seed?: string;
  out?: string;
  json?: boolean;
  trustServerCertificate?: boolean;
}

export const DEFAULT_OUT = "out/rehearsal";
const SCALES: readonly RehearsalScale[] = ["small", "medium"];

function parseScale(v: string): RehearsalScale {
  if ((SCALES as readonly string[]).includes(v)) return v as RehearsalScale;
  throw new UserError("--scale", `"${v}" is not a rehearsal scale`, `use ${SCALES.join(" or ")} (the max scale is for \`pchat-kit sample\`)`);
}

export async function runRehearse(opts: RehearseCommandOptions, ctx: CommandContext, deps: RehearseDeps = {}): Promise<number> {
  if (!/^[A-Za-z0-9_.-]+$/.test(opts.stack) || /^\.+$/.test(opts.stack)) throw new UserError("--stack", `"${opts.stack}" is not a stack name`, "use letters, digits, '-', '_' or '.', e.g. --stack lab");
  checkCutoff(opts.cutoff);
  if (opts.legacy !== undefined && (opts.scale !== undefined || opts.seed !== undefined)) {
    throw new UserError(opts.scale !== undefined ? "--scale" : "--seed", "chooses the engine's sample, which --legacy replaces", "drop --scale/--seed to rehearse your own legacy data, or drop --legacy to rehearse on the sample");
  }
  const scale = parseScale(opts.scale ?? "small");
  const seed = parseSeed(opts.seed ?? "1");
  const out = opts.out ?? DEFAULT_OUT;
  outputFolder("--out", out, `give --out a folder you can write to (it is created if missing), e.g. --out ${DEFAULT_OUT}`);

  const io = ctx.io;
  const progress = progressTo(io);
  // Loaded on demand: the rehearsal pulls in Pulumi and the program, which other commands never need.
  const { rehearse, renderSummary } = require("../rehearsal") as typeof import("../rehearsal");
  const summary = await rehearse(
    {
      stack: opts.stack,
      projectRoot: ctx.root,
      ...(opts.configFile !== undefined ? { configFile: opts.configFile } : {}),
      ...(opts.legacy !== undefined ? { legacy: opts.legacy } : {}),
      ...(opts.cutoff !== undefined ? { cutoff: opts.cutoff } : {}),
      scale,
      seed,
      out,
      trustServerCertificate: opts.trustServerCertificate === true,
    },
    { onProgress: progress, ...deps },
  );
  if (io.interactive) io.stderr("\r\x1b[K");
  const text = renderSummary(summary);
  if (opts.json) {
    io.stderr(text);
    io.stdout(JSON.stringify(summary) + "\n");
  } else {
    io.stdout(text);
  }
  return ctx.exit.ok;
}

export const rehearseCommand = defineCommand({
  name: "rehearse",
  description: "Rehearse the whole migration offline: the stack's plan, the legacy data's readiness, the runbook with its scripts, and the verification against a simulated import",
  options: [
    variant(STACK, { default: "lab" }),
    CONFIG_FILE,
    variant(LEGACY, { description: "your legacy Group Chat database or a snapshot of it (default: the engine's sample)" }),
    variant(CUTOFF, { description: "first day whose messages migrate (default: the stack's migration.cutoff, else the sample's)" }),
    variant(SCALE, { description: "sample size: small or medium (default small)" }),
    SEED,
    variant(OUT, { description: `folder for the files: <dir>/<stack>/ and the cached sample in <dir>/.samples/ (default ${DEFAULT_OUT})` }),
    variant(JSON_OUTPUT, { description: "print one JSON document on stdout (the summary goes to stderr)" }),
    variant(TRUST_SERVER_CERTIFICATE, { description: "accept --legacy's TLS certificate without validation (lab servers only)" }),
  ],
  handler: (args, ctx) => runRehearse(args, ctx),
});
