/**
 * Step 2 of the Lync install (issue 11): SQL access on each SQL Server of the Lync stores. Lync setup
 * (Install-CsDatabase, Publish-CsTopology) and the migration (Export-/Import-CsPersistentChatData,
 * which take no credential: lync-install.md §2) reach SQL Server as the Windows account that runs
 * them, so that account needs a Windows login (`CREATE LOGIN ... FROM WINDOWS`). Installing the
 * Lync databases needs sysadmin on the instance (PS:Install-CsDatabase creates databases, logins and
 * roles): in a lab the step makes the logins sysadmin; elsewhere (staging) it creates the logins only
 * and says what a DBA must grant (`lyncSqlDbaGrants`). Connected as the kit's SQL login (its password
 * the protected SqlPassword), as the legacy restore does. T-SQL valid on SQL Server 2008 R2 (no
 * ALTER SERVER ROLE ... ADD MEMBER, which is 2012).
 */
import { renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { CAN_GRANT_SQL, ENSURE_LOGIN_SQL, INVOKE_KIT_SQL } from "../../../../migration-jobs/powershell/sql";

export const SQL_LOGINS_STEP = "lync-sql-logins";

export interface LyncSqlLoginsArgs {
  /** Windows accounts, `DOMAIN\account`. */
  logins: string[];
  /** Make each login sysadmin (a lab); false: logins only, a DBA grants the rest. */
  sysadmin: boolean;
  /** SQL login to connect with (created by SqlVirtualMachine); its password is the protected SqlPassword. */
  sqlLogin: string;
}


/**
 * @login in the sysadmin server role, added when missing; 1 when added. Membership read from the
 * catalog (IS_SRVROLEMEMBER answers for a Windows login only from a token it may not have).
 */
export const LYNC_ENSURE_SYSADMIN_SQL = `DECLARE @changed int = 0;
IF NOT EXISTS (SELECT 1 FROM sys.server_role_members m JOIN sys.server_principals r ON r.principal_id = m.role_principal_id JOIN sys.server_principals l ON l.principal_id = m.member_principal_id WHERE r.name = N'sysadmin' AND l.name = @login)
BEGIN
  EXEC sp_addsrvrolemember @login, N'sysadmin';
  SET @changed = 1;
END;
SELECT @changed;`;

const WINDOWS_ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,14}\\[A-Za-z0-9][A-Za-z0-9._ -]{0,19}$/;

/** What a DBA must grant where the kit does not make the logins sysadmin (README-facing). */
export function lyncSqlDbaGrants(args: LyncSqlLoginsArgs): string[] {
  if (args.sysadmin) return [];
  return args.logins.map(
    (l) => `${l}: a Windows login in the sysadmin server role while Lync Server installs its databases (Install-CsDatabase, Publish-CsTopology), and afterwards at least db_datareader, db_datawriter and db_backupoperator on mgc and on the legacy database for the migration`,
  );
}

export function renderLyncSqlLoginsScript(target: ProvisioningTarget, args: LyncSqlLoginsArgs): RenderedScript {
  if (args.logins.length === 0) throw new Error("renderLyncSqlLoginsScript: no logins");
  for (const l of args.logins) if (!WINDOWS_ACCOUNT.test(l)) throw new Error(`not a Windows account (DOMAIN\\account): ${l}`);
  return renderProvisioningScript(target, SQL_LOGINS_STEP, {
    params: {
      // JSON, because Run Command parameters are strings.
      LoginsJson: JSON.stringify(args.logins),
      Sysadmin: args.sysadmin ? "true" : "false",
      SqlLogin: args.sqlLogin,
      DbaGrants: lyncSqlDbaGrants(args).join(" | "),
      CanGrantSql: CAN_GRANT_SQL,
      EnsureLoginSql: ENSURE_LOGIN_SQL,
      EnsureSysadminSql: LYNC_ENSURE_SYSADMIN_SQL,
    },
    protectedParams: ["SqlPassword"],
    functions: INVOKE_KIT_SQL,
    body: `
# No @(...) around ConvertFrom-Json: Windows PowerShell's ConvertFrom-Json emits a JSON array as one object.
$logins = $LoginsJson | ConvertFrom-Json
$server = @{ DataSource = 'localhost'; SqlLogin = $SqlLogin; Returns = 'Scalar' }
if ((Invoke-KitSql @server -Sql $CanGrantSql) -ne 1) {
  throw ('the SQL login ' + $SqlLogin + ' cannot create logins on ' + $env:COMPUTERNAME + ' (it is not sysadmin): have a DBA create the Windows logins ' + (@($logins) -join ', ') + $(if ($Sysadmin -eq 'true') { ' in the sysadmin role' } else { '' }))
}
$changed = 0
foreach ($login in @($logins)) {
  $changed += Invoke-KitSql @server -Sql $EnsureLoginSql -Values @{ login = $login }
  if ($Sysadmin -eq 'true') { $changed += Invoke-KitSql @server -Sql $EnsureSysadminSql -Values @{ login = $login } }
}
$data['logins'] = (@($logins) -join ',')
$data['sysadmin'] = $Sysadmin
if ($DbaGrants -ne '') { $data['dbaMustGrant'] = $DbaGrants }
$data['changes'] = $changed
if ($changed -eq 0) { $status = 'skipped' }`,
  });
}
