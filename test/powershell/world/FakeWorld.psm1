<#
  A stateful fake of the Windows, Lync Server 2013, Active Directory and SQL Server world the kit's
  generated scripts drive, so those scripts run under pwsh on Linux before they ever reach a VM.

  Stand-ins, each for what this machine lacks:
  - every external command a generated script calls (Windows storage, features, services, SMB,
    AD/DNS, the Lync cmdlets, robocopy, msiexec, shutdown, the SQL client) is a private function of
    this module, declared with the real cmdlet's parameter set (copied from its reference page, named
    above it): a parameter the real cmdlet lacks, or a missing mandatory one, fails the call;
  - each fake keeps its state in one world (computers with disks, volumes, features and services;
    the domain with users and DNS records; Lync endpoints, policies, trusted applications; SQL
    instances with databases and backups) that survives across calls and across runs of one test;
  - files on shares and drives are real files under a temporary root: `\\host\share\...` becomes
    `UNC:\host\share\...` (a PSDrive over <root>/unc) and `F:\...` the current computer's own folder.

  Scripts run through Invoke-FakeScript, from inside this module, so they see the fakes while the
  test framework (and anything else in the session) keeps the real commands.
#>
Set-StrictMode -Version Latest
# Canonical state and file digests (compared hundreds of times per suite): compiled once per session.
if (-not ('PchatKit.FakeState' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'FakeState.cs') }

$script:World = $null
# The world is also held outside any PowerShell scope: a script that Invoke-FakeScript runs inside
# this module has its own script scope, so within it `$script:World` (read by a fake it calls) would
# name that script's variable, not this module's. Get-FakeWorld reads this slot.
# Checkpoints live there too, so a test file's discovery can save them and its run restore them even if
# the module was imported again in between.
if ($null -eq [System.AppDomain]::CurrentDomain.GetData('PchatKit.FakeCheckpoints')) { [System.AppDomain]::CurrentDomain.SetData('PchatKit.FakeCheckpoints', @{}) }

#region world

<#
.SYNOPSIS
  A new, empty world rooted at a fresh folder. Seed it with the Add-Fake* functions.
#>
function New-FakeWorld {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Root)
  if (Test-Path -LiteralPath $Root) { Remove-Item -LiteralPath $Root -Recurse -Force }
  New-Item -ItemType Directory -Path (Join-Path $Root 'unc') -Force | Out-Null
  New-Item -ItemType Directory -Path (Join-Path $Root 'computers') -Force | Out-Null
  $script:World = @{
    Root      = (Resolve-Path -LiteralPath $Root).ProviderPath
    Computers = @{}
    Domain    = @{ Fqdn = $null; NetbiosName = $null; Users = @{}; DnsRecords = @(); Available = $false }
    Lync      = @{
      Endpoints                = @{}
      Policies                 = @{}
      TrustedApplications      = @{}
      TrustedApplicationPools  = @{}
      TopologyPublications     = 0
      UserData                 = @{}
    }
    Sql       = @{}
    Web       = @{}
    # Seconds the world's clock is ahead of the real one: Start-Sleep advances it, Get-Date reads it.
    Clock     = 0.0
    Calls     = New-Object System.Collections.Generic.List[object]
    Counts    = @{}
    Failures  = @{}
  }
  [System.AppDomain]::CurrentDomain.SetData('PchatKit.FakeWorld', $script:World)
  if (Get-PSDrive -Name UNC -ErrorAction SilentlyContinue) { Remove-PSDrive -Name UNC -Force }
  New-PSDrive -Name UNC -PSProvider FileSystem -Root (Join-Path $script:World.Root 'unc') -Scope Global | Out-Null
  return $script:World
}

function Get-FakeWorld {
  $w = [System.AppDomain]::CurrentDomain.GetData('PchatKit.FakeWorld')
  if ($null -eq $w) { throw 'no fake world: call New-FakeWorld first' }
  return $w
}

<#
.SYNOPSIS
  A computer of the world (created on first use), with the drive letters of its volumes mapped to
  its own folder under the root.
