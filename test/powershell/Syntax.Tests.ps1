<#
  Every generated script, read by PowerShell's own parser ([System.Management.Automation.Language.Parser]):
  - it parses with zero errors;
  - it uses only commands and syntax that Windows PowerShell 4.0 has (Windows Server 2012 R2, the
    newest OS Lync Server 2013 supports, domain §6.4), judged from the syntax tree, not the text.
  Which cmdlets and switches each step calls: Shapes.Tests.ps1.
  pwsh 7 stands in for Windows PowerShell 4.0 here: the allow-list (ps4-allowlist.psd1) is what keeps
  a 5.0+ command or syntax out.
#>
BeforeDiscovery {
  $manifest = Get-Content -LiteralPath (Join-Path $env:PCHATKIT_PESTER_WORK 'manifest.json') -Raw | ConvertFrom-Json
  $scripts = @(foreach ($suite in $manifest.suites) {
      foreach ($step in $suite.steps) {
        if ($step.scriptFile) { @{ Suite = $suite.name; Id = $step.id; Step = $step.step; File = $step.scriptFile } }
      }
    })
}

BeforeAll {
  . (Join-Path $PSScriptRoot 'syntax' 'ScriptSyntax.ps1')
  $allow = Import-PowerShellDataFile -LiteralPath (Join-Path $PSScriptRoot 'syntax' 'ps4-allowlist.psd1')
}

Describe 'script <Suite> <Id>' -ForEach $scripts {
  BeforeAll {
    $parsed = Read-ScriptSyntax -Path $File
  }

  It 'parses with zero errors' {
    $parsed.Errors | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty
  }

  It 'calls only commands Windows PowerShell 4.0 has, or the modules it installs' {
    $unknown = @($parsed.Commands | Where-Object { -not (Test-Ps4Command -Name $_.Name -Allow $allow -Local $parsed.Functions) } | ForEach-Object { $_.Name } | Sort-Object -Unique)
    $unknown | Should -BeNullOrEmpty
  }

  It 'passes no parameter that came after Windows PowerShell 4.0' {
    $late = @(foreach ($c in $parsed.Commands) {
        $denied = $allow.LaterParameters[$c.Name]
        if ($denied) { foreach ($p in $c.Parameters) { if ($denied -contains $p) { $c.Name + ' -' + $p } } }
      })
    $late | Should -BeNullOrEmpty
  }

  It 'uses no syntax newer than Windows PowerShell 4.0' {
    Find-LaterSyntax -Ast $parsed.Ast | Should -BeNullOrEmpty
  }

  It 'uses only .NET types of the .NET Framework 4.5 that Windows Server 2012 R2 has' {
    $types = @($parsed.Types | Where-Object { -not (Test-Ps4Type -Name $_ -Allow $allow) } | Sort-Object -Unique)
    $types | Should -BeNullOrEmpty
  }
}

Describe 'the checker itself' {
  It 'finds <Name>' -ForEach @(
    @{ Name = 'a class (PowerShell 5)'; Script = 'class Foo { [int]$x }' }
    @{ Name = '::new() (PowerShell 5)'; Script = '$x = [System.Text.StringBuilder]::new()' }
    @{ Name = 'a ternary (PowerShell 7)'; Script = '$x = $true ? 1 : 2' }
    @{ Name = 'null-coalescing (PowerShell 7)'; Script = '$x = $null ?? 1' }
    @{ Name = 'a pipeline chain (PowerShell 7)'; Script = 'Get-Item . && Get-Item .' }
    @{ Name = 'a using statement (PowerShell 5)'; Script = 'using namespace System.Text' }
    @{ Name = 'an enum (PowerShell 5)'; Script = 'enum Color { Red }' }
  ) {
    $p = Read-ScriptSyntax -Text $Script
    Find-LaterSyntax -Ast $p.Ast | Should -Not -BeNullOrEmpty
  }

  It 'refuses <Command>, which came later' -ForEach @(
    @{ Command = 'Expand-Archive' }, @{ Command = 'Compress-Archive' }, @{ Command = 'New-TemporaryFile' }, @{ Command = 'Get-Clipboard' }, @{ Command = 'ConvertFrom-String' }
  ) {
    Test-Ps4Command -Name $Command -Allow $allow -Local @() | Should -BeFalse
  }

  It 'refuses <Command> -<Parameter>, which came later' -ForEach @(
    @{ Command = 'ConvertFrom-Json'; Parameter = 'AsHashtable' }, @{ Command = 'Get-ChildItem'; Parameter = 'Depth' }, @{ Command = 'Set-Content'; Parameter = 'NoNewline' }, @{ Command = 'Join-Path'; Parameter = 'AdditionalChildPath' }
  ) {
    $allow.LaterParameters[$Command] | Should -Contain $Parameter
  }

  It 'reports a parse error' {
    (Read-ScriptSyntax -Text 'throw "No data disk at LUN $lun: check"').Errors | Should -Not -BeNullOrEmpty
  }
}
