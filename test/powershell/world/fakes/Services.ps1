<#
  Windows services, the computer system (CIM), restarts and sleeping.

  State (Computers[x]): Services (name -> @{ Name; DisplayName; Status Running/Stopped; StartType
  Automatic/Manual/Disabled; DependentServices = names of the services that depend on it }),
  Reboots (count), DomainRole (Win32_ComputerSystem), PendingForest (set by Install-ADDSForest until
  the reboot). A reboot starts the Automatic services, stops the others, and completes a pending
  domain controller promotion (the domain becomes available). The run's total sleep is in
  World.Run.SleptSeconds (world-wide outside Invoke-FakeScript).

  Service objects are snapshots, as a ServiceController caches its status: Status changes only
  through Refresh() or WaitForStatus(), which read the world.
#>

function Get-FakeServiceObject {
  param($Computer, $Service)
  $o = New-FakeObject -TypeName 'System.ServiceProcess.ServiceController' -Properties ([ordered]@{
      Status            = [string]$Service.Status
      Name              = [string]$Service.Name
      DisplayName       = [string]$Service.DisplayName
      ServiceName       = [string]$Service.Name
      StartType         = [string]$Service.StartType
      CanStop           = ([string]$Service.Status -eq 'Running')
      DependentServices = @($Service.DependentServices)
      MachineName       = '.'
      ServiceType       = 'Win32OwnProcess'
      FakeComputer      = [string]$Computer.Name
    })
  $o | Add-Member -MemberType ScriptMethod -Name Refresh -Value {
    $svc = (Get-FakeWorld).Computers[$this.FakeComputer].Services[$this.Name]
    $this.Status = [string]$svc.Status
    $this.StartType = [string]$svc.StartType
  }
  $o | Add-Member -MemberType ScriptMethod -Name WaitForStatus -Value {
    param($DesiredStatus, $Timeout)
    # The fake world changes a service's state at once: the state is reached now or never.
    $svc = (Get-FakeWorld).Computers[$this.FakeComputer].Services[$this.Name]
    $this.Status = [string]$svc.Status
    if ([string]$svc.Status -ne [string]$DesiredStatus) {
      $type = 'System.ServiceProcess.TimeoutException' -as [type]
      if ($null -eq $type) { $type = [System.TimeoutException] }
      throw ($type::new('Time out has expired and the operation has not been completed.'))
    }
  }
  # The type name brings ServiceController's default display (Status, Name, DisplayName) from pwsh's type data.
  return $o
}

function Find-FakeServices {
  param($Computer, [string[]]$Name, [string[]]$DisplayName, [string[]]$Include, [string[]]$Exclude)
  $all = @($Computer.Services.Keys | Sort-Object | ForEach-Object { $Computer.Services[$_] })
  $hits = @()
  if ($null -ne $Name) { foreach ($n in $Name) { $hits += @($all | Where-Object { Test-FakeLike -Value $_.Name -Pattern $n }) } }
  elseif ($null -ne $DisplayName) { foreach ($n in $DisplayName) { $hits += @($all | Where-Object { Test-FakeLike -Value $_.DisplayName -Pattern $n }) } }
  else { $hits = $all }
  if ($Include) { $hits = @($hits | Where-Object { $s = $_; @($Include | Where-Object { Test-FakeLike -Value $s.Name -Pattern $_ }).Count -gt 0 }) }
  if ($Exclude) { $hits = @($hits | Where-Object { $s = $_; @($Exclude | Where-Object { Test-FakeLike -Value $s.Name -Pattern $_ }).Count -eq 0 }) }
  $seen = @{}
  foreach ($h in $hits) { if (-not $seen.ContainsKey($h.Name)) { $seen[$h.Name] = $true; $h } }
}