#>
function Add-FakeComputer {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Name,
    [int[]]$RawDataDiskLuns = @(),
    [string]$Role = ''
  )
  $w = Get-FakeWorld
  $key = $Name.ToUpperInvariant()
  if (-not $w.Computers.ContainsKey($key)) {
    $folder = Join-Path (Join-Path $w.Root 'computers') $key
    New-Item -ItemType Directory -Path $folder -Force | Out-Null
    $w.Computers[$key] = @{
      Name       = $key
      Role       = $Role
      Folder     = $folder
      Disks      = New-Object System.Collections.Generic.List[object]
      Volumes    = @{}
      Features   = @{}
      Services   = @{}
      CsServices = @{}
      Shares     = @{}
      DomainRole = 2
      Products   = New-Object System.Collections.Generic.List[object]
      Reboots    = 0
      Modules    = @('Microsoft.PowerShell.Management', 'Microsoft.PowerShell.Utility', 'Storage', 'ServerManager', 'SmbShare', 'CimCmdlets', 'DnsServer', 'ADDSDeployment', 'ActiveDirectory', 'Lync')
    }
    # C: is the OS disk, D: Azure's temporary disk; both NTFS from the image.
    foreach ($letter in 'C', 'D') { Add-FakeVolume -Computer $key -DriveLetter $letter -FileSystem 'NTFS' -Label $letter }
  }
  $c = $w.Computers[$key]
  foreach ($lun in $RawDataDiskLuns) {
    $c.Disks.Add(@{ Number = $c.Disks.Count + 2; Lun = $lun; Location = ('Integrated : Adapter 0 : Port 0 : Target 0 : LUN ' + $lun); PartitionStyle = 'RAW'; Partitions = @() })
  }
  return $c
}

function Add-FakeVolume {
  param([string]$Computer, [string]$DriveLetter, [string]$FileSystem, [string]$Label, [int]$AllocationUnitSize = 4096)
  $c = (Get-FakeWorld).Computers[$Computer.ToUpperInvariant()]
  $c.Volumes[$DriveLetter.ToUpperInvariant()] = @{ DriveLetter = $DriveLetter.ToUpperInvariant(); FileSystem = $FileSystem; FileSystemLabel = $Label; AllocationUnitSize = $AllocationUnitSize }
  New-Item -ItemType Directory -Path (Join-Path $c.Folder $DriveLetter.ToUpperInvariant()) -Force | Out-Null
}

<# The computer a script runs on: the one named by $env:COMPUTERNAME, as on Windows. #>
function Get-FakeComputer {
  $name = [string]$env:COMPUTERNAME
  $w = Get-FakeWorld
  if (-not $w.Computers.ContainsKey($name.ToUpperInvariant())) { throw ('the fake world has no computer ' + $name) }
  return $w.Computers[$name.ToUpperInvariant()]
}

<# Maps every drive letter of the current computer's volumes to its folder, as Windows would. #>
function Enter-FakeComputer {
  param([Parameter(Mandatory = $true)][string]$Name)
  $c = Add-FakeComputer -Name $Name
  $env:COMPUTERNAME = $c.Name
  $env:TEMP = Join-Path $c.Folder 'TEMP'
  New-Item -ItemType Directory -Path $env:TEMP -Force | Out-Null
  foreach ($letter in [char[]]'CDEFGHIJKLMNOPQRSTUVWXYZ') {
    $l = [string]$letter
    if (Get-PSDrive -Name $l -ErrorAction SilentlyContinue) { Remove-PSDrive -Name $l -Force }
  }
  foreach ($v in $c.Volumes.Values) { Mount-FakeVolume -Computer $c -DriveLetter $v.DriveLetter }
}

function Mount-FakeVolume {
  param($Computer, [string]$DriveLetter)
  $folder = Join-Path $Computer.Folder $DriveLetter
  New-Item -ItemType Directory -Path $folder -Force | Out-Null
  if ($env:COMPUTERNAME -eq $Computer.Name -and -not (Get-PSDrive -Name $DriveLetter -ErrorAction SilentlyContinue)) {
    New-PSDrive -Name $DriveLetter -PSProvider FileSystem -Root $folder -Scope Global | Out-Null
  }
}

<#
.SYNOPSIS
  A Windows path as this machine can reach it: `\\host\share\x` -> `UNC:\host\share\x`. Drive
  paths stay as they are (their letters are PSDrives of the current computer).
