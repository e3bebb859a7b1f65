<#
  Whole suites against one fake world, in the order pulumi up runs them: every provisioning step of
  each shipped stack, every runbook step of each strategy, every contacts step of each strategy.
  - end to end: every step ends ok or skipped;
  - again with the same runId: every step says skipped and the world does not change;
  - after completion, every step run again with a changed parameter does nothing and names it;
  - for each step: a failure there (at its first external call, lasting) stops the run; the rerun
    from the first step repeats no completed step's side effect (each says skipped, the world is
    unchanged by them) and ends in the same world as the clean run.
  The clean run saves the world before each step, so a failure at step k starts from there.
#>
BeforeDiscovery {
  . (Join-Path $PSScriptRoot 'support' 'Suite.ps1')
  $manifest = Get-SuiteManifest
  $blocked = New-Object System.Collections.Generic.List[object]
  $suites = @(foreach ($suite in $manifest.suites) {
      $steps = @(Get-WindowsSteps $suite)
      $blocker = $null
      if ($steps.Count -gt 0) { $blocker = Get-SuiteBlocker $suite }
      if ($blocker) { $blocked.Add(@{ Suite = $suite.name; Reason = $blocker }) }
      elseif ($steps.Count -gt 0) {
        @{
          Suite   = $suite.name
          Steps   = @($steps | ForEach-Object { @{ Id = $_.id; Order = [int]$_.order } })
          # Provisioning steps run before the staging share exists: no run markers, they read the real state.
          Runbook = @(if ($suite.kind -ne 'provisioning') { @{ Kind = $suite.kind } })
        }
      }
    })
}

BeforeAll {
  . (Join-Path $PSScriptRoot 'support' 'Suite.ps1')
  $manifest = Get-SuiteManifest

  function Invoke-Steps {
    param([object[]]$Steps, [string]$Label)
    $outcomes = [ordered]@{}
    foreach ($s in $Steps) {
      $o = Invoke-SuiteStep -Step $s -Test "$Label $($s.id)"
      $outcomes[$s.id] = $o
      if ($o.Run.Threw -or $o.Run.ExitCode -ne 0) { break }
    }
    return $outcomes
  }

  function Format-Outcomes {
    param($Outcomes)
    return (($Outcomes.Keys | ForEach-Object { $_ + ': ' + $(if ($Outcomes[$_].Result) { $Outcomes[$_].Result.status } else { 'no result line' }) + $(if ($Outcomes[$_].Run.Error) { ' (' + $Outcomes[$_].Run.Error + ')' } else { '' }) }) -join "`n")
  }

  function Get-RunCheckpointName {
    param([string]$Suite, [string]$Id)
    return ('runs--' + (Get-StepCheckpointName $Suite $Id))
  }
}

Describe 'suites the fake world cannot run yet' -ForEach $blocked.ToArray() -AllowNullOrEmptyForEach {
  It "the whole $Suite ($Reason)" -Skip {
  }
}

Describe 'the whole <Suite>' -ForEach $suites -AllowNullOrEmptyForEach {
  BeforeAll {
    $suiteDef = $manifest.suites | Where-Object { $_.name -eq $Suite }
    $ordered = @(Get-WindowsSteps $suiteDef)
    Initialize-SuiteWorld -Suite $suiteDef -Root (Get-SuiteWorldRoot $Suite) | Out-Null
    # The clean run, saving the world before each step and noting each step's first external call.
    $first = [ordered]@{}
    $firstCall = @{}
    foreach ($s in $ordered) {
      Save-FakeWorld -Name (Get-RunCheckpointName $Suite $s.id)
      Reset-FakeCallLog
      $o = Invoke-SuiteStep -Step $s -Test "$Suite first run $($s.id)"
      $first[$s.id] = $o
      $firstCall[$s.id] = @(Get-FakeCallLog | Select-Object -First 1)
      if ($o.Run.Threw -or $o.Run.ExitCode -ne 0) { break }
    }
    $endState = Get-ComparableState
    $endCheckpoint = Get-RunCheckpointName $Suite 'end'
    Save-FakeWorld -Name $endCheckpoint
  }

  It 'runs end to end' {
    $first.Count | Should -Be $ordered.Count -Because (Format-Outcomes $first)
    @($first.Values | Where-Object { $null -eq $_.Result -or $_.Result.status -notin @('ok', 'skipped') }).Count | Should -Be 0 -Because (Format-Outcomes $first)
  }

  It 'runs again with the same runId and changes nothing' {
    Restore-FakeWorld -Name $endCheckpoint
    $again = Invoke-Steps -Steps $ordered -Label "$Suite second run"
    @($again.Values | Where-Object { $null -eq $_.Result -or $_.Result.status -ne 'skipped' }).Count | Should -Be 0 -Because (Format-Outcomes $again)
    Get-ComparableState | Should -Be $endState
  }

  It 'after completion, re-runs every step with a changed parameter: nothing changes, each says what changed' -ForEach $Runbook -AllowNullOrEmptyForEach {
    Restore-FakeWorld -Name $endCheckpoint
    $frame = @('RunId', 'StepId', 'ExpectedComputer', 'StagingFolder', 'FinalStepId')
    foreach ($s in $ordered) {
      $parameters = ConvertTo-Hashtable $s.parameters
      $name = @($parameters.Keys | Where-Object { $frame -notcontains $_ }) | Select-Object -First 1
      if (-not $name) { continue }
      $parameters[$name] = [string]$parameters[$name] + '-changed'
      $changedStep = $s.PSObject.Copy()
      $changedStep.parameters = [pscustomobject]$parameters
      $o = Invoke-SuiteStep -Step $changedStep -Test "$Suite changed $($s.id) $name" -ExpectStatus @('skipped')
      $o.Result.status | Should -Be 'skipped' -Because ($o.Run.Output -join "`n")
      [string]$o.Result.data.inputsChanged | Should -Be $name
    }
    Get-ComparableState | Should -Be $endState -Because 'a completed step must not act on a changed parameter'
  }

  It 'fails at <Id>, then resumes without repeating a completed step' -ForEach $Steps -AllowNullOrEmptyForEach {
    Restore-FakeWorld -Name (Get-RunCheckpointName $Suite $Id)
    $call = $firstCall[$Id]
    $at = [array]::IndexOf(@($ordered | ForEach-Object { $_.id }), $Id)
    if ($call.Count -gt 0) {
      Set-FakeFailure -Command $call[0].Command -AtCall 1 -Lasting
      $o = Invoke-SuiteStep -Step $ordered[$at] -Test "$Suite fails at $Id" -ExpectStatus @('failed')
      Clear-FakeFailure
      $o.Result.status | Should -Be 'failed' -Because ($o.Run.Output -join "`n")
    }
    # The rerun from the first step: the completed ones act no more.
    $before = Get-ComparableState
    if ($at -gt 0) {
      $done = Invoke-Steps -Steps $ordered[0..($at - 1)] -Label "$Suite resume after $Id (completed)"
      @($done.Values | Where-Object { $null -eq $_.Result -or $_.Result.status -ne 'skipped' }).Count | Should -Be 0 -Because (Format-Outcomes $done)
      Get-ComparableState | Should -Be $before -Because 'the steps completed before the failure must not act again'
    }
    $rest = Invoke-Steps -Steps $ordered[$at..($ordered.Count - 1)] -Label "$Suite resume after $Id"
    @($rest.Values | Where-Object { $null -eq $_.Result -or $_.Result.status -notin @('ok', 'skipped') }).Count | Should -Be 0 -Because (Format-Outcomes $rest)
    Get-ComparableState | Should -Be $endState
  }
}
