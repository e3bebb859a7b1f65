<#
  Active Directory (ActiveDirectory, ADDSDeployment), DNS Server (DnsServer) and SMB shares (SmbShare).

  State (World.Domain): Fqdn, NetbiosName, Available (the domain answers: after the reboot that
  completes Install-ADDSForest, or seeded), DomainController (NetBIOS name), AutoJoin (computers count
  as domain members once the domain answers, standing in for the JsonADDomainExtension the kit chains
  after the domain is ready; Add-FakeDomain -NoAutoJoin turns it off), Users (SamAccountName ->
  @{ SamAccountName; Name; DistinguishedName; UserPrincipalName; Enabled; ObjectGUID; SID; GivenName;
  Surname; DisplayName; Attributes (LDAP name -> value, e.g. msRTCSIP-PrimaryUserAddress) }), Groups,
  OUs, DnsRecords (@{ ZoneName; HostName; RecordType = 'A'; IPv4Address }).
  Computers[x]: DomainRole, PendingForest (promotion done, reboot pending), Shares (name -> @{ Name;
  Path; FullAccess; ChangeAccess; ReadAccess; NoAccess; Description }); a share also links
  `\\host\name` and `\\host.fqdn\name` in the UNC tree to its folder.
#>

function ConvertTo-FakeDomainDn {
  param([string]$Fqdn)
  if (-not $Fqdn) { return '' }
  return (($Fqdn -split '\.') | ForEach-Object { 'DC=' + $_ }) -join ','
}

<# The domain role a computer has now (Win32_ComputerSystem.DomainRole). #>
function Get-FakeDomainRole {
  param($Computer)
  $w = Get-FakeWorld
  $role = [int]$Computer.DomainRole
  if ($role -lt 3 -and $w.Domain.Available -and $w.Domain.Fqdn -and (-not $w.Domain.ContainsKey('AutoJoin') -or $w.Domain['AutoJoin'])) { return 3 }
  return $role
}

<# AD cmdlets need the domain to answer and the computer to be in it (or to be its DC). #>
function Assert-FakeAdAvailable {
  param($Cmdlet)
  $w = Get-FakeWorld
  $c = Get-FakeComputer
  if (-not $w.Domain.Available -or (Get-FakeDomainRole -Computer $c) -lt 3) {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message 'Unable to find a default server with Active Directory Web Services running.' -ErrorId 'ActiveDirectoryServer:0,Microsoft.ActiveDirectory.Management.Commands' -Category ResourceUnavailable -ExceptionType 'System.InvalidOperationException'
  }
}

function Get-FakeAdCollection {
  param([string]$Kind)
  $d = (Get-FakeWorld).Domain
  if (-not $d.ContainsKey($Kind)) { $d[$Kind] = @{} }
  return $d[$Kind]
}

function Get-FakeSid {
  param([int]$Rid)
  return ('S-1-5-21-3623811015-3361044348-30300820-' + $Rid)
}

<# The containers an object may be created in: the domain, its default containers and its OUs. #>
function Test-FakeAdContainer {
  param([string]$Dn)
  $w = Get-FakeWorld
  $root = ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn
  $known = @($root, ('CN=Users,' + $root), ('CN=Computers,' + $root), ('OU=Domain Controllers,' + $root), ('CN=Builtin,' + $root))
  if ($known -contains $Dn) { return $true }
  return (Get-FakeAdCollection 'OUs').ContainsKey($Dn)
}

#region LDAP and -Filter evaluation

function Get-FakeAdAttribute {
  param($Object, [string]$Name)
  $n = $Name.ToLowerInvariant()
  switch ($n) {
    'samaccountname' { return $Object['SamAccountName'] }
    'name' { return $Object['Name'] }
    'cn' { return $Object['Name'] }
    'distinguishedname' { return $Object['DistinguishedName'] }
    'userprincipalname' { return $Object['UserPrincipalName'] }
    'displayname' { return $Object['DisplayName'] }
    'givenname' { return $Object['GivenName'] }
    'sn' { return $Object['Surname'] }
    'surname' { return $Object['Surname'] }
    'objectguid' { return $Object['ObjectGUID'] }
    'objectsid' { return $Object['SID'] }
    'sid' { return $Object['SID'] }
    'enabled' { return $Object['Enabled'] }
    'objectclass' { return @($Object['ObjectClasses']) }
    'objectcategory' { return $Object['ObjectCategory'] }
  }
  if ($Object.ContainsKey('Attributes')) { foreach ($k in $Object.Attributes.Keys) { if ($k -eq $Name) { return $Object.Attributes[$k] } } }
  return $null
}

function ConvertFrom-FakeLdapValue {
  param([string]$Value)
  return [regex]::Replace($Value, '\\([0-9A-Fa-f]{2})', { param($m) [string][char][Convert]::ToInt32($m.Groups[1].Value, 16) })
}

<# Evaluates an LDAP filter (RFC 4515: &, |, !, =, >=, <=, presence, * wildcards) against one object. #>
function Test-FakeLdapFilter {
  param($Object, [string]$Filter)
  $pos = [ref]0
  $result = Read-FakeLdapFilter -Object $Object -Text $Filter -Pos $pos
  if ($pos.Value -ne $Filter.Length) { throw ('The search filter cannot be recognized: ' + $Filter) }
  return $result
}

