/**
 * Step 1c: the legacy principals in the deployment's directory, before anything stops (lync-install §3).
 *
 * - `seed` (a lab's new forest, whose legacy side is a restored database): reads the principals from
 *   the legacy database itself (tsql.ts) and creates what is missing, idempotently: the OUs (parents
 *   first), the users (disabled accounts with no password: nobody signs in as them) Lync-enabled on the
 *   front-end pool with their legacy SIP address (`Enable-CsUser -Identity -RegistrarPool -SipAddress`,
 *   PS:Enable-CsUser), the security groups and their members. Each object keeps its place below the
 *   domain root (the legacy `DC=` part becomes the lab's). It reports what it created, what it did not
 *   seed and why (the rules of migration-jobs/analysis/seeding.ts, rendered in), and fails naming the
 *   principals it could not create; a phase with failures stops the later ones, so a rerun resumes
 *   where the run stopped.
 * - `check` (an existing domain, where nothing is created): looks the principals up with Get-ADUser,
 *   Get-ADGroup and Get-ADOrganizationalUnit and reports the missing ones by name under the finding
 *   code PRINCIPAL_NOT_IN_TARGET_DOMAIN (a warning: the step succeeds).
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";
import { SEEDING_RULES } from "../../analysis/seeding";
import { FINDING_CODES } from "../../analysis/codes";
import { INVOKE_KIT_SQL } from "../../powershell/sql";
import { LEGACY_GROUP_MEMBERS_SQL, LEGACY_PRINCIPALS_SQL } from "./tsql";

export interface PrincipalsArgs {
  mode: "seed" | "check";
  /** The legacy database: `fqdn` or `fqdn\instance`. */
  dataSource: string;
  database: string;
  /** SQL login (its password is the protected `SqlPassword`), or null for Windows authentication. */
  sqlLogin: string | null;
  /** The deployment's AD domain FQDN: its DN is the root principals are placed under, and the UPN suffix. */
  domainFqdn: string;
  /** The SIP domains users may be enabled in. */
  sipDomains: string[];
  /** The front-end pool users are homed on (seed only). */
  registrarPool: string;
}

/** The code the check step reports missing principals under. */
export const MISSING_PRINCIPAL_CODE: keyof typeof FINDING_CODES = "PRINCIPAL_NOT_IN_TARGET_DOMAIN";

