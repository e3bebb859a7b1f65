<#
  SQL Server, as the kit's scripts reach it through System.Data.SqlClient.

  State (World.Sql): instance key (lower-case `host` or `host\instance`) -> @{ Name; Host; InstanceName;
  Computer (NetBIOS name of the computer it runs on); Online; Logins (name -> @{ Name; Kind Sql|Windows;
  PasswordHash; Sysadmin; ServerPermissions }); Databases (name -> @{ Name; Content; Files; SizeMB;
  Users (login -> @{ Roles; Execute }) }) }. A sysadmin may do anything; another login needs what SQL
  Server asks: db_backupoperator (or db_owner) to back up a database, CREATE ANY DATABASE to restore
  one or to read a backup's headers (RESTORE VERIFYONLY / FILELISTONLY, T-SQL reference: "requires
  CREATE DATABASE permission" since SQL Server 2008), a user in a database to open it. Backups, restores,
  exports and imports are counted in World.History (sql.backup, sql.restore, lync.export, lync.import,
  keyed `instance/database`). Content is the logical Group Chat / Persistent Chat data the Lync cmdlets read and
  write (see Add-FakeSqlDatabase). Backups are real files (a header line and canonical JSON) at the
  path as the SQL Server computer sees it.

  New-Object intercepts three types: SqlConnectionStringBuilder and SqlCredential are the real
  classes (pure, no network; the real ones validate keywords and the read-only password),
  SqlConnection is a real object whose Open/Close/CreateCommand are the fake server's; commands are
  real SqlCommand objects (CommandText, CommandTimeout, Parameters.AddWithValue) whose Execute*
  methods run the fake server. The server knows only the statements the kit sends, each by its exact
  text or a strict pattern, and refuses anything else.
#>

# (No module-level variables: inside a script run by Invoke-FakeScript, $script: is that script's scope.)
function Get-FakeSqlBackupHeader { return 'PCHATKIT-FAKE-SQL-BACKUP 1' }
function Get-FakeSqlMBPerSecond { return 100 }

function Get-FakeSqlState {
  $w = Get-FakeWorld
  return $w.Sql
}

function Get-FakeSqlPasswordHash {
  param([string]$Password)
  $sha = [System.Security.Cryptography.SHA256]::Create()
  return [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes('fake-sql-login:' + $Password))).Replace('-', '')
}

<# Host and instance of a Data Source / DBInstance string (`tcp:host,1433`, `host\INST`, `.`...). #>
function Split-FakeDataSource {
  param([string]$DataSource)
  $ds = $DataSource.Trim()
  $ds = $ds -replace '^(?i)(tcp|np|lpc):', ''
  $ds = ($ds -split ',')[0]
  $parts = $ds -split '\\', 2
  $h = $parts[0].Trim()
  $inst = $(if ($parts.Count -gt 1) { $parts[1].Trim() } else { '' })
  if ($inst -eq 'MSSQLSERVER') { $inst = '' }
  return @{ Host = $h; InstanceName = $inst }
}

<# The instance a data source names, from the current computer's point of view; $null if none. #>
function Find-FakeSqlInstance {
  param([string]$DataSource)
  $sql = Get-FakeSqlState
  $s = Split-FakeDataSource -DataSource $DataSource
  $hostName = $s.Host
  if (@('localhost', '.', '(local)', '127.0.0.1', '::1') -contains $hostName.ToLowerInvariant()) { $hostName = (Get-FakeComputer).Name }
  foreach ($k in @($sql.Keys | Sort-Object)) {
    $i = $sql[$k]
    if ([string]$i.InstanceName -ne $s.InstanceName) { continue }
    if ([string]$i.Host -eq $hostName -or ($hostName -split '\.')[0] -eq [string]$i.Computer) { return $i }
  }
  return $null
}

function Get-FakeSqlNetworkError {
  return 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: Named Pipes Provider, error: 40 - Could not open a connection to SQL Server)'
}

<#
  Logs in to an instance: returns the login name, or throws the error SQL Server gives. Windows
  authentication presents the run-as identity (Get-FakeRunAsIdentity).
#>
function Connect-FakeSql {
  param([Parameter(Mandatory = $true)]$Instance, [bool]$Windows, [string]$User, [string]$Password, [string]$Database)
  if (-not $Instance.Online) { throw (Get-FakeSqlNetworkError) }
  $login = $null
  if ($Windows) {
    $identity = Get-FakeRunAsIdentity -ServerComputer (Find-FakeComputer -Name $Instance.Computer)
    foreach ($k in $Instance.Logins.Keys) { if ($k -eq $identity -and $Instance.Logins[$k].Kind -eq 'Windows') { $login = $Instance.Logins[$k] } }
    if ($null -eq $login) { throw ("Login failed for user '" + $identity + "'.") }
  } else {
    foreach ($k in $Instance.Logins.Keys) { if ($k -eq $User -and $Instance.Logins[$k].Kind -eq 'Sql') { $login = $Instance.Logins[$k] } }
    if ($null -eq $login -or $login.PasswordHash -ne (Get-FakeSqlPasswordHash -Password $Password)) { throw ("Login failed for user '" + $User + "'.") }
  }
  $noUser = $false
  if ($Database -and $Database -ne 'master' -and $Instance.Databases.ContainsKey($Database) -and -not (Test-FakeSqlSysadmin -Login $login)) {
    $noUser = -not (Get-FakeSqlDbUsers -Database $Instance.Databases[$Database]).ContainsKey([string]$login.Name)
  }
  if ($Database -and $Database -ne 'master' -and (-not $Instance.Databases.ContainsKey($Database) -or $noUser)) {
    throw ('Cannot open database "' + $Database + '" requested by the login. The login failed.' + [Environment]::NewLine + "Login failed for user '" + $login.Name + "'.")
  }
  return [string]$login.Name
}

function Test-FakeSqlSysadmin {
  param($Login)
  return ($null -ne $Login -and $Login.ContainsKey('Sysadmin') -and [bool]$Login['Sysadmin'])
}

function Get-FakeSqlDbUsers {
  param($Database)
  if (-not $Database.ContainsKey('Users')) { $Database['Users'] = @{} }
  return $Database['Users']
}

<#
  Whether a login may do something: Need = backup (db_backupoperator or db_owner in -Database),
  createdb (CREATE ANY DATABASE), read (db_datareader or db_owner), write (db_datawriter or db_owner).
