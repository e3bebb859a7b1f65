/**
 * Which database generation a connection points at, decided from its columns alone (domain §7):
 * - Lync 2013 `mgc`: tblScopePrincipal.scopeIsDenied (deny lists are new in 2013) and tblChat.rtf.
 * - Lync 2010 Group Chat: tblNode.topic and tblPrincipal.prinAllowedPermSet, no scopeIsDenied, and
 *   tblPrincipalType.ptypeIsFederated.
 * - OCS 2007 R2 Group Chat (inferred, its schema is unpublished): the Lync 2010 markers without
 *   ptypeIsFederated (see schema-ddl.ts).
 * Anything else is refused, naming the database and what was missing. Pure: the caller runs
 * SCHEMA_COLUMNS_SQL and passes the rows.
 */
import { UserError } from "../common/errors";
import type { SourceKind } from "../inventory/inventory";
import type { SchemaColumnRow } from "./queries/schema";

export interface DetectedSchema {
  kind: SourceKind;
  /** Human-readable reasons, e.g. "tblNode.topic present". */
  evidence: string[];
  /** How tblPrincipalInvites.createdOn is stored: ticks (bigint) or a SQL date type. */
  invitationTime: "ticks" | "datetime";
}

/** Columns every generation's statements read (queries/inventory.ts). */
const COMMON: Record<string, string[]> = {
  tblNode: ["nodeID", "nodeGuid", "parentID", "nodeType", "nodeName", "nodeDesc", "invite", "logged", "filePost", "disabled", "behavior", "visibility", "siopID"],
  tblPrincipal: ["prinID", "prinGuid", "prinUri", "prinName", "prinTypeID", "prinDisabled", "prinADPath"],
  tblPrincipalType: ["ptypeID", "ptypeDesc"],
  tblPrincipalRole: ["prinRoleNodeID", "prinRolePrinID", "prinRoleTypeID"],
  tblRoleType: ["rtypeID", "rtypeDesc"],
  tblScopePrincipal: ["scopeNodeID", "scopePrinID"],
  tblPrincipalInvites: ["prinID", "nodeID", "createdOn"],
  tblSiopWhiteList: ["siopID", "siopName", "siopUrl"],
  tblChat: ["channelID", "chatID", "chatDate", "content"],
};

const EXTRA: Record<SourceKind, Record<string, string[]>> = {
  lync2010: { tblNode: ["topic"], tblPrincipalType: ["ptypeIsFederated"] },
  ocs2007r2: { tblNode: ["topic"] },
  lync2013: { tblScopePrincipal: ["scopeIsDenied"], tblPrincipal: ["prinDisplayName"] },
};

/** `table.column` of every column the statements of `kind` read. */
export function requiredColumns(kind: SourceKind): string[] {
  const out: string[] = [];
  for (const [t, cols] of Object.entries(COMMON)) for (const c of cols) out.push(`${t}.${c}`);
  for (const [t, cols] of Object.entries(EXTRA[kind])) for (const c of cols) out.push(`${t}.${c}`);
  return out;
}

const LABEL: Record<SourceKind, string> = { lync2010: "Lync Server 2010 Group Chat", ocs2007r2: "OCS 2007 R2 Group Chat (inferred schema)", lync2013: "Lync Server 2013 Persistent Chat (mgc)" };
export function kindLabel(kind: SourceKind): string {
  return LABEL[kind];
}

const FIX_NEITHER = "point Database= at the Group Chat database (Lync 2010 / OCS 2007 R2) or at the Lync 2013 mgc database, with a login that has db_datareader there";

/**
 * Decides the generation from INFORMATION_SCHEMA rows. `where` names the database and server for errors.
 * Column names compare case-insensitively (Lync databases use case-insensitive collations).
 */
export function detectSchema(where: string, columns: SchemaColumnRow[]): DetectedSchema {
  const types = new Map<string, string>();
  const tables = new Set<string>();
  for (const c of columns) {
    types.set(`${c.tableName}.${c.columnName}`.toLowerCase(), String(c.dataType).toLowerCase());
    tables.add(c.tableName.toLowerCase());
  }
  const has = (tc: string) => types.has(tc.toLowerCase());
  if (types.size === 0) {
    throw new UserError(where, "no dbo.tbl* tables are visible: this is not a Group Chat or Persistent Chat database, or the login cannot read it", FIX_NEITHER);
  }
  const markers2013 = ["tblScopePrincipal.scopeIsDenied", "tblChat.rtf"];
  const markersLegacy = ["tblNode.topic", "tblPrincipal.prinAllowedPermSet"];
  const found2013 = markers2013.filter(has);
  const foundLegacy = markersLegacy.filter(has);
  let kind: SourceKind;
  const evidence: string[] = [];
  if (found2013.length > 0 && foundLegacy.length === 0) {
    kind = "lync2013";
    evidence.push(...found2013.map((m) => `${m} present`), ...markersLegacy.map((m) => `${m} absent`));
  } else if (foundLegacy.length > 0 && found2013.length === 0) {
    // domain §7.3: ptypeIsFederated is Lync 2010; its absence is the (inferred) OCS 2007 R2 sign.
    kind = has("tblPrincipalType.ptypeIsFederated") ? "lync2010" : "ocs2007r2";
    evidence.push(...foundLegacy.map((m) => `${m} present`), ...markers2013.map((m) => `${m} absent`));
    evidence.push(kind === "lync2010" ? "tblPrincipalType.ptypeIsFederated present" : "tblPrincipalType.ptypeIsFederated absent (OCS 2007 R2, inferred)");
  } else if (found2013.length > 0 && foundLegacy.length > 0) {
    throw new UserError(where, `the schema mixes Lync 2013 columns (${found2013.join(", ")}) with legacy Group Chat columns (${foundLegacy.join(", ")})`, `${FIX_NEITHER}; a database changed by hand is not supported (domain §7.1: no schema changes)`);
  } else {
    const missingTables = Object.keys(COMMON).filter((t) => !tables.has(t.toLowerCase()));
    const missing = missingTables.length > 0 ? `tables missing: ${missingTables.join(", ")}` : `columns missing: ${[...markers2013, ...markersLegacy].join(", ")}`;
    throw new UserError(where, `the database is neither Lync 2013 mgc (has tblScopePrincipal.scopeIsDenied, tblChat.rtf) nor legacy Group Chat (has tblNode.topic, tblPrincipal.prinAllowedPermSet); ${missing}`, FIX_NEITHER);
  }
  const missing = requiredColumns(kind).filter((c) => !has(c));
  if (missing.length > 0) {
    const shown = missing.slice(0, 12).join(", ") + (missing.length > 12 ? `, and ${missing.length - 12} more` : "");
    throw new UserError(where, `looks like ${LABEL[kind]} but lacks columns the kit reads: ${shown}`, "check the database is a complete Group Chat or mgc database and the login may read every dbo.tbl* table; report the schema if it is a real release");
  }
  const invType = types.get("tblprincipalinvites.createdon") ?? "";
  let invitationTime: DetectedSchema["invitationTime"];
  if (invType === "bigint") invitationTime = "ticks";
  else if (["datetime", "datetime2", "smalldatetime", "datetimeoffset"].includes(invType)) invitationTime = "datetime";
  else throw new UserError(where, `tblPrincipalInvites.createdOn has type ${invType}, neither bigint ticks nor a date type`, "report the schema; the kit reads createdOn as ticks or as a date");
  evidence.push(`tblPrincipalInvites.createdOn is ${invType}`);
  return { kind, evidence, invitationTime };
}
