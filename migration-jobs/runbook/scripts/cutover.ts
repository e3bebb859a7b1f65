/**
 * Step 9: the cutover for legacy clients (domain §2.4 step 8, §6.5): delete the Lookup Server user
 * (`sip:ocschat@<domain>` by default), then create a Persistent Chat endpoint with the same SIP URI
 * so legacy Group Chat clients reach the new pool with no change. `-PersistentChatPoolFqdn` is
 * required on `New-CsPersistentChatEndpoint` (domain §4.3). An existing endpoint means it is done.
 * On a data-only legacy side (lync-install §3) there is no Lookup Server account to delete: the step
 * says so and still creates the endpoint, which the lab's legacy clients would use.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";
import { DATA_ONLY_REASON } from "./data-only";

export interface CutoverArgs {
  lookupSipUri: string;
  poolFqdn: string;
  displayName: string;
  /** False on a data-only legacy side: no Lookup account exists, so none is looked up or removed. */
  removeLookupAccount: boolean;
}

const REMOVE_LOOKUP_ACCOUNT = `  # The AD cmdlets come with the RSAT-AD-PowerShell feature, which a front end does not have by default.
  if (-not (Get-WindowsFeature -Name 'RSAT-AD-PowerShell').Installed) { Install-WindowsFeature -Name 'RSAT-AD-PowerShell' | Out-Null }
  Import-Module ActiveDirectory
  # The SIP URI was validated as sip:user@domain, so it holds none of LDAP's special characters.
  $accounts = @(Get-ADUser -LDAPFilter ('(msRTCSIP-PrimaryUserAddress=' + $LookupSipUri + ')'))
  foreach ($account in $accounts) {
    Remove-ADUser -Identity $account -Confirm:$false
  }
  $data['removedAccounts'] = $accounts.Count`;

const NO_LOOKUP_ACCOUNT = `  $data['lookupAccount'] = $LookupAccount`;

export function renderCutover(ctx: StepContext, args: CutoverArgs): RenderedScript {
  return renderStepScript(ctx, {
    params: { LookupSipUri: args.lookupSipUri, PoolFqdn: args.poolFqdn, DisplayName: args.displayName, ...(args.removeLookupAccount ? {} : { LookupAccount: DATA_ONLY_REASON }) },
    functions: `
function Get-LookupEndpoint {
  # -Identity takes the endpoint's SIP address (PS:Get-CsPersistentChatEndpoint); none is an error.
  return @(Get-CsPersistentChatEndpoint -Identity $LookupSipUri -ErrorAction SilentlyContinue)
}`,
    body: `
Import-Module Lync
if (@(Get-LookupEndpoint).Count -gt 0) {
  $status = 'skipped'
} else {
${args.removeLookupAccount ? REMOVE_LOOKUP_ACCOUNT : NO_LOOKUP_ACCOUNT}
  New-CsPersistentChatEndpoint -SipAddress $LookupSipUri -PersistentChatPoolFqdn $PoolFqdn -DisplayName $DisplayName
}
if (@(Get-LookupEndpoint).Count -ne 1) { throw ('no Persistent Chat endpoint with ' + $LookupSipUri + ' after the cutover') }
$data['endpoint'] = $LookupSipUri`,
  });
}
