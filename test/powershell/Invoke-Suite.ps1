<#
  Runs the PowerShell suite's Pester files (run.js prepares the work folder first) and writes
  `summary.json` ({ total, passed, failed, skipped }) for run.js. -Filter takes a comma-separated list
  of test file names without `.Tests.ps1` (e.g. `Syntax,Scripts`). -Lane names one of the lanes run.js
  runs at once: its summary, results and worlds get the suffix `-<lane>`, so two lanes never share a file.
#>
param(
  [Parameter(Mandatory = $true)][string]$Work,
  [Parameter(Mandatory = $true)][string]$Pester,
  [string]$Filter = '',
  [string]$Lane = ''
)
$suffix = $(if ($Lane) { '-' + $Lane } else { '' })
$env:PCHATKIT_PESTER_LANE = $suffix
# No strict mode here: it would reach into every test file; the generated scripts set their own.
$ErrorActionPreference = 'Stop'
Import-Module $Pester

$files = @(Get-ChildItem -Path $PSScriptRoot -Recurse -Filter '*.Tests.ps1' | Sort-Object FullName)
if ($Filter) {
  $wanted = $Filter.Split(',') | ForEach-Object { $_.Trim() + '.Tests.ps1' }
  $files = @($files | Where-Object { $wanted -contains $_.Name })
}
$resultsFile = Join-Path $Work ('results' + $suffix + '.ndjson')
if (Test-Path -LiteralPath $resultsFile) { Remove-Item -LiteralPath $resultsFile }

$config = New-PesterConfiguration
$config.Run.Path = @($files | ForEach-Object { $_.FullName })
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'JUnitXml'
$config.TestResult.OutputPath = (Join-Path $Work ('pester-results' + $suffix + '.xml'))
$result = Invoke-Pester -Configuration $config

$summary = [ordered]@{ total = $result.TotalCount; passed = $result.PassedCount; failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount; skipped = $result.SkippedCount + $result.NotRunCount }
Set-Content -LiteralPath (Join-Path $Work ('summary' + $suffix + '.json')) -Value ($summary | ConvertTo-Json -Compress)
if ($summary.failed -gt 0) { exit 1 }
exit 0
