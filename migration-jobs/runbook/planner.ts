/**
 * The runbook planner: migration config + environment -> the ordered steps of domain §2.4 (and its
 * inferred safe order), each with its machine, parameters, timeout, what it leaves behind and what it
 * waits for. Pure: the Pulumi program turns the steps into Run Commands and gate resources, the
 * rehearsal prints them.
 *
 * `planRunbook` reads as the runbook's table of contents: one named phase per step of the domain's
 * order, each a function of the planning context that returns its stages, testable on its own.
 *
 * Ordering: steps are planned in stages; every step waits for every step of the previous stage, and a
 * stage never holds two steps for one machine, so each VM runs one command at a time (Azure answers
 * 409 to a second one) while different machines work in parallel.
 */
import { UserError } from "../common/errors";
import { RunbookConfig, TimeoutKey } from "./config";
import { RunbookEnvironment, RunbookServer } from "./environment";
import { RunbookStep, StepInput } from "./step";
import type { RenderedScript, StepContext } from "../powershell/frame";
import { renderStopLegacyServices, renderStopPersistentChatServices, renderStartPersistentChatServices } from "./scripts/services";
import { renderBackupDatabase } from "./scripts/backup";
import { renderExport } from "./scripts/export";
import { renderImport, renderImportWhatIf } from "./scripts/import";
import { renderCopyFiles } from "./scripts/copy-files";
import { renderCutover } from "./scripts/cutover";
import { renderRemoveLegacyPool, renderUninstallGroupChat } from "./scripts/decommission";
import { renderEnablePolicy } from "./scripts/policy";
import { LEGACY_DATABASE_ROLES, renderSqlAccess, STORE_DATABASE_ROLES } from "./scripts/sql-access";
import { renderActiveServers } from "./scripts/active-servers";
import { renderDataOnlySkip } from "./scripts/data-only";
import { renderPrincipals } from "./scripts/principals";

export interface Runbook {
  runId: string;
  strategy: RunbookConfig["strategy"];
  /** Downtime windows in order: batch names, or `["all"]` for the immediate strategy. */
  windows: string[];
  steps: RunbookStep[];
}

export interface PlanOptions {
  /**
   * Files and bytes the readiness analysis predicts in the legacy file store (`AnalysisResult.files`),
   * when known at planning time: the copy step's script then carries them as its defaults and its
   * timeout is sized from them. Without them (`pulumi up`), the copy step takes them at run time from
   * the readiness gate (its `consumes`).
   */
  expectedFiles?: { count: number; bytes: number | null } | null;
}

/** Seconds each kind of step gets unless `pchat-kit:migration.timeouts` says otherwise. */
export const DEFAULT_TIMEOUTS: Record<TimeoutKey, number> = {
  gate: 1800,
  stopServices: 900,
  backupLegacy: 7200,
  export: 14400,
  backupStore: 7200,
  importWhatIf: 7200,
  import: 14400,
  copyFiles: 14400,
  cutover: 900,
  startServices: 900,
  decommission: 1800,
  enablePolicy: 600,
  sqlAccess: 600,
  principals: 1800,
};

/** The two gates' step ids: other steps name them when they take a gate's figures (`consumes`). */
export const READINESS_GATE_ID = "01-readiness-gate";
export const VERIFICATION_GATE_ID = "11-verification-gate";

/** A pessimistic SMB copy rate between two Azure VMs, with a factor 2 margin, for sizing robocopy. */
const COPY_BYTES_PER_SECOND = 20 * 1024 * 1024;

/** A step before it is placed: its order and dependencies come from the stage it is in. */
export interface StepDraft {
  id: string;
  title: string;
  kind: RunbookStep["kind"];
  server: RunbookServer | null;
  timeoutKey: TimeoutKey;
  timeoutSeconds?: number;
  parameters?: Record<string, string>;
  render?: (ctx: StepContext) => RenderedScript;
  leavesBehind: string[];
  window: string | null;
  consumes?: StepInput[];
}

/** Steps that run together: each waits for every step of the stage before. */
export type Stage = StepDraft[];

