<#
  Reading a script with PowerShell's own parser, and judging what it uses against Windows
  PowerShell 4.0 (ps4-allowlist.psd1). Dot-sourced by Syntax.Tests.ps1.
#>
using namespace System.Management.Automation.Language

<# The syntax tree, parse errors, commands (with the parameters written), functions and types of a script. #>
function Read-ScriptSyntax {
  param([string]$Path, [string]$Text)
  $tokens = $null
  $errors = $null
  if ($Path) { $ast = [Parser]::ParseFile($Path, [ref]$tokens, [ref]$errors) } else { $ast = [Parser]::ParseInput($Text, [ref]$tokens, [ref]$errors) }
  $commands = @(foreach ($c in $ast.FindAll({ param($n) $n -is [CommandAst] }, $true)) {
      $name = $c.GetCommandName()
      if ($name) {
        [pscustomobject]@{
          Name       = $name
          Parameters = @($c.CommandElements | Where-Object { $_ -is [CommandParameterAst] } | ForEach-Object { $_.ParameterName })
          Line       = $c.Extent.StartLineNumber
        }
      }
    })
  $functions = @($ast.FindAll({ param($n) $n -is [FunctionDefinitionAst] }, $true) | ForEach-Object { $_.Name })
  $types = @($ast.FindAll({ param($n) $n -is [TypeExpressionAst] -or $n -is [TypeConstraintAst] }, $true) | ForEach-Object { $_.TypeName.FullName })
  # New-Object's type argument is a type too, as is Add-Type's assembly.
  foreach ($c in $ast.FindAll({ param($n) $n -is [CommandAst] -and $n.GetCommandName() -eq 'New-Object' }, $true)) {
    $arg = @($c.CommandElements | Select-Object -Skip 1 | Where-Object { $_ -is [StringConstantExpressionAst] -and $_.Value -notlike '-*' } | Select-Object -First 1)
    if ($arg.Count -gt 0 -and $arg[0].Value -notin @('Object', 'Collections.Generic.List[object]')) { $types += $arg[0].Value }
  }
  return [pscustomobject]@{ Ast = $ast; Errors = @($errors); Commands = $commands; Functions = $functions; Types = $types }
}

function Test-Ps4Command {
  param([string]$Name, [hashtable]$Allow, [string[]]$Local)
  if ($Local -contains $Name) { return $true }
  if ($Allow.Commands -contains $Name) { return $true }
  if ($Allow.Executables -contains $Name) { return $true }
  foreach ($pattern in $Allow.CommandPatterns) { if ($Name -like $pattern) { return $true } }
  return $false
}

function Test-Ps4Type {
  param([string]$Name, [hashtable]$Allow)
  $n = $Name -replace '\[\]$', ''
  if ($Allow.TypeAccelerators -contains $n) { return $true }
  foreach ($prefix in $Allow.TypeNamespaces) { if ($n.StartsWith($prefix + '.', [StringComparison]::OrdinalIgnoreCase) -or $n -eq $prefix) { return $true } }
  return $false
}

<# What Windows PowerShell 4.0 cannot parse or run, found in the tree (not in the text). #>
function Find-LaterSyntax {
  param([Ast]$Ast)
  $found = New-Object System.Collections.Generic.List[string]
  $checks = @(
    @{ What = 'class or enum (PowerShell 5)'; Test = { param($n) $n -is [TypeDefinitionAst] } }
    @{ What = 'using statement (PowerShell 5)'; Test = { param($n) $n -is [UsingStatementAst] } }
    @{ What = '::new() (PowerShell 5)'; Test = { param($n) $n -is [InvokeMemberExpressionAst] -and $n.Static -and $n.Member -is [StringConstantExpressionAst] -and $n.Member.Value -eq 'new' } }
    @{ What = 'ternary operator (PowerShell 7)'; Test = { param($n) $n.GetType().Name -eq 'TernaryExpressionAst' } }
    @{ What = 'pipeline chain && / || (PowerShell 7)'; Test = { param($n) $n.GetType().Name -eq 'PipelineChainAst' } }
    @{ What = 'null-coalescing ?? / ??= (PowerShell 7)'; Test = { param($n) ($n -is [BinaryExpressionAst] -and $n.Operator -eq [TokenKind]::QuestionQuestion) -or ($n -is [AssignmentStatementAst] -and $n.Operator -eq [TokenKind]::QuestionQuestionEquals) } }
    @{ What = 'null-conditional member access ?. (PowerShell 7)'; Test = { param($n) $n -is [MemberExpressionAst] -and $n.NullConditional } }
    @{ What = 'ForEach-Object -Parallel (PowerShell 7)'; Test = { param($n) $n -is [CommandAst] -and $n.GetCommandName() -in @('ForEach-Object', '%', 'foreach') -and @($n.CommandElements | Where-Object { $_ -is [CommandParameterAst] -and $_.ParameterName -eq 'Parallel' }).Count -gt 0 } }
  )
  foreach ($node in $Ast.FindAll({ $true }, $true)) {
    foreach ($c in $checks) {
      if (& $c.Test $node) { $found.Add($c.What + ' at line ' + $node.Extent.StartLineNumber) }
    }
  }
  return $found.ToArray()
}
