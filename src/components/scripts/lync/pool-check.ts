/**
 * Step 7 of the Lync install (issue 11), last: the Persistent Chat pool really serves before the
 * migration runbook starts. The published topology must show the planned pool with its planned
 * servers and SIP port (Get-CsService -PersistentChatServer: PoolFqdn, ActiveServers,
 * InactiveServers, MtlsPort), and every Lync service of this server must run (Get-CsWindowsService).
 * Runs once, on the first Persistent Chat server; changes nothing, so it always reports skipped
 * (nothing done) with what it verified, or fails naming every difference.
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { assertFqdn, IMPORT_LYNC } from "./deploy-common";

export const POOL_CHECK_STEP = "lync-pool-check";

export interface PoolCheckArgs {
  poolFqdn: string;
  /** The pool's SIP port (5041 by default, domain §6.4). */
  port: number;
  /** FQDNs of every server of the pool, active and standby. */
  servers: string[];
}

export function renderPoolCheckScript(target: ProvisioningTarget, args: PoolCheckArgs): RenderedScript {
  assertFqdn("renderPoolCheckScript", "pool", args.poolFqdn);
  for (const s of args.servers) assertFqdn("renderPoolCheckScript", "server", s);
  if (!Number.isInteger(args.port) || args.port < 1 || args.port > 65535) throw new Error(`renderPoolCheckScript: port ${args.port} is not a TCP port`);
  if (args.servers.length === 0) throw new Error("renderPoolCheckScript: the pool has no server");
  const planned = [...new Set(args.servers.map((s) => s.toLowerCase()))].sort();
  return renderProvisioningScript(target, POOL_CHECK_STEP, {
    params: { PoolFqdn: args.poolFqdn.toLowerCase(), Port: String(args.port) },
    body: `${IMPORT_LYNC}
$planned = @(${planned.map(psString).join(", ")})
$problems = @()
$pool = @(Get-CsService -PersistentChatServer | Where-Object { ([string]$_.PoolFqdn).ToLowerInvariant() -eq $PoolFqdn })
if ($pool.Count -eq 0) {
  $problems += ('the published topology has no Persistent Chat pool ' + $PoolFqdn + ' (Get-CsService -PersistentChatServer)')
} else {
  $p = $pool[0]
  if ([string]$p.MtlsPort -ne $Port) { $problems += ('pool ' + $PoolFqdn + ' listens on port ' + $p.MtlsPort + ', not the planned ' + $Port) }
  $actual = @(@($p.ActiveServers) + @($p.InactiveServers) | Where-Object { $_ } | ForEach-Object { ([string]$_).ToLowerInvariant() } | Sort-Object -Unique)
  $missing = @($planned | Where-Object { $actual -notcontains $_ })
  $extra = @($actual | Where-Object { $planned -notcontains $_ })
  if ($missing.Count -gt 0) { $problems += ('planned servers missing from pool ' + $PoolFqdn + ': ' + ($missing -join ', ')) }
  if ($extra.Count -gt 0) { $problems += ('servers of pool ' + $PoolFqdn + ' the plan does not have: ' + ($extra -join ', ')) }
  $data['activeServers'] = (@($p.ActiveServers) -join ',')
}
$stopped = @(Get-CsWindowsService | Where-Object { $_.Status -ne 'Running' } | ForEach-Object { $_.Name })
if ($stopped.Count -gt 0) { $problems += ('Lync services not running on ' + $env:COMPUTERNAME + ': ' + ($stopped -join ', ')) }
if ($problems.Count -gt 0) { throw ('the Persistent Chat pool does not serve as planned: ' + ($problems -join '; ')) }
$status = 'skipped'
$data['verified'] = ('pool ' + $PoolFqdn + ', port ' + $Port + ', ' + $planned.Count + ' servers')`,
  });
}
