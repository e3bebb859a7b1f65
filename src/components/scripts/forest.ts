/**
 * The new forest of a lab: AD DS and DNS on the domain controller VM, then the pool's DNS records
 * once the domain answers. The safe-mode password arrives as a protected parameter, never in the text.
 */
import type { DnsRecordPlan } from "../../topology/plan";
import { psQuote, renderStep } from "./result";

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
export function renderForestScript(a: ForestScriptArgs): string {
  const paths = a.adDriveLetter
    ? ` -DatabasePath ${psQuote(`${a.adDriveLetter}:\\NTDS`)} -LogPath ${psQuote(`${a.adDriveLetter}:\\NTDS`)} -SysvolPath ${psQuote(`${a.adDriveLetter}:\\SYSVOL`)}`
    : "";
  return renderStep({
    step: FOREST_STEP,
    params: ["[Parameter(Mandatory = $true)][string]$SafeModePassword"],
    body: [
      "$role = (Get-CimInstance -ClassName Win32_ComputerSystem).DomainRole",
      "if ($role -ge 4) {",
      // Promoted, but if the restart never happened (it failed, or was cancelled) the domain does not
      // answer yet: schedule the restart again rather than report done.
      "  $answers = $true",
      `  try { Get-ADDomain -Identity ${psQuote(a.domainFqdn)} | Out-Null } catch { $answers = $false }`,
      "  if ($answers) {",
      "    $status = 'skipped'",
      "  } else {",
      "    shutdown.exe /r /t 60 /c 'pchat-kit: new forest'",
      "    $data['rebootScheduled'] = $true",
      "  }",
      "} else {",
      "  Install-WindowsFeature -Name @('AD-Domain-Services', 'DNS') -IncludeManagementTools | Out-Null",
      "  $safeMode = ConvertTo-SecureString -String $SafeModePassword -AsPlainText -Force",
      `  Install-ADDSForest -DomainName ${psQuote(a.domainFqdn)} -DomainNetbiosName ${psQuote(a.netbiosName)} -SafeModeAdministratorPassword $safeMode -InstallDns${paths} -NoRebootOnCompletion -Force | Out-Null`,
      "  shutdown.exe /r /t 60 /c 'pchat-kit: new forest'",
      "  $data['rebootScheduled'] = $true",
      "}",
      `$data['domain'] = ${psQuote(a.domainFqdn)}`,
    ],
  });
}

/**
 * Waits (bounded) until the domain answers after the promotion reboot, then makes sure the DNS
 * records of the plan exist (domain §6.4: an A record per server, and the pool FQDN on each server IP).
 */
export function renderDomainReadyScript(domainFqdn: string, records: readonly DnsRecordPlan[], timeoutMinutes = 30): string {
  const body: string[] = [
    `$deadline = (Get-Date).AddMinutes(${timeoutMinutes})`,
    "$ready = $false",
    "while (-not $ready) {",
    "  try {",
    `    Get-ADDomain -Identity ${psQuote(domainFqdn)} | Out-Null`,
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
        `if (-not (Get-DnsServerResourceRecord -ZoneName ${psQuote(r.zone)} -Name ${psQuote(r.name)} -RRType A -ErrorAction SilentlyContinue | Where-Object { $_.RecordData.IPv4Address.IPAddressToString -eq ${psQuote(ip)} })) {`,
        // Splatted: the grammar used to check these scripts misreads a parameter name with a digit.
        `  $record = @{ ZoneName = ${psQuote(r.zone)}; Name = ${psQuote(r.name)}; IPv4Address = ${psQuote(ip)} }`,
        "  Add-DnsServerResourceRecordA @record",
        "  $added++",
        "}",
      );
    }
  }
  body.push("$data['recordsAdded'] = $added", "if ($added -eq 0) { $status = 'skipped' }");
  return renderStep({ step: DOMAIN_READY_STEP, body });
}