/** What every phase reads: the config, the environment, and what is resolved from them once. */
export interface PlanningContext {
  migration: RunbookConfig;
  env: RunbookEnvironment;
  windows: string[];
  /** The first server of each role: the one-server steps run there. */
  legacyServer: RunbookServer;
  pchatServer: RunbookServer;
  frontEnd: RunbookServer;
  legacyFileStore: string;
  newFileStore: string;
  lookupSipUri: string;
  /** `<stagingFolder>\<runId>`: export files, backups, logs and markers of this run. */
  runDir: string;
  expected: { count: number; bytes: number | null } | null;
  /** The step kind's timeout: the config's, else the sized one, else the default. */
  timeout: (key: TimeoutKey, sized?: number) => number;
}

/** Plans the runbook; `migration.enabled: false` plans no step at all. */
export function planRunbook(migration: RunbookConfig, env: RunbookEnvironment, options: PlanOptions = {}): Runbook {
  const windows = runbookWindows(migration);
  if (!migration.enabled) return { runId: migration.runId, strategy: migration.strategy, windows, steps: [] };
  const ctx = planningContext(migration, env, windows, options);
  const stages: Stage[] = [
    ...readinessGate(ctx),
    ...sqlAccess(ctx),
    ...legacyPrincipals(ctx),
    ...stopServices(ctx),
    ...backupLegacyDatabase(ctx),
    ...ctx.windows.flatMap((window) => moveWindow(ctx, window)),
    ...copyFileStore(ctx),
    ...cutover(ctx),
    ...setActiveServers(ctx),
    ...startServices(ctx),
    ...verificationGate(ctx),
    ...decommission(ctx),
    ...enablePolicy(ctx),
  ];
  return { runId: migration.runId, strategy: migration.strategy, windows, steps: materialise(stages, ctx) };
}

/** Downtime windows in order: the batch names, or `["all"]` for the immediate strategy. */
export function runbookWindows(migration: RunbookConfig): string[] {
  return migration.strategy === "batched" ? migration.batches.map((b) => b.name) : ["all"];
}

function joinPath(folder: string, ...parts: string[]): string {
  return [folder.replace(/\\+$/, ""), ...parts].join("\\");
}

function requireServers(list: RunbookServer[], where: string, what: string): RunbookServer {
  const first = list[0];
  if (!first) throw new UserError(where, `the runbook needs at least one ${what}`, `declare the ${what} in the topology, or disable the migration (pchat-kit:migration.enabled: false)`);
  return first;
}

/** Resolves what the phases share; a missing server or file store is a user error naming its key. */
export function planningContext(migration: RunbookConfig, env: RunbookEnvironment, windows: string[], options: PlanOptions = {}): PlanningContext {
  const legacyServer = requireServers(env.legacy.servers, "pchat-kit:legacy (runbook environment legacy.servers)", "legacy Group Chat server");
  const pchatServer = requireServers(env.persistentChat.servers, "pchat-kit:pool (runbook environment persistentChat.servers)", "Persistent Chat server");
  const frontEnd = requireServers(env.frontEnd.servers, "pchat-kit:frontEnd (runbook environment frontEnd.servers)", "front-end server");
  const legacyFileStore = migration.legacyFileStore ?? env.legacy.fileStoreUnc;
  if (!legacyFileStore) {
    throw new UserError("pchat-kit:migration.legacyFileStore", "the legacy Group Chat file store is not known", "set it to the legacy file store's UNC path, e.g. \\\\gc01.contoso.local\\GroupChatFiles");
  }
  return {
    migration,
    env,
    windows,
    legacyServer,
    pchatServer,
    frontEnd,
    legacyFileStore,
    newFileStore: migration.newFileStore ?? env.persistentChat.fileStoreUnc,
    lookupSipUri: migration.legacyLookupSipUri ?? `sip:ocschat@${env.domain}`,
    runDir: joinPath(env.stagingFolder, migration.runId),
    expected: options.expectedFiles ?? null,
    timeout: (key, sized) => migration.timeouts[key] ?? sized ?? DEFAULT_TIMEOUTS[key],
  };
}

/** A step that runs once per run (not per window). */
function once(draft: Omit<StepDraft, "window">): StepDraft {
  return { ...draft, window: null };
}

/** 1. The readiness gate: the engine's analysis, where `pulumi up` runs. */
export function readinessGate({ migration, env }: PlanningContext): Stage[] {
  return [
    [
      once({
        id: READINESS_GATE_ID,
        title: "Readiness gate: the engine's analysis of the legacy Group Chat database",
        kind: "gate",
        server: null,
        timeoutKey: "gate",
        parameters: {
          gate: "readiness",
          legacyDataSource: env.legacy.dataSource,
          legacyDatabase: env.legacy.database,
          cutoff: migration.cutoff ?? "",
          acceptWarnings: String(migration.acceptWarnings),
        },
        leavesBehind: ["the readiness report (Markdown, HTML, JSON)", "no blocking finding"],
      }),
    ],
  ];
}

