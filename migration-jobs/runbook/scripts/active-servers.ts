/**
 * The active set of a Persistent Chat pool with standby servers (a stretched pool, domain §6.3): only
 * the servers on the list accept client connections, and the list is set with
 * `Set-CsPersistentChatActiveServer -ActiveServers` (PS:Set-CsPersistentChatActiveServer), a
 * PSListModifier of FQDNs. The pool's collection and its current list come from
 * `Get-CsService -PersistentChatServer` (its `ActiveServers` property: inferred, no
 * Get-CsPersistentChatActiveServer exists). Only the difference is applied, so a re-run changes nothing.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";

export interface ActiveServersArgs {
  poolFqdn: string;
  /** FQDNs of the servers that must be active: the primary site's, the standby ones left out. */
  activeServers: string[];
}

export function renderActiveServers(ctx: StepContext, args: ActiveServersArgs): RenderedScript {
  if (args.activeServers.length === 0) throw new Error("renderActiveServers: no active server");
  return renderStepScript(ctx, {
    // JSON, because Run Command parameters are strings.
    params: { PoolFqdn: args.poolFqdn, ActiveJson: JSON.stringify(args.activeServers.map((s) => s.toLowerCase())) },
    functions: `
function Get-ChatService {
  $service = @(Get-CsService -PersistentChatServer | Where-Object { [string]$_.PoolFqdn -eq $PoolFqdn })
  if ($service.Count -ne 1) { throw ('the topology has no Persistent Chat pool ' + $PoolFqdn + ': publish it first') }
  return $service[0]
}`,
    body: `
Import-Module Lync
$wanted = @($ActiveJson | ConvertFrom-Json | ForEach-Object { ([string]$_).ToLowerInvariant() })
$service = Get-ChatService
$current = @($service.ActiveServers | ForEach-Object { ([string]$_).ToLowerInvariant() })
$add = @($wanted | Where-Object { $current -notcontains $_ })
$remove = @($current | Where-Object { $wanted -notcontains $_ })
if ($add.Count + $remove.Count -eq 0) {
  $status = 'skipped'
} else {
  $modifier = @{}
  if ($add.Count -gt 0) { $modifier['Add'] = $add }
  if ($remove.Count -gt 0) { $modifier['Remove'] = $remove }
  Set-CsPersistentChatActiveServer -Identity ([string]$service.Identity) -ActiveServers $modifier -Confirm:$false
}
$after = @((Get-ChatService).ActiveServers | ForEach-Object { ([string]$_).ToLowerInvariant() })
$wrong = @($wanted | Where-Object { $after -notcontains $_ }) + @($after | Where-Object { $wanted -notcontains $_ })
if ($wrong.Count -gt 0) { throw ('the active servers of ' + $PoolFqdn + ' are ' + ($after -join ', ') + ', not ' + ($wanted -join ', ')) }
$data['added'] = $add.Count
$data['removed'] = $remove.Count
$data['active'] = ($after -join ',')`,
  });
}