const FUNCTIONS = `
# The RDNs of a DN, split on unescaped commas (RFC 4514).
function Split-Dn {
  param([string]$Dn)
  return @([regex]::Split($Dn, '(?<!\\\\),') | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' })
}

function Get-RdnValue {
  param([string]$Rdn)
  return [regex]::Replace($Rdn.Substring($Rdn.IndexOf('=') + 1), '\\\\(.)', '$1')
}

# The container path below the domain root, or $null when a part cannot be recreated (only OUs, and
# CN=Users right under the domain, can): migration-jobs/analysis/seeding.ts relativeParent.
function Get-RelativeParent {
  param([string]$Dn)
  $parents = @(@(Split-Dn $Dn) | Select-Object -Skip 1 | Where-Object { $_ -notmatch '^(?i)DC=' })
  for ($i = 0; $i -lt $parents.Count; $i++) {
    if ($parents[$i] -match '^(?i)OU=') { continue }
    if ($parents[$i] -match '^(?i)CN=Users$' -and $i -eq $parents.Count - 1) { continue }
    return $null
  }
  return , $parents
}

function ConvertTo-TargetDn {
  param([string[]]$Rdns)
  $list = @($Rdns | Where-Object { $_ })
  if ($list.Count -eq 0) { return $DomainDn }
  return (($list -join ',') + ',' + $DomainDn)
}

# Every OU a relative path needs, parents first.
function Get-OuChain {
  param([string[]]$Rdns)
  $list = @($Rdns | Where-Object { $_ })
  $out = @()
  for ($i = $list.Count - 1; $i -ge 0; $i--) { if ($list[$i] -match '^(?i)OU=') { $out += (@($list[$i..($list.Count - 1)]) -join ',') } }
  return $out
}

function Get-Prop {
  param($Object, [string]$Name)
  $p = $Object.PSObject.Properties[$Name]
  if ($null -eq $p) { return $null }
  return $p.Value
}

# One principal row, sorted as migration-jobs/analysis/seeding.ts planSeeding sorts an inventory's.
function Get-SeedClass {
  param($Row)
  $type = [int]$Row['typeId']
  $key = $(if ($Row['uri']) { [string]$Row['uri'] } else { 'principal-id:' + $Row['id'] })
  $skip = { param([string]$Reason) return @{ Kind = 'skip'; Key = $key; Reason = (Get-Prop $rules.reasons $Reason) } }
  if (@($rules.federatedTypes) -contains $type) { return (& $skip 'federated') }
  if (@($rules.builtInTypes) -contains $type) { return @{ Kind = 'builtIn' } }
  $isUser = @($rules.userTypes) -contains $type
  $isGroup = @($rules.groupTypes) -contains $type
  $isFolder = @($rules.folderTypes) -contains $type
  if (-not ($isUser -or $isGroup -or $isFolder)) { return (& $skip 'unknownType') }
  if ([int]$Row['disabled'] -ne 0) { return (& $skip 'disabled') }
  $dn = $(if ($Row['adPath']) { ([string]$Row['adPath']).Trim() } else { '' })
  if ($dn -eq '') { return (& $skip 'noAdPath') }
  $first = @(Split-Dn $dn)[0]
  $parent = Get-RelativeParent $dn
  if ($isFolder) {
    if ($first -match '^(?i)(CN=Users|DC=.*)$') { return @{ Kind = 'builtIn' } }
    if ($first -notmatch '^(?i)OU=' -or $null -eq $parent) { return (& $skip 'container') }
    return @{ Kind = 'ou'; Ous = @(Get-OuChain (@($first) + $parent)); Key = $key; Dn = (ConvertTo-TargetDn (@($first) + $parent)) }
  }
  if ($null -eq $parent -or $first -notmatch '^(?i)CN=') { return (& $skip 'container') }
  $target = @{ Id = [int]$Row['id']; Key = $key; Rdn = $first; Name = (Get-RdnValue $first); Parent = $parent; Dn = (ConvertTo-TargetDn (@($first) + $parent)); Display = [string]$Row['name'] }
  if ($isGroup) { $target['Kind'] = 'group'; return $target }
  $uri = [string]$Row['uri']
  if ($uri -notmatch '^(?i)sip:[^@\\s]+@([^@\\s]+)$') { return (& $skip 'noSip') }
  if ($sipDomainList -notcontains $Matches[1].ToLowerInvariant()) { return (& $skip 'foreignSipDomain') }
  $target['Kind'] = 'user'
  $target['Sip'] = $uri
  return $target
}

# A sAMAccountName from a name: the characters AD accepts, at most 20 (users) or 64 (groups).
function Get-SamName {
  param([string]$Name, [int]$Max)
  $clean = ($Name -replace '[^A-Za-z0-9._-]', '')
  if ($clean.Length -gt $Max) { $clean = $clean.Substring(0, $Max) }
  return $clean
}

function Get-SomeNames {
  param([object[]]$Names, [int]$Max = 10)
  $list = @($Names)
  $shown = @($list | Select-Object -First $Max) -join '; '
  if ($list.Count -gt $Max) { $shown += ' and ' + ($list.Count - $Max) + ' more' }
  return $shown
}

function Read-LegacyPrincipals {
  if ($SqlLogin -ne '' -and $SqlPassword -eq '') { throw 'SqlLogin is set but the protected parameter SqlPassword is empty' }
  $plan = @{ Ous = (New-Object System.Collections.Generic.List[string]); Users = @(); Groups = @(); Skipped = @(); ById = @{} }
  foreach ($row in @(Invoke-KitSql -DataSource $DataSource -Database $Database -SqlLogin $SqlLogin -Sql $PrincipalsSql -Timeout 600 -Returns Rows)) {
    $c = Get-SeedClass -Row $row
    switch ($c.Kind) {
      'skip' { $plan.Skipped += ($c.Key + ' (' + $c.Reason + ')') }
      'ou' { foreach ($o in $c.Ous) { if (-not $plan.Ous.Contains($o)) { $plan.Ous.Add($o) } } }
      'user' { $plan.Users += $c; $plan.ById[$c.Id] = $c }
      'group' { $plan.Groups += $c; $plan.ById[$c.Id] = $c }
    }
    if ($c.Kind -eq 'user' -or $c.Kind -eq 'group') { foreach ($o in @(Get-OuChain $c.Parent)) { if (-not $plan.Ous.Contains($o)) { $plan.Ous.Add($o) } } }
  }
  # Parents first, then by name: the same order on every run.
  $plan.Ous = @($plan.Ous | Sort-Object @{ Expression = { @(Split-Dn $_).Count } }, @{ Expression = { $_ } })
  $data['notSeeded'] = $plan.Skipped.Count
  if ($plan.Skipped.Count -gt 0) { $data['notSeededNames'] = (Get-SomeNames $plan.Skipped) }
  return $plan
}`;

