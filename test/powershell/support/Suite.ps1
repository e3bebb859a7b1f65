<#
  What the Scripts and Runs test files share: the manifest prepare.js wrote, a world seeded for a
  suite (Seed.ps1), running one step as its Run Command would, and reading its result line.
  Dot-sourced; imports the fake world module.
#>
# Once per session: discovery saves checkpoints that the run phase restores.
if (-not (Get-Module FakeWorld)) { Import-Module (Join-Path $PSScriptRoot '..' 'world' 'FakeWorld.psm1') }
. (Join-Path $PSScriptRoot 'Seed.ps1')

$script:ResultPrefix = 'PCHATKIT-RESULT '

function Get-SuiteManifest {
  return (Get-Content -LiteralPath (Join-Path $env:PCHATKIT_PESTER_WORK 'manifest.json') -Raw | ConvertFrom-Json)
}

function Get-SuiteWorldRoot {
  param([string]$Suite)
  # Each Pester lane (run.js runs two at once) keeps its own worlds: both run the same suites.
  return (Join-Path (Join-Path $env:PCHATKIT_PESTER_WORK ('worlds' + $env:PCHATKIT_PESTER_LANE)) ($Suite -replace '[^A-Za-z0-9-]', '_'))
}

<#
.SYNOPSIS
  A value per protected parameter that no script may ever show: each run checks that none of them
  appears in the output or in any file of the world.
#>
function Get-SentinelValue {
  param([string]$Name)
  switch ($Name) {
    'BackupUrl' { return 'https://sentinelacct.blob.core.windows.net/backups/GroupChat.bak?sv=2024-11-04&sig=SENTINEL-BackupUrl-5a17e2' }
    'MediaUrl' { return 'https://sentinelacct.blob.core.windows.net/media/LyncServer2013.iso?sv=2024-11-04&sig=SENTINEL-MediaUrl-5a17e2' }
    'UpdateUrl' { return 'https://sentinelacct.blob.core.windows.net/media/LyncServerUpdateInstaller.exe?sv=2024-11-04&sig=SENTINEL-UpdateUrl-5a17e2' }
    default { return ('SENTINEL-' + $Name + '-5a17e2;Pwd=x') }
  }
}

function Get-SentinelValues {
  param($Step)
  $values = @{}
  foreach ($n in @($Step.protectedParameters)) { if ($n) { $values[$n] = Get-SentinelValue -Name $n } }
  return $values
}

<# The windows steps of a suite, in run order (gates run in Node, where pulumi up runs). #>
function Get-WindowsSteps {
  param($Suite)
  return @($Suite.steps | Where-Object { $_.kind -eq 'windows' } | Sort-Object { [int]$_.order })
}

function ConvertTo-Hashtable {
  param($Object)
  $h = [ordered]@{}
  if ($null -ne $Object) { foreach ($p in $Object.PSObject.Properties) { $h[$p.Name] = [string]$p.Value } }
  return $h
}

