<#
  Lync Server 2013 deployment, after the Central Management store exists (issue 11, steps 6-7): the
  published topology (Get-CsTopology, Publish-CsTopology; Enable-CsTopology is in Lync.ps1), the
  databases it places (Install-CsDatabase), each server's local store and replica
  (Export-/Import-CsConfiguration, Enable-CsReplica, Get-CsManagementStoreReplicationStatus), its
  roles and the cumulative update (Bootstrapper.exe, LyncServerUpdateInstaller.exe through the
  program hook of Processes.ps1), its certificates (Request-/Set-/Get-CsCertificate, the machine
  store through Get-ChildItem Cert:\LocalMachine\My) and Enable-CsComputer.

  State:
  - World.Lync.PublishedTopology: the document as the CMS returns it (Publish-CsTopology stores it
    re-serialized, without indentation and with a new Signature, so a script must compare it
    canonically); EnabledTopology: the one Enable-CsTopology last enabled. Get-CsService and
    Get-CsPersistentChatState see the pools the published document declares (Lync.ps1,
    Get-FakeCsPools): the Persistent Chat pool with its machines, SIP port (MtlsPort) and store.
  - The CMS location (World.Domain.LyncPrep.StoreLocation) and the enterprise CA
    (Computers[x].CertificationAuthority, its CertSvc service) are LyncSetup.ps1's.
  - Computers[x].LyncDeploy: LocalStore (the topology imported with -LocalStore), Replica (in the
    replication path), Certificates (the machine store: @{ Thumbprint; FriendlyName; Subject;
    Issuer; NotBefore; NotAfter; DnsNameList }), Assigned (type -> thumbprint), Enabled.
  - Services: /BootstrapLocalMgmt installs MSSQL$RTCLOCAL (running) and the Lync service REPLICA;
    a role's bootstrap installs RTCSRV (front end) or RTCCHAT (Persistent Chat) tagged with their pool,
    set to start manually until Enable-CsComputer (INFERRED, see enable.ts), with the role's product in
    the Uninstall keys at the RTM version 5.0.8308.0, which the cumulative update raises.
#>

# Functions, not variables: a script Invoke-FakeScript runs has its own script scope, where
# `$script:` would name that script's variables (FakeWorld.psm1).
function Get-FakeTopologyNs { return 'urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008' }
function Get-FakeServiceRolesNs { return 'urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008' }

#region state and the published document

function Get-FakeLyncDeploy {
  param($Computer)
  if (-not $Computer.ContainsKey('LyncDeploy')) {
    $Computer['LyncDeploy'] = @{ LocalStore = $null; Replica = $false; Certificates = @(); Assigned = @{}; Enabled = $false }
  }
  return $Computer['LyncDeploy']
}

function Get-FakeCsStore {
  $l = Get-FakeLync
  foreach ($k in 'PublishedTopology', 'EnabledTopology') { if (-not $l.ContainsKey($k)) { $l[$k] = $null } }
  return $l
}

<#
  The identity a Lync management cmdlet presents to AD and to the CMS's SQL Server: a Run Command
  without runAsUser runs as LocalSystem, which presents the computer account, and no Lync
  administrators' group holds that (lync-install.md §2: the Lync cmdlets run as a domain account).
#>
function Assert-FakeCsAdmin {
  param($Cmdlet, [string]$Command)
  $w = Get-FakeWorld
  if (-not $w.Domain.Available) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ($Command + ': cannot contact a global catalog of the domain.') -Category ConnectionError }
  $who = Get-FakeRunAsIdentity -ServerComputer $null
  if ($who -like 'NT AUTHORITY\*' -or $who.EndsWith('$')) {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ($Command + ': the account ' + $who + ' is not a member of RTCUniversalServerAdmins: run Lync management cmdlets as a domain account with Lync administrator rights.') -ErrorId 'AccessDenied' -Category PermissionDenied -Target $who
  }
}

<# The CMS must exist (Install-CsDatabase -CentralManagementDatabase, Set-CsConfigurationStoreLocation) before anything reads or writes the topology. #>
function Assert-FakeCsCms {
  param($Cmdlet, [string]$Command)
  if (-not (Get-FakeLyncPrep).StoreLocation) {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ($Command + ': the Central Management store location is not set in Active Directory (Set-CsConfigurationStoreLocation).') -ErrorId 'CmsNotFound' -Category ObjectNotFound
  }
}

<# The published document parsed, or a terminating error of the calling cmdlet naming what is wrong with it. #>
function Read-FakeTopologyText {
  param($Cmdlet, [string]$Text, [string]$Source)
  $doc = [System.Xml.XmlDocument]::new()
  try { $doc.LoadXml($Text) } catch { Stop-FakeCommand -Cmdlet $Cmdlet -Message ($Source + ' is not valid XML: ' + $_.Exception.Message) -Category InvalidData -Target $Source }
  $root = $doc.DocumentElement
  if ($root.LocalName -like 'TopologyBuilder*' -or $root.NamespaceURI -like '*TopologyBuilder*') {
    # PS:Publish-CsTopology: "this file format cannot be published by using the Publish-CsTopology cmdlet".
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ($Source + ' is a Topology Builder document (.tbxml), which Publish-CsTopology cannot publish.') -Category InvalidData -Target $Source
  }
  if ($root.LocalName -ne 'Topology' -or $root.NamespaceURI -ne (Get-FakeTopologyNs)) {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ($Source + ' is not a topology document: its root is ' + $root.Name + ' in ' + $root.NamespaceURI + '.') -Category InvalidData -Target $Source
  }
  return $doc
}

function Get-FakeClusterKey { param($Node) return ([string]$Node.GetAttribute('SiteId') + ':' + [string]$Node.GetAttribute('Number')) }
function Get-FakeServiceKey { param($Node) return ([string]$Node.GetAttribute('SiteId') + '-' + [string]$Node.GetAttribute('RoleName') + '-' + [string]$Node.GetAttribute('Instance')) }

<#
  The document as data: Clusters (site:number -> @{ Fqdn; Machines (FQDNs) }), SqlInstances
  (site:number:name -> @{ ServerFqdn; Name }), Services (site-role-instance -> @{ RoleName; Cluster;
  SqlInstance; DependsOn; Ports (usage -> port); Options (attributes of its role element) }), Site
  names. Problems lists every reference that does not resolve (the structural check the generator's
  tests also make, migration-jobs/lync-topology/check.ts).
#>
function ConvertFrom-FakeTopology {
  param([System.Xml.XmlDocument]$Doc)
  $ns = [System.Xml.XmlNamespaceManager]::new($Doc.NameTable)
  $ns.AddNamespace('t', (Get-FakeTopologyNs))
  $ns.AddNamespace('r', (Get-FakeServiceRolesNs))
  $m = @{ Clusters = @{}; SqlInstances = @{}; Services = [ordered]@{}; Sites = @{}; Problems = [System.Collections.Generic.List[string]]::new(); DefaultDomain = '' }
  $domains = $Doc.SelectSingleNode('/t:Topology/t:InternalDomains', $ns)
  if ($domains) { $m.DefaultDomain = [string]$domains.GetAttribute('DefaultDomain') }
  foreach ($s in @($Doc.SelectNodes('/t:Topology/t:Sites/t:CentralSite', $ns))) {
    $name = $s.SelectSingleNode('t:Name', $ns)
    $m.Sites[[string]$s.GetAttribute('SiteId')] = $(if ($name) { $name.InnerText } else { [string]$s.GetAttribute('SiteId') })
  }
  foreach ($c in @($Doc.SelectNodes('/t:Topology/t:Clusters/t:Cluster', $ns))) {
    $key = Get-FakeClusterKey $c.SelectSingleNode('t:ClusterId', $ns)
    $m.Clusters[$key] = @{ Fqdn = ([string]$c.GetAttribute('Fqdn')).ToLowerInvariant(); Machines = @($c.SelectNodes('t:Machine', $ns) | ForEach-Object { ([string]$_.GetAttribute('Fqdn')).ToLowerInvariant() }) }
  }
  foreach ($i in @($Doc.SelectNodes('/t:Topology/t:SqlInstances/t:SqlInstance/t:SqlInstanceId', $ns))) {
    $cluster = Get-FakeClusterKey $i.SelectSingleNode('t:ClusterId', $ns)
    if (-not $m.Clusters.ContainsKey($cluster)) { $m.Problems.Add('SQL instance "' + $i.GetAttribute('Name') + '" is on cluster ' + $cluster + ', which the document does not declare'); continue }
    $m.SqlInstances[$cluster + ':' + $i.GetAttribute('Name')] = @{ ServerFqdn = $m.Clusters[$cluster].Fqdn; Name = [string]$i.GetAttribute('Name') }
  }
  foreach ($svc in @($Doc.SelectNodes('/t:Topology/t:Services/t:Service', $ns))) {
    $idNode = $svc.SelectSingleNode('t:ServiceId', $ns)
    $entry = @{ RoleName = [string]$idNode.GetAttribute('RoleName'); Site = [string]$idNode.GetAttribute('SiteId'); Cluster = $null; SqlInstance = $null; DependsOn = @(); Ports = @{}; Options = @{} }
    $on = $svc.SelectSingleNode('t:InstalledOn/t:ClusterId', $ns)
    if ($on) { $entry.Cluster = Get-FakeClusterKey $on }
    $onSql = $svc.SelectSingleNode('t:InstalledOn/t:SqlInstanceId', $ns)
    if ($onSql) { $entry.SqlInstance = (Get-FakeClusterKey $onSql.SelectSingleNode('t:ClusterId', $ns)) + ':' + $onSql.GetAttribute('Name') }
    $entry.DependsOn = @($svc.SelectNodes('t:DependsOn/t:Dependency/t:ServiceId', $ns) | ForEach-Object { Get-FakeServiceKey $_ })
    foreach ($p in @($svc.SelectNodes('r:Ports/r:Port', $ns))) { if (-not $entry.Ports.ContainsKey([string]$p.GetAttribute('Usage'))) { $entry.Ports[[string]$p.GetAttribute('Usage')] = [int]$p.GetAttribute('Port') } }
    $role = $svc.SelectSingleNode('r:' + $entry.RoleName, $ns)
    if ($role) { foreach ($a in @($role.Attributes)) { if ($a.Name -ne 'xmlns') { $entry.Options[$a.LocalName] = $a.Value } } }
    $key = Get-FakeServiceKey $idNode
    if ($m.Services.Contains($key)) { $m.Problems.Add('service ' + $key + ' is declared twice') }
    $m.Services[$key] = $entry
    if ($entry.Cluster -and -not $m.Clusters.ContainsKey($entry.Cluster)) { $m.Problems.Add('service ' + $key + ' is installed on cluster ' + $entry.Cluster + ', which the document does not declare') }
    if ($entry.SqlInstance -and -not $m.SqlInstances.ContainsKey($entry.SqlInstance)) { $m.Problems.Add('service ' + $key + ' is installed on SQL instance ' + $entry.SqlInstance + ', which the document does not declare') }
    if (-not $entry.Cluster -and -not $entry.SqlInstance) { $m.Problems.Add('service ' + $key + ' is installed on nothing') }
  }
  foreach ($k in @($m.Services.Keys)) {
    foreach ($d in $m.Services[$k].DependsOn) { if (-not $m.Services.Contains($d)) { $m.Problems.Add('service ' + $k + ' depends on ' + $d + ', which the document does not declare') } }
  }
  return $m
}