#>
function Test-FakeSqlPermission {
  param([Parameter(Mandatory = $true)]$Instance, [string]$Login, [string]$Database, [Parameter(Mandatory = $true)][string]$Need)
  $l = $null
  foreach ($k in $Instance.Logins.Keys) { if ($k -eq $Login) { $l = $Instance.Logins[$k] } }
  if ($null -eq $l) { return $false }
  if (Test-FakeSqlSysadmin -Login $l) { return $true }
  if ($Need -eq 'createdb') { return (@($l['ServerPermissions']) -contains 'CREATE ANY DATABASE') }
  if (-not $Database -or -not $Instance.Databases.ContainsKey($Database)) { return $false }
  $users = Get-FakeSqlDbUsers -Database $Instance.Databases[$Database]
  if (-not $users.ContainsKey($Login)) { return $false }
  $roles = @($users[$Login].Roles)
  if ($roles -contains 'db_owner') { return $true }
  switch ($Need) {
    'backup' { return ($roles -contains 'db_backupoperator') }
    'read' { return ($roles -contains 'db_datareader') }
    'write' { return ($roles -contains 'db_datawriter') }
  }
  return $false
}

<# The statements of the kit's SQL access step (migration-jobs/runbook/scripts/tsql.ts) and the Lync install's SQL logins step, as they send them. #>
function Get-FakeSqlAccessStatements {
  return [ordered]@{
    CanGrant      = "SELECT CAST(IS_SRVROLEMEMBER('sysadmin') AS int)"
    EnsureLogin   = @'
DECLARE @changed int = 0;
IF SUSER_ID(@login) IS NULL
BEGIN
  DECLARE @create nvarchar(max) = N'CREATE LOGIN ' + QUOTENAME(@login) + N' FROM WINDOWS';
  EXEC (@create);
  SET @changed = 1;
END;
SELECT @changed;
'@
    GrantVerify   = @'
DECLARE @changed int = 0;
IF NOT EXISTS (SELECT 1 FROM sys.server_permissions p JOIN sys.server_principals s ON s.principal_id = p.grantee_principal_id WHERE s.name = @login AND p.permission_name = N'CREATE ANY DATABASE' AND p.state IN ('G', 'W'))
BEGIN
  DECLARE @grant nvarchar(max) = N'GRANT CREATE ANY DATABASE TO ' + QUOTENAME(@login);
  EXEC (@grant);
  SET @changed = 1;
END;
SELECT @changed;
'@
    EnsureRole    = @'
DECLARE @sql nvarchar(max) = N'USE ' + QUOTENAME(@database) + N';
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
EXEC sp_executesql @sql, N'@login sysname, @role sysname', @login = @login, @role = @role;
'@
    # The Lync install's SQL logins step (src/components/scripts/lync/sql-logins.ts, LYNC_ENSURE_SYSADMIN_SQL).
    EnsureSysadmin = @'
DECLARE @changed int = 0;
IF NOT EXISTS (SELECT 1 FROM sys.server_role_members m JOIN sys.server_principals r ON r.principal_id = m.role_principal_id JOIN sys.server_principals l ON l.principal_id = m.member_principal_id WHERE r.name = N'sysadmin' AND l.name = @login)
BEGIN
  EXEC sp_addsrvrolemember @login, N'sysadmin';
  SET @changed = 1;
END;
SELECT @changed;
'@
    GrantExecute  = @'
DECLARE @sql nvarchar(max) = N'USE ' + QUOTENAME(@database) + N';
DECLARE @changed int = 0;
IF NOT EXISTS (SELECT 1 FROM sys.database_permissions p JOIN sys.database_principals u ON u.principal_id = p.grantee_principal_id WHERE u.name = @login AND p.class = 0 AND p.permission_name = N''EXECUTE'' AND p.state IN (''G'', ''W''))
BEGIN
  DECLARE @grant nvarchar(max) = N''GRANT EXECUTE TO '' + QUOTENAME(@login);
  EXEC (@grant);
  SET @changed = 1;
END;
SELECT @changed;';
EXEC sp_executesql @sql, N'@login sysname', @login = @login;
'@
  }
}

<#
  The legacy principal statements of the runbook's seeding and check steps
  (migration-jobs/runbook/scripts/tsql.ts), as they send them: the principals of the content
  (Add-FakeSqlDatabase -Content Principals) and their group memberships (tblPrincipalAffiliations).
#>
function Get-FakeLegacyPrincipalStatements {
  return [ordered]@{
    Principals = @'
SELECT p.prinID AS id, p.prinUri AS uri, p.prinName AS name, p.prinTypeID AS typeId,
  CAST(COALESCE(p.prinDisabled, 0) AS int) AS disabled, p.prinADPath AS adPath
FROM dbo.tblPrincipal AS p
ORDER BY p.prinID
'@
    GroupMembers = @'
IF OBJECT_ID(N'dbo.tblPrincipalAffiliations') IS NOT NULL
  SELECT DISTINCT a.affiliationID AS groupId, a.principalID AS memberId
  FROM dbo.tblPrincipalAffiliations AS a
  JOIN dbo.tblPrincipal AS g ON g.prinID = a.affiliationID
  WHERE g.prinTypeID = 9 AND a.principalID <> a.affiliationID
  ORDER BY a.affiliationID, a.principalID;
ELSE
  SELECT CAST(NULL AS int) AS groupId, CAST(NULL AS int) AS memberId WHERE 1 = 0;
'@
  }
}

