/**
 * The one renderer of "bring these services to this state": the legacy Group Chat services stopped
 * before the export, the Persistent Chat services stopped and started around the import (domain §2.4
 * steps 1, 3 and 9), the Front End service stopped and started around Import-CsUserData (domain
 * §9.2). It acts only on the services not already in the wanted state, then checks them all, so a
 * second run finds nothing to do and reports `skipped`.
 */
import { psString, renderStepScript, RenderedScript, StepContext } from "./frame";

export interface ServiceStateArgs {
  /**
   * `lync`: the Lync Server 2013 services, through Get-/Stop-/Start-CsWindowsService, matched by
   * name. `windows`: any Windows service, through Get-/Stop-/Start-Service, matched by display name
   * (the legacy Group Chat servers, Lync 2010 or OCS 2007 R2, have no Lync 2013 module).
   */
  manager: "lync" | "windows";
  /** `-like` pattern on the name (`lync`) or display name (`windows`). @example "RTCCHAT*" */
  pattern: string;
  want: "Stopped" | "Running";
  /** What the services are, for the error when none matches. @example "Persistent Chat service" */
  noun: string;
  /** Said after that error, to point at the likely cause. @example ": is this a legacy Group Chat server?" */
  hint?: string;
  /**
   * `windows` only: the startup type every matched service is set to, so a reboot during the window
   * cannot bring the legacy side back (domain §3). @default undefined (left alone)
   */
  startupType?: "Manual";
}

const COMMANDS = {
  lync: { module: "Import-Module Lync", list: "Get-CsWindowsService", match: "Name", Stop: "Stop-CsWindowsService", Start: "Start-CsWindowsService" },
  windows: { module: null, list: "Get-Service", match: "DisplayName", Stop: "Stop-Service", Start: "Start-Service" },
} as const;

export function renderServiceState(ctx: StepContext, args: ServiceStateArgs): RenderedScript {
  if (args.startupType && args.manager !== "windows") throw new Error("renderServiceState: a startup type is set only through Set-Service (manager windows)");
  const c = COMMANDS[args.manager];
  const verb = args.want === "Stopped" ? "Stop" : "Start";
  const counted = args.want === "Stopped" ? "stopped" : "started";
  const matches = `$_.${c.match} -like $ServicePattern`;
  const lines = [
    ...(c.module ? [c.module] : []),
    `$services = @(${c.list} | Where-Object { ${matches} })`,
    `if ($services.Count -eq 0) { throw (${psString(`no ${args.noun} like `)} + $ServicePattern + ' on ' + $env:COMPUTERNAME${args.hint ? ` + ${psString(args.hint)}` : ""}) }`,
    `$toChange = @($services | Where-Object { [string]$_.Status -ne '${args.want}' })`,
    "foreach ($s in $toChange) {",
    `  ${c[verb]} -Name $s.Name`,
    "}",
  ];
  if (args.manager === "windows") {
    // Stop-Service can return before a slow service has stopped: wait for each, bounded.
    lines.push(
      "foreach ($s in $services) {",
      ...(args.startupType ? [`  Set-Service -Name $s.Name -StartupType ${args.startupType}`] : []),
      `  $s.WaitForStatus('${args.want}', (New-TimeSpan -Minutes 5))`,
      "}",
    );
  }
  lines.push(
    `$wrong = @(${c.list} | Where-Object { ${matches} -and [string]$_.Status -ne '${args.want}' })`,
    `if ($wrong.Count -gt 0) { throw ('not ${args.want.toLowerCase()}: ' + (($wrong | ForEach-Object { $_.Name }) -join ', ')) }`,
    "$data['services'] = ($services | ForEach-Object { $_.Name }) -join ','",
    `$data['${counted}'] = $toChange.Count`,
    "if ($toChange.Count -eq 0) { $status = 'skipped' }",
  );
  return renderStepScript(ctx, { params: { ServicePattern: args.pattern }, body: lines.join("\n") });
}

