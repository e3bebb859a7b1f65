/**
 * Restore of the legacy Group Chat database into the lab's legacy SQL Server, from a backup URL.
 * The URL may carry a SAS token and the SQL password is a secret: both arrive as protected
 * parameters and are never echoed, not even in an error message.
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../migration-jobs/powershell/frame";

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
    body: [
      `$database = ${psString(a.database)}`,
      `$folder = ${psString(a.downloadFolder)}`,
      `$bak = Join-Path $folder ($database + '.bak')`,
      `$builder = New-Object System.Data.SqlClient.SqlConnectionStringBuilder`,
      "$builder['Data Source'] = 'localhost'",
      "$builder['Initial Catalog'] = 'master'",
      `$connection = New-Object System.Data.SqlClient.SqlConnection($builder.ConnectionString)`,
      // The password goes in a SqlCredential, never into the connection string, so no error text can carry it.
      "$secure = ConvertTo-SecureString -String $SqlPassword -AsPlainText -Force",
      "$secure.MakeReadOnly()",
      `$connection.Credential = New-Object System.Data.SqlClient.SqlCredential(${psString(a.sqlLogin)}, $secure)`,
      "$connection.Open()",
      "try {",
      "  $check = $connection.CreateCommand()",
      "  $check.CommandText = 'SELECT COUNT(*) FROM sys.databases WHERE name = @name'",
      "  $check.Parameters.AddWithValue('@name', $database) | Out-Null",
      "  if ([int]$check.ExecuteScalar() -gt 0) {",
      "    $status = 'skipped'",
      "  } else {",
      "    New-Item -ItemType Directory -Path $folder -Force | Out-Null",
      "    try {",
      "      Invoke-WebRequest -Uri $BackupUrl -OutFile $bak -UseBasicParsing",
      "    } catch {",
      // The exception text can contain the URL and so the SAS token: replace it.
      "      throw 'Download of the legacy backup failed: check pchat-kit:legacyBackupUrl (URL and SAS expiry)'",
      "    }",
      "    $list = $connection.CreateCommand()",
      `    $list.CommandText = ${psString(RESTORE_FILELIST_SQL)}`,
      "    $list.Parameters.AddWithValue('@bak', $bak) | Out-Null",
      "    $reader = $list.ExecuteReader()",
      "    $moves = @()",
      "    while ($reader.Read()) {",
      `      $target = if ($reader['Type'] -eq 'L') { ${psString(a.logPath)} } else { ${psString(a.dataPath)} }`,
      "      $file = Join-Path $target ($database + '_' + $reader['LogicalName'] + [System.IO.Path]::GetExtension($reader['PhysicalName']))",
      // Both literals escaped: a logical file name may hold a quote, and the target path is built from it.
      "      $moves += (\"MOVE N'\" + ($reader['LogicalName'] -replace \"'\", \"''\") + \"' TO N'\" + ($file -replace \"'\", \"''\") + \"'\")",
      "    }",
      "    $reader.Close()",
      "    $restore = $connection.CreateCommand()",
      "    $restore.CommandTimeout = 0",
      "    $restore.CommandText = 'RESTORE DATABASE [' + $database + '] FROM DISK = @bak WITH RECOVERY, ' + ($moves -join ', ')",
      "    $restore.Parameters.AddWithValue('@bak', $bak) | Out-Null",
      "    $restore.ExecuteNonQuery() | Out-Null",
      "    $data['bytes'] = (Get-Item -LiteralPath $bak).Length",
      "  }",
      "} finally {",
      "  $connection.Close()",
      "}",
      "$data['database'] = $database",
    ].join("\n"),
  });
}
