/**
 * Snapshots of the Lync install's first five steps (issue 11): the lab CA, the SQL logins, the media and
 * core components, AD preparation and the Central Management store, one per renderer and variant, so a
 * change to a script shows as a diff (`npx jest test/scripts -u` after reading it). The PowerShell suite
 * (test/powershell/) parses each with PowerShell's parser and runs it against the fake world.
 */
import type { ProvisioningTarget } from "../../migration-jobs/powershell/frame";
import { AD_PREP_STEP, renderAdPrepScript } from "../../src/components/scripts/lync/ad-prep";
import { CMS_STEP, renderCmsScript } from "../../src/components/scripts/lync/cms";
import { LYNC_CORE_PACKAGES, MEDIA_STEP, renderLyncMediaScript } from "../../src/components/scripts/lync/media";
import { PKI_STEP, renderEnterpriseCaScript } from "../../src/components/scripts/lync/pki";
import { LYNC_ENSURE_SYSADMIN_SQL, lyncSqlDbaGrants, renderLyncSqlLoginsScript, SQL_LOGINS_STEP } from "../../src/components/scripts/lync/sql-logins";

const target = (computerName: string): ProvisioningTarget => ({ runId: "1", computerName });

describe("lab PKI", () => {
  it("an Enterprise root CA on the domain controller", () => {
    const r = renderEnterpriseCaScript(target("LABDC01"), { caCommonName: "CONTOSO-CA" });
    expect(r.stepId).toBe(PKI_STEP);
    expect(r.parameters.CaCommonName).toBe("CONTOSO-CA");
    expect(r.script).toMatchSnapshot();
  });

  it.each([["a name with a quote", "CONTOSO'CA"], ["an empty name", ""], ["a path", "CA\\x"]])("refuses %s", (_, name) => {
    expect(() => renderEnterpriseCaScript(target("LABDC01"), { caCommonName: name })).toThrow(/CA common name/);
  });
});

describe("SQL logins", () => {
  it("sysadmin in a lab", () => {
    const r = renderLyncSqlLoginsScript(target("LABSQL01"), { logins: ["CONTOSO\\pckadmin"], sysadmin: true, sqlLogin: "pchatkit" });
    expect(r.stepId).toBe(SQL_LOGINS_STEP);
    expect(r.protectedParameters).toEqual(["SqlPassword"]);
    expect(r.parameters.DbaGrants).toBe("");
    expect(r.parameters.EnsureSysadminSql).toBe(LYNC_ENSURE_SYSADMIN_SQL);
    expect(r.script).toMatchSnapshot();
  });

  it("logins only in staging, with what a DBA must grant", () => {
    const args = { logins: ["FABRIKAM\\svc-lync", "FABRIKAM\\pckadmin"], sysadmin: false, sqlLogin: "pchatkit" };
    const r = renderLyncSqlLoginsScript(target("STGSQL01"), args);
    expect(lyncSqlDbaGrants(args)).toHaveLength(2);
    expect(r.parameters.DbaGrants).toContain("FABRIKAM\\svc-lync: a Windows login in the sysadmin server role");
    expect(r.script).toMatchSnapshot();
  });

  it.each([["no domain", "pckadmin"], ["a quote", "CONTOSO\\o'brien"], ["two backslashes", "A\\B\\C"]])("refuses a login with %s", (_, login) => {
    expect(() => renderLyncSqlLoginsScript(target("LABSQL01"), { logins: [login], sysadmin: true, sqlLogin: "pchatkit" })).toThrow(/Windows account/);
  });

  it("the SQL password and the logins never reach the script text as values to run", () => {
    const r = renderLyncSqlLoginsScript(target("LABSQL01"), { logins: ["CONTOSO\\pckadmin"], sysadmin: true, sqlLogin: "pchatkit" });
    expect(r.script).toContain("[Parameter(Mandatory = $true)][string]$SqlPassword");
    expect(r.script).not.toMatch(/Password=/);
  });
});

describe("media and core components", () => {
  it("every Lync server", () => {
    const r = renderLyncMediaScript(target("LABFE01"), { downloadFolder: "C:\\PchatKit\\LyncMedia" });
    expect(r.stepId).toBe(MEDIA_STEP);
    expect(r.protectedParameters).toEqual(["MediaUrl", "UpdateUrl"]);
    for (const p of LYNC_CORE_PACKAGES) expect(r.script).toContain(p.file.replace(/'/g, "''"));
    expect(r.script).toMatchSnapshot();
  });

  it.each([["a relative folder", "media"], ["a trailing backslash", "C:\\media\\"], ["a quote", "C:\\o'media"]])("refuses %s", (_, folder) => {
    expect(() => renderLyncMediaScript(target("LABFE01"), { downloadFolder: folder })).toThrow(/local folder/);
  });
});

describe("AD preparation", () => {
  it("schema, forest, domain and the admin's groups", () => {
    const r = renderAdPrepScript(target("LABFE01"), { domainFqdn: "contoso.local", adminAccount: "CONTOSO\\pckadmin" });
    expect(r.stepId).toBe(AD_PREP_STEP);
    expect(r.script).toMatchSnapshot();
  });

  it("refuses an account without its domain", () => {
    expect(() => renderAdPrepScript(target("LABFE01"), { domainFqdn: "contoso.local", adminAccount: "pckadmin" })).toThrow(/Windows account/);
  });
});

describe("Central Management store", () => {
  it("Standard Edition: the front end's own SQL Express RTC instance first", () => {
    const r = renderCmsScript(target("LABFE01"), { edition: "Standard", sqlServerFqdn: "labfe01.contoso.local", sqlInstanceName: "rtc" });
    expect(r.stepId).toBe(CMS_STEP);
    expect(r.script).toContain("/BootstrapSqlExpress");
    expect(r.script).toMatchSnapshot();
  });

  it("Enterprise Edition: the pool's back end, default instance", () => {
    const r = renderCmsScript(target("STGFE01"), { edition: "Enterprise", sqlServerFqdn: "stgsql01.fabrikam.com", sqlInstanceName: null });
    expect(r.script).not.toContain("Bootstrapper");
    expect(r.parameters.SqlInstanceName).toBe("");
    expect(r.script).toMatchSnapshot();
  });

  it("refuses an instance name that is not one", () => {
    expect(() => renderCmsScript(target("LABFE01"), { edition: "Enterprise", sqlServerFqdn: "sql.contoso.local", sqlInstanceName: "a b" })).toThrow(/instance/);
  });
});
