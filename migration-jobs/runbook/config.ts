/**
 * The runbook's part of the migration config, `pchat-kit:migration`: which strategy, which cutoff,
 * what to accept, where the files are. Checked once with zod; every problem is a UserError naming
 * `pchat-kit:migration.<field>` and the fix, so a wrong stack file never reaches a Run Command.
 * Its `contacts` member is the contacts job's: the whole config, both parts checked together, is
 * `parseMigrationConfig` (migration-jobs/plan/config.ts), so the runbook knows nothing of contacts.
 */
import { z } from "zod";
import { UserError } from "../common/errors";
import { calendarDate, checkSchema, keyAt, type Checked, type SchemaContext } from "../common/validation";
import { EXPORT_LEVELS, type ExportLevel } from "../analysis/export-level";

export const MIGRATION_CONFIG_KEY = "pchat-kit:migration";

/** domain §4.1: the only values `Export-CsPersistentChatData -Level` accepts (defined with the analysis, which the verification may import). */
export { EXPORT_LEVELS, type ExportLevel };

/** Steps whose Run Command timeout can be overridden (seconds). */
export const TIMEOUT_KEYS = [
  "gate",
  "stopServices",
  "backupLegacy",
  "export",
  "backupStore",
  "importWhatIf",
  "import",
  "copyFiles",
  "cutover",
  "startServices",
  "decommission",
  "enablePolicy",
  "sqlAccess",
  "principals",
] as const;
export type TimeoutKey = (typeof TIMEOUT_KEYS)[number];

/** Managed Run Command accepts no timeout under 120 s; above a day a step is surely mis-sized. */
export const MIN_TIMEOUT_SECONDS = 120;
export const MAX_TIMEOUT_SECONDS = 86_400;

const NAME = /^[a-z0-9][a-z0-9-]{0,19}$/;
const UNC = /^\\\\[A-Za-z0-9.-]+\\[^\\/:*?"<>|]+(\\[^\\/:*?"<>|]+)*\\?$/;
const SIP = /^sip:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
/** `host`, `host\instance`, `host,port`: where the gates reach SQL from (never a connection string: no password here). */
const SERVER = /^[A-Za-z0-9.-]+(\\[A-Za-z0-9_$]+)?(,\d{1,5})?$/;
const POLICY = /^(Global|site:[A-Za-z0-9 ._-]{1,64})$/;

const batchSchema = z.strictObject({
  /** Lower-case name, part of step ids and resource names, e.g. `wave-1`. */
  name: z.string().regex(NAME, "is not a lower-case name of letters, digits and dashes (at most 20)"),
  /** Category names as they appear in the legacy deployment (after flattening they keep their prefix). */
  categories: z.array(z.string().min(1).max(256)).min(1),
});

const schema = z.strictObject({
  enabled: z.boolean().default(false),
  runId: z.string().regex(NAME, "is not a lower-case name of letters, digits and dashes (at most 20)").optional(),
  strategy: z.enum(["immediate", "batched"]).default("immediate"),
  batches: z.array(batchSchema).optional(),
  cutoff: calendarDate().nullable().optional(),
  exportLevel: z.enum(EXPORT_LEVELS).default("All"),
  acceptWarnings: z.boolean().default(false),
  legacyLookupSipUri: z.string().regex(SIP, "is not a SIP URI").optional(),
  legacyFileStore: z.string().regex(UNC, "is not a UNC path").optional(),
  newFileStore: z.string().regex(UNC, "is not a UNC path").optional(),
  decommission: z.boolean().default(false),
  persistentChatPolicy: z.string().regex(POLICY, "is not a global or site policy identity").default("Global"),
  sqlLogin: z.string().min(1).max(128).nullable().optional(),
  timeouts: z.partialRecord(z.enum(TIMEOUT_KEYS), z.number().int().min(MIN_TIMEOUT_SECONDS).max(MAX_TIMEOUT_SECONDS)).optional(),
  // The contacts job's, checked by its own parser beside this one (parseMigrationConfig, plan/config.ts).
  contacts: z.unknown().optional(),
  gates: z
    .strictObject({
      legacyServer: z.string().regex(SERVER, "is not a SQL Server address (host, host\\instance or host,port)").optional(),
      targetServer: z.string().regex(SERVER, "is not a SQL Server address (host, host\\instance or host,port)").optional(),
      trustServerCertificate: z.boolean().default(false),
      reportDir: z.string().min(1).optional(),
    })
    .optional(),
});

export interface MigrationBatch {
  name: string;
  categories: string[];
}

