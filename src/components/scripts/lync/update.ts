/**
 * Step 7 of the Lync install (issue 11): the cumulative update the user supplies, on every Lync
 * server. Windows Server 2012 R2 is supported for Lync Server 2013 only with the October 2013 CU
 * (5.0.8308.556) or later (lync-install.md §2, LS: operating system support). The package's own
 * installer, LyncServerUpdateInstaller.exe /silentmode, patches every Lync component it finds
 * (lync-install.md §1, argiesen/Skype4B). A reboot follows (the Pause the program adds after this step).
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";

export const UPDATE_STEP = "lync-update";

export interface CumulativeUpdateArgs {
  /** Where the media step (lync-media) downloaded LyncServerUpdateInstaller.exe on this server. */
  updatePath: string;
  /** The lowest version every installed Lync Server 2013 component must reach, e.g. "5.0.8308.556". */
  minimumVersion: string;
}

/**
 * Every installed Lync Server 2013 product's version, from the Uninstall keys: the update is done
 * when the lowest of them has reached the minimum. INFERRED: that the installer's patches raise each
 * product's DisplayVersion (Windows Installer minor-upgrade patches do; a first real run must confirm).
 */
const FUNCTIONS = `function Get-LyncProducts {
  $keys = @(Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*')
  return @($keys | Where-Object { $_.PSObject.Properties['DisplayName'] -and $_.PSObject.Properties['DisplayVersion'] -and ([string]$_.DisplayName) -like 'Microsoft Lync Server 2013*' })
}

function Get-LowestVersion {
  param([object[]]$Products)
  return (@($Products | ForEach-Object { [version][string]$_.DisplayVersion } | Sort-Object) | Select-Object -First 1)
}`;

/**
 * Skips when every Lync component is at the minimum; otherwise runs the installer and checks the
 * versions again. Exit code 3010 (Windows Installer's "restart required", INFERRED for this
 * installer) schedules the restart a minute out, as the forest step does, so the Run Command can
 * report first.
 */
export function renderCumulativeUpdateScript(target: ProvisioningTarget, args: CumulativeUpdateArgs): RenderedScript {
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(args.minimumVersion)) throw new Error(`renderCumulativeUpdateScript: "${args.minimumVersion}" is not a four-part version`);
  if (!/^[A-Za-z]:\\.+\.exe$/i.test(args.updatePath)) throw new Error(`renderCumulativeUpdateScript: "${args.updatePath}" is not a local path to an .exe`);
  return renderProvisioningScript(target, UPDATE_STEP, {
    params: { UpdatePath: args.updatePath, MinimumVersion: args.minimumVersion },
    functions: FUNCTIONS,
    body: `$minimum = [version]$MinimumVersion
$products = @(Get-LyncProducts)
if ($products.Count -eq 0) { throw ('no Lync Server 2013 component is installed on ' + $env:COMPUTERNAME + ': the lync-media and lync-server steps come first') }
$before = Get-LowestVersion -Products $products
$data['versionBefore'] = [string]$before
if ($before -ge $minimum) {
  $status = 'skipped'
} else {
  if (-not (Test-Path -LiteralPath $UpdatePath)) { throw ('the cumulative update ' + $UpdatePath + ' is missing: the lync-media step downloads it from pchat-kit:lync.updateUrl') }
  $process = Start-Process -FilePath $UpdatePath -ArgumentList @('/silentmode') -Wait -PassThru -NoNewWindow
  if ($process.ExitCode -ne 0 -and $process.ExitCode -ne 3010) { throw ('LyncServerUpdateInstaller.exe /silentmode failed with exit code ' + $process.ExitCode + ': read its logs beside ' + $UpdatePath) }
  $after = Get-LowestVersion -Products @(Get-LyncProducts)
  $data['versionAfter'] = [string]$after
  if ($after -lt $minimum) { throw ('after the cumulative update a Lync component is still at ' + $after + ', below ' + $minimum + ': pchat-kit:lync.updateUrl must name the October 2013 cumulative update or a later one') }
  if ($process.ExitCode -eq 3010) {
    shutdown.exe /r /t 60 /c ${psString("pchat-kit: Lync Server 2013 cumulative update")}
    $data['rebootScheduled'] = $true
  }
}`,
  });
}
