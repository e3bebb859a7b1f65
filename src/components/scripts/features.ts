/** Windows features a server needs before Lync is installed (domain §6.4: MSMQ on Persistent Chat servers). */
import { psQuote, renderStep } from "./result";

export const FEATURES_STEP = "windows-features";

/** Installs only the missing features, so a re-run is a no-op; fails if a reboot-free install failed. */
export function renderFeaturesScript(features: readonly string[]): string {
  if (features.length === 0) throw new Error("renderFeaturesScript: no features to install");
  for (const f of features) if (!/^[A-Za-z0-9-]+$/.test(f)) throw new Error(`not a Windows feature name: ${f}`);
  return renderStep({
    step: FEATURES_STEP,
    body: [
      `$wanted = @(${features.map(psQuote).join(", ")})`,
      "$missing = @(Get-WindowsFeature -Name $wanted | Where-Object { -not $_.Installed } | ForEach-Object { $_.Name })",
      "if ($missing.Count -gt 0) {",
      "  $result = Install-WindowsFeature -Name $missing",
      "  if (-not $result.Success) { throw \"Install-WindowsFeature failed for: $($missing -join ', ')\" }",
      "  $data['restartNeeded'] = [string]$result.RestartNeeded",
      "} else {",
      "  $status = 'skipped'",
      "}",
      "$data['installed'] = ($missing -join ',')",
    ],
  });
}
