/**
 * `pchat-kit contacts plan`: Exchange IM contact lists (.reg exports) -> per-window import files,
 * runbook steps and wave reports. Exit codes: 0 ok, 1 blocking findings, 2 bad usage or input.
 * Nothing is written unless every input file is valid (the planner's first pass checks them all).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError, UserErrors } from "../common/errors";
import { inputFile, inputFolder, outputFolder } from "../common/paths";
import { ExitCode, Io } from "../common/io";
import type { ContactFormat, FrontEndTarget } from "../contacts";
import { STRATEGIES, type Strategy } from "../contacts/plan";
import { folderRegSource, folderSink } from "../contacts/files";
import { DEFAULT_LAYOUT, loadLayout } from "../contacts/layout";
import { parseUserMap } from "../contacts/usermap";
import { defineCommand, defineGroup, variant } from "./command";
import { ACCEPT_WARNINGS, JSON_OUTPUT, OUT } from "./options";

const FRONT_ENDS_FIX = "Pass the pool's servers as key=COMPUTERNAME, comma-separated, e.g. --front-ends fe-1=LYNCFE01,fe-2=LYNCFE02.";

/**
 * `fe-1=LYNCFE01,fe-2=LYNCFE02`: server key and NetBIOS name, each item exactly one `=` with a name
 * on both sides; no empty item, no key or computer twice. A bare name is refused: the steps run on
 * the computer named, so the kit never derives one. Every malformed item is reported at once.
 */
export function parseFrontEnds(text: string): Array<{ key: string; computerName: string }> {
  const items = text.split(",").map((s) => s.trim());
  if (items.every((s) => s === "")) throw new UserError("--front-ends", "no front end server given", FRONT_ENDS_FIX);
  const problems: UserError[] = [];
  const servers: Array<{ key: string; computerName: string }> = [];
  items.forEach((item, i) => {
    const at = `item ${i + 1}`;
    if (item === "") return void problems.push(new UserError("--front-ends", `${at} is empty (two commas in a row, or a comma at an end)`, FRONT_ENDS_FIX));
    const parts = item.split("=").map((p) => p.trim());
    if (parts.length !== 2) {
      return void problems.push(new UserError("--front-ends", `${at} ${JSON.stringify(item)} ${parts.length === 1 ? "has no \"=\"" : "has more than one \"=\""}: it is not key=COMPUTERNAME`, FRONT_ENDS_FIX));
    }
    const [key, computerName] = parts as [string, string];
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(key) || !/^[A-Za-z0-9-]{1,15}$/.test(computerName)) {
      return void problems.push(new UserError("--front-ends", `${at} ${JSON.stringify(item)} is not key=COMPUTERNAME (a key of letters, digits and hyphens; a NetBIOS name of at most 15 letters, digits or hyphens)`, FRONT_ENDS_FIX));
    }
    const sameKey = servers.find((s) => s.key.toLowerCase() === key.toLowerCase());
    const sameComputer = servers.find((s) => s.computerName.toUpperCase() === computerName.toUpperCase());
    if (sameKey) return void problems.push(new UserError("--front-ends", `${at}: the key ${key} is given twice`, "Give each front end server its own key."));
    if (sameComputer) return void problems.push(new UserError("--front-ends", `${at}: the computer ${computerName} is given twice (as ${sameComputer.key} and ${key})`, "List each front end server once."));
    servers.push({ key, computerName });
  });
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new UserErrors(problems);
  return servers;
}

const TARGET_FLAGS = ["--pool-fqdn", "--front-ends", "--remote-folder"] as const;

/**
 * The pool and share the steps run against: all three flags, or none (then no steps). There is no
 * default: a made-up server name would give steps that fail, or worse, run somewhere unintended.
 */
export function importTarget(flags: Pick<PlanFlags, "poolFqdn" | "frontEnds" | "remoteFolder">): { pool?: FrontEndTarget; remoteFolder?: string } {
  const given = [flags.poolFqdn, flags.frontEnds, flags.remoteFolder];
  if (given.every((v) => v === undefined)) return {};
  const missing = TARGET_FLAGS.filter((_f, i) => given[i] === undefined || (given[i] as string).trim() === "");
  if (missing.length > 0) {
    throw new UserError(missing.join(", "), `${missing.length === 1 ? "is" : "are"} missing: the runbook steps need the pool FQDN, its front end servers and the share they read from, together`, "Pass all three, e.g. --pool-fqdn pool01.contoso.com --front-ends fe-1=LYNCFE01,fe-2=LYNCFE02 --remote-folder \\\\files01\\staging\\contacts, or none to get the import files and reports without steps.");
  }
  const fqdn = (flags.poolFqdn as string).trim();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i.test(fqdn)) {
    throw new UserError("--pool-fqdn", `${JSON.stringify(fqdn)} is not a fully qualified domain name`, "Pass the front end pool's FQDN, e.g. --pool-fqdn pool01.contoso.com.");
  }
  const remoteFolder = (flags.remoteFolder as string).trim();
  // The steps put their state markers under it: a relative path would resolve on each server differently.
  if (!/^([A-Za-z]:\\|\\\\[^\\]+\\[^\\]+)/.test(remoteFolder) || /[\r\n\0]/.test(remoteFolder)) {
    throw new UserError("--remote-folder", `${JSON.stringify(remoteFolder)} is not an absolute Windows path or share`, "Pass the share the front ends read, e.g. --remote-folder \\\\files01\\staging\\contacts.");
  }
  return { pool: { fqdn, servers: parseFrontEnds(flags.frontEnds as string) }, remoteFolder };
}

