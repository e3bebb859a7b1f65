/**
 * What the runbook needs to know about the deployment, and nothing more. The Pulumi program maps its
 * TopologyPlan onto this (src/runbook/); the engine's command line can build one by hand. Keeping it
 * separate is what lets `migration-jobs/` plan a runbook without importing `src/`.
 *
 * Every `key` is a server key of the topology (the VM a Run Command targets); every `computerName`
 * is the NetBIOS name the step checks it is running on before it touches anything.
 */
export interface RunbookServer {
  /** Topology server key, e.g. `pchat-1`; a Run Command is declared on this VM. */
  key: string;
  /** NetBIOS name (at most 15 characters), e.g. `PCHAT01`. */
  computerName: string;
}

export interface RunbookEnvironment {
  /** AD domain FQDN, e.g. `contoso.local`; the default lookup SIP URI is `sip:ocschat@<domain>`. */
  domain: string;
  /** The SIP domains the deployment's Lync serves (seeded users must be in one). @default [domain] */
  sipDomains?: string[];
  legacy: {
    product: "lync2010" | "ocs2007r2";
    /** The legacy Group Chat servers (Channel, Lookup, Compliance). At least one. */
    servers: RunbookServer[];
    /** SQL instance holding the Group Chat database: `fqdn` or `fqdn\instance`. */
    dataSource: string;
    /** The legacy Group Chat database name. */
    database: string;
    /** FQDN of the legacy trusted application pool that decommissioning removes. */
    trustedApplicationPoolFqdn: string;
    /** The legacy file store (UNC), or null when the topology does not know it. */
    fileStoreUnc: string | null;
    /**
     * Only the legacy database is there (a lab's restored backup, lync-install §3): no Group Chat
     * service, lookup account or trusted application pool exists, so the steps that act on them say
     * "nothing to do: data-only legacy side" instead of failing.
     */
    dataOnly: boolean;
  };
  /**
   * What happens to the legacy principals (users, groups, OUs) before the import (lync-install §3):
   * `seed` creates them in the deployment's new forest from the legacy database, so rooms' members,
   * managers and scopes resolve as in production; `check` looks them up in the existing domain and
   * reports those that are missing (PRINCIPAL_NOT_IN_TARGET_DOMAIN), creating nothing.
   */
  principals: "seed" | "check";
  persistentChat: {
    poolFqdn: string;
    /** The Persistent Chat servers of the pool (the export and import run on the first). */
    servers: RunbookServer[];
    /**
     * FQDNs of the pool's active servers when it also has standby servers (a stretched pool): the
     * runbook sets the active list before starting the services. Empty: no standby, nothing to set.
     */
    activeServerFqdns: string[];
    /** The `mgc` store: `fqdn` or `fqdn\instance`. */
    storeDataSource: string;
    /** Normally `mgc`. */
    storeDatabase: string;
    /** The Persistent Chat file store (UNC). */
    fileStoreUnc: string;
  };
  /**
   * The home Front End pool: topology changes (endpoint, trusted apps, policy) run on its first server,
   * and the contact lists are imported into it (`Import-CsUserData -PoolFqdn`).
   */
  frontEnd: { poolFqdn: string; servers: RunbookServer[] };
  /**
   * A share every step can reach (UNC), for export files, reports, backups and the per-run state
   * markers that make steps safe to run again. E.g. `\\fs01.contoso.local\migration`.
   */
  stagingFolder: string;
  /**
   * The Windows account the Run Commands run as (`DOMAIN\user`): Export- and Import-CsPersistentChatData
   * reach SQL Server as that account, so the runbook grants it SQL access first.
   */
  runAs: string;
}
