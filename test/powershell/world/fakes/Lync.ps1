<#
  Lync Server 2013 (the Lync module) and Import-Module.

  State:
  - Computers[x].Services / CsServices: a Lync service is a Windows service (status and start type in
    Services) that CsServices marks as Lync's, with its Pool (FQDN) and RoleName. Get-CsWindowsService
    sees only those, as the real one ignores every non-Lync service.
  - World.Lync.Pools: fqdn -> @{ PoolFqdn; Kind FrontEnd|PersistentChat; SiteId; Computers;
    ActiveServers; PoolState; Database; FileStore } (seeded by Add-FakeCsPool, or made from the Pool
    tags of the seeded Lync services the first time a cmdlet changes them).
  - World.Lync.Endpoints (SIP -> Persistent Chat endpoint contact), Policies (identity ->
    Persistent Chat policy; Global always exists, disabled, as in a new deployment),
    TrustedApplicationPools, TrustedApplications, TopologyChangesPending (removals not yet enabled
    by Enable-CsTopology), UserData (pool -> DocItem XML per user, Import/Export-CsUserData).
  - SQL content (fakes/Sql.ps1): Export-CsPersistentChatData reads a database's chat content and
    marks what it exported disabled (-DisableExportedNodes); Import-CsPersistentChatData merges an
    export into `mgc`. Both connect with Windows authentication as the run-as account.
  - World.History counts exports, imports and lost user-data imports (not compared state).
  - World.Lync.Options: Add-FakeLyncOption (how -StartDate outside -Level RoomDirectory is taken).
#>

function Get-FakeLync {
  $w = Get-FakeWorld
  foreach ($k in 'Pools', 'Options') { if (-not $w.Lync.ContainsKey($k)) { $w.Lync[$k] = @{} } }
  if (-not $w.Lync.ContainsKey('TopologyChangesPending')) { $w.Lync['TopologyChangesPending'] = $false }
  return $w.Lync
}

function Get-FakeLyncDisplayName {
  param([string]$Name)
  $known = @{
    RTCSRV     = 'Lync Server Front-End'
    RTCCHAT    = 'Lync Server Persistent Chat'
    RTCCLSAGT  = 'Lync Server Centralized Logging Service Agent'
    REPLICA    = 'Lync Server Replica Replicator Agent'
    RTCASMCU   = 'Lync Server Application Sharing'
    RTCDATAMCU = 'Lync Server Web Conferencing'
    RTCIMMCU   = 'Lync Server IM Conferencing'
    RTCAVMCU   = 'Lync Server Audio/Video Conferencing'
    RTCMEDSRV  = 'Lync Server Mediation'
    RTCCAA     = 'Lync Server Conferencing Attendant'
    RTCRGS     = 'Lync Server Response Group'
    MASTER     = 'Lync Server Master Replicator Agent'
  }
  if ($known.ContainsKey($Name)) { return $known[$Name] }
  return ('Lync Server ' + $Name)
}

#region Import-Module

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Core/Import-Module.md
# (set Name; -PSSession, -CimSession, -Assembly and -ModuleInfo are left out). Imports nothing: a
# module is available when the current computer has it (Computers[x].Modules; a path's leaf name
# counts, e.g. ...\Modules\Lync\Lync.psd1), and fails as Windows does otherwise.
function Import-Module {
  [CmdletBinding(DefaultParameterSetName = 'Name')]
  param(
    [switch]$Global,
    [string]$Prefix,
    [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][string[]]$Name,
    [string[]]$Function,
    [string[]]$Cmdlet,
    [string[]]$Variable,
    [string[]]$Alias,
    [switch]$Force,
    [switch]$PassThru,
    [switch]$AsCustomObject,
    [version]$MinimumVersion,
    [version]$RequiredVersion,
    [Alias('Args')][object[]]$ArgumentList,
    [switch]$DisableNameChecking,
    [Alias('NoOverwrite')][switch]$NoClobber,
    [ValidateSet('Local', 'Global')][string]$Scope
  )
  process {
    Enter-FakeCall -Command 'Import-Module' -Parameters $PSBoundParameters
    $c = Get-FakeComputer
    foreach ($n in $Name) {
      $leaf = [System.IO.Path]::GetFileNameWithoutExtension(($n -split '[\\/]')[-1])
      $have = @($c.Modules | Where-Object { [string]$_ -eq $leaf })
      if ($have.Count -eq 0) {
        Write-FakeError -Cmdlet $PSCmdlet -Message ("The specified module '" + $n + "' was not loaded because no valid module file was found in any module directory.") -ErrorId 'Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand' -Category ResourceUnavailable -Target $n -ExceptionType 'System.IO.FileNotFoundException'
        continue
      }
      if ($PassThru) { New-FakeObject -TypeName 'System.Management.Automation.PSModuleInfo' -Properties ([ordered]@{ Name = [string]$have[0]; ModuleType = 'Manifest'; Version = [version]'1.0' }) }
    }
  }
}

#endregion

#region Lync services

function Get-FakeCsServiceObject {
  param($Computer, [string]$Name)
  $s = $Computer.Services[$Name]
  $cs = $Computer.CsServices[$Name]
  return New-FakeObject -TypeName 'Microsoft.Rtc.Management.Deployment.Core.NTService' -Properties ([ordered]@{
      Status        = [string]$s.Status
      Name          = [string]$s.Name
      DisplayName   = [string]$s.DisplayName
      ActivityLevel = ''
      RoleName      = @($cs.RoleName)
      StartType     = [string]$s.StartType
      ComputerName  = Get-FakeComputerFqdn -Computer $Computer
    })
}

<# The computer a -ComputerName names (the current one when empty); terminating error when unknown. #>
function Resolve-FakeCsComputer {
  param($Cmdlet, [string]$ComputerName)
  if (-not $ComputerName) { return (Get-FakeComputer) }
  $c = Find-FakeComputer -Name $ComputerName
  if ($null -eq $c) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ('Cannot connect to computer "' + $ComputerName + '". The RPC server is unavailable.') -Category ConnectionError -Target $ComputerName }
  return $c
}

function Get-FakeCsServiceNames {
  param($Computer, [string]$Name)
  $names = @($Computer.CsServices.Keys | Sort-Object)
  if ($Name) { $names = @($names | Where-Object { $_ -eq $Name }) }
  return $names
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsWindowsService.md
# ("designed to ignore any service that is not part of Skype for Business Server"; -ExcludeActivityLevel
# changes nothing here, the fake has no activity counters).
function Get-CsWindowsService {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0)][string]$Name,
    [string]$ComputerName,
    [switch]$ExcludeActivityLevel,
    [string]$Report
  )
  Enter-FakeCall -Command 'Get-CsWindowsService' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsWindowsService'
  $c = Resolve-FakeCsComputer -Cmdlet $PSCmdlet -ComputerName $ComputerName
  $names = @(Get-FakeCsServiceNames -Computer $c -Name $Name)
  if ($Name -and $names.Count -eq 0) {
    Write-FakeError -Cmdlet $PSCmdlet -Message ('Cannot find service "' + $Name + '" on computer "' + (Get-FakeComputerFqdn -Computer $c) + '". It is not installed or it is not a Lync Server service.') -ErrorId 'ServiceNotFound,Microsoft.Rtc.Management.Deployment.GetWindowsServiceCmdlet' -Target $Name
    return
  }
  foreach ($n in $names) { Get-FakeCsServiceObject -Computer $c -Name $n }
}

