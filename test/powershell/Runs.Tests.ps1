<#
  Whole suites against one fake world, in the order pulumi up runs them: every provisioning step of
  each shipped stack, every runbook step of each strategy, every contacts step of each strategy.
  - end to end: every step ends ok or skipped;
  - again with the same runId: every step says skipped and the world does not change;
  - for each step: a failure there (at its first external call) stops the run; the rerun from the
    first step repeats no completed step's side effect (each says skipped, the world unchanged by
    it) and ends in the same world as the clean run.
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

  function Invoke-WholeSuite {
    param($SuiteDef, [string]$Label)
    $outcomes = [ordered]@{}
    foreach ($s in (Get-WindowsSteps $SuiteDef)) {
      $o = Invoke-SuiteStep -Step $s -Test "$($SuiteDef.name) $Label $($s.id)"
      $outcomes[$s.id] = $o
      if ($o.Run.Threw -or $o.Run.ExitCode -ne 0) { break }
    }
    return $outcomes
  }

  function Format-Outcomes {
    param($Outcomes)
    return (($Outcomes.Keys | ForEach-Object { $_ + ': ' + $(if ($Outcomes[$_].Result) { $Outcomes[$_].Result.status } else { 'no result line' }) + $(if ($Outcomes[$_].Run.Error) { ' (' + $Outcomes[$_].Run.Error + ')' } else { '' }) }) -join "`n")
  }
}

Describe 'suites the fake world cannot run yet' -ForEach $blocked.ToArray() -AllowNullOrEmptyForEach {
  It "the whole $Suite ($Reason)" -Skip {
  }
}

Describe 'the whole <Suite>' -ForEach $suites -AllowNullOrEmptyForEach {
  BeforeAll {
    $suiteDef = $manifest.suites | Where-Object { $_.name -eq $Suite }
    Initialize-SuiteWorld -Suite $suiteDef -Root (Get-SuiteWorldRoot $Suite) | Out-Null
    $first = Invoke-WholeSuite -SuiteDef $suiteDef -Label 'first run'
    $endState = Get-ComparableState
    Save-FakeWorld -Name (($Suite + '-end') -replace '[^A-Za-z0-9-]', '_')
  }

  It 'runs end to end' {
    $first.Count | Should -Be @(Get-WindowsSteps $suiteDef).Count -Because (Format-Outcomes $first)
    @($first.Values | Where-Object { $null -eq $_.Result -or $_.Result.status -notin @('ok', 'skipped') }).Count | Should -Be 0 -Because (Format-Outcomes $first)
  }

  It 'runs again with the same runId and changes nothing' {
    $again = Invoke-WholeSuite -SuiteDef $suiteDef -Label 'second run'
    @($again.Values | Where-Object { $null -eq $_.Result -or $_.Result.status -ne 'skipped' }).Count | Should -Be 0 -Because (Format-Outcomes $again)
    Get-ComparableState | Should -Be $endState
  }

  It 'after completion, re-runs every step with a changed parameter: nothing changes, each says what changed' -ForEach $Runbook -AllowNullOrEmptyForEach {
    Restore-FakeWorld -Name (($Suite + '-end') -replace '[^A-Za-z0-9-]', '_')
    $frame = @('RunId', 'StepId', 'ExpectedComputer', 'StagingFolder', 'FinalStepId')
    foreach ($s in (Get-WindowsSteps $suiteDef)) {
      $changedStep = $s.PSObject.Copy()
      $parameters = ConvertTo-Hashtable $s.parameters
      $name = @($parameters.Keys | Where-Object { $frame -notcontains $_ }) | Select-Object -First 1
      if (-not $name) { continue }
      $parameters[$name] = [string]$parameters[$name] + '-changed'
      $changedStep.parameters = [pscustomobject]$parameters
      $before = Get-ComparableState
      $o = Invoke-SuiteStep -Step $changedStep -Test "$Suite changed $($s.id) $name" -ExpectStatus @('skipped')
      $o.Result.status | Should -Be 'skipped' -Because ($o.Run.Output -join "`n")
      [string]$o.Result.data.inputsChanged | Should -Be $name
      Get-ComparableState | Should -Be $before -Because "$($s.id) completed; a changed $name must not make it act again"
    }
  }

  It 'fails at <Id>, then resumes without repeating a completed step' -ForEach $Steps -AllowNullOrEmptyForEach {
    Initialize-SuiteWorld -Suite $suiteDef -Root (Get-SuiteWorldRoot $Suite) | Out-Null
    $ordered = @(Get-WindowsSteps $suiteDef)
    $failAt = $ordered | Where-Object { $_.id -eq $Id }
    $done = New-Object System.Collections.Generic.List[string]
    foreach ($s in $ordered) {
      if ($s.id -eq $Id) {
        # The first external call of this step fails (the suites' discovery saw it make one).
        Reset-FakeCallLog
        $probeState = Get-ComparableState
        Save-FakeWorld -Name 'resume-probe'
        Invoke-SuiteStep -Step $s -Test "$Suite resume probe $Id" | Out-Null
        $firstCall = @(Get-FakeCallLog | Select-Object -First 1)
        Restore-FakeWorld -Name 'resume-probe'
        if ($firstCall.Count -gt 0) { Set-FakeFailure -Command $firstCall[0].Command -AtCall 1 -Lasting }
        $o = Invoke-SuiteStep -Step $s -Test "$Suite fails at $Id" -ExpectStatus @('failed')
        Clear-FakeFailure
        if ($firstCall.Count -gt 0) { $o.Result.status | Should -Be 'failed' }
        break
      }
      $o = Invoke-SuiteStep -Step $s -Test "$Suite before failure $($s.id)"
      $o.Result.status | Should -BeIn @('ok', 'skipped')
      $done.Add($s.id)
    }
    foreach ($s in $ordered) {
      $before = Get-ComparableState
      $o = Invoke-SuiteStep -Step $s -Test "$Suite resume after $Id $($s.id)" -ExpectStatus @('ok', 'skipped')
      $o.Result.status | Should -BeIn @('ok', 'skipped') -Because ($o.Run.Output -join "`n")
      if ($done.Contains($s.id)) {
        $o.Result.status | Should -Be 'skipped' -Because "$($s.id) completed before the failure"
        Get-ComparableState | Should -Be $before -Because "$($s.id) completed before the failure and must not act again"
      }
    }
    Get-ComparableState | Should -Be $endState
  }
}