/**
 * 1b. SQL access of the run-as account, before anything stops: the export and the import reach SQL
 * Server as the account that runs them (PS:Export-CsPersistentChatData, PS:Import-CsPersistentChatData).
 */
export function sqlAccess({ migration, env, legacyServer, pchatServer }: PlanningContext): Stage[] {
  const grant = (dataSource: string, database: string, roles: string[]) => (ctx: StepContext) =>
    renderSqlAccess(ctx, { dataSource, login: env.runAs, sqlLogin: migration.sqlLogin, databases: [{ database, roles, execute: true }] });
  return [
    [
      once({
        id: "01-sql-access-legacy",
        title: `Grant ${env.runAs} access to ${env.legacy.database} on ${env.legacy.dataSource}`,
        kind: "windows",
        server: legacyServer,
        timeoutKey: "sqlAccess",
        render: grant(env.legacy.dataSource, env.legacy.database, LEGACY_DATABASE_ROLES),
        leavesBehind: [`a Windows login ${env.runAs} that reads, writes and backs up ${env.legacy.database}`],
      }),
      once({
        id: "01-sql-access-store",
        title: `Grant ${env.runAs} access to ${env.persistentChat.storeDatabase} on ${env.persistentChat.storeDataSource}`,
        kind: "windows",
        server: pchatServer,
        timeoutKey: "sqlAccess",
        render: grant(env.persistentChat.storeDataSource, env.persistentChat.storeDatabase, STORE_DATABASE_ROLES),
        leavesBehind: [`a Windows login ${env.runAs} that writes and backs up ${env.persistentChat.storeDatabase}`],
      }),
    ],
  ];
}

/**
 * 1c. The legacy principals in the deployment's directory, before anything stops (lync-install §3):
 * seeded into a lab's new forest from the legacy database, or looked up in an existing domain. On the
 * first front end: it has the Lync module `Enable-CsUser` needs, and the run-as account can read the
 * legacy database once 1b has run.
 */
export function legacyPrincipals({ migration, env, frontEnd }: PlanningContext): Stage[] {
  const seed = env.principals === "seed";
  const args = {
    mode: env.principals,
    dataSource: env.legacy.dataSource,
    database: env.legacy.database,
    sqlLogin: migration.sqlLogin,
    domainFqdn: env.domain,
    // The topology's SIP domains (the AD domain and lync.sipDomains): a user of another cannot be Lync-enabled.
    sipDomains: env.sipDomains ?? [env.domain],
    registrarPool: env.frontEnd.poolFqdn,
  };
  return [
    [
      once({
        id: seed ? "01-seed-principals" : "01-check-principals",
        title: seed ? `Seed the legacy users, groups and OUs into ${env.domain}` : `Check that the legacy users, groups and OUs exist in ${env.domain}`,
        kind: "windows",
        server: frontEnd,
        timeoutKey: "principals",
        render: (ctx) => renderPrincipals(ctx, args),
        leavesBehind: seed
          ? [`every seedable legacy principal in ${env.domain}, users Lync-enabled on ${env.frontEnd.poolFqdn}`, "seeded and not-seeded counts with names"]
          : ["the legacy principals missing from the domain, by name (PRINCIPAL_NOT_IN_TARGET_DOMAIN)"],
      }),
    ],
  ];
}

/**
 * 2. Stop everything: legacy Group Chat and Persistent Chat (domain §2.4 steps 1 and 3). A data-only
 * legacy side has no Group Chat service: its steps say so (lync-install §3).
 */
export function stopServices({ env }: PlanningContext): Stage[] {
  return [
    [
      ...env.legacy.servers.map((s) =>
        once({
          id: `02-stop-legacy-${s.key}`,
          title: `Stop the legacy Group Chat services on ${s.computerName}`,
          kind: "windows",
          server: s,
          timeoutKey: "stopServices",
          render: (ctx) => (env.legacy.dataOnly ? renderDataOnlySkip(ctx, "stop the Group Chat services") : renderStopLegacyServices(ctx)),
          leavesBehind: [env.legacy.dataOnly ? "nothing: data-only legacy side" : "every Group Chat service stopped and set to Manual"],
        }),
      ),
      ...env.persistentChat.servers.map((s) =>
        once({
          id: `02-stop-pchat-${s.key}`,
          title: `Stop the Persistent Chat services on ${s.computerName}`,
          kind: "windows",
          server: s,
          timeoutKey: "stopServices",
          render: (ctx) => renderStopPersistentChatServices(ctx),
          leavesBehind: ["RTCCHAT services stopped"],
        }),
      ),
    ],
  ];
}

