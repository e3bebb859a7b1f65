<#
  Helpers every fake shares (private to the module, dot-sourced by FakeWorld.psm1 before the
  fakes; the name sorts first). None of them is a stand-in for a real command.

  The reference pages each fake names above it, and the versions read (those pages have since moved
  or been retired from the repositories' current trees):
  - MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/<Cmdlet>.md at 86e0b3ffcf8ad5ed2209cd8c4befb0c47125ef31
    (now skype/skype-ps/SkypeForBusiness/);
  - MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/<module>/<Cmdlet>.md at
    93986fd2fff9f5b715ad56418b50192ccc7c5128 (the 2012 R2 docset was removed after it);
  - MicrosoftDocs/PowerShell-Docs reference/4.0/<module>/<Cmdlet>.md at a7bae07a0593d3048875585d469f23305487a784
    (4.0 was removed after it; 5.1 differs where noted).
  Parameters a fake leaves out are named above it; none is added that the page lacks.

  Errors: a real cmdlet reports "not found" and the like as non-terminating errors (Write-FakeError:
  the caller's -ErrorAction decides, and the kit's scripts run with $ErrorActionPreference = 'Stop'),
  and invalid input or a broken precondition as a terminating one (Stop-FakeCommand, not stopped by
  -ErrorAction SilentlyContinue, as $PSCmdlet.ThrowTerminatingError in a compiled cmdlet).
#>

function New-FakeErrorRecord {
  param(
    [Parameter(Mandatory = $true)][string]$Message,
    [string]$ErrorId = 'FakeWorldError',
    [System.Management.Automation.ErrorCategory]$Category = [System.Management.Automation.ErrorCategory]::NotSpecified,
    [object]$Target = $null,
    [string]$ExceptionType = 'System.InvalidOperationException'
  )
  $exception = $null
  $type = $ExceptionType -as [type]
  try { $exception = $type::new($Message) } catch { $exception = [System.InvalidOperationException]::new($Message) }
  return [System.Management.Automation.ErrorRecord]::new($exception, $ErrorId, $Category, $Target)
}

<# A terminating error of the calling fake (as a compiled cmdlet's ThrowTerminatingError). #>
function Stop-FakeCommand {
  param(
    [Parameter(Mandatory = $true)]$Cmdlet,
    [Parameter(Mandatory = $true)][string]$Message,
    [string]$ErrorId = 'FakeWorldError',
    [System.Management.Automation.ErrorCategory]$Category = [System.Management.Automation.ErrorCategory]::NotSpecified,
    [object]$Target = $null,
    [string]$ExceptionType = 'System.InvalidOperationException'
  )
  $Cmdlet.ThrowTerminatingError((New-FakeErrorRecord -Message $Message -ErrorId $ErrorId -Category $Category -Target $Target -ExceptionType $ExceptionType))
}

<# A non-terminating error of the calling fake (the caller's -ErrorAction applies). #>
function Write-FakeError {
  param(
    [Parameter(Mandatory = $true)]$Cmdlet,
    [Parameter(Mandatory = $true)][string]$Message,
    [string]$ErrorId = 'FakeWorldError',
    [System.Management.Automation.ErrorCategory]$Category = [System.Management.Automation.ErrorCategory]::ObjectNotFound,
    [object]$Target = $null,
    [string]$ExceptionType = 'System.InvalidOperationException'
  )
  $Cmdlet.WriteError((New-FakeErrorRecord -Message $Message -ErrorId $ErrorId -Category $Category -Target $Target -ExceptionType $ExceptionType))
}

<#
  The module a fake belongs to must be on the current computer (Computers[x].Modules), else the
  command does not exist there, as on Windows: "The term ... is not recognized".
#>
function Assert-FakeModule {
  param([Parameter(Mandatory = $true)]$Cmdlet, [Parameter(Mandatory = $true)][string]$Module, [Parameter(Mandatory = $true)][string]$Command)
  $c = Get-FakeComputer
  if (@($c.Modules | Where-Object { [string]$_ -eq $Module }).Count -eq 0) {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ("The term '" + $Command + "' is not recognized as the name of a cmdlet, function, script file, or operable program (the module " + $Module + ' is not installed on ' + $c.Name + ').') -ErrorId 'CommandNotFoundException' -Category ObjectNotFound -ExceptionType 'System.Management.Automation.CommandNotFoundException'
  }
}

<# A computer of the world by NetBIOS name or FQDN (null when there is none). #>
function Find-FakeComputer {
  param([string]$Name)
  if ([string]::IsNullOrEmpty($Name)) { return $null }
  $w = Get-FakeWorld
  $short = ($Name -split '\.')[0].ToUpperInvariant()
  if ($w.Computers.ContainsKey($short)) { return $w.Computers[$short] }
  return $null
}

<# The FQDN of a computer of the world: NetBIOS name + the domain's DNS name, once there is one. #>
function Get-FakeComputerFqdn {
  param($Computer)
  $w = Get-FakeWorld
  if ($w.Domain.Fqdn) { return ($Computer.Name.ToLowerInvariant() + '.' + $w.Domain.Fqdn) }
  return $Computer.Name.ToLowerInvariant()
}

<# True when a name (NetBIOS or FQDN) names this computer. #>
function Test-FakeComputerName {
  param($Computer, [string]$Name)
  if ([string]::IsNullOrEmpty($Name)) { return $false }
  if ($Name -eq 'localhost' -or $Name -eq '.') { return $true }
  return (($Name -split '\.')[0].ToUpperInvariant() -eq $Computer.Name)
}

<#
  The real local file behind a Windows path as one computer sees it: `\\host\share\x` and
  `UNC:\host\share\x` through the shared UNC tree, `F:\x` through that computer's own volume
  (which must exist: returns $null otherwise). Used where the path is opened by a process on
  another computer than the script's (SQL Server writing a backup, msiexec's log on a share).
