/** Rules of the AD domain, the next-hop Front End pool and the legacy side. */
import type { UserError } from "../../../migration-jobs/common/errors";
import { ipv4Problem } from "../cidr";
import { isKitComputerFqdn, plannedFrontEndPoolFqdn, plannedPersistentChatPoolFqdn } from "../naming";
import { problem, type Rule } from "./problem";
import { sqlVersionProblems } from "./sql";

export const checkDomainNames: Rule = ({ domain }) => {
  const out: UserError[] = [];
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/i.test(domain.fqdn))
    out.push(problem("domain.fqdn", `"${domain.fqdn}" is not a DNS domain name with at least two labels`, 'Use a name such as "contoso.local".'));
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/.test(domain.netbiosName))
    out.push(problem("domain.netbiosName", `"${domain.netbiosName}" is not a NetBIOS domain name (at most 15 letters, digits, hyphens)`, 'Use a short name such as "CONTOSO".'));
  return out;
};

// The domain join (JsonADDomainExtension OUPath) fails late, after the VMs exist, on an OU outside the domain.
export const checkOuPath: Rule = ({ domain }) => {
  if (domain.ouPath === null) return [];
  const suffix = domain.fqdn.split(".").map((label) => `dc=${label.toLowerCase()}`).join(",");
  const normalized = domain.ouPath.replace(/\s*,\s*/g, ",").toLowerCase();
  return /^ou=[^,]+(,ou=[^,]+)*,/.test(normalized) && normalized.endsWith(`,${suffix}`)
    ? []
    : [problem("domain.ouPath", `"${domain.ouPath}" is not an OU of ${domain.fqdn}`, `Write it as OU=Lync,${suffix.replace(/dc=/g, "DC=")}, or set it to null for the Computers container.`)];
};

export const checkDomainMode: Rule = ({ domain }) => {
  if (domain.mode === "existing" && domain.dnsServers.length === 0)
    return [problem("domain.dnsServers", "joining an existing domain needs its DNS servers", "List the domain controllers' IPs in domain.dnsServers.")];
  if (domain.mode === "new-forest" && domain.dnsServers.length > 0)
    return [problem("domain.dnsServers", "a new forest's DNS server is the domain controller this stack creates", 'Remove domain.dnsServers, or set domain.mode: "existing".')];
  return domain.dnsServers.flatMap((ip, i) => {
    const why = ipv4Problem(ip);
    return why ? [problem(`domain.dnsServers[${i}]`, why, "Write each DNS server as an IPv4 address, four numbers from 0 to 255, e.g. 10.1.0.4.")] : [];
  });
};

export const checkFrontEndServers: Rule = ({ frontEnd }) => {
  if (frontEnd.edition === "Standard" && frontEnd.servers !== 1)
    return [problem("frontEnd.servers", `${frontEnd.servers} servers in a Standard Edition pool, which is one server`, 'Set frontEnd.servers: 1, or frontEnd.edition: "Enterprise".')];
  if (frontEnd.servers < 1 || frontEnd.servers > 12)
    return [problem("frontEnd.servers", `${frontEnd.servers} Front End servers; an Enterprise Edition pool has 1 to 12`, "Set frontEnd.servers between 1 and 12.")];
  return [];
};

export const checkLegacySide: Rule = (c) => {
  const { legacy } = c;
  const out: UserError[] = [];
  if (legacy.mode === "existing") {
    if (!legacy.dataSource) out.push(problem("legacy.dataSource", "an existing legacy side needs the SQL data source of its Group Chat database", 'Set legacy.dataSource, e.g. "gcsql.contoso.local\\\\GROUPCHAT".'));
    if (legacy.fileStoreUnc !== undefined && !/^\\\\[^\\]+\\[^\\]+/.test(legacy.fileStoreUnc))
      out.push(problem("legacy.fileStoreUnc", `"${legacy.fileStoreUnc}" is not a UNC path`, "Write it as \\\\server\\share."));
  }
  if (legacy.mode === "provisioned") {
    if (legacy.dataSource !== undefined || legacy.fileStoreUnc !== undefined)
      out.push(problem("legacy.dataSource", "a provisioned legacy side gets its data source and file store from this stack", 'Remove legacy.dataSource and legacy.fileStoreUnc, or set legacy.mode: "existing".'));
    out.push(...sqlVersionProblems("legacy.sqlVersion", legacy.sqlVersion, c.allowUnsupportedImagesForLab, false));
  }
  if (legacy.lookupSipUri !== undefined && !/^sip:[^@\s]+@[^@\s]+$/.test(legacy.lookupSipUri))
    out.push(problem("legacy.lookupSipUri", `"${legacy.lookupSipUri}" is not a SIP URI`, 'Write it as "sip:ocschat@contoso.local".'));
  return out;
};

