/**
 * Computer names: `<prefix><role code><site number><index>`, deterministic so that a rebuild gives
 * the same names. They live here (not in the planner) because the 15-character rule must check the
 * names before anything is planned.
 */
export const ROLE_CODES = {
  domainController: "dc",
  frontEnd: "fe",
  persistentChat: "pc",
  fileServer: "fs",
  storeSql: "sqlpc",
  storeMirror: "sqlpm",
  complianceSql: "sqlcc",
  complianceMirror: "sqlcm",
  witness: "sqlwt",
  backEndSql: "sqlbe",
  legacyGroupChat: "lgc",
  legacySql: "lgsql",
} as const;

export type RoleCodeKey = keyof typeof ROLE_CODES;

/** NetBIOS limit (domain §5 / engineering notes): Windows truncates longer names silently. */
export const MAX_COMPUTER_NAME = 15;

/** e.g. computerName("pck", "persistentChat", 1, 3) = "pckpc103" (site 1, third server). */
export function computerName(prefix: string, role: RoleCodeKey, siteNumber: 1 | 2, index: number): string {
  return `${prefix}${ROLE_CODES[role]}${siteNumber}${String(index).padStart(2, "0")}`;
}

/** The longest name the planner can generate for a prefix (two-digit index, one-digit site). */
export function longestComputerName(prefix: string): string {
  const longest = Object.values(ROLE_CODES).reduce((a, b) => (b.length > a.length ? b : a));
  return `${prefix}${longest}199`;
}

/** What the pool FQDNs are computed from (a subset of KitConfig, so the naming stays free of the schema). */
export interface PoolNamingInput {
  prefix: string;
  domain: { fqdn: string };
  frontEnd: { edition: "Standard" | "Enterprise"; fqdn?: string | undefined };
  pool: { fqdn?: string | undefined; collocatedWithFrontEnd: boolean };
}

/** The first Front End server's FQDN: a Standard Edition pool's own FQDN (domain §5). */
export function firstFrontEndFqdn(c: PoolNamingInput): string {
  return `${computerName(c.prefix, "frontEnd", 1, 1)}.${c.domain.fqdn}`.toLowerCase();
}

/** The next-hop Front End pool's FQDN as planned: the configured one, else the default. */
export function plannedFrontEndPoolFqdn(c: PoolNamingInput): string {
  return (c.frontEnd.fqdn ?? (c.frontEnd.edition === "Standard" ? firstFrontEndFqdn(c) : `lyncpool.${c.domain.fqdn}`)).toLowerCase();
}

/** The Persistent Chat pool's FQDN as planned: the Standard Edition server's when collocated, the configured one, else the default. */
export function plannedPersistentChatPoolFqdn(c: PoolNamingInput): string {
  return (c.pool.collocatedWithFrontEnd ? firstFrontEndFqdn(c) : (c.pool.fqdn ?? `pchatpool.${c.domain.fqdn}`)).toLowerCase();
}

/**
 * Whether `fqdn` has the form of a computer the kit names (`<prefix><role code><site><index>` in the
 * domain): such a name belongs to a server, planned now or when the topology grows, never to a pool.
 */
export function isKitComputerFqdn(fqdn: string, prefix: string, domainFqdn: string): boolean {
  const zone = `.${domainFqdn.toLowerCase()}`;
  const name = fqdn.toLowerCase();
  if (!name.endsWith(zone)) return false;
  const host = name.slice(0, -zone.length);
  const codes = Object.values(ROLE_CODES).join("|");
  return new RegExp(`^${prefix.toLowerCase()}(?:${codes})[12]\\d{2}$`).test(host);
}
