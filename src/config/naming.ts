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