// domain §5: Persistent Chat servers are in the same forest as the legacy deployment they migrate from.
export const checkLegacySameForest: Rule = ({ legacy, domain }) =>
  legacy.mode === "existing" && domain.mode === "new-forest"
    ? [problem("domain.mode", "an existing legacy Group Chat deployment cannot be in the new forest this stack creates; Persistent Chat must share its forest", 'Set domain.mode: "existing" with the legacy forest\'s domain and dnsServers, or set legacy.mode: "provisioned" for a lab.')]
    : [];

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/i;

// domain §6.2/§6.4: the pool FQDN is its own DNS name (A records to every active server), distinct from the Front End pool's.
export const checkPoolFqdn: Rule = ({ pool, frontEnd }) => {
  const out: UserError[] = [];
  if (pool.fqdn !== undefined && !DNS_NAME.test(pool.fqdn))
    out.push(problem("pool.fqdn", `"${pool.fqdn}" is not a fully qualified DNS name`, 'Write it as "pchat.contoso.local", or remove it for pchatpool.<domain.fqdn>.'));
  if (frontEnd.fqdn !== undefined && !DNS_NAME.test(frontEnd.fqdn))
    out.push(problem("frontEnd.fqdn", `"${frontEnd.fqdn}" is not a fully qualified DNS name`, 'Write it as "lyncpool.contoso.local", or remove it for the default.'));
  return out;
};

/**
 * domain §6.2/§6.4: the pool FQDNs as they will be planned, defaults included (src/config/naming.ts is
 * what the planner uses): the Persistent Chat pool's own DNS name may equal neither the next-hop Front
 * End pool's nor a server's, whether the clash comes from values written or from defaults (e.g.
 * pool.fqdn equal to a Standard Edition Front End's default pool FQDN, its server's name).
 */
export const checkPlannedFqdnClashes: Rule = (c) => {
  const { pool, frontEnd, prefix, domain } = c;
  // Malformed names are checkPoolFqdn's problem; the collocated pool's FQDN is checkStandardCollocation's.
  if ((pool.fqdn !== undefined && !DNS_NAME.test(pool.fqdn)) || (frontEnd.fqdn !== undefined && !DNS_NAME.test(frontEnd.fqdn)) || pool.collocatedWithFrontEnd) return [];
  const out: UserError[] = [];
  const pc = plannedPersistentChatPoolFqdn(c);
  const fe = plannedFrontEndPoolFqdn(c);
  const written = (key: "pool.fqdn" | "frontEnd.fqdn", v: string | undefined) => (v === undefined ? `${key} is not set, so it defaults to ${key === "pool.fqdn" ? pc : fe}` : `${key} is ${v}`);
  if (pc === fe) {
    const key = pool.fqdn !== undefined ? "pool.fqdn" : "frontEnd.fqdn";
    out.push(problem(key, `the Persistent Chat pool and its next-hop Front End pool would both be ${pc} (${written("pool.fqdn", pool.fqdn)}; ${written("frontEnd.fqdn", frontEnd.fqdn)})`, "Give the Persistent Chat pool its own FQDN (or remove pool.fqdn for pchatpool.<domain.fqdn>), distinct from the Front End pool's."));
  }
  // A Standard Edition Front End pool is its server by design; any other pool name must not be a server's.
  if (isKitComputerFqdn(pc, prefix, domain.fqdn)) out.push(problem("pool.fqdn", `${pc} is the name of a server of this topology (${pc.split(".")[0]}), not a pool name`, "Give the Persistent Chat pool an FQDN of its own, e.g. pchat.<domain.fqdn>."));
  if (frontEnd.edition === "Enterprise" && isKitComputerFqdn(fe, prefix, domain.fqdn)) out.push(problem("frontEnd.fqdn", `${fe} is the name of a server of this topology (${fe.split(".")[0]}), not a pool name`, "Give the Enterprise Edition pool an FQDN of its own, e.g. lyncpool.<domain.fqdn>."));
  return out;
};

/**
 * lync-install §2: Lync servers request their certificates from an enterprise CA. A new forest gets
 * its own (the kit installs it on the domain controller); an existing domain's CA must be named.
 */
export const checkLyncCertificateAuthority: Rule = ({ lync, domain }) => {
  if (lync.install && domain.mode !== "new-forest" && !lync.certificateAuthority)
    return [problem("lync.certificateAuthority", "installing Lync into an existing domain needs its enterprise CA, and none is named", 'Set lync.certificateAuthority to "<CA server FQDN>\\\\<CA name>" in the stack file (certutil -config - -ping lists them), or lync.install: false to install by hand.')];
  if (lync.certificateAuthority && domain.mode === "new-forest")
    return [problem("lync.certificateAuthority", "a new forest gets the kit's own enterprise CA on its domain controller", "Remove lync.certificateAuthority.")];
  return [];
};

export const DOMAIN_RULES: Rule[] = [checkDomainNames, checkOuPath, checkDomainMode, checkFrontEndServers, checkLegacySide, checkLegacySameForest, checkPoolFqdn, checkPlannedFqdnClashes, checkLyncCertificateAuthority];