#>
function ConvertTo-FakePath {
  param([AllowEmptyString()][string]$Path)
  if ($Path -match '^\\\\([^\\]+)\\(.*)$') { return ('UNC:\' + $Matches[1] + '\' + $Matches[2]) }
  return $Path
}

<# The real local file behind a Windows path the kit uses (UNC or drive of the current computer). #>
function Resolve-FakePath {
  param([Parameter(Mandatory = $true)][string]$Path)
  $p = ConvertTo-FakePath $Path
  return $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)
}

#endregion

#region calls and injected failures

<#
.SYNOPSIS
  Every fake calls this first: it counts the call, records it, and throws when a failure was
  injected at this call (Set-FakeFailure). The failure comes before the fake's effect, as a cmdlet
  that fails validation or a connection would.
#>
function Enter-FakeCall {
  param([Parameter(Mandatory = $true)][string]$Command, [System.Collections.IDictionary]$Parameters = @{})
  $w = Get-FakeWorld
  $n = 1 + [int]$w.Counts[$Command]
  $w.Counts[$Command] = $n
  $names = @($Parameters.Keys | ForEach-Object { [string]$_ } | Sort-Object)
  $w.Calls.Add([pscustomobject]@{ Command = $Command; Call = $n; Computer = [string]$env:COMPUTERNAME; Parameters = $names })
  $key = $Command + '#' + $n
  if ($w.Failures.ContainsKey($key)) {
    $w.Failures.Remove($key)
    throw ('fake failure injected at call ' + $n + ' of ' + $Command)
  }
  # A lasting failure (a server that stays down): every call from the N-th on, until cleared.
  $from = $w.Failures[$Command + '#from']
  if ($null -ne $from -and $n -ge [int]$from) { throw ('fake failure injected at call ' + $n + ' of ' + $Command + ' (lasting)') }
}

<#
  Makes the N-th call (counted from now, over the whole world) of Command fail; with -Lasting, that
  call and every later one, until Clear-FakeFailure: a step that retries (waiting for the domain to
  answer) must still end failed, not loop.
#>
function Set-FakeFailure {
  param([Parameter(Mandatory = $true)][string]$Command, [Parameter(Mandatory = $true)][int]$AtCall, [switch]$Lasting)
  $w = Get-FakeWorld
  $at = [int]$w.Counts[$Command] + $AtCall
  if ($Lasting) { $w.Failures[$Command + '#from'] = $at } else { $w.Failures[$Command + '#' + $at] = $true }
}

function Clear-FakeFailure { (Get-FakeWorld).Failures.Clear() }

<# The calls made since the world was created (or since Reset-FakeCallLog). #>
function Get-FakeCallLog { return (Get-FakeWorld).Calls.ToArray() }

function Reset-FakeCallLog { $w = Get-FakeWorld; $w.Calls.Clear() }

#endregion

#region state for comparisons

<#
.SYNOPSIS
  The world's state as canonical JSON: everything a script can change (computers, domain, Lync, SQL,
  files with their content hashes), without call counts. Step markers are compared without their
  time stamp; files whose name matches -Ignore (residue such as `*.incomplete`) are left out.
#>
function Export-FakeWorldState {
  param([string[]]$Ignore = @())
  $w = Get-FakeWorld
  $state = [ordered]@{ computers = $w.Computers; domain = $w.Domain; lync = $w.Lync; sql = $w.Sql }
  return ('{"state":' + [PchatKit.FakeState]::Canonical($state) + ',"files":' + [PchatKit.FakeState]::Files($w.Root, $Ignore) + '}')
}

<# Hashtables with sorted keys, so two equal values give equal JSON (the fake SQL Server's backups use it). #>
function ConvertTo-CanonicalValue {
  param($Value)
  if ($null -eq $Value) { return $null }
  if ($Value -is [System.Collections.IDictionary]) {
    $o = [ordered]@{}
    foreach ($k in @($Value.Keys | ForEach-Object { [string]$_ } | Sort-Object)) {
      if ($k -eq 'Folder') { continue }
      $o[$k] = ConvertTo-CanonicalValue $Value[$k]
    }
    return $o
  }
  if ($Value -is [string]) { return $Value }
  if ($Value -is [System.Collections.IEnumerable]) { return @(foreach ($v in $Value) { ConvertTo-CanonicalValue $v }) }
  if ($Value -is [System.Management.Automation.PSCustomObject]) {
    $o = [ordered]@{}
    foreach ($p in @($Value.PSObject.Properties | Sort-Object Name)) { $o[$p.Name] = ConvertTo-CanonicalValue $p.Value }
    return $o
  }
  return $Value
}

