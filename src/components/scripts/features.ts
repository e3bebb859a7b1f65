/** Windows features a server needs before Lync is installed (domain §6.4: MSMQ on Persistent Chat servers). */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../migration-jobs/powershell/frame";

export const FEATURES_STEP = "windows-features";

/** Installs only the missing features, so a re-run is a no-op; fails if a reboot-free install failed. */
export function renderFeaturesScript(target: ProvisioningTarget, features: readonly string[]): RenderedScript {
  if (features.length === 0) throw new Error("renderFeaturesScript: no features to install");
  for (const f of features) if (!/^[A-Za-z0-9-]+$/.test(f)) throw new Error(`not a Windows feature name: ${f}`);
  return renderProvisioningScript(target, FEATURES_STEP, {
    params: {},
    body: [
      `$wanted = @(${features.map(psString).join(", ")})`,
      "$missing = @(Get-WindowsFeature -Name $wanted | Where-Object { -not $_.Installed } | ForEach-Object { $_.Name })",
      "if ($missing.Count -gt 0) {",
      "  $result = Install-WindowsFeature -Name $missing",
      "  if (-not $result.Success) { throw \"Install-WindowsFeature failed for: $($missing -join ', ')\" }",
      "  $data['restartNeeded'] = [string]$result.RestartNeeded",
      "} else {",
      "  $status = 'skipped'",
      "}",
      "$data['installed'] = ($missing -join ',')",
    ].join("\n"),
  });
}