#>
function Resolve-FakeComputerPath {
  param([Parameter(Mandatory = $true)]$Computer, [Parameter(Mandatory = $true)][string]$Path)
  $p = $Path.Trim().Trim('"')
  if ($p -match '^\\\\' -or $p -match '^UNC:[\\/]') { return (Resolve-FakePath -Path $p) }
  if ($p -match '^([A-Za-z]):(?:[\\/](.*))?$') {
    $letter = $Matches[1].ToUpperInvariant()
    $rest = [string]$Matches[2]
    if (-not $Computer.Volumes.ContainsKey($letter)) { return $null }
    $base = Join-Path $Computer.Folder $letter
    if ($rest -eq '') { return $base }
    return (Join-Path $base ($rest -replace '\\', '/'))
  }
  return $null
}

<# Case-insensitive wildcard match as PowerShell's -like. #>
function Test-FakeLike {
  param([string]$Value, [string]$Pattern)
  return ([System.Management.Automation.WildcardPattern]::new($Pattern, [System.Management.Automation.WildcardOptions]::IgnoreCase)).IsMatch([string]$Value)
}

<# An object shaped like a cmdlet's output: a PSCustomObject with a type name for display. #>
function New-FakeObject {
  param([Parameter(Mandatory = $true)][System.Collections.IDictionary]$Properties, [string]$TypeName = '')
  $o = [pscustomobject]$Properties
  if ($TypeName) { $o.PSObject.TypeNames.Insert(0, $TypeName) }
  return $o
}

<# A deterministic GUID from a counter (state must not hold random ids). #>
function New-FakeGuid {
  param([Parameter(Mandatory = $true)][string]$Kind)
  $w = Get-FakeWorld
  if (-not $w.ContainsKey('Ids')) { $w['Ids'] = @{} }
  $n = 1 + [int]$w['Ids'][$Kind]
  $w['Ids'][$Kind] = $n
  $kindHash = [System.BitConverter]::ToString([System.Security.Cryptography.SHA256]::Create().ComputeHash([System.Text.Encoding]::UTF8.GetBytes($Kind))).Replace('-', '').Substring(0, 8).ToLowerInvariant()
  return ($kindHash + '-0000-4000-8000-' + $n.ToString('000000000000'))
}

<# A counter of the world (for SIDs, partition numbers, process ids...). #>
function Get-FakeNextNumber {
  param([Parameter(Mandatory = $true)][string]$Kind)
  $w = Get-FakeWorld
  if (-not $w.ContainsKey('Ids')) { $w['Ids'] = @{} }
  $n = 1 + [int]$w['Ids'][$Kind]
  $w['Ids'][$Kind] = $n
  return $n
}

<#
.SYNOPSIS
  Seeding: the modules a computer has (Import-Module and every fake check them). -Only replaces the
  list; without it the names are added.
