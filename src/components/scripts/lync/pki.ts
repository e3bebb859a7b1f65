/**
 * Step 1 of the Lync install (issue 11): the lab's own PKI. Lync servers request their certificates
 * from an enterprise CA (lync-install.md §2: a lab needs its own Enterprise CA, `ADCS-Cert-Authority`
 * and `Install-AdcsCertificationAuthority`, on the DC or a member server). Runs on the new forest's
 * domain controller as the domain admin: an enterprise CA is written into the forest's
 * configuration partition, which only an Enterprise Admin may do (Install-AdcsCertificationAuthority,
 * Windows Server docs). In an existing domain the user names the CA instead and this step is absent.
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";

export const PKI_STEP = "lync-pki";

export interface EnterpriseCaArgs {
  /** The CA's common name, e.g. `CONTOSO-LABDC01-CA`; Request-CsCertificate names it `<dc fqdn>\<name>`. */
  caCommonName: string;
}

/**
 * Where Windows records the CA a server holds: `certutil -getreg CA\Active` reads this value (the CA's
 * sanitized name). Present once Install-AdcsCertificationAuthority has configured a CA, absent before.
 */
export const CERTSVC_CONFIGURATION_KEY = "HKLM:\\SYSTEM\\CurrentControlSet\\Services\\CertSvc\\Configuration";

const CA_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

/**
 * Installs the role and an Enterprise root CA unless this server already holds one; a server that holds
 * another CA is an error (a second root would split the lab's trust), never replaced.
 */
export function renderEnterpriseCaScript(target: ProvisioningTarget, args: EnterpriseCaArgs): RenderedScript {
  if (!CA_NAME.test(args.caCommonName)) throw new Error(`not a CA common name the kit accepts: ${args.caCommonName}`);
  return renderProvisioningScript(target, PKI_STEP, {
    params: { CaCommonName: args.caCommonName },
    body: [
      "$changed = @()",
      "$feature = Get-WindowsFeature -Name 'ADCS-Cert-Authority'",
      "if (-not $feature.Installed) {",
      "  $result = Install-WindowsFeature -Name 'ADCS-Cert-Authority' -IncludeManagementTools",
      "  if (-not $result.Success) { throw 'Install-WindowsFeature ADCS-Cert-Authority failed' }",
      "  $changed += 'feature'",
      "}",
      `$config = Get-ItemProperty -Path ${psString(CERTSVC_CONFIGURATION_KEY)} -Name 'Active' -ErrorAction SilentlyContinue`,
      "if ($null -ne $config) {",
      "  if ([string]$config.Active -ne $CaCommonName) {",
      "    throw ('this server already holds the CA ' + $config.Active + ', not ' + $CaCommonName + ': set pchat-kit:lync.certificateAuthority to it, or remove that CA first')",
      "  }",
      "} else {",
      // Enterprise root: published in AD, so domain members trust it and Request-CsCertificate finds it.
      "  Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CACommonName $CaCommonName -KeyLength 2048 -HashAlgorithmName SHA256 -ValidityPeriod Years -ValidityPeriodUnits 5 -Force | Out-Null",
      "  $changed += 'ca'",
      "}",
      "$data['caCommonName'] = $CaCommonName",
      "$data['changed'] = ($changed -join ',')",
      "if ($changed.Count -eq 0) { $status = 'skipped' }",
    ].join("\n"),
  });
}
