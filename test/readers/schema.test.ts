// Schema detection over INFORMATION_SCHEMA rows, which stand in for a SQL Server's metadata: the
// legacy rows come from the kit's own DDL (so DDL and detection cannot drift apart), the 2013 rows
// from domain §7.1.
import { UserError } from "../../migration-jobs/common/errors";
import { detectSchema, requiredColumns } from "../../migration-jobs/readers/schema";
import type { SchemaColumnRow } from "../../migration-jobs/readers/queries/schema";
import { LYNC2010_COLUMNS, LYNC2013_COLUMNS, OCS2007R2_COLUMNS } from "./fake-sql";

const where = "database GroupChat on sql01\\RTC";
const without = (cols: SchemaColumnRow[], ...names: string[]) => cols.filter((c) => !names.includes(`${c.tableName}.${c.columnName}`));
const withCol = (cols: SchemaColumnRow[], table: string, column: string, dataType = "bit") => [...cols, { tableName: table, columnName: column, dataType }];
const retype = (cols: SchemaColumnRow[], tc: string, dataType: string) => cols.map((c) => (`${c.tableName}.${c.columnName}` === tc ? { ...c, dataType } : c));

describe("detectSchema: accepted generations", () => {
  it.each([
    ["Lync 2013 mgc", LYNC2013_COLUMNS, "lync2013", "tblScopePrincipal.scopeIsDenied present", "datetime"],
    ["Lync 2010 Group Chat (kit DDL)", LYNC2010_COLUMNS, "lync2010", "tblPrincipalType.ptypeIsFederated present", "datetime"],
    ["OCS 2007 R2 Group Chat (kit DDL, inferred)", OCS2007R2_COLUMNS, "ocs2007r2", "tblPrincipalType.ptypeIsFederated absent (OCS 2007 R2, inferred)", "datetime"],
    ["Lync 2010 without prinAllowedPermSet (topic suffices)", without(LYNC2010_COLUMNS, "tblPrincipal.prinAllowedPermSet"), "lync2010", "tblNode.topic present", "datetime"],
    ["invitations as datetime (the Lync 2010 and 2013 schema pages)", LYNC2010_COLUMNS, "lync2010", "tblPrincipalInvites.createdOn is datetime", "datetime"],
    ["invitations as bigint ticks (earlier kit versions' sample)", retype(LYNC2010_COLUMNS, "tblPrincipalInvites.createdOn", "bigint"), "lync2010", "tblPrincipalInvites.createdOn is bigint", "ticks"],
    ["upper-case names from a case-insensitive catalog", LYNC2013_COLUMNS.map((c) => ({ ...c, columnName: c.columnName.toUpperCase() })), "lync2013", "tblChat.rtf present", "datetime"],
  ])("%s", (_name, cols, kind, evidence, time) => {
    const d = detectSchema(where, cols);
    expect(d.kind).toBe(kind);
    expect(d.evidence).toContain(evidence);
    expect(d.invitationTime).toBe(time);
  });
});

describe("detectSchema: refusals name the database, what is missing, and the fix", () => {
  it.each([
    ["no tables visible", [], /no dbo\.tbl\* tables are visible/],
    ["an unrelated database", [{ tableName: "tblOrders", columnName: "id", dataType: "int" }], /neither Lync 2013 mgc .* nor legacy Group Chat .*tables missing: tblNode/],
    ["all tables but no marker", without(LYNC2010_COLUMNS, "tblNode.topic", "tblPrincipal.prinAllowedPermSet"), /neither .*columns missing: tblScopePrincipal\.scopeIsDenied, tblChat\.rtf, tblNode\.topic/],
    ["mixed markers", withCol(LYNC2010_COLUMNS, "tblScopePrincipal", "scopeIsDenied"), /mixes Lync 2013 columns \(tblScopePrincipal\.scopeIsDenied\) with legacy/],
    ["2013 marked by rtf only", without(LYNC2013_COLUMNS, "tblScopePrincipal.scopeIsDenied"), /Lync Server 2013 .* lacks columns the kit reads: tblScopePrincipal\.scopeIsDenied/],
    ["legacy missing a read column", without(LYNC2010_COLUMNS, "tblNode.nodeGuid", "tblChat.content"), /Lync Server 2010 Group Chat but lacks columns the kit reads: tblNode\.nodeGuid, tblChat\.content/],
    ["invitation time of another type", retype(LYNC2010_COLUMNS, "tblPrincipalInvites.createdOn", "nvarchar"), /createdOn has type nvarchar/],
  ])("%s", (_name, cols, problem) => {
    let caught: unknown;
    try {
      detectSchema(where, cols as SchemaColumnRow[]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).where).toBe(where);
    expect((caught as UserError).message).toMatch(problem);
    expect((caught as UserError).fix).toMatch(/Database=|schema/);
  });
});

describe("the kit's DDL holds every column its statements read", () => {
  it.each([
    ["lync2010", LYNC2010_COLUMNS],
    ["ocs2007r2", OCS2007R2_COLUMNS],
    ["lync2013", LYNC2013_COLUMNS],
  ] as const)("%s", (kind, cols) => {
    const have = new Set(cols.map((c) => `${c.tableName}.${c.columnName}`.toLowerCase()));
    expect(requiredColumns(kind).filter((c) => !have.has(c.toLowerCase()))).toEqual([]);
  });
});