/** 3. Back up the legacy Group Chat database (domain §2.3 step 1). */
export function backupLegacyDatabase({ migration, env, legacyServer, runDir }: PlanningContext): Stage[] {
  return [
    [
      once({
        id: "03-backup-legacy",
        title: `Back up the legacy Group Chat database ${env.legacy.database}`,
        kind: "windows",
        server: legacyServer,
        timeoutKey: "backupLegacy",
        render: (ctx) =>
          renderBackupDatabase(ctx, {
            dataSource: env.legacy.dataSource,
            database: env.legacy.database,
            backupFile: joinPath(runDir, "backup", `legacy-${env.legacy.database}.bak`),
            sqlLogin: migration.sqlLogin,
          }),
        leavesBehind: ["a verified COPY_ONLY backup of the legacy database on the staging share"],
      }),
    ],
  ];
}

/**
 * 4-7. One window's data: export, back up mgc, dry run, import. A batch (the batched strategy) carries
 * its categories as `-Scope` and its name in the step ids; the immediate strategy's one window does not.
 */
export function moveWindow({ migration, env, pchatServer, runDir }: PlanningContext, window: string): Stage[] {
  const batch = migration.strategy === "batched" ? (migration.batches.find((b) => b.name === window) ?? null) : null;
  const suffix = batch ? `-${window}` : "";
  const label = batch ? ` (batch ${window})` : "";
  const exportFile = joinPath(runDir, `export-${window}.zip`);
  const importId = `07-import${suffix}`;
  const store = { dataSource: env.persistentChat.storeDataSource, database: env.persistentChat.storeDatabase };
  const inWindow = (draft: Omit<StepDraft, "window" | "server" | "kind">): Stage => [{ ...draft, kind: "windows", server: pchatServer, window: batch ? window : null }];
  return [
    inWindow({
      id: `04-export${suffix}`,
      title: `Export-CsPersistentChatData from ${env.legacy.database}${label}`,
      timeoutKey: "export",
      render: (ctx) =>
        renderExport(ctx, {
          dbInstance: env.legacy.dataSource,
          dbName: env.legacy.database,
          exportFile,
          reportFile: joinPath(runDir, `export-${window}.html`),
          level: migration.exportLevel,
          scope: batch ? batch.categories : null,
          startDate: migration.cutoff,
          // domain §4.1: freezes the exported categories on the legacy side, so the batches not yet
          // migrated keep working there while the migrated ones cannot diverge.
          disableExportedNodes: batch !== null,
        }),
      leavesBehind: [`a non-empty export file ${exportFile}`, "the export report"],
    }),
    inWindow({
      id: `05-backup-mgc${suffix}`,
      title: `Back up ${store.database} before importing${label}`,
      timeoutKey: "backupStore",
      render: (ctx) => renderBackupDatabase(ctx, { ...store, backupFile: joinPath(runDir, "backup", `${store.database}-before-${window}.bak`), sqlLogin: migration.sqlLogin }),
      leavesBehind: [`a verified COPY_ONLY backup of ${store.database}`],
    }),
    inWindow({
      id: `06-import-whatif${suffix}`,
      title: `Import-CsPersistentChatData -WhatIf${label}`,
      timeoutKey: "importWhatIf",
      render: (ctx) =>
        renderImportWhatIf(ctx, { dbInstance: store.dataSource, exportFile, reportFile: joinPath(runDir, `import-whatif-${window}.html`), importStepId: importId, acceptWarnings: migration.acceptWarnings }),
      leavesBehind: ["the dry-run report with no error (and no warning unless accepted)"],
    }),
    inWindow({
      id: importId,
      title: `Import-CsPersistentChatData into ${store.database}${label}`,
      timeoutKey: "import",
      render: (ctx) => renderImport(ctx, { dbInstance: store.dataSource, exportFile, reportFile: joinPath(runDir, `import-${window}.html`) }),
      leavesBehind: ["the import report", "a done marker holding the imported file's SHA-256"],
    }),
  ];
}

