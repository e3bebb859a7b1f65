/**
 * The runbook planner: migration config + environment -> the ordered steps of domain §2.4 (and its
 * inferred safe order), each with its machine, parameters, timeout, what it leaves behind and what it
 * waits for. Pure: the Pulumi program turns the steps into Run Commands and gate resources, the
 * rehearsal prints them.
 *
 * Ordering: steps are planned in stages; every step waits for every step of the previous stage, and a
 * stage never holds two steps for one machine, so each VM runs one command at a time (Azure answers
 * 409 to a second one) while different machines work in parallel.
 */
import { UserError } from "../common/errors";
import { MigrationConfig, TimeoutKey } from "./config";
import { RunbookEnvironment, RunbookServer } from "./environment";
import { RunbookStep } from "./step";
import { RenderedScript, StepContext } from "../powershell/frame";
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

export interface Runbook {
  runId: string;
  strategy: MigrationConfig["strategy"];
  /** Downtime windows in order: batch names, or `["all"]` for the immediate strategy. */
  windows: string[];
  steps: RunbookStep[];
}

export interface PlanOptions {
  /**
   * Files and bytes the readiness analysis predicts in the legacy file store (`AnalysisResult.files`);
   * the copy step checks the new store against it and sizes its timeout from it.
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
};

/** A pessimistic SMB copy rate between two Azure VMs, with a factor 2 margin, for sizing robocopy. */
const COPY_BYTES_PER_SECOND = 20 * 1024 * 1024;

interface StepDraft {
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
}

function joinPath(folder: string, ...parts: string[]): string {
  return [folder.replace(/\\+$/, ""), ...parts].join("\\");
}

function requireServers(list: RunbookServer[], where: string, what: string): RunbookServer {
  const first = list[0];
  if (!first) throw new UserError(where, `the runbook needs at least one ${what}`, `declare the ${what} in the topology, or disable the migration (pchat-kit:migration.enabled: false)`);
  return first;
}

/** Plans the runbook; `migration.enabled: false` plans no step at all. */
export function planRunbook(migration: MigrationConfig, env: RunbookEnvironment, options: PlanOptions = {}): Runbook {
  const windows = migration.strategy === "batched" ? migration.batches.map((b) => b.name) : ["all"];
  if (!migration.enabled) return { runId: migration.runId, strategy: migration.strategy, windows, steps: [] };

  const legacyServer = requireServers(env.legacy.servers, "pchat-kit:legacy (runbook environment legacy.servers)", "legacy Group Chat server");
  const pchatServer = requireServers(env.persistentChat.servers, "pchat-kit:pool (runbook environment persistentChat.servers)", "Persistent Chat server");
  const frontEnd = requireServers(env.frontEnd.servers, "pchat-kit:frontEnd (runbook environment frontEnd.servers)", "front-end server");
  const legacyFileStore = migration.legacyFileStore ?? env.legacy.fileStoreUnc;
  if (!legacyFileStore) {
    throw new UserError("pchat-kit:migration.legacyFileStore", "the legacy Group Chat file store is not known", "set it to the legacy file store's UNC path, e.g. \\\\gc01.contoso.local\\GroupChatFiles");
  }
  const newFileStore = migration.newFileStore ?? env.persistentChat.fileStoreUnc;
  const lookupSipUri = migration.legacyLookupSipUri ?? `sip:ocschat@${env.domain}`;
  const runDir = joinPath(env.stagingFolder, migration.runId);
  const expected = options.expectedFiles ?? null;

  const timeout = (key: TimeoutKey, sized?: number): number => migration.timeouts[key] ?? sized ?? DEFAULT_TIMEOUTS[key];
  const stages: StepDraft[][] = [];
  const stage = (...drafts: StepDraft[]): void => void stages.push(drafts);

  // 1. readiness gate
  stage({
    id: "01-readiness-gate",
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
    window: null,
  });

  // 1b. SQL access of the run-as account, before anything stops: the export and the import reach SQL
  // Server as the account that runs them (PS:Export-CsPersistentChatData, PS:Import-CsPersistentChatData).
  stage(
    {
      id: "01-sql-access-legacy",
      title: `Grant ${env.runAs} access to ${env.legacy.database} on ${env.legacy.dataSource}`,
      kind: "windows",
      server: legacyServer,
      timeoutKey: "sqlAccess",
      render: (ctx) =>
        renderSqlAccess(ctx, { dataSource: env.legacy.dataSource, login: env.runAs, sqlLogin: migration.sqlLogin, databases: [{ database: env.legacy.database, roles: LEGACY_DATABASE_ROLES, execute: true }] }),
      leavesBehind: [`a Windows login ${env.runAs} that reads, writes and backs up ${env.legacy.database}`],
      window: null,
    },
    {
      id: "01-sql-access-store",
      title: `Grant ${env.runAs} access to ${env.persistentChat.storeDatabase} on ${env.persistentChat.storeDataSource}`,
      kind: "windows",
      server: pchatServer,
      timeoutKey: "sqlAccess",
      render: (ctx) =>
        renderSqlAccess(ctx, {
          dataSource: env.persistentChat.storeDataSource,
          login: env.runAs,
          sqlLogin: migration.sqlLogin,
          databases: [{ database: env.persistentChat.storeDatabase, roles: STORE_DATABASE_ROLES, execute: true }],
        }),
      leavesBehind: [`a Windows login ${env.runAs} that writes and backs up ${env.persistentChat.storeDatabase}`],
      window: null,
    },
  );

  // 2. stop everything: legacy Group Chat and Persistent Chat (domain §2.4 steps 1 and 3)
  stage(
    ...env.legacy.servers.map<StepDraft>((s) => ({
      id: `02-stop-legacy-${s.key}`,
      title: `Stop the legacy Group Chat services on ${s.computerName}`,
      kind: "windows",
      server: s,
      timeoutKey: "stopServices",
      render: (ctx) => renderStopLegacyServices(ctx),
      leavesBehind: ["every Group Chat service stopped and set to Manual"],
      window: null,
    })),
    ...env.persistentChat.servers.map<StepDraft>((s) => ({
      id: `02-stop-pchat-${s.key}`,
      title: `Stop the Persistent Chat services on ${s.computerName}`,
      kind: "windows",
      server: s,
      timeoutKey: "stopServices",
      render: (ctx) => renderStopPersistentChatServices(ctx),
      leavesBehind: ["RTCCHAT services stopped"],
      window: null,
    })),
  );

  // 3. back up the legacy Group Chat database (domain §2.3 step 1)
  stage({
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
    window: null,
  });

  // 4-7 per window: export, back up mgc, dry run, import
  for (const window of windows) {
    const batch = migration.strategy === "batched" ? migration.batches.find((b) => b.name === window) ?? null : null;
    const suffix = batch ? `-${window}` : "";
    const label = batch ? ` (batch ${window})` : "";
    const exportFile = joinPath(runDir, `export-${window}.zip`);
    const importId = `07-import${suffix}`;
    stage({
      id: `04-export${suffix}`,
      title: `Export-CsPersistentChatData from ${env.legacy.database}${label}`,
      kind: "windows",
      server: pchatServer,
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
      window: batch ? window : null,
    });
    stage({
      id: `05-backup-mgc${suffix}`,
      title: `Back up ${env.persistentChat.storeDatabase} before importing${label}`,
      kind: "windows",
      server: pchatServer,
      timeoutKey: "backupStore",
      render: (ctx) =>
        renderBackupDatabase(ctx, {
          dataSource: env.persistentChat.storeDataSource,
          database: env.persistentChat.storeDatabase,
          backupFile: joinPath(runDir, "backup", `${env.persistentChat.storeDatabase}-before-${window}.bak`),
          sqlLogin: migration.sqlLogin,
        }),
      leavesBehind: [`a verified COPY_ONLY backup of ${env.persistentChat.storeDatabase}`],
      window: batch ? window : null,
    });
    stage({
      id: `06-import-whatif${suffix}`,
      title: `Import-CsPersistentChatData -WhatIf${label}`,
      kind: "windows",
      server: pchatServer,
      timeoutKey: "importWhatIf",
      render: (ctx) =>
        renderImportWhatIf(ctx, {
          dbInstance: env.persistentChat.storeDataSource,
          exportFile,
          reportFile: joinPath(runDir, `import-whatif-${window}.html`),
          importStepId: importId,
          acceptWarnings: migration.acceptWarnings,
        }),
      leavesBehind: ["the dry-run report with no error (and no warning unless accepted)"],
      window: batch ? window : null,
    });
    stage({
      id: importId,
      title: `Import-CsPersistentChatData into ${env.persistentChat.storeDatabase}${label}`,
      kind: "windows",
      server: pchatServer,
      timeoutKey: "import",
      render: (ctx) => renderImport(ctx, { dbInstance: env.persistentChat.storeDataSource, exportFile, reportFile: joinPath(runDir, `import-${window}.html`) }),
      leavesBehind: ["the import report", "a done marker holding the imported file's SHA-256"],
      window: batch ? window : null,
    });
  }

  // 8. files: the tools do not move them (domain §2.4 step 7)
  const copySized = expected?.bytes != null ? Math.max(DEFAULT_TIMEOUTS.copyFiles / 8, Math.ceil((2 * expected.bytes) / COPY_BYTES_PER_SECOND) + 600) : undefined;
  stage({
    id: "08-copy-files",
    title: "Copy the legacy file store into the Persistent Chat file store",
    kind: "windows",
    server: pchatServer,
    timeoutKey: "copyFiles",
    timeoutSeconds: timeout("copyFiles", copySized),
    render: (ctx) => renderCopyFiles(ctx, { source: legacyFileStore, destination: newFileStore, logFile: joinPath(runDir, "robocopy-files.log"), expected }),
    leavesBehind: ["every legacy file in the new store", "the robocopy log", "file count and bytes at least as predicted"],
    window: null,
  });

  // 9. cutover for legacy clients (domain §6.5)
  stage({
    id: "09-cutover",
    title: `Move ${lookupSipUri} from the Lookup account to a Persistent Chat endpoint`,
    kind: "windows",
    server: frontEnd,
    timeoutKey: "cutover",
    render: (ctx) => renderCutover(ctx, { lookupSipUri, poolFqdn: env.persistentChat.poolFqdn, displayName: "Persistent Chat" }),
    leavesBehind: [`no user account with ${lookupSipUri}`, `one Persistent Chat endpoint with ${lookupSipUri} on ${env.persistentChat.poolFqdn}`],
    window: null,
  });

  // 10a. a pool with standby servers: only its active servers take connections (domain §6.3)
  if (env.persistentChat.activeServerFqdns.length > 0) {
    stage({
      id: "10-active-servers",
      title: `Set the active servers of ${env.persistentChat.poolFqdn}`,
      kind: "windows",
      server: pchatServer,
      timeoutKey: "startServices",
      render: (ctx) => renderActiveServers(ctx, { poolFqdn: env.persistentChat.poolFqdn, activeServers: env.persistentChat.activeServerFqdns }),
      leavesBehind: [`exactly ${env.persistentChat.activeServerFqdns.join(", ")} active in ${env.persistentChat.poolFqdn}`],
      window: null,
    });
  }

  // 10. start Persistent Chat on every server of the pool (domain §2.4 step 9)
  stage(
    ...env.persistentChat.servers.map<StepDraft>((s) => ({
      id: `10-start-pchat-${s.key}`,
      title: `Start the Persistent Chat services on ${s.computerName}`,
      kind: "windows",
      server: s,
      timeoutKey: "startServices",
      render: (ctx) => renderStartPersistentChatServices(ctx),
      leavesBehind: ["RTCCHAT services running"],
      window: null,
    })),
  );

  // 11. verification gate
  stage({
    id: "11-verification-gate",
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
    window: null,
  });

  // 12. optional decommission (domain §6.6): uninstall first, then remove the trusted application pool
  if (migration.decommission) {
    stage(
      ...env.legacy.servers.map<StepDraft>((s) => ({
        id: `12-uninstall-group-chat-${s.key}`,
        title: `Uninstall Group Chat from ${s.computerName}`,
        kind: "windows",
        server: s,
        timeoutKey: "decommission",
        render: (ctx) => renderUninstallGroupChat(ctx, { logFolder: joinPath(runDir, "logs") }),
        leavesBehind: ["no Group Chat product installed"],
        window: null,
      })),
    );
    stage({
      id: "12-remove-legacy-pool",
      title: `Remove the legacy trusted application pool ${env.legacy.trustedApplicationPoolFqdn}`,
      kind: "windows",
      server: frontEnd,
      timeoutKey: "decommission",
      render: (ctx) => renderRemoveLegacyPool(ctx, { trustedApplicationPoolFqdn: env.legacy.trustedApplicationPoolFqdn }),
      leavesBehind: ["no legacy trusted application or pool in the published topology"],
      window: null,
    });
  }

  // 13. enable Persistent Chat by policy for the new clients (domain §3)
  stage({
    id: "13-enable-policy",
    title: `Enable Persistent Chat in policy ${migration.persistentChatPolicy}`,
    kind: "windows",
    server: frontEnd,
    timeoutKey: "enablePolicy",
    render: (ctx) => renderEnablePolicy(ctx, { policyIdentity: migration.persistentChatPolicy }),
    leavesBehind: [`EnablePersistentChat true in ${migration.persistentChatPolicy}`],
    window: null,
  });

  return { runId: migration.runId, strategy: migration.strategy, windows, steps: materialise(stages, migration, env, timeout) };
}

function materialise(stages: StepDraft[][], migration: MigrationConfig, env: RunbookEnvironment, timeout: (key: TimeoutKey) => number): RunbookStep[] {
  const steps: RunbookStep[] = [];
  // Every script knows the run's last Windows step: once that is done, the whole run is inert.
  const finalStepId = stages.flat().filter((d) => d.render && d.server).pop()?.id;
  let previous: string[] = [];
  for (const drafts of stages) {
    // Split a stage wherever a machine repeats, so one VM never gets two commands at once.
    const groups: StepDraft[][] = [];
    for (const d of drafts) {
      const last = groups[groups.length - 1];
      if (last && !last.some((o) => o.server !== null && o.server.key === d.server?.key)) last.push(d);
      else groups.push([d]);
    }
    for (const group of groups) {
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
        });
      }
      previous = group.map((d) => d.id);
    }
  }
  return steps;
}