<#
.SYNOPSIS
  Runs one step on its computer with its parameters and sentinel protected parameters; records the
  output for run.js (which checks the result line with the kit's TypeScript parser).
#>
function Invoke-SuiteStep {
  param($Step, [string]$Test, [string[]]$ExpectStatus = @())
  # A provisioning step runs as its Run Command's runAsUser, or LocalSystem without one (prepare.js).
  if ($null -ne $Step.PSObject.Properties['runAsUser']) { (Get-FakeWorld)['RunAs'] = [string]$Step.runAsUser }
  $run = Invoke-FakeScript -Path $Step.scriptFile -Computer $Step.computerName -Parameters (ConvertTo-Hashtable $Step.parameters) -ProtectedParameters (Get-SentinelValues $Step)
  $lines = @($run.Output | Where-Object { $_.StartsWith($script:ResultPrefix) })
  $result = $null
  if ($lines.Count -eq 1) { $result = $lines[0].Substring($script:ResultPrefix.Length) | ConvertFrom-Json }
  $entry = [ordered]@{ test = $Test; output = ($run.Output -join "`n"); expectStatus = $ExpectStatus }
  Add-Content -LiteralPath (Join-Path $env:PCHATKIT_PESTER_WORK ('results' + $env:PCHATKIT_PESTER_LANE + '.ndjson')) -Value ($entry | ConvertTo-Json -Compress -Depth 4)
  return [pscustomobject]@{ Run = $run; ResultLines = $lines; Result = $result }
}

<# Where a sentinel value shows: in the output, or in a file of the world (path and name). #>
function Find-SentinelLeak {
  param($Step, $Outcome)
  $leaks = New-Object System.Collections.Generic.List[string]
  $values = (Get-SentinelValues $Step).Values
  if (@($values).Count -eq 0) { return @() }
  $text = $Outcome.Run.Output -join "`n"
  foreach ($v in $values) { if ($text.Contains($v)) { $leaks.Add('output') } }
  $root = (Get-FakeWorld).Root
  foreach ($f in @(Get-ChildItem -LiteralPath $root -Recurse -File -Force | Where-Object { $_.Length -lt 16MB })) {
    $content = [System.IO.File]::ReadAllText($f.FullName)
    foreach ($v in $values) { if ($content.Contains($v)) { $leaks.Add($f.FullName.Substring($root.Length)) } }
  }
  return $leaks.ToArray()
}

<# Files a step may leave behind differently from one run to another: set aside, never compared. #>
$script:Residue = @('*.incomplete', '*.log')

function Get-ComparableState { return (Export-FakeWorldState -Ignore $script:Residue) }

<#
.SYNOPSIS
  A seeded world for a suite with every step before `$Before` (an order) run; stops with the failing
  step's output if one fails, since then no later step can be judged.
#>
function Initialize-SuiteWorldBefore {
  param($Suite, [int]$Before, [string]$Checkpoint)
  Initialize-SuiteWorld -Suite $Suite -Root (Get-SuiteWorldRoot $Suite.name) | Out-Null
  foreach ($s in (Get-WindowsSteps $Suite)) {
    if ([int]$s.order -ge $Before) { break }
    $o = Invoke-SuiteStep -Step $s -Test ("$($Suite.name) $($s.id) (prefix)") -ExpectStatus @('ok', 'skipped')
    if ($o.Run.Threw -or $o.Run.ExitCode -ne 0 -or $null -eq $o.Result -or $o.Result.status -eq 'failed') {
      throw ("the step before, " + $s.id + ", failed in the fake world:`n" + ($o.Run.Output -join "`n"))
    }
  }
  if ($Checkpoint) { Save-FakeWorld -Name $Checkpoint }
}

<# The checkpoint of the world just before a step of a suite. #>
function Get-StepCheckpointName {
  param([string]$Suite, [string]$Id)
  return (($Suite + '--' + $Id) -replace '[^A-Za-z0-9-]', '_')
}

<# The external calls one step makes, counted per command, from a run in a prepared world. #>
function Get-StepCalls {
  param([object[]]$CallLog)
  $seen = @{}
  return @(foreach ($c in $CallLog) {
      $seen[$c.Command] = 1 + [int]$seen[$c.Command]
      [pscustomobject]@{ Command = $c.Command; Occurrence = $seen[$c.Command] }
    })
}

. (Join-Path $PSScriptRoot '..' 'syntax' 'ScriptSyntax.ps1')

<# Commands that exist under pwsh on Linux but would act on this machine: a script may only call the fake. #>
$script:MustBeFaked = @('Start-Process', 'Invoke-WebRequest', 'Import-Module', 'Start-Sleep', 'Get-ItemProperty', 'Get-Service', 'Stop-Service', 'Set-Service', 'Start-Service')

function Test-FakeDefined {
  param([string]$Name)
  $module = Get-Module FakeWorld
  return [bool](& $module { param($n) @(Get-Command -Name $n -CommandType Function -ErrorAction SilentlyContinue | Where-Object { $_.ModuleName -eq 'FakeWorld' }).Count -gt 0 } $Name)
}

<#
.SYNOPSIS
  Why a suite cannot run against the fake world yet (a command with no fake, or a world that cannot be
  seeded), or $null when it can. A suite that cannot run is reported as skipped with this reason,
  never silently passed.
#>
function Get-SuiteBlocker {
  param($Suite)
  $missing = New-Object System.Collections.Generic.List[string]
  foreach ($s in (Get-WindowsSteps $Suite)) {
    $parsed = Read-ScriptSyntax -Path $s.scriptFile
    $text = Get-Content -LiteralPath $s.scriptFile -Raw
    foreach ($c in $parsed.Commands) {
      $n = $c.Name
      if ($parsed.Functions -contains $n -or $missing.Contains($n)) { continue }
      if (Test-FakeDefined $n) { continue }
      $native = Get-Command -Name $n -CommandType Cmdlet -ErrorAction SilentlyContinue
      $needsFake = ($script:MustBeFaked -contains $n) -or ($n -eq 'New-Object' -and $text.Contains('System.Data.SqlClient'))
      if ($native -and -not $needsFake) { continue }
      $missing.Add($n)
    }
    if ($text.Contains('System.Data.SqlClient') -and -not (Test-FakeDefined 'New-Object') -and -not $missing.Contains('New-Object')) { $missing.Add('New-Object') }
  }
  if ($missing.Count -gt 0) { return ('no fake yet for ' + (($missing | Sort-Object) -join ', ')) }
  try {
    Initialize-SuiteWorld -Suite $Suite -Root (Get-SuiteWorldRoot $Suite.name) | Out-Null
  } catch {
    return ('the world cannot be seeded: ' + $_.Exception.Message)
  }
  return $null
}
