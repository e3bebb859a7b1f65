/**
 * The legacy principals a lab recreates in its new forest before the import (lync-install §3): a
 * restored legacy database names users, groups and OUs of the forest it came from, which resolve to
 * nothing in a new lab forest, so the import the lab rehearses would not be production's. This is
 * the pure plan, computed from an inventory (the rehearsal writes it as `seeding.md`/`seeding.json`);
 * at `pulumi up` time the runbook's seeding step applies the same rules to the rows it reads from the
 * restored database itself (`SEEDING_RULES`, rendered into its script).
 *
 * What is seeded: users with a `sip:` address (Lync-enabled on the front-end pool with that address),
 * security groups, and the OUs that hold them or that scopes name, each at the same place below the
 * lab's domain root as below the legacy one (the legacy `DC=` part is replaced by the lab's). Group
 * memberships are not in the inventory: the step reads them at run time (tblPrincipalAffiliations).
 */
import type { Principal } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { finding } from "./codes";
import { listSome, principalKey } from "./rules";

/** Why a legacy principal is not recreated; the seeding step reports the same words. */
export const NOT_SEEDED = {
  // domain §2.3.6: a federated principal becomes a disabled principal anyway. ASCII only: the text is rendered into scripts.
  federated: "federated or external: it lives outside the forest (and becomes a disabled principal after the import)",
  disabled: "disabled or deleted in the legacy directory",
  noSip: "a user without a sip: address cannot be Lync-enabled",
  foreignSipDomain: "its SIP domain is not one the deployment's Lync serves: add it to pchat-kit:lync.sipDomains to seed it",
  noAdPath: "no AD path (prinADPath) to place it by",
  container: "its container is neither an OU nor CN=Users, so it cannot be recreated",
  unknownType: "an undocumented principal type",
} as const;
export type NotSeededReason = keyof typeof NOT_SEEDED;

/**
 * The rules the seeding step applies to tblPrincipal rows at run time (prinTypeID, domain §7.1/§7.3):
 * the same as `planSeeding` applies to an inventory's principal kinds.
 */
export const SEEDING_RULES = {
  userTypes: [5],
  groupTypes: [9],
  folderTypes: [10],
  federatedTypes: [6, 7],
  /** Any, AnyUser, AnyGroup, SystemUser, DC: exist in every deployment, neither seeded nor reported. */
  builtInTypes: [1, 2, 3, 4, 8],
  reasons: NOT_SEEDED,
} as const;

export interface SeedUser {
  id: number;
  /** The CN (the first RDN's value). */
  name: string;
  displayName: string | null;
  sipAddress: string;
  /** The parent container relative to the domain root (`OU=Sales,OU=EMEA`, or `CN=Users`). */
  path: string;
}

export interface SeedGroup {
  id: number;
  name: string;
  path: string;
}

export interface NotSeeded {
  id: number;
  principal: string;
  reason: NotSeededReason;
  why: string;
}

export interface SeedingPlan {
  format: "pchat-kit.seeding";
  version: 1;
  /** The SIP domains users may be enabled in (the deployment's). */
  sipDomains: string[];
  /** OUs relative to the domain root, parents first. */
  ous: string[];
  users: SeedUser[];
  groups: SeedGroup[];
  notSeeded: NotSeeded[];
  counts: { toSeed: number; ous: number; users: number; groups: number; notSeeded: number; byReason: Partial<Record<NotSeededReason, number>> };
}