#endregion

#region checkpoints

<#
.SYNOPSIS
  A copy of the whole world (state and files) to go back to: each test case of a step starts from
  the world the steps before it left, without running them again.
#>
function Save-FakeWorld {
  param([Parameter(Mandatory = $true)][string]$Name)
  $w = Get-FakeWorld
  $copy = Join-Path (Split-Path -Parent $w.Root) ('checkpoint-' + $Name)
  if (Test-Path -LiteralPath $copy) { Remove-Item -LiteralPath $copy -Recurse -Force }
  # cp keeps the file stores' sparse stand-ins sparse; Copy-Item would write every zero.
  & cp -a --sparse=always $w.Root $copy
  if ($LASTEXITCODE -ne 0) { throw ('cp failed for the checkpoint ' + $Name) }
  $state = @{}
  foreach ($k in @($w.Keys)) { if ($k -notin @('Calls', 'Counts', 'Failures', 'Root')) { $state[$k] = Copy-FakeValue $w[$k] } }
  [System.AppDomain]::CurrentDomain.GetData('PchatKit.FakeCheckpoints')[$Name] = @{ Folder = $copy; Root = $w.Root; State = $state; Counts = Copy-FakeValue $w.Counts }
}

<#
  Back to a checkpoint: its files and state, in the world it was taken from (another suite's world
  may be the current one), with no injected failure and an empty call log.
#>
function Restore-FakeWorld {
  param([Parameter(Mandatory = $true)][string]$Name)
  $cp = [System.AppDomain]::CurrentDomain.GetData('PchatKit.FakeCheckpoints')[$Name]
  if ($null -eq $cp) { throw ('no checkpoint ' + $Name) }
  $w = [System.AppDomain]::CurrentDomain.GetData('PchatKit.FakeWorld')
  if ($null -eq $w -or $w.Root -ne $cp.Root) {
    $w = @{ Root = $cp.Root; Calls = (New-Object System.Collections.Generic.List[object]); Counts = @{}; Failures = @{} }
    [System.AppDomain]::CurrentDomain.SetData('PchatKit.FakeWorld', $w)
    if (Get-PSDrive -Name UNC -ErrorAction SilentlyContinue) { Remove-PSDrive -Name UNC -Force }
    New-Item -ItemType Directory -Path (Join-Path $cp.Root 'unc') -Force | Out-Null
    New-PSDrive -Name UNC -PSProvider FileSystem -Root (Join-Path $cp.Root 'unc') -Scope Global | Out-Null
  }
  if (Test-Path -LiteralPath $w.Root) { Remove-Item -LiteralPath $w.Root -Recurse -Force }
  & cp -a --sparse=always $cp.Folder $w.Root
  if ($LASTEXITCODE -ne 0) { throw ('cp failed restoring the checkpoint ' + $Name) }
  # State a later run added (such as the first id counter, World.Ids) goes too: the world is the checkpoint's.
  foreach ($k in @($w.Keys)) { if ($k -notin @('Calls', 'Counts', 'Failures', 'Root') -and -not $cp.State.ContainsKey($k)) { $w.Remove($k) } }
  foreach ($k in @($cp.State.Keys)) { $w[$k] = Copy-FakeValue $cp.State[$k] }
  $w.Counts = Copy-FakeValue $cp.Counts
  $w.Calls.Clear()
  $w.Failures.Clear()
}

