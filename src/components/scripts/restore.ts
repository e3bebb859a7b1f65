/**
 * Restore of the legacy Group Chat database into the lab's legacy SQL Server, from a backup URL.
 * The URL may carry a SAS token and the SQL password is a secret: both arrive as protected
 * parameters and are never echoed, not even in an error message.
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../migration-jobs/powershell/frame";
import { INVOKE_KIT_SQL } from "../../../migration-jobs/powershell/sql";

export const RESTORE_STEP = "legacy-restore";

export interface RestoreScriptArgs {
  database: string;
  /** Folder on the legacy SQL VM where the .bak is downloaded (a guest-formatted backup disk). */
  downloadFolder: string;
  dataPath: string;
  logPath: string;
  /** SQL login created by SqlVirtualMachine (sysadmin); its password is a protected parameter. */
  sqlLogin: string;
}

/** The T-SQL the script runs, kept separate so that it can be syntax-checked. `@bak` is a parameter. */
export const RESTORE_FILELIST_SQL = "RESTORE FILELISTONLY FROM DISK = @bak";

/** Skips when the database already exists, so a re-run never overwrites migrated-from data. */
export function renderRestoreScript(target: ProvisioningTarget, a: RestoreScriptArgs): RenderedScript {
  if (!/^[A-Za-z0-9_]+$/.test(a.database)) throw new Error(`legacy database name ${a.database} is not a plain identifier`);
  return renderProvisioningScript(target, RESTORE_STEP, {
    params: {},
    protectedParams: ["BackupUrl", "SqlPassword"],
    functions: INVOKE_KIT_SQL,
    body: [
      `$database = ${psString(a.database)}`,
      `$folder = ${psString(a.downloadFolder)}`,
      `$bak = Join-Path $folder ($database + '.bak')`,
      `$server = @{ DataSource = 'localhost'; SqlLogin = ${psString(a.sqlLogin)} }`,
      "if ((Invoke-KitSql @server -Sql 'SELECT COUNT(*) FROM sys.databases WHERE name = @name' -Values @{ name = $database } -Returns Scalar) -gt 0) {",
      "  $status = 'skipped'",
      "} else {",
      "  New-Item -ItemType Directory -Path $folder -Force | Out-Null",
      "  try {",
      "    Invoke-WebRequest -Uri $BackupUrl -OutFile $bak -UseBasicParsing",
      "  } catch {",
      // The exception text can contain the URL and so the SAS token: replace it.
      "    throw 'Download of the legacy backup failed: check pchat-kit:legacyBackupUrl (URL and SAS expiry)'",
      "  }",
      "  $moves = @()",
      `  foreach ($file in @(Invoke-KitSql @server -Sql ${psString(RESTORE_FILELIST_SQL)} -Values @{ bak = $bak } -Returns Rows)) {`,
      `    $target = if ($file['Type'] -eq 'L') { ${psString(a.logPath)} } else { ${psString(a.dataPath)} }`,
      "    $path = Join-Path $target ($database + '_' + $file['LogicalName'] + [System.IO.Path]::GetExtension($file['PhysicalName']))",
      // Both literals escaped: a logical file name may hold a quote, and the target path is built from it.
      "    $moves += (\"MOVE N'\" + ($file['LogicalName'] -replace \"'\", \"''\") + \"' TO N'\" + ($path -replace \"'\", \"''\") + \"'\")",
      "  }",
      // No timeout: a restore takes as long as the database is big.
      "  Invoke-KitSql @server -Sql ('RESTORE DATABASE [' + $database + '] FROM DISK = @bak WITH RECOVERY, ' + ($moves -join ', ')) -Values @{ bak = $bak } -Timeout 0",
      "  $data['bytes'] = (Get-Item -LiteralPath $bak).Length",
      "}",
      "$data['database'] = $database",
    ].join("\n"),
  });
}
