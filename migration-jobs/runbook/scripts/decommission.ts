/**
 * Step 12, optional: decommission the legacy Group Chat (domain §6.6): uninstall Group Chat from each
 * legacy server, then delete the legacy trusted applications and trusted application pool (which
 * removes their CMS entries and AD Trusted Service Entries once the topology is published). Both
 * look at the real state first, so a re-run finds nothing left to remove.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";

export function renderUninstallGroupChat(ctx: StepContext, args: { logFolder: string }): RenderedScript {
  return renderStepScript(ctx, {
    params: { ProductPattern: "*Group Chat*", LogFolder: args.logFolder },
    functions: `
function Get-GroupChatProducts {
  $keys = @('HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*', 'HKLM:\\SOFTWARE\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*')
  return @(Get-ItemProperty -Path $keys -ErrorAction SilentlyContinue | Where-Object {
    $_.PSObject.Properties['DisplayName'] -and ([string]$_.DisplayName -like $ProductPattern) -and ($_.PSChildName -match '^\\{[0-9A-Fa-f-]+\\}$')
  })
}`,
    body: `
$products = @(Get-GroupChatProducts)
if (-not (Test-Path -LiteralPath $LogFolder)) { New-Item -ItemType Directory -Path $LogFolder | Out-Null }
foreach ($p in $products) {
  $log = Join-Path $LogFolder ('uninstall-' + $env:COMPUTERNAME + '-' + $p.PSChildName + '.log')
  $process = Start-Process -FilePath 'msiexec.exe' -ArgumentList @('/x', $p.PSChildName, '/qn', '/norestart', '/l*v', ('"' + $log + '"')) -Wait -PassThru
  # 3010: uninstalled, reboot required.
  if ($process.ExitCode -ne 0 -and $process.ExitCode -ne 3010) { throw ('uninstalling ' + $p.DisplayName + ' failed with ' + $process.ExitCode + '; see ' + $log) }
}
$left = @(Get-GroupChatProducts)
if ($left.Count -gt 0) { throw ('still installed: ' + (($left | ForEach-Object { $_.DisplayName }) -join ', ')) }
$data['uninstalled'] = $products.Count
if ($products.Count -eq 0) { $status = 'skipped' }`,
  });
}

export function renderRemoveLegacyPool(ctx: StepContext, args: { trustedApplicationPoolFqdn: string }): RenderedScript {
  return renderStepScript(ctx, {
    params: { LegacyPoolFqdn: args.trustedApplicationPoolFqdn },
    functions: `
function Get-LegacyApplications {
  return @(Get-CsTrustedApplication | Where-Object { [string]$_.TrustedApplicationPoolFqdn -eq $LegacyPoolFqdn })
}
function Get-LegacyPool {
  return @(Get-CsTrustedApplicationPool | Where-Object { [string]$_.Identity -eq ('TrustedApplicationPool:' + $LegacyPoolFqdn) })
}`,
    body: `
Import-Module Lync
$applications = @(Get-LegacyApplications)
foreach ($a in $applications) {
  Remove-CsTrustedApplication -Identity $a.Identity -Confirm:$false
}
$pools = @(Get-LegacyPool)
foreach ($p in $pools) {
  Remove-CsTrustedApplicationPool -Identity $p.Identity -Confirm:$false
}
# Always, not only when this run removed something: a run that removed them and then failed before
# publishing leaves nothing to remove on the re-run, and the change would never be enabled.
Enable-CsTopology
if (@(Get-LegacyApplications).Count + @(Get-LegacyPool).Count -gt 0) { throw ('the legacy trusted application pool ' + $LegacyPoolFqdn + ' is still in the topology') }
$data['removedApplications'] = $applications.Count
$data['removedPools'] = $pools.Count
if ($applications.Count + $pools.Count -eq 0) { $status = 'skipped' }`,
  });
}
