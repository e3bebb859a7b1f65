/**
 * Step 1b: the SQL access of the account that moves the data. Export- and Import-CsPersistentChatData
 * take no credential and reach SQL Server as the account that runs them (PS:Export-CsPersistentChatData,
 * PS:Import-CsPersistentChatData): the Run Commands' run-as account. Nothing else grants that domain
 * account a login, so this step does, on each SQL instance the migration touches, before anything
 * stops: a Windows login, CREATE ANY DATABASE (RESTORE VERIFYONLY of the backup steps), and in each
 * database a user in the roles the steps need. Connected as the kit's SQL login (sysadmin in a lab),
 * or with Windows authentication when the migration has no SQL login; when the connected account
 * cannot grant, the step fails naming what a DBA must grant (README, SQL access).
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";
import { INVOKE_KIT_SQL } from "../../powershell/sql";
import { CAN_GRANT_SQL, ENSURE_LOGIN_SQL, ENSURE_ROLE_SQL, GRANT_EXECUTE_SQL, GRANT_VERIFY_SQL } from "./tsql";

/** What one database must grant the run-as account. */
export interface DatabaseAccess {
  database: string;
  /** Fixed database roles, e.g. `db_datareader`. */
  roles: string[];
  /** GRANT EXECUTE on the database (inferred: the cmdlets' SQL is not documented). */
  execute: boolean;
}

export interface SqlAccessArgs {
  /** `fqdn` or `fqdn\instance`. */
  dataSource: string;
  /** The Windows account the Run Commands run as, `DOMAIN\user`. */
  login: string;
  databases: DatabaseAccess[];
  /** SQL login to connect with (its password is the protected `SqlPassword`), or null for Windows authentication. */
  sqlLogin: string | null;
}

const ROLE = /^db_[a-z]+$/;

/**
 * The rights each side needs (inferred from what the steps do; not documented per cmdlet):
 * the legacy database is read by the export and written by `-DisableExportedNodes` (batched), and
 * backed up; mgc is written by the import and backed up.
 */
export const LEGACY_DATABASE_ROLES = ["db_datareader", "db_datawriter", "db_backupoperator"];
export const STORE_DATABASE_ROLES = ["db_datareader", "db_datawriter", "db_backupoperator"];

export function renderSqlAccess(ctx: StepContext, args: SqlAccessArgs): RenderedScript {
  for (const d of args.databases) for (const r of d.roles) if (!ROLE.test(r)) throw new Error(`not a fixed database role: ${r}`);
  return renderStepScript(ctx, {
    params: {
      DataSource: args.dataSource,
      Login: args.login,
      SqlLogin: args.sqlLogin ?? "",
      // JSON, because Run Command parameters are strings.
      AccessJson: JSON.stringify(args.databases),
      CanGrantSql: CAN_GRANT_SQL,
      EnsureLoginSql: ENSURE_LOGIN_SQL,
      GrantVerifySql: GRANT_VERIFY_SQL,
      EnsureRoleSql: ENSURE_ROLE_SQL,
      GrantExecuteSql: GRANT_EXECUTE_SQL,
    },
    protectedParams: args.sqlLogin ? ["SqlPassword"] : [],
    functions: INVOKE_KIT_SQL,
    body: `
if ($SqlLogin -ne '' -and $SqlPassword -eq '') { throw 'SqlLogin is set but the protected parameter SqlPassword is empty' }
# No @(...): Windows PowerShell's ConvertFrom-Json emits a JSON array as one object.
$access = $AccessJson | ConvertFrom-Json
$data['login'] = $Login
$data['dataSource'] = $DataSource
$server = @{ DataSource = $DataSource; SqlLogin = $SqlLogin; Returns = 'Scalar' }
if ((Invoke-KitSql @server -Sql $CanGrantSql) -ne 1) {
  $needed = @($access | ForEach-Object { $_.database + ': ' + (($_.roles + @(if ($_.execute) { 'EXECUTE' })) -join ', ') }) -join '; '
  throw ('the account connected to ' + $DataSource + ' cannot grant SQL access (it is not sysadmin): have a DBA give the Windows login ' + $Login + ' CREATE ANY DATABASE and, per database, ' + $needed)
}
$changed = 0
$changed += Invoke-KitSql @server -Sql $EnsureLoginSql -Values @{ login = $Login }
$changed += Invoke-KitSql @server -Sql $GrantVerifySql -Values @{ login = $Login }
foreach ($d in $access) {
  foreach ($role in $d.roles) {
    $changed += Invoke-KitSql @server -Sql $EnsureRoleSql -Values @{ login = $Login; database = $d.database; role = $role }
  }
  if ($d.execute) { $changed += Invoke-KitSql @server -Sql $GrantExecuteSql -Values @{ login = $Login; database = $d.database } }
}
$data['changes'] = $changed
if ($changed -eq 0) { $status = 'skipped' }`,
  });
}