/** The runbook's part of the validated migration config (the whole one is `MigrationConfig`, migration-jobs/plan/config.ts). */
export interface RunbookConfig {
  /**
   * Whether `pulumi up` declares the runbook at all. Off, no step is declared.
   * @default false
   */
  enabled: boolean;
  /**
   * Keys every step: the same runId changes nothing on a second `pulumi up`; a new one runs the
   * migration again. Lower-case letters, digits and dashes, at most 20 characters. Required when enabled.
   * @example "2026-11-rehearsal-1"
   */
  runId: string;
  /**
   * `immediate`: one window, every category at once. `batched`: the categories of each named batch
   * go through export, backup, dry-run and import in their own window, what was exported being
   * disabled on the legacy side (`-DisableExportedNodes`).
   * @default "immediate"
   */
  strategy: "immediate" | "batched";
  /**
   * Batched strategy only: named batches of legacy category names, exported in this order.
   * @example [{ name: "wave-1", categories: ["Sales", "Sales/EMEA"] }, { name: "wave-2", categories: ["Engineering"] }]
   */
  batches: MigrationBatch[];
  /**
   * Content older than this date is not migrated (domain §2.3 step 8); passed as `-StartDate`.
   * @default null (all content)
   * @example "2024-01-01"
   */
  cutoff: string | null;
  /**
   * What `Export-CsPersistentChatData -Level` exports (domain §4.1). The gates honour it: the
   * verification compares only the kinds of objects the level exports (`EXPORTED_BY_LEVEL` in
   * migration-jobs/analysis/export-level.ts), and a gate that ran refuses a changed level under its runId.
   * @default "All"
   */
  exportLevel: ExportLevel;
  /**
   * Whether readiness warnings and `-WhatIf` warnings let the run go on. Errors always stop it.
   * @default false
   */
  acceptWarnings: boolean;
  /**
   * The lookup SIP URI legacy clients use; the cutover moves it onto a Persistent Chat endpoint.
   * @default "sip:ocschat@<domain>"
   * @example "sip:ocschat@contoso.local"
   */
  legacyLookupSipUri: string | null;
  /**
   * The legacy Group Chat file store (UNC), copied into the new one.
   * @default the topology's legacy file store
   * @example "\\\\gc01.contoso.local\\GroupChatFiles"
   */
  legacyFileStore: string | null;
  /**
   * The Persistent Chat file store (UNC).
   * @default the topology's Persistent Chat file store
   * @example "\\\\fs01.contoso.local\\pchatfs"
   */
  newFileStore: string | null;
  /**
   * Uninstall Group Chat and remove the legacy trusted application and pool after verification
   * (domain §6.6). Not reversible: leave off until the new pool has been verified by people too.
   * @default false
   */
  decommission: boolean;
  /**
   * The Persistent Chat policy enabled for users of the new clients (domain §2.4 step 13).
   * @default "Global"
   * @example "site:Redmond"
   */
  persistentChatPolicy: string;
  /**
   * SQL login the backup steps use; its password is the secret `pchat-kit:sqlAdminPassword`,
   * handed to the script as a Run Command protected parameter. Null: Windows authentication.
   * @default null
   * @example "sa"
   */
  sqlLogin: string | null;
  /**
   * Per-step Run Command timeouts in seconds (120 to 86400), overriding the planner's sizes.
   * @default {}
   * @example { export: 28800, import: 28800 }
   */
  timeouts: Partial<Record<TimeoutKey, number>>;
  /**
   * How the two gates reach SQL Server from where `pulumi up` runs. The login is `sqlLogin` (or the
   * kit's SQL login) and the password the secret `pchat-kit:sqlAdminPassword`; the connection
   * strings are built as Pulumi secrets and never written anywhere.
   * @default { legacyServer: the legacy data source, targetServer: the mgc data source, trustServerCertificate: false, reportDir: "out/runbook/<stack>" }
   * @example { legacyServer: "localhost,11433", targetServer: "localhost,11434", trustServerCertificate: true }
   */
  gates: MigrationGateAccess;
}

/** Where the gates connect: through the operator access (Bastion tunnel to 1433, or a VPN in access.sqlOperatorCidrs). */
export interface MigrationGateAccess {
  /** @default the legacy Group Chat data source of the topology @example "localhost,11433" (a Bastion tunnel) */
  legacyServer: string | null;
  /** @default the `mgc` data source of the topology @example "localhost,11434" */
  targetServer: string | null;
  /** Trust a lab's self-signed SQL certificate (TLS stays on). @default false */
  trustServerCertificate: boolean;
  /** Where the gates write their reports; the runId is appended. @default "out/runbook/<stack>" */
  reportDir: string | null;
}

