/**
 * Step 3 of the Lync install (issue 11), on every Lync server (front ends and Persistent Chat
 * servers): the user's Lync Server 2013 media and cumulative update fetched, the ISO mounted, and the
 * core components installed from it, as the AWS Quick Start's Install-Lync2013.ps1 does
 * (lync-install.md §1): `msiexec /i ... /qn` of `Setup\amd64\Setup\ocscore.msi`,
 * `Setup\amd64\SQLSysClrTypes.msi`, `Setup\amd64\SharedManagementObjects.msi` and
 * `Setup\amd64\Setup\admintools.msi`. The Windows features of each role come before, from the
 * existing windows-features step (src/topology/lync-install.ts, lyncWindowsFeatures).
 *
 * Both URLs may carry a SAS token: they are protected parameters, and no message of this script
 * names them. A rerun downloads nothing whose size already matches, mounts nothing already mounted
 * and installs no package the Uninstall keys already list.
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";

export const MEDIA_STEP = "lync-media";

/** The file names the media step gives the downloads in its folder (the later steps find them there). */
export const LYNC_MEDIA_FILE = "LyncServer2013.iso";
export const LYNC_UPDATE_FILE = "LyncServerUpdateInstaller.exe";
/** The download folder the kit plans (src/topology/lync-install.ts, LYNC_DOWNLOAD_FOLDER). */
export const DEFAULT_LYNC_MEDIA_FOLDER = "C:\\PchatKit\\LyncMedia";

/**
 * The core components, in install order (the admin tools need SMO and the CLR types), with the
 * DisplayName pattern their Uninstall key shows. The patterns are inferred from the product names
 * of the Lync Server 2013 media (Core Components, Administrative Tools) and of the SQL Server 2012
 * feature pack MSIs it ships; a first real install must confirm them (README, what is inferred).
 */
export const LYNC_CORE_PACKAGES: readonly { file: string; displayName: string }[] = [
  { file: "Setup\\ocscore.msi", displayName: "Microsoft Lync Server 2013, Core Components" },
  { file: "SQLSysClrTypes.msi", displayName: "Microsoft System CLR Types for SQL Server 2012*" },
  { file: "SharedManagementObjects.msi", displayName: "Microsoft SQL Server 2012 Management Objects*" },
  { file: "Setup\\admintools.msi", displayName: "Microsoft Lync Server 2013, Administrative Tools" },
];

/**
 * A PowerShell function for any step that needs the media: mounts the ISO unless it is mounted
 * (a mount made with Mount-DiskImage does not survive a restart, argiesen/Skype4B's note) and returns
 * `@{ Source = '<drive>:\Setup\amd64'; Mounted = <mounted now> }`.
 */
export const MOUNT_LYNC_MEDIA_FUNCTION = `function Mount-LyncMedia {
  param([string]$ImagePath)
  if (-not (Test-Path -LiteralPath $ImagePath -PathType Leaf)) { throw ('the Lync Server 2013 media ' + $ImagePath + ' is missing: step ${MEDIA_STEP} downloads it') }
  $mounted = $false
  $image = Get-DiskImage -ImagePath $ImagePath
  if (-not $image.Attached) {
    Mount-DiskImage -ImagePath $ImagePath
    $mounted = $true
    $image = Get-DiskImage -ImagePath $ImagePath
  }
  $volume = Get-Volume -DiskImage $image
  if (-not $volume.DriveLetter) { throw ('the Lync Server 2013 media ' + $ImagePath + ' is mounted without a drive letter') }
  return @{ Source = ([string]$volume.DriveLetter + ':\\Setup\\amd64'); Mounted = $mounted }
}`;

/**
 * Downloads a URL (https with SAS) or copies a UNC path (an Azure Files share) to a file, unless the
 * file is there with the size the source reports. The copy goes to `<file>.incomplete` first, so a
 * broken download is never taken for the media. Messages name the config key, never the URL.
 */