const SEED_BODY = `
$rules = $RulesJson | ConvertFrom-Json
$sipDomainList = @($SipDomains -split ',' | ForEach-Object { $_.Trim().ToLowerInvariant() } | Where-Object { $_ })
$plan = Read-LegacyPrincipals
$data['toSeed'] = $plan.Ous.Count + $plan.Users.Count + $plan.Groups.Count
Import-Module Lync
# The AD cmdlets come with the RSAT-AD-PowerShell feature, which a front end does not have by default.
if (-not (Get-WindowsFeature -Name 'RSAT-AD-PowerShell').Installed) { Install-WindowsFeature -Name 'RSAT-AD-PowerShell' | Out-Null }
Import-Module ActiveDirectory
$ous = @{}
foreach ($o in @(Get-ADOrganizationalUnit -Filter '*')) { $ous[([string]$o.DistinguishedName).ToLowerInvariant()] = $true }
$users = @{}
$sipOwner = @{}
foreach ($u in @(Get-ADUser -Filter '*' -Properties 'msRTCSIP-PrimaryUserAddress')) {
  $sip = [string](Get-Prop $u 'msRTCSIP-PrimaryUserAddress')
  $users[([string]$u.DistinguishedName).ToLowerInvariant()] = $sip
  if ($sip) { $sipOwner[$sip.ToLowerInvariant()] = ([string]$u.DistinguishedName).ToLowerInvariant() }
}
$groups = @{}
foreach ($g in @(Get-ADGroup -Filter '*' -Properties 'Members')) { $groups[([string]$g.DistinguishedName).ToLowerInvariant()] = @(@(Get-Prop $g 'Members') | ForEach-Object { ([string]$_).ToLowerInvariant() }) }
$done = [ordered]@{ ous = 0; users = 0; enabled = 0; groups = 0; memberships = 0 }
$failed = New-Object System.Collections.Generic.List[string]
$stopIfFailed = {
  param([string]$Phase)
  foreach ($k in $done.Keys) { $data[$k] = $done[$k] }
  if ($failed.Count -gt 0) {
    $data['failed'] = $failed.Count
    $data['failedNames'] = (Get-SomeNames $failed.ToArray())
    throw ('could not create ' + $failed.Count + ' principal(s) (' + $Phase + '; later phases not attempted): ' + $data['failedNames'])
  }
}
foreach ($o in $plan.Ous) {
  $rdns = @(Split-Dn $o)
  $dn = ConvertTo-TargetDn $rdns
  if ($ous.ContainsKey($dn.ToLowerInvariant())) { continue }
  try {
    New-ADOrganizationalUnit -Name (Get-RdnValue $rdns[0]) -Path (ConvertTo-TargetDn @($rdns | Select-Object -Skip 1)) -ProtectedFromAccidentalDeletion $false
    $ous[$dn.ToLowerInvariant()] = $true
    $done.ous++
  } catch { $failed.Add('OU ' + $dn + ': ' + $_.Exception.Message) }
}
& $stopIfFailed 'OUs'
foreach ($u in $plan.Users) {
  $key = $u.Dn.ToLowerInvariant()
  try {
    if (-not $users.ContainsKey($key)) {
      $sam = Get-SamName -Name (($u.Sip -replace '^(?i)sip:', '') -split '@')[0] -Max 20
      $display = $(if ($u.Display) { $u.Display } else { $u.Name })
      # Disabled and without a password: the account exists to be resolved, nobody signs in as it.
      New-ADUser -Name $u.Name -SamAccountName $sam -Path (ConvertTo-TargetDn $u.Parent) -UserPrincipalName ($sam + '@' + $DomainFqdn) -DisplayName $display -Enabled $false
      $users[$key] = ''
      $done.users++
    }
    $owner = $sipOwner[$u.Sip.ToLowerInvariant()]
    if ($null -ne $owner -and $owner -ne $key) { throw ('its SIP address ' + $u.Sip + ' belongs to ' + $owner) }
    if ($users[$key] -eq '') {
      Enable-CsUser -Identity $u.Dn -RegistrarPool $RegistrarPool -SipAddress $u.Sip
      $users[$key] = $u.Sip
      $sipOwner[$u.Sip.ToLowerInvariant()] = $key
      $done.enabled++
    } elseif ($users[$key] -ne $u.Sip) { throw ('it is Lync-enabled as ' + $users[$key]) }
  } catch { $failed.Add('user ' + $u.Key + ': ' + $_.Exception.Message) }
}
& $stopIfFailed 'users'
foreach ($g in $plan.Groups) {
  if ($groups.ContainsKey($g.Dn.ToLowerInvariant())) { continue }
  try {
    # Universal security groups (inferred): they resolve across the forest, as the legacy ones did.
    New-ADGroup -Name $g.Name -SamAccountName (Get-SamName -Name $g.Name -Max 64) -GroupScope Universal -GroupCategory Security -Path (ConvertTo-TargetDn $g.Parent)
    $groups[$g.Dn.ToLowerInvariant()] = @()
    $done.groups++
  } catch { $failed.Add('group ' + $g.Key + ': ' + $_.Exception.Message) }
}
& $stopIfFailed 'groups'
$wanted = [ordered]@{}
foreach ($m in @(Invoke-KitSql -DataSource $DataSource -Database $Database -SqlLogin $SqlLogin -Sql $MembersSql -Timeout 600 -Returns Rows)) {
  $group = $plan.ById[[int]$m['groupId']]
  $member = $plan.ById[[int]$m['memberId']]
  if ($null -eq $group -or $null -eq $member -or $group.Kind -ne 'group') { continue }
  if (@($groups[$group.Dn.ToLowerInvariant()]) -contains $member.Dn.ToLowerInvariant()) { continue }
  if (-not $wanted.Contains($group.Dn)) { $wanted[$group.Dn] = @() }
  $wanted[$group.Dn] += $member.Dn
}
foreach ($gdn in @($wanted.Keys)) {
  try {
    Add-ADGroupMember -Identity $gdn -Members $wanted[$gdn]
    $done.memberships += @($wanted[$gdn]).Count
  } catch { $failed.Add('members of ' + $gdn + ': ' + $_.Exception.Message) }
}
& $stopIfFailed 'memberships'
if (($done.Values | Measure-Object -Sum).Sum -eq 0) { $status = 'skipped' }`;

