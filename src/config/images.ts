/**
 * The allow-lists of OS images and SQL Server versions. There is no marketplace lookup at preview
 * time, so the kit only accepts what it knows exists, and knows which of those Lync 2013 supports.
 */

export interface OsImage {
  /** The value of `pchat-kit:image`. */
  key: string;
  publisher: string;
  offer: string;
  sku: string;
  label: string;
  /** domain §6.4: Lync 2013 supports Windows Server 2008 R2 SP1, 2012 and 2012 R2 only. */
  supportedForLync: boolean;
}

export const OS_IMAGES: readonly OsImage[] = [
  { key: "2012-Datacenter", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2012-Datacenter", label: "Windows Server 2012 Datacenter", supportedForLync: true },
  { key: "2012-R2-Datacenter", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2012-R2-Datacenter", label: "Windows Server 2012 R2 Datacenter", supportedForLync: true },
  { key: "2016-Datacenter", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2016-Datacenter", label: "Windows Server 2016 Datacenter", supportedForLync: false },
  { key: "2019-Datacenter", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2019-Datacenter", label: "Windows Server 2019 Datacenter", supportedForLync: false },
  { key: "2022-datacenter-g2", publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku: "2022-datacenter-g2", label: "Windows Server 2022 Datacenter (Gen2)", supportedForLync: false },
];

/** Supported by Lync but absent from the Azure marketplace: named so the error can say so. */
export const OS_NOT_IN_MARKETPLACE: readonly string[] = ["2008-R2-SP1", "2008-R2-Datacenter", "2008-R2-SP1-Datacenter"];

export interface SqlImage {
  /** The value of `pchat-kit:sql.version` (or `legacy.sqlVersion`). */
  version: string;
  /** Marketplace offer of publisher `MicrosoftSQLServer`; its OS comes with it. */
  offer: string;
  /** domain §6.4: `mgc` and `mgccomp` need SQL Server 2008 R2 or 2012. */
  supportedForLync: boolean;
}

export const SQL_IMAGES: readonly SqlImage[] = [
  { version: "2012", offer: "SQL2012SP4-WS2012R2", supportedForLync: true },
  { version: "2014", offer: "SQL2014SP3-WS2012R2", supportedForLync: false },
  { version: "2016", offer: "SQL2016SP3-WS2019", supportedForLync: false },
  { version: "2017", offer: "SQL2017-WS2019", supportedForLync: false },
  { version: "2019", offer: "sql2019-ws2019", supportedForLync: false },
  { version: "2022", offer: "sql2022-ws2022", supportedForLync: false },
];

export const SQL_NOT_IN_MARKETPLACE: readonly string[] = ["2008R2", "2008 R2", "2008-R2"];

/** domain §6.4: Standard or Enterprise; Developer is Enterprise's feature set without its licence. */
export const SQL_EDITIONS_SUPPORTED: readonly string[] = ["Standard", "Enterprise"];
export const SQL_EDITIONS_LAB_ONLY: readonly string[] = ["Developer"];
/** domain §6.4: Express only on a Standard Edition collocated server; Web and Workgroup never. */
export const SQL_EDITIONS_REFUSED: readonly string[] = ["Express", "Web", "Workgroup"];

export function findOsImage(key: string): OsImage | undefined {
  return OS_IMAGES.find((i) => i.key.toLowerCase() === key.toLowerCase());
}

export function findSqlImage(version: string): SqlImage | undefined {
  return SQL_IMAGES.find((i) => i.version === version);
}

/** Marketplace SKU of the `MicrosoftSQLServer` images for an edition. */
export function sqlImageSku(edition: string): string {
  return edition === "Developer" ? "SQLDEV" : edition;
}