/** How to fix each field, shown under the problem. */
const FIXES: Record<string, string> = {
  enabled: "set it to true or false",
  runId: "set a run id of lower-case letters, digits and dashes (at most 20), e.g. `pulumi config set --path 'migration.runId' run-1`",
  strategy: "use `immediate` or `batched`",
  batches: "give each batch a lower-case `name` (letters, digits, dashes) and a non-empty `categories` list",
  cutoff: "write the date as YYYY-MM-DD, e.g. 2024-01-01, or remove it to migrate all content",
  exportLevel: `use one of ${EXPORT_LEVELS.join(", ")}`,
  acceptWarnings: "set it to true or false",
  legacyLookupSipUri: "write it as sip:user@domain, e.g. sip:ocschat@contoso.local",
  legacyFileStore: "write a UNC path, e.g. \\\\gc01.contoso.local\\GroupChatFiles",
  newFileStore: "write a UNC path, e.g. \\\\fs01.contoso.local\\pchatfs",
  decommission: "set it to true or false",
  persistentChatPolicy: "use `Global` or `site:<site name>`",
  sqlLogin: "give a SQL login name, or null for Windows authentication",
  gates: "give legacyServer/targetServer as host, host\\instance or host,port (e.g. localhost,11433 for a Bastion tunnel), trustServerCertificate as true or false, reportDir as a folder",
  timeouts: `give seconds between ${MIN_TIMEOUT_SECONDS} and ${MAX_TIMEOUT_SECONDS} for any of ${TIMEOUT_KEYS.join(", ")}`,
};

function where(path: ReadonlyArray<PropertyKey>): string {
  return keyAt(MIGRATION_CONFIG_KEY, path);
}

const SCHEMA_CONTEXT: SchemaContext = {
  base: MIGRATION_CONFIG_KEY,
  docs: "README, The migration runbook",
  fixFor: (path) => FIXES[String(path[0] ?? "")],
};

/**
 * Checks the runbook's part of `pchat-kit:migration` (as read with `requireObject`, which only casts)
 * and applies the defaults: the config, or every problem of it. Values are never echoed: none is
 * secret here, but a mistyped key could hold a password someone pasted in the wrong place.
 */
export function checkRunbookConfig(raw: unknown): Checked<RunbookConfig> {
  const parsed = checkSchema(schema, raw ?? {}, SCHEMA_CONTEXT);
  if (!parsed.ok) return parsed;
  const v = parsed.data;
  const problems: UserError[] = [];
  if (v.enabled && v.runId === undefined) {
    problems.push(new UserError(where(["runId"]), "is required when the migration is enabled", FIXES.runId!));
  }
  const batches = v.batches ?? [];
  if (v.strategy === "batched") {
    if (batches.length === 0) {
      problems.push(new UserError(where(["batches"]), "the batched strategy needs at least one batch", FIXES.batches!));
    }
    const names = new Set<string>();
    const owner = new Map<string, string>();
    batches.forEach((b, i) => {
      if (names.has(b.name)) problems.push(new UserError(where(["batches", i, "name"]), `batch name "${b.name}" is used twice`, "give every batch its own name"));
      names.add(b.name);
      for (const c of b.categories) {
        const first = owner.get(c.toLowerCase());
        // A category exported twice would be disabled by the first export and found empty by the second.
        if (first !== undefined && first !== b.name) {
          problems.push(new UserError(where(["batches", i, "categories"]), `category "${c}" is already in batch "${first}"`, "put each category in exactly one batch"));
        }
        owner.set(c.toLowerCase(), b.name);
      }
    });
  } else if (batches.length > 0) {
    problems.push(new UserError(where(["batches"]), "batches are given but the strategy is immediate", "set strategy to `batched`, or remove batches"));
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    data: {
      enabled: v.enabled,
      runId: v.runId ?? "",
      strategy: v.strategy,
      batches: v.strategy === "batched" ? batches : [],
      cutoff: v.cutoff ?? null,
      exportLevel: v.exportLevel,
      acceptWarnings: v.acceptWarnings,
      legacyLookupSipUri: v.legacyLookupSipUri ?? null,
      legacyFileStore: v.legacyFileStore ?? null,
      newFileStore: v.newFileStore ?? null,
      decommission: v.decommission,
      persistentChatPolicy: v.persistentChatPolicy,
      sqlLogin: v.sqlLogin ?? null,
      timeouts: v.timeouts ?? {},
      gates: {
        legacyServer: v.gates?.legacyServer ?? null,
        targetServer: v.gates?.targetServer ?? null,
        trustServerCertificate: v.gates?.trustServerCertificate ?? false,
        reportDir: v.gates?.reportDir ?? null,
      },
    },
  };
}