interface PlanFlags {
  strategy: Strategy;
  regDir: string;
  users: string;
  out: string;
  format: ContactFormat;
  layout?: string;
  poolFqdn?: string;
  frontEnds?: string;
  remoteFolder?: string;
  runId: string;
  batchSize: string;
  acceptWarnings?: boolean;
  json?: boolean;
}

const USERS_FIX = "Check the --users path (a CSV: exchange_im_address,sip_uri,display_name,wave).";

export async function runContactsPlan(flags: PlanFlags, io: Io): Promise<number> {
  // Every path first: a folder given for a file (or the reverse) is named before anything is read.
  inputFolder("--reg-dir", flags.regDir, "the folder of .reg exports", "Pass the folder that holds the collected .reg exports.");
  inputFile("--users", flags.users, "a user map CSV file", USERS_FIX);
  if (flags.layout !== undefined) inputFile("--layout", flags.layout, "a layout file (JSON or YAML)", "Check the --layout path.");
  outputFolder("--out", flags.out, "Give --out a folder to write the import files and reports into (it is created if missing).");
  if (!/^[a-z0-9][a-z0-9-]{0,19}$/.test(flags.runId)) {
    throw new UserError("--run-id", `${JSON.stringify(flags.runId)} is not a run id`, "Use lower-case letters, digits and dashes, at most 20 (it names the steps and their folder on the share), e.g. --run-id 2.");
  }
  const layout = flags.layout ? loadLayout(flags.layout) : DEFAULT_LAYOUT;
  let usersText: string;
  try {
    usersText = fs.readFileSync(flags.users, "utf8");
  } catch {
    throw new UserError(flags.users, "the user map cannot be read", USERS_FIX);
  }
  const users = parseUserMap(usersText, path.basename(flags.users));
  const target = importTarget(flags);
  if (!/^[1-9][0-9]{0,5}$/.test(flags.batchSize)) throw new UserError("--batch-size", `${JSON.stringify(flags.batchSize)} is not a whole number from 1 to 999999`, "Pass how many users' lists go into one import ZIP, e.g. --batch-size 2000.");
  const source = folderRegSource(flags.regDir);
  // Loaded on use: the import file writers (jszip, xmlbuilder2: about 200 modules, 0.2 s) are for
  // this command, not for every start of the command line.
  const { planContacts } = require("../contacts") as typeof import("../contacts");
  const summary = await planContacts(
    { strategy: flags.strategy, format: flags.format, users, layout, source, ...target, runId: flags.runId, batchSize: Number(flags.batchSize), acceptWarnings: Boolean(flags.acceptWarnings) },
    folderSink(flags.out),
  );
  if (flags.json) {
    io.stdout(JSON.stringify({ out: flags.out, ...summary, steps: summary.steps.map((s) => ({ ...s, script: undefined })) }, null, 2) + "\n");
  } else {
    for (const w of summary.windows) {
      io.stdout(`${w.window.id}: ${w.usersMoved} users moved, ${w.listsImported} lists imported, ${w.listsRewritten} rewritten, ${w.contactsMoved} contacts moved, ${w.contactsHeld} held\n`);
    }
    io.stdout(`${summary.steps.length} runbook steps; files under ${flags.out}\n`);
  }
  if (summary.stepsOmitted) io.stderr(`${summary.stepsOmitted}\n`);
  for (const [code, n] of Object.entries(summary.findingsByCode)) io.stderr(`${code}: ${n}\n`);
  if (summary.blocking) {
    io.stderr(`blocking findings: see the window reports under ${flags.out}${flags.acceptWarnings ? "" : " (warnings block unless --accept-warnings)"}\n`);
    return ExitCode.blocked;
  }
  return ExitCode.ok;
}

export const contactsPlanCommand = defineCommand({
  name: "plan",
  description: "Plan the contact-list migration by strategy: import files, runbook steps and a report per window.",
  options: [
    { flag: "--strategy", value: "<name>", required: true, choices: STRATEGIES, description: "immediate-recreate | immediate-import | gradual-per-user | gradual-deferred" },
    { flag: "--reg-dir", value: "<dir>", required: true, description: "folder of .reg exports (one per user and machine)" },
    { flag: "--users", value: "<file>", required: true, description: "user map CSV: exchange_im_address,sip_uri,display_name,wave" },
    variant(OUT, { required: true, description: "output folder (one subfolder per window)" }),
    { flag: "--format", value: "<format>", choices: ["lync2013", "lcs"], default: "lync2013", description: "import file format" },
    { flag: "--layout", value: "<file>", description: "registry layout (JSON or YAML); default: see README section contacts" },
    { flag: "--pool-fqdn", value: "<fqdn>", description: "front end pool FQDN for Import-CsUserData (with --front-ends and --remote-folder; without all three, no runbook steps)" },
    { flag: "--front-ends", value: "<servers>", description: "pool servers as key=COMPUTERNAME, comma-separated (the first imports)" },
    { flag: "--remote-folder", value: "<path>", description: "share (UNC) the front ends read the output from; step state markers go there too" },
    { flag: "--run-id", value: "<id>", default: "1", description: "changes to re-run the steps" },
    { flag: "--batch-size", value: "<n>", default: "2000", description: "users' lists per import ZIP (memory follows it)" },
    ACCEPT_WARNINGS,
    variant(JSON_OUTPUT, { description: "print one JSON document" }),
  ],
  handler: (args, ctx) => runContactsPlan(args, ctx.io),
});

export const contactsCommands = defineGroup({
  name: "contacts",
  description: "Exchange 2000 IM contact lists -> Lync server-side contact lists (domain section 9).",
  commands: [contactsPlanCommand],
});