const CHECK_BODY = `
$rules = $RulesJson | ConvertFrom-Json
$sipDomainList = @($SipDomains -split ',' | ForEach-Object { $_.Trim().ToLowerInvariant() } | Where-Object { $_ })
$plan = Read-LegacyPrincipals
# The AD cmdlets come with the RSAT-AD-PowerShell feature, which a front end does not have by default.
if (-not (Get-WindowsFeature -Name 'RSAT-AD-PowerShell').Installed) { Install-WindowsFeature -Name 'RSAT-AD-PowerShell' | Out-Null }
Import-Module ActiveDirectory
$sips = @{}
foreach ($u in @(Get-ADUser -Filter '*' -Properties 'msRTCSIP-PrimaryUserAddress')) { $s = [string](Get-Prop $u 'msRTCSIP-PrimaryUserAddress'); if ($s) { $sips[$s.ToLowerInvariant()] = $true } }
$groupKeys = @{}
foreach ($g in @(Get-ADGroup -Filter '*')) { $groupKeys[([string]$g.DistinguishedName).ToLowerInvariant()] = $true; $groupKeys[([string]$g.Name).ToLowerInvariant()] = $true }
$ous = @{}
foreach ($o in @(Get-ADOrganizationalUnit -Filter '*')) { $ous[([string]$o.DistinguishedName).ToLowerInvariant()] = $true }
$missing = @()
foreach ($u in $plan.Users) { if (-not $sips.ContainsKey($u.Sip.ToLowerInvariant())) { $missing += ('user ' + $u.Sip) } }
foreach ($g in $plan.Groups) { if (-not ($groupKeys.ContainsKey($g.Dn.ToLowerInvariant()) -or $groupKeys.ContainsKey($g.Name.ToLowerInvariant()))) { $missing += ('group ' + $g.Dn) } }
foreach ($o in $plan.Ous) { $dn = ConvertTo-TargetDn @(Split-Dn $o); if (-not $ous.ContainsKey($dn.ToLowerInvariant())) { $missing += ('OU ' + $dn) } }
$data['checked'] = $plan.Users.Count + $plan.Groups.Count + $plan.Ous.Count
$data['missing'] = $missing.Count
if ($missing.Count -gt 0) {
  $data['finding'] = $FindingCode
  $data['missingNames'] = (Get-SomeNames $missing 20)
}`;

/** The seeding or the check step of the legacy principals (see the module comment). */
export function renderPrincipals(ctx: StepContext, args: PrincipalsArgs): RenderedScript {
  const domainDn = args.domainFqdn
    .split(".")
    .map((p) => `DC=${p}`)
    .join(",");
  return renderStepScript(ctx, {
    params: {
      DataSource: args.dataSource,
      Database: args.database,
      SqlLogin: args.sqlLogin ?? "",
      DomainDn: domainDn,
      DomainFqdn: args.domainFqdn,
      SipDomains: args.sipDomains.join(","),
      // JSON, because Run Command parameters are strings.
      RulesJson: JSON.stringify(SEEDING_RULES),
      PrincipalsSql: LEGACY_PRINCIPALS_SQL,
      ...(args.mode === "seed" ? { RegistrarPool: args.registrarPool, MembersSql: LEGACY_GROUP_MEMBERS_SQL } : { FindingCode: MISSING_PRINCIPAL_CODE }),
    },
    protectedParams: args.sqlLogin ? ["SqlPassword"] : [],
    functions: INVOKE_KIT_SQL + "\n" + FUNCTIONS,
    body: args.mode === "seed" ? SEED_BODY : CHECK_BODY,
  });
}
