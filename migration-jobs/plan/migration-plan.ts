/**
 * The whole migration, planned once: the runbook's steps (`planRunbook`) and, when
 * `pchat-kit:migration.contacts` is configured, the Exchange IM contact-list job after them
 * (`planContacts`: its steps, and its import files, reports and scripts written into a folder the
 * caller gives). `pulumi up` declares exactly what this returns (src/runbook/migration.ts) and the
 * rehearsal writes exactly that (src/rehearsal/), so the two can never disagree.
 *
 * It reads the files the config names through `MigrationInputs` (`projectInputs(root)` in the kit:
 * paths relative to the folder of Pulumi.yaml) and writes only through the sink of `contactsOut`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../common/errors";
import { planContacts, type ContactPlanSummary, type ContactSink, type RegSource } from "../contacts";
import { folderRegSource, folderSink } from "../contacts/files";
import { DEFAULT_LAYOUT, loadLayout, type ContactLayout } from "../contacts/layout";
import { parseUserMap } from "../contacts/usermap";
import type { RunbookEnvironment } from "../runbook/environment";
import { planRunbook, type PlanOptions, type Runbook } from "../runbook/planner";
import type { RunbookStep } from "../runbook/step";
import type { MigrationConfig } from "./config";

const CONTACTS_KEY = "pchat-kit:migration.contacts";

/** Where the files the migration config names are read from. */
export interface MigrationInputs {
  /** The `.reg` exports of `contacts.regDir`. */
  regFiles(regDir: string): RegSource;
  /** The user map CSV of `contacts.usersFile`, as text. */
  usersCsv(usersFile: string): string;
  /** The registry layout of `contacts.layout`. */
  layout(file: string): ContactLayout;
}

/** The config's paths, relative to `root` (the folder of Pulumi.yaml), read from disk. */
export function projectInputs(root: string): MigrationInputs {
  const at = (p: string) => path.resolve(root, p);
  return {
    regFiles: (regDir) => folderRegSource(at(regDir), `${CONTACTS_KEY}.regDir`),
    usersCsv: (usersFile) => {
      try {
        return fs.readFileSync(at(usersFile), "utf8");
      } catch {
        throw new UserError(`${CONTACTS_KEY}.usersFile`, `${usersFile} cannot be read`, "Give the user map CSV's path, relative to the folder of Pulumi.yaml.");
      }
    },
    layout: (file) => loadLayout(at(file)),
  };
}

export interface MigrationPlanRequest {
  /** The validated `pchat-kit:migration`; disabled plans no step and writes nothing. */
  migration: MigrationConfig;
  /** The deployment as the steps see it: servers, pools (the front end pool imports the contact lists), shares. */
  environment: RunbookEnvironment;
  inputs: MigrationInputs;
  /** Where the contacts job's files go: a folder of the caller's (named in messages), written through `sink`. */
  contactsOut: { folder: string; sink?: ContactSink };
  /** @see PlanOptions.expectedFiles */
  expectedFiles?: PlanOptions["expectedFiles"];
}

/** The contacts job's part of a migration plan. */
export interface ContactsPart {
  /** The folder its files were written into: to copy to `remoteFolder` before its steps run. */
  folder: string;
  /** The share the front ends read the window folders from. */
  remoteFolder: string;
  strategy: ContactPlanSummary["strategy"];
  windows: ContactPlanSummary["windows"];
  /** Ids of its steps, in order, at the end of `runbook.steps`. */
  steps: string[];
}

export interface MigrationPlan {
  /** Every step, the runbook's then the contacts job's, in order: exactly what is declared or written. */
  runbook: Runbook;
  /** Null without `migration.contacts`. */
  contacts: ContactsPart | null;
}

/**
 * Plans the migration. Blocking contact-list findings are a UserError naming the folder of the
 * window reports, raised before anything is declared.
 */
export async function planMigration(request: MigrationPlanRequest): Promise<MigrationPlan> {
  const { migration, environment } = request;
  const runbook = planRunbook(migration, environment, request.expectedFiles !== undefined ? { expectedFiles: request.expectedFiles } : {});
  if (!migration.enabled || !migration.contacts) return { runbook, contacts: null };
  const contacts = await planContactLists(request, runbook.steps);
  return { runbook: { ...runbook, steps: [...runbook.steps, ...contacts.steps] }, contacts: contacts.part };
}

/**
 * The contacts job (domain §9), on the first front end after the runbook's last step: the lists move
 * once Persistent Chat runs and the policy is set. The first contacts step checks its files are on the
 * remote folder (`<stagingFolder>\contacts\<runId>` unless configured).
 */
async function planContactLists(request: MigrationPlanRequest, before: RunbookStep[]): Promise<{ steps: RunbookStep[]; part: ContactsPart }> {
  const { migration, environment: env, inputs, contactsOut } = request;
  const c = migration.contacts!;
  const last = before[before.length - 1]!;
  const remoteFolder = c.remoteFolder ?? `${env.stagingFolder}\\contacts\\${migration.runId}`;
  const summary = await planContacts(
    {
      strategy: c.strategy,
      format: c.format,
      users: parseUserMap(inputs.usersCsv(c.usersFile), c.usersFile),
      layout: c.layout ? inputs.layout(c.layout) : DEFAULT_LAYOUT,
      source: inputs.regFiles(c.regDir),
      pool: { fqdn: env.frontEnd.poolFqdn, servers: env.frontEnd.servers },
      remoteFolder,
      runId: migration.runId,
      firstOrder: last.order + 1,
      after: [last.id],
      batchSize: c.batchSize,
      acceptWarnings: c.acceptWarnings,
    },
    contactsOut.sink ?? folderSink(contactsOut.folder),
  );
  if (summary.blocking) {
    const top = summary.errors.slice(0, 3).map((f) => `${f.code} ${f.subject}`).join("; ");
    throw new UserError(CONTACTS_KEY, `the contact lists have blocking findings${top ? ` (${top})` : " (warnings)"}`, `Read the window reports under ${contactsOut.folder}, then fix the .reg files or the user map, or set migration.contacts.acceptWarnings for warnings.`);
  }
  return {
    steps: summary.steps,
    part: { folder: contactsOut.folder, remoteFolder, strategy: summary.strategy, windows: summary.windows, steps: summary.steps.map((s) => s.id) },
  };
}
