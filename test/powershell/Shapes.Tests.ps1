<#
  Which commands each step calls, and with which parameters, read from PowerShell's own parser
  (Read-ScriptSyntax, syntax/ScriptSyntax.ps1) for every generated script of the manifest whose step
  id matches a row of syntax/step-shapes.psd1. These are the assertions the jest tests made on the
  tree-sitter parse tree, on the real parser. A row whose patterns match no script fails: a renamed
  step must not turn its row into a check of nothing.

  Input: $env:PCHATKIT_PESTER_WORK, the folder holding manifest.json (node test/powershell/prepare.js <folder>).
#>
BeforeDiscovery {
  if (-not $env:PCHATKIT_PESTER_WORK) { throw 'PCHATKIT_PESTER_WORK is not set: point it at the folder holding manifest.json (node test/powershell/prepare.js <folder>)' }
  $manifest = Get-Content -LiteralPath (Join-Path $env:PCHATKIT_PESTER_WORK 'manifest.json') -Raw | ConvertFrom-Json
  $scripts = @(foreach ($suite in $manifest.suites) {
      foreach ($step in $suite.steps) {
        if ($step.scriptFile) { @{ Suite = $suite.name; Id = $step.id; File = $step.scriptFile } }
      }
    })
  $table = Import-PowerShellDataFile -LiteralPath (Join-Path $PSScriptRoot 'syntax' 'step-shapes.psd1')

  $shapes = @(foreach ($row in $table.Shapes) {
      $patterns = @($row.Id)
      # Suite: -like patterns on the suite name; absent = every suite.
      $suitePatterns = $(if ($row.ContainsKey('Suite')) { @($row.Suite) } else { @('*') })
      $inSuites = @($scripts | Where-Object { $s = $_; @($suitePatterns | Where-Object { $s.Suite -like $_ }).Count -gt 0 })
      $with = @($row.With | Where-Object { $_ })
      $without = @($row.Without | Where-Object { $_ })
      $calls = if ($row.ContainsKey('Calls')) { $row.Calls } else { $null }
      $label = $row.Command
      if ($row.ContainsKey('Suite')) { $label = $label + ' [' + (@($row.Suite) -join ', ') + ']' }
      if ($with.Count -gt 0) { $label += ' with -' + ($with -join ' -') }
      if ($without.Count -gt 0) { $label += ' without -' + ($without -join ' -') }
      if ($null -ne $calls) { $label += " (calls: $calls)" }
      @{
        Patterns  = $patterns
        Label     = ($patterns -join ', ') + ': ' + $label
        Command   = $row.Command
        With      = $with
        Without   = $without
        Calls     = $calls
        Exact     = [bool]$row.Exact
        From      = $row.From
        Unmatched = @($patterns | Where-Object { $p = $_; -not ($inSuites | Where-Object { $_.Id -like $p }) })
        Scripts   = @($inSuites | Where-Object { $s = $_; @($patterns | Where-Object { $s.Id -like $_ }).Count -gt 0 })
      }
    })
}

BeforeAll {
  . (Join-Path $PSScriptRoot 'syntax' 'ScriptSyntax.ps1')
  $script:parsedFiles = @{}
  function Get-Parsed([string]$File) {
    if (-not $script:parsedFiles.ContainsKey($File)) { $script:parsedFiles[$File] = Read-ScriptSyntax -Path $File }
    return $script:parsedFiles[$File]
  }
  <# Assignments to $Name anywhere in the script: `$lun = 2` opens the block of one guest disk. #>
  function Get-AssignmentCount([System.Management.Automation.Language.Ast]$Ast, [string]$Name) {
    @($Ast.FindAll({
          param($n)
          $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and
          $n.Left -is [System.Management.Automation.Language.VariableExpressionAst] -and
          $n.Left.VariablePath.UserPath -eq $Name
        }, $true)).Count
  }
}

Describe 'step shape <Label>' -ForEach $shapes {
  It 'matches at least one generated script (<From>)' {
    $Unmatched | ForEach-Object { "no step id of the manifest is like '$_'" } | Should -BeNullOrEmpty
    $Scripts.Count | Should -BeGreaterThan 0
  }

  # A row matching nothing is reported by the test above, not as a discovery error of the whole file.
  It '<Suite> <Id>' -ForEach $Scripts -AllowNullOrEmptyForEach {
    $parsed = Get-Parsed $File
    $parsed.Errors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty -Because 'the command list of a script that does not parse is not reliable'
    $found = @($parsed.Commands | Where-Object { $_.Name -eq $Command })

    if ($null -eq $Calls) {
      $found.Count | Should -BeGreaterThan 0 -Because "step $Id must call $Command"
    } elseif ($Calls -is [string] -and $Calls -eq 'any') {
      # any number: the parameter checks below apply to the calls there are
    } elseif ($Calls -is [string] -and $Calls.StartsWith('$')) {
      $per = Get-AssignmentCount -Ast $parsed.Ast -Name $Calls.Substring(1)
      $per | Should -BeGreaterThan 0 -Because "step $Id must assign $Calls at least once"
      $found.Count | Should -Be $per -Because "step $Id must call $Command once per assignment to $Calls"
    } else {
      $found.Count | Should -Be ([int]$Calls) -Because "step $Id must call $Command exactly $Calls time(s)"
    }

    foreach ($call in $found) {
      $at = "$Command at line $($call.Line) of step $Id"
      foreach ($p in $With) { $call.Parameters | Should -Contain $p -Because "$at must pass -$p" }
      foreach ($p in $Without) { $call.Parameters | Should -Not -Contain $p -Because "$at must not pass -$p" }
      if ($Exact) {
        @($call.Parameters | Sort-Object) -join ' ' | Should -Be (@($With | Sort-Object) -join ' ') -Because "$at must pass exactly -$($With -join ' -')"
      }
    }
  }
}

Describe 'the shape checker itself' {
  BeforeAll {
    $sample = Read-ScriptSyntax -Text @'
$lun = 1
Initialize-Disk -Number 1 -PartitionStyle GPT
Format-Volume -DriveLetter H -FileSystem NTFS -Confirm:$false
$lun = 2
Format-Volume -DriveLetter I -FileSystem NTFS
Import-CsPersistentChatData -DBInstance $db -FileName $f -WhatIf
'@
  }

  It 'reads parameters without their dash, -Confirm:$false included' {
    ($sample.Commands | Where-Object Name -eq 'Format-Volume')[0].Parameters | Should -Be @('DriveLetter', 'FileSystem', 'Confirm')
  }

  It 'counts the assignments a per-variable row compares with' {
    Get-AssignmentCount -Ast $sample.Ast -Name 'lun' | Should -Be 2
    @($sample.Commands | Where-Object Name -eq 'Initialize-Disk').Count | Should -Not -Be 2
  }

  It 'sees a forbidden switch' {
    ($sample.Commands | Where-Object Name -eq 'Import-CsPersistentChatData').Parameters | Should -Contain 'WhatIf'
  }

  It 'matches step ids as -like wildcards, not prefixes' {
    '04-export-engineering' -like '04-export' | Should -BeFalse
    '04-export-engineering' -like '04-export-*' | Should -BeTrue
    'contacts-wave-12-stop-fe-2' -like 'contacts-*-stop-*' | Should -BeTrue
  }
}
