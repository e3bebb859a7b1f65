/**
 * Principals, held compactly: one index per principal (by prinID), its key (the URI the 2013 cmdlets
 * name it by) and one byte of flags, so the 150,000 principals of a capacity-model pool cost a few
 * megabytes and the streamed role assignments look them up by index.
 */
import type { InventorySource, Principal } from "../inventory/inventory";
import type { Finding } from "../common/finding";
import { finding } from "./codes";
import { isFederated, listSome, principalKey } from "./rules";

/** The bits of `PrincipalTable.flags`. */
export enum PrincipalFlag {
  /** domain §2.3.6: a federated user or group; it becomes a disabled principal. */
  Federated = 1 << 0,
  /** A prinTypeID no Lync version documents. */
  UnknownType = 1 << 1,
  /** An enabled user: counts against the pool's provisioned users (domain §5). */
  EnabledUser = 1 << 2,
  /** Disabled in the legacy database already. */
  Disabled = 1 << 3,
}

/** Compact per-principal data: index by prinID. */
export interface PrincipalTable {
  index: Map<number, number>;
  keys: string[];
  ids: number[];
  /** PrincipalFlag bits, one byte per principal. */
  flags: Uint8Array;
  count: number;
}

export function hasFlag(flags: number, flag: PrincipalFlag): boolean {
  return (flags & flag) !== 0;
}

/** The flags of one legacy principal. */
export function principalFlags(p: Pick<Principal, "kind" | "disabled">): number {
  let f = 0;
  if (isFederated(p.kind)) f |= PrincipalFlag.Federated;
  if (p.kind === "unknown") f |= PrincipalFlag.UnknownType;
  if (p.kind === "user" && !p.disabled) f |= PrincipalFlag.EnabledUser;
  if (p.disabled) f |= PrincipalFlag.Disabled;
  return f;
}

/** Phase: reads the principals into a table; reports unknown types and shared GUIDs. */
export async function readPrincipals(source: InventorySource, findings: Finding[]): Promise<PrincipalTable> {
  const index = new Map<number, number>();
  const keys: string[] = [];
  const ids: number[] = [];
  const flagList: number[] = [];
  const guids = new Map<string, string>();
  for await (const p of source.read("principals")) {
    if (index.has(p.id)) continue;
    const i = keys.length;
    index.set(p.id, i);
    const key = principalKey(p);
    keys.push(key);
    ids.push(p.id);
    const f = principalFlags(p);
    if (hasFlag(f, PrincipalFlag.UnknownType)) findings.push(finding("PRINCIPAL_TYPE_UNKNOWN", `principal "${key}" (id ${p.id})`, `prinTypeID ${p.typeId} is not a documented principal type.`));
    flagList.push(f);
    if (p.guid) {
      const g = p.guid.toLowerCase();
      const first = guids.get(g);
      if (first !== undefined) findings.push(finding("DUPLICATE_GUID", `principal "${key}" (id ${p.id})`, `GUID ${g} is also used by ${first}.`));
      else guids.set(g, `principal "${key}" (id ${p.id})`);
    }
  }
  return { index, keys, ids, flags: Uint8Array.from(flagList), count: keys.length };
}

/** The sorted, distinct keys of principal indexes. */
export function keysOf(principals: Pick<PrincipalTable, "keys">, ids: Iterable<number>): string[] {
  const set = new Set<string>();
  for (const p of ids) set.add(principals.keys[p]!);
  return [...set].sort();
}

export interface PrincipalTotals {
  /** Principals disabled after the import: federated ones and those disabled already. */
  disabledAfter: number;
  /** Enabled users, for the pool limit. */
  provisioned: number;
}

/**
 * Phase, domain §2.3.6: federated principals become disabled, and lose the rooms they had roles in
 * (`federatedRooms`: principal index -> room names); counts what the pool limits need.
 */
export function principalFindings(principals: PrincipalTable, federatedRooms: ReadonlyMap<number, ReadonlySet<number>>, roomName: (roomIndex: number) => string, findings: Finding[]): PrincipalTotals {
  let disabledAfter = 0;
  let provisioned = 0;
  for (let p = 0; p < principals.count; p++) {
    const f = principals.flags[p]!;
    if (hasFlag(f, PrincipalFlag.Federated) || hasFlag(f, PrincipalFlag.Disabled)) disabledAfter++;
    if (hasFlag(f, PrincipalFlag.EnabledUser)) provisioned++;
    if (hasFlag(f, PrincipalFlag.Federated)) {
      const roomsOf = [...(federatedRooms.get(p) ?? [])].map(roomName);
      findings.push(
        finding(
          "FEDERATED_PRINCIPAL_DISABLED",
          `principal "${principals.keys[p]}" (id ${principals.ids[p]})`,
          roomsOf.length > 0 ? `Becomes a disabled principal; it loses access to ${roomsOf.length} room(s): ${listSome(roomsOf)}.` : "Becomes a disabled principal; it has no room roles.",
        ),
      );
    }
  }
  return { disabledAfter, provisioned };
}