<# The published document as data, or $null when nothing is published. #>
function Get-FakePublishedTopology {
  $l = Get-FakeCsStore
  if (-not $l.PublishedTopology) { return $null }
  $doc = [System.Xml.XmlDocument]::new()
  $doc.LoadXml([string]$l.PublishedTopology)
  return (ConvertFrom-FakeTopology -Doc $doc)
}

<# NetBIOS name (upper case) of a machine FQDN, as the world keys its computers. #>
function ConvertTo-FakeNetbios { param([string]$Fqdn) return (($Fqdn -split '\.')[0]).ToUpperInvariant() }

<#
  The pools the published document declares, in the shape Lync.ps1's Get-FakeCsPools keeps: a
  Persistent Chat pool per PersistentChatService (its cluster's FQDN, machines, SIP port, store), a
  front-end pool per Registrar. Called by Get-FakeCsPools.
#>
function Get-FakeCsPublishedPools {
  $pools = @{}
  $m = Get-FakePublishedTopology
  if ($null -eq $m) { return $pools }
  foreach ($k in @($m.Services.Keys)) {
    $s = $m.Services[$k]
    if (-not $s.Cluster -or -not $m.Clusters.ContainsKey($s.Cluster)) { continue }
    $cluster = $m.Clusters[$s.Cluster]
    $site = 'Site:' + $(if ($m.Sites.ContainsKey($s.Site)) { $m.Sites[$s.Site] } else { $s.Site })
    $computers = @($cluster.Machines | ForEach-Object { ConvertTo-FakeNetbios $_ })
    if ($s.RoleName -eq 'PersistentChatService') {
      $database = ''
      foreach ($d in $s.DependsOn) {
        if ($d -notlike '*-PersistentChatStore-1' -or -not $m.Services.Contains($d)) { continue }
        $sql = $m.SqlInstances[$m.Services[$d].SqlInstance]
        if ($sql) { $database = $sql.ServerFqdn + $(if ($sql.Name) { '\' + $sql.Name } else { '' }) }
      }
      $port = $(if ($s.Ports.ContainsKey('SipServer')) { [int]$s.Ports['SipServer'] } else { 5041 })
      $pools[$cluster.Fqdn] = @{ PoolFqdn = $cluster.Fqdn; Kind = 'PersistentChat'; SiteId = $site; Computers = $computers; ActiveServers = $null; PoolState = 'Normal'; Database = $database; FileStore = ''; MtlsPort = $port; Implicit = $true }
    } elseif ($s.RoleName -eq 'Registrar') {
      $pools[$cluster.Fqdn] = @{ PoolFqdn = $cluster.Fqdn; Kind = 'FrontEnd'; SiteId = $site; Computers = $computers; ActiveServers = $null; PoolState = 'Normal'; Database = ''; FileStore = ''; Implicit = $true }
    }
  }
  return $pools
}

<# The clusters of the published document a computer is a machine of (FQDN of the computer in the world's domain). #>
function Get-FakeCsMachineClusters {
  param($Model, $Computer)
  $fqdn = Get-FakeComputerFqdn -Computer $Computer
  return @($Model.Clusters.Keys | Where-Object { $Model.Clusters[$_].Machines -contains $fqdn })
}

#endregion

#region Get-CsTopology, Publish-CsTopology

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsTopology.md
# (-AsXml returns the document; the page pipes `(Get-CsTopology -AsXml).ToString()` to a file, so the
# fake returns an XElement). What the page leaves open, INFERRED here: before any publication, a new
# CMS returns an empty <Topology>; without -AsXml the fake returns a summary object (Sites, Clusters,
# Machines, Services as identities).
function Get-CsTopology {
  [CmdletBinding()]
  param([switch]$AsXml, [switch]$LocalStore)
  Enter-FakeCall -Command 'Get-CsTopology' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsTopology'
  $l = Get-FakeCsStore
  $text = $null
  if ($LocalStore) {
    $text = (Get-FakeLyncDeploy -Computer (Get-FakeComputer)).LocalStore
    if (-not $text) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Get-CsTopology: the local configuration store of this computer is empty (Import-CsConfiguration -LocalStore).' -Category ObjectNotFound }
  } else {
    Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Get-CsTopology'
    Assert-FakeCsCms -Cmdlet $PSCmdlet -Command 'Get-CsTopology'
    $text = $(if ($l.PublishedTopology) { [string]$l.PublishedTopology } else { '<Topology xmlns="' + (Get-FakeTopologyNs) + '" Signature="00000000-0000-0000-0000-000000000000" />' })
  }
  if ($AsXml) { return [System.Xml.Linq.XElement]::Parse($text) }
  $doc = [System.Xml.XmlDocument]::new()
  $doc.LoadXml($text)
  $m = ConvertFrom-FakeTopology -Doc $doc
  New-FakeObject -TypeName 'Microsoft.Rtc.Management.Deploy.Internal.DefaultTopology' -Properties ([ordered]@{
      Sites    = @($m.Sites.Values | Sort-Object)
      Clusters = @($m.Clusters.Values | ForEach-Object { $_.Fqdn } | Sort-Object)
      Machines = @($m.Clusters.Values | ForEach-Object { $_.Machines } | Sort-Object -Unique)
      Services = @($m.Services.Keys)
    })
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Publish-CsTopology.md
# (sets Filename, Document, Finalize; a .tbxml "cannot be published"; the published objects join the
# topology only once it is enabled, Enable-CsTopology). The fake refuses a document whose references
# do not resolve (the real cmdlet validates the topology before writing it; its exact checks are not
# public), needs the CMS and a Lync administrator (Assert-FakeCsAdmin), and stores the document
# re-serialized without indentation under a new Signature. -BackupFileName, -GlobalCatalog and
# -GlobalSettingsDomainController change nothing here; -FinalizeUninstall is not modelled (it fails).
function Publish-CsTopology {
  [CmdletBinding(DefaultParameterSetName = 'Filename', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'Filename', Mandatory = $true, Position = 0)][string]$FileName,
    [Parameter(ParameterSetName = 'Document', Mandatory = $true)][System.Xml.Linq.XElement]$Document,
    [Parameter(ParameterSetName = 'Finalize', Mandatory = $true)][switch]$FinalizeUninstall,
    [string]$BackupFileName,
    [string]$GlobalCatalog,
    [string]$GlobalSettingsDomainController,
    [switch]$Force,
    [string]$Report
  )
  Enter-FakeCall -Command 'Publish-CsTopology' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Publish-CsTopology'
  if ($FinalizeUninstall) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world does not model Publish-CsTopology -FinalizeUninstall.' -Category NotImplemented }
  Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Publish-CsTopology'
  Assert-FakeCsCms -Cmdlet $PSCmdlet -Command 'Publish-CsTopology'
  $text = $null
  $source = 'the document'
  if ($PSCmdlet.ParameterSetName -eq 'Filename') {
    $local = Resolve-FakePath -Path $FileName
    if (-not (Test-Path -LiteralPath $local -PathType Leaf)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("Could not find file '" + $FileName + "'.") -Category ObjectNotFound -Target $FileName -ExceptionType 'System.IO.FileNotFoundException' }
    $text = [System.IO.File]::ReadAllText($local)
    $source = $FileName
  } else {
    $text = $Document.ToString()
  }
  $doc = Read-FakeTopologyText -Cmdlet $PSCmdlet -Text $text -Source $source
  $m = ConvertFrom-FakeTopology -Doc $doc
  if ($m.Problems.Count -gt 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Publish-CsTopology: the topology is not valid: ' + ($m.Problems -join '; ')) -ErrorId 'TopologyValidationFailed' -Category InvalidData -Target $source }
  if ($PSCmdlet.ShouldProcess('the Central Management store', 'Publish topology')) {
    # A new Signature, derived from the content (the world's state holds no random ids).
    $doc.DocumentElement.RemoveAttribute('Signature')
    $hash = [System.BitConverter]::ToString([System.Security.Cryptography.SHA256]::Create().ComputeHash([System.Text.Encoding]::UTF8.GetBytes($doc.OuterXml))).Replace('-', '').ToLowerInvariant()
    $doc.DocumentElement.SetAttribute('Signature', ($hash.Substring(0, 8) + '-' + $hash.Substring(8, 4) + '-4' + $hash.Substring(13, 3) + '-8' + $hash.Substring(17, 3) + '-' + $hash.Substring(20, 12)))
    $l = Get-FakeCsStore
    $l.PublishedTopology = $doc.OuterXml
    $l.TopologyChangesPending = $true
    Step-FakeHistoryCount -Kind 'lync.publishTopology' -Key 'topology'
    Write-FakeCsReport -Report $Report -Title 'Publish-CsTopology' -Lines @('Published the topology')
  }
}

#endregion

#region Install-CsDatabase

<#
  The databases each store role creates (the names Lync Server 2013 gives them, INFERRED from the
  product, no reference page lists them all; mgc/mgccomp: lync-install.md §2). A role outside this
  list creates none in the fake; CentralMgmtStore's are LyncSetup.ps1's (-CentralManagementDatabase).
#>
function Get-FakeCsStoreDatabases {
  return @{
    UserStore                     = @('rtcxds', 'rtcshared', 'rtcab')
    ApplicationStore              = @('rgsconfig', 'rgsdyn', 'cpsdyn')
    ArchivingStore                = @('LcsLog')
    MonitoringStore               = @('LcsCDR', 'QoEMetrics')
    PersistentChatStore           = @('mgc')
    PersistentChatComplianceStore = @('mgccomp')
  }
}

<#
  Schema versions (issue 11, step 7: the cumulative update's database update). The fake gives each
  Lync database the version of the Lync binaries that created or last updated it (LyncVersion on the
  database), and expects the lowest version of the 'Microsoft Lync Server 2013*' products installed on
  the computer running the cmdlet (LyncServerUpdateInstaller.exe raises those). INFERRED
  simplification: real databases carry their own schema versions (Test-CsDatabase prints e.g.
  10.13.2), which a CU raises only when it changes the schema; here every CU raises them all. A
  database seeded without a version counts as RTM.
#>
function Get-FakeCsRtmVersion { return '5.0.8308.0' }

<# The installed Lync Server 2013 version of the current computer: its lowest Lync product's DisplayVersion. #>
function Get-FakeCsInstalledVersion {
  $versions = @((Get-FakeComputer).Products | Where-Object { ([string]$_.DisplayName) -like 'Microsoft Lync Server 2013*' } | ForEach-Object { [version][string]$_.DisplayVersion } | Sort-Object)
  if ($versions.Count -eq 0) { return (Get-FakeCsRtmVersion) }
  return [string]$versions[0]
}

function Get-FakeCsDatabaseVersion {
  param($Database)
  if ($Database.ContainsKey('LyncVersion') -and $Database['LyncVersion']) { return [string]$Database['LyncVersion'] }
  return (Get-FakeCsRtmVersion)
}

<#
  The local databases a computer's Lync services keep in its own SQL Express instances (RTCLOCAL:
  the replica's xds, a front end's rtc and rtcdyn; LYSS: lyss), `instance\name` -> version. INFERRED
  from the product (no reference page lists them); the bootstrapper creates them (below).
#>
function Get-FakeCsLocalDatabases {
  param($Computer)
  $d = Get-FakeLyncDeploy -Computer $Computer
  if (-not $d.ContainsKey('LocalDatabases')) { $d['LocalDatabases'] = @{} }
  return $d['LocalDatabases']
}

function Add-FakeCsLocalDatabases {
  param($Computer, [string[]]$Names)
  $local = Get-FakeCsLocalDatabases -Computer $Computer
  foreach ($n in $Names) { if (-not $local.ContainsKey($n)) { $local[$n] = (Get-FakeCsInstalledVersion) } }
}

<# Creates the databases on an instance that are missing (never overwrites one: the page's rule without -Clean); returns the names created. #>
function Install-FakeCsDatabases {
  param($Cmdlet, [string]$DataSource, [string[]]$Names, [switch]$Update)
  $instance = Find-FakeSqlInstance -DataSource $DataSource
  if ($null -eq $instance) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ('Install-CsDatabase: cannot connect to SQL Server ' + $DataSource + ': ' + (Get-FakeSqlNetworkError)) -ErrorId 'SqlConnectionError' -Category ConnectionError -Target $DataSource }
  $login = $null
  try { $login = Connect-FakeSql -Instance $instance -Windows $true } catch { Stop-FakeCommand -Cmdlet $Cmdlet -Message ('Install-CsDatabase: ' + $_.Exception.Message) -ErrorId 'SqlConnectionError' -Category PermissionDenied -Target $DataSource }
  if (-not (Test-FakeSqlSysadmin -Login $instance.Logins[$login])) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ('Install-CsDatabase: ' + $login + ' is not a member of the sysadmin role on ' + $DataSource + '; installing databases needs it.') -ErrorId 'SqlPermissionDenied' -Category PermissionDenied -Target $DataSource }
  $created = @()
  foreach ($n in $Names) {
    $version = Get-FakeCsInstalledVersion
    if ($instance.Databases.ContainsKey($n)) {
      # -Update raises an existing database to the installed version (never lowers one).
      $db = $instance.Databases[$n]
      if ($Update -and [version](Get-FakeCsDatabaseVersion -Database $db) -lt [version]$version) { $db['LyncVersion'] = $version; $created += ($n + ' updated to ' + $version) }
      continue
    }
    $db = Add-FakeSqlDatabase -Instance $instance.Name -Name $n -Content @{ Categories = @() }
    $db['LyncVersion'] = $version
    $created += $n
  }
  return $created
}

<#
  Install-CsDatabase's topology sets (its one fake is in LyncSetup.ps1, which calls this for every set
  but -CentralManagementDatabase). Reference: MicrosoftDocs/office-docs-powershell
  skype/skype-ps/skype/Install-CsDatabase.md: -ConfiguredDatabases "reads information from the
  Skype for Business Server topology, and installs the required databases on the specified SQL
  Server"; without -Clean it "will not overwrite any existing databases". Modelled: ByConfigured, the
  databases of every store the published topology installs on an instance of -SqlServerFqdn
  (-ForDefaultInstance / -ForInstance narrow it), as the run-as account, which must be sysadmin there.
  -Update (the cumulative update's database step, "Install-CsDatabase -ConfiguredDatabases
  -SqlServerFqdn <FQDN> -Update" and "Install-CsDatabase -Update -LocalDatabases" in the Lync Server
  2013 CU articles): ByConfigured also raises the existing databases to the installed version (see
  Get-FakeCsInstalledVersion); ByLocal raises this computer's local databases (Get-FakeCsLocalDatabases)
  and creates none (INFERRED). -Clean, -DatabaseType and -LocalDatabases without -Update are not
  modelled: they fail. The path parameters change nothing (the fake's databases have fixed files).
#>
function Install-FakeCsTopologyDatabases {
  param($Cmdlet, [System.Collections.IDictionary]$Bound)
  $set = $Cmdlet.ParameterSetName
  $update = [bool]$Bound['Update']
  if ($Bound['Clean'] -or $set -eq 'ByDatabase' -or ($set -eq 'ByLocal' -and -not $update)) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ('The fake world does not model Install-CsDatabase ' + $set + $(if ($Bound['Clean']) { ' -Clean' } else { '' }) + '.') -Category NotImplemented }
  if ($Bound.ContainsKey('SqlServerFqdn')) { Assert-FakeCsFqdnParameter -Cmdlet $Cmdlet -Name 'SqlServerFqdn' -Value ([string]$Bound['SqlServerFqdn']) }
  Assert-FakeCsAdmin -Cmdlet $Cmdlet -Command 'Install-CsDatabase'
  Assert-FakeCsCms -Cmdlet $Cmdlet -Command 'Install-CsDatabase'
  if ($set -eq 'ByLocal') { return (Update-FakeCsLocalDatabases -Cmdlet $Cmdlet -Bound $Bound) }
  $wanted = Get-FakeCsConfiguredDatabases -Cmdlet $Cmdlet -Bound $Bound -Command 'Install-CsDatabase'
  if ($wanted.Count -eq 0) { Write-Warning ('Install-CsDatabase: the topology places no database on ' + ([string]$Bound['SqlServerFqdn']).ToLowerInvariant() + '.') }
  $created = @()
  foreach ($ds in @($wanted.Keys)) {
    if ($Cmdlet.ShouldProcess($ds, 'Install databases')) { $created += @(Install-FakeCsDatabases -Cmdlet $Cmdlet -DataSource $ds -Names $wanted[$ds] -Update:$update) }
  }
  Write-FakeCsReport -Report ([string]$Bound['Report']) -Title 'Install-CsDatabase' -Lines @($created | ForEach-Object { 'Created database ' + $_ })
}

<# -LocalDatabases -Update: this computer's local databases raised to the installed version; returns nothing. #>
function Update-FakeCsLocalDatabases {
  param($Cmdlet, [System.Collections.IDictionary]$Bound)
  $c = Get-FakeComputer
  $local = Get-FakeCsLocalDatabases -Computer $c
  $version = Get-FakeCsInstalledVersion
  $lines = @()
  foreach ($n in @($local.Keys | Sort-Object)) {
    $instance = ($n -split '\\')[0]
    if (-not $c.Services.ContainsKey('MSSQL$' + $instance) -or [string]$c.Services['MSSQL$' + $instance].Status -ne 'Running') { Stop-FakeCommand -Cmdlet $Cmdlet -Message ('Install-CsDatabase: cannot connect to SQL Server ' + (Get-FakeComputerFqdn -Computer $c) + '\' + $instance + ': ' + (Get-FakeSqlNetworkError)) -ErrorId 'SqlConnectionError' -Category ConnectionError -Target $n }
    if ([version][string]$local[$n] -lt [version]$version -and $Cmdlet.ShouldProcess($n, 'Update database')) { $local[$n] = $version; $lines += ($n + ' updated to ' + $version) }
  }
  Write-FakeCsReport -Report ([string]$Bound['Report']) -Title 'Install-CsDatabase' -Lines $lines
}

<#
  The databases the published topology places on the SQL Server -SqlServerFqdn names, data source ->
  names (-ForDefaultInstance / -ForInstance narrow it). Install-CsDatabase and Test-CsDatabase
  -ConfiguredDatabases read the same list.
#>
function Get-FakeCsConfiguredDatabases {
  param($Cmdlet, [System.Collections.IDictionary]$Bound, [string]$Command)
  $m = Get-FakePublishedTopology
  if ($null -eq $m) { Stop-FakeCommand -Cmdlet $Cmdlet -Message ($Command + ' -ConfiguredDatabases: no topology is published (Publish-CsTopology).') -Category ObjectNotFound }
  $server = ([string]$Bound['SqlServerFqdn']).ToLowerInvariant()
  $byRole = Get-FakeCsStoreDatabases
  $wanted = [ordered]@{}
  foreach ($k in @($m.Services.Keys)) {
    $s = $m.Services[$k]
    if (-not $s.SqlInstance -or -not $byRole.ContainsKey($s.RoleName)) { continue }
    $sql = $m.SqlInstances[$s.SqlInstance]
    if ($sql.ServerFqdn -ne $server) { continue }
    if ($Bound['ForDefaultInstance'] -and $sql.Name) { continue }
    if ($Bound['ForInstance'] -and $sql.Name -ne [string]$Bound['ForInstance']) { continue }
    $ds = $sql.ServerFqdn + $(if ($sql.Name) { '\' + $sql.Name } else { '' })
    if (-not $wanted.Contains($ds)) { $wanted[$ds] = @() }
    $wanted[$ds] = @(@($wanted[$ds]) + @($byRole[$s.RoleName]) | Select-Object -Unique)
  }
  return $wanted
}

<#
  -SqlServerFqdn is of type Fqdn on the reference pages (Test-CsDatabase, Install-CsDatabase): a value
  that is not a host name fails to bind, as a string that holds two names joined by a space would.
#>
function Assert-FakeCsFqdnParameter {
  param($Cmdlet, [string]$Name, [string]$Value)
  if ($Value -notmatch '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$') {
    Stop-FakeCommand -Cmdlet $Cmdlet -Message ("Cannot bind parameter '" + $Name + "'. Cannot convert value `"" + $Value + "`" to type `"Microsoft.Rtc.Management.Deploy.Fqdn`".") -ErrorId 'CannotConvertArgumentNoMessage' -Category InvalidArgument -Target $Value
  }
}

<# One Test-CsDatabase result (properties INFERRED from what the real cmdlet prints; its page names only the type). #>
function New-FakeCsDatabaseResult {
  param([string]$SqlServerFqdn, [string]$SqlInstanceName, [string]$DatabaseName, [string]$DataSource, [string]$InstalledVersion)
  $expected = Get-FakeCsInstalledVersion
  return (New-FakeObject -TypeName 'Microsoft.Rtc.SyntheticTransactions.TaskOutput' -Properties ([ordered]@{
        SqlServerFqdn = $SqlServerFqdn; SqlInstanceName = $SqlInstanceName; DatabaseName = $DatabaseName; DataSource = $DataSource
        SQLServerVersion = $(if ($InstalledVersion) { '11.0' } else { '' }); ExpectedVersion = $expected; InstalledVersion = $InstalledVersion; Succeed = ($InstalledVersion -eq $expected)
      }))
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Test-CsDatabase.md (sets ByCMS,
# ByConfigured, ByDatabase and ByLocal, as the page declares them): "reads the ... topology, attempts
# to connect each of the relevant databases, and then reports back the success or failure of each
# attempt". Modelled: -ConfiguredDatabases (every database the published topology places on
# -SqlServerFqdn, its installed version, or none when it is missing) and -LocalService (this
# computer's local databases, Get-FakeCsLocalDatabases; the remote databases its services use, which
# the page includes, are left out). The expected version is the installed Lync version of the
# computer running it (Get-FakeCsInstalledVersion). Connecting needs a login on the instance, not
# sysadmin. -CentralManagementDatabase and -DatabaseType are not modelled: they fail.
function Test-CsDatabase {
  [CmdletBinding(DefaultParameterSetName = 'ByCMS', SupportsShouldProcess = $true)]
  param(
    [Parameter(ParameterSetName = 'ByCMS', Mandatory = $true)][switch]$CentralManagementDatabase,
    [Parameter(ParameterSetName = 'ByConfigured', Mandatory = $true)][switch]$ConfiguredDatabases,
    [Parameter(ParameterSetName = 'ByDatabase', Mandatory = $true)][string]$DatabaseType,
    [Parameter(ParameterSetName = 'ByLocal', Mandatory = $true)][switch]$LocalService,
    [Parameter(ParameterSetName = 'ByCMS')][Parameter(ParameterSetName = 'ByConfigured', Mandatory = $true)][Parameter(ParameterSetName = 'ByDatabase', Mandatory = $true)][string]$SqlServerFqdn,
    [Parameter(ParameterSetName = 'ByCMS')][Parameter(ParameterSetName = 'ByDatabase')][string]$SqlInstanceName,
    [string]$Report
  )
  Enter-FakeCall -Command 'Test-CsDatabase' -Parameters $PSBoundParameters
  if ($PSBoundParameters.ContainsKey('SqlServerFqdn')) { Assert-FakeCsFqdnParameter -Cmdlet $PSCmdlet -Name 'SqlServerFqdn' -Value $SqlServerFqdn }
  Assert-FakeLyncCore -Cmdlet $PSCmdlet -Command 'Test-CsDatabase'
  $set = $PSCmdlet.ParameterSetName
  if ($set -eq 'ByCMS' -or $set -eq 'ByDatabase') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The fake world does not model Test-CsDatabase ' + $set + '.') -Category NotImplemented }
  Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Test-CsDatabase'
  Assert-FakeCsCms -Cmdlet $PSCmdlet -Command 'Test-CsDatabase'
  $results = @()
  if ($set -eq 'ByLocal') {
    $c = Get-FakeComputer
    $local = Get-FakeCsLocalDatabases -Computer $c
    foreach ($n in @($local.Keys | Sort-Object)) {
      $parts = $n -split '\\', 2
      $running = $c.Services.ContainsKey('MSSQL$' + $parts[0]) -and [string]$c.Services['MSSQL$' + $parts[0]].Status -eq 'Running'
      $results += New-FakeCsDatabaseResult -SqlServerFqdn (Get-FakeComputerFqdn -Computer $c) -SqlInstanceName $parts[0] -DatabaseName $parts[1] -DataSource ((Get-FakeComputerFqdn -Computer $c) + '\' + $parts[0]) -InstalledVersion $(if ($running) { [string]$local[$n] } else { '' })
    }
  } else {
    $wanted = Get-FakeCsConfiguredDatabases -Cmdlet $PSCmdlet -Bound $PSBoundParameters -Command 'Test-CsDatabase'
    foreach ($ds in @($wanted.Keys)) {
      $instance = Find-FakeSqlInstance -DataSource $ds
      if ($null -eq $instance) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Test-CsDatabase: cannot connect to SQL Server ' + $ds + ': ' + (Get-FakeSqlNetworkError)) -ErrorId 'SqlConnectionError' -Category ConnectionError -Target $ds }
      try { Connect-FakeSql -Instance $instance -Windows $true | Out-Null } catch { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Test-CsDatabase: ' + $_.Exception.Message) -ErrorId 'SqlConnectionError' -Category ConnectionError -Target $ds }
      $split = Split-FakeDataSource -DataSource $ds
      foreach ($n in $wanted[$ds]) {
        $installed = $(if ($instance.Databases.ContainsKey($n)) { Get-FakeCsDatabaseVersion -Database $instance.Databases[$n] } else { '' })
        $results += New-FakeCsDatabaseResult -SqlServerFqdn $split.Host -SqlInstanceName $split.InstanceName -DatabaseName $n -DataSource $ds -InstalledVersion $installed
      }
    }
  }
  Write-FakeCsReport -Report $Report -Title 'Test-CsDatabase' -Lines @($results | ForEach-Object { $_.DataSource + '\' + $_.DatabaseName + ': ' + $_.InstalledVersion + ' (expected ' + $_.ExpectedVersion + ')' })
  return $results
}

#endregion

#region local store and replica

function Get-FakeCsConfigurationBytes {
  param([string]$Topology)
  return [System.Text.Encoding]::UTF8.GetBytes("PCHATKIT-FAKE-CSCONFIG 1`n" + $Topology)
}

function Read-FakeCsConfigurationBytes {
  param($Cmdlet, [byte[]]$Bytes)
  $parts = [System.Text.Encoding]::UTF8.GetString($Bytes) -split "`n", 2
  if ($parts.Count -ne 2 -or $parts[0] -ne 'PCHATKIT-FAKE-CSCONFIG 1') { Stop-FakeCommand -Cmdlet $Cmdlet -Message 'Import-CsConfiguration: the data is not a configuration exported by Export-CsConfiguration.' -Category InvalidData }
  return $parts[1]
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Export-CsConfiguration.md
# (sets FileName, AsBytes; RTCUniversalServerAdmins may run it; -LocalStore reads this computer's
# store). The fake's export is its own format, holding the published topology (the real one is a ZIP
# of topology, policies and settings: INFERRED irrelevant to the kit, which only moves it into a local store).
function Export-CsConfiguration {
  [CmdletBinding(DefaultParameterSetName = 'FileName')]
  param(
    [Parameter(ParameterSetName = 'FileName', Mandatory = $true, Position = 0)][string]$FileName,
    [Parameter(ParameterSetName = 'AsBytes', Mandatory = $true)][switch]$AsBytes,
    [switch]$Force,
    [switch]$LocalStore
  )
  Enter-FakeCall -Command 'Export-CsConfiguration' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Export-CsConfiguration'
  $topology = $null
  if ($LocalStore) {
    $topology = (Get-FakeLyncDeploy -Computer (Get-FakeComputer)).LocalStore
    if (-not $topology) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Export-CsConfiguration: the local configuration store of this computer is empty.' -Category ObjectNotFound }
  } else {
    Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Export-CsConfiguration'
    Assert-FakeCsCms -Cmdlet $PSCmdlet -Command 'Export-CsConfiguration'
    $topology = [string](Get-FakeCsStore).PublishedTopology
    if (-not $topology) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Export-CsConfiguration: no topology is published in the Central Management store.' -Category ObjectNotFound }
  }
  $bytes = Get-FakeCsConfigurationBytes -Topology $topology
  if ($AsBytes) { return , $bytes }
  $local = Resolve-FakePath -Path $FileName
  if (-not (Test-Path -LiteralPath (Split-Path -Parent $local) -PathType Container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("Could not find a part of the path '" + $FileName + "'.") -Category ObjectNotFound -Target $FileName -ExceptionType 'System.IO.DirectoryNotFoundException' }
  [System.IO.File]::WriteAllBytes($local, $bytes)
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Import-CsConfiguration.md
# (sets ByteInput, FileName; -LocalStore copies the data to the local computer, which needs its local
# store, the RTCLOCAL instance Bootstrapper.exe /BootstrapLocalMgmt installs; without it, to the CMS).
function Import-CsConfiguration {
  [CmdletBinding(DefaultParameterSetName = 'ByteInput')]
  param(
    [Parameter(ParameterSetName = 'ByteInput', Mandatory = $true, Position = 0, ValueFromPipeline = $true)][byte[]]$ByteInput,
    [Parameter(ParameterSetName = 'FileName', Mandatory = $true, Position = 0)][string]$FileName,
    [switch]$Force,
    [switch]$LocalStore
  )
  Enter-FakeCall -Command 'Import-CsConfiguration' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Import-CsConfiguration'
  $bytes = $ByteInput
  if ($PSCmdlet.ParameterSetName -eq 'FileName') {
    $local = Resolve-FakePath -Path $FileName
    if (-not (Test-Path -LiteralPath $local -PathType Leaf)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("Could not find file '" + $FileName + "'.") -Category ObjectNotFound -Target $FileName -ExceptionType 'System.IO.FileNotFoundException' }
    $bytes = [System.IO.File]::ReadAllBytes($local)
  }
  $topology = Read-FakeCsConfigurationBytes -Cmdlet $PSCmdlet -Bytes $bytes
  $c = Get-FakeComputer
  if ($LocalStore) {
    if (-not $c.Services.ContainsKey('MSSQL$RTCLOCAL')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Import-CsConfiguration -LocalStore: ' + $c.Name + ' has no local configuration store (the RTCLOCAL SQL instance): run Bootstrapper.exe /BootstrapLocalMgmt first.') -Category ObjectNotFound }
    (Get-FakeLyncDeploy -Computer $c).LocalStore = $topology
  } else {
    Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Import-CsConfiguration'
    Assert-FakeCsCms -Cmdlet $PSCmdlet -Command 'Import-CsConfiguration'
    (Get-FakeCsStore).PublishedTopology = $topology
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Enable-CsReplica.md
# ("adds the local computer to the replication path", so it receives the topology and configuration
# from the CMS). INFERRED: it needs the local store the computer's first import filled.
function Enable-CsReplica {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param([string]$GlobalCatalog, [string]$Report, [switch]$Force, [string]$GlobalSettingsDomainController)
  Enter-FakeCall -Command 'Enable-CsReplica' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Enable-CsReplica'
  Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Enable-CsReplica'
  $c = Get-FakeComputer
  $d = Get-FakeLyncDeploy -Computer $c
  if (-not $d.LocalStore) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Enable-CsReplica: the local configuration store of ' + $c.Name + ' is empty (Import-CsConfiguration -LocalStore).') -Category InvalidOperation }
  if ($PSCmdlet.ShouldProcess($c.Name, 'Enable replica')) {
    $d.Replica = $true
    Write-FakeCsReport -Report $Report -Title 'Enable-CsReplica' -Lines @('Added ' + (Get-FakeComputerFqdn -Computer $c) + ' to the replication path')
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsManagementStoreReplicationStatus.md
# (a ReplicaState per computer in the replication path, UpToDate True or False; -ReplicaFqdn limits it
# to one computer). A replica is up to date when its REPLICA service runs and its local store holds the
# published topology. -CentralManagementStoreStatus returns the CMS's status (active master on the
# CMS's SQL Server, INFERRED).
function Get-CsManagementStoreReplicationStatus {
  [CmdletBinding()]
  param([Parameter(Position = 0, ValueFromPipelineByPropertyName = $true)][string]$ReplicaFqdn, [Parameter(ValueFromPipelineByPropertyName = $true)][switch]$CentralManagementStoreStatus)
  Enter-FakeCall -Command 'Get-CsManagementStoreReplicationStatus' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsManagementStoreReplicationStatus'
  Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Get-CsManagementStoreReplicationStatus'
  Assert-FakeCsCms -Cmdlet $PSCmdlet -Command 'Get-CsManagementStoreReplicationStatus'
  $w = Get-FakeWorld
  $l = Get-FakeCsStore
  if ($CentralManagementStoreStatus) {
    $replicas = @($w.Computers.Values | Where-Object { $_.ContainsKey('LyncDeploy') -and $_.LyncDeploy.Replica } | ForEach-Object { Get-FakeComputerFqdn -Computer $_ } | Sort-Object)
    return (New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.CentralManagementStoreStatusResult' -Properties ([ordered]@{ ActiveMasterFqdn = (([string](Get-FakeLyncPrep).StoreLocation) -split '\\')[0]; ActiveReplicas = $replicas; DeletedReplicas = @() }))
  }
  foreach ($name in @($w.Computers.Keys | Sort-Object)) {
    $c = $w.Computers[$name]
    if (-not $c.ContainsKey('LyncDeploy') -or -not $c.LyncDeploy.Replica) { continue }
    $fqdn = Get-FakeComputerFqdn -Computer $c
    if ($ReplicaFqdn -and $fqdn -ne $ReplicaFqdn.ToLowerInvariant()) { continue }
    $running = $c.Services.ContainsKey('REPLICA') -and [string]$c.Services['REPLICA'].Status -eq 'Running'
    New-FakeObject -TypeName 'Microsoft.Rtc.Management.Xds.ReplicaState' -Properties ([ordered]@{ UpToDate = ($running -and $c.LyncDeploy.LocalStore -eq $l.PublishedTopology); ReplicaFqdn = $fqdn; LastStatusReport = $null; LastUpdateCreation = $null; ProductVersion = '5.0.8308.0' })
  }
}

#endregion

#region Bootstrapper.exe, LyncServerUpdateInstaller.exe (Start-Process handlers)

<# The source folder a bootstrapper argument line names, quotes removed; $null when it names none or a drive the computer lacks. #>
function Get-FakeBootstrapSource {
  param($Computer, [string[]]$Words)
  $w = @($Words | Where-Object { $_ -match '^(?i)/SourceDirectory:' } | Select-Object -First 1)
  if ($w.Count -eq 0) { return $null }
  $path = ($w[0] -replace '^(?i)/SourceDirectory:', '').Trim('"')
  if (-not $path -or $null -eq (Resolve-FakeComputerPath -Computer $Computer -Path $path)) { return $null }
  return $path
}

<# A Lync service a bootstrapper installs: a Windows service marked as Lync's (as Add-FakeCsWindowsService seeds one). #>
function Install-FakeCsService {
  param($Computer, [string]$Name, [string]$StartType, [string]$Pool, [string[]]$RoleName = @())
  if (-not $Computer.Services.ContainsKey($Name)) {
    $Computer.Services[$Name] = @{ Name = $Name; DisplayName = (Get-FakeLyncDisplayName -Name $Name); Status = 'Stopped'; StartType = $StartType; DependentServices = @() }
  }
  $Computer.CsServices[$Name] = @{ Name = $Name; Pool = $Pool.ToLowerInvariant(); RoleName = @($RoleName) }
}

function Add-FakeLyncProduct {
  param($Computer, [string]$ProductCode, [string]$DisplayName)
  if (@($Computer.Products | Where-Object { $_.ProductCode -eq $ProductCode }).Count -gt 0) { return }
  $Computer.Products.Add(@{ ProductCode = $ProductCode; DisplayName = $DisplayName; DisplayVersion = '5.0.8308.0'; Publisher = 'Microsoft Corporation'; Wow6432 = $false; UninstallExitCode = 0 })
}

<#
  Bootstrapper.exe /BootstrapLocalMgmt /SourceDirectory:<media>\Setup\amd64 (lync-install.md §1):
  the local management store (SQL Express instance RTCLOCAL, running) and the replica service
  REPLICA. Needs the core components (ocscore.msi), the media and the CMS location in AD. Exit 0, or
  1 when a precondition is missing (the real bootstrapper's codes are not documented: INFERRED).
#>
function Invoke-FakeBootstrapLocalMgmt {
  param($Computer, [string]$FilePath, [string[]]$Words, [string]$Line)
  if (@($Computer.Products | Where-Object { $_.DisplayName -like 'Microsoft Lync Server 2013, Core Components*' }).Count -eq 0) { Write-Verbose 'Bootstrapper: the core components are not installed'; return 1 }
  if ($null -eq (Get-FakeBootstrapSource -Computer $Computer -Words $Words)) { Write-Verbose 'Bootstrapper: no /SourceDirectory on a drive of this computer'; return 1 }
  if (-not (Get-FakeLyncPrep).StoreLocation) { Write-Verbose 'Bootstrapper: no Central Management store in AD'; return 1 }
  if (-not $Computer.Services.ContainsKey('MSSQL$RTCLOCAL')) { $Computer.Services['MSSQL$RTCLOCAL'] = @{ Name = 'MSSQL$RTCLOCAL'; DisplayName = 'SQL Server (RTCLOCAL)'; Status = 'Running'; StartType = 'Automatic'; DependentServices = @() } }
  Install-FakeCsService -Computer $Computer -Name 'REPLICA' -StartType 'Automatic' -Pool ''
  Add-FakeCsLocalDatabases -Computer $Computer -Names @('RTCLOCAL\xds')
  Add-FakeLyncProduct -Computer $Computer -ProductCode '{8C2B1E6A-13F5-4A9B-9A0E-5C1D2B3A4F01}' -DisplayName 'Microsoft Lync Server 2013, Core Management Server'
  return 0
}

<#
  Bootstrapper.exe /SourceDirectory:<media>\Setup\amd64: the roles the topology in the local store
  gives this computer: RTCSRV on a machine of a Registrar's cluster, RTCCHAT on a machine of a
  PersistentChatService's cluster, each tagged with its pool. Needs the local store (INFERRED: the
  bootstrapper reads the topology from the replica). A computer the topology does not name gets nothing.
#>
function Invoke-FakeBootstrapRoles {
  param($Computer, [string]$FilePath, [string[]]$Words, [string]$Line)
  if ($null -eq (Get-FakeBootstrapSource -Computer $Computer -Words $Words)) { Write-Verbose 'Bootstrapper: no /SourceDirectory on a drive of this computer'; return 1 }
  $d = Get-FakeLyncDeploy -Computer $Computer
  if (-not $d.LocalStore) { Write-Verbose 'Bootstrapper: the local store is empty'; return 1 }
  $doc = [System.Xml.XmlDocument]::new()
  $doc.LoadXml([string]$d.LocalStore)
  $m = ConvertFrom-FakeTopology -Doc $doc
  $mine = @(Get-FakeCsMachineClusters -Model $m -Computer $Computer)
  foreach ($k in @($m.Services.Keys)) {
    $s = $m.Services[$k]
    if ($mine -notcontains $s.Cluster) { continue }
    $pool = $m.Clusters[$s.Cluster].Fqdn
    if ($s.RoleName -eq 'Registrar') {
      Install-FakeCsService -Computer $Computer -Name 'RTCSRV' -StartType 'Manual' -Pool $pool -RoleName @('Registrar', 'UserServices')
      # A front end's local databases (INFERRED, see Get-FakeCsLocalDatabases); LYSS is its own SQL Express instance.
      if (-not $Computer.Services.ContainsKey('MSSQL$LYSS')) { $Computer.Services['MSSQL$LYSS'] = @{ Name = 'MSSQL$LYSS'; DisplayName = 'SQL Server (LYSS)'; Status = 'Running'; StartType = 'Automatic'; DependentServices = @() } }
      Add-FakeCsLocalDatabases -Computer $Computer -Names @('RTCLOCAL\rtc', 'RTCLOCAL\rtcdyn', 'LYSS\lyss')
      Add-FakeLyncProduct -Computer $Computer -ProductCode '{8C2B1E6A-13F5-4A9B-9A0E-5C1D2B3A4F02}' -DisplayName 'Microsoft Lync Server 2013, Front End Server'
    } elseif ($s.RoleName -eq 'PersistentChatService') {
      Install-FakeCsService -Computer $Computer -Name 'RTCCHAT' -StartType 'Manual' -Pool $pool -RoleName @('PersistentChatService')
      Add-FakeLyncProduct -Computer $Computer -ProductCode '{8C2B1E6A-13F5-4A9B-9A0E-5C1D2B3A4F03}' -DisplayName 'Microsoft Lync Server 2013, Persistent Chat'
    }
  }
  return 0
}

<#
  LyncServerUpdateInstaller.exe /silentmode (lync-install.md §1): raises every installed
  'Microsoft Lync Server 2013*' product below the package's version to it. The package is the
  fake's own file (New-FakeLyncUpdatePackage: version, and whether a restart is due, then exit code
  3010 and a pending restart, INFERRED from Windows Installer's convention); any other file fails
  with exit code 1.
#>
function Invoke-FakeLyncUpdate {
  param($Computer, [string]$FilePath, [string[]]$Words, [string]$Line)
  $local = Resolve-FakeComputerPath -Computer $Computer -Path $FilePath
  $parts = $(if ($local -and (Test-Path -LiteralPath $local -PathType Leaf)) { [System.IO.File]::ReadAllText($local) -split "`n", 2 } else { @() })
  if ($parts.Count -ne 2 -or $parts[0].Trim() -ne 'PCHATKIT-FAKE-LYNC-CU 1') { Write-Verbose 'LyncServerUpdateInstaller: not an update package'; return 1 }
  $package = $parts[1] | ConvertFrom-Json
  $version = [version][string]$package.Version
  foreach ($p in @($Computer.Products | Where-Object { ([string]$_.DisplayName) -like 'Microsoft Lync Server 2013*' })) {
    if ([version][string]$p.DisplayVersion -lt $version) { $p.DisplayVersion = [string]$version }
  }
  if ($package.RestartRequired) { $Computer['RestartPending'] = $true; return 3010 }
  return 0
}

<#
.SYNOPSIS
  Seeding: a cumulative update package LyncServerUpdateInstaller.exe the fake installer applies:
  -Version the products reach (the October 2013 CU by default), -RestartRequired makes it exit 3010.
#>
function New-FakeLyncUpdatePackage {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Path, [string]$Version = '5.0.8308.556', [switch]$RestartRequired)
  New-Item -ItemType Directory -Path (Split-Path -Parent $Path) -Force | Out-Null
  [System.IO.File]::WriteAllText($Path, ("PCHATKIT-FAKE-LYNC-CU 1`n" + (([ordered]@{ Version = $Version; RestartRequired = [bool]$RestartRequired }) | ConvertTo-Json -Compress) + "`n"))
}

<# Registers the programs above with the Start-Process hook (Processes.ps1, Register-FakeProgram). #>
function Register-FakeLyncDeployPrograms {
  Register-FakeProgram -Name 'Bootstrapper.exe' -Match '(?i)/BootstrapLocalMgmt\b' -Handler ${function:Invoke-FakeBootstrapLocalMgmt}
  Register-FakeProgram -Name 'Bootstrapper.exe' -Match '^(?i)(?!.*/Bootstrap)\s*/SourceDirectory:' -Handler ${function:Invoke-FakeBootstrapRoles}
  Register-FakeProgram -Name 'LyncServerUpdateInstaller.exe' -Match '(?i)/silentmode\b' -Handler ${function:Invoke-FakeLyncUpdate}
}

#endregion

#region certificates

<#
.SYNOPSIS
  Seeding: an enterprise CA already in the domain (staging names its own, pchat-kit:lync.certificateAuthority),
  as Install-AdcsCertificationAuthority leaves one (LyncSetup.ps1): -Config `<CA host FQDN>\<CA name>`;
  -Offline: its CertSvc service is stopped.
#>
function Add-FakeCertificationAuthority {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Config, [switch]$Offline)
  $parts = $Config -split '\\', 2
  if ($parts.Count -ne 2) { throw 'Add-FakeCertificationAuthority: -Config is <CA host FQDN>\<CA name>' }
  $c = Add-FakeComputer -Name (ConvertTo-FakeNetbios $parts[0])
  $c['CertificationAuthority'] = @{ Name = $parts[1]; Type = 'EnterpriseRootCA' }
  Add-FakeService -Computer $c.Name -Name 'CertSvc' -DisplayName 'Active Directory Certificate Services' -Status $(if ($Offline) { 'Stopped' } else { 'Running' }) -StartType Automatic | Out-Null
}

<# The enterprise CA a `<host>\<name>` string names: @{ Config; Online }, or $null when the domain has no such CA. #>
function Find-FakeCertificationAuthority {
  param([string]$Config)
  $parts = $Config -split '\\', 2
  if ($parts.Count -ne 2) { return $null }
  $c = Find-FakeComputer -Name $parts[0]
  if ($null -eq $c -or -not $c.ContainsKey('CertificationAuthority') -or $null -eq $c['CertificationAuthority']) { return $null }
  $ca = $c['CertificationAuthority']
  if ([string]$ca.Name -ne $parts[1] -or [string]$ca.Type -notlike 'Enterprise*') { return $null }
  return @{ Config = ((Get-FakeComputerFqdn -Computer $c) + '\' + $ca.Name); Online = ($c.Services.ContainsKey('CertSvc') -and [string]$c.Services['CertSvc'].Status -eq 'Running') }
}

<#
  A certificate of the machine store as the certificate provider shows it (X509Certificate2's
  properties the kit reads). Validity is fixed (2026-01-01 to 2036-01-01) so two runs give equal state.
#>
function Get-FakeCertificateObject {
  param($Certificate, [string]$TypeName = 'System.Security.Cryptography.X509Certificates.X509Certificate2', [string]$Use = '')
  $p = [ordered]@{
    Thumbprint   = [string]$Certificate.Thumbprint
    FriendlyName = [string]$Certificate.FriendlyName
    Subject      = [string]$Certificate.Subject
    Issuer       = [string]$Certificate.Issuer
    NotBefore    = [datetime]::Parse([string]$Certificate.NotBefore, [Globalization.CultureInfo]::InvariantCulture)
    NotAfter     = [datetime]::Parse([string]$Certificate.NotAfter, [Globalization.CultureInfo]::InvariantCulture)
    DnsNameList  = @($Certificate.DnsNameList)
    HasPrivateKey = $true
    PSPath       = ('Microsoft.PowerShell.Security\Certificate::LocalMachine\My\' + $Certificate.Thumbprint)
  }
  if ($Use) { $p['Use'] = $Use; $p.Remove('PSPath'); $p.Remove('HasPrivateKey'); $p.Remove('DnsNameList') }
  return New-FakeObject -TypeName $TypeName -Properties $p
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Management/Get-ChildItem.md
# (sets Items and LiteralItems, with the FileSystem provider's dynamic parameters -Attributes,
# -Directory, -File, -Hidden, -ReadOnly, -System and the Certificate provider's -CodeSigningCert,
# -DnsName, -EKU, -ExpiringInDays, -SSLServerAuthentication; -UseTransaction is left out). Only the
# machine's personal store `Cert:\LocalMachine\My` is faked (the certificates Request-CsCertificate
# put there); every other path goes to Microsoft.PowerShell.Management\Get-ChildItem.
function Get-ChildItem {
  [CmdletBinding(DefaultParameterSetName = 'Items')]
  param(
    [Parameter(ParameterSetName = 'Items', Position = 0, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
    [Parameter(ParameterSetName = 'LiteralItems', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath')][string[]]$LiteralPath,
    [Parameter(Position = 1)][string]$Filter,
    [string[]]$Include,
    [string[]]$Exclude,
    [Alias('s')][switch]$Recurse,
    [switch]$Force,
    [switch]$Name,
    [string]$Attributes,
    [Alias('ad', 'd')][switch]$Directory,
    [Alias('af')][switch]$File,
    [Alias('ah', 'h')][switch]$Hidden,
    [Alias('ar')][switch]$ReadOnly,
    [Alias('as')][switch]$System,
    [switch]$CodeSigningCert,
    [string]$DnsName,
    [string]$EKU,
    [int]$ExpiringInDays,
    [switch]$SSLServerAuthentication
  )
  process {
    $paths = @($(if ($PSCmdlet.ParameterSetName -eq 'Items') { $Path } else { $LiteralPath }))
    $cert = @($paths | Where-Object { $_ -match '^(?i)(Microsoft\.PowerShell\.Security\\)?Cert(ificate)?:' })
    if ($cert.Count -eq 0) {
      Microsoft.PowerShell.Management\Get-ChildItem @PSBoundParameters
      return
    }
    Enter-FakeCall -Command 'Get-ChildItem' -Parameters $PSBoundParameters
    foreach ($p in $paths) {
      if ($p -notmatch '^(?i)Cert:\\LocalMachine\\My\\?$') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The fake world has only the machine personal store Cert:\LocalMachine\My, not ' + $p) -Category NotImplemented -Target $p }
      $c = Get-FakeComputer
      foreach ($x in @((Get-FakeLyncDeploy -Computer $c).Certificates)) { Get-FakeCertificateObject -Certificate $x }
    }
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Request-CsCertificate.md
# (sets ByNew, ByClear, ByList, ByRetrieve; the request "will analyze your topology" for the subject
# and alternative names, adding the pool name; -AllSipDomain adds every SIP domain). The returned
# object carries the certificate's Thumbprint, as the AWS Quick Start reads it (lync-install.md §1).
# Modelled: -New against an online enterprise CA of the domain (Add-FakeCertificationAuthority), by a
# domain account, for a computer of the published topology; the certificate goes to the machine store.
# -Output (an offline request), -Clear, -List and -Retrieve find no pending request (the fake CA
# issues at once): -Output fails as not modelled, the others return nothing.
function Request-CsCertificate {
  [CmdletBinding(DefaultParameterSetName = 'ByNew', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'ByNew', Mandatory = $true, Position = 0)][switch]$New,
    [Parameter(ParameterSetName = 'ByClear', Mandatory = $true, Position = 0)][switch]$Clear,
    [Parameter(ParameterSetName = 'ByList', Mandatory = $true, Position = 0)][switch]$List,
    [Parameter(ParameterSetName = 'ByRetrieve', Mandatory = $true, Position = 0)][switch]$Retrieve,
    [Parameter(ParameterSetName = 'ByNew', Mandatory = $true)][ValidateSet('AccessEdgeExternal', 'AudioVideoAuthentication', 'DataEdgeExternal', 'Default', 'External', 'Internal', 'iPhoneAPNService', 'iPadAPNService', 'MPNService', 'OAuthTokenIssuer', 'WebServicesExternal', 'WebServicesInternal', 'WsFedTokenTransfer', 'XmppServer')][string[]]$Type,
    [Parameter(ParameterSetName = 'ByNew')][string]$CA,
    [Parameter(ParameterSetName = 'ByNew')][string]$CaAccount,
    [Parameter(ParameterSetName = 'ByNew')][string]$CaPassword,
    [Parameter(ParameterSetName = 'ByNew')][string]$City,
    [Parameter(ParameterSetName = 'ByNew')][bool]$ClientEKU,
    [Parameter(ParameterSetName = 'ByNew')][string]$ComputerFqdn,
    [Parameter(ParameterSetName = 'ByNew')][string]$Country,
    [Parameter(ParameterSetName = 'ByNew')][string]$DomainName,
    [Parameter(ParameterSetName = 'ByNew')][string]$FriendlyName,
    [Parameter(ParameterSetName = 'ByNew')][string]$GlobalCatalog,
    [Parameter(ParameterSetName = 'ByNew')][string]$GlobalSettingsDomainController,
    [Parameter(ParameterSetName = 'ByNew')][ValidateSet('RSA', 'ECDH_P256', 'ECDH_P384', 'ECDH_P521')][string]$KeyAlg,
    [Parameter(ParameterSetName = 'ByNew')][ValidateSet(1024, 2048, 4096)][int]$KeySize,
    [Parameter(ParameterSetName = 'ByNew')][string]$Organization,
    [Parameter(ParameterSetName = 'ByNew')][string]$OU,
    [Parameter(ParameterSetName = 'ByNew')][string]$Output,
    [Parameter(ParameterSetName = 'ByNew')][bool]$PrivateKeyExportable,
    [Parameter(ParameterSetName = 'ByNew')][string]$State,
    [Parameter(ParameterSetName = 'ByNew')][string]$Template,
    [switch]$Force,
    [string]$Report,
    [Parameter(ParameterSetName = 'ByNew')][switch]$AllSipDomain,
    [Parameter(ParameterSetName = 'ByClear')][Parameter(ParameterSetName = 'ByList')][Parameter(ParameterSetName = 'ByRetrieve')][int]$RequestId
  )
  Enter-FakeCall -Command 'Request-CsCertificate' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Request-CsCertificate'
  if ($PSCmdlet.ParameterSetName -ne 'ByNew') { return }
  if ($Output) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world does not model offline certificate requests (Request-CsCertificate -Output).' -Category NotImplemented }
  Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Request-CsCertificate'
  $authority = Find-FakeCertificationAuthority -Config $CA
  if (-not $CA -or $null -eq $authority) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Request-CsCertificate: the certification authority "' + $CA + '" was not found in Active Directory (certutil lists the CAs as <host FQDN>\<CA name>).') -ErrorId 'CANotFound' -Category ObjectNotFound -Target $CA }
  if (-not $authority.Online) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Request-CsCertificate: the certification authority ' + $CA + ' is not available (RPC server unavailable).') -ErrorId 'CAOffline' -Category ConnectionError -Target $CA }
  $c = $(if ($ComputerFqdn) { Find-FakeComputer -Name $ComputerFqdn } else { Get-FakeComputer })
  $m = Get-FakePublishedTopology
  $clusters = @($(if ($null -ne $m -and $null -ne $c) { Get-FakeCsMachineClusters -Model $m -Computer $c }))
  if ($clusters.Count -eq 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Request-CsCertificate: ' + $(if ($c) { Get-FakeComputerFqdn -Computer $c } else { $ComputerFqdn }) + ' is not a computer of the published topology.') -ErrorId 'MachineNotInTopology' -Category ObjectNotFound }
  $fqdn = Get-FakeComputerFqdn -Computer $c
  $pool = $m.Clusters[$clusters[0]].Fqdn
  $names = @($pool, $fqdn)
  if ($AllSipDomain -and $m.DefaultDomain) { $names += ('sip.' + $m.DefaultDomain) }
  if ($DomainName) { $names += @($DomainName -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ }) }
  # Deterministic: the computer, what is asked, and how many certificates its store already holds.
  $held = @((Get-FakeLyncDeploy -Computer $c).Certificates).Count
  $sha = [System.Security.Cryptography.SHA1]::Create()
  $thumbprint = [System.BitConverter]::ToString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($fqdn + '|' + ($Type -join ',') + '|' + $FriendlyName + '|' + $authority.Config + '|' + $held))).Replace('-', '')
  $caName = ($authority.Config -split '\\', 2)[1]
  $certificate = @{ Thumbprint = $thumbprint; FriendlyName = [string]$FriendlyName; Subject = ('CN=' + $pool); Issuer = ('CN=' + $caName); NotBefore = '2026-01-01T00:00:00'; NotAfter = '2036-01-01T00:00:00'; DnsNameList = @($names | Select-Object -Unique) }
  if ($PSCmdlet.ShouldProcess($fqdn, 'Request certificate')) {
    $d = Get-FakeLyncDeploy -Computer $c
    $d.Certificates = @(@($d.Certificates) + $certificate)
    Write-FakeCsReport -Report $Report -Title 'Request-CsCertificate' -Lines @('Issued ' + $thumbprint + ' by ' + $authority.Config)
    Get-FakeCertificateObject -Certificate $certificate -TypeName 'Microsoft.Rtc.Management.Deployment.CertificateReference'
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Set-CsCertificate.md
# (sets CertificateReference, Thumbprint, Path; "you can only assign certificates that have already
# been configured": the certificate must be in the machine store). -Type is required here (the page
# marks it optional for two sets without saying what an assignment without a type means). -Path,
# -Roll/-EffectiveDate and -Identity Global are not modelled: they fail.
function Set-CsCertificate {
  [CmdletBinding(DefaultParameterSetName = 'Thumbprint', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'CertificateReference')][Parameter(ParameterSetName = 'Thumbprint')][string]$NetportId,
    [Parameter(ParameterSetName = 'CertificateReference', Mandatory = $true, ValueFromPipeline = $true)][psobject]$Reference,
    [Parameter(ParameterSetName = 'Thumbprint', Mandatory = $true)][string]$Thumbprint,
    [Parameter(ParameterSetName = 'CertificateReference')][Parameter(ParameterSetName = 'Thumbprint')][Parameter(ParameterSetName = 'Path', Mandatory = $true)][ValidateSet('AccessEdgeExternal', 'AudioVideoAuthentication', 'DataEdgeExternal', 'Default', 'External', 'Internal', 'iPhoneAPNService', 'iPadAPNService', 'MPNService', 'OAuthTokenIssuer', 'WebServicesExternal', 'WebServicesInternal', 'WsFedTokenTransfer', 'XmppServer')][string[]]$Type,
    [switch]$Force,
    [string]$Report,
    [Parameter(ParameterSetName = 'CertificateReference')][Parameter(ParameterSetName = 'Thumbprint')][Parameter(ParameterSetName = 'Path', Mandatory = $true)][string]$Identity,
    [Alias('EffectiveTime')][datetime]$EffectiveDate,
    [switch]$Roll,
    [Parameter(ParameterSetName = 'Path', Mandatory = $true)][string]$Path,
    [Parameter(ParameterSetName = 'Path')][string]$Password
  )
  process {
    Enter-FakeCall -Command 'Set-CsCertificate' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Set-CsCertificate'
    if ($PSCmdlet.ParameterSetName -eq 'Path' -or $Roll -or $Identity) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The fake world does not model Set-CsCertificate -Path, -Roll or -Identity.' -Category NotImplemented }
    if (-not $Type) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Set-CsCertificate: give the certificate type(s) to assign with -Type.' -Category InvalidArgument }
    $thumb = $(if ($PSCmdlet.ParameterSetName -eq 'Thumbprint') { $Thumbprint } else { [string]$Reference.Thumbprint })
    $c = Get-FakeComputer
    $d = Get-FakeLyncDeploy -Computer $c
    $found = @($d.Certificates | Where-Object { $_.Thumbprint -eq $thumb.ToUpperInvariant() })
    if ($found.Count -eq 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Set-CsCertificate: no certificate with thumbprint ' + $thumb + ' in the local computer''s personal store.') -ErrorId 'CertificateNotFound' -Category ObjectNotFound -Target $thumb }
    if ($PSCmdlet.ShouldProcess($c.Name, ('Assign ' + ($Type -join ',')))) {
      foreach ($t in $Type) { $d.Assigned[$t] = $thumb.ToUpperInvariant() }
      Write-FakeCsReport -Report $Report -Title 'Set-CsCertificate' -Lines @('Assigned ' + $thumb + ' to ' + ($Type -join ', '))
    }
  }
}

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Get-CsCertificate.md
# (only the certificates assigned with Set-CsCertificate; -Type filters; one CertificateReference per
# assignment, its Use the type). -Identity Global returns nothing (no global certificates here).
function Get-CsCertificate {
  [CmdletBinding()]
  param(
    [ValidateSet('AccessEdgeExternal', 'AudioVideoAuthentication', 'DataEdgeExternal', 'Default', 'External', 'Internal', 'iPhoneAPNService', 'iPadAPNService', 'MPNService', 'OAuthTokenIssuer', 'WebServicesExternal', 'WebServicesInternal', 'WsFedTokenTransfer', 'XmppServer')][string[]]$Type,
    [string]$NetportId,
    [string]$Report,
    [Parameter(Position = 0)][string]$Identity
  )
  Enter-FakeCall -Command 'Get-CsCertificate' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Get-CsCertificate'
  if ($Identity) { return }
  $d = Get-FakeLyncDeploy -Computer (Get-FakeComputer)
  foreach ($t in @($d.Assigned.Keys | Sort-Object)) {
    if ($Type -and $Type -notcontains $t) { continue }
    $x = @($d.Certificates | Where-Object { $_.Thumbprint -eq $d.Assigned[$t] })
    if ($x.Count -gt 0) { Get-FakeCertificateObject -Certificate $x[0] -TypeName 'Microsoft.Rtc.Management.Deployment.CertificateReference' -Use $t }
  }
}

#endregion

#region Enable-CsComputer

# Reference: MicrosoftDocs/office-docs-powershell skype/skype-ps/skype/Enable-CsComputer.md
# ("installing the required software does not automatically cause a computer to adopt a new service
# role; instead, that computer must be enabled"; a local administrator and a member of the domain).
# Enabling sets the computer's Lync services to start automatically (INFERRED, see enable.ts); it needs
# the published topology enabled (Enable-CsTopology) and, for a role that serves clients, a Default
# certificate (INFERRED from LS: certificate requirements: the services cannot start without one).
function Enable-CsComputer {
  [CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param([string]$GlobalCatalog, [string]$Report, [switch]$Force, [string]$GlobalSettingsDomainController)
  Enter-FakeCall -Command 'Enable-CsComputer' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Lync' -Command 'Enable-CsComputer'
  Assert-FakeCsAdmin -Cmdlet $PSCmdlet -Command 'Enable-CsComputer'
  $c = Get-FakeComputer
  $l = Get-FakeCsStore
  if (-not $l.EnabledTopology -or $l.EnabledTopology -ne $l.PublishedTopology) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Enable-CsComputer: the published topology is not enabled (Enable-CsTopology).' -Category InvalidOperation }
  $d = Get-FakeLyncDeploy -Computer $c
  $roles = @($c.CsServices.Keys | Where-Object { $_ -in @('RTCSRV', 'RTCCHAT') })
  if ($roles.Count -gt 0 -and -not $d.Assigned.ContainsKey('Default')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Enable-CsComputer: ' + $c.Name + ' has no Default certificate assigned (Set-CsCertificate -Type Default).') -ErrorId 'CertificateMissing' -Category InvalidOperation }
  if ($PSCmdlet.ShouldProcess($c.Name, 'Enable computer')) {
    foreach ($n in @($c.CsServices.Keys)) { if ($c.Services.ContainsKey($n)) { $c.Services[$n].StartType = 'Automatic' } }
    $d.Enabled = $true
    Write-FakeCsReport -Report $Report -Title 'Enable-CsComputer' -Lines @('Enabled ' + (Get-FakeComputerFqdn -Computer $c))
  }
}

#endregion

Register-FakeLyncDeployPrograms

<#
.SYNOPSIS
  Seeding: a world past the Central Management store step: the store's location in AD (-StoreLocation,
  `fqdn` or `fqdn\instance`, the forest prepared); -CertificationAuthority, the domain's enterprise CA
  (Add-FakeCertificationAuthority); with -Xml, a document already published, as Publish-CsTopology
  would have stored it; -Enabled: and enabled.
#>
function Add-FakeCsDeployment {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$StoreLocation, [string]$CertificationAuthority, [string]$Xml, [switch]$Enabled)
  if ($CertificationAuthority) { Add-FakeCertificationAuthority -Config $CertificationAuthority }
  $prep = Get-FakeLyncPrep
  $prep.Forest = $true
  $prep.StoreLocation = $StoreLocation.ToLowerInvariant()
  if (-not $Xml) { return }
  $doc = [System.Xml.XmlDocument]::new()
  $doc.LoadXml($Xml)
  $l = Get-FakeCsStore
  $l.PublishedTopology = $doc.OuterXml
  if ($Enabled) { $l.EnabledTopology = $l.PublishedTopology }
}
