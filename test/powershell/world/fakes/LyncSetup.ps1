<#
  The first steps of a Lync Server 2013 install (issue 11, steps 1-5): the lab's enterprise CA
  (ADCSDeployment), Active Directory preparation and the Central Management store (the Lync module),
  and SQL Express's RTC instance from Bootstrapper.exe /BootstrapSqlExpress (a program registered
  through Register-FakeProgram, fakes/Processes.ps1).

  State:
  - Computers[x].CertificationAuthority: @{ Name; Type } once Install-AdcsCertificationAuthority ran
    (Get-ItemProperty serves it as the CertSvc configuration key, fakes/Processes.ps1), with the
    CertSvc service running.
  - World.Domain.LyncPrep: @{ Schema; Forest; Domains (FQDNs prepared); StoreLocation (the Central
    Management store's service control point, `fqdn\instance`, or '') }. Enable-CsAdForest creates the
    universal groups forest preparation creates (World.Domain.Groups).
  - SQL (fakes/Sql.ps1): Install-CsDatabase -CentralManagementDatabase creates the store's databases
    (xds, lis) on the instance; the RTC instance Bootstrapper.exe installs.

  Rights, from the run-as identity (Add-FakeRunAs): Install-CsAdServerSchema needs Schema Admins,
  Enable-CsAdForest and an enterprise CA Enterprise Admins, Enable-CsAdDomain Domain Admins (the
  account's membership in World.Domain.Groups; Add-FakeForestAdministrator seeds the built-in
  administrator of a new forest). LocalSystem (no run-as) has none of them, as a Run Command without
  runAsUser.

  Install-CsDatabase is one fake for all its parameter sets: this file does -CentralManagementDatabase;
  for -ConfiguredDatabases, -DatabaseType and -LocalDatabases it calls Install-FakeCsTopologyDatabases
  (the fake of the published topology's owner, fakes/LyncDeploy.ps1) when that function exists, and
  fails as not faked otherwise.
#>

function Get-FakeLyncPrep {
  $d = (Get-FakeWorld).Domain
  if (-not $d.ContainsKey('LyncPrep')) { $d['LyncPrep'] = @{ Schema = $false; Forest = $false; Domains = @(); StoreLocation = '' } }
  return $d['LyncPrep']
}

<# Whether an account (`DOMAIN\sam`) is a direct member of a group of the domain. #>
function Test-FakeAdGroupMember {
  param([string]$Account, [string]$Group)
  $w = Get-FakeWorld
  $parts = $Account -split '\\', 2
  if ($parts.Count -ne 2 -or $parts[0] -ne [string]$w.Domain.NetbiosName) { return $false }
  if (-not $w.Domain.Users.ContainsKey($parts[1])) { return $false }
  $g = Find-FakeAdGroup -Identity $Group
  return ($null -ne $g -and @($g.Members) -contains $w.Domain.Users[$parts[1]].DistinguishedName)
}

<# Fails as the real cmdlet would when the run-as identity is not in one of the groups. #>
function Assert-FakeAdRight {
  param($Cmdlet, [string[]]$Groups, [string]$What)
  $identity = Get-FakeRunAsIdentity -ServerComputer $null
  foreach ($g in $Groups) { if (Test-FakeAdGroupMember -Account $identity -Group $g) { return } }
  Stop-FakeCommand -Cmdlet $Cmdlet -Message ($What + ': access is denied for ' + $identity + ' (it must be a member of ' + ($Groups -join ' or ') + ').') -ErrorId 'AccessDenied' -Category PermissionDenied -Target $identity
}

<# The Lync cmdlets exist once the core components are installed (ocscore.msi, then admintools.msi). #>
function Assert-FakeLyncCore {
  param($Cmdlet, [string]$Command)
  Assert-FakeModule -Cmdlet $Cmdlet -Module 'Lync' -Command $Command
  $c = Get-FakeComputer
  if (@($c.Products | Where-Object { $_.DisplayName -eq 'Microsoft Lync Server 2013, Core Components' }).Count -eq 0) {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ("The term '" + $Command + "' is not recognized as the name of a cmdlet, function, script file, or operable program (Lync Server 2013 Core Components are not installed on " + $c.Name + ').') -ErrorId 'CommandNotFoundException' -Category ObjectNotFound -ExceptionType 'System.Management.Automation.CommandNotFoundException'
  }
}

<# -Report: the cmdlets write an HTML log there when its folder exists. #>
function Write-FakeLyncReport {
  param([string]$Report, [string]$Text)
  if (-not $Report) { return }
  $local = Resolve-FakePath -Path $Report
  if (Test-Path -LiteralPath (Split-Path -Parent $local) -PathType Container) { [System.IO.File]::WriteAllText($local, ('<html><body>' + [System.Net.WebUtility]::HtmlEncode($Text) + '</body></html>')) }
}

#region enterprise CA

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/adcsdeployment/install-adcscertificationauthority.md
# (set NewKeyParameterSet; the ExistingCertificate and ExistingKey sets are left out). Needs the
# ADCS-Cert-Authority role service (the page: `Install-WindowsFeature Adcs-Cert-Authority` brings the
# cmdlet); "To install an enterprise certification authority, the computer must be joined to an AD DS
# domain and a user account that is a member of the Enterprise Admin group is required". A second CA on
# the same server fails (inferred message); without -Force it asks for confirmation (ConfirmImpact
# High), which a Run Command cannot answer.
function Install-AdcsCertificationAuthority {
  [CmdletBinding(DefaultParameterSetName = 'NewKeyParameterSet', SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [switch]$AllowAdministratorInteraction,
    [ValidateSet('Hours', 'Days', 'Weeks', 'Months', 'Years')][string]$ValidityPeriod,
    [int]$ValidityPeriodUnits,
    [string]$CACommonName,
    [string]$CADistinguishedNameSuffix,
    [ValidateSet('EnterpriseRootCA', 'EnterpriseSubordinateCA', 'StandaloneRootCA', 'StandaloneSubordinateCA')][string]$CAType,
    [string]$CryptoProviderName,
    [string]$DatabaseDirectory,
    [string]$HashAlgorithmName,
    [switch]$IgnoreUnicode,
    [int]$KeyLength,
    [string]$LogDirectory,
    [string]$OutputCertRequestFile,
    [switch]$OverwriteExistingCAinDS,
    [switch]$OverwriteExistingKey,
    [string]$ParentCA,
    [switch]$OverwriteExistingDatabase,
    [pscredential]$Credential,
    [switch]$Force
  )
  Enter-FakeCall -Command 'Install-AdcsCertificationAuthority' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ADCSDeployment' -Command 'Install-AdcsCertificationAuthority'
  $c = Get-FakeComputer
  if (-not (Test-FakeFeatureInstalled -Computer $c -Name 'ADCS-Cert-Authority')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The Certification Authority role service is not installed (Install-WindowsFeature ADCS-Cert-Authority).' -Category InvalidOperation }
  if ($c.ContainsKey('CertificationAuthority') -and $null -ne $c['CertificationAuthority']) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The Certification Authority is already installed (' + $c['CertificationAuthority'].Name + ').') -ErrorId 'Install-AdcsCertificationAuthority,Microsoft.CertificateServices.Deployment.Commands.CA.InstallADCSCertificationAuthority' -Category InvalidOperation }
  $type = $(if ($CAType) { $CAType } else { 'EnterpriseRootCA' })
  if ($type -like 'Enterprise*') {
    if ((Get-FakeDomainRole -Computer $c) -lt 3 -or -not (Get-FakeWorld).Domain.Available) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'An enterprise certification authority needs a computer joined to an AD DS domain.' -Category InvalidOperation }
    Assert-FakeAdRight -Cmdlet $PSCmdlet -Groups @('Enterprise Admins') -What 'Install-AdcsCertificationAuthority (enterprise CA)'
  }
  if ($type -like '*Subordinate*') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world installs root CAs only.' -Category NotImplemented }
  # -Force "runs without asking for user confirmation"; otherwise it asks (ConfirmImpact High).
  if ($WhatIfPreference -or -not $Force) { if (-not $PSCmdlet.ShouldProcess($c.Name, 'Install certification authority')) { return } }
  $name = $(if ($CACommonName) { $CACommonName } else { ([string](Get-FakeWorld).Domain.NetbiosName) + '-' + $c.Name + '-CA' })
  $c['CertificationAuthority'] = @{ Name = $name; Type = $type }
  Add-FakeService -Computer $c.Name -Name 'CertSvc' -DisplayName 'Active Directory Certificate Services' -Status Running -StartType Automatic | Out-Null
  New-FakeObject -TypeName 'Microsoft.CertificateServices.Deployment.Commands.CA.CertificationAuthoritySetupResult' -Properties ([ordered]@{ ErrorId = 0; ErrorString = '' })
}

#endregion

#region Active Directory preparation

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsAdServerSchema.md.
# SCHEMA_VERSION_STATE_CURRENT once extended (the page); SCHEMA_VERSION_STATE_NOT_AVAILABLE before
# (a value of the SchemaVersionState enum; which one a new forest shows is inferred).
function Get-CsAdServerSchema {
  [CmdletBinding()]
  param([string]$Report)
  Enter-FakeCall -Command 'Get-CsAdServerSchema' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Get-CsAdServerSchema'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  $state = $(if ((Get-FakeLyncPrep).Schema) { 'SCHEMA_VERSION_STATE_CURRENT' } else { 'SCHEMA_VERSION_STATE_NOT_AVAILABLE' })
  Write-FakeLyncReport -Report $Report -Text $state
  return $state
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Install-CsAdServerSchema.md
# (-SchemaMaster is Skype for Business Server 2015 only: left out). Extends the schema; needs Schema
# Admins (the schema master's rule; lync-install.md §2).
function Install-CsAdServerSchema {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param([string]$GlobalCatalog, [string]$GlobalSettingsDomainController, [string]$Ldf, [switch]$Force, [string]$Report)
  Enter-FakeCall -Command 'Install-CsAdServerSchema' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Install-CsAdServerSchema'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  Assert-FakeAdRight -Cmdlet $PSCmdlet -Groups @('Schema Admins') -What 'Install-CsAdServerSchema'
  if (-not $PSCmdlet.ShouldProcess('Active Directory schema', 'Extend')) { return }
  (Get-FakeLyncPrep).Schema = $true
  Write-FakeLyncReport -Report $Report -Text 'schema extended'
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsAdForest.md.
function Get-CsAdForest {
  [CmdletBinding()]
  param([string]$GlobalCatalog, [string]$GlobalSettingsDomainController, [string]$RootDomainController, [string]$Report, [bool]$SkipPrepareCheck)
  Enter-FakeCall -Command 'Get-CsAdForest' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Get-CsAdForest'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  $state = $(if ((Get-FakeLyncPrep).Forest) { 'LC_FORESTSETTINGS_STATE_READY' } else { 'LC_FORESTSETTINGS_STATE_NOT_READY' })
  Write-FakeLyncReport -Report $Report -Text $state
  return $state
}

<# The universal groups forest preparation creates (LS: Active Directory changes made by forest preparation; RBAC groups of Lync Server 2013). #>
function Get-FakeLyncForestGroups {
  return @('RTCUniversalServerAdmins', 'RTCUniversalUserAdmins', 'RTCUniversalReadOnlyAdmins', 'RTCUniversalGlobalReadOnlyGroup', 'RTCUniversalGlobalWriteGroup', 'RTCUniversalUserReadOnlyGroup', 'RTCUniversalServerReadOnlyGroup', 'RTCUniversalConfigReplicator', 'RTCUniversalSBATechnicians', 'RTCHSUniversalServices', 'RTCComponentUniversalServices', 'RTCProxyUniversalServices', 'CSAdministrator', 'CSArchivingAdministrator', 'CSHelpDesk', 'CSLocationAdministrator', 'CSResponseGroupAdministrator', 'CSResponseGroupManager', 'CSServerAdministrator', 'CSUserAdministrator', 'CSViewOnlyAdministrator', 'CSVoiceAdministrator', 'CSPersistentChatAdministrator')
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Enable-CsAdForest.md
# ("You must be an enterprise administrator in order to run the Enable-CsAdForest cmdlet locally").
# Needs the extended schema (Setup's order: schema, forest, domain); creates the universal groups in
# the local domain (-GroupDomain names another: refused, the world has one domain).
function Enable-CsAdForest {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param([string]$GroupDomain, [string]$GroupDomainController, [string]$GlobalCatalog, [string]$GlobalSettingsDomainController, [string]$RootDomainController, [switch]$Force, [string]$Report, [bool]$SkipPrepareCheck)
  Enter-FakeCall -Command 'Enable-CsAdForest' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Enable-CsAdForest'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  Assert-FakeAdRight -Cmdlet $PSCmdlet -Groups @('Enterprise Admins') -What 'Enable-CsAdForest'
  $w = Get-FakeWorld
  $prep = Get-FakeLyncPrep
  if (-not $prep.Schema) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Forest preparation cannot run: the Active Directory schema has not been extended (run Install-CsAdServerSchema).' -Category InvalidOperation }
  if ($GroupDomain -and $GroupDomain -ne $w.Domain.Fqdn) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The domain ' + $GroupDomain + ' cannot be found.') -Category ObjectNotFound -Target $GroupDomain }
  if (-not $PSCmdlet.ShouldProcess($w.Domain.Fqdn, 'Prepare the forest')) { return }
  $groups = Get-FakeAdCollection 'Groups'
  $container = 'CN=Users,' + (ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn)
  foreach ($name in (Get-FakeLyncForestGroups)) {
    if ($groups.ContainsKey($name)) { continue }
    $groups[$name] = @{ Name = $name; SamAccountName = $name; DistinguishedName = ('CN=' + $name + ',' + $container); GroupScope = 'Universal'; GroupCategory = 'Security'; ObjectGUID = (New-FakeGuid -Kind 'adgroup'); SID = (Get-FakeSid -Rid (1100 + (Get-FakeNextNumber -Kind 'rid'))); Members = @(); Description = ''; ObjectClasses = @('top', 'group'); Attributes = @{} }
  }
  $prep.Forest = $true
  Write-FakeLyncReport -Report $Report -Text 'forest prepared'
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsAdDomain.md.
function Get-CsAdDomain {
  [CmdletBinding()]
  param([string]$Domain, [string]$DomainController, [string]$GlobalCatalog, [string]$GlobalSettingsDomainController, [string]$Report)
  Enter-FakeCall -Command 'Get-CsAdDomain' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Get-CsAdDomain'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  $w = Get-FakeWorld
  $fqdn = $(if ($Domain) { $Domain } else { [string]$w.Domain.Fqdn })
  if ($fqdn -ne $w.Domain.Fqdn) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The domain ' + $fqdn + ' cannot be found.') -Category ObjectNotFound -Target $fqdn }
  $state = $(if (@((Get-FakeLyncPrep).Domains) -contains $fqdn.ToLowerInvariant()) { 'LC_DOMAINSETTINGS_STATE_READY' } else { 'LC_DOMAINSETTINGS_STATE_NOT_READY' })
  Write-FakeLyncReport -Report $Report -Text $state
  return $state
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Enable-CsAdDomain.md. Needs a
# prepared forest and Domain Admins; asks for confirmation (the AWS Quick Start passes -Confirm:$false,
# lync-install.md §1), which a Run Command cannot answer.
function Enable-CsAdDomain {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param([string]$Domain, [string]$DomainController, [bool]$SkipPrepareCheck, [switch]$CrossForest, [string]$GlobalCatalog, [string]$GlobalSettingsDomainController, [switch]$Force, [string]$Report)
  Enter-FakeCall -Command 'Enable-CsAdDomain' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Enable-CsAdDomain'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  Assert-FakeAdRight -Cmdlet $PSCmdlet -Groups @('Domain Admins') -What 'Enable-CsAdDomain'
  $w = Get-FakeWorld
  $prep = Get-FakeLyncPrep
  $fqdn = $(if ($Domain) { $Domain } else { [string]$w.Domain.Fqdn })
  if ($fqdn -ne $w.Domain.Fqdn) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The domain ' + $fqdn + ' cannot be found.') -Category ObjectNotFound -Target $fqdn }
  if (-not $prep.Forest -and -not $SkipPrepareCheck) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Domain preparation cannot run: the forest has not been prepared (run Enable-CsAdForest).' -Category InvalidOperation }
  if (-not $PSCmdlet.ShouldProcess($fqdn, 'Prepare the domain')) { return }
  if (@($prep.Domains) -notcontains $fqdn.ToLowerInvariant()) { $prep.Domains = @(@($prep.Domains) + $fqdn.ToLowerInvariant()) }
  Write-FakeLyncReport -Report $Report -Text 'domain prepared'
}

#endregion

#region Central Management store

<# The SQL instance a -SqlServerFqdn / -SqlInstanceName pair names (default instance when no name), or $null. #>
function Find-FakeCsSqlInstance {
  param([string]$SqlServerFqdn, [string]$SqlInstanceName)
  $name = $(if ($SqlInstanceName) { $SqlServerFqdn + '\' + $SqlInstanceName } else { $SqlServerFqdn })
  return (Get-FakeSqlInstanceByName -Name $name)
}

<# The login the run-as identity has on an instance when it is sysadmin there; else fails as setup does. #>
function Assert-FakeCsSqlAdmin {
  param($Cmdlet, $Instance)
  $identity = Get-FakeRunAsIdentity -ServerComputer (Find-FakeComputer -Name $Instance.Computer)
  $login = $null
  foreach ($k in $Instance.Logins.Keys) { if ($k -eq $identity -and $Instance.Logins[$k].Kind -eq 'Windows') { $login = $Instance.Logins[$k] } }
  if ($null -eq $login) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ("Login failed for user '" + $identity + "'.") -Category PermissionDenied -Target $Instance.Name }
  if (-not (Test-FakeSqlSysadmin -Login $login)) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ($identity + ' is not a member of the sysadmin role on ' + $Instance.Name + ': it cannot create the databases.') -Category PermissionDenied -Target $Instance.Name }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Install-CsDatabase.md (sets
# ByCMS, ByDatabase, ByConfigured and ByLocal, as the page declares them). -CentralManagementDatabase
# creates the store's databases xds and lis (Lync Server 2013's Central Management store; inferred
# from the product, the page does not list them) on the instance, as the run-as identity, which must
# be sysadmin there; an existing store is kept unless -Clean (the page: "will not overwrite any
# existing databases"); the forest must be prepared unless -SkipPrepareCheck. The other sets are the
# topology's: see the note at the top of this file.
function Install-CsDatabase {
  [CmdletBinding(DefaultParameterSetName = 'ByCMS', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'ByCMS', Mandatory = $true)][switch]$CentralManagementDatabase,
    [Parameter(ParameterSetName = 'ByConfigured', Mandatory = $true)][switch]$ConfiguredDatabases,
    [Parameter(ParameterSetName = 'ByDatabase', Mandatory = $true)][string]$DatabaseType,
    [Parameter(ParameterSetName = 'ByLocal', Mandatory = $true)][switch]$LocalDatabases,
    [switch]$Clean,
    [Parameter(ParameterSetName = 'ByCMS')][Parameter(ParameterSetName = 'ByDatabase')][switch]$Collocated,
    [string[]]$DatabasePaths,
    [Parameter(ParameterSetName = 'ByConfigured')][switch]$ExcludeCollocatedStores,
    [Parameter(ParameterSetName = 'ByConfigured')][Parameter(ParameterSetName = 'ByLocal')][switch]$ForDefaultInstance,
    [Parameter(ParameterSetName = 'ByConfigured')][Parameter(ParameterSetName = 'ByLocal')][string]$ForInstance,
    [string]$GlobalCatalog,
    [string]$GlobalSettingsDomainController,
    [switch]$SkipPrepareCheck,
    [Parameter(ParameterSetName = 'ByCMS')][Parameter(ParameterSetName = 'ByDatabase')][string]$SqlInstanceName,
    [Parameter(ParameterSetName = 'ByCMS', Mandatory = $true)][Parameter(ParameterSetName = 'ByDatabase', Mandatory = $true)][Parameter(ParameterSetName = 'ByConfigured', Mandatory = $true)][string]$SqlServerFqdn,
    [switch]$Update,
    [switch]$UseDefaultSqlPaths,
    [switch]$Force,
    [string]$Report,
    [Parameter(ParameterSetName = 'ByCMS')][switch]$Backup,
    [hashtable]$DatabasePathMap,
    [switch]$NoReindex
  )
  Enter-FakeCall -Command 'Install-CsDatabase' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Install-CsDatabase'
  if ($Clean -and $Update) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'You cannot use both Clean and Update in the same command.' -Category InvalidArgument }
  if ($PSCmdlet.ParameterSetName -ne 'ByCMS') {
    if (Get-Command -Name 'Install-FakeCsTopologyDatabases' -CommandType Function -ErrorAction SilentlyContinue) { return (Install-FakeCsTopologyDatabases -Cmdlet $PSCmdlet -Bound $PSBoundParameters) }
    Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Install-CsDatabase -' + $PSCmdlet.ParameterSetName.Substring(2) + ': the fake world has no published topology to read yet.') -Category NotImplemented
  }
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  if (-not $SkipPrepareCheck -and -not (Get-FakeLyncPrep).Forest) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The Active Directory forest is not prepared for Lync Server (run Enable-CsAdForest).' -Category InvalidOperation }
  $instance = Find-FakeCsSqlInstance -SqlServerFqdn $SqlServerFqdn -SqlInstanceName $SqlInstanceName
  if ($null -eq $instance -or -not $instance.Online) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message (Get-FakeSqlNetworkError) -Category ConnectionError -Target $SqlServerFqdn }
  Assert-FakeCsSqlAdmin -Cmdlet $PSCmdlet -Instance $instance
  if (-not $PSCmdlet.ShouldProcess($instance.Name, 'Install the Central Management store')) { return }
  foreach ($db in 'xds', 'lis') {
    if ($instance.Databases.ContainsKey($db) -and -not $Clean) { continue }
    $instance.Databases[$db] = @{ Name = $db; Content = (ConvertTo-FakeChatContent @{}); Files = @(@{ LogicalName = $db; PhysicalName = ($db + '.mdf'); Type = 'D' }, @{ LogicalName = ($db + '_log'); PhysicalName = ($db + '.ldf'); Type = 'L' }); SizeMB = 50; Users = @{} }
  }
  Write-FakeLyncReport -Report $Report -Text ('Central Management store on ' + $instance.Name)
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsConfigurationStoreLocation.md
# ("report back the SQL Server path ... to the computer running the Central Management store", a
# String). Nothing before Set-CsConfigurationStoreLocation (inferred).
function Get-CsConfigurationStoreLocation {
  [CmdletBinding()]
  param([string]$GlobalSettingsDomainController, [string]$Report)
  Enter-FakeCall -Command 'Get-CsConfigurationStoreLocation' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Get-CsConfigurationStoreLocation'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  $location = [string](Get-FakeLyncPrep).StoreLocation
  Write-FakeLyncReport -Report $Report -Text $location
  if ($location) { return $location }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Set-CsConfigurationStoreLocation.md.
# Writes the service control point in AD (a prepared forest; the run-as identity in
# RTCUniversalServerAdmins or Domain Admins, inferred); without -SkipLookup "both the specified
# computer and the specified instance of SQL Server must be available" (and, inferred, hold the store).
function Set-CsConfigurationStoreLocation {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true)][string]$SqlServerFqdn,
    [string]$GlobalSettingsDomainController,
    [string]$SqlInstanceName,
    [switch]$SkipLookup,
    [switch]$Force,
    [string]$Report,
    [string]$MirrorSqlInstanceName,
    [string]$MirrorSqlServerFqdn
  )
  Enter-FakeCall -Command 'Set-CsConfigurationStoreLocation' -Parameters $PSBoundParameters
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Set-CsConfigurationStoreLocation'
  Assert-FakeAdAvailable -Cmdlet $PSCmdlet
  $prep = Get-FakeLyncPrep
  if (-not $prep.Forest) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The Active Directory forest is not prepared for Lync Server (run Enable-CsAdForest).' -Category InvalidOperation }
  Assert-FakeAdRight -Cmdlet $PSCmdlet -Groups @('RTCUniversalServerAdmins', 'Domain Admins') -What 'Set-CsConfigurationStoreLocation'
  if (-not $SkipLookup) {
    $instance = Find-FakeCsSqlInstance -SqlServerFqdn $SqlServerFqdn -SqlInstanceName $SqlInstanceName
    if ($null -eq $instance -or -not $instance.Online -or -not $instance.Databases.ContainsKey('xds')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('No Central Management store was found on ' + $SqlServerFqdn + $(if ($SqlInstanceName) { '\' + $SqlInstanceName } else { '' }) + '.') -Category ObjectNotFound -Target $SqlServerFqdn }
  }
  if (-not $PSCmdlet.ShouldProcess($SqlServerFqdn, 'Set the Central Management store location')) { return }
  $prep.StoreLocation = $SqlServerFqdn + $(if ($SqlInstanceName) { '\' + $SqlInstanceName } else { '' })
  Write-FakeLyncReport -Report $Report -Text $prep.StoreLocation
}

#endregion

#region Bootstrapper.exe /BootstrapSqlExpress

# Reference: Lync Server 2013's Bootstrapper.exe (installed by ocscore.msi under
# C:\Program Files\Microsoft Lync Server 2013\Deployment; lync-install.md §1, ibenbouzid's
# SfB-Install.ps1 runs `Bootstrapper /BootstrapSqlExpress`). /BootstrapSqlExpress installs SQL Server
# Express as the instance RTC from /SourceDirectory:<media>\Setup\amd64 (its SQLEXPR_x64.exe), the
# installing account sysadmin (SQL Server setup's SQLSYSADMINACCOUNTS; inferred), service MSSQL$RTC
# running. An instance already there is kept (exit 0). Exit codes: 0, 1 (the source has no
# SQLEXPR_x64.exe). Inferred from the public scripts: no Microsoft page documents these switches.
Register-FakeProgram -Name 'Bootstrapper.exe' -Match '(?i)/BootstrapSqlExpress' -Handler {
  param($Computer, [string]$FilePath, [string[]]$Words, [string]$Line)
  $source = $null
  foreach ($wd in $Words) { if ($wd -match '^(?i)/SourceDirectory:(.+)$') { $source = $Matches[1].Trim('"') } }
  if (-not $source) { return 1 }
  $setup = Resolve-FakeComputerPath -Computer $Computer -Path ($source.TrimEnd('\') + '\SQLEXPR_x64.exe')
  if ($null -eq $setup -or -not (Test-Path -LiteralPath $setup -PathType Leaf)) { return 1 }
  $fqdn = Get-FakeComputerFqdn -Computer $Computer
  if ($null -eq (Get-FakeSqlInstanceByName -Name ($fqdn + '\RTC'))) {
    Add-FakeSqlInstance -Computer $Computer.Name -Name ($fqdn + '\RTC') -Folders @() | Out-Null
    Add-FakeSqlLogin -Instance ($fqdn + '\RTC') -Login (Get-FakeRunAsIdentity -ServerComputer $Computer) -Windows
  }
  if (-not $Computer.Services.ContainsKey('MSSQL$RTC')) { Add-FakeService -Computer $Computer.Name -Name 'MSSQL$RTC' -DisplayName 'SQL Server (RTC)' -Status Running -StartType Automatic | Out-Null }
  return 0
}

#endregion

#region seeding

<#
.SYNOPSIS
  Seeding: the built-in administrator of a new forest, as promotion leaves the VM's admin account
  (member of Domain Admins, Schema Admins and Enterprise Admins). Seeds the domain's name first when
  it has none yet (-Fqdn, -NetbiosName: a lab's forest before its promotion; not available).
#>
function Add-FakeForestAdministrator {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$SamAccountName, [string]$Fqdn, [string]$NetbiosName, [string[]]$Groups = @('Domain Admins', 'Schema Admins', 'Enterprise Admins'))
  $w = Get-FakeWorld
  if (-not $w.Domain.Fqdn) {
    if (-not $Fqdn) { throw 'Add-FakeForestAdministrator: the world has no domain; give -Fqdn' }
    Add-FakeDomain -Fqdn $Fqdn -NetbiosName $NetbiosName
  }
  if (-not $w.Domain.Users.ContainsKey($SamAccountName)) { Add-FakeAdUser -SamAccountName $SamAccountName }
  $dn = $w.Domain.Users[$SamAccountName].DistinguishedName
  $all = Get-FakeAdCollection 'Groups'
  $container = 'CN=Users,' + (ConvertTo-FakeDomainDn -Fqdn $w.Domain.Fqdn)
  foreach ($name in $Groups) {
    if (-not $all.ContainsKey($name)) {
      $scope = $(if ($name -eq 'Domain Admins') { 'Global' } else { 'Universal' })
      $all[$name] = @{ Name = $name; SamAccountName = $name; DistinguishedName = ('CN=' + $name + ',' + $container); GroupScope = $scope; GroupCategory = 'Security'; ObjectGUID = (New-FakeGuid -Kind 'adgroup'); SID = (Get-FakeSid -Rid (500 + (Get-FakeNextNumber -Kind 'builtin-rid'))); Members = @(); Description = ''; ObjectClasses = @('top', 'group'); Attributes = @{} }
    }
    if (@($all[$name].Members) -notcontains $dn) { $all[$name].Members = @(@($all[$name].Members) + $dn) }
  }
}

<#
.SYNOPSIS
  Seeding: Lync Server 2013's core components on a computer, as the media step leaves them (the
  Uninstall keys of ocscore.msi and admintools.msi, Bootstrapper.exe, the Lync module).
#>
function Add-FakeLyncCoreComponents {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Computer)
  $c = Add-FakeComputer -Name $Computer
  Add-FakeUninstallEntry -Computer $c.Name -ProductCode '{8901ADCD-90ED-43D5-8A39-A7D1B4A4A1C1}' -DisplayName 'Microsoft Lync Server 2013, Core Components' -DisplayVersion '5.0.8308.0'
  Add-FakeUninstallEntry -Computer $c.Name -ProductCode '{9D5751C8-F6AC-4A33-9704-B1D2EB1769B6}' -DisplayName 'Microsoft Lync Server 2013, Administrative Tools' -DisplayVersion '5.0.8308.0'
  Add-FakeModule -Computer $c.Name -Name 'Lync'
  $bootstrapper = Resolve-FakeComputerPath -Computer $c -Path 'C:\Program Files\Microsoft Lync Server 2013\Deployment\Bootstrapper.exe'
  New-Item -ItemType Directory -Path (Split-Path -Parent $bootstrapper) -Force | Out-Null
  [System.IO.File]::WriteAllText($bootstrapper, "fake file of Microsoft Lync Server 2013, Core Components`n")
}

<#
.SYNOPSIS
  Seeding: the user's Lync Server 2013 media as a fake ISO at -Path: the core components' packages
  (fakes/Processes.ps1, Add-FakeMsiPackage) under Setup\amd64 with the DisplayNames the kit looks
  for (src/components/scripts/lync/media.ts), ocscore.msi bringing Bootstrapper.exe and the Lync
  module, admintools.msi needing SMO and the CLR types, and SQLEXPR_x64.exe.
#>
function Add-FakeLyncMedia {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Path)
  $tmp = Join-Path ([System.IO.Path]::GetTempPath()) ('pchatkit-msi-' + [guid]::NewGuid().ToString('n'))
  New-Item -ItemType Directory -Path $tmp -Force | Out-Null
  try {
    $packages = @(
      @{ File = 'Setup\amd64\Setup\ocscore.msi'; Code = '{8901ADCD-90ED-43D5-8A39-A7D1B4A4A1C1}'; Name = 'Microsoft Lync Server 2013, Core Components'; Files = @('C:\Program Files\Microsoft Lync Server 2013\Deployment\Bootstrapper.exe'); Requires = @(); Modules = @() }
      @{ File = 'Setup\amd64\SQLSysClrTypes.msi'; Code = '{F1949145-EB64-4DE7-9D81-E6D27937146C}'; Name = 'Microsoft System CLR Types for SQL Server 2012 (x64)'; Files = @(); Requires = @(); Modules = @() }
      @{ File = 'Setup\amd64\SharedManagementObjects.msi'; Code = '{FA0A244E-F3C2-4589-B42A-3D522DE79A42}'; Name = 'Microsoft SQL Server 2012 Management Objects  (x64)'; Files = @(); Requires = @('Microsoft System CLR Types for SQL Server 2012*'); Modules = @() }
      @{ File = 'Setup\amd64\Setup\admintools.msi'; Code = '{9D5751C8-F6AC-4A33-9704-B1D2EB1769B6}'; Name = 'Microsoft Lync Server 2013, Administrative Tools'; Files = @(); Requires = @('Microsoft Lync Server 2013, Core Components', 'Microsoft SQL Server 2012 Management Objects*'); Modules = @('Lync') }
    )
    $files = [ordered]@{}
    foreach ($p in $packages) {
      $local = Join-Path $tmp ([System.IO.Path]::GetFileName($p.File))
      Add-FakeMsiPackage -Path $local -ProductCode $p.Code -DisplayName $p.Name -Requires $p.Requires -Modules $p.Modules -Files $p.Files
      $files[$p.File] = [System.IO.File]::ReadAllBytes($local)
    }
    $files['Setup\amd64\SQLEXPR_x64.exe'] = 'fake SQL Server 2012 Express setup'
    $files['Setup\amd64\Setup.exe'] = 'fake Lync Server 2013 setup'
    Add-FakeIsoImage -Path $Path -Files $files -Label 'LYNCSERVER2013'
  } finally {
    Remove-Item -LiteralPath $tmp -Recurse -Force
  }
}

#endregion
