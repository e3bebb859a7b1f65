/**
 * Steps 2 and 10: stopping the legacy Group Chat and Persistent Chat services, and starting the
 * Persistent Chat services again (domain §2.4 steps 1, 3 and 9). Each checks the services' real state,
 * so a second run finds them already stopped (or running) and reports `skipped`.
 */
import { renderStepScript, RenderedScript, StepContext } from "./common";

/**
 * Legacy Group Chat (Lync 2010 and OCS 2007 R2) names its services "... Group Chat ..." (Channel,
 * Lookup, Compliance). They are also set to Manual so a reboot during the window cannot bring the
 * legacy side back and let legacy clients write messages the export has already passed (domain §3).
 */
export function renderStopLegacyServices(ctx: StepContext): RenderedScript {
  return renderStepScript(ctx, {
    params: { ServicePattern: "*Group Chat*" },
    body: `
$services = @(Get-Service | Where-Object { $_.DisplayName -like $ServicePattern })
if ($services.Count -eq 0) { throw ('no service like ' + $ServicePattern + ' on ' + $env:COMPUTERNAME + ': is this a legacy Group Chat server?') }
$running = @($services | Where-Object { $_.Status -ne 'Stopped' })
foreach ($s in $running) {
  Stop-Service -Name $s.Name
}
foreach ($s in $services) {
  Set-Service -Name $s.Name -StartupType Manual
  $s.WaitForStatus('Stopped', (New-TimeSpan -Minutes 5))
}
$still = @(Get-Service -Name ($services | ForEach-Object { $_.Name }) | Where-Object { $_.Status -ne 'Stopped' })
if ($still.Count -gt 0) { throw ('still running: ' + (($still | ForEach-Object { $_.Name }) -join ', ')) }
$data['services'] = ($services | ForEach-Object { $_.Name }) -join ','
$data['stopped'] = $running.Count
if ($running.Count -eq 0) { $status = 'skipped' }`,
  });
}

/** `RTCCHAT` (Persistent Chat) and `RTCCHATCOMPLIANCE` when compliance is on. */
const PERSISTENT_CHAT_SERVICES = "RTCCHAT*";

/**
 * Stops or starts the Persistent Chat services with `Stop-`/`Start-CsWindowsService` (domain §2.4
 * steps 3 and 9), acting only on those not already in the wanted state, then checking them all.
 */
function renderPersistentChatServices(ctx: StepContext, verb: "Stop" | "Start"): RenderedScript {
  const want = verb === "Stop" ? "Stopped" : "Running";
  const counted = verb === "Stop" ? "stopped" : "started";
  return renderStepScript(ctx, {
    params: { ServicePattern: PERSISTENT_CHAT_SERVICES },
    body: `
Import-Module Lync
$services = @(Get-CsWindowsService | Where-Object { $_.Name -like $ServicePattern })
if ($services.Count -eq 0) { throw ('no Persistent Chat service (' + $ServicePattern + ') on ' + $env:COMPUTERNAME) }
$toChange = @($services | Where-Object { [string]$_.Status -ne '${want}' })
foreach ($s in $toChange) {
  ${verb}-CsWindowsService -Name $s.Name
}
$wrong = @(Get-CsWindowsService | Where-Object { $_.Name -like $ServicePattern -and [string]$_.Status -ne '${want}' })
if ($wrong.Count -gt 0) { throw ('not ${want.toLowerCase()}: ' + (($wrong | ForEach-Object { $_.Name }) -join ', ')) }
$data['services'] = ($services | ForEach-Object { $_.Name }) -join ','
$data['${counted}'] = $toChange.Count
if ($toChange.Count -eq 0) { $status = 'skipped' }`,
  });
}

/** Stops the Persistent Chat services (domain §2.4 step 3). */
export function renderStopPersistentChatServices(ctx: StepContext): RenderedScript {
  return renderPersistentChatServices(ctx, "Stop");
}

/** Starts the Persistent Chat services (domain §2.4 step 9). */
export function renderStartPersistentChatServices(ctx: StepContext): RenderedScript {
  return renderPersistentChatServices(ctx, "Start");
}
