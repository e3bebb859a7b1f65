<#
  Every generated script, run for real under pwsh against the fake world (test/powershell/world/),
  one Describe per script, starting from the world the steps before it left:
  - happy path: no error, exactly one result line (run.js checks it with the kit's own parser);
  - a second run with the same parameters changes nothing and says skipped;
  - a failure injected at each external call in turn: a failed result line, no done marker, and a
    rerun that completes and leaves the world as the happy path did;
  - protected parameters (sentinel values) never appear in the output or in a file of the world.
  The external calls of each step are found by running the suites once during discovery.
#>
BeforeDiscovery {
  . (Join-Path $PSScriptRoot 'support' 'Suite.ps1')
  $manifest = Get-SuiteManifest
  $scripts = New-Object System.Collections.Generic.List[object]
  $blocked = New-Object System.Collections.Generic.List[object]
  foreach ($suite in $manifest.suites) {
    $steps = @(Get-WindowsSteps $suite)
    if ($steps.Count -eq 0) { continue }
    $blocker = Get-SuiteBlocker $suite
    if ($blocker) { $blocked.Add(@{ Suite = $suite.name; Scripts = $steps.Count; Reason = $blocker }); continue }
    # One pass per suite: the world before each step is saved, so each step's cases start from it
    # without running the steps before it again.
    Initialize-SuiteWorld -Suite $suite -Root (Get-SuiteWorldRoot $suite.name) | Out-Null
    $broken = $null
    foreach ($s in $steps) {
      Reset-FakeCallLog
      $calls = @()
      $brokenBefore = $broken
      if ($null -eq $broken) {
        Save-FakeWorld -Name (Get-StepCheckpointName $suite.name $s.id)
        $o = Invoke-SuiteStep -Step $s -Test "$($suite.name) $($s.id) (discovery)"
        $calls = @(Get-StepCalls (Get-FakeCallLog))
        if ($o.Run.Threw -or $o.Run.ExitCode -ne 0) { $broken = $s.id }
      }
      $scripts.Add(@{
          Suite    = $suite.name
          Id       = $s.id
          Order    = [int]$s.order
          Failures = @($calls | ForEach-Object { @{ Command = $_.Command; Occurrence = $_.Occurrence } })
          # One row when the step takes protected parameters; none otherwise.
          Secrets  = @(if (@($s.protectedParameters).Count -gt 0 -and $calls.Count -gt 0) { @{ Command = $calls[-1].Command; Occurrence = $calls[-1].Occurrence } })
          Broken   = $brokenBefore
        })
    }
  }
}

BeforeAll {
  . (Join-Path $PSScriptRoot 'support' 'Suite.ps1')
  $manifest = Get-SuiteManifest
}

Describe 'suites the fake world cannot run yet' -ForEach $blocked.ToArray() -AllowNullOrEmptyForEach {
  It "$Suite`: $Scripts scripts not executed ($Reason)" -Skip {
  }
}

Describe "<Suite> <Id>" -ForEach $scripts.ToArray() -AllowNullOrEmptyForEach {
  BeforeAll {
    $suiteDef = $manifest.suites | Where-Object { $_.name -eq $Suite }
    $step = $suiteDef.steps | Where-Object { $_.id -eq $Id }
    if ($Broken) { throw ("an earlier step of the suite, $Broken, failed in the fake world: this step cannot be judged") }
    $checkpoint = Get-StepCheckpointName $Suite $Id
    Restore-FakeWorld -Name $checkpoint
    $happy = Invoke-SuiteStep -Step $step -Test "$Suite $Id happy" -ExpectStatus @('ok', 'skipped')
    $happyState = Get-ComparableState
    $happyLeaks = @(Find-SentinelLeak -Step $step -Outcome $happy)
  }

  It 'runs without error and writes exactly one result line' {
    $happy.Run.Error | Should -BeNullOrEmpty
    $happy.Run.ExitCode | Should -Be 0
    $happy.ResultLines.Count | Should -Be 1 -Because ($happy.Run.Output -join "`n")
    $happy.Result.status | Should -BeIn @('ok', 'skipped')
    $happy.Result.step | Should -Not -BeNullOrEmpty
  }

  It 'changes nothing when run again with the same parameters, and says skipped' {
    $again = Invoke-SuiteStep -Step $step -Test "$Suite $Id rerun" -ExpectStatus @('skipped')
    $again.Run.Error | Should -BeNullOrEmpty
    $again.Result.status | Should -Be 'skipped' -Because ($again.Run.Output -join "`n")
    Get-ComparableState | Should -Be $happyState
  }

  It 'fails cleanly at call <Occurrence> of <Command>, then completes on rerun' -ForEach $Failures -AllowNullOrEmptyForEach {
    Restore-FakeWorld -Name $checkpoint
    # Lasting: the call and every later one fail, as a server that stays down; a step that retries
    # (waiting for the domain) must still end failed.
    Set-FakeFailure -Command $Command -AtCall $Occurrence -Lasting
    $failed = Invoke-SuiteStep -Step $step -Test "$Suite $Id fails at $Command#$Occurrence" -ExpectStatus @('failed')
    ($failed.Run.Threw -or $failed.Run.ExitCode -ne 0) | Should -BeTrue -Because 'a failed step must fail its Run Command'
    $failed.ResultLines.Count | Should -Be 1 -Because ($failed.Run.Output -join "`n")
    $failed.Result.status | Should -Be 'failed'
    $marker = @(Get-ChildItem -LiteralPath (Get-FakeWorld).Root -Recurse -File -Filter ($step.step + '.done'))
    $marker.Count | Should -Be 0 -Because 'a failed step leaves no done marker'
    Clear-FakeFailure
    $rerun = Invoke-SuiteStep -Step $step -Test "$Suite $Id rerun after $Command#$Occurrence" -ExpectStatus @('ok', 'skipped')
    $rerun.Run.Error | Should -BeNullOrEmpty
    $rerun.Result.status | Should -BeIn @('ok', 'skipped')
    Get-ComparableState | Should -Be $happyState
  }

  It 'never shows a protected parameter, on success or when <Command> fails' -ForEach $Secrets -AllowNullOrEmptyForEach {
    $happyLeaks | Should -BeNullOrEmpty
    Restore-FakeWorld -Name $checkpoint
    Set-FakeFailure -Command $Command -AtCall $Occurrence -Lasting
    $failed = Invoke-SuiteStep -Step $step -Test "$Suite $Id secrets on failure" -ExpectStatus @('failed')
    Clear-FakeFailure
    Find-SentinelLeak -Step $step -Outcome $failed | Should -BeNullOrEmpty
  }
}
