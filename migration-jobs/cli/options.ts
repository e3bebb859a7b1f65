/**
 * The options more than one command takes, each defined once. A command lists the object itself, or
 * `variant(OPTION, {...})` where its help words it for that command or it is required or defaulted
 * there; the flag and its value never change. test/cli/commands.test.ts holds every command to it: a
 * flag two commands take is one of these.
 */
import { EXPORT_LEVELS } from "../analysis/export-level";
import { defineOption } from "./command";

export const STACK = defineOption({ flag: "--stack", value: "<name>", description: "stack name: lab, staging, dr, or yours" });

export const CONFIG_FILE = defineOption({ flag: "--config-file", value: "<path>", description: "stack config file to use instead of stacks/Pulumi.<stack>.yaml" });

export const JSON_OUTPUT = defineOption({ flag: "--json", description: "print one JSON document on stdout" });

export const CUTOFF = defineOption({ flag: "--cutoff", value: "<YYYY-MM-DD>", description: "messages before this day are not migrated" });

export const TRUST_SERVER_CERTIFICATE = defineOption({ flag: "--trust-server-certificate", description: "accept the server's TLS certificate without validation (lab servers only)" });

export const LEGACY = defineOption({ flag: "--legacy", value: "<connection string|dir>", description: "the legacy Group Chat database, or a snapshot directory of it" });

export const TARGET = defineOption({ flag: "--target", value: "<connection string|dir>", description: "the 2013 mgc (or its snapshot)" });

export const EXPORT_LEVEL = defineOption({
  flag: "--export-level",
  value: "<level>",
  description: `the export's -Level (${EXPORT_LEVELS.join(", ")}; default All), as pchat-kit:migration.exportLevel`,
});

export const REPORT = defineOption({ flag: "--report", value: "<dir>", description: "also write the reports (Markdown, HTML and JSON) into this directory" });

export const SEPARATOR = defineOption({ flag: "--separator", value: "<text>", description: "joins parent and child names of flattened categories (default _)" });

export const ACCEPT_WARNINGS = defineOption({ flag: "--accept-warnings", description: "warnings do not block" });

export const RESUME = defineOption({ flag: "--resume", description: "keep the entities an interrupted run already wrote" });

export const SCALE = defineOption({ flag: "--scale", value: "<scale>", description: "sample size" });

export const SEED = defineOption({ flag: "--seed", value: "<n>", description: "sample seed, 0 to 4294967295 (default 1)" });

export const OUT = defineOption({ flag: "--out", value: "<dir>", description: "the folder to write into (it is created if missing)" });

/** Every shared option, for the test that holds commands to them. */
export const SHARED_OPTIONS = [STACK, CONFIG_FILE, JSON_OUTPUT, CUTOFF, TRUST_SERVER_CERTIFICATE, LEGACY, TARGET, EXPORT_LEVEL, REPORT, SEPARATOR, ACCEPT_WARNINGS, RESUME, SCALE, SEED, OUT] as const;