/**
 * 8. Files: the tools do not move them (domain §2.4 step 7). The step checks the new store against
 * the readiness gate's figures, which it takes from that gate at run time (`consumes`).
 */
export function copyFileStore({ pchatServer, legacyFileStore, newFileStore, runDir, expected, timeout }: PlanningContext): Stage[] {
  const sized = expected?.bytes != null ? Math.max(DEFAULT_TIMEOUTS.copyFiles / 8, Math.ceil((2 * expected.bytes) / COPY_BYTES_PER_SECOND) + 600) : undefined;
  return [
    [
      once({
        id: "08-copy-files",
        title: "Copy the legacy file store into the Persistent Chat file store",
        kind: "windows",
        server: pchatServer,
        timeoutKey: "copyFiles",
        timeoutSeconds: timeout("copyFiles", sized),
        render: (ctx) => renderCopyFiles(ctx, { source: legacyFileStore, destination: newFileStore, logFile: joinPath(runDir, "robocopy-files.log"), expected }),
        leavesBehind: ["every legacy file in the new store", "the robocopy log", "file count and bytes at least as predicted"],
        consumes: [
          { parameter: "ExpectedFiles", from: READINESS_GATE_ID, output: "expectedFiles" },
          { parameter: "ExpectedBytes", from: READINESS_GATE_ID, output: "expectedBytes" },
        ],
      }),
    ],
  ];
}

/** 9. Cutover for legacy clients (domain §6.5). */
export function cutover({ env, frontEnd, lookupSipUri }: PlanningContext): Stage[] {
  const poolFqdn = env.persistentChat.poolFqdn;
  return [
    [
      once({
        id: "09-cutover",
        title: `Move ${lookupSipUri} from the Lookup account to a Persistent Chat endpoint`,
        kind: "windows",
        server: frontEnd,
        timeoutKey: "cutover",
        render: (ctx) => renderCutover(ctx, { lookupSipUri, poolFqdn, displayName: "Persistent Chat", removeLookupAccount: !env.legacy.dataOnly }),
        leavesBehind: [env.legacy.dataOnly ? "no Lookup account to remove: data-only legacy side" : `no user account with ${lookupSipUri}`, `one Persistent Chat endpoint with ${lookupSipUri} on ${poolFqdn}`],
      }),
    ],
  ];
}

/** 10a. A pool with standby servers: only its active servers take connections (domain §6.3). */
export function setActiveServers({ env, pchatServer }: PlanningContext): Stage[] {
  const { poolFqdn, activeServerFqdns } = env.persistentChat;
  if (activeServerFqdns.length === 0) return [];
  return [
    [
      once({
        id: "10-active-servers",
        title: `Set the active servers of ${poolFqdn}`,
        kind: "windows",
        server: pchatServer,
        timeoutKey: "startServices",
        render: (ctx) => renderActiveServers(ctx, { poolFqdn, activeServers: activeServerFqdns }),
        leavesBehind: [`exactly ${activeServerFqdns.join(", ")} active in ${poolFqdn}`],
      }),
    ],
  ];
}

/** 10. Start Persistent Chat on every server of the pool (domain §2.4 step 9). */
export function startServices({ env }: PlanningContext): Stage[] {
  return [
    env.persistentChat.servers.map((s) =>
      once({
        id: `10-start-pchat-${s.key}`,
        title: `Start the Persistent Chat services on ${s.computerName}`,
        kind: "windows",
        server: s,
        timeoutKey: "startServices",
        render: (ctx) => renderStartPersistentChatServices(ctx),
        leavesBehind: ["RTCCHAT services running"],
      }),
    ),
  ];
}

/** 11. The verification gate: the engine's reconciliation, where `pulumi up` runs. */
export function verificationGate({ migration, env }: PlanningContext): Stage[] {
  return [
    [
      once({
        id: VERIFICATION_GATE_ID,
        title: "Verification gate: the engine's reconciliation of the legacy and 2013 databases",
        kind: "gate",
        server: null,
        timeoutKey: "gate",
        parameters: {
          gate: "verification",
          legacyDataSource: env.legacy.dataSource,
          legacyDatabase: env.legacy.database,
          storeDataSource: env.persistentChat.storeDataSource,
          storeDatabase: env.persistentChat.storeDatabase,
          cutoff: migration.cutoff ?? "",
          acceptWarnings: String(migration.acceptWarnings),
        },
        leavesBehind: ["the verification report", "legacy and 2013 data reconciled"],
      }),
    ],
  ];
}

