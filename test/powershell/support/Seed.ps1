<#
  The world a suite starts from, derived from the suite itself (its computers and its steps'
  parameters), as the real environment would be before the first step: new VMs with RAW data disks
  for provisioning; for the runbook a legacy Group Chat server with its services running, its SQL
  database and file store, a Persistent Chat pool with its services running, an empty mgc, the lookup
  account; for contacts a front end pool with the import files copied to the share.
#>

<# Calls a seeding helper of the fake world; a missing one means the suite cannot run yet. #>
function Invoke-Seed {
  param([Parameter(Mandatory = $true)][string]$Helper, [System.Collections.IDictionary]$Arguments = @{})
  if (-not (Get-Command -Name $Helper -Module FakeWorld -ErrorAction SilentlyContinue)) { throw ('the fake world has no seeding helper ' + $Helper) }
  & $Helper @Arguments | Out-Null
}

function Get-StepParameter {
  param($Suite, [string]$StepLike, [string]$Name)
  $s = @($Suite.steps | Where-Object { $_.id -like $StepLike -and $_.parameters.PSObject.Properties[$Name] } | Select-Object -First 1)
  if ($s.Count -eq 0) { return $null }
  return [string]$s[0].parameters.$Name
}

function Initialize-SuiteWorld {
  param([Parameter(Mandatory = $true)]$Suite, [Parameter(Mandatory = $true)][string]$Root)
  New-FakeWorld -Root $Root | Out-Null
  foreach ($c in @($Suite.computers)) {
    Add-FakeComputer -Name $c.name -RawDataDiskLuns @($c.dataDiskLuns | ForEach-Object { [int]$_ }) -Role ([string]$c.role) | Out-Null
  }
  switch ($Suite.kind) {
    'provisioning' { Initialize-ProvisioningWorld -Suite $Suite }
    'runbook' { Initialize-RunbookWorld -Suite $Suite }
    'contacts' { Initialize-ContactsWorld -Suite $Suite }
    default { throw ('unknown suite kind ' + $Suite.kind) }
  }
  return (Get-FakeWorld)
}

function Initialize-ProvisioningWorld {
  param($Suite)
  # An existing domain (staging) answers from the start; a new forest (lab) comes from its own steps.
  if ($Suite.domain -and $Suite.domain.mode -ne 'new-forest' -and $Suite.domain.fqdn) {
    Invoke-Seed Add-FakeDomain @{ Fqdn = $Suite.domain.fqdn; NetbiosName = $Suite.domain.netbiosName; Available = $true }
  }
  $restore = @($Suite.steps | Where-Object { $_.step -eq 'legacy-restore' } | Select-Object -First 1)
  if ($restore.Count -gt 0) {
    # The legacy SQL Server as SqlVirtualMachine leaves it: the kit's SQL login, no database yet;
    # the user's backup behind the (secret) URL.
    $computer = $restore[0].computerName
    Invoke-Seed Add-FakeSqlInstance @{ Computer = $computer }
    Invoke-Seed Add-FakeSqlLogin @{ Computer = $computer; Login = (Get-RestoreLogin $restore[0]); Password = (Get-SentinelValue 'SqlPassword') }
    $bak = Join-Path (Get-FakeWorld).Root 'web-GroupChat.bak'
    Invoke-Seed New-FakeSqlBackupFile @{ Path = $bak; Database = 'GroupChat'; Content = (New-LegacyDatabaseContent) }
    Invoke-Seed Add-FakeWebFile @{ Uri = (Get-SentinelValue 'BackupUrl'); Path = $bak }
  }
  Initialize-LyncSetupWorld -Suite $Suite
}

