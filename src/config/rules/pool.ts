/** Rules of the Persistent Chat pool itself (domain §5, §6.2). */
import type { UserError } from "../../../migration-jobs/common/errors";
import { computerName } from "../naming";
import { isWindowsTimeZone, timeZoneProblem } from "../timezones";
import { problem, type Rule } from "./problem";

export const MAX_ACTIVE_SERVERS = 4;
export const MAX_POOL_SERVERS = 8;

// domain §5: at most 4 active servers per pool.
export const checkActiveServers: Rule = ({ pool }) =>
  pool.activeServers < 1 || pool.activeServers > MAX_ACTIVE_SERVERS
    ? [problem("pool.activeServers", `${pool.activeServers} active servers; a Persistent Chat pool has 1 to ${MAX_ACTIVE_SERVERS}`, `Set pool.activeServers between 1 and ${MAX_ACTIVE_SERVERS}; for more capacity add a second pool only for regulatory reasons (domain §5).`)]
    : [];

// domain §5: at most 8 servers per pool including standby (4 active + 4 inactive).
export const checkPoolTotal: Rule = ({ pool }) => {
  if (pool.standbyServers < 0) return [problem("pool.standbyServers", `${pool.standbyServers} standby servers`, "Set pool.standbyServers to 0 or more.")];
  const total = pool.activeServers + pool.standbyServers;
  // An out-of-range active count is checkActiveServers' problem; don't report it twice.
  return pool.activeServers <= MAX_ACTIVE_SERVERS && total > MAX_POOL_SERVERS
    ? [problem("pool.standbyServers", `${pool.activeServers} active + ${pool.standbyServers} standby = ${total} servers; a pool holds at most ${MAX_POOL_SERVERS}`, `Lower pool.standbyServers to at most ${MAX_POOL_SERVERS - pool.activeServers}.`)]
    : [];
};

// domain §6.3: standby servers exist only in a stretched pool's second datacentre.
export const checkStandbyNeedsStretched: Rule = ({ pool }) =>
  pool.standbyServers > 0 && !pool.stretched
    ? [problem("pool.standbyServers", `${pool.standbyServers} standby servers in a pool that is not stretched`, "Set pool.stretched: true (with secondaryLocation and sql.disasterRecovery: log-shipping), or set pool.standbyServers: 0.")]
    : [];

// domain §5: a single-server pool can never grow; always define a multiple-computer pool.
export const checkMultipleComputerPool: Rule = ({ pool }) =>
  !pool.multipleComputerPool
    ? [problem("pool.multipleComputerPool", "a single-computer pool can never get a second server", "Remove pool.multipleComputerPool (or set it to true): a multiple-computer pool with one server is the supported way to start small.")]
    : [];

// domain §5: the Persistent Chat service cannot be collocated on Enterprise Edition Front Ends.
export const checkNoEnterpriseCollocation: Rule = ({ pool, frontEnd }) =>
  pool.collocatedWithFrontEnd && frontEnd.edition === "Enterprise"
    ? [problem("pool.collocatedWithFrontEnd", "Persistent Chat cannot be collocated with Enterprise Edition Front Ends", "Set pool.collocatedWithFrontEnd: false to give Persistent Chat its own servers.")]
    : [];

// domain §5: Standard Edition collocation has no HA and its pool FQDN is the server's FQDN.
export const checkStandardCollocation: Rule = (c) => {
  const { pool, frontEnd, sql, prefix, domain } = c;
  if (!pool.collocatedWithFrontEnd || frontEnd.edition !== "Standard") return [];
  const out: UserError[] = [];
  if (sql.highAvailability !== "none" || pool.stretched || sql.disasterRecovery !== "none")
    out.push(problem("pool.collocatedWithFrontEnd", "a Standard Edition collocated Persistent Chat server has no high availability or disaster recovery", "Set pool.collocatedWithFrontEnd: false, or remove sql.highAvailability, sql.disasterRecovery and pool.stretched."));
  if (pool.activeServers !== 1)
    out.push(problem("pool.activeServers", `${pool.activeServers} active servers on a collocated Standard Edition server`, "Set pool.activeServers: 1, or set pool.collocatedWithFrontEnd: false."));
  const feFqdn = `${computerName(prefix, "frontEnd", 1, 1)}.${domain.fqdn}`.toLowerCase();
  if (pool.fqdn !== undefined && pool.fqdn.toLowerCase() !== feFqdn)
    out.push(problem("pool.fqdn", `the pool FQDN ${pool.fqdn} differs from the Standard Edition server ${feFqdn}`, "Remove pool.fqdn: a collocated pool's FQDN is the Standard Edition server's FQDN."));
  return out;
};

