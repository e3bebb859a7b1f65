/**
 * Step 7 of the Lync install (issue 11): the server's certificates, requested from the enterprise CA
 * and assigned (Request-CsCertificate -New, Set-CsCertificate, as the AWS Quick Start does,
 * lync-install.md §1). A front end takes Default, WebServicesInternal and WebServicesExternal; a
 * Persistent Chat server only Default, from the same CA as the front ends (lync-install.md §2;
 * argiesen/Skype4B l.4415-4421). Runs as the domain admin (the CA enrols domain accounts).
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { IMPORT_LYNC } from "./deploy-common";

export const CERTIFICATES_STEP = "lync-certificates";

export interface CertificatesArgs {
  /** The enterprise CA as Request-CsCertificate names it: `<CA host FQDN>\<CA name>` (PS:Request-CsCertificate -CA). */
  ca: string;
  /** Certificate types (PS:Set-CsCertificate -Type), e.g. ["Default"]. */
  types: string[];
  /** The friendly name the requested certificate carries, which also finds it again in the machine store. */
  friendlyName: string;
}

/** The CertType values of PS:Request-CsCertificate / Set-CsCertificate that a Lync 2013 internal server takes. */
const CERT_TYPES = new Set(["Default", "WebServicesInternal", "WebServicesExternal", "OAuthTokenIssuer", "Internal", "External"]);

/** A certificate counts as valid while it has more than this many days left (a renewal is another matter). */
const VALID_DAYS = 30;

/**
 * Skips when Get-CsCertificate shows a valid certificate for every type. Otherwise it reuses a valid
 * certificate of the same friendly name already in the machine store (one a run that failed before
 * Set-CsCertificate requested), so a rerun does not enrol a second one, and requests one only if none is there.
 */
export function renderCertificatesScript(target: ProvisioningTarget, args: CertificatesArgs): RenderedScript {
  if (!/^[A-Za-z0-9.-]+\\[^\\'"\r\n]+$/.test(args.ca)) throw new Error(`renderCertificatesScript: "${args.ca}" is not a CA as "<CA host FQDN>\\<CA name>"`);
  if (args.types.length === 0) throw new Error("renderCertificatesScript: no certificate type");
  for (const t of args.types) if (!CERT_TYPES.has(t)) throw new Error(`renderCertificatesScript: unknown certificate type ${t}`);
  if (args.friendlyName.trim() === "") throw new Error("renderCertificatesScript: empty friendly name");
  return renderProvisioningScript(target, CERTIFICATES_STEP, {
    params: { CertificationAuthority: args.ca, FriendlyName: args.friendlyName },
    body: `${IMPORT_LYNC}
$types = @(${args.types.map(psString).join(", ")})
$validUntil = (Get-Date).AddDays(${VALID_DAYS})
$missing = @($types | Where-Object { $t = $_; @(Get-CsCertificate -Type $t | Where-Object { $_.NotAfter -gt $validUntil }).Count -eq 0 })
if ($missing.Count -eq 0) {
  $status = 'skipped'
} else {
  $stored = @(Get-ChildItem -Path 'Cert:\\LocalMachine\\My' | Where-Object { $_.FriendlyName -eq $FriendlyName -and $_.HasPrivateKey -and $_.NotAfter -gt $validUntil } | Sort-Object -Property NotAfter -Descending)
  if ($stored.Count -gt 0) {
    $thumbprint = $stored[0].Thumbprint
    $data['reused'] = $true
  } else {
    $certificate = Request-CsCertificate -New -Type $missing -CA $CertificationAuthority -FriendlyName $FriendlyName -AllSipDomain
    $thumbprint = $certificate.Thumbprint
  }
  Set-CsCertificate -Type $missing -Thumbprint $thumbprint -Confirm:$false
  $data['thumbprint'] = $thumbprint
}
$data['types'] = ($types -join ',')
$data['assigned'] = ($missing -join ',')`,
  });
}