/** The RDNs of a DN, split on unescaped commas (RFC 4514 `\,`). */
export function splitDn(dn: string): string[] {
  return dn
    .split(/(?<!\\),/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
}

/** An RDN's value, unescaped (`CN=Smith\, Ann` -> `Smith, Ann`). */
function rdnValue(rdn: string): string {
  return rdn.slice(rdn.indexOf("=") + 1).replace(/\\(.)/g, "$1");
}

/**
 * The container path of a DN relative to its domain root (its `DC=` parts dropped), or null when a
 * part of it cannot be recreated: only OUs, and `CN=Users` right under the domain, are.
 */
export function relativeParent(dn: string): string[] | null {
  const parents = splitDn(dn)
    .slice(1)
    .filter((r) => !/^DC=/i.test(r));
  for (let i = 0; i < parents.length; i++) {
    const r = parents[i]!;
    if (/^OU=/i.test(r)) continue;
    if (/^CN=Users$/i.test(r) && i === parents.length - 1) continue;
    return null;
  }
  return parents;
}

/** Every OU a relative container path needs, parents first (`OU=EMEA`, then `OU=Sales,OU=EMEA`). */
function ousOf(path: string[]): string[] {
  const out: string[] = [];
  for (let i = path.length - 1; i >= 0; i--) if (/^OU=/i.test(path[i]!)) out.push(path.slice(i).join(","));
  return out;
}

type Classified = { kind: "user"; user: SeedUser } | { kind: "group"; group: SeedGroup } | { kind: "ou"; ous: string[] } | { kind: "skip"; reason: NotSeededReason } | { kind: "builtIn" };

function classify(p: Principal, sipDomains: ReadonlySet<string>): Classified {
  if (p.kind === "federated-user" || p.kind === "federated-group") return { kind: "skip", reason: "federated" };
  if (p.kind === "any" || p.kind === "system" || p.kind === "domain") return { kind: "builtIn" };
  if (p.kind === "unknown") return { kind: "skip", reason: "unknownType" };
  if (p.disabled) return { kind: "skip", reason: "disabled" };
  const dn = p.adPath?.trim() ?? "";
  if (dn === "") return { kind: "skip", reason: "noAdPath" };
  const first = splitDn(dn)[0] ?? "";
  if (p.kind === "container") {
    if (/^CN=Users$/i.test(first) || /^DC=/i.test(first)) return { kind: "builtIn" };
    const parent = relativeParent(dn);
    if (!/^OU=/i.test(first) || parent === null) return { kind: "skip", reason: "container" };
    return { kind: "ou", ous: ousOf([first, ...parent]) };
  }
  const parent = relativeParent(dn);
  if (parent === null || !/^CN=/i.test(first)) return { kind: "skip", reason: "container" };
  const name = rdnValue(first);
  if (p.kind === "group") return { kind: "group", group: { id: p.id, name, path: parent.join(",") } };
  const uri = p.uri ?? "";
  if (!/^sip:[^@\s]+@[^@\s]+$/i.test(uri)) return { kind: "skip", reason: "noSip" };
  if (!sipDomains.has(uri.slice(uri.indexOf("@") + 1).toLowerCase())) return { kind: "skip", reason: "foreignSipDomain" };
  return { kind: "user", user: { id: p.id, name, displayName: p.name, sipAddress: uri, path: parent.join(",") } };
}

/** The seeding plan of the legacy principals (lync-install §3): pure, the same input gives the same plan. */
export function planSeeding(principals: Iterable<Principal>, sipDomains: readonly string[]): SeedingPlan {
  const domains = new Set(sipDomains.map((d) => d.toLowerCase()));
  const ous = new Set<string>();
  const users: SeedUser[] = [];
  const groups: SeedGroup[] = [];
  const notSeeded: NotSeeded[] = [];
  for (const p of principals) {
    const c = classify(p, domains);
    if (c.kind === "skip") notSeeded.push({ id: p.id, principal: principalKey(p), reason: c.reason, why: NOT_SEEDED[c.reason] });
    else if (c.kind === "ou") c.ous.forEach((o) => ous.add(o));
    else if (c.kind === "user") users.push(c.user);
    else if (c.kind === "group") groups.push(c.group);
    if (c.kind === "user" || c.kind === "group") ousOf(splitDn((c.kind === "user" ? c.user : c.group).path)).forEach((o) => ous.add(o));
  }
  const ouList = [...ous].sort((a, b) => splitDn(a).length - splitDn(b).length || a.localeCompare(b));
  const byReason: Partial<Record<NotSeededReason, number>> = {};
  for (const n of notSeeded) byReason[n.reason] = (byReason[n.reason] ?? 0) + 1;
  return {
    format: "pchat-kit.seeding",
    version: 1,
    sipDomains: [...domains].sort(),
    ous: ouList,
    users,
    groups,
    notSeeded,
    counts: { toSeed: ouList.length + users.length + groups.length, ous: ouList.length, users: users.length, groups: groups.length, notSeeded: notSeeded.length, byReason },
  };
}

/** The readiness line: "N principals to seed, M cannot be (why)". */
export function seedingSummary(plan: SeedingPlan): string {
  const why = Object.entries(plan.counts.byReason).map(([r, n]) => `${n} ${NOT_SEEDED[r as NotSeededReason]}`);
  const head = `${plan.counts.toSeed} principals to seed (${plan.counts.users} users, ${plan.counts.groups} groups, ${plan.counts.ous} OUs)`;
  return plan.counts.notSeeded === 0 ? `${head}, none that cannot be` : `${head}, ${plan.counts.notSeeded} cannot be (${why.join("; ")})`;
}

/**
 * Staging (an existing domain, nothing seeded): the legacy principals the target domain does not hold,
 * as findings. `present` holds the keys (SIP URI, or the AD path for groups and OUs) the directory
 * answered for; the runbook's check step looks them up at run time and reports the same code.
 */
export function principalsNotInTarget(principals: Iterable<Principal>, present: ReadonlySet<string>): Finding[] {
  const missing: string[] = [];
  for (const p of principals) {
    if (p.kind !== "user" && p.kind !== "group" && p.kind !== "container") continue;
    if (p.disabled) continue;
    const key = p.kind === "user" ? (p.uri ?? "") : (p.adPath ?? "");
    if (key === "" || present.has(key.toLowerCase())) continue;
    missing.push(principalKey(p));
  }
  if (missing.length === 0) return [];
  return [finding("PRINCIPAL_NOT_IN_TARGET_DOMAIN", `${missing.length} legacy principal(s)`, `Not found in the target domain: ${listSome(missing)}.`)];
}
