/**
 * Step 13: enable Persistent Chat by policy for users of the new clients (domain §2.4 step 13, §3:
 * the Lync 2013 client works only for users enabled by Persistent Chat policy). Reads the policy
 * first, so a re-run changes nothing.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";

export function renderEnablePolicy(ctx: StepContext, args: { policyIdentity: string }): RenderedScript {
  return renderStepScript(ctx, {
    params: { PolicyIdentity: args.policyIdentity },
    functions: `
function Get-Policy {
  return @(Get-CsPersistentChatPolicy | Where-Object { [string]$_.Identity -eq $PolicyIdentity })
}`,
    body: `
Import-Module Lync
$policy = @(Get-Policy)
if ($policy.Count -eq 0) {
  New-CsPersistentChatPolicy -Identity $PolicyIdentity -EnablePersistentChat $true | Out-Null
} elseif (-not $policy[0].EnablePersistentChat) {
  Set-CsPersistentChatPolicy -Identity $PolicyIdentity -EnablePersistentChat $true
} else {
  $status = 'skipped'
}
$after = @(Get-Policy)
if ($after.Count -ne 1 -or -not $after[0].EnablePersistentChat) { throw ('Persistent Chat is not enabled in policy ' + $PolicyIdentity) }
$data['policy'] = $PolicyIdentity`,
  });
}