<#
  What the Lync install's first steps (issue 11) find before step 1: the user's media and cumulative
  update behind their (secret) URLs; on each SQL Server of Lync's stores the instance with the kit's SQL
  login (as SqlVirtualMachine leaves it), and where the kit does not grant sysadmin (staging) the admin
  account's login as a DBA made it (README, SQL access); the admin account as the forest's
  administrator (a new forest's built-in one; in an existing domain, the rights the README asks for).
#>
function Initialize-LyncSetupWorld {
  param($Suite)
  $root = (Get-FakeWorld).Root
  if (@($Suite.steps | Where-Object { $_.step -eq 'lync-media' }).Count -gt 0) {
    $iso = Join-Path $root 'web-LyncServer2013.iso'
    Invoke-Seed Add-FakeLyncMedia @{ Path = $iso }
    Invoke-Seed Add-FakeWebFile @{ Uri = (Get-SentinelValue 'MediaUrl'); Path = $iso }
    $cu = Join-Path $root 'web-LyncServerUpdateInstaller.exe'
    # The update package as the fake of its installer reads it (fakes/LyncDeploy.ps1), when there is one.
    $module = Get-Module FakeWorld
    if (& $module { [bool](Get-Command -Name New-FakeLyncUpdatePackage -CommandType Function -ErrorAction SilentlyContinue) }) { & $module { param($p) New-FakeLyncUpdatePackage -Path $p | Out-Null } $cu }
    else { Set-Content -LiteralPath $cu -Value 'fake Lync Server 2013 cumulative update package' }
    Invoke-Seed Add-FakeWebFile @{ Uri = (Get-SentinelValue 'UpdateUrl'); Path = $cu }
  }
  $fqdn = [string]$Suite.domain.fqdn
  foreach ($s in @($Suite.steps | Where-Object { $_.step -eq 'lync-sql-logins' })) {
    $instance = $s.computerName.ToLowerInvariant() + '.' + $fqdn
    Invoke-Seed Add-FakeSqlInstance @{ Computer = $s.computerName; Name = $instance }
    Invoke-Seed Add-FakeSqlLogin @{ Instance = $instance; Login = [string]$s.parameters.SqlLogin; Password = (Get-SentinelValue 'SqlPassword') }
    if ([string]$s.parameters.Sysadmin -ne 'true') {
      foreach ($login in @([string]$s.parameters.LoginsJson | ConvertFrom-Json)) { Invoke-Seed Add-FakeSqlLogin @{ Instance = $instance; Login = $login; Windows = $true; Sysadmin = $true } }
    }
  }
  # An existing domain's enterprise CA, which the user names (pchat-kit:lync.certificateAuthority);
  # a lab's own comes from its lync-pki step.
  if (@($Suite.steps | Where-Object { $_.step -eq 'lync-pki' }).Count -eq 0) {
    $ca = Get-StepParameter $Suite '*-lync-certificates' 'CertificationAuthority'
    if ($ca) { Invoke-Seed Add-FakeCertificationAuthority @{ Config = $ca } }
  }
  $adPrep = @($Suite.steps | Where-Object { $_.step -eq 'lync-ad-prep' } | Select-Object -First 1)
  if ($adPrep.Count -gt 0) {
    $sam = ([string]$adPrep[0].parameters.AdminAccount -split '\\', 2)[1]
    Invoke-Seed Add-FakeForestAdministrator @{ SamAccountName = $sam; Fqdn = $fqdn; NetbiosName = [string]$Suite.domain.netbiosName }
  }
}

<# The login the restore script connects with (written into its text by the renderer). #>
function Get-RestoreLogin {
  param($Step)
  # The login the restore script passes to Invoke-KitSql (migration-jobs/powershell/sql.ts).
  $m = [regex]::Match((Get-Content -LiteralPath $Step.scriptFile -Raw), "SqlLogin = '([^']+)'")
  return $m.Groups[1].Value
}

<# A small legacy Group Chat database: categories with rooms, as the export reads it. #>
function New-LegacyDatabaseContent {
  return @{
    Categories = @(
      @{ Name = 'Engineering'; Rooms = @('Platform', 'Releases') }
      @{ Name = 'Platform'; Rooms = @('Storage') }
      @{ Name = 'Storage'; Rooms = @('Replication') }
      @{ Name = 'Sales'; Rooms = @('EMEA') }
      @{ Name = 'Design Reviews'; Rooms = @('Weekly') }
      @{ Name = 'Partners'; Rooms = @('Contoso') }
    )
  }
}

<#
  The legacy principals of the legacy database (tblPrincipal, tblPrincipalAffiliations), as a
  production forest left them: users with SIP addresses in OUs and CN=Users, a group with members, an
  OU a scope names, and principals no lab can recreate (federated, disabled). Their DNs carry the
  production forest's DC= part (contoso.com), which the seeding step replaces by the lab's.
#>
function New-LegacyPrincipals {
  return @(
    @{ Id = 1; Uri = 'ma-grp://any'; Name = 'Everyone'; Type = 1; AdPath = '' }
    @{ Id = 2; Uri = 'sip:ann.lee@contoso.local'; Name = 'Ann Lee'; Type = 5; AdPath = 'CN=Ann Lee,OU=Sales,OU=People,DC=contoso,DC=com'; MemberOf = @(4) }
    @{ Id = 3; Uri = 'sip:bo.chen@contoso.local'; Name = 'Bo Chen'; Type = 5; AdPath = 'CN=Bo Chen,CN=Users,DC=contoso,DC=com'; MemberOf = @(4) }
    @{ Id = 4; Uri = 'ma-grp://sales-team'; Name = 'Sales Team'; Type = 9; AdPath = 'CN=Sales Team,OU=Groups,DC=contoso,DC=com' }
    @{ Id = 5; Uri = 'ma-grp://engineering'; Name = 'Engineering'; Type = 10; AdPath = 'OU=Engineering,OU=People,DC=contoso,DC=com' }
    @{ Id = 6; Uri = 'sip:partner@fabrikam.com'; Name = 'Partner'; Type = 7; AdPath = '' }
    @{ Id = 7; Uri = 'sip:gone@contoso.local'; Name = 'Gone User'; Type = 5; Disabled = $true; AdPath = 'CN=Gone User,OU=People,DC=contoso,DC=com' }
  )
}

function Initialize-RunbookWorld {
  param($Suite)
  $fqdnOf = @{}
  foreach ($c in @($Suite.computers)) { $fqdnOf[$c.key] = $c.name }
  Invoke-Seed Add-FakeDomain @{ Fqdn = 'contoso.local'; NetbiosName = 'CONTOSO'; Available = $true }
  Invoke-Seed Add-FakeRunAs @{ Account = 'CONTOSO\pckadmin' }
  # lync-install §3: a data-only legacy side (a lab's restored database) has no Group Chat at all: its
  # steps carry the reason they do nothing, and the world holds no Group Chat service, product or account.
  $dataOnly = [bool](Get-StepParameter $Suite '02-stop-legacy-*' 'Reason')

  # Legacy Group Chat server: its services running (domain §2.4), its products installed.
  foreach ($c in @($Suite.computers | Where-Object { $_.key -like 'legacy-gc*' -and -not $dataOnly })) {
    foreach ($svc in @(@{ Name = 'ChannelService'; DisplayName = 'Lync Server Group Chat Channel' }, @{ Name = 'LookupService'; DisplayName = 'Lync Server Group Chat Lookup' }, @{ Name = 'ComplianceService'; DisplayName = 'Lync Server Group Chat Compliance' })) {
      Invoke-Seed Add-FakeService @{ Computer = $c.name; Name = $svc.Name; DisplayName = $svc.DisplayName; Status = 'Running'; StartType = 'Automatic' }
    }
    Invoke-Seed Add-FakeUninstallEntry @{ Computer = $c.name; ProductCode = '{7A1E2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B}'; DisplayName = 'Microsoft Lync Server 2010, Group Chat Server' }
  }
  # Persistent Chat servers and front ends: their Lync services running, in their pools.
  $chatPool = Get-StepParameter $Suite '*cutover*' 'PoolFqdn'
  $chatServers = @($Suite.computers | Where-Object { $_.key -like 'pchat-*' })
  Invoke-Seed Add-FakeCsPool @{ PoolFqdn = $chatPool; Kind = 'PersistentChat'; Computers = @($chatServers | ForEach-Object { $_.name }) }
  foreach ($c in $chatServers) {
    Invoke-Seed Add-FakeCsWindowsService @{ Computer = $c.name; Name = 'RTCCHAT'; Status = 'Running'; Pool = $chatPool }
  }
  $frontEnds = @($Suite.computers | Where-Object { $_.key -like 'fe-*' })
  foreach ($c in $frontEnds) {
    Invoke-Seed Add-FakeCsWindowsService @{ Computer = $c.name; Name = 'RTCSRV'; Status = 'Running' }
  }
  # The Registrar pool the seeding step homes the legacy users on.
  $registrar = Get-StepParameter $Suite '*-principals' 'RegistrarPool'
  if ($registrar) { Invoke-Seed Add-FakeCsPool @{ PoolFqdn = $registrar; Kind = 'FrontEnd'; Computers = @($frontEnds | ForEach-Object { $_.name }) } }
  # Export-CsPersistentChatData -StartDate is documented only for -Level RoomDirectory
  # (PS:Export-CsPersistentChatData); the kit passes the cutoff with -Level All and the verification
  # reports whether it held. The fake applies it (the inferred behaviour); Reject is its default.
  Invoke-Seed Add-FakeLyncOption @{ Name = 'StartDateOutsideRoomDirectory'; Value = 'Filter' }

  # SQL: the legacy database, an empty mgc, the kit's SQL login where the steps use one.
  $legacyInstance = Get-StepParameter $Suite '*-export*' 'DBInstance'
  $legacyDb = Get-StepParameter $Suite '*-export*' 'DBName'
  $storeInstance = Get-StepParameter $Suite '*-import*' 'DBInstance'
  Invoke-Seed Add-FakeSqlInstance @{ Computer = $legacyInstance }
  $legacyContent = New-LegacyDatabaseContent
  $legacyContent['Principals'] = New-LegacyPrincipals
  Invoke-Seed Add-FakeSqlDatabase @{ Instance = $legacyInstance; Name = $legacyDb; Content = $legacyContent }
  Invoke-Seed Add-FakeSqlInstance @{ Computer = $storeInstance }
  Invoke-Seed Add-FakeSqlDatabase @{ Instance = $storeInstance; Name = 'mgc'; Content = @{ Categories = @() } }
  $login = Get-StepParameter $Suite '*backup*' 'SqlLogin'
  foreach ($instance in @($legacyInstance, $storeInstance)) {
    if ($login) { Invoke-Seed Add-FakeSqlLogin @{ Computer = $instance; Login = $login; Password = (Get-SentinelValue 'SqlPassword') } }
    Invoke-Seed Add-FakeSqlLogin @{ Computer = $instance; Login = 'CONTOSO\pckadmin'; Windows = $true }
  }

  # Shares: the staging folder, the legacy file store with what the analysis expects, the new store.
  $staging = Get-StepParameter $Suite '*' 'StagingFolder'
  New-Item -ItemType Directory -Path (Resolve-FakePath $staging) -Force | Out-Null
  $source = Get-StepParameter $Suite '*copy-files*' 'Source'
  if ($source) {
    $count = [int](Get-StepParameter $Suite '*copy-files*' 'ExpectedFiles')
    $bytes = [long](Get-StepParameter $Suite '*copy-files*' 'ExpectedBytes')
    Invoke-Seed Add-FakeFileStoreFiles @{ Path = $source; Count = [Math]::Max($count, 1); TotalBytes = [Math]::Max($bytes, 1) }
    New-Item -ItemType Directory -Path (Resolve-FakePath (Get-StepParameter $Suite '*copy-files*' 'Destination')) -Force | Out-Null
  }

  # The legacy lookup account the cutover replaces by an endpoint (domain §2.4 step 8).
  $lookup = Get-StepParameter $Suite '*cutover*' 'LookupSipUri'
  if ($lookup -and -not $dataOnly) { Invoke-Seed Add-FakeAdUser @{ SamAccountName = 'ocschat'; SipAddress = $lookup } }
  $legacyPool = Get-StepParameter $Suite '*remove-legacy-pool*' 'LegacyPoolFqdn'
  if ($legacyPool) {
    Invoke-Seed Add-FakeTrustedApplicationPool @{ PoolFqdn = $legacyPool }
    Invoke-Seed Add-FakeTrustedApplication @{ PoolFqdn = $legacyPool; ApplicationId = 'groupchat-channel' }
  }
  $policy = Get-StepParameter $Suite '*enable-policy*' 'PolicyIdentity'
  if ($policy) { Invoke-Seed Add-FakePersistentChatPolicy @{ Identity = $policy; EnablePersistentChat = $false } }
}

function Initialize-ContactsWorld {
  param($Suite)
  Invoke-Seed Add-FakeDomain @{ Fqdn = 'contoso.local'; NetbiosName = 'CONTOSO'; Available = $true }
  Invoke-Seed Add-FakeRunAs @{ Account = 'CONTOSO\pckadmin' }
  foreach ($c in @($Suite.computers)) {
    Invoke-Seed Add-FakeCsWindowsService @{ Computer = $c.name; Name = 'RTCSRV'; Status = 'Running'; Pool = $Suite.pool }
  }
  $staging = [string]$Suite.steps[0].parameters.StagingFolder
  New-Item -ItemType Directory -Path (Resolve-FakePath $staging) -Force | Out-Null
  # What the operator copies to the share before the window (README, contacts).
  foreach ($f in @($Suite.shareFiles)) {
    $to = Resolve-FakePath $f.to
    New-Item -ItemType Directory -Path (Split-Path -Parent $to) -Force | Out-Null
    Copy-Item -LiteralPath $f.from -Destination $to
  }
}
