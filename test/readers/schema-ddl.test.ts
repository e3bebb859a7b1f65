// SQL Server is not on this machine: the PowerShell suite parses the DDL with Microsoft's parser for
// SQL Server 2008 R2 (test/powershell/Tsql.Tests.ps1, ScriptDom); these tests check its shape and the
// columns it holds.
import { LYNC2010_DDL, OCS2007R2_DDL, legacyColumnTypes } from "../../migration-jobs/readers/schema-ddl";

const all = [...LYNC2010_DDL.map((s, i) => ["LYNC2010_DDL", i, s] as const), ...OCS2007R2_DDL.map((s, i) => ["OCS2007R2_DDL", i, s] as const)];

describe("legacy schema DDL", () => {
  it.each(all)("%s[%i] creates its table only if absent", (_name, _i, sql) => {
    expect(sql).toMatch(/^IF OBJECT_ID\(N'dbo\.(tbl\w+)'\) IS NULL\s+CREATE TABLE dbo\.\1 \(/);
  });

  it.each([
    ["tblNode", "topic", true, true],
    ["tblNode", "inheritance", true, true],
    ["tblPrincipal", "prinAllowedPermSet", true, true],
    ["tblPrincipal", "prinDisabled bit", true, true],
    ["tblPrincipalType", "ptypeIsFederated", true, false],
    ["tblScopePrincipal", "scopeIsDenied", false, false],
    ["tblChat", "rtf", false, false],
  ])("%s has %s: lync2010 %s, ocs2007r2 %s", (table, column, in2010, in2007) => {
    const has = (ddl: string[]) => ddl.some((s) => s.includes(`dbo.${table} (`) && new RegExp(`\\b${column}\\b`).test(s));
    expect(has(LYNC2010_DDL)).toBe(in2010);
    expect(has(OCS2007R2_DDL)).toBe(in2007);
  });

  it("tblPrincipalInvites.createdOn is datetime, not null, as the Lync 2010 and 2013 schema pages say", () => {
    for (const ddl of [LYNC2010_DDL, OCS2007R2_DDL]) {
      expect(ddl.find((s) => s.includes("dbo.tblPrincipalInvites ("))).toMatch(/^\s+createdOn datetime NOT NULL,$/m);
    }
  });

  it("lists each column's type, as the DDL declares it", () => {
    const types = legacyColumnTypes("lync2010");
    expect([...types.keys()]).toEqual(LYNC2010_DDL.map((s) => /CREATE TABLE dbo\.(\w+)/.exec(s)![1]));
    expect(types.get("tblNode")?.get("siopID")).toBe("uniqueidentifier");
    expect(types.get("tblNode")?.get("topic")).toBe("nvarchar(256)");
    expect(types.get("tblChat")?.get("content")).toBe("nvarchar(max)");
    expect(types.get("tblPrincipalInvites")?.get("createdOn")).toBe("datetime");
    expect(types.get("tblPrincipalRole")?.has("CONSTRAINT")).toBe(false);
    expect(legacyColumnTypes("ocs2007r2").get("tblPrincipalType")?.has("ptypeIsFederated")).toBe(false);
  });
});
