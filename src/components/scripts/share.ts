/**
 * The Persistent Chat file store as an SMB share on the file-server VM. It must exist before the
 * topology is published, and multiple-server pools reach it by UNC (domain §6.2 step 8).
 */
import type { FileSharePlan } from "../../topology/plan";
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../migration-jobs/powershell/frame";

export const SHARE_STEP = "file-share";

/**
 * Creates the folder and the share if missing. Domain Admins get full control because publishing
 * the topology needs read/write/modify on the store to set its own DACLs (domain §6.2).
 */
export function renderShareScript(target: ProvisioningTarget, share: FileSharePlan, netbiosName: string): RenderedScript {
  if (share.kind !== "windows-share" || !share.localPath) throw new Error(`share ${share.key}: not a Windows share with a local path`);
  const admins = `${netbiosName}\\Domain Admins`;
  return renderProvisioningScript(target, `${SHARE_STEP}-${share.key}`, {
    params: {},
    body: [
      `$path = ${psString(share.localPath)}`,
      `$name = ${psString(share.shareName)}`,
      "if (-not (Test-Path -LiteralPath $path)) { New-Item -ItemType Directory -Path $path -Force | Out-Null }",
      "$volume = Get-Volume -DriveLetter $path.Substring(0, 1)",
      "if ($volume.FileSystem -ne 'NTFS') { throw \"The file store folder $path is on $($volume.FileSystem), not NTFS\" }",
      "if (Get-SmbShare -Name $name -ErrorAction SilentlyContinue) {",
      "  $status = 'skipped'",
      "} else {",
      `  New-SmbShare -Name $name -Path $path -FullAccess ${psString(admins)}, 'BUILTIN\\Administrators' -ChangeAccess 'NT AUTHORITY\\Authenticated Users' | Out-Null`,
      "}",
      `$data['unc'] = ${psString(share.uncPath)}`,
    ].join("\n"),
  });
}
