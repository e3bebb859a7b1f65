/**
 * Snapshots of the runbook's scripts, one per step kind and variant, so that a reviewer sees every
 * change to a migration script as a diff of its text (test/scripts/__snapshots__/). After an intended
 * change, look at the diff, then `npx jest test/scripts -u`. Each renderer is called directly with the
 * inputs the planner would give it (migration-jobs/runbook/planner.ts decides which steps exist).
 *
 * The PowerShell suite (test/powershell/) parses every script the kit renders with PowerShell's own
 * parser and runs it against the fake world: happy path, re-run, a failure at each external call.
 */
import type { StepContext } from "../../migration-jobs/powershell/frame";
import { renderActiveServers } from "../../migration-jobs/runbook/scripts/active-servers";
import { renderBackupDatabase } from "../../migration-jobs/runbook/scripts/backup";
import { renderCopyFiles } from "../../migration-jobs/runbook/scripts/copy-files";
import { renderCutover } from "../../migration-jobs/runbook/scripts/cutover";
import { renderDataOnlySkip } from "../../migration-jobs/runbook/scripts/data-only";
import { renderPrincipals } from "../../migration-jobs/runbook/scripts/principals";
import { renderRemoveLegacyPool, renderUninstallGroupChat } from "../../migration-jobs/runbook/scripts/decommission";
import { ExportArgs, renderExport } from "../../migration-jobs/runbook/scripts/export";
import { renderImport, renderImportWhatIf } from "../../migration-jobs/runbook/scripts/import";
import { renderEnablePolicy } from "../../migration-jobs/runbook/scripts/policy";
import { renderStartPersistentChatServices, renderStopLegacyServices, renderStopPersistentChatServices } from "../../migration-jobs/runbook/scripts/services";
import { LEGACY_DATABASE_ROLES, renderSqlAccess, STORE_DATABASE_ROLES } from "../../migration-jobs/runbook/scripts/sql-access";

const RUN = "\\\\labfs01.contoso.local\\migration\\run-1";

const ctx = (stepId: string, computerName: string): StepContext => ({
  runId: "run-1",
  stepId,
  computerName,
  stagingFolder: "\\\\labfs01.contoso.local\\migration",
  finalStepId: "13-enable-policy",
});

describe("SQL access", () => {
  const databases = [
    { database: "GroupChat", roles: LEGACY_DATABASE_ROLES, execute: true },
    { database: "mgc", roles: STORE_DATABASE_ROLES, execute: false },
  ];
  it("with a SQL login (its password a protected parameter)", () => {
    const r = renderSqlAccess(ctx("01-sql-access-legacy", "LABPC01"), { dataSource: "labsqlgc.contoso.local\\GC", login: "CONTOSO\\pckadmin", databases, sqlLogin: "pchatkit" });
    expect(r.protectedParameters).toEqual(["SqlPassword"]);
    expect(r.script).toMatchSnapshot();
  });

  it("with Windows authentication", () => {
    const r = renderSqlAccess(ctx("01-sql-access-legacy", "LABPC01"), { dataSource: "labsqlgc.contoso.local\\GC", login: "CONTOSO\\pckadmin", databases, sqlLogin: null });
    expect(r.protectedParameters).toEqual([]);
    expect(r.script).toMatchSnapshot();
  });
});

describe("services", () => {
  it("stop the legacy Group Chat services (Windows services, set to Manual)", () => {
    expect(renderStopLegacyServices(ctx("02-stop-legacy-legacy-gc-1", "LABGC01")).script).toMatchSnapshot();
  });

  it("stop the Persistent Chat services", () => {
    expect(renderStopPersistentChatServices(ctx("02-stop-pchat-pchat-1", "LABPC01")).script).toMatchSnapshot();
  });

  it("start the Persistent Chat services", () => {
    expect(renderStartPersistentChatServices(ctx("10-start-pchat-pchat-1", "LABPC01")).script).toMatchSnapshot();
  });
});

describe("backup", () => {
  it("of the legacy database, with a SQL login", () => {
    expect(renderBackupDatabase(ctx("03-backup-legacy", "LABPC01"), { dataSource: "labsqlgc.contoso.local\\GC", database: "GroupChat", backupFile: `${RUN}\\GroupChat.bak`, sqlLogin: "pchatkit" }).script).toMatchSnapshot();
  });

  it("of mgc, with Windows authentication", () => {
    expect(renderBackupDatabase(ctx("05-backup-mgc", "LABPC01"), { dataSource: "labsql01.contoso.local\\RTC", database: "mgc", backupFile: `${RUN}\\mgc-before-all.bak`, sqlLogin: null }).script).toMatchSnapshot();
  });
});

