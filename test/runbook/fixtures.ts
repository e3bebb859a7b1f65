/** A small lab environment and config for the runbook tests (no Azure: just the names a plan would give). */
import { MigrationConfig, parseMigrationConfig } from "../../migration-jobs/plan/config";
import { RunbookEnvironment } from "../../migration-jobs/runbook/environment";

export const ENV: RunbookEnvironment = {
  domain: "contoso.local",
  legacy: {
    product: "lync2010",
    servers: [
      { key: "legacy-gc-1", computerName: "LABGC01" },
      { key: "legacy-gc-2", computerName: "LABGC02" },
    ],
    dataSource: "labsqlgc.contoso.local\\GC",
    database: "GroupChat",
    trustedApplicationPoolFqdn: "gcpool.contoso.local",
    fileStoreUnc: "\\\\labgc01.contoso.local\\GroupChatFiles",
    dataOnly: false,
  },
  principals: "check",
  persistentChat: {
    poolFqdn: "pchatpool.contoso.local",
    servers: [
      { key: "pchat-1", computerName: "LABPC01" },
      { key: "pchat-2", computerName: "LABPC02" },
    ],
    storeDataSource: "labsql01.contoso.local\\RTC",
    storeDatabase: "mgc",
    fileStoreUnc: "\\\\labfs01.contoso.local\\pchatfs",
    activeServerFqdns: [],
  },
  frontEnd: { poolFqdn: "labfe.contoso.local", servers: [{ key: "fe-1", computerName: "LABFE01" }] },
  stagingFolder: "\\\\labfs01.contoso.local\\migration",
  runAs: "CONTOSO\\pckadmin",
};

export function config(overrides: Record<string, unknown> = {}): MigrationConfig {
  return parseMigrationConfig({ enabled: true, runId: "run-1", ...overrides });
}

export const BATCHES = [
  { name: "wave-1", categories: ["Sales", "Sales/EMEA"] },
  { name: "wave-2", categories: ["Engineering"] },
];
