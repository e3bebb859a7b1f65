/**
 * The one SQL client of every generated PowerShell step: `Invoke-KitSql`, put in a step's
 * `functions` (ScriptSpec) and called from its body. One connection per statement, through
 * System.Data.SqlClient (Windows PowerShell 4.0 has no SQL cmdlets of its own).
 *
 * Parameters of `Invoke-KitSql`:
 * - `-DataSource`: `fqdn`, `fqdn\instance` or `localhost`.
 * - `-Database`: the initial catalog. @default 'master'
 * - `-SqlLogin`: the SQL login to connect as, or '' for Windows authentication (the account running the step).
 * - `-PasswordParameter`: the NAME of the step's protected parameter holding that login's password,
 *   read only with a SQL login. @default 'SqlPassword'
 * - `-Sql`: the statement; `-Values`: its named parameters, `@{ login = $Login }` for `@login`.
 * - `-Timeout`: CommandTimeout in seconds, 0 for none (backups, restores). @default 30 (SqlCommand's own)
 * - `-Returns`: `None` (ExecuteNonQuery, nothing returned), `Scalar` (ExecuteScalar as [int]: every
 *   scalar the kit reads is a count or a 0/1 flag), or `Rows` (one hashtable per row, column name to
 *   value, NULL as $null; unrolled, so callers take them with @(...)). @default 'None'
 *
 * The password goes in a SqlCredential with a read-only SecureString, never into the connection
 * string, so no error text can carry it.
 */
export const INVOKE_KIT_SQL = `
function Invoke-KitSql {
  param(
    [string]$DataSource,
    [string]$Database = 'master',
    [string]$SqlLogin = '',
    [string]$PasswordParameter = 'SqlPassword',
    [string]$Sql,
    [hashtable]$Values = @{},
    [int]$Timeout = 30,
    [ValidateSet('None', 'Scalar', 'Rows')][string]$Returns = 'None'
  )
  $builder = New-Object System.Data.SqlClient.SqlConnectionStringBuilder
  $builder['Data Source'] = $DataSource
  $builder['Initial Catalog'] = $Database
  $builder['Integrated Security'] = ($SqlLogin -eq '')
  $connection = New-Object System.Data.SqlClient.SqlConnection($builder.ConnectionString)
  if ($SqlLogin -ne '') {
    # The password goes in a SqlCredential, never into the connection string, so no error text can carry it.
    $secure = ConvertTo-SecureString -String (Get-Variable -Name $PasswordParameter -ValueOnly) -AsPlainText -Force
    $secure.MakeReadOnly()
    $connection.Credential = New-Object System.Data.SqlClient.SqlCredential($SqlLogin, $secure)
  }
  $connection.Open()
  try {
    $command = $connection.CreateCommand()
    $command.CommandTimeout = $Timeout
    $command.CommandText = $Sql
    foreach ($k in $Values.Keys) { $command.Parameters.AddWithValue('@' + $k, $Values[$k]) | Out-Null }
    if ($Returns -eq 'Scalar') { return [int]$command.ExecuteScalar() }
    if ($Returns -eq 'None') {
      $command.ExecuteNonQuery() | Out-Null
      return
    }
    $reader = $command.ExecuteReader()
    $rows = New-Object System.Collections.Generic.List[object]
    while ($reader.Read()) {
      $row = @{}
      for ($i = 0; $i -lt $reader.FieldCount; $i++) { $row[$reader.GetName($i)] = $(if ($reader.IsDBNull($i)) { $null } else { $reader.GetValue($i) }) }
      $rows.Add($row)
    }
    $reader.Close()
    return $rows.ToArray()
  } finally {
    $connection.Close()
  }
}`;

/*
 * The server-level statements both SQL access steps send through Invoke-KitSql (the migration's step
 * 1b and the Lync install's SQL logins): one text, so both create a login the same way.
 */
/** 1 when the connected principal may grant (sysadmin), else 0. */
export const CAN_GRANT_SQL = "SELECT CAST(IS_SRVROLEMEMBER('sysadmin') AS int)";

/** The Windows login of @login, created when missing; 1 when created. */
export const ENSURE_LOGIN_SQL = `DECLARE @changed int = 0;
IF SUSER_ID(@login) IS NULL
BEGIN
  DECLARE @create nvarchar(max) = N'CREATE LOGIN ' + QUOTENAME(@login) + N' FROM WINDOWS';
  EXEC (@create);
  SET @changed = 1;
END;
SELECT @changed;`;
