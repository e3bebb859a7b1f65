/**
 * Snapshots of the database update after the cumulative update (issue 11, step 7): the CU's
 * `Install-CsDatabase -Update` for each SQL Server and, on Standard Edition, the local databases.
 * The PowerShell suite runs it against the fake world (Test-CsDatabase, Install-CsDatabase -Update).
 */
import type { ProvisioningTarget } from "../../migration-jobs/powershell/frame";
import { DB_UPDATE_STEP, renderDatabaseUpdateScript } from "../../src/components/scripts/lync/db-update";

const target: ProvisioningTarget = { runId: "1", computerName: "LABFE01" };

describe("database update after the cumulative update", () => {
  it("tests and updates each SQL Server once, the local databases on a Standard Edition server", () => {
    const s = renderDatabaseUpdateScript(target, { sqlServerFqdns: ["labfe01.contoso.local", "LABFE01.contoso.local", "labsql02.contoso.local"], localDatabases: true });
    expect(s.stepId).toBe(DB_UPDATE_STEP);
    expect(s.parameters.SqlServers).toBe("labfe01.contoso.local,labsql02.contoso.local");
    expect(s.parameters.LocalDatabases).toBe("true");
    expect(s.protectedParameters).toEqual([]);
    expect(s.script).toContain("Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn $SqlServer");
    expect(s.script).toContain("Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn $sql -Update");
    expect(s.script).toContain("Install-CsDatabase -Update -LocalDatabases");
    expect(s.script).toMatchSnapshot();
  });

  it("an Enterprise pool's back end: no local databases", () => {
    const s = renderDatabaseUpdateScript(target, { sqlServerFqdns: ["labsql01.contoso.local"], localDatabases: false });
    expect(s.parameters.LocalDatabases).toBe("false");
    expect(s.script).toMatchSnapshot();
  });

  it("refuses a SQL Server that is not an FQDN, and nothing to update", () => {
    expect(() => renderDatabaseUpdateScript(target, { sqlServerFqdns: ["labsql01"], localDatabases: false })).toThrow(/not a fully qualified domain name/);
    expect(() => renderDatabaseUpdateScript(target, { sqlServerFqdns: [], localDatabases: false })).toThrow(/no SQL Server/);
  });
});
