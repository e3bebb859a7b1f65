<#
  Every T-SQL statement the kit ships, parsed by Microsoft's own parser (ScriptDom), with the parser
  class of the oldest SQL Server the statement must run on: TSql100Parser for SQL Server 2008 R2
  (anything that runs against the legacy Group Chat database, or against both sides), TSql110Parser
  for SQL Server 2012 (what runs only against the mgc the kit builds). SQL Server itself is not on this
  machine: this proves each statement is valid syntax for that version, not that its tables exist.

  Inputs (environment):
    PCHATKIT_PESTER_WORK    a folder holding tsql.json, written by
                            `node test/powershell/tsql/export-tsql.js <folder>/tsql.json` (after `npm run build`)
    PCHATKIT_SCRIPTDOM_DLL  Microsoft.SqlServer.TransactSql.ScriptDom.dll (NuGet package 180.140.0,
                            lib/net8.0; `dotnet restore test/powershell/tools/tools.csproj` puts it in
                            the NuGet global packages folder)

  The parser checks syntax only: a call to a built-in function SQL Server 2008 R2 lacks (CONCAT, IIF,
  FORMAT, ...) parses as a call to any function would. Statements for 2008 R2 are therefore also
  checked against the list of built-ins added in 2012 and later.
#>

BeforeDiscovery {
  if (-not $env:PCHATKIT_PESTER_WORK) { throw 'PCHATKIT_PESTER_WORK is not set: point it at the folder holding tsql.json (node test/powershell/tsql/export-tsql.js <folder>/tsql.json)' }
  $exportFile = Join-Path $env:PCHATKIT_PESTER_WORK 'tsql.json'
  if (-not (Test-Path -LiteralPath $exportFile)) { throw "$exportFile is missing: run npm run build, then node test/powershell/tsql/export-tsql.js $exportFile" }
  $export = Get-Content -LiteralPath $exportFile -Raw | ConvertFrom-Json
  $statements = @(foreach ($s in $export.statements) {
      @{ Name = $s.name; Source = $s.source; Target = $s.target; Sql = $s.sql }
    })

  # Control rows: the checks below must refuse these, or every statement could pass on anything.
  $controls = @(
    @{ Label = 'a truncated SELECT'; Target = '2008R2'; Sql = 'SELECT 1 FROM'; Valid = $false }
    @{ Label = 'a truncated SELECT'; Target = '2012'; Sql = 'SELECT 1 FROM'; Valid = $false }
    @{ Label = 'DROP TABLE IF EXISTS (SQL Server 2016)'; Target = '2012'; Sql = 'DROP TABLE IF EXISTS dbo.t'; Valid = $false }
    # THROW after another statement: first in a batch, any name parses as a procedure call without EXEC.
    @{ Label = 'THROW (SQL Server 2012) on 2008 R2'; Target = '2008R2'; Sql = "SET NOCOUNT ON;`nTHROW 50000, N'stop', 1;"; Valid = $false }
    @{ Label = 'THROW on 2012'; Target = '2012'; Sql = "SET NOCOUNT ON;`nTHROW 50000, N'stop', 1;"; Valid = $true }
    @{ Label = 'OFFSET/FETCH (SQL Server 2012) on 2008 R2'; Target = '2008R2'; Sql = 'SELECT a FROM dbo.t ORDER BY a OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY'; Valid = $false }
    @{ Label = 'CONCAT (SQL Server 2012) on 2008 R2'; Target = '2008R2'; Sql = "SELECT CONCAT(N'a', 1) AS x"; Valid = $false }
    @{ Label = 'CONCAT on 2012'; Target = '2012'; Sql = "SELECT CONCAT(N'a', 1) AS x"; Valid = $true }
    @{ Label = 'a plain SELECT'; Target = '2008R2'; Sql = 'SELECT n.nodeID AS id FROM dbo.tblNode AS n WHERE n.nodeType = @type ORDER BY n.nodeID'; Valid = $true }
  )
}