<# Answers one of Get-FakeLegacyPrincipalStatements from the database the connection opened. #>
function Invoke-FakeLegacyPrincipalStatement {
  param([Parameter(Mandatory = $true)][string]$Which, [Parameter(Mandatory = $true)]$Instance, [string]$Login, [string]$Database)
  if (-not $Database -or -not $Instance.Databases.ContainsKey($Database)) { throw "Invalid object name 'dbo.tblPrincipal'." }
  if (-not (Test-FakeSqlPermission -Instance $Instance -Login $Login -Database $Database -Need 'read')) { throw ("The SELECT permission was denied on the object 'tblPrincipal', database '" + $Database + "', schema 'dbo'.") }
  $principals = @($Instance.Databases[$Database].Content['Principals'] | Where-Object { $null -ne $_ } | Sort-Object { [int]$_['Id'] })
  $t = [System.Data.DataTable]::new()
  if ($Which -eq 'Principals') {
    [void]$t.Columns.Add('id', [int]); [void]$t.Columns.Add('uri', [string]); [void]$t.Columns.Add('name', [string]); [void]$t.Columns.Add('typeId', [int16]); [void]$t.Columns.Add('disabled', [int]); [void]$t.Columns.Add('adPath', [string])
    foreach ($p in $principals) {
      $cell = { param($v) if ($null -eq $v -or [string]$v -eq '') { [System.DBNull]::Value } else { [string]$v } }
      [void]$t.Rows.Add([int]$p['Id'], (& $cell $p['Uri']), (& $cell $p['Name']), [int16]$p['Type'], $(if ($p['Disabled']) { 1 } else { 0 }), (& $cell $p['AdPath']))
    }
  } else {
    [void]$t.Columns.Add('groupId', [int]); [void]$t.Columns.Add('memberId', [int])
    $groups = @{}
    foreach ($p in $principals) { if ([int]$p['Type'] -eq 9) { $groups[[int]$p['Id']] = $true } }
    $rows = @()
    foreach ($p in $principals) { foreach ($g in @($p['MemberOf'] | Where-Object { $null -ne $_ })) { if ($groups.ContainsKey([int]$g) -and [int]$g -ne [int]$p['Id']) { $rows += , @([int]$g, [int]$p['Id']) } } }
    foreach ($r in @($rows | Sort-Object { $_[0] }, { $_[1] })) { [void]$t.Rows.Add($r[0], $r[1]) }
  }
  return @{ Table = $t; Rows = -1 }
}

<# A statement's text with its whitespace runs collapsed (line endings and indentation do not count). #>
function Format-FakeSqlText {
  param([string]$Text)
  return ([regex]::Replace($Text.Trim(), '\s+', ' '))
}

function ConvertTo-FakeCanonicalJson {
  param($Value)
  return (ConvertTo-Json -Depth 30 -Compress (ConvertTo-CanonicalValue $Value))
}

<# Recursively turns parsed JSON (PSCustomObject / arrays) into case-insensitive hashtables and arrays. #>
function ConvertTo-FakeHashtable {
  param($Value)
  if ($null -eq $Value) { return $null }
  if ($Value -is [string] -or $Value -is [ValueType]) { return $Value }
  if ($Value -is [System.Collections.IDictionary]) {
    $h = @{}
    foreach ($k in $Value.Keys) { $h[[string]$k] = ConvertTo-FakeHashtable $Value[$k] }
    return $h
  }
  if ($Value -is [System.Management.Automation.PSCustomObject]) {
    $h = @{}
    foreach ($p in $Value.PSObject.Properties) { $h[$p.Name] = ConvertTo-FakeHashtable $p.Value }
    return $h
  }
  if ($Value -is [System.Collections.IEnumerable]) { return , @(foreach ($v in $Value) { , (ConvertTo-FakeHashtable $v) }) }
  return $Value
}

<# Backup file: header, then canonical JSON with a checksum of the database part. #>
function Write-FakeSqlBackupFile {
  param([Parameter(Mandatory = $true)][string]$LocalPath, [Parameter(Mandatory = $true)]$Database)
  $body = [ordered]@{ database = [string]$Database.Name; sizeMB = [int]$Database.SizeMB; files = @($Database.Files); content = $Database.Content }
  $json = ConvertTo-FakeCanonicalJson $body
  $sha = [System.Security.Cryptography.SHA256]::Create()
  $checksum = [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($json))).Replace('-', '')
  $text = (Get-FakeSqlBackupHeader) + "`n" + $checksum + "`n" + $json + "`n"
  [System.IO.File]::WriteAllText($LocalPath, $text, [System.Text.UTF8Encoding]::new($false))
}

<# Reads a backup file back: @{ Ok; Error; Body (hashtable) }. #>
function Read-FakeSqlBackupFile {
  param([Parameter(Mandatory = $true)][string]$LocalPath)
  $text = [System.IO.File]::ReadAllText($LocalPath)
  $lines = $text -split "`n", 3
  if ($lines.Count -lt 3 -or $lines[0] -ne (Get-FakeSqlBackupHeader)) { return @{ Ok = $false; Error = 'header' } }
  $json = $lines[2].TrimEnd("`n")
  $sha = [System.Security.Cryptography.SHA256]::Create()
  $checksum = [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($json))).Replace('-', '')
  if ($checksum -ne $lines[1]) { return @{ Ok = $false; Error = 'checksum' } }
  return @{ Ok = $true; Body = (ConvertTo-FakeHashtable (ConvertFrom-Json $json)) }
}

function Test-FakeSqlTimeout {
  param($Command, [double]$Seconds)
  $timeout = [int]$Command.CommandTimeout
  if ($timeout -gt 0 -and $Seconds -gt $timeout) {
    throw 'Execution Timeout Expired.  The timeout period elapsed prior to completion of the operation or the server is not responding.'
  }
}

<#
  The fake server: runs one statement of a command on the connection's instance. Returns
  @{ Table = DataTable or $null; Rows = rows affected }.