// domain §5 + issue: migrating Lync 2010 Group Chat into a Standard Edition collocated server is not supported (new deployments only).
export const checkCollocatedMigration: Rule = ({ pool, legacy }) =>
  pool.collocatedWithFrontEnd && legacy.mode !== "none"
    ? [problem("pool.collocatedWithFrontEnd", `migrating from ${legacy.product === "lync2010" ? "Lync 2010 Group Chat" : "OCS 2007 R2 Group Chat"} into a Standard Edition collocated Persistent Chat server is not supported`, "Set pool.collocatedWithFrontEnd: false to migrate into a Persistent Chat pool of its own.")]
    : [];

// domain §5: multi-homed NICs are not supported on Persistent Chat servers.
export const checkSingleNic: Rule = ({ pool }) =>
  pool.networkInterfaces !== 1
    ? [problem("pool.networkInterfaces", `${pool.networkInterfaces} NICs per Persistent Chat server; multi-homed servers are not supported`, "Set pool.networkInterfaces: 1 (one NIC, one IP; teaming inside the guest is allowed).")]
    : [];

// domain §5: active servers must be in the next-hop pool's time zone (an id that is none is checkTimeZoneIds' problem).
export const checkTimeZone: Rule = ({ pool, frontEnd }) =>
  pool.timeZone !== undefined && pool.timeZone !== frontEnd.timeZone && isWindowsTimeZone(pool.timeZone) && isWindowsTimeZone(frontEnd.timeZone)
    ? [problem("pool.timeZone", `Persistent Chat servers in "${pool.timeZone}" but the next-hop Front End pool is in "${frontEnd.timeZone}"`, `Set pool.timeZone to "${frontEnd.timeZone}" (or remove it to inherit frontEnd.timeZone).`)]
    : [];

// Every time zone is a Windows time zone id (tzutil /l), from the allow-list in src/config/timezones.ts.
export const checkTimeZoneIds: Rule = ({ pool, frontEnd }) =>
  (
    [
      ["frontEnd.timeZone", frontEnd.timeZone],
      ["pool.timeZone", pool.timeZone],
    ] as const
  ).flatMap(([key, id]) => {
    const why = id === undefined ? null : timeZoneProblem(id);
    return why ? [problem(key, why, 'Use a Windows time zone id as `tzutil /l` lists it, e.g. "W. Europe Standard Time" or "Eastern Standard Time" (README, Configuration).')] : [];
  });

// domain §6.2: SIP port (default 5041) must not collide with the other ports the servers listen on.
const TAKEN_PORTS = [443, 881, 1433, 5060, 5061, 8011];
export const checkSipPort: Rule = ({ pool }) =>
  pool.sipPort < 1024 || pool.sipPort > 65535 || TAKEN_PORTS.includes(pool.sipPort)
    ? [problem("pool.sipPort", `SIP port ${pool.sipPort} is outside 1024-65535 or used by another Lync service`, "Remove pool.sipPort to use the default 5041.")]
    : [];

// domain §6.3: a stretched pool spans two datacentres.
export const checkStretchedSites: Rule = ({ pool, location, secondaryLocation }) => {
  if (pool.stretched && secondaryLocation === "")
    return [problem("secondaryLocation", "a stretched pool needs a second datacentre", "Set secondaryLocation to another Azure region, e.g. northeurope.")];
  if (pool.stretched && secondaryLocation === location)
    return [problem("secondaryLocation", `the second datacentre is the same region as location (${location})`, "Set secondaryLocation to a different Azure region.")];
  if (!pool.stretched && secondaryLocation !== "")
    return [problem("secondaryLocation", "a second region is set but the pool is not stretched", "Remove secondaryLocation, or set pool.stretched: true.")];
  return [];
};

export const POOL_RULES: Rule[] = [
  checkActiveServers,
  checkPoolTotal,
  checkStandbyNeedsStretched,
  checkMultipleComputerPool,
  checkNoEnterpriseCollocation,
  checkStandardCollocation,
  checkCollocatedMigration,
  checkSingleNic,
  checkTimeZone,
  checkTimeZoneIds,
  checkSipPort,
  checkStretchedSites,
];
