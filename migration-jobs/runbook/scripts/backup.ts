/**
 * Steps 3 and 5: SQL backups of the legacy Group Chat database and of `mgc` before anything writes
 * to them (domain §2.3 step 1, §2.4 steps 1 and 4: the import merges and overwrites on name
 * conflicts). Written to the staging share, verified with RESTORE VERIFYONLY; a marker per run and
 * step means a re-run reuses a verified backup instead of taking another.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";
import { BACKUP_DATABASE_SQL, VERIFY_BACKUP_SQL } from "./tsql";

export interface BackupArgs {
  /** `fqdn` or `fqdn\instance`. */
  dataSource: string;
  database: string;
  /** Full path of the .bak file, as the SQL Server service sees it (a UNC path on the staging share). */
  backupFile: string;
  /** SQL login, or null for Windows authentication; the password is the protected `SqlPassword`. */
  sqlLogin: string | null;
}

export function renderBackupDatabase(ctx: StepContext, args: BackupArgs): RenderedScript {
  return renderStepScript(ctx, {
    params: {
      DataSource: args.dataSource,
      Database: args.database,
      BackupFile: args.backupFile,
      SqlLogin: args.sqlLogin ?? "",
      BackupSql: BACKUP_DATABASE_SQL,
      VerifySql: VERIFY_BACKUP_SQL,
    },
    protectedParams: args.sqlLogin ? ["SqlPassword"] : [],
    functions: `
function Invoke-BackupSql {
  param([string]$Sql)
  $builder = New-Object System.Data.SqlClient.SqlConnectionStringBuilder
  $builder['Data Source'] = $DataSource
  $builder['Initial Catalog'] = 'master'
  $builder['Integrated Security'] = ($SqlLogin -eq '')
  $connection = New-Object System.Data.SqlClient.SqlConnection($builder.ConnectionString)
  if ($SqlLogin -ne '') {
    # The password goes in a SqlCredential, never into the connection string, so no error text can carry it.
    $secure = ConvertTo-SecureString -String $SqlPassword -AsPlainText -Force
    $secure.MakeReadOnly()
    $connection.Credential = New-Object System.Data.SqlClient.SqlCredential($SqlLogin, $secure)
  }
  $connection.Open()
  try {
    $command = $connection.CreateCommand()
    $command.CommandTimeout = 0
    $command.CommandText = $Sql
    $command.Parameters.AddWithValue('@database', $Database) | Out-Null
    $command.Parameters.AddWithValue('@path', $BackupFile) | Out-Null
    $command.ExecuteNonQuery() | Out-Null
  } finally {
    $connection.Close()
  }
}`,
    body: `
if ($SqlLogin -ne '' -and $SqlPassword -eq '') { throw 'SqlLogin is set but the protected parameter SqlPassword is empty' }
$folder = Split-Path -Parent $BackupFile
if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder | Out-Null }
Invoke-BackupSql -Sql $BackupSql
Invoke-BackupSql -Sql $VerifySql
$bytes = (Get-Item -LiteralPath $BackupFile).Length
if ($bytes -le 0) { throw ('backup file is empty: ' + $BackupFile) }
$data['database'] = $Database
$data['backupFile'] = $BackupFile
$data['bytes'] = $bytes`,
  });
}