#>
function Invoke-FakeSqlStatement {
  param([Parameter(Mandatory = $true)]$Command)
  $conn = $Command.FakeConnection
  if ($null -eq $conn -or -not $conn.FakeState.Open) {
    throw "ExecuteNonQuery requires an open and available Connection. The connection's current state is closed."
  }
  $w = Get-FakeWorld
  $instance = $w.Sql[$conn.FakeState.Instance]
  if ($null -eq $instance -or -not $instance.Online) { throw 'A transport-level error has occurred when sending the request to the server. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)' }
  $sqlComputer = Find-FakeComputer -Name $instance.Computer
  $login = [string]$conn.FakeState.Login
  $text = ([string]$Command.CommandText).Trim()
  $params = @{}
  foreach ($p in $Command.Parameters) { $params[[string]$p.ParameterName] = $p.Value }
  # Every @variable the statement uses (outside string literals) must be a parameter, as in T-SQL.
  $code = [regex]::Replace($text, "N?'(?:[^']|'')*'", "''")
  $declared = @([regex]::Matches($code, '(?i)\bDECLARE\s+(@[A-Za-z_][A-Za-z0-9_]*)') | ForEach-Object { $_.Groups[1].Value })
  foreach ($m in [regex]::Matches($code, '(?<!@)@[A-Za-z_][A-Za-z0-9_]*')) {
    if (-not $params.ContainsKey($m.Value) -and $declared -notcontains $m.Value) { throw ('Must declare the scalar variable "' + $m.Value + '".') }
  }
  $osPath = {
    param([string]$Path, [string]$Verb, [bool]$MustExist)
    $local = $null
    if ($null -ne $sqlComputer) { $local = Resolve-FakeComputerPath -Computer $sqlComputer -Path $Path }
    if ($null -eq $local -or -not (Test-Path -LiteralPath (Split-Path -Parent $local))) {
      throw ("Cannot open backup device '" + $Path + "'. Operating system error 3(The system cannot find the path specified.)." + [Environment]::NewLine + $Verb + ' is terminating abnormally.')
    }
    if ($MustExist -and -not (Test-Path -LiteralPath $local -PathType Leaf)) {
      throw ("Cannot open backup device '" + $Path + "'. Operating system error 2(The system cannot find the file specified.)." + [Environment]::NewLine + $Verb + ' is terminating abnormally.')
    }
    return $local
  }

  if ($text -ceq 'BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM') {
    $name = [string]$params['@database']
    if (-not $instance.Databases.ContainsKey($name)) { throw ("Database '" + $name + "' does not exist. Make sure that the name is entered correctly." + [Environment]::NewLine + 'BACKUP DATABASE is terminating abnormally.') }
    $db = $instance.Databases[$name]
    if (-not (Test-FakeSqlPermission -Instance $instance -Login $login -Database $name -Need 'backup')) { throw ("BACKUP DATABASE permission denied in database '" + $name + "'." + [Environment]::NewLine + 'BACKUP DATABASE is terminating abnormally.') }
    $local = & $osPath ([string]$params['@path']) 'BACKUP DATABASE' $false
    Test-FakeSqlTimeout -Command $Command -Seconds ([double]$db.SizeMB / (Get-FakeSqlMBPerSecond))
    Write-FakeSqlBackupFile -LocalPath $local -Database $db
    Step-FakeHistoryCount -Kind 'sql.backup' -Key ([string]$instance.Name + '/' + $name)
    return @{ Table = $null; Rows = -1 }
  }
  if ($text -ceq 'RESTORE VERIFYONLY FROM DISK = @path WITH CHECKSUM') {
    $path = [string]$params['@path']
    if (-not (Test-FakeSqlPermission -Instance $instance -Login $login -Need 'createdb')) { throw ("CREATE DATABASE permission denied in database 'master'." + [Environment]::NewLine + 'VERIFY DATABASE is terminating abnormally.') }
    $local = & $osPath $path 'VERIFY DATABASE' $true
    $b = Read-FakeSqlBackupFile -LocalPath $local
    if (-not $b.Ok) { throw ("The media family on device '" + $path + "' is incorrectly formed. SQL Server cannot process this media family." + [Environment]::NewLine + 'VERIFY DATABASE is terminating abnormally.') }
    Test-FakeSqlTimeout -Command $Command -Seconds ([double]$b.Body.sizeMB / (Get-FakeSqlMBPerSecond))
    return @{ Table = $null; Rows = -1 }
  }
  if ($text -ceq 'SELECT COUNT(*) FROM sys.databases WHERE name = @name') {
    $t = [System.Data.DataTable]::new()
    [void]$t.Columns.Add('', [int])
    $n = $(if ($instance.Databases.ContainsKey([string]$params['@name']) -or @('master', 'model', 'msdb', 'tempdb') -contains [string]$params['@name']) { 1 } else { 0 })
    [void]$t.Rows.Add($n)
    return @{ Table = $t; Rows = -1 }
  }
  if ($text -ceq 'RESTORE FILELISTONLY FROM DISK = @bak') {
    $path = [string]$params['@bak']
    if (-not (Test-FakeSqlPermission -Instance $instance -Login $login -Need 'createdb')) { throw ("CREATE DATABASE permission denied in database 'master'." + [Environment]::NewLine + 'RESTORE FILELIST is terminating abnormally.') }
    $local = & $osPath $path 'RESTORE FILELIST' $true
    $b = Read-FakeSqlBackupFile -LocalPath $local
    if (-not $b.Ok) { throw ("The media family on device '" + $path + "' is incorrectly formed. SQL Server cannot process this media family." + [Environment]::NewLine + 'RESTORE FILELIST is terminating abnormally.') }
    $t = [System.Data.DataTable]::new()
    foreach ($col in 'LogicalName', 'PhysicalName', 'Type', 'FileGroupName') { [void]$t.Columns.Add($col, [string]) }
    [void]$t.Columns.Add('Size', [decimal]); [void]$t.Columns.Add('MaxSize', [decimal]); [void]$t.Columns.Add('FileId', [long])
    $id = 0
    foreach ($f in @($b.Body.files)) {
      $id++
      [void]$t.Rows.Add([string]$f.LogicalName, [string]$f.PhysicalName, [string]$f.Type, $(if ($f.Type -eq 'L') { $null } else { 'PRIMARY' }), [decimal]1048576, [decimal]35184372080640, [long]$id)
    }
    return @{ Table = $t; Rows = -1 }
  }
  $restore = [regex]::Match($text, "^RESTORE DATABASE \[(?<db>(?:[^\]]|\]\])+)\] FROM DISK = @bak WITH RECOVERY(?<moves>(?:, MOVE N'(?:[^']|'')*' TO N'(?:[^']|'')*')+)$")
  if ($restore.Success) {
    $name = $restore.Groups['db'].Value.Replace(']]', ']')
    $path = [string]$params['@bak']
    if (-not (Test-FakeSqlPermission -Instance $instance -Login $login -Need 'createdb')) { throw ("CREATE DATABASE permission denied in database 'master'." + [Environment]::NewLine + 'RESTORE DATABASE is terminating abnormally.') }
    $local = & $osPath $path 'RESTORE DATABASE' $true
    $b = Read-FakeSqlBackupFile -LocalPath $local
    if (-not $b.Ok) { throw ("The media family on device '" + $path + "' is incorrectly formed. SQL Server cannot process this media family." + [Environment]::NewLine + 'RESTORE DATABASE is terminating abnormally.') }
    if ($instance.Databases.ContainsKey($name)) {
      throw ('The tail of the log for the database "' + $name + '" has not been backed up. Use BACKUP LOG WITH NORECOVERY to backup the log if it contains work you do not want to lose. Use the WITH REPLACE or WITH STOPAT clause of the RESTORE statement to just overwrite the contents of the log.' + [Environment]::NewLine + 'RESTORE DATABASE is terminating abnormally.')
    }
    $moves = @{}
    foreach ($m in [regex]::Matches($restore.Groups['moves'].Value, "MOVE N'(?<l>(?:[^']|'')*)' TO N'(?<p>(?:[^']|'')*)'")) { $moves[$m.Groups['l'].Value.Replace("''", "'")] = $m.Groups['p'].Value.Replace("''", "'") }
    $logical = @($b.Body.files | ForEach-Object { [string]$_.LogicalName })
    foreach ($l in $moves.Keys) {
      if ($logical -notcontains $l) { throw ("Logical file '" + $l + "' is not part of database '" + $name + "'. Use RESTORE FILELISTONLY to list the logical file names." + [Environment]::NewLine + 'RESTORE DATABASE is terminating abnormally.') }
    }
    $files = @()
    $targets = @()
    foreach ($f in @($b.Body.files)) {
      $physical = $(if ($moves.ContainsKey([string]$f.LogicalName)) { $moves[[string]$f.LogicalName] } else { [string]$f.PhysicalName })
      $target = $null
      if ($null -ne $sqlComputer) { $target = Resolve-FakeComputerPath -Computer $sqlComputer -Path $physical }
      if ($null -eq $target -or -not (Test-Path -LiteralPath (Split-Path -Parent $target) -PathType Container)) {
        throw ('Directory lookup for the file "' + $physical + '" failed with the operating system error 3(The system cannot find the path specified.).' + [Environment]::NewLine + 'File ''' + $f.LogicalName + ''' cannot be restored to ''' + $physical + '''. Use WITH MOVE to identify a valid location for the file.' + [Environment]::NewLine + 'RESTORE DATABASE is terminating abnormally.')
      }
      if (Test-Path -LiteralPath $target) { throw ('The file ''' + $physical + ''' cannot be overwritten.  It is being used by another database.' + [Environment]::NewLine + 'RESTORE DATABASE is terminating abnormally.') }
      $files += @{ LogicalName = [string]$f.LogicalName; PhysicalName = $physical; Type = [string]$f.Type }
      $targets += $target
    }
    Test-FakeSqlTimeout -Command $Command -Seconds ([double]$b.Body.sizeMB / (Get-FakeSqlMBPerSecond))
    foreach ($t in $targets) { [System.IO.File]::WriteAllText($t, ('fake SQL Server file of database ' + $name + "`n")) }
    # The login that restores a database owns it (dbo), as CREATE DATABASE makes its creator the owner.
    $instance.Databases[$name] = @{ Name = $name; Content = (ConvertTo-FakeChatContent $b.Body.content); Files = $files; SizeMB = [int]$b.Body.sizeMB; Users = @{ $login = @{ Roles = @('db_owner'); Execute = $true } } }
    Step-FakeHistoryCount -Kind 'sql.restore' -Key ([string]$instance.Name + '/' + $name)
    return @{ Table = $null; Rows = -1 }
  }
  $access = Get-FakeSqlAccessStatements
  $normal = Format-FakeSqlText $text
  $which = $null
  foreach ($k in $access.Keys) { if ((Format-FakeSqlText $access[$k]) -ceq $normal) { $which = $k } }
  if ($which) {
    $caller = $null
    foreach ($k in $instance.Logins.Keys) { if ($k -eq $login) { $caller = $instance.Logins[$k] } }
    $scalar = { param([int]$v) $t = [System.Data.DataTable]::new(); [void]$t.Columns.Add('', [int]); [void]$t.Rows.Add($v); return @{ Table = $t; Rows = -1 } }
    if ($which -eq 'CanGrant') { return (& $scalar $(if (Test-FakeSqlSysadmin -Login $caller) { 1 } else { 0 })) }
    $target = [string]$params['@login']
    if (-not (Test-FakeSqlSysadmin -Login $caller)) { throw 'User does not have permission to perform this action.' }
    $targetLogin = $null
    foreach ($k in $instance.Logins.Keys) { if ($k -eq $target) { $targetLogin = $instance.Logins[$k] } }
    if ($which -eq 'EnsureLogin') {
      if ($null -ne $targetLogin) { return (& $scalar 0) }
      if ($target -notmatch '^[^\\]+\\[^\\]+$') { throw ("'" + $target + "' is not a valid name because it contains invalid characters.") }
      $instance.Logins[$target] = @{ Name = $target; Kind = 'Windows'; Sysadmin = $false; ServerPermissions = @() }
      return (& $scalar 1)
    }
    if ($null -eq $targetLogin) { throw ("Cannot find the login '" + $target + "', because it does not exist or you do not have permission.") }
    if ($which -eq 'EnsureSysadmin') {
      if (Test-FakeSqlSysadmin -Login $targetLogin) { return (& $scalar 0) }
      $targetLogin['Sysadmin'] = $true
      return (& $scalar 1)
    }
    if ($which -eq 'GrantVerify') {
      if (@($targetLogin['ServerPermissions']) -contains 'CREATE ANY DATABASE') { return (& $scalar 0) }
      $targetLogin['ServerPermissions'] = @(@($targetLogin['ServerPermissions'] | Where-Object { $_ }) + 'CREATE ANY DATABASE')
      return (& $scalar 1)
    }
    $dbName = [string]$params['@database']
    if (-not $instance.Databases.ContainsKey($dbName)) { throw ("Database '" + $dbName + "' does not exist. Make sure that the name is entered correctly.") }
    $users = Get-FakeSqlDbUsers -Database $instance.Databases[$dbName]
    $changed = 0
    if ($which -eq 'EnsureRole') {
      $role = [string]$params['@role']
      $fixed = @('db_owner', 'db_securityadmin', 'db_accessadmin', 'db_backupoperator', 'db_ddladmin', 'db_datawriter', 'db_datareader', 'db_denydatawriter', 'db_denydatareader')
      if ($fixed -notcontains $role) { throw ("The role '" + $role + "' does not exist in the current database.") }
      if (-not $users.ContainsKey($target)) { $users[$target] = @{ Roles = @(); Execute = $false }; $changed = 1 }
      if (@($users[$target].Roles) -notcontains $role) { $users[$target].Roles = @(@($users[$target].Roles) + $role | Sort-Object); $changed = 1 }
      return (& $scalar $changed)
    }
    if ($which -eq 'GrantExecute') {
      if (-not $users.ContainsKey($target)) { throw ("Cannot find the user '" + $target + "', because it does not exist or you do not have permission.") }
      if (-not [bool]$users[$target].Execute) { $users[$target].Execute = $true; $changed = 1 }
      return (& $scalar $changed)
    }
  }
  $principalStatements = Get-FakeLegacyPrincipalStatements
  foreach ($k in $principalStatements.Keys) {
    if ((Format-FakeSqlText $principalStatements[$k]) -ceq $normal) {
      $b = [System.Data.SqlClient.SqlConnectionStringBuilder]::new([string]$conn.ConnectionString)
      return (Invoke-FakeLegacyPrincipalStatement -Which $k -Instance $instance -Login $login -Database $b.InitialCatalog)
    }
  }
  throw ('the fake SQL Server does not know this statement: ' + $text)
}

function New-FakeSqlCommand {
  param([Parameter(Mandatory = $true)]$Connection)
  $cmd = [System.Data.SqlClient.SqlCommand]::new()
  $cmd | Add-Member -MemberType NoteProperty -Name FakeConnection -Value $Connection -Force
  $cmd | Add-Member -MemberType ScriptMethod -Name ExecuteNonQuery -Force -Value {
    Enter-FakeCall -Command 'SqlCommand.ExecuteNonQuery' -Parameters @{ CommandText = $this.CommandText }
    return [int](Invoke-FakeSqlStatement -Command $this).Rows
  }
  $cmd | Add-Member -MemberType ScriptMethod -Name ExecuteScalar -Force -Value {
    Enter-FakeCall -Command 'SqlCommand.ExecuteScalar' -Parameters @{ CommandText = $this.CommandText }
    $r = Invoke-FakeSqlStatement -Command $this
    if ($null -eq $r.Table -or $r.Table.Rows.Count -eq 0) { return $null }
    return $r.Table.Rows[0][0]
  }
  $cmd | Add-Member -MemberType ScriptMethod -Name ExecuteReader -Force -Value {
    Enter-FakeCall -Command 'SqlCommand.ExecuteReader' -Parameters @{ CommandText = $this.CommandText }
    $r = Invoke-FakeSqlStatement -Command $this
    $t = $r.Table
    if ($null -eq $t) { $t = [System.Data.DataTable]::new() }
    return , $t.CreateDataReader()
  }
  return $cmd
}

function New-FakeSqlConnection {
  param([string]$ConnectionString)
  if ($ConnectionString) { $conn = [System.Data.SqlClient.SqlConnection]::new($ConnectionString) } else { $conn = [System.Data.SqlClient.SqlConnection]::new() }
  $conn | Add-Member -MemberType NoteProperty -Name FakeState -Value @{ Open = $false; Instance = $null; Login = $null } -Force
  $conn | Add-Member -MemberType ScriptProperty -Name State -Force -Value { if ($this.FakeState.Open) { [System.Data.ConnectionState]::Open } else { [System.Data.ConnectionState]::Closed } }
  $conn | Add-Member -MemberType ScriptMethod -Name Open -Force -Value {
    Enter-FakeCall -Command 'SqlConnection.Open' -Parameters @{}
    if ($this.FakeState.Open) { throw 'The connection was not closed. The connection''s current state is open.' }
    $b = [System.Data.SqlClient.SqlConnectionStringBuilder]::new([string]$this.ConnectionString)
    if ([string]::IsNullOrEmpty($b.DataSource)) { throw 'The ConnectionString property has not been initialized.' }
    $instance = Find-FakeSqlInstance -DataSource $b.DataSource
    if ($null -eq $instance) { throw (Get-FakeSqlNetworkError) }
    $user = $b.UserID
    $password = $b.Password
    if ($null -ne $this.Credential) {
      $user = $this.Credential.UserId
      $password = [System.Net.NetworkCredential]::new('', $this.Credential.Password).Password
    }
    $login = Connect-FakeSql -Instance $instance -Windows ([bool]$b.IntegratedSecurity) -User $user -Password $password -Database $b.InitialCatalog
    $key = $null
    foreach ($k in (Get-FakeWorld).Sql.Keys) { if ([object]::ReferenceEquals((Get-FakeWorld).Sql[$k], $instance)) { $key = $k } }
    $this.FakeState.Open = $true
    $this.FakeState.Instance = $key
    $this.FakeState.Login = $login
  }
  $conn | Add-Member -MemberType ScriptMethod -Name Close -Force -Value { $this.FakeState.Open = $false }
  $conn | Add-Member -MemberType ScriptMethod -Name Dispose -Force -Value { $this.FakeState.Open = $false }
  $conn | Add-Member -MemberType ScriptMethod -Name CreateCommand -Force -Value { return (New-FakeSqlCommand -Connection $this) }
  return $conn
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Utility/New-Object.md
# Intercepts System.Data.SqlClient.SqlConnection (the fake server's connection),
# SqlConnectionStringBuilder and SqlCredential (the real classes, counted); every other type goes to
# Microsoft.PowerShell.Utility\New-Object with the same parameters, uncounted (the module's own code
# uses New-Object before a world exists).
function New-Object {
  [CmdletBinding(DefaultParameterSetName = 'Net')]
  param(
    [Parameter(ParameterSetName = 'Net', Mandatory = $true, Position = 0)][string]$TypeName,
    [Parameter(ParameterSetName = 'Net', Position = 1)][Alias('Args')][object[]]$ArgumentList,
    [Parameter(ParameterSetName = 'Com', Mandatory = $true, Position = 0)][string]$ComObject,
    [Parameter(ParameterSetName = 'Com')][switch]$Strict,
    [System.Collections.IDictionary]$Property
  )
  $short = $(if ($PSCmdlet.ParameterSetName -eq 'Net') { ($TypeName -replace '^(?i)System\.', '') } else { '' })
  $intercepted = @('Data.SqlClient.SqlConnection', 'Data.SqlClient.SqlConnectionStringBuilder', 'Data.SqlClient.SqlCredential')
  $match = @($intercepted | Where-Object { $_ -eq $short })
  if ($match.Count -eq 0) {
    # Written as one object, never enumerated (an empty List stays a List), as New-Object does.
    $created = Microsoft.PowerShell.Utility\New-Object @PSBoundParameters
    $PSCmdlet.WriteObject($created, $false)
    return
  }
  Enter-FakeCall -Command 'New-Object' -Parameters $PSBoundParameters
  [object[]]$a = @()
  if ($null -ne $ArgumentList) { $a = @($ArgumentList) }
  $o = $null
  switch ($match[0]) {
    'Data.SqlClient.SqlConnection' {
      if ($a.Count -gt 1) { throw ('Cannot find an overload for "SqlConnection" and the argument count: "' + $a.Count + '".') }
      $o = New-FakeSqlConnection -ConnectionString $(if ($a.Count -eq 1) { [string]$a[0] } else { '' })
    }
    'Data.SqlClient.SqlConnectionStringBuilder' {
      # Not through $(...): a connection string builder is a dictionary and would be enumerated.
      if ($a.Count -eq 1) { $o = [System.Data.SqlClient.SqlConnectionStringBuilder]::new([string]$a[0]) } else { $o = [System.Data.SqlClient.SqlConnectionStringBuilder]::new() }
    }
    'Data.SqlClient.SqlCredential' {
      if ($a.Count -ne 2) { throw ('Cannot find an overload for "SqlCredential" and the argument count: "' + $a.Count + '".') }
      $o = [System.Data.SqlClient.SqlCredential]::new([string]$a[0], [System.Security.SecureString]$a[1])
    }
  }
  if ($null -ne $Property) { foreach ($k in $Property.Keys) { $o.$k = $Property[$k] } }
  $PSCmdlet.WriteObject($o, $false)
}

<# The seeded instance a name (host, host.fqdn, host\INSTANCE) means, or $null. #>
function Get-FakeSqlInstanceByName {
  param([string]$Name)
  $sql = Get-FakeSqlState
  $s = Split-FakeDataSource -DataSource $Name
  foreach ($k in @($sql.Keys | Sort-Object)) {
    $i = $sql[$k]
    if ([string]$i.InstanceName -ne $s.InstanceName) { continue }
    if ([string]$i.Host -eq $s.Host -or ($s.Host -split '\.')[0] -eq [string]$i.Computer) { return $i }
  }
  return $null
}

<#
.SYNOPSIS
  Seeding: a SQL Server instance on a computer, as the Azure SqlVirtualMachine resource leaves it:
  -Computer is the computer (NetBIOS name or FQDN), -Name how clients name the instance (`host.fqdn`
  or `host.fqdn\INSTANCE`; by default -Computer). -Folders are created on the computer's volumes
  (volumes made as needed): by default F:\SQLData and G:\SQLLog, the data and log paths the kit's
  planner gives the SqlVirtualMachine storage configuration.
#>
function Add-FakeSqlInstance {
  [CmdletBinding()]
  param(
    [string]$Computer,
    [string]$Name,
    [string[]]$Folders = @('F:\SQLData', 'G:\SQLLog'),
    [switch]$Offline
  )
  $w = Get-FakeWorld
  if (-not $Name) { $Name = $Computer }
  if (-not $Name) { throw 'Add-FakeSqlInstance: give -Computer or -Name' }
  $s = Split-FakeDataSource -DataSource $Name
  if (-not $Computer) { $Computer = $s.Host }
  $c = Add-FakeComputer -Name (($Computer -split '\.')[0])
  $i = Get-FakeSqlInstanceByName -Name $Name
  if ($null -eq $i) {
    $i = @{ Name = $Name; Host = $s.Host.ToLowerInvariant(); InstanceName = $s.InstanceName; Computer = $c.Name; Online = $true; Logins = @{}; Databases = @{} }
    $w.Sql[$Name.ToLowerInvariant()] = $i
  }
  $i.Online = -not $Offline
  foreach ($f in $Folders) {
    if ($f -notmatch '^([A-Za-z]):') { throw ('Add-FakeSqlInstance: folder ' + $f + ' is not a drive path') }
    $letter = $Matches[1].ToUpperInvariant()
    if (-not $c.Volumes.ContainsKey($letter)) { Add-FakeVolume -Computer $c.Name -DriveLetter $letter -FileSystem 'NTFS' -Label ('SQL-' + $letter) -AllocationUnitSize 65536 }
    New-Item -ItemType Directory -Path (Resolve-FakeComputerPath -Computer $c -Path $f) -Force | Out-Null
  }
  return $i
}

<#
.SYNOPSIS
  Seeding: a login of an instance (-Instance, or -Computer as Add-FakeSqlInstance takes it): a SQL
  login -Login with -Password, or a Windows login (-Windows) named after an account (e.g.
  'CONTOSO\pckadmin', see Add-FakeRunAs). The password is kept as a hash.
#>
function Add-FakeSqlLogin {
  [CmdletBinding(DefaultParameterSetName = 'Sql')]
  param(
    [Parameter(Mandatory = $true)][Alias('Computer')][string]$Instance,
    [Parameter(Mandatory = $true)][Alias('Name')][string]$Login,
    [Parameter(ParameterSetName = 'Sql', Mandatory = $true)][string]$Password,
    [Parameter(ParameterSetName = 'Windows', Mandatory = $true)][switch]$Windows,
    [bool]$Sysadmin = $true,
    [string[]]$ServerPermissions = @()
  )
  $i = Get-FakeSqlInstanceByName -Name $Instance
  if ($null -eq $i) { $i = Add-FakeSqlInstance -Computer $Instance }
  if ($Windows) { $i.Logins[$Login] = @{ Name = $Login; Kind = 'Windows'; Sysadmin = $Sysadmin; ServerPermissions = @($ServerPermissions) } }
  else { $i.Logins[$Login] = @{ Name = $Login; Kind = 'Sql'; PasswordHash = (Get-FakeSqlPasswordHash -Password $Password); Sysadmin = $Sysadmin; ServerPermissions = @($ServerPermissions) } }
}

<#
.SYNOPSIS
  Seeding: a login's user in a database, with fixed database roles (db_datareader, db_datawriter,
  db_backupoperator, db_owner...) and EXECUTE.
#>
function Add-FakeSqlUser {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][Alias('Computer')][string]$Instance, [Parameter(Mandatory = $true)][string]$Database, [Parameter(Mandatory = $true)][string]$Login, [string[]]$Roles = @(), [switch]$Execute)
  $i = Get-FakeSqlInstanceByName -Name $Instance
  if ($null -eq $i -or -not $i.Databases.ContainsKey($Database)) { throw ('Add-FakeSqlUser: no database ' + $Database + ' on ' + $Instance) }
  (Get-FakeSqlDbUsers -Database $i.Databases[$Database])[$Login] = @{ Roles = @($Roles | Sort-Object); Execute = [bool]$Execute }
}

<# Canonical Group Chat / Persistent Chat content (see Add-FakeSqlDatabase). #>
function ConvertTo-FakeChatContent {
  param($Content)
  $h = ConvertTo-FakeHashtable $Content
  if ($null -eq $h) { $h = @{} }
  $cats = @()
  foreach ($cat in @($h['Categories'])) {
    if ($null -eq $cat) { continue }
    $rooms = @()
    foreach ($r in @($cat['Rooms'])) {
      if ($null -eq $r) { continue }
      if ($r -is [string]) { $r = @{ Name = $r } }
      $messages = @()
      foreach ($m in @($r['Messages'])) {
        if ($null -eq $m) { continue }
        $date = $m['Date']
        if ($date -is [datetime]) { $date = $date.ToString('yyyy-MM-ddTHH:mm:ss', [Globalization.CultureInfo]::InvariantCulture) }
        $messages += @{ Date = [string]$date; From = [string]$m['From']; Text = [string]$m['Text'] }
      }
      $inv = $r['Invitations']
      $rooms += @{ Name = [string]$r['Name']; Description = [string]$r['Description']; Disabled = [bool]$r['Disabled']; Invitations = $(if ($null -eq $inv) { 'Inherit' } else { [string]$inv }); Privacy = $(if ($r['Privacy']) { [string]$r['Privacy'] } else { 'Open' }); Members = @($r['Members'] | Where-Object { $_ } | ForEach-Object { [string]$_ }); Managers = @($r['Managers'] | Where-Object { $_ } | ForEach-Object { [string]$_ }); Messages = $messages }
    }
    $cats += @{ Name = [string]$cat['Name']; Description = [string]$cat['Description']; Disabled = [bool]$cat['Disabled']; Invitations = $(if ($null -eq $cat['Invitations']) { $true } else { [bool]$cat['Invitations'] }); FileUpload = $(if ($null -eq $cat['FileUpload']) { $true } else { [bool]$cat['FileUpload'] }); Rooms = $rooms }
  }
  $users = @()
  foreach ($u in @($h['Users'])) {
    if ($null -eq $u) { continue }
    if ($u -is [string]) { $users += @{ SipAddress = $u; Federated = $false; Disabled = $false } }
    else { $users += @{ SipAddress = [string]$u['SipAddress']; Federated = [bool]$u['Federated']; Disabled = [bool]$u['Disabled'] } }
  }
  $addins = @()
  foreach ($a in @($h['AddIns'])) { if ($null -ne $a) { $addins += @{ Name = [string]$a['Name']; Url = [string]$a['Url'] } } }
  $principals = @()
  foreach ($p in @($h['Principals'])) {
    if ($null -eq $p) { continue }
    $principals += @{ Id = [int]$p['Id']; Uri = [string]$p['Uri']; Name = [string]$p['Name']; Type = [int]$p['Type']; Disabled = [bool]$p['Disabled']; AdPath = [string]$p['AdPath']; MemberOf = @($p['MemberOf'] | Where-Object { $null -ne $_ } | ForEach-Object { [int]$_ }) }
  }
  return @{ Categories = $cats; Users = $users; AddIns = $addins; Principals = $principals }
}

<#
.SYNOPSIS
  Seeding: a database of an instance (created with the instance if needed). -Content is the logical
  chat data the Lync cmdlets read and write:
    @{ Categories = @( @{ Name; Description; Disabled; Invitations (bool); FileUpload (bool);
                          Rooms = @( @{ Name; Description; Disabled; Invitations ('Inherit', 'True', 'False');
                                        Privacy; Members; Managers;
                                        Messages = @( @{ Date = 'yyyy-MM-ddTHH:mm:ss'; From = 'sip:...'; Text } ) } ) } );
       Users = @( 'sip:...' or @{ SipAddress; Federated; Disabled } );
       AddIns = @( @{ Name; Url } );
       Principals = @( @{ Id; Uri; Name; Type (prinTypeID: 5 user, 9 group, 10 folder, 7 federated...);
                          Disabled; AdPath (the legacy DN); MemberOf = @( group Ids ) } ) }
    (Principals are tblPrincipal and tblPrincipalAffiliations, read by the runbook's principal steps.)
  -Files are the logical files a backup lists (RESTORE FILELISTONLY); by default a data and a log
  file under F:\SQLData and G:\SQLLog. -SizeMB paces backup and restore (100 MB/s) against the
  command's CommandTimeout.
#>
function Add-FakeSqlDatabase {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Instance,
    [Parameter(Mandatory = $true)][string]$Name,
    [System.Collections.IDictionary]$Content = @{},
    [int]$SizeMB = 100,
    [object[]]$Files
  )
  $i = Get-FakeSqlInstanceByName -Name $Instance
  if ($null -eq $i) { $i = Add-FakeSqlInstance -Computer $Instance }
  if (-not $Files) { $Files = @(@{ LogicalName = $Name; PhysicalName = ('F:\SQLData\' + $Name + '.mdf'); Type = 'D' }, @{ LogicalName = ($Name + '_log'); PhysicalName = ('G:\SQLLog\' + $Name + '_log.ldf'); Type = 'L' }) }
  $i.Databases[$Name] = @{ Name = $Name; Content = (ConvertTo-FakeChatContent $Content); Files = @($Files | ForEach-Object { @{ LogicalName = [string]$_.LogicalName; PhysicalName = [string]$_.PhysicalName; Type = [string]$_.Type } }); SizeMB = $SizeMB; Users = @{} }
  return $i.Databases[$Name]
}

<#
.SYNOPSIS
  Seeding: a backup file in the fake server's format at a local path (e.g. the legacy backup an
  Add-FakeWebFile URL serves), holding one database as Add-FakeSqlDatabase describes it.
#>
function Add-FakeSqlBackupFile {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Path,
    [Parameter(Mandatory = $true)][string]$Database,
    [System.Collections.IDictionary]$Content = @{},
    [int]$SizeMB = 100,
    [object[]]$Files
  )
  if (-not $Files) { $Files = @(@{ LogicalName = $Database; PhysicalName = ('D:\MSSQL\DATA\' + $Database + '.mdf'); Type = 'D' }, @{ LogicalName = ($Database + '_log'); PhysicalName = ('D:\MSSQL\DATA\' + $Database + '_log.ldf'); Type = 'L' }) }
  $db = @{ Name = $Database; Content = (ConvertTo-FakeChatContent $Content); Files = @($Files | ForEach-Object { @{ LogicalName = [string]$_.LogicalName; PhysicalName = [string]$_.PhysicalName; Type = [string]$_.Type } }); SizeMB = $SizeMB }
  $parent = Split-Path -Parent $Path
  if ($parent -and -not (Test-Path -LiteralPath $parent)) { New-Item -ItemType Directory -Path $parent -Force | Out-Null }
  Write-FakeSqlBackupFile -LocalPath $Path -Database $db
}

<# The same as Add-FakeSqlBackupFile (the name the suite's Seed.ps1 calls). #>
function New-FakeSqlBackupFile {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Path,
    [Parameter(Mandatory = $true)][string]$Database,
    [System.Collections.IDictionary]$Content = @{},
    [int]$SizeMB = 100,
    [object[]]$Files
  )
  Add-FakeSqlBackupFile @PSBoundParameters
}
