/**
 * Every command of the `pchat-kit` command line, in the order `--help` lists them.
 * Add a command by writing its module (exporting a RegisterCommand) and adding it here.
 */
import type { RegisterCommand } from "./main";
import { registerAnalyze } from "../../migration-jobs/cli/analyze";
import { registerVerify } from "../../migration-jobs/cli/verify";
import { registerContactsCommand } from "../../migration-jobs/cli/contacts";
import { registerSnapshot } from "../../migration-jobs/cli/snapshot";
import { registerSample } from "../../migration-jobs/cli/sample";
import { registerPlan } from "./plan";
import { registerRehearse } from "./rehearse";

export const COMMANDS: RegisterCommand[] = [registerPlan, registerSnapshot, registerSample, registerContactsCommand, registerAnalyze, registerVerify, registerRehearse];