/**
 * 12. Optional decommission (domain §6.6): uninstall first, then remove the trusted application pool.
 * A data-only legacy side has neither: the steps say so (lync-install §3).
 */
export function decommission({ migration, env, frontEnd, runDir }: PlanningContext): Stage[] {
  if (!migration.decommission) return [];
  return [
    env.legacy.servers.map((s) =>
      once({
        id: `12-uninstall-group-chat-${s.key}`,
        title: `Uninstall Group Chat from ${s.computerName}`,
        kind: "windows",
        server: s,
        timeoutKey: "decommission",
        render: (ctx) => (env.legacy.dataOnly ? renderDataOnlySkip(ctx, "uninstall Group Chat") : renderUninstallGroupChat(ctx, { logFolder: joinPath(runDir, "logs") })),
        leavesBehind: [env.legacy.dataOnly ? "nothing: data-only legacy side" : "no Group Chat product installed"],
      }),
    ),
    [
      once({
        id: "12-remove-legacy-pool",
        title: `Remove the legacy trusted application pool ${env.legacy.trustedApplicationPoolFqdn}`,
        kind: "windows",
        server: frontEnd,
        timeoutKey: "decommission",
        render: (ctx) =>
          env.legacy.dataOnly ? renderDataOnlySkip(ctx, `remove the legacy trusted application pool ${env.legacy.trustedApplicationPoolFqdn}`) : renderRemoveLegacyPool(ctx, { trustedApplicationPoolFqdn: env.legacy.trustedApplicationPoolFqdn }),
        leavesBehind: [env.legacy.dataOnly ? "nothing: data-only legacy side" : "no legacy trusted application or pool in the published topology"],
      }),
    ],
  ];
}

/** 13. Enable Persistent Chat by policy for the new clients (domain §3). */
export function enablePolicy({ migration, frontEnd }: PlanningContext): Stage[] {
  const policyIdentity = migration.persistentChatPolicy;
  return [
    [
      once({
        id: "13-enable-policy",
        title: `Enable Persistent Chat in policy ${policyIdentity}`,
        kind: "windows",
        server: frontEnd,
        timeoutKey: "enablePolicy",
        render: (ctx) => renderEnablePolicy(ctx, { policyIdentity }),
        leavesBehind: [`EnablePersistentChat true in ${policyIdentity}`],
      }),
    ],
  ];
}

/** Splits a stage wherever a machine repeats, so one VM never gets two commands at once. */
export function splitByMachine(stage: Stage): Stage[] {
  const groups: Stage[] = [];
  for (const d of stage) {
    const last = groups[groups.length - 1];
    if (last && !last.some((o) => o.server !== null && o.server.key === d.server?.key)) last.push(d);
    else groups.push([d]);
  }
  return groups;
}

/** The stages as ordered steps: scripts rendered, each stage waiting for the one before. */
function materialise(stages: Stage[], { migration, env, timeout }: PlanningContext): RunbookStep[] {
  const steps: RunbookStep[] = [];
  // Every script knows the run's last Windows step: once that is done, the whole run is inert.
  const finalStepId = stages.flat().filter((d) => d.render && d.server).pop()?.id;
  let previous: string[] = [];
  for (const group of stages.flatMap(splitByMachine)) {
    for (const d of group) {
      const rendered = d.render && d.server ? d.render({ runId: migration.runId, stepId: d.id, computerName: d.server.computerName, stagingFolder: env.stagingFolder, ...(finalStepId ? { finalStepId } : {}) }) : null;
      steps.push({
        id: d.id,
        order: steps.length + 1,
        title: d.title,
        kind: d.kind,
        machine: d.server?.key ?? null,
        timeoutSeconds: d.timeoutSeconds ?? timeout(d.timeoutKey),
        parameters: rendered ? rendered.parameters : { runId: migration.runId, ...(d.parameters ?? {}) },
        protectedParameters: rendered ? rendered.protectedParameters : [],
        script: rendered ? rendered.script : null,
        leavesBehind: d.leavesBehind,
        dependsOn: [...previous],
        window: d.window,
        ...(d.consumes ? { consumes: d.consumes } : {}),
      });
    }
    previous = group.map((d) => d.id);
  }
  return steps;
}
