/**
 * Step 4 of the Lync install (issue 11): Active Directory preparation, once, from the first front end,
 * as the domain admin (a Run Command's LocalSystem cannot extend the schema: lync-install.md §2).
 * Schema, forest, domain, each only when its Get- cmdlet says it is not ready (PS:Get-CsAdServerSchema
 * SCHEMA_VERSION_STATE_CURRENT, PS:Get-CsAdForest LC_FORESTSETTINGS_STATE_READY, PS:Get-CsAdDomain
 * LC_DOMAINSETTINGS_STATE_READY), as the AWS Quick Start does; then the admin account into the groups
 * forest preparation creates and Lync's administration needs (CSAdministrator,
 * RTCUniversalServerAdmins, CsPersistentChatAdministrator).
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";

export const AD_PREP_STEP = "lync-ad-prep";

/** The groups the admin account joins (created by Enable-CsAdForest). */
export const LYNC_ADMIN_GROUPS = ["CSAdministrator", "RTCUniversalServerAdmins", "CsPersistentChatAdministrator"] as const;

export interface AdPrepArgs {
  domainFqdn: string;
  /** `NETBIOS\account`, e.g. `CONTOSO\pckadmin`. */
  adminAccount: string;
}

export function renderAdPrepScript(target: ProvisioningTarget, args: AdPrepArgs): RenderedScript {
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(args.domainFqdn)) throw new Error(`not a domain FQDN: ${args.domainFqdn}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,14}\\[A-Za-z0-9][A-Za-z0-9._ -]{0,19}$/.test(args.adminAccount)) throw new Error(`not a Windows account (DOMAIN\\account): ${args.adminAccount}`);
  return renderProvisioningScript(target, AD_PREP_STEP, {
    params: { DomainFqdn: args.domainFqdn, AdminAccount: args.adminAccount },
    body: [
      "Import-Module Lync",
      "Import-Module ActiveDirectory",
      "$changed = @()",
      "if ([string](Get-CsAdServerSchema) -ne 'SCHEMA_VERSION_STATE_CURRENT') {",
      "  Install-CsAdServerSchema -Confirm:$false",
      "  $changed += 'schema'",
      "}",
      "if ([string](Get-CsAdForest) -ne 'LC_FORESTSETTINGS_STATE_READY') {",
      "  Enable-CsAdForest -Confirm:$false",
      "  $changed += 'forest'",
      "}",
      "if ([string](Get-CsAdDomain -Domain $DomainFqdn) -ne 'LC_DOMAINSETTINGS_STATE_READY') {",
      "  Enable-CsAdDomain -Domain $DomainFqdn -Confirm:$false",
      "  $changed += 'domain'",
      "}",
      "$user = Get-ADUser -Identity ($AdminAccount -split '\\\\', 2)[1]",
      `foreach ($group in @(${LYNC_ADMIN_GROUPS.map(psString).join(", ")})) {`,
      "  $members = @((Get-ADGroup -Identity $group -Properties Members).Members)",
      "  if ($members -notcontains $user.DistinguishedName) {",
      "    Add-ADGroupMember -Identity $group -Members $user",
      "    $changed += $group",
      "  }",
      "}",
      "$data['changed'] = ($changed -join ',')",
      // Group membership reaches the account's token at its next logon: the later steps run in new sessions.
      "if ($changed.Count -eq 0) { $status = 'skipped' }",
    ].join("\n"),
  });
}
