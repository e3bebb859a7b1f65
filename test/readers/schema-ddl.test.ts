// The T-SQL checker stands in for SQL Server, which this machine lacks: it proves the DDL parses as
// T-SQL, not that a server runs it.
import { LYNC2010_DDL, OCS2007R2_DDL } from "../../migration-jobs/readers/schema-ddl";
import { expectValidTsql } from "../support/tsql";

const all = [...LYNC2010_DDL.map((s, i) => ["LYNC2010_DDL", i, s] as const), ...OCS2007R2_DDL.map((s, i) => ["OCS2007R2_DDL", i, s] as const)];

describe("legacy schema DDL", () => {
  it.each(all)("%s[%i] is guarded T-SQL", (name, i, sql) => {
    expectValidTsql(sql, `${name}[${i}]`);
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
});