const SAVE_DOWNLOAD_FUNCTION = `function Save-LyncDownload {
  param([string]$Url, [string]$Target, [string]$What, [string]$Key)
  $isShare = $Url.StartsWith('\\\\')
  try {
    if ($isShare) { $expected = [long](Get-Item -LiteralPath $Url).Length }
    else { $expected = [long](Invoke-WebRequest -Uri $Url -Method Head -UseBasicParsing).Headers['Content-Length'] }
  } catch {
    throw ('the ' + $What + ' cannot be reached: check ' + $Key + ' (URL, SAS expiry, share access)')
  }
  if ((Test-Path -LiteralPath $Target -PathType Leaf) -and (Get-Item -LiteralPath $Target).Length -eq $expected) { return $false }
  $partial = $Target + '.incomplete'
  try {
    if ($isShare) { Copy-Item -LiteralPath $Url -Destination $partial -Force }
    else { Invoke-WebRequest -Uri $Url -OutFile $partial -UseBasicParsing }
  } catch {
    throw ('the download of the ' + $What + ' failed: check ' + $Key + ' (URL, SAS expiry, share access)')
  }
  $got = (Get-Item -LiteralPath $partial).Length
  if ($got -ne $expected) { throw ('the ' + $What + ' arrived with ' + $got + ' bytes, not ' + $expected + ': run the step again') }
  Move-Item -LiteralPath $partial -Destination $Target -Force
  return $true
}`;

export interface LyncMediaArgs {
  /** Local folder for the ISO and the update package. */
  downloadFolder: string;
  /** Config keys named in messages (defaults: the kit's secret keys). */
  mediaUrlKey?: string;
  updateUrlKey?: string;
}

export function renderLyncMediaScript(target: ProvisioningTarget, args: LyncMediaArgs): RenderedScript {
  if (!/^[A-Za-z]:\\[^"'\r\n]*[^\\]$/.test(args.downloadFolder)) throw new Error(`not a local folder: ${args.downloadFolder}`);
  const packages = LYNC_CORE_PACKAGES.map((p) => `  @{ File = ${psString(p.file)}; DisplayName = ${psString(p.displayName)} }`).join(",\n");
  return renderProvisioningScript(target, MEDIA_STEP, {
    params: { DownloadFolder: args.downloadFolder },
    protectedParams: ["MediaUrl", "UpdateUrl"],
    functions: [SAVE_DOWNLOAD_FUNCTION, MOUNT_LYNC_MEDIA_FUNCTION].join("\n\n"),
    body: [
      "$changed = @()",
      "New-Item -ItemType Directory -Path $DownloadFolder -Force | Out-Null",
      `$iso = $DownloadFolder + '\\' + ${psString(LYNC_MEDIA_FILE)}`,
      `$update = $DownloadFolder + '\\' + ${psString(LYNC_UPDATE_FILE)}`,
      `if (Save-LyncDownload -Url $MediaUrl -Target $iso -What 'Lync Server 2013 media' -Key ${psString(args.mediaUrlKey ?? "pchat-kit:lyncMediaUrl")}) { $changed += 'media' }`,
      `if (Save-LyncDownload -Url $UpdateUrl -Target $update -What 'Lync Server 2013 cumulative update' -Key ${psString(args.updateUrlKey ?? "pchat-kit:lyncUpdateUrl")}) { $changed += 'update' }`,
      "$media = Mount-LyncMedia -ImagePath $iso",
      "if ($media.Mounted) { $changed += 'mount' }",
      "$packages = @(",
      packages,
      ")",
      "$installed = @(Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' | Where-Object { $_.PSObject.Properties['DisplayName'] } | ForEach-Object { [string]$_.DisplayName })",
      "$restart = $false",
      "foreach ($p in $packages) {",
      "  if (@($installed | Where-Object { $_ -like $p.DisplayName }).Count -gt 0) { continue }",
      "  $msi = $media.Source + '\\' + $p.File",
      // Split by hand: the file is a Windows path wherever the script is parsed.
      "  $log = $DownloadFolder + '\\' + (($p.File -split '\\\\')[-1] -replace '\\.msi$', '') + '.log'",
      "  $process = Start-Process -FilePath 'msiexec.exe' -ArgumentList ('/i \"' + $msi + '\" /qn /norestart /l*v \"' + $log + '\"') -Wait -PassThru",
      // 3010: installed, a restart is due (Windows Installer); the later steps' restart wait covers it.
      "  if ($process.ExitCode -eq 3010) { $restart = $true }",
      "  elseif ($process.ExitCode -ne 0) { throw ('msiexec /i ' + $p.File + ' failed with exit code ' + $process.ExitCode + ': see ' + $log) }",
      "  $changed += $p.File",
      "}",
      "$data['source'] = $media.Source",
      "$data['changed'] = ($changed -join ',')",
      "$data['restartNeeded'] = [string]$restart",
      "if ($changed.Count -eq 0) { $status = 'skipped' }",
    ].join("\n"),
  });
}
