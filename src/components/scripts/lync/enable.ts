/**
 * Step 7 of the Lync install (issue 11): the computer takes up the roles its bootstrapper installed
 * (PS:Enable-CsComputer: "installing the required software does not automatically cause a computer
 * to adopt a new service role"), then its Lync services start (Start-CsWindowsService without -Name:
 * every Lync service of the computer). Runs on every Lync server, after its certificates.
 */
import { renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { IMPORT_LYNC } from "./deploy-common";

export const ENABLE_STEP = "lync-enable";

/**
 * Skips when every Lync service of the computer is set to start automatically and runs. INFERRED:
 * that the services a bootstrapper installs stay manual until Enable-CsComputer (so that a reboot
 * between the two does not pass for an enabled computer); Enable-CsComputer on an enabled computer
 * changes nothing, so a wrong guess costs one needless call, not a wrong state.
 */
export function renderEnableComputerScript(target: ProvisioningTarget, _args: Record<string, never> = {}): RenderedScript {
  return renderProvisioningScript(target, ENABLE_STEP, {
    params: {},
    body: `${IMPORT_LYNC}
$services = @(Get-CsWindowsService)
if ($services.Count -eq 0) { throw ('no Lync service is installed on ' + $env:COMPUTERNAME + ': the lync-server step comes first') }
$idle = @($services | Where-Object { $_.Status -ne 'Running' -or $_.StartType -ne 'Automatic' })
if ($idle.Count -eq 0) {
  $status = 'skipped'
} else {
  Enable-CsComputer
  Start-CsWindowsService
  $stopped = @(Get-CsWindowsService | Where-Object { $_.Status -ne 'Running' } | ForEach-Object { $_.Name })
  if ($stopped.Count -gt 0) { throw ('after Enable-CsComputer and Start-CsWindowsService these Lync services do not run on ' + $env:COMPUTERNAME + ': ' + ($stopped -join ', ') + ' (Get-CsWindowsService; their event log is Lync Server)') }
  $data['started'] = (@($idle | ForEach-Object { $_.Name }) -join ',')
}
$data['services'] = $services.Count`,
  });
}
