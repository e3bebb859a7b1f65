/** Rules of the SQL Server back end and its HA/DR layout (domain §5, §6.3, §6.4). */
import type { UserError } from "../../../migration-jobs/common/errors";
import { findSqlImage, SQL_EDITIONS_LAB_ONLY, SQL_EDITIONS_REFUSED, SQL_EDITIONS_SUPPORTED, SQL_IMAGES, SQL_NOT_IN_MARKETPLACE } from "../images";
import { problem, warning, type Rule } from "./problem";

const KNOWN_VERSIONS = SQL_IMAGES.map((i) => i.version).join(", ");

/** Shared by the store and the legacy SQL VM. */
export function sqlVersionProblems(path: string, version: string, labOptOut: boolean, lyncStore: boolean) {
  if (SQL_NOT_IN_MARKETPLACE.includes(version))
    return [problem(path, `SQL Server ${version} is supported by Lync 2013 but has no Azure marketplace image`, 'Set it to "2012" (SQL2012SP4-WS2012R2).')];
  const image = findSqlImage(version);
  if (!image) return [problem(path, `unknown SQL Server version "${version}"`, `Use one of: ${KNOWN_VERSIONS}.`)];
  // domain §6.4: mgc and mgccomp need SQL Server 2008 R2 or 2012.
  if (lyncStore && !image.supportedForLync && !labOptOut)
    return [problem(path, `SQL Server ${version} is not supported for the Persistent Chat stores (2008 R2 or 2012 only)`, 'Set it to "2012", or in a lab only set allowUnsupportedImagesForLab: true.')];
  return [];
}

export const checkSqlVersion: Rule = (c) => sqlVersionProblems("sql.version", c.sql.version, c.allowUnsupportedImagesForLab, true);

// domain §6.4: Standard or Enterprise; no Express (except Standard Edition collocation), Web or Workgroup.
export const checkSqlEdition: Rule = ({ sql, allowUnsupportedImagesForLab }) => {
  if (SQL_EDITIONS_SUPPORTED.includes(sql.edition)) return [];
  if (SQL_EDITIONS_LAB_ONLY.includes(sql.edition))
    return allowUnsupportedImagesForLab ? [] : [problem("sql.edition", `SQL Server ${sql.edition} edition is not licensed for Lync stores`, "Set sql.edition to Standard or Enterprise, or in a lab only set allowUnsupportedImagesForLab: true.")];
  const why = SQL_EDITIONS_REFUSED.includes(sql.edition) ? `SQL Server ${sql.edition} edition is not supported for the Persistent Chat stores` : `unknown SQL Server edition "${sql.edition}"`;
  return [problem("sql.edition", why, "Set sql.edition to Standard or Enterprise.")];
};

// domain §6.3: the witness only serves automatic failover of a mirror.
export const checkWitnessNeedsMirroring: Rule = ({ sql }) =>
  sql.witness && sql.highAvailability !== "mirroring"
    ? [problem("sql.witness", "a witness without mirroring has nothing to watch", 'Set sql.highAvailability: "mirroring", or sql.witness: false.')]
    : [];

// domain §6.3: log shipping of mgc goes to the second datacentre of a stretched pool, and a stretched pool needs it.
export const checkLogShippingWithStretched: Rule = ({ sql, pool }) => {
  if (sql.disasterRecovery === "log-shipping" && !pool.stretched)
    return [problem("sql.disasterRecovery", "log shipping needs a second datacentre, which only a stretched pool has", 'Set pool.stretched: true (with secondaryLocation and standby servers), or sql.disasterRecovery: "none".')];
  if (pool.stretched && sql.disasterRecovery !== "log-shipping")
    return [problem("sql.disasterRecovery", "a stretched pool without log shipping has no copy of mgc in its second datacentre", 'Set sql.disasterRecovery: "log-shipping".')];
  return [];
};

// domain §6.3: the compliance store exists only when compliance is on.
export const checkComplianceStoreNeedsCompliance: Rule = ({ sql, pool }) =>
  sql.complianceStore !== undefined && !pool.compliance
    ? [problem("sql.complianceStore", "a compliance store is placed but compliance is off", "Set pool.compliance: true, or remove sql.complianceStore.")]
    : [];

// domain §5 reads "each SQL instance holds at most one back-end DB + one Persistent Chat DB". The
// sources say more: LS:lync-server-2013-required-resources-for-persistent-chat-server, "While it is
// possible for the compliance database to share the same SQL Server instance as the Persistent Chat
// database, we recommend standalone instances for high availability and disaster recovery", and
// LS:lync-server-2013-components-and-topologies-for-persistent-chat-server lets a back-end instance
// hold "any or all of the databases" (mgc, mgccomp) with "a single back-end database and a single
// Persistent Chat database" per instance. mgccomp is the compliance database, not a second Persistent
// Chat database (inferred from the two pages together), so sharing is supported: a warning.
export const checkOneDatabasePerInstance: Rule = ({ sql, pool }) => {
  if (!pool.compliance) return [];
  const placement = sql.complianceStore ?? "own-instance";
  if (placement === "store-instance")
    return [
      warning(
        "sql.complianceStore",
        "mgc and mgccomp share one SQL instance: supported, but Microsoft recommends standalone instances for high availability and disaster recovery (LS: Required resources for Persistent Chat Server)",
        'Keep it for a lab, or set sql.complianceStore: "own-instance" where availability matters.',
      ),
    ];
  if (placement === "front-end-back-end" && sql.storePlacement === "front-end-back-end")
    return [
      warning(
        "sql.complianceStore",
        "mgc and mgccomp both share the Front End back-end instance: supported, but not recommended for mgc, whose content can grow very large, and standalone instances are recommended for high availability and disaster recovery (LS: Components and topologies for Persistent Chat Server)",
        'Keep it for a lab, or set sql.storePlacement: "dedicated" and sql.complianceStore: "own-instance".',
      ),
    ];
  return [];
};

// domain §5: only an Enterprise Edition pool has a SQL back end that mgc or mgccomp may share.
export const checkBackEndPlacement: Rule = ({ sql, frontEnd }) => {
  if (frontEnd.edition === "Enterprise") return [];
  const out: UserError[] = [];
  if (sql.storePlacement === "front-end-back-end")
    out.push(problem("sql.storePlacement", "a Standard Edition Front End has no SQL back end to share (its store is SQL Express)", 'Set sql.storePlacement: "dedicated".'));
  if (sql.complianceStore === "front-end-back-end")
    out.push(problem("sql.complianceStore", "a Standard Edition Front End has no SQL back end to share", 'Set sql.complianceStore: "own-instance".'));
  return out;
};

export const checkSqlInstanceName: Rule = ({ sql }) =>
  /^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(sql.instanceName)
    ? []
    : [problem("sql.instanceName", `"${sql.instanceName}" is not a SQL Server instance name`, "Use MSSQLSERVER (the default instance) or up to 16 letters, digits and underscores starting with a letter.")];

export const checkSqlPort: Rule = ({ sql }) =>
  sql.port >= 1 && sql.port <= 65535 ? [] : [problem("sql.port", `port ${sql.port} is not a TCP port`, "Remove sql.port to use 1433.")];

export const SQL_RULES: Rule[] = [
  checkSqlVersion,
  checkSqlEdition,
  checkWitnessNeedsMirroring,
  checkLogShippingWithStretched,
  checkComplianceStoreNeedsCompliance,
  checkOneDatabasePerInstance,
  checkBackEndPlacement,
  checkSqlInstanceName,
  checkSqlPort,
];
