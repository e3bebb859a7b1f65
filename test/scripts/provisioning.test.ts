/**
 * Snapshots of the provisioning scripts, one per renderer and variant, so that a reviewer sees every
 * change to a script the kit ships as a diff of its text (test/scripts/__snapshots__/). After an
 * intended change, look at the diff, then `npx jest test/scripts -u`.
 *
 * The text alone proves little: the PowerShell suite (test/powershell/) parses every script the kit
 * renders with PowerShell's own parser and runs it against the fake world.
 */
import type { ProvisioningTarget } from "../../migration-jobs/powershell/frame";
import { renderFeaturesScript } from "../../src/components/scripts/features";
import { renderDomainReadyScript, renderForestScript } from "../../src/components/scripts/forest";
import { renderNtfsScript } from "../../src/components/scripts/ntfs";
import { renderRestoreScript } from "../../src/components/scripts/restore";
import { renderShareScript } from "../../src/components/scripts/share";
import type { DataDiskPlan } from "../../src/topology/plan";

const target = (computerName: string): ProvisioningTarget => ({ runId: "1", computerName });

const disk = (d: Pick<DataDiskPlan, "lun" | "purpose" | "driveLetter" | "label" | "allocationUnitKb" | "formattedBy">): DataDiskPlan => ({
  sizeGb: 128,
  caching: d.formattedBy === "sql-vm" ? "ReadOnly" : "None",
  fileSystem: "NTFS",
  ...d,
});

describe("NTFS data disks", () => {
  it("64 KB clusters (a SQL Server's backup disk; its data and log LUNs are left to SqlVirtualMachine)", () => {
    const disks = [
      disk({ lun: 0, purpose: "sql-data", driveLetter: "F", label: "SQL-DATA", allocationUnitKb: 64, formattedBy: "sql-vm" }),
      disk({ lun: 1, purpose: "sql-log", driveLetter: "G", label: "SQL-LOG", allocationUnitKb: 64, formattedBy: "sql-vm" }),
      disk({ lun: 2, purpose: "backup", driveLetter: "H", label: "SQL-BACKUP", allocationUnitKb: 64, formattedBy: "guest-step" }),
    ];
    expect(renderNtfsScript(target("LABSQL01"), disks).script).toMatchSnapshot();
  });

  it("4 KB clusters (the domain controller's AD disk, the file server's share disk)", () => {
    const disks = [
      disk({ lun: 0, purpose: "ad-database", driveLetter: "F", label: "AD-DATA", allocationUnitKb: 4, formattedBy: "guest-step" }),
      disk({ lun: 1, purpose: "file-store", driveLetter: "G", label: "PCHAT-FILES", allocationUnitKb: 4, formattedBy: "guest-step" }),
    ];
    expect(renderNtfsScript(target("LABDC01"), disks).script).toMatchSnapshot();
  });
});

describe("new forest", () => {
  it("with an AD disk (NTDS, logs and SYSVOL on F:)", () => {
    expect(renderForestScript(target("LABDC01"), { domainFqdn: "contoso.local", netbiosName: "CONTOSO", adDriveLetter: "F" }).script).toMatchSnapshot();
  });

  it("without an AD disk", () => {
    expect(renderForestScript(target("LABDC01"), { domainFqdn: "contoso.local", netbiosName: "CONTOSO", adDriveLetter: null }).script).toMatchSnapshot();
  });

  it("domain ready, with the pool FQDN on two servers", () => {
    const records = [
      { zone: "contoso.local", name: "labpc01", type: "A" as const, addresses: ["10.10.2.10"] },
      { zone: "contoso.local", name: "pchatpool", type: "A" as const, addresses: ["10.10.2.10", "10.10.2.11"] },
    ];
    expect(renderDomainReadyScript(target("LABDC01"), "contoso.local", records).script).toMatchSnapshot();
  });
});

it("file share", () => {
  const share = { key: "pchat", purpose: "persistent-chat-file-store" as const, kind: "windows-share" as const, serverKey: "fs-1", localPath: "G:\\Shares\\pchatfs", shareName: "pchatfs", uncPath: "\\\\labfs01.contoso.local\\pchatfs", quotaGb: 100 };
  expect(renderShareScript(target("LABFS01"), share, "CONTOSO").script).toMatchSnapshot();
});

it("legacy restore", () => {
  const restore = renderRestoreScript(target("LABSQLGC01"), { database: "GroupChat", downloadFolder: "H:\\Restore", dataPath: "F:\\SQLData", logPath: "G:\\SQLLog", sqlLogin: "pchatkit" });
  expect(restore.protectedParameters).toEqual(["BackupUrl", "SqlPassword"]);
  expect(restore.script).toMatchSnapshot();
});

it("Windows features", () => {
  expect(renderFeaturesScript(target("LABPC01"), ["MSMQ-Server", "MSMQ-Directory"]).script).toMatchSnapshot();
});
