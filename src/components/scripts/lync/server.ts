/**
 * Step 7 of the Lync install (issue 11), the part that makes a computer a Lync server: the local
 * management store (Bootstrapper.exe /BootstrapLocalMgmt), its first copy of the Central Management
 * store (Export-CsConfiguration -AsBytes into Import-CsConfiguration -LocalStore), the replica
 * (Enable-CsReplica, Start-CsWindowsService Replica), then the roles the published topology gives the
 * computer (Bootstrapper.exe /SourceDirectory). The order and the commands are the AWS Quick Start's
 * (lync-install.md §1; argiesen/Skype4B l.4187-4333 does the same). Runs on every Lync server, as the
 * domain admin (it reads the CMS).
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { LYNC_BOOTSTRAPPER } from "./cms";
import { IMPORT_LYNC, LOCAL_FQDN } from "./deploy-common";
import { MOUNT_LYNC_MEDIA_FUNCTION } from "./media";

export const SERVER_STEP = "lync-server";

export interface LyncServerArgs {
  role: "front-end" | "persistent-chat";
  /** Where the media step (lync-media) downloaded the Lync Server 2013 ISO on this server (media.ts: DEFAULT_LYNC_MEDIA_FOLDER, LYNC_MEDIA_FILE). */
  isoPath: string;
}

/**
 * The Windows service each role's Bootstrapper run installs: RTCSRV (Front-End) and RTCCHAT
 * (Persistent Chat), the names Get-CsWindowsService reports (PS:Get-CsWindowsService).
 */
const ROLE_SERVICE: Record<LyncServerArgs["role"], string> = { "front-end": "RTCSRV", "persistent-chat": "RTCCHAT" };

/**
 * The media is mounted only when the bootstrapper must run (a rerun, or a run after the update step's
 * reboot detached the image, needs none), with the media step's own function (media.ts).
 */
const FUNCTIONS = `${MOUNT_LYNC_MEDIA_FUNCTION}

function Get-SetupFolder {
  return (Mount-LyncMedia -ImagePath $IsoPath).Source
}

function Invoke-Bootstrapper {
  param([string[]]$Arguments)
  $process = Start-Process -FilePath $Bootstrapper -ArgumentList ($Arguments -join ' ') -Wait -PassThru -NoNewWindow
  if ($process.ExitCode -ne 0) { throw ('Bootstrapper.exe ' + ($Arguments -join ' ') + ' failed with exit code ' + $process.ExitCode + ': read its log under %TEMP% of the run-as account (Bootstrap-*.html)') }
}`;

/** Each part is skipped when its result is already there, so a rerun changes nothing and says skipped. */
export function renderLyncServerScript(target: ProvisioningTarget, args: LyncServerArgs): RenderedScript {
  if (!/^[A-Za-z]:\\.+\.iso$/i.test(args.isoPath)) throw new Error(`renderLyncServerScript: "${args.isoPath}" is not a local path to an .iso file`);
  const roleService = ROLE_SERVICE[args.role];
  return renderProvisioningScript(target, SERVER_STEP, {
    params: { IsoPath: args.isoPath, Bootstrapper: LYNC_BOOTSTRAPPER },
    functions: FUNCTIONS,
    body: `${IMPORT_LYNC}
${LOCAL_FQDN}
$done = @()
$setupFolder = $null
# /BootstrapLocalMgmt installs the local store's SQL Express instance, RTCLOCAL.
if (-not (Get-Service -Name 'MSSQL$RTCLOCAL' -ErrorAction SilentlyContinue)) {
  $setupFolder = Get-SetupFolder
  Invoke-Bootstrapper -Arguments @('/BootstrapLocalMgmt', ('/SourceDirectory:"' + $setupFolder + '"'))
  $done += 'local management store'
}
$replica = @(Get-CsManagementStoreReplicationStatus -ReplicaFqdn $localFqdn)
$replicaService = Get-CsWindowsService -Name 'REPLICA' -ErrorAction SilentlyContinue
if ($replica.Count -eq 0 -or $null -eq $replicaService -or $replicaService.Status -ne 'Running') {
  $configuration = Export-CsConfiguration -AsBytes
  Import-CsConfiguration -ByteInput $configuration -LocalStore
  Enable-CsReplica
  Start-CsWindowsService -Name 'REPLICA'
  $done += 'replica'
}
if (-not (Get-CsWindowsService -Name ${psString(roleService)} -ErrorAction SilentlyContinue)) {
  if (-not $setupFolder) { $setupFolder = Get-SetupFolder }
  Invoke-Bootstrapper -Arguments @(('/SourceDirectory:"' + $setupFolder + '"'))
  if (-not (Get-CsWindowsService -Name ${psString(roleService)} -ErrorAction SilentlyContinue)) { throw ('Bootstrapper.exe installed no ${roleService} service on ' + $localFqdn + ': is this computer a ${args.role} server of the published topology (Get-CsTopology)?') }
  $done += ${psString(args.role + " role")}
}
if ($done.Count -eq 0) { $status = 'skipped' }
$data['role'] = ${psString(args.role)}
$data['installed'] = ($done -join ', ')`,
  });
}