#>
function Add-FakeModule {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Computer, [Parameter(Mandatory = $true)][string[]]$Name, [switch]$Only)
  $c = Add-FakeComputer -Name $Computer
  if ($Only) { $c.Modules = @($Name) } else { $c.Modules = @(@($c.Modules) + @($Name | Where-Object { @($c.Modules) -notcontains $_ })) }
}

<#
.SYNOPSIS
  Seeding: the identity scripts run as (a Run Command runs as LocalSystem; with runAsUser, as that
  account). SQL Windows authentication and the Lync cmdlets' SQL connections present it. Without
  one, a connection from a computer presents `NT AUTHORITY\SYSTEM` locally and `<DOMAIN>\<COMPUTER>$`
  to another computer, as LocalSystem does on a domain member.
#>
function Add-FakeRunAs {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Account)
  (Get-FakeWorld)['RunAs'] = $Account
}

<# The Windows identity the current script presents to a server on another (or the same) computer. #>
function Get-FakeRunAsIdentity {
  param($ServerComputer)
  $w = Get-FakeWorld
  if ($w.ContainsKey('RunAs') -and $w['RunAs']) { return [string]$w['RunAs'] }
  $c = Get-FakeComputer
  if ($null -ne $ServerComputer -and $ServerComputer.Name -eq $c.Name) { return 'NT AUTHORITY\SYSTEM' }
  $domain = [string]$w.Domain.NetbiosName
  if ($domain -and (Get-FakeDomainRole -Computer $c) -ge 3) { return ($domain + '\' + $c.Name + '$') }
  return 'NT AUTHORITY\ANONYMOUS LOGON'
}

<#
  What happened, as opposed to what is: operation counts (backups taken, exports, imports, lost
  imports, topology enables) kept in World.History, outside the state Export-FakeWorldState compares,
  so a step redone after a failure still converges to the same state. Tests read
  (Get-FakeWorld).History.
#>
function Step-FakeHistoryCount {
  param([Parameter(Mandatory = $true)][string]$Kind, [Parameter(Mandatory = $true)][string]$Key)
  $w = Get-FakeWorld
  if (-not $w.ContainsKey('History')) { $w['History'] = @{} }
  if (-not $w['History'].ContainsKey($Kind)) { $w['History'][$Kind] = @{} }
  $w['History'][$Kind][$Key] = 1 + [int]$w['History'][$Kind][$Key]
}

<#
.SYNOPSIS
  The registration hook for programs the kit starts with Start-Process other than msiexec.exe
  (the Start-Process fake, fakes/Processes.ps1; defined here so that a fake file loaded before it can register)
  (Bootstrapper.exe, LyncServerUpdateInstaller.exe): the fake that owns a program registers it when
  its file is loaded. -Name is the executable's file name, -Match a regular expression the argument
  line must match (several handlers may share a program, each taking its own switches), -Handler a
  scriptblock `param($Computer, [string]$FilePath, [string[]]$Words, [string]$Line)` that applies the
  program's effect and returns its exit code. The first registered handler whose name and pattern
  fit runs (handlers with their own pattern before '.*' ones); a program no handler takes fails as before. Kept in the AppDomain (as the world is), so a
  handler survives New-FakeWorld; registering the same name and pattern again replaces it.
#>
function Register-FakeProgram {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Name, [string]$Match = '.*', [Parameter(Mandatory = $true)][scriptblock]$Handler)
  $list = [System.AppDomain]::CurrentDomain.GetData('PchatKit.FakePrograms')
  if ($null -eq $list) { $list = New-Object System.Collections.Generic.List[object]; [System.AppDomain]::CurrentDomain.SetData('PchatKit.FakePrograms', $list) }
  foreach ($h in @($list.ToArray())) { if ($h.Name -eq $Name -and $h.Match -eq $Match) { [void]$list.Remove($h) } }
  $list.Add([pscustomobject]@{ Name = $Name; Match = $Match; Handler = $Handler })
}

<# The handler registered for a program and its argument line, or $null. #>
function Find-FakeProgram {
  param([string]$Exe, [string]$Line)
  $list = [System.AppDomain]::CurrentDomain.GetData('PchatKit.FakePrograms')
  if ($null -eq $list) { return $null }
  # Handlers with their own pattern first, so a catch-all ('.*') never hides a specific one.
  foreach ($specific in $true, $false) {
    foreach ($h in $list) { if ($h.Name -eq $Exe -and (($h.Match -ne '.*') -eq $specific) -and $Line -match $h.Match) { return $h } }
  }
  return $null
}
