/**
 * Every command of the `pchat-kit` command line, in the order `--help` lists them. A command is one
 * module exporting one `defineCommand({...})` (migration-jobs/cli/command.ts); add it by writing that
 * module and adding it here, nothing else.
 */
import type { CommandEntry } from "../../migration-jobs/cli/command";
import { planCommand } from "./plan";
import { snapshotCommand } from "../../migration-jobs/cli/snapshot";
import { sampleCommand } from "../../migration-jobs/cli/sample";
import { contactsCommands } from "../../migration-jobs/cli/contacts";
import { analyzeCommand } from "../../migration-jobs/cli/analyze";
import { verifyCommand } from "../../migration-jobs/cli/verify";
import { rehearseCommand } from "./rehearse";

export const COMMANDS: readonly CommandEntry[] = [planCommand, snapshotCommand, sampleCommand, contactsCommands, analyzeCommand, verifyCommand, rehearseCommand];