<# A deep copy of plain state: dictionaries, lists, arrays and custom objects (with their methods). #>
function Copy-FakeValue {
  param($Value)
  if ($null -eq $Value -or $Value -is [string] -or $Value -is [ValueType]) { return $Value }
  if ($Value -is [System.Collections.Specialized.OrderedDictionary]) {
    $o = [ordered]@{}
    foreach ($k in $Value.Keys) { $o[$k] = Copy-FakeValue $Value[$k] }
    return $o
  }
  if ($Value -is [System.Collections.IDictionary]) {
    $o = @{}
    foreach ($k in $Value.Keys) { $o[$k] = Copy-FakeValue $Value[$k] }
    return $o
  }
  if ($Value -is [System.Collections.Generic.List[object]]) {
    $o = New-Object System.Collections.Generic.List[object]
    foreach ($v in $Value) { $o.Add((Copy-FakeValue $v)) }
    return , $o
  }
  if ($Value -is [array]) { return , @(foreach ($v in $Value) { Copy-FakeValue $v }) }
  if ($Value -is [System.Management.Automation.PSCustomObject]) {
    $o = $Value.PSObject.Copy()
    foreach ($p in @($o.PSObject.Properties | Where-Object { $_.MemberType -eq 'NoteProperty' })) { $o.($p.Name) = Copy-FakeValue $p.Value }
    return $o
  }
  return $Value
}

#endregion

#region running a script

<#
.SYNOPSIS
  Runs one generated script on one computer of the world, as a Run Command would: its parameters
  (UNC paths mapped), its protected parameters, everything it writes captured. Never throws: the
  outcome is returned as { Output (text lines), Threw, Error, ExitCode }.
#>
function Invoke-FakeScript {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Path,
    [Parameter(Mandatory = $true)][string]$Computer,
    [System.Collections.IDictionary]$Parameters = @{},
    [System.Collections.IDictionary]$ProtectedParameters = @{}
  )
  Enter-FakeComputer -Name $Computer
  # What the fakes know of this run (Start-Sleep counts its total sleep here).
  (Get-FakeWorld)['Run'] = @{ Script = [System.IO.Path]::GetFileName($Path); Computer = $Computer; SleptSeconds = 0 }
  $bound = @{}
  foreach ($k in $Parameters.Keys) { $bound[$k] = ConvertTo-FakePath ([string]$Parameters[$k]) }
  foreach ($k in $ProtectedParameters.Keys) { $bound[$k] = [string]$ProtectedParameters[$k] }
  $global:LASTEXITCODE = 0
  $threw = $false
  $message = $null
  $lines = New-Object System.Collections.Generic.List[string]
  try {
    # *>&1: the error, warning, verbose and information streams too, as a Run Command's output would show them.
    & $Path @bound *>&1 | ForEach-Object { $lines.Add([string]$_) }
  } catch {
    $threw = $true
    $message = $_.Exception.Message
    $lines.Add('ERROR: ' + $message)
  }
  # The exit code a Run Command reports for `powershell -File`: 1 after a terminating error; the
  # argument of an `exit` statement; 0 when the script simply ends, whatever $LASTEXITCODE a native
  # program (robocopy) left (about_PowerShell_exe). The kit's scripts call `exit` only after writing a
  # failed result line, so that is when $LASTEXITCODE is the script's own.
  $exitCode = 0
  if ($threw) {
    $exitCode = 1
  } elseif (@($lines | Where-Object { $_.StartsWith('PCHATKIT-RESULT ') -and $_.Contains('"status":"failed"') }).Count -gt 0) {
    $exitCode = $global:LASTEXITCODE
  }
  return [pscustomobject]@{
    Output   = $lines.ToArray()
    Threw    = $threw
    Error    = $message
    ExitCode = $exitCode
  }
}

#endregion

# The fakes: one file per area, all private to this module (see Invoke-FakeScript).
foreach ($file in @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'fakes') -Filter '*.ps1' | Sort-Object Name)) { . $file.FullName }

Export-ModuleMember -Function New-FakeWorld, Get-FakeWorld, Add-FakeComputer, Add-FakeVolume, Get-FakeComputer, Enter-FakeComputer, ConvertTo-FakePath, Resolve-FakePath, Set-FakeFailure, Clear-FakeFailure, Get-FakeCallLog, Reset-FakeCallLog, Export-FakeWorldState, Invoke-FakeScript, Save-FakeWorld, Restore-FakeWorld, New-FakeSqlBackupFile, Add-Fake*