function Write-FakeCsReport {
  param([string]$Report, [string]$Title, [string[]]$Lines)
  if (-not $Report) { return }
  $local = Resolve-FakePath -Path $Report
  $parent = Split-Path -Parent $local
  if (-not (Test-Path -LiteralPath $parent)) { throw ('Could not find a part of the path ''' + $Report + '''.') }
  $body = '<html><head><title>' + [System.Net.WebUtility]::HtmlEncode($Title) + '</title></head><body><h1>' + [System.Net.WebUtility]::HtmlEncode($Title) + "</h1>`n<ul>`n"
  foreach ($l in $Lines) { $body += '<li>' + [System.Net.WebUtility]::HtmlEncode($l) + "</li>`n" }
  $body += "</ul></body></html>`n"
  [System.IO.File]::WriteAllText($local, $body, [System.Text.UTF8Encoding]::new($false))
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Stop-CsWindowsService.md
# ("can only stop Skype for Business Server services; an error will occur if you attempt to stop a
# non-Skype for Business Server service"; without -Name, every Lync service of the computer; services
# that depend on it are stopped too). Stops at once: -Graceful and -NoWait change nothing here.
function Stop-CsWindowsService {
  [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'Name', Position = 0)][string]$Name,
    [Parameter(ParameterSetName = 'Name')][string]$ComputerName,
    [switch]$Graceful,
    [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline = $true)][object]$InputObject,
    [switch]$NoWait,
    [switch]$Force,
    [string]$Report,
    [switch]$LeaveClsAgentRunning,
    [switch]$LeaveWebServerRunning
  )
  process {
    Enter-FakeCall -Command 'Stop-CsWindowsService' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Stop-CsWindowsService'
    if ($PSCmdlet.ParameterSetName -eq 'InputObject') { $Name = [string]$InputObject.Name; $ComputerName = [string]$InputObject.ComputerName }
    $c = Resolve-FakeCsComputer -Cmdlet $PSCmdlet -ComputerName $ComputerName
    $names = @(Get-FakeCsServiceNames -Computer $c -Name $Name)
    if ($Name -and $names.Count -eq 0) {
      $what = $(if ($c.Services.ContainsKey($Name)) { 'it is not a Lync Server service' } else { 'it is not installed' })
      Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot stop service "' + $Name + '" on computer "' + (Get-FakeComputerFqdn -Computer $c) + '": ' + $what + '.') -ErrorId 'ServiceNotFound,Microsoft.Rtc.Management.Deployment.StopWindowsServiceCmdlet' -Category ObjectNotFound -Target $Name
    }
    if (-not $Name) {
      if ($LeaveClsAgentRunning) { $names = @($names | Where-Object { $_ -ne 'RTCCLSAGT' }) }
      if ($LeaveWebServerRunning) { $names = @($names | Where-Object { $_ -ne 'W3SVC' }) }
    }
    $lines = @()
    foreach ($n in $names) {
      $s = $c.Services[$n]
      if ($PSCmdlet.ShouldProcess(($n + ' on ' + (Get-FakeComputerFqdn -Computer $c)), 'Stop')) {
        Stop-FakeService -Cmdlet $PSCmdlet -Computer $c -Service $s -Force $true
        $lines += ('Stopped ' + $n)
      }
    }
    Write-FakeCsReport -Report $Report -Title 'Stop-CsWindowsService' -Lines $lines
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Start-CsWindowsService.md
# (without -Name, every Lync service of the computer; a disabled service fails to start).
function Start-CsWindowsService {
  [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'Name', Position = 0)][string]$Name,
    [Parameter(ParameterSetName = 'Name')][string]$ComputerName,
    [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline = $true)][object]$InputObject,
    [switch]$NoWait,
    [switch]$Force,
    [string]$Report
  )
  process {
    Enter-FakeCall -Command 'Start-CsWindowsService' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Start-CsWindowsService'
    if ($PSCmdlet.ParameterSetName -eq 'InputObject') { $Name = [string]$InputObject.Name; $ComputerName = [string]$InputObject.ComputerName }
    $c = Resolve-FakeCsComputer -Cmdlet $PSCmdlet -ComputerName $ComputerName
    $names = @(Get-FakeCsServiceNames -Computer $c -Name $Name)
    if ($Name -and $names.Count -eq 0) {
      $what = $(if ($c.Services.ContainsKey($Name)) { 'it is not a Lync Server service' } else { 'it is not installed' })
      Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot start service "' + $Name + '" on computer "' + (Get-FakeComputerFqdn -Computer $c) + '": ' + $what + '.') -ErrorId 'ServiceNotFound,Microsoft.Rtc.Management.Deployment.StartWindowsServiceCmdlet' -Category ObjectNotFound -Target $Name
    }
    $lines = @()
    foreach ($n in $names) {
      $s = $c.Services[$n]
      if ($PSCmdlet.ShouldProcess(($n + ' on ' + (Get-FakeComputerFqdn -Computer $c)), 'Start')) {
        Start-FakeService -Cmdlet $PSCmdlet -Computer $c -Service $s
        $lines += ('Started ' + $n)
      }
    }
    Write-FakeCsReport -Report $Report -Title 'Start-CsWindowsService' -Lines $lines
  }
}

<#
.SYNOPSIS
  Seeding: a Lync service on a computer (a Windows service marked as Lync's). -Pool tags the
  computer as a server of that pool (RTCSRV: a front end of a Registrar pool; RTCCHAT: a Persistent
  Chat server).
#>
function Add-FakeCsWindowsService {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Computer,
    [Parameter(Mandatory = $true)][string]$Name,
    [string]$DisplayName,
    [ValidateSet('Running', 'Stopped')][string]$Status = 'Running',
    [ValidateSet('Automatic', 'Manual', 'Disabled')][string]$StartType = 'Automatic',
    [string]$Pool = '',
    [string[]]$RoleName = @(),
    [string[]]$DependentServices = @()
  )
  if (-not $DisplayName) { $DisplayName = Get-FakeLyncDisplayName -Name $Name }
  $c = Add-FakeComputer -Name $Computer
  if (@($c.Modules) -notcontains 'Lync') { $c.Modules = @(@($c.Modules) + 'Lync') }
  Add-FakeService -Computer $Computer -Name $Name -DisplayName $DisplayName -Status $Status -StartType $StartType -DependentServices $DependentServices | Out-Null
  $c.CsServices[$Name] = @{ Name = $Name; Pool = $Pool.ToLowerInvariant(); RoleName = @($RoleName) }
}

#endregion

#region pools and services (topology)

<# Every pool the world knows: seeded ones, and those the Pool tags of Lync services imply. #>
function Get-FakeCsPools {
  $l = Get-FakeLync
  $w = Get-FakeWorld
  $pools = @{}
  foreach ($k in $l.Pools.Keys) { $pools[$k] = $l.Pools[$k] }
  # The pools of the published topology (LyncDeploy.ps1), unless seeded or already kept.
  $published = Get-FakeCsPublishedPools
  foreach ($k in $published.Keys) { if (-not $pools.ContainsKey($k)) { $pools[$k] = $published[$k] } }
  foreach ($cn in @($w.Computers.Keys | Sort-Object)) {
    $c = $w.Computers[$cn]
    foreach ($sn in @($c.CsServices.Keys | Sort-Object)) {
      $pool = [string]$c.CsServices[$sn].Pool
      if (-not $pool) { continue }
      $kind = $(if ($sn -like 'RTCCHAT*') { 'PersistentChat' } elseif ($sn -eq 'RTCSRV') { 'FrontEnd' } else { $null })
      if ($null -eq $kind) { continue }
      if (-not $pools.ContainsKey($pool)) { $pools[$pool] = @{ PoolFqdn = $pool; Kind = $kind; SiteId = 'Site:Primary'; Computers = @(); ActiveServers = $null; PoolState = 'Normal'; Database = ''; FileStore = ''; Implicit = $true } }
      if (@($pools[$pool].Computers) -notcontains $c.Name -and $pools[$pool].ContainsKey('Implicit')) { $pools[$pool].Computers = @(@($pools[$pool].Computers) + $c.Name) }
    }
  }
  return $pools
}

<# A pool by FQDN or service identity (`PersistentChatServer:fqdn`); kept in the state once found. #>
function Get-FakeCsPool {
  param([string]$Identity, [string]$Kind)
  $fqdn = ($Identity -replace '^[A-Za-z]+:', '').ToLowerInvariant()
  $pools = Get-FakeCsPools
  if (-not $pools.ContainsKey($fqdn)) { return $null }
  $p = $pools[$fqdn]
  if ($Kind -and $p.Kind -ne $Kind) { return $null }
  $l = Get-FakeLync
  if ($p.ContainsKey('Implicit')) { $p.Remove('Implicit'); $l.Pools[$fqdn] = $p }
  return $l.Pools[$fqdn]
}

function Get-FakeCsPoolServerFqdns {
  param($Pool)
  $w = Get-FakeWorld
  return @($Pool.Computers | ForEach-Object { $c = $w.Computers[([string]$_).ToUpperInvariant()]; if ($c) { Get-FakeComputerFqdn -Computer $c } else { ([string]$_).ToLowerInvariant() } })
}

function Get-FakeCsActiveServers {
  param($Pool)
  if ($null -eq $Pool.ActiveServers) { return @(Get-FakeCsPoolServerFqdns -Pool $Pool | Select-Object -First 4) }
  return @($Pool.ActiveServers)
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsService.md
# (one role switch per call, as the page says; the roles the world has: Registrar, UserServer,
# PersistentChatServer, PersistentChatDatabase, TrustedApplicationPool; the other switches return
# nothing, as a topology without those roles would).
function Get-CsService {
  [CmdletBinding(DefaultParameterSetName = 'Identity')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Filter')][string]$Filter,
    [string]$PoolFqdn,
    [Parameter(ParameterSetName = 'ApplicationDatabase')][switch]$ApplicationDatabase,
    [Parameter(ParameterSetName = 'ApplicationServer')][switch]$ApplicationServer,
    [Parameter(ParameterSetName = 'ArchivingDatabase')][switch]$ArchivingDatabase,
    [Parameter(ParameterSetName = 'ArchivingServer')][switch]$ArchivingServer,
    [Parameter(ParameterSetName = 'CentralManagement')][switch]$CentralManagement,
    [Parameter(ParameterSetName = 'CentralManagementDatabase')][switch]$CentralManagementDatabase,
    [Parameter(ParameterSetName = 'ConferenceServer')][Alias('ConferenceServer')][switch]$ConferencingServer,
    [Parameter(ParameterSetName = 'Director')][switch]$Director,
    [Parameter(ParameterSetName = 'EdgeServer')][switch]$EdgeServer,
    [Parameter(ParameterSetName = 'FileStore')][switch]$FileStore,
    [Parameter(ParameterSetName = 'ManagementServer')][switch]$ManagementServer,
    [Parameter(ParameterSetName = 'MediationServer')][switch]$MediationServer,
    [Parameter(ParameterSetName = 'MonitoringServer')][switch]$MonitoringServer,
    [Parameter(ParameterSetName = 'MonitoringDatabase')][switch]$MonitoringDatabase,
    [Parameter(ParameterSetName = 'PstnGateway')][switch]$PstnGateway,
    [Parameter(ParameterSetName = 'Registrar')][switch]$Registrar,
    [Parameter(ParameterSetName = 'TrustedApplicationPool')][Alias('ExternalServer')][switch]$TrustedApplicationPool,
    [Parameter(ParameterSetName = 'UserDatabase')][switch]$UserDatabase,
    [Parameter(ParameterSetName = 'UserServer')][switch]$UserServer,
    [Parameter(ParameterSetName = 'WebServer')][switch]$WebServer,
    [Parameter(ParameterSetName = 'BackupServer')][switch]$BackupServer,
    [Parameter(ParameterSetName = 'PersistentChatComplianceDatabase')][switch]$PersistentChatComplianceDatabase,
    [Parameter(ParameterSetName = 'PersistentChatDatabase')][switch]$PersistentChatDatabase,
    [Parameter(ParameterSetName = 'PersistentChatServer')][switch]$PersistentChatServer,
    [Parameter(ParameterSetName = 'WacServer')][switch]$WacServer
  )
  Enter-FakeCall -Command 'Get-CsService' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsService'
  $l = Get-FakeLync
  $all = [System.Collections.Generic.List[object]]::new()
  $pools = Get-FakeCsPools
  foreach ($fqdn in @($pools.Keys | Sort-Object)) {
    $p = $pools[$fqdn]
    if ($p.Kind -eq 'FrontEnd') {
      $all.Add((New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.DisplayRegistrar' -Properties ([ordered]@{ Identity = ('Registrar:' + $fqdn); PoolFqdn = $fqdn; Role = 'Registrar'; SiteId = [string]$p.SiteId; UserServer = ('UserServer:' + $fqdn) })))
      $all.Add((New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.DisplayUserServer' -Properties ([ordered]@{ Identity = ('UserServer:' + $fqdn); PoolFqdn = $fqdn; Role = 'UserServer'; SiteId = [string]$p.SiteId; Registrar = ('Registrar:' + $fqdn) })))
    } elseif ($p.Kind -eq 'PersistentChat') {
      $servers = @(Get-FakeCsPoolServerFqdns -Pool $p)
      $active = @(Get-FakeCsActiveServers -Pool $p)
      $all.Add((New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.DisplayPersistentChatServer' -Properties ([ordered]@{
              Identity               = ('PersistentChatServer:' + $fqdn)
              PoolFqdn               = $fqdn
              Role                   = 'PersistentChatServer'
              SiteId                 = [string]$p.SiteId
              ActiveServers          = $active
              InactiveServers        = @($servers | Where-Object { $active -notcontains $_ })
              PersistentChatDatabase = $(if ($p.Database) { 'PersistentChatStore:' + $p.Database } else { '' })
              FileStore              = $(if ($p.FileStore) { 'FileStore:' + $p.FileStore } else { '' })
              MtlsPort               = $(if ($p.ContainsKey('MtlsPort') -and $p.MtlsPort) { [int]$p.MtlsPort } else { 5041 })
            })))
      if ($p.Database) { $all.Add((New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.DisplayPersistentChatStore' -Properties ([ordered]@{ Identity = ('PersistentChatStore:' + $p.Database); PoolFqdn = ([string]$p.Database -split '\\')[0]; Role = 'PersistentChatStore'; SiteId = [string]$p.SiteId }))) }
    }
  }
  foreach ($k in @($l.TrustedApplicationPools.Keys | Sort-Object)) {
    $tp = $l.TrustedApplicationPools[$k]
    $all.Add((New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.DisplayExternalServer' -Properties ([ordered]@{ Identity = ('ExternalServer:' + $tp.PoolFqdn); PoolFqdn = $tp.PoolFqdn; Role = 'ExternalServer'; SiteId = [string]$tp.SiteId })))
  }
  $roleOf = @{ Registrar = 'Registrar'; UserServer = 'UserServer'; PersistentChatServer = 'PersistentChatServer'; PersistentChatDatabase = 'PersistentChatStore'; TrustedApplicationPool = 'ExternalServer' }
  $result = @($all)
  switch ($PSCmdlet.ParameterSetName) {
    'Identity' { if ($Identity) { $result = @($result | Where-Object { $_.Identity -eq $Identity }) } }
    'Filter' { $result = @($result | Where-Object { Test-FakeLike -Value $_.Identity -Pattern $Filter }) }
    default {
      $role = $roleOf[$PSCmdlet.ParameterSetName]
      $result = @($(if ($role) { $result | Where-Object { $_.Role -eq $role } }))
    }
  }
  if ($PoolFqdn) { $result = @($result | Where-Object { $_.PoolFqdn -eq $PoolFqdn }) }
  $result
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Set-CsPersistentChatActiveServer.md
# (-ActiveServers is a PSListModifier of FQDNs: @{Add=...}, @{Remove=...}, a list, or $null for none;
# the servers must belong to the pool; a pool has at most four active servers).
function Set-CsPersistentChatActiveServer {
  [CmdletBinding(DefaultParameterSetName = 'Explicit', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Explicit', Mandatory = $true)][AllowNull()][System.Management.Automation.PSListModifier[string]]$ActiveServers,
    [Parameter(ParameterSetName = 'Swap', Mandatory = $true)][switch]$Swap,
    [switch]$Force
  )
  Enter-FakeCall -Command 'Set-CsPersistentChatActiveServer' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Set-CsPersistentChatActiveServer'
  $pcPools = @((Get-FakeCsPools).Values | Where-Object { $_.Kind -eq 'PersistentChat' })
  if (-not $Identity) {
    if ($pcPools.Count -ne 1) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Identity is required when the topology has more (or fewer) than one Persistent Chat pool.' -Category InvalidArgument }
    $Identity = $pcPools[0].PoolFqdn
  }
  $p = Get-FakeCsPool -Identity $Identity -Kind 'PersistentChat'
  if ($null -eq $p) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find Persistent Chat server collection "' + $Identity + '".') -Category ObjectNotFound -Target $Identity }
  $servers = @(Get-FakeCsPoolServerFqdns -Pool $p)
  $current = @(Get-FakeCsActiveServers -Pool $p)
  $next = @()
  if ($Swap) {
    $next = @($servers | Where-Object { $current -notcontains $_ })
  } elseif ($null -eq $ActiveServers) {
    $next = @()
  } else {
    $next = @($current)
    if ($ActiveServers.Replace.Count -gt 0) { $next = @($ActiveServers.Replace | ForEach-Object { $_.ToLowerInvariant() }) }
    foreach ($a in $ActiveServers.Add) { if ($next -notcontains $a.ToLowerInvariant()) { $next += $a.ToLowerInvariant() } }
    foreach ($r in $ActiveServers.Remove) { $next = @($next | Where-Object { $_ -ne $r.ToLowerInvariant() }) }
  }
  foreach ($s in $next) { if ($servers -notcontains $s) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The server "' + $s + '" is not a server of the Persistent Chat pool ' + $p.PoolFqdn + '.') -Category InvalidArgument -Target $s } }
  if ($next.Count -gt 4) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('A Persistent Chat pool has at most 4 active servers; ' + $next.Count + ' were given.') -Category InvalidArgument }
  if ($PSCmdlet.ShouldProcess(('PersistentChatServer:' + $p.PoolFqdn), 'Set active servers')) { $p.ActiveServers = @($next) }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsPersistentChatState.md
function Get-CsPersistentChatState {
  [CmdletBinding(DefaultParameterSetName = 'Identity')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Filter')][string]$Filter,
    [switch]$LocalStore
  )
  Enter-FakeCall -Command 'Get-CsPersistentChatState' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsPersistentChatState'
  $pools = Get-FakeCsPools
  foreach ($fqdn in @($pools.Keys | Sort-Object)) {
    $p = $pools[$fqdn]
    if ($p.Kind -ne 'PersistentChat') { continue }
    $id = 'PersistentChatServer:' + $fqdn
    if ($Identity -and $id -ne $Identity -and $fqdn -ne $Identity) { continue }
    if ($Filter -and -not (Test-FakeLike -Value $id -Pattern $Filter)) { continue }
    New-FakeObject -TypeName 'Microsoft.Rtc.Management.WritableConfig.Settings.PersistentChat.PersistentChatState' -Properties ([ordered]@{ Identity = $id; PoolState = $(if ($p.PoolState) { [string]$p.PoolState } else { 'Normal' }) })
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Set-CsPersistentChatState.md
function Set-CsPersistentChatState {
  [CmdletBinding(DefaultParameterSetName = 'Identity', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Instance', ValueFromPipeline = $true)][psobject]$Instance,
    [ValidateSet('Normal', 'FailedOver')][string]$PoolState,
    [switch]$Force
  )
  process {
    Enter-FakeCall -Command 'Set-CsPersistentChatState' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Set-CsPersistentChatState'
    $id = $(if ($PSCmdlet.ParameterSetName -eq 'Instance') { [string]$Instance.Identity } else { $Identity })
    $p = Get-FakeCsPool -Identity $id -Kind 'PersistentChat'
    if ($null -eq $p) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find "PersistentChatState" "' + $id + '" because it does not exist.') -Category ObjectNotFound -Target $id }
    $state = $(if ($PoolState) { $PoolState } elseif ($PSCmdlet.ParameterSetName -eq 'Instance') { [string]$Instance.PoolState } else { 'Normal' })
    if ($PSCmdlet.ShouldProcess(('PersistentChatServer:' + $p.PoolFqdn), ('Set pool state ' + $state))) { $p.PoolState = $state }
  }
}

<#
.SYNOPSIS
  Seeding: a pool of the topology. -Kind FrontEnd (a Registrar pool, whose front ends run RTCSRV) or
  PersistentChat; -Computers its servers (NetBIOS names); -Database the Persistent Chat store
  (`sql.fqdn` or `sql.fqdn\INSTANCE`); -ActiveServers the active Persistent Chat servers (FQDNs;
  default: all, at most four).
#>
function Add-FakeCsPool {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$PoolFqdn,
    [ValidateSet('FrontEnd', 'PersistentChat')][string]$Kind = 'PersistentChat',
    [string[]]$Computers = @(),
    [string]$SiteId = 'Site:Primary',
    [string]$Database = '',
    [string]$FileStore = '',
    [string[]]$ActiveServers
  )
  $l = Get-FakeLync
  $fqdn = $PoolFqdn.ToLowerInvariant()
  foreach ($c in $Computers) { Add-FakeComputer -Name $c | Out-Null }
  $l.Pools[$fqdn] = @{ PoolFqdn = $fqdn; Kind = $Kind; SiteId = $SiteId; Computers = @($Computers | ForEach-Object { $_.ToUpperInvariant() }); ActiveServers = $(if ($PSBoundParameters.ContainsKey('ActiveServers')) { @($ActiveServers | ForEach-Object { $_.ToLowerInvariant() }) } else { $null }); PoolState = 'Normal'; Database = $Database; FileStore = $FileStore }
}

#endregion

#region Persistent Chat endpoints and policies

function Get-FakeEndpointObject {
  param($Endpoint)
  return New-FakeObject -TypeName 'Microsoft.Rtc.Management.ADConnect.Schema.OCSADPersistentChatEndpoint' -Properties ([ordered]@{
      Identity               = [string]$Endpoint.Identity
      SipAddress             = [string]$Endpoint.SipAddress
      DisplayName            = [string]$Endpoint.DisplayName
      PersistentChatPoolFqdn = [string]$Endpoint.PersistentChatPoolFqdn
      Enabled                = $true
    })
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsPersistentChatEndpoint.md
# (-Credential, -DomainController, -OU, -ResultSize are accepted and change nothing; -Filter and
# -LdapFilter are not evaluated: they fail, so a script relying on them is seen).
function Get-CsPersistentChatEndpoint {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [pscredential]$Credential,
    [string]$DomainController,
    [string]$Filter,
    [string]$LdapFilter,
    [string]$OU,
    [string]$PersistentChatPoolFqdn,
    [object]$ResultSize
  )
  process {
    Enter-FakeCall -Command 'Get-CsPersistentChatEndpoint' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsPersistentChatEndpoint'
    if ($Filter -or $LdapFilter) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world does not evaluate -Filter / -LdapFilter of Get-CsPersistentChatEndpoint.' -Category NotImplemented }
    $l = Get-FakeLync
    $hits = @($l.Endpoints.Keys | Sort-Object | ForEach-Object { $l.Endpoints[$_] })
    if ($Identity) {
      $sip = $(if ($Identity -like 'sip:*') { $Identity } else { 'sip:' + $Identity })
      $hits = @($hits | Where-Object { $_.SipAddress -eq $sip -or $_.Identity -eq $Identity -or $_.DisplayName -eq $Identity })
      if ($hits.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ('Management object not found for identity "' + $Identity + '".') -ErrorId 'Identity,Microsoft.Rtc.Management.AD.Cmdlets.GetPersistentChatEndpointCmdlet' -Target $Identity; return }
    }
    if ($PersistentChatPoolFqdn) { $hits = @($hits | Where-Object { $_.PersistentChatPoolFqdn -eq $PersistentChatPoolFqdn }) }
    foreach ($e in $hits) { Get-FakeEndpointObject -Endpoint $e }
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/New-CsPersistentChatEndpoint.md
# (creates a contact object in AD: the domain must answer; the pool must be a Persistent Chat pool of
# the topology; the SIP address must not be in use by an endpoint or a user, which is why the
# migration deletes the legacy ocschat@ lookup account first, domain §2.4 step 8).
function New-CsPersistentChatEndpoint {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true)][string]$PersistentChatPoolFqdn,
    [Parameter(Mandatory = $true)][string]$SipAddress,
    [string]$DisplayName,
    [switch]$PassThru
  )
  Enter-FakeCall -Command 'New-CsPersistentChatEndpoint' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'New-CsPersistentChatEndpoint'
  $w = Get-FakeWorld
  $l = Get-FakeLync
  if (-not $w.Domain.Available) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Active Directory operation failed: the domain controller could not be contacted.' -Category ConnectionError }
  if ($SipAddress -notmatch '^sip:[^@\s]+@[^@\s]+$') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('"' + $SipAddress + '" is not a valid SIP address: use sip:user@domain.') -Category InvalidArgument -Target $SipAddress }
  $pool = Get-FakeCsPool -Identity $PersistentChatPoolFqdn -Kind 'PersistentChat'
  if ($null -eq $pool) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find Persistent Chat pool "' + $PersistentChatPoolFqdn + '" in the topology.') -Category ObjectNotFound -Target $PersistentChatPoolFqdn }
  $key = $SipAddress.ToLowerInvariant()
  if ($l.Endpoints.ContainsKey($key)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The SIP address "' + $SipAddress + '" is already in use by a Persistent Chat endpoint.') -Category ResourceExists -Target $SipAddress }
  foreach ($u in $w.Domain.Users.Values) {
    if ([string]$u.Attributes['msRTCSIP-PrimaryUserAddress'] -eq $SipAddress) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The SIP address "' + $SipAddress + '" is already in use by "' + $u.DistinguishedName + '".') -Category ResourceExists -Target $SipAddress }
  }
  if ($PSCmdlet.ShouldProcess($SipAddress, 'New Persistent Chat endpoint')) {
    $guid = New-FakeGuid -Kind 'endpoint'
    $dn = 'CN={' + $guid + '},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,' + (ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn)
    $l.Endpoints[$key] = @{ Identity = $dn; SipAddress = $SipAddress; DisplayName = $(if ($DisplayName) { $DisplayName } else { $SipAddress }); PersistentChatPoolFqdn = $pool.PoolFqdn }
    if ($PassThru) { Get-FakeEndpointObject -Endpoint $l.Endpoints[$key] }
  }
}

<#
.SYNOPSIS
  Seeding: a Persistent Chat endpoint (contact object) that already exists.
#>
function Add-FakePersistentChatEndpoint {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$SipAddress, [Parameter(Mandatory = $true)][string]$PersistentChatPoolFqdn, [string]$DisplayName)
  $l = Get-FakeLync
  $guid = New-FakeGuid -Kind 'endpoint'
  $l.Endpoints[$SipAddress.ToLowerInvariant()] = @{ Identity = ('CN={' + $guid + '},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,' + (ConvertTo-FakeDomainDn -Fqdn (Get-FakeWorld).Domain.Fqdn)); SipAddress = $SipAddress; DisplayName = $(if ($DisplayName) { $DisplayName } else { $SipAddress }); PersistentChatPoolFqdn = $PersistentChatPoolFqdn.ToLowerInvariant() }
}

<#
  The AD user a Lync -Identity (UserIdParameter) names: SIP address, UPN, DOMAIN\logon, display name
  (with * wildcards) or distinguished name; $null when none does.
#>
function Find-FakeCsUserRecords {
  param([string]$Identity)
  $w = Get-FakeWorld
  $users = @($w.Domain.Users.Values | Sort-Object { $_.DistinguishedName })
  $sip = $(if ($Identity -like 'sip:*') { $Identity } else { 'sip:' + $Identity })
  $hits = @($users | Where-Object { [string]$_.Attributes['msRTCSIP-PrimaryUserAddress'] -eq $sip -or [string]$_.UserPrincipalName -eq $Identity -or [string]$_.DistinguishedName -eq $Identity -or ($w.Domain.NetbiosName + '\' + $_.SamAccountName) -eq $Identity })
  if ($hits.Count -gt 0) { return $hits }
  return @($users | Where-Object { $name = $(if ($_.DisplayName) { [string]$_.DisplayName } else { [string]$_.Name }); $name -like $Identity })
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Enable-CsUser.md
# (one parameter set; -Identity is a UserIdParameter: SIP address, UPN, DOMAIN\logon, display name with
# wildcards, or DN). Enabling needs a Registrar pool and a SIP address: -SipAddress (one user only:
# "cannot be used if you are attempting to enable multiple users"), or -SipAddressType, with -SipDomain
# for FirstLastName and SamAccountName; the two ways exclude each other. -HostingProviderProxyFqdn and
# -ProxyPool are "used only for Skype for Business Online" and refused here. Inferred (not on the
# page): the Registrar pool must be a front-end pool of the topology; the SIP domain must be one the
# deployment serves (its AD domain, or World.Lync.SipDomains); a SIP address in use by another user or
# endpoint is refused; an account already enabled is refused. Sets msRTCSIP-PrimaryUserAddress,
# msRTCSIP-UserEnabled and msRTCSIP-PrimaryHomeServer (here the pool FQDN, not the real service DN).
function Enable-CsUser {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][object]$Identity,
    [string]$RegistrarPool,
    [ValidateSet('FirstLastName', 'EmailAddress', 'UserPrincipalName', 'SamAccountName')][string]$SipAddressType,
    [string]$SipDomain,
    [string]$SipAddress,
    [Alias('HostingProvider')][string]$HostingProviderProxyFqdn,
    [string]$ProxyPool,
    [string]$DomainController,
    [switch]$PassThru
  )
  process {
    Enter-FakeCall -Command 'Enable-CsUser' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Enable-CsUser'
    $w = Get-FakeWorld
    $l = Get-FakeLync
    if (-not $w.Domain.Available) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Active Directory operation failed: the domain controller could not be contacted.' -Category ConnectionError }
    if ($HostingProviderProxyFqdn -or $ProxyPool) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'HostingProviderProxyFqdn and ProxyPool are used only for Skype for Business Online.' -Category InvalidArgument }
    if (-not $RegistrarPool) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'A Registrar pool is required to enable a user: use -RegistrarPool.' -Category InvalidArgument }
    if ($SipAddress -and $SipAddressType) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Use either -SipAddress or -SipAddressType, not both.' -Category InvalidArgument }
    if (-not $SipAddress -and -not $SipAddressType) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'A SIP address is required to enable a user: use -SipAddress or -SipAddressType.' -Category InvalidArgument }
    if (@('FirstLastName', 'SamAccountName') -contains $SipAddressType -and -not $SipDomain) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('-SipAddressType ' + $SipAddressType + ' requires -SipDomain.') -Category InvalidArgument }
    $pool = Get-FakeCsPool -Identity $RegistrarPool -Kind 'FrontEnd'
    if ($null -eq $pool) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find Registrar pool "' + $RegistrarPool + '" in the topology.') -Category ObjectNotFound -Target $RegistrarPool }
    $text = $(if ($Identity -is [string]) { $Identity } elseif ($null -ne $Identity.PSObject.Properties['DistinguishedName']) { [string]$Identity.DistinguishedName } else { [string]$Identity })
    $records = @(Find-FakeCsUserRecords -Identity $text)
    if ($records.Count -eq 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Management object not found for identity "' + $text + '".') -ErrorId 'Identity,Microsoft.Rtc.Management.AD.Cmdlets.EnableOcsUserCmdlet' -Category ObjectNotFound -Target $text }
    if ($SipAddress -and $records.Count -gt 1) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The SipAddress parameter cannot be used to enable multiple users at the same time.' -Category InvalidArgument -Target $text }
    $served = @(@($w.Domain.Fqdn) + @($l['SipDomains']) | Where-Object { $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() })
    foreach ($u in $records) {
      if ($u.Attributes['msRTCSIP-UserEnabled'] -eq $true) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('"' + $u.DistinguishedName + '" is already enabled for Lync Server.') -Category ResourceExists -Target $u.DistinguishedName }
      $sip = $SipAddress
      if (-not $sip) {
        $local = switch ($SipAddressType) {
          'FirstLastName' { [string]$u.GivenName + '.' + [string]$u.Surname + '@' + $SipDomain }
          'EmailAddress' { [string]$u.Attributes['mail'] }
          'UserPrincipalName' { [string]$u.UserPrincipalName }
          'SamAccountName' { [string]$u.SamAccountName + '@' + $SipDomain }
        }
        $sip = 'sip:' + $local
      }
      if ($sip -notmatch '^sip:[^@\s]+@([^@\s]+)$') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('"' + $sip + '" is not a valid SIP address: use sip:user@domain.') -Category InvalidArgument -Target $sip }
      if ($served -notcontains $Matches[1].ToLowerInvariant()) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The SIP domain "' + $Matches[1] + '" is not a supported SIP domain of this deployment.') -Category InvalidArgument -Target $sip }
      if ($l.ContainsKey('Endpoints') -and $l.Endpoints.ContainsKey($sip.ToLowerInvariant())) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The SIP address "' + $sip + '" is already in use by a Persistent Chat endpoint.') -Category ResourceExists -Target $sip }
      foreach ($o in $w.Domain.Users.Values) {
        if (-not [object]::ReferenceEquals($o, $u) -and [string]$o.Attributes['msRTCSIP-PrimaryUserAddress'] -eq $sip) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The SIP address "' + $sip + '" is already in use by "' + $o.DistinguishedName + '".') -Category ResourceExists -Target $sip }
      }
      if ($PSCmdlet.ShouldProcess($u.DistinguishedName, 'Enable for Lync Server')) {
        $u.Attributes['msRTCSIP-PrimaryUserAddress'] = $sip
        $u.Attributes['msRTCSIP-UserEnabled'] = $true
        $u.Attributes['msRTCSIP-PrimaryHomeServer'] = [string]$pool.PoolFqdn
        if ($PassThru) { New-FakeObject -TypeName 'Microsoft.Rtc.Management.ADConnect.Schema.OCSUserOrAppContact' -Properties ([ordered]@{ Identity = [string]$u.DistinguishedName; SipAddress = $sip; RegistrarPool = [string]$pool.PoolFqdn; Enabled = $true }) }
      }
    }
  }
}

<# A policy identity as Lync prints it: Global, Site:<name>, Tag:<name>. #>
function ConvertTo-FakePolicyIdentity {
  param([string]$Identity)
  if (-not $Identity -or $Identity -eq 'Global') { return 'Global' }
  if ($Identity -match '^(?i)site:(.+)$') { return ('Site:' + $Matches[1]) }
  if ($Identity -match '^(?i)tag:(.+)$') { return ('Tag:' + $Matches[1]) }
  return ('Tag:' + $Identity)
}

function Get-FakePolicies {
  $l = Get-FakeLync
  $all = @{}
  # A new deployment has the Global policy, Persistent Chat off.
  $all['Global'] = @{ Identity = 'Global'; Description = ''; EnablePersistentChat = $false }
  foreach ($k in $l.Policies.Keys) { $all[$k] = $l.Policies[$k] }
  return $all
}

function Get-FakePolicyObject {
  param($Policy)
  return New-FakeObject -TypeName 'Microsoft.Rtc.Management.WritableConfig.Policy.PersistentChat.PersistentChatPolicy' -Properties ([ordered]@{
      Identity             = [string]$Policy.Identity
      Description          = [string]$Policy.Description
      EnablePersistentChat = [bool]$Policy.EnablePersistentChat
    })
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsPersistentChatPolicy.md
function Get-CsPersistentChatPolicy {
  [CmdletBinding(DefaultParameterSetName = 'Identity')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Filter')][string]$Filter,
    [switch]$LocalStore,
    [guid]$Tenant
  )
  Enter-FakeCall -Command 'Get-CsPersistentChatPolicy' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsPersistentChatPolicy'
  $all = Get-FakePolicies
  $ids = @($all.Keys | Sort-Object)
  if ($PSCmdlet.ParameterSetName -eq 'Identity' -and $Identity) {
    $id = ConvertTo-FakePolicyIdentity $Identity
    if (-not $all.ContainsKey($id)) { Write-FakeError -Cmdlet $PSCmdlet -Message ('Cannot get "PersistentChatPolicy" "' + $id + '" because it does not exist.') -ErrorId 'InvalidIdentity,Microsoft.Rtc.Management.Internal.GetPersistentChatPolicyCmdlet' -Target $id; return }
    $ids = @($id)
  }
  if ($Filter) { $ids = @($ids | Where-Object { Test-FakeLike -Value $_ -Pattern $Filter }) }
  foreach ($id in $ids) { Get-FakePolicyObject -Policy $all[$id] }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/New-CsPersistentChatPolicy.md
# (a policy that exists cannot be created again: Global always exists; -InMemory returns the object
# without saving it).
function New-CsPersistentChatPolicy {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Identity,
    [string]$Description,
    [bool]$EnablePersistentChat,
    [switch]$Force,
    [switch]$InMemory,
    [guid]$Tenant
  )
  Enter-FakeCall -Command 'New-CsPersistentChatPolicy' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'New-CsPersistentChatPolicy'
  $id = ConvertTo-FakePolicyIdentity $Identity
  $all = Get-FakePolicies
  if ($all.ContainsKey($id)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot create "PersistentChatPolicy" "' + $id + '" because it already exists.') -ErrorId 'DuplicateIdentity,Microsoft.Rtc.Management.Internal.NewPersistentChatPolicyCmdlet' -Category ResourceExists -Target $id }
  $p = @{ Identity = $id; Description = $(if ($Description) { $Description } else { '' }); EnablePersistentChat = [bool]$EnablePersistentChat }
  if ($InMemory) { return (Get-FakePolicyObject -Policy $p) }
  if ($PSCmdlet.ShouldProcess($id, 'New PersistentChatPolicy')) {
    (Get-FakeLync).Policies[$id] = $p
    Get-FakePolicyObject -Policy $p
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Set-CsPersistentChatPolicy.md
# (without -Identity, the Global policy).
function Set-CsPersistentChatPolicy {
  [CmdletBinding(DefaultParameterSetName = 'Identity', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [string]$Description,
    [bool]$EnablePersistentChat,
    [switch]$Force,
    [Parameter(ParameterSetName = 'Instance', ValueFromPipeline = $true)][psobject]$Instance,
    [guid]$Tenant
  )
  process {
    Enter-FakeCall -Command 'Set-CsPersistentChatPolicy' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Set-CsPersistentChatPolicy'
    $id = ConvertTo-FakePolicyIdentity $(if ($PSCmdlet.ParameterSetName -eq 'Instance') { [string]$Instance.Identity } else { $Identity })
    $all = Get-FakePolicies
    if (-not $all.ContainsKey($id)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find "PersistentChatPolicy" "' + $id + '" because it does not exist.') -ErrorId 'InvalidIdentity,Microsoft.Rtc.Management.Internal.SetPersistentChatPolicyCmdlet' -Category ObjectNotFound -Target $id }
    $p = @{} + $all[$id]
    if ($PSCmdlet.ParameterSetName -eq 'Instance') { $p.Description = [string]$Instance.Description; $p.EnablePersistentChat = [bool]$Instance.EnablePersistentChat }
    if ($PSBoundParameters.ContainsKey('Description')) { $p.Description = $Description }
    if ($PSBoundParameters.ContainsKey('EnablePersistentChat')) { $p.EnablePersistentChat = $EnablePersistentChat }
    if ($PSCmdlet.ShouldProcess($id, 'Set PersistentChatPolicy')) { (Get-FakeLync).Policies[$id] = $p }
  }
}

<#
.SYNOPSIS
  Seeding: a Persistent Chat policy (Global, site:<name> or a tag name) with its setting.
#>
function Add-FakePersistentChatPolicy {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Identity, [bool]$EnablePersistentChat = $false, [string]$Description = '')
  $id = ConvertTo-FakePolicyIdentity $Identity
  (Get-FakeLync).Policies[$id] = @{ Identity = $id; Description = $Description; EnablePersistentChat = $EnablePersistentChat }
}

#endregion

#region trusted applications and the topology

function Get-FakeTrustedPoolObject {
  param($Pool)
  return New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.DisplayTrustedApplicationPool' -Properties ([ordered]@{
      Identity            = ('TrustedApplicationPool:' + $Pool.PoolFqdn)
      Registrar           = [string]$Pool.Registrar
      FileStore           = ''
      ThrottleAsServer    = $true
      TreatAsAuthenticated = $true
      OutboundOnly        = $false
      RequiresReplication = $true
      Computers           = @($Pool.Computers)
      SiteId              = [string]$Pool.SiteId
      PoolFqdn            = [string]$Pool.PoolFqdn
    })
}

function Get-FakeTrustedAppObject {
  param($App)
  return New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.DisplayTrustedApplication' -Properties ([ordered]@{
      Identity                   = [string]$App.Identity
      ComputerGruus              = @()
      ServiceGruu                = ('sip:' + $App.TrustedApplicationPoolFqdn + '@' + (($App.TrustedApplicationPoolFqdn -split '\.', 2)[-1]) + ';gruu;opaque=srvr:' + ($App.ApplicationId -replace '^urn:application:', '') + ':fake')
      Protocol                   = 'Mtls'
      ApplicationId              = [string]$App.ApplicationId
      TrustedApplicationPoolFqdn = [string]$App.TrustedApplicationPoolFqdn
      Port                       = [int]$App.Port
      LegacyApplicationName      = ($App.ApplicationId -replace '^urn:application:', '')
    })
}

<# `pool/app` or `pool/urn:application:app` -> `pool/urn:application:app` (lower-case pool). #>
function ConvertTo-FakeTrustedAppIdentity {
  param([string]$Identity)
  $parts = $Identity -split '/', 2
  if ($parts.Count -ne 2) { return $null }
  $app = $(if ($parts[1] -like 'urn:application:*') { $parts[1] } else { 'urn:application:' + $parts[1] })
  return ($parts[0].ToLowerInvariant() + '/' + $app)
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsTrustedApplication.md
# (the urn:application: prefix may be omitted from -Identity and -ApplicationId, as the page says).
function Get-CsTrustedApplication {
  [CmdletBinding(DefaultParameterSetName = 'Identity')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Filter')][string]$Filter,
    [Parameter(ParameterSetName = 'ParentAndRelativeKey')][string]$ApplicationId,
    [Parameter(ParameterSetName = 'ParentAndRelativeKey')][string]$TrustedApplicationPoolFqdn
  )
  Enter-FakeCall -Command 'Get-CsTrustedApplication' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsTrustedApplication'
  $l = Get-FakeLync
  $apps = @($l.TrustedApplications.Keys | Sort-Object | ForEach-Object { $l.TrustedApplications[$_] })
  switch ($PSCmdlet.ParameterSetName) {
    'Identity' {
      if ($Identity) {
        $id = ConvertTo-FakeTrustedAppIdentity $Identity
        $apps = @($apps | Where-Object { $_.Identity -eq $id })
        if ($apps.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ('Cannot find "TrustedApplication" "' + $Identity + '" because it does not exist.') -Target $Identity; return }
      }
    }
    'Filter' { $apps = @($apps | Where-Object { Test-FakeLike -Value $_.Identity -Pattern $Filter }) }
    'ParentAndRelativeKey' {
      if ($TrustedApplicationPoolFqdn) { $apps = @($apps | Where-Object { $_.TrustedApplicationPoolFqdn -eq $TrustedApplicationPoolFqdn }) }
      if ($ApplicationId) { $aid = $(if ($ApplicationId -like 'urn:application:*') { $ApplicationId } else { 'urn:application:' + $ApplicationId }); $apps = @($apps | Where-Object { $_.ApplicationId -eq $aid }) }
    }
  }
  foreach ($a in $apps) { Get-FakeTrustedAppObject -App $a }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsTrustedApplicationPool.md
function Get-CsTrustedApplicationPool {
  [CmdletBinding(DefaultParameterSetName = 'Identity')]
  param(
    [Parameter(ParameterSetName = 'Identity', Position = 0)][string]$Identity,
    [Parameter(ParameterSetName = 'Filter')][string]$Filter,
    [string]$PoolFqdn
  )
  Enter-FakeCall -Command 'Get-CsTrustedApplicationPool' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsTrustedApplicationPool'
  $l = Get-FakeLync
  $pools = @($l.TrustedApplicationPools.Keys | Sort-Object | ForEach-Object { $l.TrustedApplicationPools[$_] })
  if ($Identity) {
    $fqdn = ($Identity -replace '^(?i)TrustedApplicationPool:', '').ToLowerInvariant()
    $pools = @($pools | Where-Object { $_.PoolFqdn -eq $fqdn })
    if ($pools.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ('Cannot find "TrustedApplicationPool" "' + $Identity + '" because it does not exist.') -Target $Identity; return }
  }
  if ($Filter) { $pools = @($pools | Where-Object { Test-FakeLike -Value ('TrustedApplicationPool:' + $_.PoolFqdn) -Pattern $Filter }) }
  if ($PoolFqdn) { $pools = @($pools | Where-Object { $_.PoolFqdn -eq $PoolFqdn }) }
  foreach ($p in $pools) { Get-FakeTrustedPoolObject -Pool $p }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Remove-CsTrustedApplication.md
# (removes the association; the change is in the Central Management store at once and reaches AD
# when the topology is enabled: Enable-CsTopology).
function Remove-CsTrustedApplication {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [switch]$Force
  )
  process {
    Enter-FakeCall -Command 'Remove-CsTrustedApplication' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Remove-CsTrustedApplication'
    $l = Get-FakeLync
    $id = ConvertTo-FakeTrustedAppIdentity $Identity
    if ($null -eq $id -or -not $l.TrustedApplications.ContainsKey($id)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find "TrustedApplication" "' + $Identity + '" because it does not exist.') -Category ObjectNotFound -Target $Identity }
    if ($PSCmdlet.ShouldProcess($id, 'Remove TrustedApplication')) {
      $l.TrustedApplications.Remove($id)
      $l.TopologyChangesPending = $true
    }
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Remove-CsTrustedApplicationPool.md
# ("you cannot remove a trusted application pool that does not have a Registrar value"; "removing the
# pool also removes all computers, applications and application endpoints associated with that pool").
function Remove-CsTrustedApplicationPool {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Identity,
    [switch]$Force
  )
  process {
    Enter-FakeCall -Command 'Remove-CsTrustedApplicationPool' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Remove-CsTrustedApplicationPool'
    $l = Get-FakeLync
    $fqdn = ($Identity -replace '^(?i)TrustedApplicationPool:', '').ToLowerInvariant()
    if (-not $l.TrustedApplicationPools.ContainsKey($fqdn)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find "TrustedApplicationPool" "' + $Identity + '" because it does not exist.') -Category ObjectNotFound -Target $Identity }
    $pool = $l.TrustedApplicationPools[$fqdn]
    if (-not $pool.Registrar) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot remove the trusted application pool "' + $fqdn + '": it has no Registrar. Set one with Set-CsTrustedApplicationPool, then remove the pool.') -Category InvalidOperation -Target $Identity }
    if ($PSCmdlet.ShouldProcess(('TrustedApplicationPool:' + $fqdn), 'Remove TrustedApplicationPool')) {
      foreach ($k in @($l.TrustedApplications.Keys)) { if ($l.TrustedApplications[$k].TrustedApplicationPoolFqdn -eq $fqdn) { $l.TrustedApplications.Remove($k) } }
      $l.TrustedApplicationPools.Remove($fqdn)
      $l.TopologyChangesPending = $true
    }
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Enable-CsTopology.md
# (enables the published topology: the pending removals reach AD, a published document joins the
# topology; needs the domain).
function Enable-CsTopology {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [string]$GlobalCatalog,
    [string]$GlobalSettingsDomainController,
    [bool]$SkipPrepareCheck,
    [string]$Report,
    [switch]$Force
  )
  Enter-FakeCall -Command 'Enable-CsTopology' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Enable-CsTopology'
  $w = Get-FakeWorld
  if (-not $w.Domain.Available) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Enable-CsTopology: cannot contact a global catalog of the domain.' -Category ConnectionError }
  if ($PSCmdlet.ShouldProcess('the published topology', 'Enable')) {
    $l = Get-FakeLync
    $l.TopologyChangesPending = $false
    # What was published (LyncDeploy.ps1) joins the topology now (PS:Publish-CsTopology).
    if ($l.ContainsKey('PublishedTopology') -and $l.PublishedTopology) { $l['EnabledTopology'] = $l.PublishedTopology }
    Step-FakeHistoryCount -Kind 'lync.enableTopology' -Key 'topology'
    Write-FakeCsReport -Report $Report -Title 'Enable-CsTopology' -Lines @('Enabled the published topology')
  }
}

<#
.SYNOPSIS
  Seeding: a trusted application pool of the topology (a legacy Group Chat pool is one). -Registrar
  is the service it is homed on ('Registrar:<fqdn>'; one by default, Remove-CsTrustedApplicationPool
  needs it); '' gives a pool without one.
#>
function Add-FakeTrustedApplicationPool {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$PoolFqdn,
    [string]$Registrar = 'Registrar:legacy-pool',
    [string]$SiteId = 'Site:Primary',
    [string[]]$Computers = @()
  )
  $l = Get-FakeLync
  $fqdn = $PoolFqdn.ToLowerInvariant()
  $l.TrustedApplicationPools[$fqdn] = @{ PoolFqdn = $fqdn; Registrar = $Registrar; SiteId = $SiteId; Computers = @($(if ($Computers.Count -gt 0) { $Computers } else { @($fqdn) })) }
}

<#
.SYNOPSIS
  Seeding: a trusted application of a trusted application pool.
#>
function Add-FakeTrustedApplication {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$PoolFqdn, [Parameter(Mandatory = $true)][string]$ApplicationId, [int]$Port = 5041)
  $l = Get-FakeLync
  $fqdn = $PoolFqdn.ToLowerInvariant()
  $aid = $(if ($ApplicationId -like 'urn:application:*') { $ApplicationId } else { 'urn:application:' + $ApplicationId })
  $id = $fqdn + '/' + $aid
  $l.TrustedApplications[$id] = @{ Identity = $id; ApplicationId = $aid; TrustedApplicationPoolFqdn = $fqdn; Port = $Port }
}

#endregion

#region Persistent Chat data

<#
.SYNOPSIS
  Seeding: how the fake Lync takes what its reference leaves open. Options:
  - StartDateOutsideRoomDirectory: Export-CsPersistentChatData documents -StartDate as "valid only
    when Level is RoomDirectory". Reject (default) fails the export when -StartDate comes with another
    level; Ignore exports all content; Filter applies the date to the content of any level.
#>
function Add-FakeLyncOption {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][ValidateSet('StartDateOutsideRoomDirectory')][string]$Name, [Parameter(Mandatory = $true)][ValidateSet('Reject', 'Ignore', 'Filter')][string]$Value)
  (Get-FakeLync).Options[$Name] = $Value
}

<# A ZIP with fixed entry times, so the same content gives the same bytes. #>
function Write-FakeZip {
  param([Parameter(Mandatory = $true)][string]$LocalPath, [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Entries)
  if (Test-Path -LiteralPath $LocalPath) { Remove-Item -LiteralPath $LocalPath -Force }
  $zip = [System.IO.Compression.ZipFile]::Open($LocalPath, [System.IO.Compression.ZipArchiveMode]::Create)
  try {
    foreach ($name in @($Entries.Keys | Sort-Object)) {
      $entry = $zip.CreateEntry([string]$name, [System.IO.Compression.CompressionLevel]::Optimal)
      $entry.LastWriteTime = [System.DateTimeOffset]::new(2026, 1, 1, 0, 0, 0, [System.TimeSpan]::Zero)
      $stream = $entry.Open()
      try {
        $bytes = [System.Text.UTF8Encoding]::new($false).GetBytes([string]$Entries[$name])
        $stream.Write($bytes, 0, $bytes.Length)
      } finally { $stream.Dispose() }
    }
  } finally { $zip.Dispose() }
}

<# The text of one entry of a ZIP, or $null when the entry is missing; throws on a corrupt file. #>
function Read-FakeZipEntry {
  param([Parameter(Mandatory = $true)][string]$LocalPath, [Parameter(Mandatory = $true)][string]$Name)
  $zip = [System.IO.Compression.ZipFile]::OpenRead($LocalPath)
  try {
    $entry = $zip.GetEntry($Name)
    if ($null -eq $entry) { return $null }
    $reader = [System.IO.StreamReader]::new($entry.Open(), [System.Text.Encoding]::UTF8)
    try { return $reader.ReadToEnd() } finally { $reader.Dispose() }
  } finally { $zip.Dispose() }
}

<# The SQL instance a Lync cmdlet's -DBInstance names, connected with Windows authentication. #>
function Connect-FakeLyncSql {
  param($Cmdlet, [string]$DBInstance, [string]$DBName)
  $instance = Find-FakeSqlInstance -DataSource $DBInstance
  if ($null -eq $instance) { Stop-FakeCommand -Cmdlet $Cmdlet -Message (Get-FakeSqlNetworkError) -ErrorId 'SqlConnectionError' -Category ConnectionError -Target $DBInstance }
  $login = $null
  try { $login = Connect-FakeSql -Instance $instance -Windows $true -Database $DBName }
  catch { Stop-FakeCommand -Cmdlet $Cmdlet -Message $_.Exception.Message -ErrorId 'SqlConnectionError' -Category ConnectionError -Target $DBInstance }
  return @{ Instance = $instance; Login = $login }
}

<#
  The rights the Persistent Chat data cmdlets need on a database are not documented; the fake asks
  for what their work implies: reading the chat tables (db_datareader) and, to change them
  (-DisableExportedNodes, an import), writing (db_datawriter). A sysadmin has both.
#>
function Assert-FakeLyncSqlRight {
  param($Cmdlet, $Connection, [string]$Database, [ValidateSet('read', 'write')][string]$Need)
  if (Test-FakeSqlPermission -Instance $Connection.Instance -Login $Connection.Login -Database $Database -Need $Need) { return }
  $verb = $(if ($Need -eq 'read') { 'SELECT' } else { 'UPDATE' })
  Stop-FakeCommand -Cmdlet $Cmdlet -Message ('The ' + $verb + " permission was denied on the object 'tblNode', database '" + $Database + "', schema 'dbo'.") -ErrorId 'SqlPermissionDenied' -Category PermissionDenied -Target $Database
}

function Write-FakeChatReport {
  param([string]$Report, [string]$Title, [string[]]$Lines)
  if (-not $Report) { return }
  $local = Resolve-FakePath -Path $Report
  $parent = Split-Path -Parent $local
  if (-not (Test-Path -LiteralPath $parent)) { throw ('Could not find a part of the path ''' + $Report + '''.') }
  $body = '<html><head><title>' + [System.Net.WebUtility]::HtmlEncode($Title) + "</title></head><body>`n<h1>" + [System.Net.WebUtility]::HtmlEncode($Title) + "</h1>`n"
  foreach ($l in $Lines) { $body += '<p>' + [System.Net.WebUtility]::HtmlEncode($l) + "</p>`n" }
  $body += "</body></html>`n"
  [System.IO.File]::WriteAllText($local, $body, [System.Text.UTF8Encoding]::new($false))
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Export-CsPersistentChatData.md
# (sets FileName and AsBytes; -DBName "SQL instance name of the Persistent Chat database", i.e. the
# database, `mgc` by default; -Level All (default), User, Category, RoomDirectory, Content; -Scope the
# categories to export; -DisableExportedNodes disables every exported category and room "when the
# export is complete"). What the page leaves open, modelled and said here:
# - -StartDate: "This parameter is valid only when they Level is set to RoomDirectory". By default
#   (option StartDateOutsideRoomDirectory = Reject) a -StartDate with another level fails the
#   export; Add-FakeLyncOption chooses Ignore or Filter instead. With RoomDirectory the date applies
#   to the rooms' content, the only reading under which a start date means something there.
# - Disabled categories and rooms are not exported (the migration guide: "mark rooms you don't want
#   to migrate as disabled"), so an export repeated after -DisableExportedNodes exports nothing.
# - The ZIP's layout is undocumented: the fake writes one JSON entry (pchat-kit-fake-export.json).
# The cmdlet reads SQL as the account that runs it (Windows authentication, Add-FakeRunAs).
function Export-CsPersistentChatData {
  [CmdletBinding(DefaultParameterSetName = 'FileName')]
  param(
    [Parameter(Mandatory = $true)][string]$DBInstance,
    [Parameter(ParameterSetName = 'AsBytes')][switch]$AsBytes,
    [string]$DBName,
    [switch]$DisableExportedNodes,
    [Parameter(ParameterSetName = 'FileName')][string]$FileName,
    [ValidateSet('All', 'User', 'Category', 'RoomDirectory', 'Content')][string]$Level = 'All',
    [string]$Report,
    [System.Collections.Generic.List[string]]$Scope,
    [datetime]$StartDate
  )
  Enter-FakeCall -Command 'Export-CsPersistentChatData' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Export-CsPersistentChatData'
  $l = Get-FakeLync
  if ($PSCmdlet.ParameterSetName -eq 'FileName' -and -not $FileName) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Export-CsPersistentChatData needs -FileName or -AsBytes.' -Category InvalidArgument }
  $rule = $(if ($l.Options.ContainsKey('StartDateOutsideRoomDirectory')) { [string]$l.Options['StartDateOutsideRoomDirectory'] } else { 'Reject' })
  $hasStart = $PSBoundParameters.ContainsKey('StartDate')
  if ($hasStart -and $Level -ne 'RoomDirectory' -and $rule -eq 'Reject') {
    Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('-StartDate is valid only when -Level is RoomDirectory (Export-CsPersistentChatData reference); it was given with -Level ' + $Level + '.') -ErrorId 'StartDateRequiresRoomDirectory' -Category InvalidArgument -Target $Level
  }
  $db = $(if ($DBName) { $DBName } else { 'mgc' })
  $connection = Connect-FakeLyncSql -Cmdlet $PSCmdlet -DBInstance $DBInstance -DBName $db
  $instance = $connection.Instance
  if (-not $instance.Databases.ContainsKey($db)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot open database "' + $db + '" on ' + $DBInstance + '.') -Category ObjectNotFound -Target $db }
  Assert-FakeLyncSqlRight -Cmdlet $PSCmdlet -Connection $connection -Database $db -Need 'read'
  if ($DisableExportedNodes) { Assert-FakeLyncSqlRight -Cmdlet $PSCmdlet -Connection $connection -Database $db -Need 'write' }
  $local = $null
  if ($FileName) {
    $local = Resolve-FakePath -Path $FileName
    if (-not (Test-Path -LiteralPath (Split-Path -Parent $local) -PathType Container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Could not find a part of the path ''' + $FileName + '''.') -Category ObjectNotFound -Target $FileName -ExceptionType 'System.IO.DirectoryNotFoundException' }
  }
  $content = $instance.Databases[$db].Content
  $filterDate = $hasStart -and ($Level -eq 'RoomDirectory' -or $rule -eq 'Filter')
  $cut = $(if ($hasStart) { $StartDate.ToString('yyyy-MM-ddTHH:mm:ss', [Globalization.CultureInfo]::InvariantCulture) } else { '' })
  $lines = [System.Collections.Generic.List[string]]::new()
  $lines.Add('Source: ' + $DBInstance + ' / ' + $db + '; level ' + $Level)
  if ($hasStart -and -not $filterDate) { $lines.Add('Note: StartDate ' + $cut + ' is valid only with Level RoomDirectory; content exported without a date limit') }
  $scopeNames = @()
  if ($null -ne $Scope -and $Scope.Count -gt 0) {
    $scopeNames = @($Scope)
    foreach ($n in $scopeNames) { if (@($content.Categories | Where-Object { $_.Name -eq $n }).Count -eq 0) { $lines.Add('Warning: the category "' + $n + '" in Scope does not exist in ' + $db) } }
  }
  $withRooms = @('All', 'RoomDirectory', 'Content') -contains $Level
  $withMessages = $Level -eq 'All' -or $Level -eq 'Content' -or ($Level -eq 'RoomDirectory' -and $hasStart)
  $cats = @()
  $exportedNodes = @()
  if ($Level -ne 'User') {
    foreach ($cat in @($content.Categories)) {
      if ($cat.Disabled) { continue }
      if ($scopeNames.Count -gt 0 -and $scopeNames -notcontains $cat.Name) { continue }
      $rooms = @()
      if ($withRooms) {
        foreach ($r in @($cat.Rooms)) {
          if ($r.Disabled) { continue }
          $messages = @()
          if ($withMessages) { $messages = @($r.Messages | Where-Object { -not $filterDate -or [string]$_.Date -ge $cut }) }
          $room = @{ Name = $r.Name; Messages = $messages }
          if ($Level -ne 'Content') { foreach ($k in 'Description', 'Disabled', 'Invitations', 'Privacy', 'Members', 'Managers') { $room[$k] = $r[$k] } }
          $rooms += $room
          $exportedNodes += $r
        }
      }
      $c = @{ Name = $cat.Name; Rooms = $rooms }
      if ($Level -ne 'Content') { foreach ($k in 'Description', 'Disabled', 'Invitations', 'FileUpload') { $c[$k] = $cat[$k] } }
      $cats += $c
      $exportedNodes += $cat
    }
  }
  $export = [ordered]@{
    format     = 'pchat-kit-fake-export/1'
    source     = [ordered]@{ DBInstance = $DBInstance; DBName = $db }
    level      = $Level
    scope      = $scopeNames
    startDate  = $cut
    categories = $cats
    users      = @($(if ($Level -eq 'All' -or $Level -eq 'User') { $content.Users }))
    addins     = @($(if ($Level -eq 'All') { $content.AddIns }))
  }
  $json = ConvertTo-FakeCanonicalJson $export
  $roomCount = @($cats | ForEach-Object { @($_.Rooms).Count } | Measure-Object -Sum).Sum
  $lines.Add('Exported ' + $cats.Count + ' categories, ' + [int]$roomCount + ' rooms, ' + @($export.users).Count + ' users')
  if ($AsBytes) {
    $tmp = [System.IO.Path]::GetTempFileName()
    try { Write-FakeZip -LocalPath $tmp -Entries @{ 'pchat-kit-fake-export.json' = $json }; $bytes = [System.IO.File]::ReadAllBytes($tmp) } finally { Remove-Item -LiteralPath $tmp -Force -ErrorAction SilentlyContinue }
  } else {
    Write-FakeZip -LocalPath $local -Entries @{ 'pchat-kit-fake-export.json' = $json }
  }
  if ($DisableExportedNodes) {
    foreach ($n in $exportedNodes) { $n.Disabled = $true }
    $lines.Add('Disabled the exported categories and rooms in ' + $db)
  }
  Step-FakeHistoryCount -Kind 'lync.export' -Key ([string]$instance.Name + '/' + $db)
  Write-FakeChatReport -Report $Report -Title 'Export-CsPersistentChatData' -Lines $lines
  if ($AsBytes) { $PSCmdlet.WriteObject($bytes, $false) }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Import-CsPersistentChatData.md
# (sets FileName and ByteInput; the data goes into the Persistent Chat database `mgc` of -DBInstance,
# which must exist; -Report is overwritten; -WhatIf writes the report and changes nothing). The merge
# follows the migration guide (domain §2.2, §2.3, §4.4): an item with the name of an existing one
# overwrites it; a room asking for invitations in a category without them is forced to False with a
# warning; federated users become disabled principals with a warning; a room name over 256
# characters, or content for a room that is in neither the file nor mgc, is an error (that item is not
# imported). Errors are non-terminating, as the migration guide's -WhatIf review expects them in
# the report and the error stream.
function Import-CsPersistentChatData {
  [CmdletBinding(DefaultParameterSetName = 'FileName', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'ByteInput', Mandatory = $true, ValueFromPipeline = $true)][byte[]]$ByteInput,
    [Parameter(Mandatory = $true)][string]$DBInstance,
    [Parameter(ParameterSetName = 'FileName', Mandatory = $true)][string]$FileName,
    [string]$Report
  )
  Enter-FakeCall -Command 'Import-CsPersistentChatData' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Import-CsPersistentChatData'
  $instance = Find-FakeSqlInstance -DataSource $DBInstance
  if ($null -ne $instance -and -not $instance.Databases.ContainsKey('mgc')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot open database "mgc" on ' + $DBInstance + ': the Persistent Chat store is not installed there.') -Category ObjectNotFound -Target $DBInstance }
  $connection = Connect-FakeLyncSql -Cmdlet $PSCmdlet -DBInstance $DBInstance -DBName 'mgc'
  $instance = $connection.Instance
  Assert-FakeLyncSqlRight -Cmdlet $PSCmdlet -Connection $connection -Database 'mgc' -Need 'read'
  if (-not $WhatIfPreference) { Assert-FakeLyncSqlRight -Cmdlet $PSCmdlet -Connection $connection -Database 'mgc' -Need 'write' }
  $json = $null
  $tmp = $null
  try {
    if ($PSCmdlet.ParameterSetName -eq 'FileName') {
      $local = Resolve-FakePath -Path $FileName
      if (-not (Test-Path -LiteralPath $local -PathType Leaf)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Could not find file ''' + $FileName + '''.') -Category ObjectNotFound -Target $FileName -ExceptionType 'System.IO.FileNotFoundException' }
    } else {
      $tmp = [System.IO.Path]::GetTempFileName()
      [System.IO.File]::WriteAllBytes($tmp, $ByteInput)
      $local = $tmp
    }
    try { $json = Read-FakeZipEntry -LocalPath $local -Name 'pchat-kit-fake-export.json' } catch { $json = $null }
  } finally { if ($tmp) { Remove-Item -LiteralPath $tmp -Force -ErrorAction SilentlyContinue } }
  if ($null -eq $json) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The file is not a Persistent Chat export (Export-CsPersistentChatData).' -Category InvalidData -Target $FileName }
  $data = ConvertTo-FakeHashtable (ConvertFrom-Json $json)
  $mgc = $instance.Databases['mgc']
  $target = ConvertTo-FakeChatContent $mgc.Content
  $lines = [System.Collections.Generic.List[string]]::new()
  $errors = [System.Collections.Generic.List[string]]::new()
  $lines.Add('Target: ' + $DBInstance + ' / mgc; file level ' + [string]$data['level'])
  # Users: merged by SIP address; federated ones become disabled principals.
  foreach ($u in @($data['users'])) {
    if ($null -eq $u) { continue }
    $user = @{ SipAddress = [string]$u['SipAddress']; Federated = [bool]$u['Federated']; Disabled = [bool]$u['Disabled'] }
    if ($user.Federated) { $user.Disabled = $true; $lines.Add('Warning: the federated user ' + $user.SipAddress + ' becomes a disabled principal') }
    $target.Users = @(@($target.Users | Where-Object { $_.SipAddress -ne $user.SipAddress }) + @($user))
  }
  foreach ($a in @($data['addins'])) { if ($null -ne $a) { $target.AddIns = @(@($target.AddIns | Where-Object { $_.Name -ne $a['Name'] }) + @(@{ Name = [string]$a['Name']; Url = [string]$a['Url'] })) } }
  $contentOnly = [string]$data['level'] -eq 'Content'
  foreach ($cat in @($data['categories'])) {
    if ($null -eq $cat) { continue }
    $existing = @($target.Categories | Where-Object { $_.Name -eq $cat['Name'] })
    if ($contentOnly -and $existing.Count -eq 0) { $errors.Add('Error: the category "' + $cat['Name'] + '" of the content does not exist in mgc'); continue }
    if ($existing.Count -gt 0) { $tc = $existing[0] } else { $tc = @{ Name = [string]$cat['Name']; Description = ''; Disabled = $false; Invitations = $true; FileUpload = $true; Rooms = @() }; $target.Categories = @(@($target.Categories) + @($tc)) }
    if (-not $contentOnly) { foreach ($k in 'Description', 'Disabled', 'Invitations', 'FileUpload') { if ($cat.ContainsKey($k)) { $tc[$k] = $cat[$k] } } }
    foreach ($r in @($cat['Rooms'])) {
      if ($null -eq $r) { continue }
      if (([string]$r['Name']).Length -gt 256) { $errors.Add('Error: the room name "' + ([string]$r['Name']).Substring(0, 40) + '..." is longer than 256 characters'); continue }
      $have = @($tc.Rooms | Where-Object { $_.Name -eq $r['Name'] })
      if ($contentOnly) {
        if ($have.Count -eq 0) { $errors.Add('Error: the room "' + $r['Name'] + '" of the content does not exist in mgc'); continue }
        $have[0].Messages = @(@($have[0].Messages) + @($r['Messages'] | Where-Object { $null -ne $_ }))
        continue
      }
      $room = @{ Name = [string]$r['Name']; Description = [string]$r['Description']; Disabled = [bool]$r['Disabled']; Invitations = $(if ($r['Invitations']) { [string]$r['Invitations'] } else { 'Inherit' }); Privacy = $(if ($r['Privacy']) { [string]$r['Privacy'] } else { 'Open' }); Members = @($r['Members'] | Where-Object { $_ }); Managers = @($r['Managers'] | Where-Object { $_ }); Messages = @($r['Messages'] | Where-Object { $null -ne $_ }) }
      if (-not [bool]$tc.Invitations -and $room.Invitations -eq 'True') {
        $room.Invitations = 'False'
        $lines.Add('Warning: the room "' + $room.Name + '" asks for invitations but its category "' + $tc.Name + '" has them off: set to False')
      }
      $tc.Rooms = @(@($tc.Rooms | Where-Object { $_.Name -ne $room.Name }) + @($room))
    }
  }
  foreach ($e in $errors) { $lines.Add($e) }
  $lines.Add('Categories in the file: ' + @($data['categories'] | Where-Object { $null -ne $_ }).Count + '; errors: ' + $errors.Count)
  $apply = $PSCmdlet.ShouldProcess(($DBInstance + ' / mgc'), 'Import Persistent Chat data')
  if ($apply) {
    $mgc.Content = $target
    Step-FakeHistoryCount -Kind 'lync.import' -Key ([string]$instance.Name + '/mgc')
  }
  Write-FakeChatReport -Report $Report -Title $(if ($apply) { 'Import-CsPersistentChatData' } else { 'Import-CsPersistentChatData -WhatIf' }) -Lines $lines
  foreach ($e in $errors) { Write-FakeError -Cmdlet $PSCmdlet -Message $e -ErrorId 'ImportError,Microsoft.Rtc.Management.PersistentChat.ImportPersistentChatDataCmdlet' -Category InvalidData }
}

#endregion

#region user data (contact lists)

<# The front end computers of a Registrar pool: those whose RTCSRV carries the pool's tag. #>
function Get-FakePoolFrontEnds {
  param([string]$PoolFqdn)
  $w = Get-FakeWorld
  $fqdn = $PoolFqdn.ToLowerInvariant()
  return @($w.Computers.Keys | Sort-Object | ForEach-Object { $w.Computers[$_] } | Where-Object { $_.CsServices.ContainsKey('RTCSRV') -and [string]$_.CsServices['RTCSRV'].Pool -eq $fqdn })
}

function Get-FakeUserDataStore {
  param([string]$PoolFqdn)
  $l = Get-FakeLync
  $fqdn = $PoolFqdn.ToLowerInvariant()
  if (-not $l.UserData.ContainsKey($fqdn)) { $l.UserData[$fqdn] = @{ Items = @{} } }
  return $l.UserData[$fqdn]
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Import-CsUserData.md
# (sets PoolFqdn and Identity; the ZIP Export-CsUserData writes, DocItemSet.xml inside, domain §9.2).
# "To make sure changes happen after this cmdlet, FE services need to be stopped in all FE servers in
# the pool firstly": an import while a front end of the pool runs RTCSRV completes, but its changes do
# not happen (the running front end keeps its own copy); World.History counts it as
# lync.userdata.lost. Each DocItem replaces the user's stored item (Import restores; it does not merge).
# -ConfDirectoryFilter, -RoutingGroupFilter and -LegacyFormat are not modelled and fail.
function Import-CsUserData {
  [CmdletBinding(DefaultParameterSetName = 'PoolFqdn')]
  param(
    [Parameter(Mandatory = $true)][string]$FileName,
    [Parameter(ParameterSetName = 'Identity', Mandatory = $true, ValueFromPipeline = $true)][string]$Identity,
    [Parameter(ParameterSetName = 'PoolFqdn', Mandatory = $true)][string]$PoolFqdn,
    [string]$ConfDirectoryFilter,
    [string]$DomainController,
    [switch]$Force,
    [switch]$LegacyFormat,
    [string]$RoutingGroupFilter,
    [string]$UserFilter
  )
  process {
    Enter-FakeCall -Command 'Import-CsUserData' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Import-CsUserData'
    if ($ConfDirectoryFilter -or $RoutingGroupFilter -or $LegacyFormat) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world does not model -ConfDirectoryFilter, -RoutingGroupFilter or -LegacyFormat of Import-CsUserData.' -Category NotImplemented }
    $pool = $(if ($PSCmdlet.ParameterSetName -eq 'Identity') { ($Identity -replace '^(?i)UserDatabase:', '') } else { $PoolFqdn })
    $frontEnds = @(Get-FakePoolFrontEnds -PoolFqdn $pool)
    if ($frontEnds.Count -eq 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find a Registrar pool "' + $pool + '" in the topology.') -Category ObjectNotFound -Target $pool }
    $local = Resolve-FakePath -Path $FileName
    if (-not (Test-Path -LiteralPath $local -PathType Leaf)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Could not find file ''' + $FileName + '''.') -Category ObjectNotFound -Target $FileName -ExceptionType 'System.IO.FileNotFoundException' }
    $xmlText = $null
    try { $xmlText = Read-FakeZipEntry -LocalPath $local -Name 'DocItemSet.xml' } catch { $xmlText = $null }
    if ($null -eq $xmlText) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The file ''' + $FileName + ''' is not user data exported by Export-CsUserData (no DocItemSet.xml).') -Category InvalidData -Target $FileName }
    $doc = [System.Xml.XmlDocument]::new()
    try { $doc.LoadXml($xmlText) } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('DocItemSet.xml of ''' + $FileName + ''' is not valid XML: ' + $_.Exception.Message) -Category InvalidData -Target $FileName }
    $items = @{}
    foreach ($item in @($doc.SelectNodes('/DocItemSet/DocItem'))) {
      $name = $item.GetAttribute('Name')
      if (-not $name) { continue }
      if ($UserFilter -and $name -ne ('urn:lcd:' + $UserFilter)) { continue }
      $items[$name] = $item.OuterXml
    }
    $running = @($frontEnds | Where-Object { $_.Services.ContainsKey('RTCSRV') -and [string]$_.Services['RTCSRV'].Status -ne 'Stopped' })
    if ($running.Count -gt 0) {
      # Completes; a running front end overwrites what was imported (reference: stop FE on all pool servers first).
      Step-FakeHistoryCount -Kind 'lync.userdata.lost' -Key $pool.ToLowerInvariant()
      Write-Verbose ('Front End running on ' + (($running | ForEach-Object { $_.Name }) -join ', ') + ': the imported user data will not take effect')
      return
    }
    $store = Get-FakeUserDataStore -PoolFqdn $pool
    foreach ($k in $items.Keys) { $store.Items[$k] = $items[$k] }
    Step-FakeHistoryCount -Kind 'lync.userdata.import' -Key $pool.ToLowerInvariant()
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Export-CsUserData.md
# (sets PoolFqdn and Identity; SqlInstance is Skype for Business 2015 and later. Writes a ZIP holding
# DocItemSet.xml with the pool's stored items; the front end may run. "URNs that have ... back slash
# (\) and forward slash (/) will cause the powershell command to fail": a stored name with either
# fails the export, as the page shows).
function Export-CsUserData {
  [CmdletBinding(DefaultParameterSetName = 'PoolFqdn')]
  param(
    [Parameter(Mandatory = $true)][string]$FileName,
    [Parameter(ParameterSetName = 'Identity', Mandatory = $true, ValueFromPipeline = $true)][string]$Identity,
    [Parameter(ParameterSetName = 'PoolFqdn', Mandatory = $true)][string]$PoolFqdn,
    [string]$ConfDirectoryFilter,
    [string]$DomainController,
    [switch]$Force,
    [switch]$LegacyFormat,
    [string]$UserFilter
  )
  process {
    Enter-FakeCall -Command 'Export-CsUserData' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Export-CsUserData'
    if ($ConfDirectoryFilter -or $LegacyFormat) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world does not model -ConfDirectoryFilter or -LegacyFormat of Export-CsUserData.' -Category NotImplemented }
    $pool = $(if ($PSCmdlet.ParameterSetName -eq 'Identity') { ($Identity -replace '^(?i)UserDatabase:', '') } else { $PoolFqdn })
    if (@(Get-FakePoolFrontEnds -PoolFqdn $pool).Count -eq 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Cannot find a Registrar pool "' + $pool + '" in the topology.') -Category ObjectNotFound -Target $pool }
    $local = Resolve-FakePath -Path $FileName
    if (-not (Test-Path -LiteralPath (Split-Path -Parent $local) -PathType Container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Could not find a part of the path ''' + $FileName + '''.') -Category ObjectNotFound -Target $FileName -ExceptionType 'System.IO.DirectoryNotFoundException' }
    $store = Get-FakeUserDataStore -PoolFqdn $pool
    $names = @($store.Items.Keys | Sort-Object)
    if ($UserFilter) { $names = @($names | Where-Object { $_ -eq ('urn:lcd:' + $UserFilter) }) }
    foreach ($n in $names) {
      if ($n.Contains('\') -or $n.Contains('/')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('"' + $n + '" is not a valid uniform resource name') -ErrorId 'System.UriFormatException,Microsoft.Rtc.Management.BlobStore.ExportUserDataCmdlet' -Category NotSpecified -Target $n -ExceptionType 'System.UriFormatException' }
    }
    $text = '<?xml version="1.0" encoding="utf-8"?>' + "`n<DocItemSet>`n"
    foreach ($n in $names) { $text += $store.Items[$n] + "`n" }
    $text += '</DocItemSet>'
    Write-FakeZip -LocalPath $local -Entries @{ 'DocItemSet.xml' = $text }
  }
}

<#
.SYNOPSIS
  Seeding: a user's contact list already stored in a pool, as the DocItem XML Import-CsUserData
  stores (e.g. '<DocItem Name="urn:lcd:ann@contoso.local"><Data><HomedResource>...</HomedResource></Data></DocItem>').
#>
function Add-FakeCsUserData {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$PoolFqdn, [Parameter(Mandatory = $true)][string]$DocItemXml)
  $doc = [System.Xml.XmlDocument]::new()
  $doc.LoadXml($DocItemXml)
  $store = Get-FakeUserDataStore -PoolFqdn $PoolFqdn
  $store.Items[$doc.DocumentElement.GetAttribute('Name')] = $doc.DocumentElement.OuterXml
}

#endregion
