/**
 * Data disks of a server: LUNs in order, drive letters from F, and the NTFS cluster size. 64 KB
 * only where SQL Server keeps database or log files (SQL Server's own guidance); 4 KB elsewhere.
 */
import type { DataDiskPlan, DiskPurpose } from "./plan";

/** Volume labels and caching per disk purpose. 64 KB clusters only where SQL keeps database files. */
export const DISK_SPECS: Record<DiskPurpose, { label: string; caching: DataDiskPlan["caching"]; allocationUnitKb: 4 | 64; formattedBy: DataDiskPlan["formattedBy"] }> = {
  "sql-data": { label: "SQL-DATA", caching: "ReadOnly", allocationUnitKb: 64, formattedBy: "sql-vm" },
  "sql-log": { label: "SQL-LOG", caching: "None", allocationUnitKb: 64, formattedBy: "sql-vm" },
  database: { label: "LYNC-DB", caching: "ReadOnly", allocationUnitKb: 64, formattedBy: "guest-step" },
  "file-store": { label: "FILE-STORE", caching: "None", allocationUnitKb: 4, formattedBy: "guest-step" },
  backup: { label: "SQL-BACKUP", caching: "None", allocationUnitKb: 4, formattedBy: "guest-step" },
  // Microsoft's guidance for AD on Azure: no host caching on the NTDS disk.
  "ad-database": { label: "AD-DATA", caching: "None", allocationUnitKb: 4, formattedBy: "guest-step" },
  application: { label: "APP", caching: "ReadOnly", allocationUnitKb: 4, formattedBy: "guest-step" },
};

/** Drive letters F..Z: C is the OS, D Azure's temporary disk, E left for the DVD drive. */
function driveLetter(index: number): string {
  return String.fromCharCode("F".charCodeAt(0) + index);
}

export function disks(specs: { purpose: DiskPurpose; sizeGb: number; label?: string }[]): DataDiskPlan[] {
  return specs.map((s, i) => {
    const spec = DISK_SPECS[s.purpose];
    return {
      lun: i,
      sizeGb: s.sizeGb,
      purpose: s.purpose,
      caching: spec.caching,
      driveLetter: driveLetter(i),
      label: s.label ?? spec.label,
      allocationUnitKb: spec.allocationUnitKb,
      fileSystem: "NTFS",
      formattedBy: spec.formattedBy,
    };
  });
}

