/** Rules of the SQL Server back end and its HA/DR layout (domain §5, §6.3, §6.4). */
import type { UserError } from "../../../migration-jobs/common/errors";
import { findSqlImage, SQL_EDITIONS_LAB_ONLY, SQL_EDITIONS_REFUSED, SQL_EDITIONS_SUPPORTED, SQL_IMAGES, SQL_NOT_IN_MARKETPLACE } from "../images";
import { problem, type Rule } from "./problem";

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

// domain §5: each SQL instance holds at most one back-end database and one Persistent Chat database.
export const checkOneDatabasePerInstance: Rule = ({ sql, pool }) => {
  if (!pool.compliance) return [];
  const placement = sql.complianceStore ?? "own-instance";
  if (placement === "store-instance")
    return [problem("sql.complianceStore", "mgc and mgccomp on one instance: a SQL instance holds at most one Persistent Chat database", 'Set sql.complianceStore: "own-instance" (recommended).')];
  if (placement === "front-end-back-end" && sql.storePlacement === "front-end-back-end")
    return [problem("sql.complianceStore", "mgc and mgccomp both on the back-end instance: a SQL instance holds at most one back-end and one Persistent Chat database", 'Set sql.complianceStore: "own-instance".')];
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
