/**
 * The in-guest scripts of the components, read as text. The scripts are parsed and run by the
 * PowerShell suite (test/powershell/) under pwsh: Syntax.Tests.ps1 parses every one with the real
 * parser, Shapes.Tests.ps1 checks the NTFS step's Initialize-Disk and Format-Volume calls (one
 * Format-Volume per guest disk, with its switches) and Scripts.Tests.ps1 runs them in a fake world.
 */
import { renderNtfsScript, guestFormattedDisks } from "../../src/components/scripts/ntfs";
import { renderFeaturesScript } from "../../src/components/scripts/features";
import { renderForestScript, renderDomainReadyScript } from "../../src/components/scripts/forest";
import { renderShareScript } from "../../src/components/scripts/share";
import { renderRestoreScript } from "../../src/components/scripts/restore";
import { RESULT_LINE_PREFIX } from "../../migration-jobs/powershell/frame";
import type { ProvisioningTarget } from "../../migration-jobs/powershell/frame";
import { labPlan } from "./fixtures";

const plan = labPlan();
const AT: ProvisioningTarget = { runId: "1", computerName: "LABSQL01" };
const sql = plan.servers.find((s) => s.key === "sql-1")!;
const dc = plan.servers.find((s) => s.key === "dc-1")!;

const scripts: Array<[string, string]> = [
  ["ntfs (sql-1)", renderNtfsScript(AT, sql.dataDisks).script],
  ["ntfs (dc-1)", renderNtfsScript(AT, dc.dataDisks).script],
  ["features", renderFeaturesScript(AT, ["MSMQ-Server", "MSMQ-Directory"]).script],
  ["forest", renderForestScript(AT, { domainFqdn: "contoso.local", netbiosName: "CONTOSO", adDriveLetter: "F" }).script],
  ["forest without AD disk", renderForestScript(AT, { domainFqdn: "contoso.local", netbiosName: "CONTOSO", adDriveLetter: null }).script],
  ["domain ready", renderDomainReadyScript(AT, "contoso.local", plan.dns).script],
  ["share", renderShareScript(AT, plan.shares[0]!, "CONTOSO").script],
  ["restore", renderRestoreScript(AT, { database: "GroupChat", downloadFolder: "H:\\Restore", dataPath: "F:\\SQLData", logPath: "G:\\SQLLog", sqlLogin: "pchatkit" }).script],
];

describe.each(scripts)("%s script", (_name, script) => {
  it("uses the step frame's provisioning options: strict, computer check, one result line, rethrow, no markers", () => {
    expect(script).toContain("Set-StrictMode -Version Latest");
    expect(script).toContain("$ErrorActionPreference = 'Stop'");
    expect(script).toContain("if ($env:COMPUTERNAME -ne $ExpectedComputer)");
    expect(script.split("\n").filter((l) => l.includes(`'${RESULT_LINE_PREFIX}'`))).toHaveLength(1);
    const lines = script.trimEnd().split("\n").map((l) => l.trim());
    expect(lines.slice(-3)).toEqual(["Write-StepResult -Status 'failed'", "throw", "}"]);
    // No staging share exists yet: the step reads the real state, never a done marker.
    expect(script).not.toContain("Set-StepDone");
    expect(script).not.toContain("$StagingFolder");
  });
});

describe("NTFS step", () => {
  it("formats only guest-step disks, selected by LUN, only when RAW, with the planned cluster size", () => {
    const script = renderNtfsScript(AT, sql.dataDisks).script;
    expect(guestFormattedDisks(sql.dataDisks).map((d) => d.lun)).toEqual([2]);
    expect(script).toContain('Get-Disk | Where-Object Location -match "LUN $lun$"');
    expect(script).toContain("$lun = 2");
    expect(script).not.toContain("$lun = 0");
    expect(script).toContain("if ($disk.PartitionStyle -eq 'RAW') {");
    expect(script).toContain("Initialize-Disk -Number $disk.Number -PartitionStyle GPT");
    expect(script).toContain("New-Partition -DiskNumber $disk.Number -UseMaximumSize -DriveLetter H");
    expect(script).toContain("Format-Volume -DriveLetter H -FileSystem NTFS -AllocationUnitSize 65536 -NewFileSystemLabel 'SQL-BACKUP'");
    expect(script).toContain("if ($volume.FileSystem -ne 'NTFS')");
  });

  it("uses the NTFS default cluster size (4 KB) where the plan says 4", () => {
    expect(renderNtfsScript(AT, dc.dataDisks).script).toContain("-FileSystem NTFS -AllocationUnitSize 4096 -NewFileSystemLabel 'AD-DATA'");
  });

  it.each([
    ["a FAT32 disk", { fileSystem: "FAT32" }, /not NTFS/],
    ["drive letter D (the temporary disk)", { driveLetter: "D" }, /outside F..Z/],
  ])("refuses %s", (_n, patch, message) => {
    const bad = { ...dc.dataDisks[0]!, ...patch } as unknown as (typeof dc.dataDisks)[number];
    expect(() => renderNtfsScript(AT, [bad])).toThrow(message);
  });
});

describe("secrets stay out of script text", () => {
  it("takes the safe-mode password, backup URL and SQL password as parameters", () => {
    expect(renderForestScript(AT, { domainFqdn: "c.local", netbiosName: "C", adDriveLetter: null }).protectedParameters).toEqual(["SafeModePassword"]);
    const restore = renderRestoreScript(AT, { database: "GroupChat", downloadFolder: "H:\\R", dataPath: "F:\\D", logPath: "G:\\L", sqlLogin: "pchatkit" }).script;
    expect(restore).toMatch(/^  \[Parameter\(Mandatory = \$true\)\]\[string\]\$BackupUrl,$/m);
    expect(restore).toMatch(/^  \[Parameter\(Mandatory = \$true\)\]\[string\]\$SqlPassword$/m);
    // The download error is replaced, since the exception text can hold the SAS.
    expect(restore).toContain("throw 'Download of the legacy backup failed");
  });
});
