/**
 * Steps 3 and 5: SQL backups of the legacy Group Chat database and of `mgc` before anything writes
 * to them (domain §2.3 step 1, §2.4 steps 1 and 4: the import merges and overwrites on name
 * conflicts). Written to the staging share, verified with RESTORE VERIFYONLY; a marker per run and
 * step means a re-run reuses a verified backup instead of taking another.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";
import { INVOKE_KIT_SQL } from "../../powershell/sql";
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
    functions: INVOKE_KIT_SQL,
    body: `
if ($SqlLogin -ne '' -and $SqlPassword -eq '') { throw 'SqlLogin is set but the protected parameter SqlPassword is empty' }
$folder = Split-Path -Parent $BackupFile
if (-not (Test-Path -LiteralPath $folder)) { New-Item -ItemType Directory -Path $folder | Out-Null }
# No timeout: a backup takes as long as the database is big.
$values = @{ database = $Database; path = $BackupFile }
Invoke-KitSql -DataSource $DataSource -SqlLogin $SqlLogin -Sql $BackupSql -Values $values -Timeout 0
Invoke-KitSql -DataSource $DataSource -SqlLogin $SqlLogin -Sql $VerifySql -Values $values -Timeout 0
$bytes = (Get-Item -LiteralPath $BackupFile).Length
if ($bytes -le 0) { throw ('backup file is empty: ' + $BackupFile) }
$data['database'] = $Database
$data['backupFile'] = $BackupFile
$data['bytes'] = $bytes`,
  });
}
