<#
  psString, the kit's quoting of a value into a PowerShell single-quoted literal (every plain parameter
  of every step script is declared `[string]$Name = <literal>`), read back by PowerShell itself:
  - parsed by the real parser, `Write-Output <literal>` is one command whose one argument is a
    single-quoted string constant holding exactly the value (nothing left to run, nothing expanded);
  - evaluated, it writes exactly the value, and as a parameter default it is exactly the value.
  Nothing the cases hold is run: the parse checks come first, and Stop-Computer and Restart-Computer
  are shadowed by functions that record a call, which a case would fail on.

  Input: $env:PCHATKIT_PESTER_WORK, the folder holding quoting.json, written (after `npm run build`) by
  `node -e "require('./test/powershell/quoting/export-quoting.js').exportQuoting('<folder>/quoting.json')"`.
#>
BeforeDiscovery {
  if (-not $env:PCHATKIT_PESTER_WORK) { throw 'PCHATKIT_PESTER_WORK is not set: point it at the folder holding quoting.json (test/powershell/quoting/export-quoting.js)' }
  $exportFile = Join-Path $env:PCHATKIT_PESTER_WORK 'quoting.json'
  if (-not (Test-Path -LiteralPath $exportFile)) { throw "$exportFile is missing: run npm run build, then node test/powershell/quoting/export-quoting.js $exportFile" }
  $export = Get-Content -LiteralPath $exportFile -Raw -Encoding utf8 | ConvertFrom-Json
  $cases = @(foreach ($c in $export.cases) { @{ Name = $c.name; Value = [string]$c.value; Literal = [string]$c.literal } })
  if ($cases.Count -eq 0) { throw "$exportFile holds no cases" }
}

BeforeAll {
  Set-StrictMode -Version Latest
  <# The real parser's reading of `Write-Output <literal>`: errors, commands and the argument. #>
  function Read-Literal([string]$Literal) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput("Write-Output $Literal", [ref]$tokens, [ref]$errors)
    $commands = @($ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true))
    $arguments = @(if ($commands.Count -eq 1) { $commands[0].CommandElements | Select-Object -Skip 1 })
    [pscustomobject]@{
      Errors     = @($errors)
      Commands   = $commands
      Arguments  = $arguments
      Statements = @($ast.EndBlock.Statements)
      # Anything that would run or expand: subexpressions, expandable strings, variables.
      Live       = @($ast.FindAll({
            param($n)
            $n -is [System.Management.Automation.Language.SubExpressionAst] -or
            $n -is [System.Management.Automation.Language.ExpandableStringExpressionAst] -or
            $n -is [System.Management.Automation.Language.VariableExpressionAst]
          }, $true))
    }
  }
  <# Throws unless the literal parses as one Write-Output of one single-quoted constant. #>
  function Assert-Inert([string]$Literal) {
    $r = Read-Literal $Literal
    if ($r.Errors.Count -gt 0 -or $r.Statements.Count -ne 1 -or $r.Commands.Count -ne 1 -or $r.Arguments.Count -ne 1 -or $r.Live.Count -gt 0) {
      throw "not evaluated: Write-Output $Literal is not one command with one inert argument"
    }
  }
}

Describe 'psString with <Name>' -ForEach $cases {
  BeforeAll {
    $script:injected = New-Object System.Collections.Generic.List[string]
    function Stop-Computer { $script:injected.Add('Stop-Computer ' + ($args -join ' ')) }
    function Restart-Computer { $script:injected.Add('Restart-Computer ' + ($args -join ' ')) }
  }

  It 'parses as one command with one single-quoted constant holding the value' {
    $r = Read-Literal $Literal
    $r.Errors | ForEach-Object { "$($_.Extent.StartLineNumber):$($_.Extent.StartColumnNumber) $($_.Message)" } | Should -BeNullOrEmpty
    $r.Statements.Count | Should -Be 1
    $r.Commands.Count | Should -Be 1
    $r.Commands[0].GetCommandName() | Should -BeExactly 'Write-Output'
    $r.Arguments.Count | Should -Be 1
    $r.Arguments[0] | Should -BeOfType ([System.Management.Automation.Language.StringConstantExpressionAst])
    $r.Arguments[0].StringConstantType | Should -Be ([System.Management.Automation.Language.StringConstantType]::SingleQuoted)
    $r.Arguments[0].Value | Should -BeExactly $Value
    $r.Live | ForEach-Object { $_.Extent.Text } | Should -BeNullOrEmpty
  }

  It 'evaluates to exactly the value' {
    Assert-Inert $Literal
    $out = @(& ([scriptblock]::Create("Write-Output $Literal")))
    $out.Count | Should -Be 1
    $out[0] | Should -BeOfType ([string])
    $out[0] | Should -BeExactly $Value
    # Compared char by char too: -BeExactly would not show which code unit differs.
    ([int[]][char[]]$out[0]) -join ',' | Should -Be (([int[]][char[]]$Value) -join ',')
    $script:injected | Should -BeNullOrEmpty
  }

  It 'is exactly the value as a script parameter default, the way the step scripts declare it' {
    Assert-Inert $Literal
    $out = @(& ([scriptblock]::Create("param([string]`$Value = $Literal)`n`$Value")))
    $out.Count | Should -Be 1
    $out[0] | Should -BeExactly $Value
    $script:injected | Should -BeNullOrEmpty
  }
}

Describe 'the quoting checker itself' {
  It 'finds <Label>' -ForEach @(
    @{ Label = 'an unescaped apostrophe (naive quoting)'; Literal = "'O'Brien's room'" }
    @{ Label = 'an injection through an unescaped apostrophe'; Literal = "'x'; Stop-Computer -Force; ''" }
    @{ Label = 'an injection through an undoubled typographic quote'; Literal = "'x$([char]0x2019); Stop-Computer -Force; $([char]0x2018)'" }
    @{ Label = 'double quotes (expandable)'; Literal = '"$(Stop-Computer)"' }
  ) {
    { Assert-Inert $Literal } | Should -Throw '*not evaluated*'
  }

  It 'reads a single-quoted literal as PowerShell does: doubled quotes, typographic ones included, are one' {
    $r = Read-Literal "'it''s $([char]0x2019)$([char]0x2019)x'"
    $r.Arguments[0].Value | Should -BeExactly "it's $([char]0x2019)x"
  }
}
