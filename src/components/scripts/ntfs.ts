/**
 * NTFS formatting of a server's data disks, in the guest. Persistent Chat requires NTFS on every
 * volume (domain §6.4: "NTFS is mandatory"); SQL data and log LUNs are left to SqlVirtualMachine,
 * which formats them itself.
 */
import type { DataDiskPlan } from "../../topology/plan";
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../migration-jobs/powershell/frame";

export const NTFS_STEP = "ntfs-data-disks";

/** The disks the guest step formats: every data disk not formatted by SqlVirtualMachine. */
export function guestFormattedDisks(disks: readonly DataDiskPlan[]): DataDiskPlan[] {
  return disks.filter((d) => d.formattedBy === "guest-step");
}

/**
 * One block per disk. Disks are found by LUN because disk numbers change between reboots; only a
 * RAW disk is initialised, a missing volume created and a volume without a file system formatted, so
 * a re-run (or a rebuilt VM on kept disks) never wipes data and a half-done run is finished; and the
 * volume is checked to be NTFS afterwards whether this run formatted it or not.
 */
export function renderNtfsScript(target: ProvisioningTarget, disks: readonly DataDiskPlan[]): RenderedScript {
  const body: string[] = ["$formatted = @()", "$kept = @()"];
  for (const d of guestFormattedDisks(disks)) {
    // domain §6.4: NTFS only; the plan type already forbids anything else, this guards hand-made plans.
    if (d.fileSystem !== "NTFS") throw new Error(`LUN ${d.lun}: file system ${String(d.fileSystem)} is not NTFS`);
    if (!/^[F-Z]$/.test(d.driveLetter)) throw new Error(`LUN ${d.lun}: drive letter ${d.driveLetter} is outside F..Z`);
    const bytes = d.allocationUnitKb * 1024;
    body.push(
      `# LUN ${d.lun}: ${d.purpose}, ${d.sizeGb} GB -> ${d.driveLetter}: ${d.label}, ${d.allocationUnitKb} KB clusters`,
      `$lun = ${d.lun}`,
      '$disk = Get-Disk | Where-Object Location -match "LUN $lun$"',
      `if ($null -eq $disk) { throw "No data disk at LUN \${lun}: check the VM's data disks" }`,
      // Each stage is checked on its own, so a run that stopped half-way (initialised, not yet
      // partitioned or formatted) finishes the job instead of finding a disk that is no longer RAW.
      "if ($disk.PartitionStyle -eq 'RAW') { Initialize-Disk -Number $disk.Number -PartitionStyle GPT }",
      `if (@(Get-Volume -DriveLetter ${d.driveLetter} -ErrorAction SilentlyContinue).Count -eq 0) { New-Partition -DiskNumber $disk.Number -UseMaximumSize -DriveLetter ${d.driveLetter} | Out-Null }`,
      `$volume = Get-Volume -DriveLetter ${d.driveLetter}`,
      // Only a volume without a file system is formatted: one that has data is never wiped.
      "if ([string]$volume.FileSystem -eq '' -or [string]$volume.FileSystem -eq 'RAW') {",
      `  Format-Volume -DriveLetter ${d.driveLetter} -FileSystem NTFS -AllocationUnitSize ${bytes} -NewFileSystemLabel ${psString(d.label)} -Confirm:$false | Out-Null`,
      `  $formatted += ${psString(d.driveLetter)}`,
      "} else {",
      `  $kept += ${psString(d.driveLetter)}`,
      "}",
      `$volume = Get-Volume -DriveLetter ${d.driveLetter}`,
      `if ($volume.FileSystem -ne 'NTFS') { throw "Volume ${d.driveLetter}: (LUN \${lun}) is $($volume.FileSystem), not NTFS: reformat it or detach the disk" }`,
    );
  }
  body.push("$data['formatted'] = ($formatted -join ',')", "$data['kept'] = ($kept -join ',')", "if ($formatted.Count -eq 0) { $status = 'skipped' }");
  return renderProvisioningScript(target, NTFS_STEP, { params: {}, body: body.join("\n") });
}