<# The services named or given (by name, display name or object), with the real errors for unknown names. #>
function Resolve-FakeServiceTargets {
  param($Cmdlet, $Computer, [string]$ParameterSetName, $Name, $DisplayName, $InputObject, $Include, $Exclude)
  switch ($ParameterSetName) {
    'InputObject' {
      foreach ($o in $InputObject) {
        $n = [string]$o.Name
        if ($Computer.Services.ContainsKey($n)) { $Computer.Services[$n] } else { Write-FakeError -Cmdlet $Cmdlet -Message ("Cannot find any service with service name '" + $n + "'.") -ErrorId 'NoServiceFoundForGivenName' -Target $n }
      }
    }
    'DisplayName' {
      foreach ($d in $DisplayName) {
        $found = @(Find-FakeServices -Computer $Computer -DisplayName @($d) -Include $Include -Exclude $Exclude)
        if ($found.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($d)) { Write-FakeError -Cmdlet $Cmdlet -Message ("Cannot find any service with display name '" + $d + "'.") -ErrorId 'NoServiceFoundForGivenDisplayName' -Target $d }
        $found
      }
    }
    default {
      foreach ($n in $Name) {
        $found = @(Find-FakeServices -Computer $Computer -Name @($n) -Include $Include -Exclude $Exclude)
        if ($found.Count -eq 0 -and -not [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($n)) { Write-FakeError -Cmdlet $Cmdlet -Message ("Cannot find any service with service name '" + $n + "'.") -ErrorId 'NoServiceFoundForGivenName' -Target $n }
        $found
      }
    }
  }
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Management/Get-Service.md
# (git history of the repo, before 4.0 was removed); -DependentServices/-RequiredServices are left
# out, -ComputerName must name the current computer. StartType is there as on a 2012 R2 image with
# .NET 4.6.1 or later (ServiceController.StartType); Windows PowerShell 4.0 on .NET 4.5 lacks it.
function Get-Service {
  [CmdletBinding(DefaultParameterSetName = 'Default')]
  param(
    [Parameter(ParameterSetName = 'Default', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName')][string[]]$Name,
    [Parameter(ValueFromPipelineByPropertyName = $true)][Alias('Cn')][string[]]$ComputerName,
    [Parameter(ParameterSetName = 'DisplayName', Mandatory = $true)][string[]]$DisplayName,
    [string[]]$Include,
    [string[]]$Exclude,
    [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline = $true)][object[]]$InputObject
  )
  process {
    Enter-FakeCall -Command 'Get-Service' -Parameters $PSBoundParameters
    $c = Get-FakeComputer
    foreach ($cn in @($ComputerName)) { if ($cn -and -not (Test-FakeComputerName -Computer $c -Name $cn)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The fake world reads services of the current computer only, not ' + $cn) -Category NotImplemented } }
    $targets = @()
    if ($PSCmdlet.ParameterSetName -eq 'Default' -and -not $PSBoundParameters.ContainsKey('Name')) { $targets = @(Find-FakeServices -Computer $c -Include $Include -Exclude $Exclude) }
    else { $targets = @(Resolve-FakeServiceTargets -Cmdlet $PSCmdlet -Computer $c -ParameterSetName $PSCmdlet.ParameterSetName -Name $Name -DisplayName $DisplayName -InputObject $InputObject -Include $Include -Exclude $Exclude) }
    foreach ($s in $targets) { Get-FakeServiceObject -Computer $c -Service $s }
  }
}

function Stop-FakeService {
  param($Cmdlet, $Computer, $Service, [bool]$Force)
  if ([string]$Service.Status -eq 'Stopped') { return }
  $running = @(@($Service.DependentServices) | Where-Object { $Computer.Services.ContainsKey($_) -and [string]$Computer.Services[$_].Status -ne 'Stopped' })
  if ($running.Count -gt 0 -and -not $Force) {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ("Cannot stop service '" + $Service.DisplayName + ' (' + $Service.Name + ")' because it has dependent services. It can only be stopped if the Force flag is set.") -ErrorId 'ServiceHasDependentServices,Microsoft.PowerShell.Commands.StopServiceCommand' -Category InvalidOperation -Target $Service.Name
  }
  foreach ($d in $running) { Stop-FakeService -Cmdlet $Cmdlet -Computer $Computer -Service $Computer.Services[$d] -Force $true }
  $Service.Status = 'Stopped'
}

function Start-FakeService {
  param($Cmdlet, $Computer, $Service)
  if ([string]$Service.Status -eq 'Running') { return }
  if ([string]$Service.StartType -eq 'Disabled') {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ("Service '" + $Service.DisplayName + ' (' + $Service.Name + ")' cannot be started due to the following error: Cannot start service " + $Service.Name + " on computer '.'.") -ErrorId 'CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand' -Category OpenError -Target $Service.Name
  }
  $Service.Status = 'Running'
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Management/Stop-Service.md
function Stop-Service {
  [CmdletBinding(DefaultParameterSetName = 'InputObject', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [switch]$Force,
    [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object[]]$InputObject,
    [Parameter(ParameterSetName = 'Default', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName')][string[]]$Name,
    [Parameter(ParameterSetName = 'DisplayName', Mandatory = $true)][string[]]$DisplayName,
    [switch]$PassThru,
    [string[]]$Include,
    [string[]]$Exclude
  )
  process {
    Enter-FakeCall -Command 'Stop-Service' -Parameters $PSBoundParameters
    $c = Get-FakeComputer
    foreach ($s in @(Resolve-FakeServiceTargets -Cmdlet $PSCmdlet -Computer $c -ParameterSetName $PSCmdlet.ParameterSetName -Name $Name -DisplayName $DisplayName -InputObject $InputObject -Include $Include -Exclude $Exclude)) {
      if ($PSCmdlet.ShouldProcess(($s.DisplayName + ' (' + $s.Name + ')'), 'Stop-Service')) {
        Stop-FakeService -Cmdlet $PSCmdlet -Computer $c -Service $s -Force ([bool]$Force)
        if ($PassThru) { Get-FakeServiceObject -Computer $c -Service $s }
      }
    }
  }
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Management/Start-Service.md
function Start-Service {
  [CmdletBinding(DefaultParameterSetName = 'InputObject', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'InputObject', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object[]]$InputObject,
    [Parameter(ParameterSetName = 'Default', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName')][string[]]$Name,
    [Parameter(ParameterSetName = 'DisplayName', Mandatory = $true)][string[]]$DisplayName,
    [switch]$PassThru,
    [string[]]$Include,
    [string[]]$Exclude
  )
  process {
    Enter-FakeCall -Command 'Start-Service' -Parameters $PSBoundParameters
    $c = Get-FakeComputer
    foreach ($s in @(Resolve-FakeServiceTargets -Cmdlet $PSCmdlet -Computer $c -ParameterSetName $PSCmdlet.ParameterSetName -Name $Name -DisplayName $DisplayName -InputObject $InputObject -Include $Include -Exclude $Exclude)) {
      if ($PSCmdlet.ShouldProcess(($s.DisplayName + ' (' + $s.Name + ')'), 'Start-Service')) {
        Start-FakeService -Cmdlet $PSCmdlet -Computer $c -Service $s
        if ($PassThru) { Get-FakeServiceObject -Computer $c -Service $s }
      }
    }
  }
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Management/Set-Service.md
# (-ComputerName must name the current computer). -StartupType takes the ServiceStartMode values
# Windows accepts for a Win32 service (Automatic, Manual, Disabled); -Status Running, Stopped, Paused.
function Set-Service {
  [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'Name', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('ServiceName', 'SN')][string]$Name,
    [Parameter(ValueFromPipelineByPropertyName = $true)][Alias('cn')][string[]]$ComputerName,
    [Alias('DN')][string]$DisplayName,
    [string]$Description,
    [Alias('StartMode', 'SM', 'ST')][ValidateSet('Automatic', 'Manual', 'Disabled', 'Boot', 'System')][string]$StartupType,
    [ValidateSet('Running', 'Stopped', 'Paused')][string]$Status,
    [Parameter(ParameterSetName = 'InputObject', ValueFromPipeline = $true)][object]$InputObject,
    [switch]$PassThru
  )
  process {
    Enter-FakeCall -Command 'Set-Service' -Parameters $PSBoundParameters
    $c = Get-FakeComputer
    foreach ($cn in @($ComputerName)) { if ($cn -and -not (Test-FakeComputerName -Computer $c -Name $cn)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The fake world changes services of the current computer only, not ' + $cn) -Category NotImplemented } }
    $key = $(if ($PSCmdlet.ParameterSetName -eq 'InputObject') { [string]$InputObject.Name } else { $Name })
    if (-not $c.Services.ContainsKey($key)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("Service '" + $key + "' was not found on computer '.'.") -ErrorId 'InvalidOperationException,Microsoft.PowerShell.Commands.SetServiceCommand' -Category ObjectNotFound -Target $key }
    $s = $c.Services[$key]
    if ($StartupType -eq 'Boot' -or $StartupType -eq 'System') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("Service '" + $s.DisplayName + ' (' + $s.Name + ")' cannot be configured due to the following error: The parameter is incorrect") -ErrorId 'CouldNotSetService' -Category PermissionDenied -Target $key }
    if ($Status -eq 'Paused') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("Service '" + $s.DisplayName + ' (' + $s.Name + ")' cannot be suspended because the service does not support being suspended or resumed.") -ErrorId 'CouldNotSuspendServiceNotSupported' -Category CloseError -Target $key }
    if ($PSCmdlet.ShouldProcess(($s.DisplayName + ' (' + $s.Name + ')'), 'Set-Service')) {
      if ($PSBoundParameters.ContainsKey('DisplayName')) { $s.DisplayName = $DisplayName }
      if ($PSBoundParameters.ContainsKey('Description')) { $s['Description'] = $Description }
      if ($StartupType) { $s.StartType = $StartupType }
      if ($Status -eq 'Stopped') { Stop-FakeService -Cmdlet $PSCmdlet -Computer $c -Service $s -Force $false }
      if ($Status -eq 'Running') { Start-FakeService -Cmdlet $PSCmdlet -Computer $c -Service $s }
      if ($PassThru) { Get-FakeServiceObject -Computer $c -Service $s }
    }
  }
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/CimCmdlets/Get-CimInstance.md
# (set ClassNameComputerSet; the session, query and resource-URI sets are left out). Classes:
# Win32_ComputerSystem and Win32_OperatingSystem; any other fails as WMI does ("Invalid class").
function Get-CimInstance {
  [CmdletBinding(DefaultParameterSetName = 'ClassNameComputerSet')]
  param(
    [Parameter(ParameterSetName = 'ClassNameComputerSet', Mandatory = $true, Position = 0)][string]$ClassName,
    [Parameter(ParameterSetName = 'ClassNameComputerSet', ValueFromPipelineByPropertyName = $true)][Alias('CN', 'ServerName')][string[]]$ComputerName,
    [switch]$KeyOnly,
    [string]$Namespace = 'root/cimv2',
    [Alias('OT')][uint32]$OperationTimeoutSec,
    [switch]$Shallow,
    [string]$Filter,
    [Alias('SelectProperties')][string[]]$Property
  )
  Enter-FakeCall -Command 'Get-CimInstance' -Parameters $PSBoundParameters
  $c = Get-FakeComputer
  foreach ($cn in @($ComputerName)) { if ($cn -and -not (Test-FakeComputerName -Computer $c -Name $cn)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The fake world reads CIM of the current computer only, not ' + $cn) -Category NotImplemented } }
  if ($Namespace -notmatch '^(root[\\/])?cimv2$') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Invalid namespace ' -ErrorId 'HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' -Category MetadataError -Target $Namespace }
  if ($Filter) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world does not evaluate WQL filters (Get-CimInstance -Filter)' -Category NotImplemented }
  $w = Get-FakeWorld
  $domainRole = Get-FakeDomainRole -Computer $c
  $member = $domainRole -ge 3 -and $w.Domain.Fqdn
  switch ($ClassName) {
    'Win32_ComputerSystem' {
      New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_ComputerSystem' -Properties ([ordered]@{
          Name         = $c.Name
          Domain       = $(if ($member) { [string]$w.Domain.Fqdn } else { 'WORKGROUP' })
          DomainRole   = [uint16]$domainRole
          PartOfDomain = [bool]$member
          Workgroup    = $(if ($member) { $null } else { 'WORKGROUP' })
          Manufacturer = 'Microsoft Corporation'
          Model        = 'Virtual Machine'
        })
    }
    'Win32_OperatingSystem' {
      New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem' -Properties ([ordered]@{
          Caption        = 'Microsoft Windows Server 2012 R2 Datacenter'
          Version        = '6.3.9600'
          BuildNumber    = '9600'
          CSName         = $c.Name
          OSArchitecture = '64-bit'
          LastBootUpTime = ([datetime]'2026-01-01T00:00:00').AddHours([int]$c.Reboots)
        })
    }
    default { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Invalid class ' -ErrorId 'HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand' -Category MetadataError -Target $ClassName }
  }
}

<# A restart of a computer: what Windows does at boot that the world models. #>
function Invoke-FakeReboot {
  param([Parameter(Mandatory = $true)]$Computer)
  $w = Get-FakeWorld
  $Computer.Reboots = 1 + [int]$Computer.Reboots
  if ($Computer.ContainsKey('PendingForest') -and $Computer['PendingForest']) {
    $forest = $Computer['PendingForest']
    $Computer.DomainRole = 5
    $w.Domain.Fqdn = $forest.Fqdn
    $w.Domain.NetbiosName = $forest.NetbiosName
    $w.Domain['DomainController'] = $Computer.Name
    $w.Domain.Available = $true
    # With DNS installed, the new DC registers its own A record (when the world knows its address).
    if ($forest.InstallDns -and $Computer.ContainsKey('IPv4Address') -and $Computer['IPv4Address']) {
      $name = $Computer.Name.ToLowerInvariant()
      if (@($w.Domain.DnsRecords | Where-Object { $_.ZoneName -eq $forest.Fqdn -and $_.HostName -eq $name -and $_.IPv4Address -eq $Computer['IPv4Address'] }).Count -eq 0) {
        $w.Domain.DnsRecords = @(@($w.Domain.DnsRecords) + @(@{ ZoneName = $forest.Fqdn; HostName = $name; RecordType = 'A'; IPv4Address = [string]$Computer['IPv4Address'] }))
      }
    }
    $Computer.Remove('PendingForest')
  }
  if ($Computer.ContainsKey('RestartPending')) { $Computer.Remove('RestartPending') }
  foreach ($s in $Computer.Services.Values) {
    $s.Status = $(if ([string]$s.StartType -eq 'Automatic') { 'Running' } else { 'Stopped' })
  }
}

# Reference: shutdown.exe (Windows Server 2012 R2): https://learn.microsoft.com/windows-server/administration/windows-commands/shutdown
# Arguments as Windows takes them (/r restart, /s shut down, /a abort, /t seconds, /c comment,
# /f force, /d reason). The fake restarts the computer at once, whatever /t says (a Run Command
# ends within the grace period), so /a finds nothing to abort (exit code 1116, as Windows).
function shutdown.exe {
  Enter-FakeCall -Command 'shutdown.exe' -Parameters @{ Arguments = ($args -join ' ') }
  $c = Get-FakeComputer
  $mode = $null
  $i = 0
  while ($i -lt $args.Count) {
    $a = [string]$args[$i]
    switch -Regex ($a) {
      '^[/-][rR]$' { $mode = 'restart' }
      '^[/-][sS]$' { $mode = 'shutdown' }
      '^[/-][aA]$' { $mode = 'abort' }
      '^[/-][fF]$' { }
      '^[/-][tT]$' {
        $i++
        $t = 0
        if ($i -ge $args.Count -or -not [int]::TryParse([string]$args[$i], [ref]$t) -or $t -lt 0 -or $t -gt 315360000) { Write-Output 'The parameter is incorrect.(87)'; $global:LASTEXITCODE = 87; return }
      }
      '^[/-][cC]$' {
        $i++
        if ($i -ge $args.Count -or ([string]$args[$i]).Length -gt 512) { Write-Output 'The parameter is incorrect.(87)'; $global:LASTEXITCODE = 87; return }
      }
      '^[/-][dD]$' { $i++ }
      default { Write-Output ('The parameter is incorrect.(87)'); $global:LASTEXITCODE = 87; return }
    }
    $i++
  }
  switch ($mode) {
    'restart' { Invoke-FakeReboot -Computer $c; $global:LASTEXITCODE = 0 }
    'shutdown' { $c['Shutdowns'] = 1 + [int]$c['Shutdowns']; $global:LASTEXITCODE = 0 }
    'abort' { Write-Output 'Unable to abort the system shutdown because no shutdown was in progress.(1116)'; $global:LASTEXITCODE = 1116 }
    default { Write-Output 'Usage: shutdown [/i | /l | /s | /r | /g | /a | /p | /h | /e | /o] [/hybrid] [/f] [/m \\computer][/t xxx][/d [p|u:]xx:yy [/c "comment"]]'; $global:LASTEXITCODE = 0 }
  }
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Utility/Start-Sleep.md
# Returns at once; the run's total is kept, and a script that would sleep more than two hours in
# all (a wait loop whose condition the world never meets) fails instead of hanging the suite.
function Start-Sleep {
  [CmdletBinding(DefaultParameterSetName = 'Seconds')]
  param(
    [Parameter(ParameterSetName = 'Seconds', Mandatory = $true, Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][int]$Seconds,
    [Parameter(ParameterSetName = 'Milliseconds', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('ms')][int]$Milliseconds
  )
  process {
    Enter-FakeCall -Command 'Start-Sleep' -Parameters $PSBoundParameters
    $w = Get-FakeWorld
    $add = $(if ($PSCmdlet.ParameterSetName -eq 'Seconds') { [double]$Seconds } else { [double]$Milliseconds / 1000 })
    $holder = $(if ($w.ContainsKey('Run') -and $w['Run'] -is [System.Collections.IDictionary]) { $w['Run'] } else { $w })
    $holder['SleptSeconds'] = [double]$holder['SleptSeconds'] + $add
    $w['Clock'] = [double]$w['Clock'] + $add
    if ([double]$holder['SleptSeconds'] -gt 7200) {
      Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Start-Sleep: this run has slept ' + $holder['SleptSeconds'] + ' s in all (more than ' + 7200 + ' s): it would wait forever for something the fake world never does') -ErrorId 'FakeWorldWouldWaitForever' -Category OperationTimeout
    }
  }
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Utility/Get-Date.md
<#
  The world's clock: real time plus what Start-Sleep has skipped, so a script that waits for a
  deadline ("the domain did not answer within 30 minutes") reaches it at once instead of spinning.
  Not an external call: never counted, never failed.
#>
function Get-Date {
  [CmdletBinding(DefaultParameterSetName = 'net')]
  param(
    [Parameter(Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][Alias('LastWriteTime')][datetime]$Date,
    [ValidateRange(1, 9999)][int]$Year,
    [ValidateRange(1, 12)][int]$Month,
    [ValidateRange(1, 31)][int]$Day,
    [ValidateRange(0, 23)][int]$Hour,
    [ValidateRange(0, 59)][int]$Minute,
    [ValidateRange(0, 59)][int]$Second,
    [ValidateRange(0, 999)][int]$Millisecond,
    [Microsoft.PowerShell.Commands.DisplayHintType]$DisplayHint,
    [Parameter(ParameterSetName = 'net')][string]$Format,
    [Parameter(ParameterSetName = 'UFormat')][string]$UFormat
  )
  process {
    $bound = @{} + $PSBoundParameters
    if (-not $bound.ContainsKey('Date')) { $bound['Date'] = [datetime]::Now.AddSeconds([double](Get-FakeWorld)['Clock']) }
    Microsoft.PowerShell.Utility\Get-Date @bound
  }
}

<#
.SYNOPSIS
  Seeding: a Windows service on a computer. -DependentServices names the services that depend on
  it (Stop-Service refuses to stop it while they run, unless -Force).
#>
function Add-FakeService {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Computer,
    [Parameter(Mandatory = $true)][string]$Name,
    [string]$DisplayName,
    [ValidateSet('Running', 'Stopped')][string]$Status = 'Running',
    [ValidateSet('Automatic', 'Manual', 'Disabled')][string]$StartType = 'Automatic',
    [string[]]$DependentServices = @()
  )
  $c = Add-FakeComputer -Name $Computer
  $c.Services[$Name] = @{ Name = $Name; DisplayName = $(if ($DisplayName) { $DisplayName } else { $Name }); Status = $Status; StartType = $StartType; DependentServices = @($DependentServices) }
  return $c.Services[$Name]
}

<#
.SYNOPSIS
  Seeding: a computer's IPv4 address (the domain controller registers its own A record with it
  when Install-ADDSForest installs DNS).
#>
function Add-FakeIPAddress {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Computer, [Parameter(Mandatory = $true)][string]$IPv4Address)
  $c = Add-FakeComputer -Name $Computer
  $c['IPv4Address'] = ([System.Net.IPAddress]::Parse($IPv4Address)).IPAddressToString
}