describe("export", () => {
  const base: ExportArgs = {
    dbInstance: "labsqlgc.contoso.local\\GC",
    dbName: "GroupChat",
    exportFile: `${RUN}\\export-all.zip`,
    reportFile: `${RUN}\\export-all.html`,
    level: "All",
    scope: null,
    startDate: null,
    disableExportedNodes: false,
  };

  it("immediate, everything", () => {
    expect(renderExport(ctx("04-export", "LABPC01"), base).script).toMatchSnapshot();
  });

  it("batched: -Scope, -StartDate and -DisableExportedNodes", () => {
    const batch = { ...base, exportFile: `${RUN}\\export-wave-1.zip`, reportFile: `${RUN}\\export-wave-1.html`, scope: ["Sales", "Sales/EMEA"], startDate: "2024-01-01", disableExportedNodes: true };
    expect(renderExport(ctx("04-export-wave-1", "LABPC01"), batch).script).toMatchSnapshot();
  });
});

describe("import", () => {
  const args = { dbInstance: "labsql01.contoso.local\\RTC", exportFile: `${RUN}\\export-all.zip`, reportFile: `${RUN}\\import-whatif-all.html` };

  it("dry run (-WhatIf)", () => {
    expect(renderImportWhatIf(ctx("06-import-whatif", "LABPC01"), { ...args, importStepId: "07-import", acceptWarnings: false }).script).toMatchSnapshot();
  });

  it("the import", () => {
    expect(renderImport(ctx("07-import", "LABPC01"), { ...args, reportFile: `${RUN}\\import-all.html` }).script).toMatchSnapshot();
  });
});

describe("file store copy", () => {
  const args = { source: "\\\\labgc01.contoso.local\\GroupChatFiles", destination: "\\\\labfs01.contoso.local\\pchatfs", logFile: `${RUN}\\robocopy-files.log` };

  it("with the readiness analysis' figures", () => {
    expect(renderCopyFiles(ctx("08-copy-files", "LABPC01"), { ...args, expected: { count: 10, bytes: 4096 } }).script).toMatchSnapshot();
  });

  it("figures unknown when planned (pulumi up fills them from the readiness gate)", () => {
    expect(renderCopyFiles(ctx("08-copy-files", "LABPC01"), { ...args, expected: null }).script).toMatchSnapshot();
  });
});

it("cutover (the lookup endpoint)", () => {
  expect(renderCutover(ctx("09-cutover", "LABPC01"), { lookupSipUri: "sip:pchatlookup@contoso.local", poolFqdn: "pchatpool.contoso.local", displayName: "Persistent Chat", removeLookupAccount: true }).script).toMatchSnapshot();
});

it("cutover on a data-only legacy side (no Lookup account to remove, the endpoint still created)", () => {
  expect(renderCutover(ctx("09-cutover", "LABFE01"), { lookupSipUri: "sip:ocschat@contoso.local", poolFqdn: "pchatpool.contoso.local", displayName: "Persistent Chat", removeLookupAccount: false }).script).toMatchSnapshot();
});

it("a legacy-service step on a data-only legacy side (does nothing, says why)", () => {
  expect(renderDataOnlySkip(ctx("02-stop-legacy-legacy-gc", "LABGC01"), "stop the Group Chat services").script).toMatchSnapshot();
});

describe("the legacy principals", () => {
  const args = { dataSource: "labsqlgc.contoso.local", database: "GroupChat", domainFqdn: "contoso.local", sipDomains: ["contoso.local"], registrarPool: "labfe.contoso.local" };
  it("seeded into a lab's new forest, with a SQL login", () => {
    expect(renderPrincipals(ctx("01-seed-principals", "LABFE01"), { ...args, mode: "seed", sqlLogin: "pchatkit" }).script).toMatchSnapshot();
  });
  it("checked in an existing domain, Windows authentication", () => {
    expect(renderPrincipals(ctx("01-check-principals", "LABFE01"), { ...args, mode: "check", sqlLogin: null }).script).toMatchSnapshot();
  });
});

it("active servers of a stretched pool", () => {
  expect(renderActiveServers(ctx("09-active-servers", "LABPC01"), { poolFqdn: "pchatpool.contoso.local", activeServers: ["labpc01.contoso.local", "labpc02.contoso.local"] }).script).toMatchSnapshot();
});

describe("decommission", () => {
  it("uninstall Group Chat", () => {
    expect(renderUninstallGroupChat(ctx("12-uninstall-group-chat-legacy-gc-1", "LABGC01"), { logFolder: `${RUN}\\logs` }).script).toMatchSnapshot();
  });

  it("remove the legacy pool", () => {
    expect(renderRemoveLegacyPool(ctx("12-remove-legacy-pool", "LABPC01"), { trustedApplicationPoolFqdn: "gcpool.contoso.local" }).script).toMatchSnapshot();
  });
});

it("enable the Persistent Chat policy", () => {
  expect(renderEnablePolicy(ctx("13-enable-policy", "LABPC01"), { policyIdentity: "Global" }).script).toMatchSnapshot();
});
