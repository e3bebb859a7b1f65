/**
 * The T-SQL the backup steps send, as named constants so tests can parse them. Database and file
 * names travel as SQL parameters (BACKUP accepts variables for both), never spliced into the text.
 */

/** COPY_ONLY: the migration's backup must not break the customer's own differential/log chain. */
export const BACKUP_DATABASE_SQL = "BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM";

/** Proves the file is a readable, checksummed backup before the step reports ok. */
export const VERIFY_BACKUP_SQL = "RESTORE VERIFYONLY FROM DISK = @path WITH CHECKSUM";

/*
 * SQL access of the account that moves the data (the Run Commands' run-as account). Export- and
 * Import-CsPersistentChatData take no credential: they reach SQL Server as the account that runs
 * them (PS:Export-CsPersistentChatData, PS:Import-CsPersistentChatData), so that Windows login needs
 * rights on the legacy database and on mgc. Each statement is idempotent and returns 1 when it
 * changed something, 0 when the right was already there. The login, database and role travel as
 * parameters; names reach dynamic SQL only through QUOTENAME. SQL Server 2008 R2 syntax (no
 * IS_ROLEMEMBER, no ALTER ROLE ... ADD MEMBER).
 */

export { CAN_GRANT_SQL, ENSURE_LOGIN_SQL } from "../../powershell/sql";

/**
 * RESTORE VERIFYONLY (the backup steps' check) needs CREATE DATABASE permission since SQL Server 2008
 * (T-SQL reference, RESTORE VERIFYONLY, Permissions): granted at the server, where it is CREATE ANY DATABASE.
 */
export const GRANT_VERIFY_SQL = `DECLARE @changed int = 0;
IF NOT EXISTS (SELECT 1 FROM sys.server_permissions p JOIN sys.server_principals s ON s.principal_id = p.grantee_principal_id WHERE s.name = @login AND p.permission_name = N'CREATE ANY DATABASE' AND p.state IN ('G', 'W'))
BEGIN
  DECLARE @grant nvarchar(max) = N'GRANT CREATE ANY DATABASE TO ' + QUOTENAME(@login);
  EXEC (@grant);
  SET @changed = 1;
END;
SELECT @changed;`;

/** A user for @login in @database, member of @role (a fixed database role). */
export const ENSURE_ROLE_SQL = `DECLARE @sql nvarchar(max) = N'USE ' + QUOTENAME(@database) + N';
DECLARE @changed int = 0;
IF DATABASE_PRINCIPAL_ID(@login) IS NULL
BEGIN
  DECLARE @create nvarchar(max) = N''CREATE USER '' + QUOTENAME(@login) + N'' FOR LOGIN '' + QUOTENAME(@login);
  EXEC (@create);
  SET @changed = 1;
END;
IF NOT EXISTS (SELECT 1 FROM sys.database_role_members m JOIN sys.database_principals r ON r.principal_id = m.role_principal_id JOIN sys.database_principals u ON u.principal_id = m.member_principal_id WHERE r.name = @role AND u.name = @login)
BEGIN
  EXEC sp_addrolemember @role, @login;
  SET @changed = 1;
END;
SELECT @changed;';
EXEC sp_executesql @sql, N'@login sysname, @role sysname', @login = @login, @role = @role;`;

/** EXECUTE on the database's procedures (the cmdlets' SQL is not documented; inferred). */
export const GRANT_EXECUTE_SQL = `DECLARE @sql nvarchar(max) = N'USE ' + QUOTENAME(@database) + N';
DECLARE @changed int = 0;
IF NOT EXISTS (SELECT 1 FROM sys.database_permissions p JOIN sys.database_principals u ON u.principal_id = p.grantee_principal_id WHERE u.name = @login AND p.class = 0 AND p.permission_name = N''EXECUTE'' AND p.state IN (''G'', ''W''))
BEGIN
  DECLARE @grant nvarchar(max) = N''GRANT EXECUTE TO '' + QUOTENAME(@login);
  EXEC (@grant);
  SET @changed = 1;
END;
SELECT @changed;';
EXEC sp_executesql @sql, N'@login sysname', @login = @login;`;

/*
 * The legacy principals, read from the legacy Group Chat database itself by the seeding step (a lab's
 * new forest) and the check step (an existing domain), lync-install §3. The columns are the readers'
 * (PRINCIPALS_LYNC2010_SQL, PRINCIPALS_OCS2007R2_SQL) that both legacy generations have; the rules
 * that sort the rows are migration-jobs/analysis/seeding.ts's SEEDING_RULES. Read-only.
 */

/** Every principal, in prinID order. prinDisabled is a bit in both legacy generations (domain §7.3). */
export const LEGACY_PRINCIPALS_SQL = `SELECT p.prinID AS id, p.prinUri AS uri, p.prinName AS name, p.prinTypeID AS typeId,
  CAST(COALESCE(p.prinDisabled, 0) AS int) AS disabled, p.prinADPath AS adPath
FROM dbo.tblPrincipal AS p
ORDER BY p.prinID`;

/**
 * Group memberships: tblPrincipalAffiliations (principalID, affiliationID, index; domain §7.1) links a
 * principal to every group it belongs to (inferred: also to the groups it belongs to through a nested
 * group, which only adds a membership the nesting already gives). Inferred to exist in the legacy
 * databases too (domain §7.3: "the table set matches 2013"); a database without it has no memberships.
 */
export const LEGACY_GROUP_MEMBERS_SQL = `IF OBJECT_ID(N'dbo.tblPrincipalAffiliations') IS NOT NULL
  SELECT DISTINCT a.affiliationID AS groupId, a.principalID AS memberId
  FROM dbo.tblPrincipalAffiliations AS a
  JOIN dbo.tblPrincipal AS g ON g.prinID = a.affiliationID
  WHERE g.prinTypeID = 9 AND a.principalID <> a.affiliationID
  ORDER BY a.affiliationID, a.principalID;
ELSE
  SELECT CAST(NULL AS int) AS groupId, CAST(NULL AS int) AS memberId WHERE 1 = 0;`;
