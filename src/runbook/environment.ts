/**
 * Maps the topology plan onto what the runbook needs (RunbookEnvironment), so `migration-jobs/`
 * never imports `src/`. Every gap is a user error naming the config key that would fill it.
 */
import { UserError, UserErrors } from "../../migration-jobs/common/errors";
import type { RunbookEnvironment, RunbookServer } from "../../migration-jobs/runbook/environment";
import type { ServerPlan, TopologyPlan } from "../topology/plan";

export interface EnvironmentOverrides {
  /**
   * The legacy trusted application pool that decommissioning removes.
   * @default the FQDN of the first legacy Group Chat server
   * @example "gcpool.contoso.local"
   */
  legacyTrustedApplicationPoolFqdn?: string;
  /**
   * The share for export files, backups and markers.
   * @default the topology's `migration-staging` share
   * @example "\\\\fs01.contoso.local\\migration"
   */
  stagingFolder?: string;
}

/**
 * lync-install §3: a lab's new forest holds none of the principals of the restored legacy database, so
 * the runbook seeds them; an existing domain (or a legacy side that is a real deployment) is checked.
 */
export function principalsMode(plan: Pick<TopologyPlan, "legacy" | "domain">): RunbookEnvironment["principals"] {
  return plan.legacy?.mode === "provisioned" && plan.domain.mode === "new-forest" ? "seed" : "check";
}

export function runbookEnvironment(plan: TopologyPlan, overrides: EnvironmentOverrides = {}): RunbookEnvironment {
  const problems: UserError[] = [];
  const byKey = new Map(plan.servers.map((s) => [s.key, s]));
  const servers = (keys: string[], where: string): RunbookServer[] =>
    keys.flatMap((key) => {
      const s: ServerPlan | undefined = byKey.get(key);
      if (!s) {
        problems.push(new UserError(where, `server "${key}" is not a VM of this stack, so no Run Command can reach it`, "declare it in the topology, or run that step by hand"));
        return [];
      }
      return [{ key: s.key, computerName: s.computerName }];
    });

  const legacy = plan.legacy;
  if (!legacy) {
    throw new UserError("pchat-kit:legacy", "the migration is enabled but no legacy Group Chat deployment is declared", "declare pchat-kit:legacy (provisioned or existing), or set pchat-kit:migration.enabled to false");
  }
  // The Group Chat services (Channel, Lookup, Compliance) run on the Group Chat servers, not on
  // the legacy SQL Server, which the legacy side also lists.
  const legacyServers = servers(
    legacy.serverKeys.filter((k) => byKey.get(k)?.role !== "legacy-sql"),
    "pchat-kit:legacy",
  );
  const store = plan.sqlInstances.find((i) => i.key === plan.pool.storeInstanceKey);
  const storeDb = store?.databases.find((d) => d.store === "PersistentChatStore" && d.copy === "principal");
  if (!store || !storeDb) problems.push(new UserError("pchat-kit:pool", "the Persistent Chat store (mgc) has no principal SQL instance in the plan", "check the pool's store configuration"));
  const fileStore = plan.shares.find((s) => s.key === plan.pool.fileStoreShareKey);
  if (!fileStore) problems.push(new UserError("pchat-kit:fileStore", "the Persistent Chat file store share is not in the plan", "declare the file store"));
  const staging = overrides.stagingFolder ?? plan.shares.find((s) => s.purpose === "migration-staging")?.uncPath;
  if (!staging) problems.push(new UserError("pchat-kit:migration", "there is no migration staging share for export files and backups", "declare a share with purpose migration-staging in the topology"));
  const env: RunbookEnvironment = {
    domain: plan.domain.fqdn,
    sipDomains: plan.lync.sipDomains,
    legacy: {
      product: legacy.product,
      servers: legacyServers,
      dataSource: legacy.dataSource,
      database: legacy.database,
      trustedApplicationPoolFqdn: overrides.legacyTrustedApplicationPoolFqdn ?? byKey.get(legacy.serverKeys[0] ?? "")?.fqdn ?? "",
      fileStoreUnc: legacy.fileStoreUnc,
      // lync-install §3: a provisioned legacy side is the restored database only, no Group Chat.
      dataOnly: legacy.mode === "provisioned",
    },
    principals: principalsMode(plan),
    persistentChat: {
      poolFqdn: plan.pool.fqdn,
      // Standby servers of a stretched pool stay stopped (domain §6.3): only the active ones are started.
      servers: servers(plan.pool.activeServerKeys, "pchat-kit:pool.activeServers"),
      activeServerFqdns: plan.pool.standbyServerKeys.length > 0 ? plan.pool.activeServerKeys.map((k) => byKey.get(k)?.fqdn ?? k) : [],
      storeDataSource: store?.dataSource ?? "",
      storeDatabase: storeDb?.name ?? "mgc",
      fileStoreUnc: fileStore?.uncPath ?? "",
    },
    frontEnd: { poolFqdn: plan.frontEnd.fqdn, servers: servers(plan.frontEnd.serverKeys, "pchat-kit:frontEnd") },
    stagingFolder: staging ?? "",
    // The program runs every Run Command as the domain admin account (src/runbook/migration.ts).
    runAs: `${plan.domain.netbiosName}\\${plan.adminUsername}`,
  };
  if (problems.length > 0) throw new UserErrors(problems);
  return env;
}