function Read-FakeLdapFilter {
  param($Object, [string]$Text, [ref]$Pos)
  if ($Pos.Value -ge $Text.Length -or $Text[$Pos.Value] -ne '(') { throw ('The search filter cannot be recognized: ' + $Text) }
  $Pos.Value++
  $op = $Text[$Pos.Value]
  $result = $false
  if ($op -eq '&' -or $op -eq '|') {
    $Pos.Value++
    $values = @()
    while ($Pos.Value -lt $Text.Length -and $Text[$Pos.Value] -eq '(') { $values += Read-FakeLdapFilter -Object $Object -Text $Text -Pos $Pos }
    if ($values.Count -eq 0) { throw ('The search filter cannot be recognized: ' + $Text) }
    $result = $(if ($op -eq '&') { @($values | Where-Object { -not $_ }).Count -eq 0 } else { @($values | Where-Object { $_ }).Count -gt 0 })
  } elseif ($op -eq '!') {
    $Pos.Value++
    $result = -not (Read-FakeLdapFilter -Object $Object -Text $Text -Pos $Pos)
  } else {
    $end = $Text.IndexOf(')', $Pos.Value)
    if ($end -lt 0) { throw ('The search filter cannot be recognized: ' + $Text) }
    $item = $Text.Substring($Pos.Value, $end - $Pos.Value)
    $Pos.Value = $end
    $m = [regex]::Match($item, '^(?<attr>[A-Za-z][A-Za-z0-9-]*)(?<op>=|>=|<=|~=)(?<value>.*)$')
    if (-not $m.Success) { throw ('The search filter cannot be recognized: ' + $Text) }
    $values = @(Get-FakeAdAttribute -Object $Object -Name $m.Groups['attr'].Value | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
    $raw = $m.Groups['value'].Value
    switch ($m.Groups['op'].Value) {
      '=' {
        if ($raw -eq '*') { $result = $values.Count -gt 0 }
        else {
          $parts = @($raw -split '\*' | ForEach-Object { [regex]::Escape((ConvertFrom-FakeLdapValue $_)) })
          $rx = '^(?i)' + ($parts -join '.*') + '$'
          $result = @($values | Where-Object { $_ -match $rx }).Count -gt 0
        }
      }
      '>=' { $result = @($values | Where-Object { $_ -ge (ConvertFrom-FakeLdapValue $raw) }).Count -gt 0 }
      '<=' { $result = @($values | Where-Object { $_ -le (ConvertFrom-FakeLdapValue $raw) }).Count -gt 0 }
      '~=' { $result = @($values | Where-Object { $_ -eq (ConvertFrom-FakeLdapValue $raw) }).Count -gt 0 }
    }
  }
  if ($Pos.Value -ge $Text.Length -or $Text[$Pos.Value] -ne ')') { throw ('The search filter cannot be recognized: ' + $Text) }
  $Pos.Value++
  return $result
}

<#
  Evaluates the AD module's -Filter language, the part scripts use: `*`, and comparisons
  `<Attribute> -eq|-ne|-like|-notlike '<value>'` joined by -and / -or (parentheses allowed).
#>
function Test-FakeAdFilter {
  param($Object, [string]$Filter)
  $f = $Filter.Trim()
  if ($f -eq '*') { return $true }
  while ($f.StartsWith('(') -and $f.EndsWith(')') -and (Test-FakeBalanced $f.Substring(1, $f.Length - 2))) { $f = $f.Substring(1, $f.Length - 2).Trim() }
  foreach ($joiner in '-or', '-and') {
    $parts = Split-FakeTopLevel -Text $f -Separator $joiner
    if ($parts.Count -gt 1) {
      $values = @($parts | ForEach-Object { Test-FakeAdFilter -Object $Object -Filter $_ })
      if ($joiner -eq '-or') { return (@($values | Where-Object { $_ }).Count -gt 0) }
      return (@($values | Where-Object { -not $_ }).Count -eq 0)
    }
  }
  $m = [regex]::Match($f, '^(?<attr>[A-Za-z][A-Za-z0-9-]*)\s+(?<op>-eq|-ne|-like|-notlike)\s+(?:''(?<v>(?:[^'']|'''')*)''|"(?<v2>[^"]*)"|(?<v3>\S+))$', 'IgnoreCase')
  if (-not $m.Success) { throw ("Error parsing query: '" + $Filter + "' (the fake world evaluates `<Attribute> -eq|-ne|-like|-notlike 'value'` joined by -and/-or).") }
  $v = $(if ($m.Groups['v'].Success) { $m.Groups['v'].Value.Replace("''", "'") } elseif ($m.Groups['v2'].Success) { $m.Groups['v2'].Value } else { $m.Groups['v3'].Value })
  $values = @(Get-FakeAdAttribute -Object $Object -Name $m.Groups['attr'].Value | Where-Object { $null -ne $_ } | ForEach-Object { [string]$_ })
  switch ($m.Groups['op'].Value.ToLowerInvariant()) {
    '-eq' { return (@($values | Where-Object { $_ -eq $v }).Count -gt 0) }
    '-ne' { return (@($values | Where-Object { $_ -eq $v }).Count -eq 0) }
    '-like' { return (@($values | Where-Object { $_ -like $v }).Count -gt 0) }
    '-notlike' { return (@($values | Where-Object { $_ -like $v }).Count -eq 0) }
  }
  return $false
}

function Test-FakeBalanced {
  param([string]$Text)
  $depth = 0
  $quote = $null
  foreach ($ch in $Text.ToCharArray()) {
    if ($quote) { if ($ch -eq $quote) { $quote = $null }; continue }
    if ($ch -eq "'" -or $ch -eq '"') { $quote = $ch; continue }
    if ($ch -eq '(') { $depth++ } elseif ($ch -eq ')') { $depth--; if ($depth -lt 0) { return $false } }
  }
  return ($depth -eq 0)
}

function Split-FakeTopLevel {
  param([string]$Text, [string]$Separator)
  $parts = [System.Collections.Generic.List[string]]::new()
  $depth = 0
  $quote = $null
  $start = 0
  $i = 0
  while ($i -lt $Text.Length) {
    $ch = $Text[$i]
    if ($quote) { if ($ch -eq $quote) { $quote = $null } }
    elseif ($ch -eq "'" -or $ch -eq '"') { $quote = $ch }
    elseif ($ch -eq '(') { $depth++ }
    elseif ($ch -eq ')') { $depth-- }
    elseif ($depth -eq 0 -and $i + $Separator.Length + 1 -lt $Text.Length -and [char]::IsWhiteSpace($Text[$i]) -and $Text.Substring($i + 1, $Separator.Length) -ieq $Separator -and [char]::IsWhiteSpace($Text[$i + 1 + $Separator.Length])) {
      $parts.Add($Text.Substring($start, $i - $start).Trim())
      $i += $Separator.Length + 1
      $start = $i
    }
    $i++
  }
  $parts.Add($Text.Substring($start).Trim())
  return , $parts.ToArray()
}

#endregion

#region users, groups, OUs

function Get-FakeAdUserObject {
  param($User, [string[]]$Properties)
  $o = [ordered]@{
    DistinguishedName = [string]$User.DistinguishedName
    Enabled           = [bool]$User.Enabled
    GivenName         = $User.GivenName
    Name              = [string]$User.Name
    ObjectClass       = 'user'
    ObjectGUID        = [guid]$User.ObjectGUID
    SamAccountName    = [string]$User.SamAccountName
    SID               = [string]$User.SID
    Surname           = $User.Surname
    UserPrincipalName = $User.UserPrincipalName
  }
  foreach ($p in @($Properties)) {
    if (-not $p) { continue }
    if ($p -eq '*') {
      if ($User.DisplayName) { $o['DisplayName'] = $User.DisplayName }
      foreach ($k in @($User.Attributes.Keys | Sort-Object)) { $o[$k] = $User.Attributes[$k] }
      continue
    }
    if ($o.Contains($p)) { continue }
    $o[$p] = Get-FakeAdAttribute -Object $User -Name $p
  }
  return New-FakeObject -TypeName 'Microsoft.ActiveDirectory.Management.ADUser' -Properties $o
}

<# The user an -Identity names (ADUser object, DN, GUID, SID or SamAccountName), or $null. #>
function Find-FakeAdUser {
  param($Identity)
  $users = (Get-FakeWorld).Domain.Users
  $key = $Identity
  if ($Identity -isnot [string]) {
    foreach ($p in 'DistinguishedName', 'ObjectGUID', 'SamAccountName', 'SID') { if ($null -ne $Identity.PSObject.Properties[$p] -and $Identity.$p) { $key = [string]$Identity.$p; break } }
  }
  $key = [string]$key
  foreach ($u in $users.Values) {
    if ($u.DistinguishedName -eq $key -or $u.SamAccountName -eq $key -or [string]$u.ObjectGUID -eq $key.Trim('{', '}') -or $u.SID -eq $key) { return $u }
  }
  return $null
}

function Stop-FakeAdNotFound {
  param($Cmdlet, $Identity)
  $root = ConvertTo-FakeDomainDn -Fqdn (Get-FakeWorld).Domain.Fqdn
  $text = $(if ($Identity -is [string]) { $Identity } elseif ($null -ne $Identity.PSObject.Properties['DistinguishedName']) { [string]$Identity.DistinguishedName } else { [string]$Identity })
  Stop-FakeCommand -Cmdlet $Cmdlet -Message ("Cannot find an object with identity: '" + $text + "' under: '" + $root + "'.") -ErrorId 'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException' -Category ObjectNotFound -Target $text
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/Get-ADUser.md
# (sets Filter, Identity, LdapFilter; -AuthType, -Credential, -Server, -Partition, -ResultPageSize,
# -SearchScope are left out; -SearchBase limits to a container's subtree). An unknown -Identity is a
# terminating error, as the AD module's is whatever -ErrorAction says.
function Get-ADUser {
  [CmdletBinding(DefaultParameterSetName = 'Filter')]
  param(
    [Parameter(ParameterSetName = 'Filter', Mandatory = $true)][string]$Filter,
    [Parameter(ParameterSetName = 'Identity', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
    [Parameter(ParameterSetName = 'LdapFilter', Mandatory = $true)][string]$LDAPFilter,
    [Alias('Property')][string[]]$Properties,
    [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][int]$ResultSetSize,
    [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][string]$SearchBase
  )
  process {
    Enter-FakeCall -Command 'Get-ADUser' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'Get-ADUser'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $users = @((Get-FakeWorld).Domain.Users.Values | Sort-Object { $_.DistinguishedName })
    switch ($PSCmdlet.ParameterSetName) {
      'Identity' {
        $u = Find-FakeAdUser -Identity $Identity
        if ($null -eq $u) { Stop-FakeAdNotFound -Cmdlet $PSCmdlet -Identity $Identity }
        return (Get-FakeAdUserObject -User $u -Properties $Properties)
      }
      'Filter' { try { $hits = @($users | Where-Object { Test-FakeAdFilter -Object $_ -Filter $Filter }) } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Category ParserError -Target $Filter } }
      'LdapFilter' { try { $hits = @($users | Where-Object { Test-FakeLdapFilter -Object $_ -Filter $LDAPFilter }) } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Category InvalidArgument -Target $LDAPFilter } }
    }
    if ($SearchBase) { $hits = @($hits | Where-Object { $_.DistinguishedName -like ('*,' + $SearchBase) }) }
    if ($PSBoundParameters.ContainsKey('ResultSetSize')) { $hits = @($hits | Select-Object -First $ResultSetSize) }
    foreach ($u in $hits) { Get-FakeAdUserObject -User $u -Properties $Properties }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/Remove-ADUser.md
# (prompts for confirmation by default, as the AD module's Remove-* cmdlets do: ConfirmImpact High).
function Remove-ADUser {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
    [string]$Partition
  )
  process {
    Enter-FakeCall -Command 'Remove-ADUser' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'Remove-ADUser'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $u = Find-FakeAdUser -Identity $Identity
    if ($null -eq $u) { Stop-FakeAdNotFound -Cmdlet $PSCmdlet -Identity $Identity }
    if ($PSCmdlet.ShouldProcess($u.DistinguishedName, 'Remove')) {
      $w = Get-FakeWorld
      $w.Domain.Users.Remove($u.SamAccountName)
      $groups = Get-FakeAdCollection 'Groups'
      foreach ($g in $groups.Values) { $g.Members = @(@($g.Members) | Where-Object { $_ -ne $u.DistinguishedName }) }
    }
  }
}

function New-FakeAdUserRecord {
  param([string]$Name, [string]$SamAccountName, [string]$Path, [bool]$Enabled, [hashtable]$Attributes, [string]$UserPrincipalName, [string]$GivenName, [string]$Surname, [string]$DisplayName)
  $w = Get-FakeWorld
  $rid = 1100 + (Get-FakeNextNumber -Kind 'rid')
  return @{
    Name              = $Name
    SamAccountName    = $SamAccountName
    DistinguishedName = ('CN=' + $Name + ',' + $Path)
    UserPrincipalName = $UserPrincipalName
    Enabled           = $Enabled
    ObjectGUID        = (New-FakeGuid -Kind 'aduser')
    SID               = (Get-FakeSid -Rid $rid)
    GivenName         = $GivenName
    Surname           = $Surname
    DisplayName       = $DisplayName
    ObjectClasses     = @('top', 'person', 'organizationalPerson', 'user')
    ObjectCategory    = ('CN=Person,CN=Schema,CN=Configuration,' + (ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn))
    Attributes        = $(if ($Attributes) { $Attributes } else { @{} })
  }
}

function Test-FakePasswordComplexity {
  param([string]$Password)
  if ($Password.Length -lt 7) { return $false }
  $classes = 0
  if ($Password -cmatch '[A-Z]') { $classes++ }
  if ($Password -cmatch '[a-z]') { $classes++ }
  if ($Password -match '[0-9]') { $classes++ }
  if ($Password -match '[^A-Za-z0-9]') { $classes++ }
  return ($classes -ge 3)
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/New-ADUser.md
# (the common attributes; -Instance, -Certificates, the authentication policy and Kerberos parameters
# are left out). An enabled account needs a password that meets the domain's complexity rules.
function New-ADUser {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Name,
    [Parameter(ValueFromPipelineByPropertyName = $true)][securestring]$AccountPassword,
    [Parameter(ValueFromPipelineByPropertyName = $true)][bool]$ChangePasswordAtLogon,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$Description,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$DisplayName,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$EmailAddress,
    [Parameter(ValueFromPipelineByPropertyName = $true)][bool]$Enabled,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$GivenName,
    [hashtable]$OtherAttributes,
    [switch]$PassThru,
    [Parameter(ValueFromPipelineByPropertyName = $true)][bool]$PasswordNeverExpires,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$Path,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$SamAccountName,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$Surname,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$UserPrincipalName
  )
  process {
    Enter-FakeCall -Command 'New-ADUser' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'New-ADUser'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $w = Get-FakeWorld
    $root = ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn
    $container = $(if ($Path) { $Path } else { 'CN=Users,' + $root })
    if (-not (Test-FakeAdContainer -Dn $container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Directory object not found' -ErrorId 'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException' -Category ObjectNotFound -Target $container }
    $sam = $(if ($SamAccountName) { $SamAccountName } else { $Name })
    if ($sam.Length -gt 20) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The name provided is not a properly formed account name' -Category InvalidArgument -Target $sam }
    if ($w.Domain.Users.ContainsKey($sam)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The specified account already exists' -ErrorId 'ActiveDirectoryServer:1316,Microsoft.ActiveDirectory.Management.Commands.NewADUser' -Category ResourceExists -Target $sam }
    $dn = 'CN=' + $Name + ',' + $container
    if (@($w.Domain.Users.Values | Where-Object { $_.DistinguishedName -eq $dn }).Count -gt 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'An attempt was made to add an object to the directory with a name that is already in use' -Category ResourceExists -Target $dn }
    if ($Enabled) {
      $plain = $(if ($AccountPassword) { [System.Net.NetworkCredential]::new('', $AccountPassword).Password } else { '' })
      if (-not (Test-FakePasswordComplexity -Password $plain)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The password does not meet the length, complexity, or history requirement of the domain.' -ErrorId 'ActiveDirectoryServer:1325,Microsoft.ActiveDirectory.Management.Commands.NewADUser' -Category InvalidData -Target $sam }
    }
    if ($PSCmdlet.ShouldProcess($dn, 'New')) {
      $attributes = @{}
      if ($OtherAttributes) { foreach ($k in $OtherAttributes.Keys) { $attributes[[string]$k] = $OtherAttributes[$k] } }
      if ($Description) { $attributes['description'] = $Description }
      if ($EmailAddress) { $attributes['mail'] = $EmailAddress }
      $u = New-FakeAdUserRecord -Name $Name -SamAccountName $sam -Path $container -Enabled ([bool]$Enabled) -Attributes $attributes -UserPrincipalName $UserPrincipalName -GivenName $GivenName -Surname $Surname -DisplayName $DisplayName
      $w.Domain.Users[$sam] = $u
      if ($PassThru) { Get-FakeAdUserObject -User $u }
    }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/Set-ADUser.md
# (set Identity with -Add/-Replace/-Remove/-Clear and the common attributes; set Instance and the
# less common attributes are left out).
function Set-ADUser {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
    [hashtable]$Add,
    [string[]]$Clear,
    [string]$Description,
    [string]$DisplayName,
    [string]$EmailAddress,
    [bool]$Enabled,
    [string]$GivenName,
    [switch]$PassThru,
    [hashtable]$Remove,
    [hashtable]$Replace,
    [string]$SamAccountName,
    [string]$Surname,
    [string]$UserPrincipalName
  )
  process {
    Enter-FakeCall -Command 'Set-ADUser' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'Set-ADUser'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $u = Find-FakeAdUser -Identity $Identity
    if ($null -eq $u) { Stop-FakeAdNotFound -Cmdlet $PSCmdlet -Identity $Identity }
    if (-not $PSCmdlet.ShouldProcess($u.DistinguishedName, 'Set')) { return }
    foreach ($k in @($Clear)) { if ($k) { $u.Attributes.Remove($k) } }
    if ($Replace) { foreach ($k in $Replace.Keys) { $u.Attributes[[string]$k] = $Replace[$k] } }
    if ($Add) {
      foreach ($k in $Add.Keys) {
        if ($u.Attributes.ContainsKey([string]$k)) { $u.Attributes[[string]$k] = @(@($u.Attributes[[string]$k]) + @($Add[$k])) }
        else { $u.Attributes[[string]$k] = $Add[$k] }
      }
    }
    if ($Remove) { foreach ($k in $Remove.Keys) { if ($u.Attributes.ContainsKey([string]$k)) { $u.Attributes[[string]$k] = @(@($u.Attributes[[string]$k]) | Where-Object { @($Remove[$k]) -notcontains $_ }) } } }
    if ($PSBoundParameters.ContainsKey('Description')) { $u.Attributes['description'] = $Description }
    if ($PSBoundParameters.ContainsKey('EmailAddress')) { $u.Attributes['mail'] = $EmailAddress }
    if ($PSBoundParameters.ContainsKey('DisplayName')) { $u.DisplayName = $DisplayName }
    if ($PSBoundParameters.ContainsKey('Enabled')) { $u.Enabled = $Enabled }
    if ($PSBoundParameters.ContainsKey('GivenName')) { $u.GivenName = $GivenName }
    if ($PSBoundParameters.ContainsKey('Surname')) { $u.Surname = $Surname }
    if ($PSBoundParameters.ContainsKey('UserPrincipalName')) { $u.UserPrincipalName = $UserPrincipalName }
    if ($PSBoundParameters.ContainsKey('SamAccountName') -and $SamAccountName -ne $u.SamAccountName) {
      $users = (Get-FakeWorld).Domain.Users
      if ($users.ContainsKey($SamAccountName)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The specified account already exists' -Category ResourceExists -Target $SamAccountName }
      $users.Remove($u.SamAccountName)
      $u.SamAccountName = $SamAccountName
      $users[$SamAccountName] = $u
    }
    if ($PassThru) { Get-FakeAdUserObject -User $u }
  }
}

function Get-FakeAdGroupObject {
  param($Group, [string[]]$Properties)
  $o = [ordered]@{
    DistinguishedName = [string]$Group.DistinguishedName
    GroupCategory     = [string]$Group.GroupCategory
    GroupScope        = [string]$Group.GroupScope
    Name              = [string]$Group.Name
    ObjectClass       = 'group'
    ObjectGUID        = [guid]$Group.ObjectGUID
    SamAccountName    = [string]$Group.SamAccountName
    SID               = [string]$Group.SID
  }
  foreach ($p in @($Properties)) {
    if (-not $p) { continue }
    if ($p -eq 'Members' -or $p -eq 'member' -or $p -eq '*') { $o['Members'] = @($Group.Members) }
    if ($p -eq 'Description' -or $p -eq '*') { $o['Description'] = [string]$Group.Description }
  }
  return New-FakeObject -TypeName 'Microsoft.ActiveDirectory.Management.ADGroup' -Properties $o
}

function Find-FakeAdGroup {
  param($Identity)
  $groups = Get-FakeAdCollection 'Groups'
  $key = $Identity
  if ($Identity -isnot [string]) { foreach ($p in 'DistinguishedName', 'SamAccountName', 'ObjectGUID') { if ($null -ne $Identity.PSObject.Properties[$p] -and $Identity.$p) { $key = [string]$Identity.$p; break } } }
  $key = [string]$key
  foreach ($g in $groups.Values) { if ($g.DistinguishedName -eq $key -or $g.SamAccountName -eq $key -or [string]$g.ObjectGUID -eq $key -or $g.SID -eq $key) { return $g } }
  return $null
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/Get-ADGroup.md
function Get-ADGroup {
  [CmdletBinding(DefaultParameterSetName = 'Filter')]
  param(
    [Parameter(ParameterSetName = 'Filter', Mandatory = $true)][string]$Filter,
    [Parameter(ParameterSetName = 'Identity', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
    [Parameter(ParameterSetName = 'LdapFilter', Mandatory = $true)][string]$LDAPFilter,
    [Alias('Property')][string[]]$Properties,
    [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][string]$SearchBase
  )
  process {
    Enter-FakeCall -Command 'Get-ADGroup' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'Get-ADGroup'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $groups = @((Get-FakeAdCollection 'Groups').Values | Sort-Object { $_.DistinguishedName })
    switch ($PSCmdlet.ParameterSetName) {
      'Identity' {
        $g = Find-FakeAdGroup -Identity $Identity
        if ($null -eq $g) { Stop-FakeAdNotFound -Cmdlet $PSCmdlet -Identity $Identity }
        return (Get-FakeAdGroupObject -Group $g -Properties $Properties)
      }
      'Filter' { try { $hits = @($groups | Where-Object { Test-FakeAdFilter -Object $_ -Filter $Filter }) } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Category ParserError -Target $Filter } }
      'LdapFilter' { try { $hits = @($groups | Where-Object { Test-FakeLdapFilter -Object $_ -Filter $LDAPFilter }) } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Category InvalidArgument -Target $LDAPFilter } }
    }
    if ($SearchBase) { $hits = @($hits | Where-Object { $_.DistinguishedName -like ('*,' + $SearchBase) }) }
    foreach ($g in $hits) { Get-FakeAdGroupObject -Group $g -Properties $Properties }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/New-ADGroup.md
function New-ADGroup {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Name,
    [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][ValidateSet('DomainLocal', 'Global', 'Universal')][string]$GroupScope,
    [Parameter(ValueFromPipelineByPropertyName = $true)][ValidateSet('Distribution', 'Security')][string]$GroupCategory = 'Security',
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$Description,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$DisplayName,
    [hashtable]$OtherAttributes,
    [switch]$PassThru,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$Path,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$SamAccountName
  )
  process {
    Enter-FakeCall -Command 'New-ADGroup' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'New-ADGroup'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $w = Get-FakeWorld
    $groups = Get-FakeAdCollection 'Groups'
    $container = $(if ($Path) { $Path } else { 'CN=Users,' + (ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn) })
    if (-not (Test-FakeAdContainer -Dn $container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Directory object not found' -Category ObjectNotFound -Target $container }
    $sam = $(if ($SamAccountName) { $SamAccountName } else { $Name })
    if ($groups.ContainsKey($sam) -or $w.Domain.Users.ContainsKey($sam)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The specified group already exists' -Category ResourceExists -Target $sam }
    if ($PSCmdlet.ShouldProcess(('CN=' + $Name + ',' + $container), 'New')) {
      $g = @{ Name = $Name; SamAccountName = $sam; DistinguishedName = ('CN=' + $Name + ',' + $container); GroupScope = $GroupScope; GroupCategory = $GroupCategory; ObjectGUID = (New-FakeGuid -Kind 'adgroup'); SID = (Get-FakeSid -Rid (1100 + (Get-FakeNextNumber -Kind 'rid'))); Members = @(); Description = $Description; ObjectClasses = @('top', 'group'); Attributes = $(if ($OtherAttributes) { @{} + $OtherAttributes } else { @{} }) }
      $groups[$sam] = $g
      if ($PassThru) { Get-FakeAdGroupObject -Group $g }
    }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/Add-ADGroupMember.md
function Add-ADGroupMember {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
    [Parameter(Mandatory = $true, Position = 1)][object[]]$Members,
    [string]$Partition,
    [switch]$PassThru
  )
  process {
    Enter-FakeCall -Command 'Add-ADGroupMember' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'Add-ADGroupMember'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $g = Find-FakeAdGroup -Identity $Identity
    if ($null -eq $g) { Stop-FakeAdNotFound -Cmdlet $PSCmdlet -Identity $Identity }
    $dns = @()
    foreach ($m in $Members) {
      $u = Find-FakeAdUser -Identity $m
      $o = $(if ($null -ne $u) { $u } else { Find-FakeAdGroup -Identity $m })
      if ($null -eq $o) { Stop-FakeAdNotFound -Cmdlet $PSCmdlet -Identity $m }
      $dns += $o.DistinguishedName
    }
    if ($PSCmdlet.ShouldProcess($g.DistinguishedName, 'Add members')) {
      foreach ($dn in $dns) { if (@($g.Members) -notcontains $dn) { $g.Members = @(@($g.Members) + $dn) } }
      if ($PassThru) { Get-FakeAdGroupObject -Group $g }
    }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/New-ADOrganizationalUnit.md
# (an OU is protected from accidental deletion unless -ProtectedFromAccidentalDeletion $false).
function New-ADOrganizationalUnit {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Name,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$Description,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$DisplayName,
    [hashtable]$OtherAttributes,
    [switch]$PassThru,
    [Parameter(ValueFromPipelineByPropertyName = $true)][string]$Path,
    [Parameter(ValueFromPipelineByPropertyName = $true)][bool]$ProtectedFromAccidentalDeletion = $true
  )
  process {
    Enter-FakeCall -Command 'New-ADOrganizationalUnit' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'New-ADOrganizationalUnit'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $w = Get-FakeWorld
    $ous = Get-FakeAdCollection 'OUs'
    $container = $(if ($Path) { $Path } else { ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn })
    if (-not (Test-FakeAdContainer -Dn $container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Directory object not found' -Category ObjectNotFound -Target $container }
    $dn = 'OU=' + $Name + ',' + $container
    if ($ous.ContainsKey($dn)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'An attempt was made to add an object to the directory with a name that is already in use' -Category ResourceExists -Target $dn }
    if ($PSCmdlet.ShouldProcess($dn, 'New')) {
      $ous[$dn] = @{ Name = $Name; DistinguishedName = $dn; ObjectGUID = (New-FakeGuid -Kind 'adou'); Description = $Description; ProtectedFromAccidentalDeletion = $ProtectedFromAccidentalDeletion }
      if ($PassThru) { New-FakeObject -TypeName 'Microsoft.ActiveDirectory.Management.ADOrganizationalUnit' -Properties ([ordered]@{ DistinguishedName = $dn; Name = $Name; ObjectClass = 'organizationalUnit'; ObjectGUID = [guid]$ous[$dn].ObjectGUID }) }
    }
  }
}

function Get-FakeAdOuObject {
  param($Ou)
  return New-FakeObject -TypeName 'Microsoft.ActiveDirectory.Management.ADOrganizationalUnit' -Properties ([ordered]@{
      DistinguishedName = [string]$Ou.DistinguishedName
      Name              = [string]$Ou.Name
      ObjectClass       = 'organizationalUnit'
      ObjectGUID        = [guid]$Ou.ObjectGUID
    })
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/Get-ADOrganizationalUnit.md
# (sets Filter, Identity, LdapFilter; -AuthType, -Credential, -Server, -Partition, -Properties beyond
# the default set, -ResultPageSize, -ResultSetSize and -SearchScope are left out; -SearchBase limits to
# a container's subtree). An unknown -Identity is a terminating error, as the AD module's is.
function Get-ADOrganizationalUnit {
  [CmdletBinding(DefaultParameterSetName = 'Filter')]
  param(
    [Parameter(ParameterSetName = 'Filter', Mandatory = $true)][string]$Filter,
    [Parameter(ParameterSetName = 'Identity', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
    [Parameter(ParameterSetName = 'LdapFilter', Mandatory = $true)][string]$LDAPFilter,
    [Parameter(ParameterSetName = 'Filter')][Parameter(ParameterSetName = 'LdapFilter')][string]$SearchBase
  )
  process {
    Enter-FakeCall -Command 'Get-ADOrganizationalUnit' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'Get-ADOrganizationalUnit'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $ous = @((Get-FakeAdCollection 'OUs').Values | Sort-Object { $_.DistinguishedName })
    switch ($PSCmdlet.ParameterSetName) {
      'Identity' {
        $key = $(if ($Identity -is [string]) { $Identity } elseif ($null -ne $Identity.PSObject.Properties['DistinguishedName']) { [string]$Identity.DistinguishedName } else { [string]$Identity })
        $hit = @($ous | Where-Object { $_.DistinguishedName -eq $key -or [string]$_.ObjectGUID -eq $key.Trim('{', '}') })
        if ($hit.Count -eq 0) { Stop-FakeAdNotFound -Cmdlet $PSCmdlet -Identity $Identity }
        return (Get-FakeAdOuObject -Ou $hit[0])
      }
      'Filter' { try { $hits = @($ous | Where-Object { Test-FakeAdFilter -Object $_ -Filter $Filter }) } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Category ParserError -Target $Filter } }
      'LdapFilter' { try { $hits = @($ous | Where-Object { Test-FakeLdapFilter -Object $_ -Filter $LDAPFilter }) } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message $_.Exception.Message -Category InvalidArgument -Target $LDAPFilter } }
    }
    if ($SearchBase) { $hits = @($hits | Where-Object { $_.DistinguishedName -like ('*,' + $SearchBase) }) }
    foreach ($o in $hits) { Get-FakeAdOuObject -Ou $o }
  }
}

#endregion

#region domain

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/activedirectory/Get-ADDomain.md
# (sets Current and Identity; -AuthType and -Credential are left out). The domain answers once it is
# available (after the reboot that completes Install-ADDSForest).
function Get-ADDomain {
  [CmdletBinding(DefaultParameterSetName = 'Current')]
  param(
    [Parameter(ParameterSetName = 'Current')][ValidateSet('LocalComputer', 'LoggedOnUser')][string]$Current,
    [Parameter(ParameterSetName = 'Identity', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object]$Identity,
    [string]$Server
  )
  process {
    Enter-FakeCall -Command 'Get-ADDomain' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ActiveDirectory' -Command 'Get-ADDomain'
    Assert-FakeAdAvailable -Cmdlet $PSCmdlet
    $w = Get-FakeWorld
    $d = $w.Domain
    $root = ConvertTo-FakeDomainDn -Fqdn $d.Fqdn
    if ($Server -and -not (Find-FakeComputer -Name $Server) -and $Server -ne $d.Fqdn) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Unable to contact the server. This may be because this server does not exist, it is currently down, or it does not have the Active Directory Web Services running.' -Category ResourceUnavailable -Target $Server }
    if ($PSCmdlet.ParameterSetName -eq 'Identity') {
      $id = $(if ($Identity -is [string]) { $Identity } elseif ($null -ne $Identity.PSObject.Properties['DNSRoot']) { [string]$Identity.DNSRoot } else { [string]$Identity })
      if (@($d.Fqdn, $d.NetbiosName, $root) -notcontains $id) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("Cannot find an object with identity: '" + $id + "' under: '" + $root + "'.") -ErrorId 'ActiveDirectoryCmdlet:Microsoft.ActiveDirectory.Management.ADIdentityNotFoundException' -Category ObjectNotFound -Target $id }
    }
    $dc = $(if ($d.ContainsKey('DomainController') -and $d['DomainController']) { ([string]$d['DomainController']).ToLowerInvariant() + '.' + $d.Fqdn } else { '' })
    New-FakeObject -TypeName 'Microsoft.ActiveDirectory.Management.ADDomain' -Properties ([ordered]@{
        DistinguishedName          = $root
        DNSRoot                    = [string]$d.Fqdn
        DomainMode                 = 'Windows2012R2Domain'
        Forest                     = [string]$d.Fqdn
        Name                       = ([string]$d.Fqdn -split '\.')[0]
        NetBIOSName                = [string]$d.NetbiosName
        PDCEmulator                = $dc
        RIDMaster                  = $dc
        InfrastructureMaster       = $dc
        ReplicaDirectoryServers    = @($dc)
        UsersContainer             = ('CN=Users,' + $root)
        ComputersContainer         = ('CN=Computers,' + $root)
        DomainControllersContainer = ('OU=Domain Controllers,' + $root)
        ObjectGUID                 = [guid]'6f0b2c1e-0000-4000-8000-000000000001'
      })
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/addsdeployment/Install-ADDSForest.md
# (-DnsDelegationCredential, -CreateDnsDelegation, -NoDnsOnNetwork, -SkipAutoConfigureDns,
# -SkipPreChecks are accepted and change nothing). Needs the AD-Domain-Services role; without
# -SafeModeAdministratorPassword it prompts ("the cmdlet prompts you to enter and confirm a masked
# password"), and without -Force it asks to continue (the reboot warning): both fail under a
# non-interactive Run Command. The password "must meet the password complexity rules". The computer
# becomes a domain controller (DomainRole 5, the domain's names set); the domain answers after the
# reboot that follows (at once unless -NoRebootOnCompletion; then at shutdown.exe /r).
function Install-ADDSForest {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [switch]$SkipPreChecks,
    [Parameter(Mandatory = $true)][string]$DomainName,
    [securestring]$SafeModeAdministratorPassword,
    [switch]$CreateDnsDelegation,
    [string]$DatabasePath = 'C:\Windows\NTDS',
    [pscredential]$DnsDelegationCredential,
    [switch]$NoDnsOnNetwork,
    [ValidateSet('Win2008', 'Win2008R2', 'Win2012', 'Win2012R2', 'Default')][string]$DomainMode,
    [string]$DomainNetbiosName,
    [ValidateSet('Win2008', 'Win2008R2', 'Win2012', 'Win2012R2', 'Default')][string]$ForestMode,
    [switch]$InstallDns,
    [string]$LogPath = 'C:\Windows\NTDS',
    [switch]$NoRebootOnCompletion,
    [switch]$SkipAutoConfigureDns,
    [string]$SysvolPath = 'C:\Windows\SYSVOL',
    [switch]$Force
  )
  Enter-FakeCall -Command 'Install-ADDSForest' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ADDSDeployment' -Command 'Install-ADDSForest'
  $w = Get-FakeWorld
  $c = Get-FakeComputer
  if (-not (Test-FakeFeatureInstalled -Computer $c -Name 'AD-Domain-Services')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Verification of prerequisites for Domain Controller promotion failed. The Active Directory Domain Services role is not installed on this computer (Install-WindowsFeature AD-Domain-Services).' -ErrorId 'Test.VerifyPrerequisites.Failed' -Category InvalidOperation }
  if ([int]$c.DomainRole -ge 4 -or ($c.ContainsKey('PendingForest') -and $c['PendingForest'])) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Verification of prerequisites for Domain Controller promotion failed. This computer is already a domain controller (or its promotion awaits a restart).' -ErrorId 'Test.VerifyPrerequisites.Failed' -Category InvalidOperation }
  if ($w.Domain.Available -and $w.Domain.Fqdn -eq $DomainName) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Verification of prerequisites for Domain Controller promotion failed. The specified domain name ' + $DomainName + ' is already in use on the network.') -ErrorId 'Test.VerifyPrerequisites.Failed' -Category ResourceExists }
  if ($DomainName -notmatch '^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The domain name ' + $DomainName + ' is not a valid DNS name.') -Category InvalidArgument -Target $DomainName }
  if (-not $PSBoundParameters.ContainsKey('SafeModeAdministratorPassword')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Install-ADDSForest prompts for the SafeModeAdministratorPassword when it is not given; a Run Command cannot answer a prompt.' -ErrorId 'PromptInNonInteractive' -Category InvalidOperation }
  $plain = [System.Net.NetworkCredential]::new('', $SafeModeAdministratorPassword).Password
  if (-not (Test-FakePasswordComplexity -Password $plain)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Verification of prerequisites for Domain Controller promotion failed. The Directory Services Restore Mode password does not meet the password complexity requirements.' -ErrorId 'Test.VerifyDsrmPasswordComplexity.Failed' -Category InvalidArgument }
  $netbios = $(if ($DomainNetbiosName) { $DomainNetbiosName } else { ($DomainName -split '\.')[0].ToUpperInvariant() })
  if ($netbios.Length -gt 15) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The NetBIOS domain name ' + $netbios + ' is longer than 15 characters.') -Category InvalidArgument -Target $netbios }
  foreach ($p in @($DatabasePath, $LogPath, $SysvolPath)) {
    if ($p -notmatch '^([A-Za-z]):') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The path ' + $p + ' is not a local path.') -Category InvalidArgument -Target $p }
    $letter = $Matches[1].ToUpperInvariant()
    if (-not $c.Volumes.ContainsKey($letter)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Verification of prerequisites for Domain Controller promotion failed. The drive ' + $letter + ': of ' + $p + ' does not exist.') -ErrorId 'Test.VerifyPrerequisites.Failed' -Category ObjectNotFound -Target $p }
    if ($c.Volumes[$letter].FileSystem -ne 'NTFS') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Verification of prerequisites for Domain Controller promotion failed. The path ' + $p + ' is not on an NTFS volume.') -ErrorId 'Test.VerifyPrerequisites.Failed' -Category InvalidArgument -Target $p }
  }
  if (-not $Force -and -not $WhatIfPreference) {
    if (-not $PSCmdlet.ShouldContinue('The target server will be configured as a domain controller and restarted when this operation is complete. Do you want to continue with this operation?', 'Install-ADDSForest')) { return }
  }
  if (-not $PSCmdlet.ShouldProcess($c.Name, ('Install a new forest ' + $DomainName))) { return }
  foreach ($p in @($DatabasePath, $LogPath, $SysvolPath)) { New-Item -ItemType Directory -Path (Resolve-FakeComputerPath -Computer $c -Path $p) -Force | Out-Null }
  if ($InstallDns) {
    $c.Features['DNS'] = @{ Name = 'DNS'; Installed = $true }
    if (@($c.Modules) -notcontains 'DnsServer') { $c.Modules = @(@($c.Modules) + 'DnsServer') }
  }
  $c.DomainRole = 5
  $c['PendingForest'] = @{ Fqdn = $DomainName; NetbiosName = $netbios; InstallDns = [bool]$InstallDns }
  $w.Domain.Fqdn = $DomainName
  $w.Domain.NetbiosName = $netbios
  $w.Domain['DomainController'] = $c.Name
  if (-not $NoRebootOnCompletion) { Invoke-FakeReboot -Computer $c }
  New-FakeObject -TypeName 'Microsoft.DirectoryServices.Deployment.Types.Result' -Properties ([ordered]@{ Message = 'Operation completed successfully'; Context = 'DCPromo.General.3'; RebootRequired = $true; Status = 'Success' })
}

<#
.SYNOPSIS
  Seeding: the domain. -Available: it answers (a forest promoted and restarted); -DomainController
  names its DC (a computer of the world, DomainRole 5); -NoAutoJoin: computers are not domain
  members unless their DomainRole says so (Add-FakeDomainMember).
#>
function Add-FakeDomain {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Fqdn,
    [string]$NetbiosName,
    [switch]$Available,
    [string]$DomainController,
    [switch]$NoAutoJoin
  )
  $w = Get-FakeWorld
  $w.Domain.Fqdn = $Fqdn.ToLowerInvariant()
  $w.Domain.NetbiosName = $(if ($NetbiosName) { $NetbiosName.ToUpperInvariant() } else { ($Fqdn -split '\.')[0].ToUpperInvariant() })
  $w.Domain.Available = [bool]$Available
  $w.Domain['AutoJoin'] = -not $NoAutoJoin
  if ($DomainController) {
    $c = Add-FakeComputer -Name $DomainController
    $c.DomainRole = 5
    $c.Features['AD-Domain-Services'] = @{ Name = 'AD-Domain-Services'; Installed = $true }
    $c.Features['DNS'] = @{ Name = 'DNS'; Installed = $true }
    $w.Domain['DomainController'] = $c.Name
  }
}

<# Seeding: a computer joined to the domain (DomainRole 3, a member server). #>
function Add-FakeDomainMember {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Computer)
  $c = Add-FakeComputer -Name $Computer
  if ([int]$c.DomainRole -lt 3) { $c.DomainRole = 3 }
}

<#
.SYNOPSIS
  Seeding: a user account. -SipAddress sets msRTCSIP-PrimaryUserAddress (a Lync-enabled account,
  such as the legacy ocschat@ lookup account); -Attributes adds other LDAP attributes.
#>
function Add-FakeAdUser {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$SamAccountName,
    [string]$Name,
    [string]$SipAddress,
    [string]$Path,
    [bool]$Enabled = $true,
    [hashtable]$Attributes = @{}
  )
  $w = Get-FakeWorld
  if (-not $w.Domain.Fqdn) { throw 'Add-FakeAdUser: seed the domain first (Add-FakeDomain)' }
  $container = $(if ($Path) { $Path } else { 'CN=Users,' + (ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn) })
  $attrs = @{} + $Attributes
  if ($SipAddress) { $attrs['msRTCSIP-PrimaryUserAddress'] = $SipAddress }
  $n = $(if ($Name) { $Name } else { $SamAccountName })
  $w.Domain.Users[$SamAccountName] = New-FakeAdUserRecord -Name $n -SamAccountName $SamAccountName -Path $container -Enabled $Enabled -Attributes $attrs -UserPrincipalName ($SamAccountName + '@' + $w.Domain.Fqdn)
}

#endregion

#region DNS

<# The zones the current computer's DNS server holds (the domain's, once it answers, on a DC with DNS). #>
function Get-FakeDnsZones {
  param($Computer)
  $w = Get-FakeWorld
  if ($w.Domain.Available -and $w.Domain.Fqdn -and [int]$Computer.DomainRole -ge 4 -and (Test-FakeFeatureInstalled -Computer $Computer -Name 'DNS')) { return @($w.Domain.Fqdn, ('_msdcs.' + $w.Domain.Fqdn)) }
  return @()
}

function Resolve-FakeDnsServer {
  param($Cmdlet, [string]$ComputerName)
  if (-not $ComputerName) { return (Get-FakeComputer) }
  $c = Find-FakeComputer -Name $ComputerName
  if ($null -eq $c) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ('Failed to connect to server ' + $ComputerName + '.') -Category ConnectionError -Target $ComputerName }
  return $c
}

function Get-FakeDnsRecordObject {
  param($Record)
  $data = New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DNS/DnsServerResourceRecordA' -Properties ([ordered]@{ IPv4Address = [System.Net.IPAddress]::Parse([string]$Record.IPv4Address) })
  return New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#root/Microsoft/Windows/DNS/DnsServerResourceRecord' -Properties ([ordered]@{
      DistinguishedName = ('DC=' + $Record.HostName + ',DC=' + $Record.ZoneName + ',cn=MicrosoftDNS,DC=DomainDnsZones,' + (ConvertTo-FakeDomainDn -Fqdn (Get-FakeWorld).Domain.Fqdn))
      HostName          = [string]$Record.HostName
      RecordClass       = 'IN'
      RecordType        = [string]$Record.RecordType
      Timestamp         = $null
      TimeToLive        = [timespan]::FromHours(1)
      Type              = 1
      RecordData        = $data
    })
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/dnsserver/Get-DnsServerResourceRecord.md
# (-Node and the CIM session parameters are left out). A name with no record is a non-terminating
# error ("Failed to get ... record"), as the real cmdlet's.
function Get-DnsServerResourceRecord {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Name,
    [Alias('Cn', 'ForwardLookupPrimaryServer')][string]$ComputerName,
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = $true)][ValidateSet('HInfo', 'Afsdb', 'Atma', 'Isdn', 'Key', 'Mb', 'Md', 'Mf', 'Mg', 'MInfo', 'Mr', 'Mx', 'NsNxt', 'Rp', 'Rt', 'Wks', 'X25', 'A', 'AAAA', 'CName', 'Ptr', 'Srv', 'Txt', 'Wins', 'WinsR', 'Ns', 'Soa', 'NasP', 'NasPtr', 'DName', 'Gpos', 'Loc', 'DhcId', 'Naptr', 'RRSig', 'DnsKey', 'DS', 'NSec', 'NSec3', 'NSec3Param')][string]$RRType,
    [Parameter(Mandatory = $true, Position = 2, ValueFromPipelineByPropertyName = $true)][Alias('ForwardLookupZone')][string]$ZoneName
  )
  process {
    Enter-FakeCall -Command 'Get-DnsServerResourceRecord' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'DnsServer' -Command 'Get-DnsServerResourceRecord'
    $server = Resolve-FakeDnsServer -Cmdlet $PSCmdlet -ComputerName $ComputerName
    $w = Get-FakeWorld
    if ((Get-FakeDnsZones -Computer $server) -notcontains $ZoneName) {
      Write-FakeError -Cmdlet $PSCmdlet -Message ('Failed to get the zone information for ' + $ZoneName + ' on server ' + $server.Name + '.') -ErrorId 'WIN32 9601,Get-DnsServerResourceRecord' -Target $ZoneName
      return
    }
    $records = @($w.Domain.DnsRecords | Where-Object { $_.ZoneName -eq $ZoneName })
    if ($Name) { $records = @($records | Where-Object { $_.HostName -eq $Name }) }
    if ($RRType) { $records = @($records | Where-Object { $_.RecordType -eq $RRType }) }
    if ($Name -and $records.Count -eq 0) {
      Write-FakeError -Cmdlet $PSCmdlet -Message ('Failed to get ' + $Name + ' record in ' + $ZoneName + ' zone on ' + $server.Name + ' server.') -ErrorId 'WIN32 9714,Get-DnsServerResourceRecord' -Target $Name
      return
    }
    foreach ($r in @($records | Sort-Object { $_.HostName }, { $_.IPv4Address })) { Get-FakeDnsRecordObject -Record $r }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/dnsserver/Add-DnsServerResourceRecordA.md
# (-CreatePtr, -AllowUpdateAny, -AgeRecord and -TimeToLive are accepted; the fake keeps no reverse
# zone). The same name with the same address again fails (the record exists).
function Add-DnsServerResourceRecordA {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ValueFromPipelineByPropertyName = $true)][switch]$AllowUpdateAny,
    [Parameter(ValueFromPipelineByPropertyName = $true)][switch]$CreatePtr,
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('DeviceName')][string]$Name,
    [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][Alias('IpAddress')][System.Net.IPAddress[]]$IPv4Address,
    [Alias('Cn', 'ForwardLookupPrimaryServer')][string]$ComputerName,
    [Parameter(ValueFromPipelineByPropertyName = $true)][timespan]$TimeToLive,
    [Parameter(Mandatory = $true, Position = 2, ValueFromPipelineByPropertyName = $true)][Alias('ForwardLookupZone')][string]$ZoneName,
    [Parameter(ValueFromPipelineByPropertyName = $true)][switch]$AgeRecord,
    [switch]$PassThru
  )
  process {
    Enter-FakeCall -Command 'Add-DnsServerResourceRecordA' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'DnsServer' -Command 'Add-DnsServerResourceRecordA'
    $server = Resolve-FakeDnsServer -Cmdlet $PSCmdlet -ComputerName $ComputerName
    $w = Get-FakeWorld
    if ((Get-FakeDnsZones -Computer $server) -notcontains $ZoneName) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Failed to create resource record ' + $Name + ' in ' + $ZoneName + ' zone on server ' + $server.Name + ': the zone ' + $ZoneName + ' was not found.') -ErrorId 'WIN32 9601,Add-DnsServerResourceRecordA' -Category ObjectNotFound -Target $ZoneName }
    foreach ($ip in $IPv4Address) {
      if ($ip.AddressFamily -ne [System.Net.Sockets.AddressFamily]::InterNetwork) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('' + $ip + ' is not an IPv4 address.') -Category InvalidArgument -Target $ip }
      $text = $ip.IPAddressToString
      if (@($w.Domain.DnsRecords | Where-Object { $_.ZoneName -eq $ZoneName -and $_.HostName -eq $Name -and $_.RecordType -eq 'A' -and $_.IPv4Address -eq $text }).Count -gt 0) {
        Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Failed to create resource record ' + $Name + ' in ' + $ZoneName + ' zone on server ' + $server.Name + '.') -ErrorId 'WIN32 9711,Add-DnsServerResourceRecordA' -Category ResourceExists -Target $Name
      }
      if ($PSCmdlet.ShouldProcess(($Name + '.' + $ZoneName), ('Add A record ' + $text))) {
        $r = @{ ZoneName = $ZoneName; HostName = $Name; RecordType = 'A'; IPv4Address = $text }
        $w.Domain.DnsRecords = @(@($w.Domain.DnsRecords) + @($r))
        if ($PassThru) { Get-FakeDnsRecordObject -Record $r }
      }
    }
  }
}

<# Seeding: an A record in a zone of the domain's DNS. #>
function Add-FakeDnsRecord {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$ZoneName, [Parameter(Mandatory = $true)][string]$Name, [Parameter(Mandatory = $true)][string]$IPv4Address)
  $w = Get-FakeWorld
  $w.Domain.DnsRecords = @(@($w.Domain.DnsRecords) + @(@{ ZoneName = $ZoneName; HostName = $Name; RecordType = 'A'; IPv4Address = ([System.Net.IPAddress]::Parse($IPv4Address)).IPAddressToString }))
}

#endregion

#region SMB shares

function Get-FakeSmbShareObject {
  param($Computer, $Share)
  return New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/SMB/MSFT_SmbShare' -Properties ([ordered]@{
      Name                  = [string]$Share.Name
      ScopeName             = '*'
      Path                  = [string]$Share.Path
      Description           = [string]$Share.Description
      Special               = [bool]$Share.Special
      ShareState            = 'Online'
      FolderEnumerationMode = 'Unrestricted'
      CachingMode           = 'Manual'
      ContinuouslyAvailable = $false
      EncryptData           = $false
      CurrentUsers          = 0
    })
}

function Get-FakeSmbShares {
  param($Computer)
  $special = @(
    @{ Name = 'ADMIN$'; Path = 'C:\Windows'; Description = 'Remote Admin'; Special = $true }
    @{ Name = 'IPC$'; Path = ''; Description = 'Remote IPC'; Special = $true }
  )
  foreach ($l in @($Computer.Volumes.Keys | Sort-Object)) { $special += @{ Name = ($l + '$'); Path = ($l + ':\'); Description = 'Default share'; Special = $true } }
  $own = @($Computer.Shares.Keys | Sort-Object | ForEach-Object { $Computer.Shares[$_] })
  return @($special + $own)
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/smbshare/Get-SmbShare.md
# (-Name and -IncludeHidden; the filter parameters and CIM session parameters are left out). A name
# with no share is a non-terminating error, as the real cmdlet's.
function Get-SmbShare {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Name,
    [switch]$IncludeHidden
  )
  process {
    Enter-FakeCall -Command 'Get-SmbShare' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'SmbShare' -Command 'Get-SmbShare'
    $c = Get-FakeComputer
    $all = @(Get-FakeSmbShares -Computer $c)
    if (-not $PSBoundParameters.ContainsKey('Name')) { foreach ($s in $all) { Get-FakeSmbShareObject -Computer $c -Share $s }; return }
    foreach ($n in $Name) {
      $hits = @($all | Where-Object { Test-FakeLike -Value $_.Name -Pattern $n })
      if ($hits.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ("No MSFT_SMBShare objects found with property 'Name' equal to '" + $n + "'.  Verify the value of the property and retry.") -ErrorId 'CmdletizationQuery_NotFound_Name,Get-SmbShare' -Target $n; continue }
      foreach ($s in $hits) { Get-FakeSmbShareObject -Computer $c -Share $s }
    }
  }
}

<# An account a share's permission names must resolve on this computer. #>
function Test-FakeAccountResolves {
  param($Computer, [string]$Account)
  $builtin = @('Everyone', 'BUILTIN\Administrators', 'BUILTIN\Users', 'NT AUTHORITY\Authenticated Users', 'NT AUTHORITY\SYSTEM', 'NT AUTHORITY\NETWORK SERVICE', 'CREATOR OWNER')
  if ($builtin -contains $Account) { return $true }
  $w = Get-FakeWorld
  if ($Account -match '^([^\\]+)\\(.+)$') {
    $prefix = $Matches[1]
    if ($prefix -eq $Computer.Name) { return $true }
    if ($w.Domain.NetbiosName -and $prefix -eq $w.Domain.NetbiosName) { return ($w.Domain.Available -and (Get-FakeDomainRole -Computer $Computer) -ge 3) }
  }
  return $false
}

<# Links `\\host\name` and `\\host.fqdn\name` in the UNC tree to a share's folder (relative symlinks). #>
function Publish-FakeSmbShare {
  param($Computer, [string]$Name, [string]$LocalPath)
  $w = Get-FakeWorld
  $hosts = @($Computer.Name.ToLowerInvariant(), $Computer.Name)
  if ($w.Domain.Fqdn) { $hosts += (Get-FakeComputerFqdn -Computer $Computer) }
  $uncRoot = Join-Path $w.Root 'unc'
  foreach ($h in ($hosts | Select-Object -Unique)) {
    $hostDir = Join-Path $uncRoot $h
    New-Item -ItemType Directory -Path $hostDir -Force | Out-Null
    $link = Join-Path $hostDir $Name
    $item = Get-Item -LiteralPath $link -Force -ErrorAction SilentlyContinue
    if ($null -ne $item) {
      if ($item.LinkType) { Remove-Item -LiteralPath $link -Force }
      elseif (@(Get-ChildItem -LiteralPath $link -Force).Count -eq 0) { Remove-Item -LiteralPath $link -Force }
      else { continue }
    }
    $relative = [System.IO.Path]::GetRelativePath($hostDir, $LocalPath)
    [System.IO.Directory]::CreateSymbolicLink($link, $relative) | Out-Null
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/smbshare/New-SmbShare.md
# (-Temporary, -ContinuouslyAvailable, -CATimeout, -ScopeName, -SecurityDescriptor and the CIM
# session parameters are left out; the page notes "The WhatIf parameter does not work with this
# cmdlet": the fake creates the share whatever -WhatIf says). The folder must exist; every account
# of the permissions must resolve (a domain account only on a member of a domain that answers).
function New-SmbShare {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [string]$Description,
    [uint32]$ConcurrentUserLimit,
    [ValidateSet('AccessBased', 'Unrestricted')][string]$FolderEnumerationMode,
    [ValidateSet('None', 'Manual', 'Documents', 'Programs', 'BranchCache', 'Unknown')][string]$CachingMode,
    [string[]]$FullAccess,
    [string[]]$ChangeAccess,
    [string[]]$ReadAccess,
    [string[]]$NoAccess,
    [Parameter(Mandatory = $true, Position = 1, ValueFromPipelineByPropertyName = $true)][string]$Path,
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string]$Name,
    [bool]$EncryptData
  )
  process {
    Enter-FakeCall -Command 'New-SmbShare' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'SmbShare' -Command 'New-SmbShare'
    $c = Get-FakeComputer
    if (@(Get-FakeSmbShares -Computer $c | Where-Object { $_.Name -eq $Name }).Count -gt 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The name has already been shared.' -ErrorId 'Windows System Error 2118,New-SmbShare' -Category ResourceExists -Target $Name }
    $local = Resolve-FakeComputerPath -Computer $c -Path $Path
    if ($null -eq $local -or -not (Test-Path -LiteralPath $local -PathType Container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The system cannot find the file specified.' -ErrorId 'Windows System Error 2,New-SmbShare' -Category ObjectNotFound -Target $Path }
    foreach ($a in @($FullAccess) + @($ChangeAccess) + @($ReadAccess) + @($NoAccess)) {
      if ($a -and -not (Test-FakeAccountResolves -Computer $c -Account $a)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'No mapping between account names and security IDs was done.' -ErrorId 'Windows System Error 1332,New-SmbShare' -Category NotSpecified -Target $a }
    }
    $share = @{ Name = $Name; Path = $Path; Description = [string]$Description; Special = $false; FullAccess = @($FullAccess | Where-Object { $_ }); ChangeAccess = @($ChangeAccess | Where-Object { $_ }); ReadAccess = @($ReadAccess | Where-Object { $_ }); NoAccess = @($NoAccess | Where-Object { $_ }) }
    $c.Shares[$Name] = $share
    Publish-FakeSmbShare -Computer $c -Name $Name -LocalPath $local
    Get-FakeSmbShareObject -Computer $c -Share $share
  }
}

<#
.SYNOPSIS
  Seeding: a share that exists on a computer (its folder created), linked into the UNC tree.
#>
function Add-FakeSmbShare {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Computer, [Parameter(Mandatory = $true)][string]$Name, [Parameter(Mandatory = $true)][string]$Path, [string[]]$FullAccess = @('BUILTIN\Administrators'))
  $c = Add-FakeComputer -Name $Computer
  if ($Path -match '^([A-Za-z]):' -and -not $c.Volumes.ContainsKey($Matches[1].ToUpperInvariant())) { Add-FakeVolume -Computer $c.Name -DriveLetter $Matches[1] -FileSystem 'NTFS' -Label '' }
  $local = Resolve-FakeComputerPath -Computer $c -Path $Path
  New-Item -ItemType Directory -Path $local -Force | Out-Null
  $c.Shares[$Name] = @{ Name = $Name; Path = $Path; Description = ''; Special = $false; FullAccess = @($FullAccess); ChangeAccess = @(); ReadAccess = @(); NoAccess = @() }
  Publish-FakeSmbShare -Computer $c -Name $Name -LocalPath $local
}

#endregion
