/**
 * Step 7 of the Lync install (issue 11), after the cumulative update: the databases. The CU's
 * installer patches the binaries only; the databases stay at the RTM schema until
 * `Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn <SQL Server> -Update` runs for each SQL
 * Server holding a store, and, on a Standard Edition server, `Install-CsDatabase -Update
 * -LocalDatabases` (the Lync Server 2013 CU KB articles' post-install steps; PS:Install-CsDatabase).
 * Runs once, on the first front end, as the domain admin (sysadmin on every SQL Server), right after
 * its own update step's restart.
 */
import { renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { assertFqdn, IMPORT_LYNC } from "./deploy-common";

export const DB_UPDATE_STEP = "lync-db-update";

/**
 * The databases a Test-CsDatabase call reports behind the installed version, as `server\instance\name
 * (installed -> expected)` texts. PS:Test-CsDatabase documents only its output type (TaskOutput);
 * the properties read here (DatabaseName, SqlServerFqdn, SqlInstanceName, ExpectedVersion,
 * InstalledVersion) are INFERRED from what the cmdlet prints on a real server; a first real run must
 * confirm them. A database with an expected version the installed one differs from is behind (one
 * that is missing too: -Update creates what is missing, PS:Install-CsDatabase).
 */
const FUNCTIONS = `function Get-DatabasesBehind {
  param([object[]]$Results)
  $behind = @()
  foreach ($r in @($Results)) {
    if ($null -eq $r) { continue }
    $expected = [string]$r.ExpectedVersion
    $installed = [string]$r.InstalledVersion
    if ($expected -eq '' -or $installed -eq $expected) { continue }
    $where = [string]$r.SqlServerFqdn
    if ([string]$r.SqlInstanceName -ne '') { $where = $where + '\\' + [string]$r.SqlInstanceName }
    $behind += ($where + '\\' + [string]$r.DatabaseName + ' (' + $installed + ' -> ' + $expected + ')')
  }
  return $behind
}

function Get-ConfiguredBehind {
  param([string]$SqlServer)
  return @(Get-DatabasesBehind -Results @(Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn $SqlServer))
}

function Get-LocalBehind {
  return @(Get-DatabasesBehind -Results @(Test-CsDatabase -LocalService))
}`;

/**
 * Tests every SQL Server (and the local databases when asked) first: nothing behind is a skip.
 * Otherwise updates only the SQL Servers with a database behind, then the local databases if they
 * still are (-LocalService also reports remote databases local services use: those the first pass
 * already raised), and tests everything again: a database still behind fails the step by name.
 */
export function renderDatabaseUpdateScript(target: ProvisioningTarget, args: { sqlServerFqdns: string[]; localDatabases: boolean }): RenderedScript {
  if (args.sqlServerFqdns.length === 0 && !args.localDatabases) throw new Error("renderDatabaseUpdateScript: no SQL Server and no local databases to update");
  for (const s of args.sqlServerFqdns) assertFqdn("renderDatabaseUpdateScript", "SQL Server", s);
  const servers = [...new Set(args.sqlServerFqdns.map((s) => s.toLowerCase()))];
  return renderProvisioningScript(target, DB_UPDATE_STEP, {
    params: { SqlServers: servers.join(","), LocalDatabases: args.localDatabases ? "true" : "false" },
    functions: FUNCTIONS,
    body: `${IMPORT_LYNC}
# Not $sqlServers: PowerShell names are case-insensitive, and the [string] parameter would join the list back.
$servers = @($SqlServers -split ',' | Where-Object { $_ -ne '' })
$local = ($LocalDatabases -eq 'true')
$updated = @()
$behindBefore = @()
foreach ($sql in $servers) {
  $behind = @(Get-ConfiguredBehind -SqlServer $sql)
  if ($behind.Count -eq 0) { continue }
  $behindBefore += $behind
  Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn $sql -Update | Out-Null
  $updated += $sql
}
if ($local) {
  $behind = @(Get-LocalBehind)
  if ($behind.Count -gt 0) {
    $behindBefore += $behind
    Install-CsDatabase -Update -LocalDatabases | Out-Null
    $updated += 'local'
  }
}
$data['updated'] = ($updated -join ',')
if ($updated.Count -eq 0) {
  $status = 'skipped'
} else {
  $data['behindBefore'] = ($behindBefore -join '; ')
  $still = @()
  foreach ($sql in $servers) { $still += @(Get-ConfiguredBehind -SqlServer $sql) }
  if ($local) { $still += @(Get-LocalBehind) }
  if ($still.Count -gt 0) { throw ('after Install-CsDatabase -Update these databases are still behind the installed Lync version: ' + ($still -join '; ') + '. Read the Install-CsDatabase log in %TEMP% and run the step again') }
}`,
  });
}
