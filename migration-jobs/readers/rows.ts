/**
 * From the values mssql returns to the model's: bit -> boolean, bigint -> string (mssql keeps bigint
 * exact as a string), uniqueidentifier -> upper-case string, datetime -> Date, NULL -> null. Lenient on
 * purpose: a value of an unexpected type becomes null (and, downstream, a finding), never a crash.
 */
import type { PrincipalKind, Role, RoomPrivacy, RoomType } from "../inventory/inventory";
import { dayOfNumber, isoOfTicks } from "./queries/ticks";

export function int(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  if (typeof v === "bigint") return Number(v);
  return null;
}

export function bool(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string" && /^[01]$/.test(v)) return v === "1";
  return null;
}

export function text(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

/** The model keeps GUIDs lower-case; mssql returns them upper-case. */
export function guid(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v.toLowerCase() : null;
}

export function iso(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === "string" && v.length > 0) return v;
  return null;
}

/** `YYYY-MM-DD` of a day number since 0001-01-01 (the histograms' int `dayNo`). */
export function day(v: unknown): string | null {
  const n = int(v);
  return n === null ? null : dayOfNumber(n);
}

/** ISO time of a bigint tick value (mssql: a string, exact); null for NULL or an impossible value. */
export function ticksIso(v: unknown): string | null {
  let ticks: bigint;
  if (typeof v === "bigint") ticks = v;
  else if (typeof v === "string" && /^-?\d+$/.test(v.trim())) ticks = BigInt(v.trim());
  else if (typeof v === "number" && Number.isSafeInteger(v)) ticks = BigInt(v);
  else return null;
  return isoOfTicks(ticks);
}

/** domain §7.1: tblNode.visibility 2 Private (secret), 3 Scoped (closed), 6 Open. */
export function privacyOf(visibility: unknown): RoomPrivacy | null {
  switch (int(visibility)) {
    case 2:
      return "secret";
    case 3:
      return "closed";
    case 6:
      return "open";
    default:
      return null;
  }
}

/** domain §7.1: tblNode.behavior 4 Normal, 5 Auditorium. */
export function roomTypeOf(behavior: unknown): RoomType | null {
  switch (int(behavior)) {
    case 4:
      return "normal";
    case 5:
      return "auditorium";
    default:
      return null;
  }
}

/**
 * domain §7.1/§7.3: tblPrincipalType 1 Any, 2 AnyUser, 3 AnyGroup, 4 SystemUser, 5 User,
 * 6 ExternalUser (MindAlign, treated as an outside user), 7 FederatedUser, 8 DC, 9 Group, 10 Folder.
 * A type flagged ptypeIsFederated is federated whatever its id (inferred: a federated-group type
 * exists; its description names a group).
 */
export function principalKindOf(typeId: number | null, typeDesc: string | null, isFederated: boolean | null): PrincipalKind {
  if (isFederated === true) return typeDesc && /group/i.test(typeDesc) ? "federated-group" : "federated-user";
  switch (typeId) {
    case 1:
    case 2:
    case 3:
      return "any";
    case 4:
      return "system";
    case 5:
      return "user";
    case 6:
    case 7:
      return "federated-user";
    case 8:
      return "domain";
    case 9:
      return "group";
    case 10:
      return "container";
    default:
      return "unknown";
  }
}

/** domain §7.1: tblRoleType descriptions Member, Manager, Voiced (= presenter), Creator. */
export function roleOf(desc: string | null): Role | null {
  switch ((desc ?? "").trim().toLowerCase()) {
    case "member":
      return "member";
    case "manager":
      return "manager";
    case "voiced":
    case "presenter":
      return "presenter";
    case "creator":
      return "creator";
    default:
      return null;
  }
}
