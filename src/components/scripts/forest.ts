/**
 * The new forest of a lab: AD DS and DNS on the domain controller VM, then the pool's DNS records
 * once the domain answers. The safe-mode password arrives as a protected parameter, never in the text.
 */
import type { DnsRecordPlan } from "../../topology/plan";
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../migration-jobs/powershell/frame";

export const FOREST_STEP = "ad-forest";
export const DOMAIN_READY_STEP = "ad-ready";

export interface ForestScriptArgs {
  domainFqdn: string;
  netbiosName: string;
  /** Drive letter of the AD database disk (NTDS, logs, SYSVOL off the OS disk), or null. */
  adDriveLetter: string | null;
}

/**
 * Promotes the server unless it already is a domain controller (DomainRole 4/5), so a re-run is a
 * no-op. The restart is scheduled a minute out rather than done by Install-ADDSForest so that the
 * Run Command can report its result before the reboot.
 */
export function renderForestScript(target: ProvisioningTarget, a: ForestScriptArgs): RenderedScript {
  const paths = a.adDriveLetter
    ? ` -DatabasePath ${psString(`${a.adDriveLetter}:\\NTDS`)} -LogPath ${psString(`${a.adDriveLetter}:\\NTDS`)} -SysvolPath ${psString(`${a.adDriveLetter}:\\SYSVOL`)}`
    : "";
  return renderProvisioningScript(target, FOREST_STEP, {
    params: {},
    protectedParams: ["SafeModePassword"],
    body: [
      "$role = (Get-CimInstance -ClassName Win32_ComputerSystem).DomainRole",
      "if ($role -ge 4) {",
      // Promoted, but if the restart never happened (it failed, or was cancelled) the domain does not
      // answer yet: schedule the restart again rather than report done.
      "  $answers = $true",
      `  try { Get-ADDomain -Identity ${psString(a.domainFqdn)} | Out-Null } catch { $answers = $false }`,
      "  if ($answers) {",
      "    $status = 'skipped'",
      "  } else {",
      "    shutdown.exe /r /t 60 /c 'pchat-kit: new forest'",
      "    $data['rebootScheduled'] = $true",
      "  }",
      "} else {",
      "  Install-WindowsFeature -Name @('AD-Domain-Services', 'DNS') -IncludeManagementTools | Out-Null",
      "  $safeMode = ConvertTo-SecureString -String $SafeModePassword -AsPlainText -Force",
      `  Install-ADDSForest -DomainName ${psString(a.domainFqdn)} -DomainNetbiosName ${psString(a.netbiosName)} -SafeModeAdministratorPassword $safeMode -InstallDns${paths} -NoRebootOnCompletion -Force | Out-Null`,
      "  shutdown.exe /r /t 60 /c 'pchat-kit: new forest'",
      "  $data['rebootScheduled'] = $true",
      "}",
      `$data['domain'] = ${psString(a.domainFqdn)}`,
    ].join("\n"),
  });
}

/**
 * Waits (bounded) until the domain answers after the promotion reboot, then makes sure the DNS
 * records of the plan exist (domain §6.4: an A record per server, and the pool FQDN on each server IP).
 */
export function renderDomainReadyScript(target: ProvisioningTarget, domainFqdn: string, records: readonly DnsRecordPlan[], timeoutMinutes = 30): RenderedScript {
  const body: string[] = [
    `$deadline = (Get-Date).AddMinutes(${timeoutMinutes})`,
    "$ready = $false",
    "while (-not $ready) {",
    "  try {",
    `    Get-ADDomain -Identity ${psString(domainFqdn)} | Out-Null`,
    "    $ready = $true",
    "  } catch {",
    `    if ((Get-Date) -gt $deadline) { throw "The domain ${domainFqdn} did not answer within ${timeoutMinutes} minutes: check the DC's event log" }`,
    "    Start-Sleep -Seconds 15",
    "  }",
    "}",
    "$added = 0",
  ];
  for (const r of records) {
    for (const ip of r.addresses) {
      body.push(
        `if (-not (Get-DnsServerResourceRecord -ZoneName ${psString(r.zone)} -Name ${psString(r.name)} -RRType A -ErrorAction SilentlyContinue | Where-Object { $_.RecordData.IPv4Address.IPAddressToString -eq ${psString(ip)} })) {`,
        // Splatted: the grammar used to check these scripts misreads a parameter name with a digit.
        `  $record = @{ ZoneName = ${psString(r.zone)}; Name = ${psString(r.name)}; IPv4Address = ${psString(ip)} }`,
        "  Add-DnsServerResourceRecordA @record",
        "  $added++",
        "}",
      );
    }
  }
  body.push("$data['recordsAdded'] = $added", "if ($added -eq 0) { $status = 'skipped' }");
  return renderProvisioningScript(target, DOMAIN_READY_STEP, { params: {}, body: body.join("\n") });
}