BeforeAll {
  if (-not $env:PCHATKIT_SCRIPTDOM_DLL) { throw 'PCHATKIT_SCRIPTDOM_DLL is not set: give the path of Microsoft.SqlServer.TransactSql.ScriptDom.dll (NuGet 180.140.0, lib/net8.0)' }
  if (-not (Test-Path -LiteralPath $env:PCHATKIT_SCRIPTDOM_DLL)) { throw "PCHATKIT_SCRIPTDOM_DLL: $($env:PCHATKIT_SCRIPTDOM_DLL) does not exist (dotnet restore test/powershell/tools/tools.csproj)" }
  Add-Type -LiteralPath $env:PCHATKIT_SCRIPTDOM_DLL

  $script:ParserClass = @{
    '2008R2' = 'Microsoft.SqlServer.TransactSql.ScriptDom.TSql100Parser'
    '2012'   = 'Microsoft.SqlServer.TransactSql.ScriptDom.TSql110Parser'
  }
  # Built-in functions added in SQL Server 2012 or later: 2008 R2 answers "is not a recognized built-in
  # function name", which no parser class reports.
  $script:NewerBuiltins = @(
    'CONCAT', 'CONCAT_WS', 'IIF', 'CHOOSE', 'FORMAT', 'PARSE', 'TRY_PARSE', 'TRY_CONVERT', 'TRY_CAST', 'EOMONTH',
    'DATEFROMPARTS', 'DATETIMEFROMPARTS', 'DATETIME2FROMPARTS', 'DATETIMEOFFSETFROMPARTS', 'SMALLDATETIMEFROMPARTS', 'TIMEFROMPARTS',
    'LAG', 'LEAD', 'FIRST_VALUE', 'LAST_VALUE', 'CUME_DIST', 'PERCENT_RANK', 'PERCENTILE_CONT', 'PERCENTILE_DISC',
    'STRING_AGG', 'STRING_SPLIT', 'STRING_ESCAPE', 'TRIM', 'TRANSLATE', 'DATEDIFF_BIG', 'COMPRESS', 'DECOMPRESS',
    'JSON_VALUE', 'JSON_QUERY', 'JSON_MODIFY', 'ISJSON', 'OPENJSON', 'GREATEST', 'LEAST', 'DATE_BUCKET', 'GENERATE_SERIES'
  )

  <#
    Parses $Sql with the parser class of $Target (quoted identifiers on, as SqlClient and sqlcmd
    connect) and returns the syntax errors and, for 2008 R2, the calls to newer built-ins.
  #>
  function Test-Tsql([string]$Sql, [string]$Target) {
    $class = $script:ParserClass[$Target]
    if (-not $class) { throw "unknown target version '$Target' (2008R2 or 2012)" }
    $parser = New-Object $class($true)
    $reader = New-Object System.IO.StringReader($Sql)
    $errors = $null
    $fragment = $parser.Parse($reader, [ref]$errors)
    $newer = @()
    if ($Target -eq '2008R2' -and $null -ne $fragment -and $errors.Count -eq 0) {
      $tokens = @($fragment.ScriptTokenStream | Where-Object { $_.TokenType -notin 'WhiteSpace', 'SingleLineComment', 'MultilineComment' })
      for ($i = 0; $i -lt $tokens.Count - 1; $i++) {
        $t = $tokens[$i]
        if ($t.TokenType -eq 'Identifier' -and $tokens[$i + 1].TokenType -eq 'LeftParenthesis' -and $t.Text.ToUpperInvariant() -in $script:NewerBuiltins) {
          $newer += "line $($t.Line):$($t.Column) $($t.Text)() is not a SQL Server 2008 R2 built-in"
        }
      }
    }
    [pscustomobject]@{ Errors = @($errors); Newer = $newer }
  }

  function Format-TsqlProblems($Result, [string]$Sql) {
    $lines = $Sql -split "\r?\n"
    $shown = @($Result.Errors | Select-Object -First 5 | ForEach-Object {
        $text = if ($_.Line -ge 1 -and $_.Line -le $lines.Count) { $lines[$_.Line - 1] } else { '' }
        if ($text.Length -gt 200) { $text = $text.Substring(0, 200) + '...' }
        "line $($_.Line):$($_.Column) error $($_.Number): $($_.Message)`n    > $text"
      }) + @($Result.Newer | Select-Object -First 5)
    $shown -join "`n"
  }
}

Describe 'the exported statements' {
  It 'covers the readers, the DDL, the runbook, the restore step and the sample script, for both versions' {
    $export = Get-Content -LiteralPath (Join-Path $env:PCHATKIT_PESTER_WORK 'tsql.json') -Raw | ConvertFrom-Json
    $sources = @($export.statements.source | Sort-Object -Unique)
    foreach ($s in 'migration-jobs/readers/queries/inventory.ts', 'migration-jobs/readers/schema-ddl.ts', 'migration-jobs/runbook/scripts/tsql.ts', 'src/components/scripts/restore.ts', 'migration-jobs/sample/sql.ts') {
      $sources | Should -Contain $s
    }
    @($export.statements | Where-Object target -EQ '2008R2').Count | Should -BeGreaterThan 20
    @($export.statements | Where-Object target -EQ '2012').Count | Should -BeGreaterThan 0
  }
}

Describe 'the checks catch what they must (control rows)' {
  It '<Label> (<Target>) is judged valid: <Valid>' -ForEach $controls {
    $result = Test-Tsql -Sql $Sql -Target $Target
    ($result.Errors.Count -eq 0 -and $result.Newer.Count -eq 0) | Should -Be $Valid -Because (Format-TsqlProblems $result $Sql)
  }
}

Describe 'T-SQL the kit ships' {
  It '<Target> <Name>' -ForEach $statements {
    $result = Test-Tsql -Sql $Sql -Target $Target
    $problems = Format-TsqlProblems $result $Sql
    $problems | Should -BeNullOrEmpty -Because "$Name ($Source) must be valid T-SQL for SQL Server $Target"
  }
}
