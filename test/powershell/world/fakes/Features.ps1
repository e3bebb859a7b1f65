<#
  ServerManager (Windows Server 2012 R2): roles, role services and features of the current computer.

  State (Computers[x].Features): name -> @{ Name; Installed = $true }. The catalog below is the
  part of Windows Server 2012 R2's feature list a Lync Server 2013 / Persistent Chat lab can use
  (names as `Get-WindowsFeature` prints them): an unknown name fails Install-WindowsFeature as on
  Windows, and Get-WindowsFeature returns nothing for it. Parents install with their children
  (MSMQ-Server brings MSMQ and MSMQ-Services); -IncludeManagementTools adds the tools and their
  PowerShell modules (RSAT-AD-PowerShell -> ActiveDirectory, RSAT-DNS-Server -> DnsServer).
#>

# Name = DisplayName, Parent, Tools (management tools -IncludeManagementTools adds), Modules (that
# the feature brings), Restart ('Yes' when Windows asks for a restart after installing it).
function Get-FakeFeatureCatalog {
  return [ordered]@{
  'AD-Certificate'               = @{ DisplayName = 'Active Directory Certificate Services'; Tools = @('RSAT-ADCS', 'RSAT-ADCS-Mgmt') }
  'ADCS-Cert-Authority'          = @{ DisplayName = 'Certification Authority'; Parent = 'AD-Certificate'; Tools = @('RSAT-ADCS', 'RSAT-ADCS-Mgmt'); Modules = @('ADCSDeployment') }
  'AD-Domain-Services'           = @{ DisplayName = 'Active Directory Domain Services'; Tools = @('RSAT-AD-Tools', 'RSAT-AD-PowerShell', 'RSAT-ADDS', 'RSAT-AD-AdminCenter', 'RSAT-ADDS-Tools'); Modules = @('ADDSDeployment') }
  'DNS'                          = @{ DisplayName = 'DNS Server'; Tools = @('RSAT-DNS-Server') }
  'FileAndStorage-Services'      = @{ DisplayName = 'File and Storage Services' }
  'File-Services'                = @{ DisplayName = 'File and iSCSI Services'; Parent = 'FileAndStorage-Services' }
  'FS-FileServer'                = @{ DisplayName = 'File Server'; Parent = 'File-Services' }
  'FS-DFS-Namespace'             = @{ DisplayName = 'DFS Namespaces'; Parent = 'File-Services'; Tools = @('RSAT-DFS-Mgmt-Con') }
  'FS-DFS-Replication'           = @{ DisplayName = 'DFS Replication'; Parent = 'File-Services'; Tools = @('RSAT-DFS-Mgmt-Con') }
  'FS-Resource-Manager'          = @{ DisplayName = 'File Server Resource Manager'; Parent = 'File-Services'; Tools = @('RSAT-FSRM-Mgmt') }
  'Storage-Services'             = @{ DisplayName = 'Storage Services'; Parent = 'FileAndStorage-Services' }
  'Web-Server'                   = @{ DisplayName = 'Web Server (IIS)'; Tools = @('Web-Mgmt-Tools', 'Web-Mgmt-Console') }
  'Web-WebServer'                = @{ DisplayName = 'Web Server'; Parent = 'Web-Server' }
  'Web-Common-Http'              = @{ DisplayName = 'Common HTTP Features'; Parent = 'Web-WebServer' }
  'Web-Default-Doc'              = @{ DisplayName = 'Default Document'; Parent = 'Web-Common-Http' }
  'Web-Dir-Browsing'             = @{ DisplayName = 'Directory Browsing'; Parent = 'Web-Common-Http' }
  'Web-Http-Errors'              = @{ DisplayName = 'HTTP Errors'; Parent = 'Web-Common-Http' }
  'Web-Static-Content'           = @{ DisplayName = 'Static Content'; Parent = 'Web-Common-Http' }
  'Web-Http-Redirect'            = @{ DisplayName = 'HTTP Redirection'; Parent = 'Web-Common-Http' }
  'Web-Health'                   = @{ DisplayName = 'Health and Diagnostics'; Parent = 'Web-WebServer' }
  'Web-Http-Logging'             = @{ DisplayName = 'HTTP Logging'; Parent = 'Web-Health' }
  'Web-Log-Libraries'            = @{ DisplayName = 'Logging Tools'; Parent = 'Web-Health' }
  'Web-Request-Monitor'          = @{ DisplayName = 'Request Monitor'; Parent = 'Web-Health' }
  'Web-Http-Tracing'             = @{ DisplayName = 'Tracing'; Parent = 'Web-Health' }
  'Web-Performance'              = @{ DisplayName = 'Performance'; Parent = 'Web-WebServer' }
  'Web-Stat-Compression'         = @{ DisplayName = 'Static Content Compression'; Parent = 'Web-Performance' }
  'Web-Dyn-Compression'          = @{ DisplayName = 'Dynamic Content Compression'; Parent = 'Web-Performance' }
  'Web-Security'                 = @{ DisplayName = 'Security'; Parent = 'Web-WebServer' }
  'Web-Filtering'                = @{ DisplayName = 'Request Filtering'; Parent = 'Web-Security' }
  'Web-Basic-Auth'               = @{ DisplayName = 'Basic Authentication'; Parent = 'Web-Security' }
  'Web-Client-Auth'              = @{ DisplayName = 'Client Certificate Mapping Authentication'; Parent = 'Web-Security' }
  'Web-Windows-Auth'             = @{ DisplayName = 'Windows Authentication'; Parent = 'Web-Security' }
  'Web-App-Dev'                  = @{ DisplayName = 'Application Development'; Parent = 'Web-WebServer' }
  'Web-Net-Ext'                  = @{ DisplayName = '.NET Extensibility 3.5'; Parent = 'Web-App-Dev' }
  'Web-Net-Ext45'                = @{ DisplayName = '.NET Extensibility 4.5'; Parent = 'Web-App-Dev' }
  'Web-Asp-Net'                  = @{ DisplayName = 'ASP.NET 3.5'; Parent = 'Web-App-Dev' }
  'Web-Asp-Net45'                = @{ DisplayName = 'ASP.NET 4.5'; Parent = 'Web-App-Dev' }
  'Web-ISAPI-Ext'                = @{ DisplayName = 'ISAPI Extensions'; Parent = 'Web-App-Dev' }
  'Web-ISAPI-Filter'             = @{ DisplayName = 'ISAPI Filters'; Parent = 'Web-App-Dev' }
  'Web-Mgmt-Tools'               = @{ DisplayName = 'Management Tools'; Parent = 'Web-Server' }
  'Web-Mgmt-Console'             = @{ DisplayName = 'IIS Management Console'; Parent = 'Web-Mgmt-Tools' }
  'Web-Scripting-Tools'          = @{ DisplayName = 'IIS Management Scripts and Tools'; Parent = 'Web-Mgmt-Tools' }
  'Web-Mgmt-Compat'              = @{ DisplayName = 'IIS 6 Management Compatibility'; Parent = 'Web-Mgmt-Tools' }
  'Web-Metabase'                 = @{ DisplayName = 'IIS 6 Metabase Compatibility'; Parent = 'Web-Mgmt-Compat' }
  'NET-Framework-Features'       = @{ DisplayName = '.NET Framework 3.5 Features' }
  'NET-Framework-Core'           = @{ DisplayName = '.NET Framework 3.5 (includes .NET 2.0 and 3.0)'; Parent = 'NET-Framework-Features' }
  'NET-HTTP-Activation'          = @{ DisplayName = 'HTTP Activation'; Parent = 'NET-Framework-Features' }
  'NET-Framework-45-Features'    = @{ DisplayName = '.NET Framework 4.5 Features' }
  'NET-Framework-45-Core'        = @{ DisplayName = '.NET Framework 4.5'; Parent = 'NET-Framework-45-Features' }
  'NET-Framework-45-ASPNET'      = @{ DisplayName = 'ASP.NET 4.5'; Parent = 'NET-Framework-45-Features' }
  'NET-WCF-Services45'           = @{ DisplayName = 'WCF Services'; Parent = 'NET-Framework-45-Features' }
  'NET-WCF-HTTP-Activation45'    = @{ DisplayName = 'HTTP Activation'; Parent = 'NET-WCF-Services45' }
  'NET-WCF-TCP-PortSharing45'    = @{ DisplayName = 'TCP Port Sharing'; Parent = 'NET-WCF-Services45' }
  'BITS'                         = @{ DisplayName = 'Background Intelligent Transfer Service (BITS)'; Tools = @('RSAT-Bits-Server') }
  'Desktop-Experience'           = @{ DisplayName = 'Desktop Experience'; Restart = 'Yes' }
  'Server-Media-Foundation'      = @{ DisplayName = 'Media Foundation'; Restart = 'Yes' }
  'Windows-Identity-Foundation'  = @{ DisplayName = 'Windows Identity Foundation 3.5' }
  'MSMQ'                         = @{ DisplayName = 'Message Queuing' }
  'MSMQ-Services'                = @{ DisplayName = 'Message Queuing Services'; Parent = 'MSMQ' }
  'MSMQ-Server'                  = @{ DisplayName = 'Message Queuing Server'; Parent = 'MSMQ-Services' }
  'MSMQ-Directory'               = @{ DisplayName = 'Directory Service Integration'; Parent = 'MSMQ-Services' }
  'MSMQ-HTTP-Support'            = @{ DisplayName = 'HTTP Support'; Parent = 'MSMQ-Services' }
  'MSMQ-Triggers'                = @{ DisplayName = 'Message Queuing Triggers'; Parent = 'MSMQ-Services' }
  'Failover-Clustering'          = @{ DisplayName = 'Failover Clustering'; Tools = @('RSAT-Clustering', 'RSAT-Clustering-PowerShell') }
  'GPMC'                         = @{ DisplayName = 'Group Policy Management' }
  'RSAT'                         = @{ DisplayName = 'Remote Server Administration Tools' }
  'RSAT-Role-Tools'              = @{ DisplayName = 'Role Administration Tools'; Parent = 'RSAT' }
  'RSAT-AD-Tools'                = @{ DisplayName = 'AD DS and AD LDS Tools'; Parent = 'RSAT-Role-Tools' }
  'RSAT-AD-PowerShell'           = @{ DisplayName = 'Active Directory module for Windows PowerShell'; Parent = 'RSAT-AD-Tools'; Modules = @('ActiveDirectory') }
  'RSAT-ADDS'                    = @{ DisplayName = 'AD DS Tools'; Parent = 'RSAT-AD-Tools' }
  'RSAT-AD-AdminCenter'          = @{ DisplayName = 'Active Directory Administrative Center'; Parent = 'RSAT-ADDS' }
  'RSAT-ADDS-Tools'              = @{ DisplayName = 'AD DS Snap-Ins and Command-Line Tools'; Parent = 'RSAT-ADDS' }
  'RSAT-ADCS'                    = @{ DisplayName = 'Active Directory Certificate Services Tools'; Parent = 'RSAT-Role-Tools' }
  'RSAT-ADCS-Mgmt'               = @{ DisplayName = 'Certification Authority Management Tools'; Parent = 'RSAT-ADCS' }
  'RSAT-DNS-Server'              = @{ DisplayName = 'DNS Server Tools'; Parent = 'RSAT-Role-Tools'; Modules = @('DnsServer') }
  'RSAT-Clustering'              = @{ DisplayName = 'Failover Clustering Tools'; Parent = 'RSAT-Role-Tools' }
  'RSAT-Clustering-PowerShell'   = @{ DisplayName = 'Failover Cluster Module for Windows PowerShell'; Parent = 'RSAT-Clustering' }
  'RSAT-DFS-Mgmt-Con'            = @{ DisplayName = 'DFS Management Tools'; Parent = 'RSAT-Role-Tools' }
  'RSAT-FSRM-Mgmt'               = @{ DisplayName = 'File Server Resource Manager Tools'; Parent = 'RSAT-Role-Tools' }
  'RSAT-Bits-Server'             = @{ DisplayName = 'BITS Server Extensions Tools'; Parent = 'RSAT-Role-Tools' }
  'Telnet-Client'                = @{ DisplayName = 'Telnet Client' }
  'Windows-Server-Backup'        = @{ DisplayName = 'Windows Server Backup' }
  'SNMP-Service'                 = @{ DisplayName = 'SNMP Service' }
  'PowerShellRoot'               = @{ DisplayName = 'Windows PowerShell' }
  'PowerShell'                   = @{ DisplayName = 'Windows PowerShell 4.0'; Parent = 'PowerShellRoot' }
  'PowerShell-ISE'               = @{ DisplayName = 'Windows PowerShell ISE'; Parent = 'PowerShellRoot' }
  'WAS'                          = @{ DisplayName = 'Windows Process Activation Service' }
  'WAS-Process-Model'            = @{ DisplayName = 'Process Model'; Parent = 'WAS' }
  'WAS-Config-APIs'              = @{ DisplayName = 'Configuration APIs'; Parent = 'WAS' }
  'WoW64-Support'                = @{ DisplayName = 'WoW64 Support' }
  }
}

# What a Windows Server 2012 R2 Datacenter image has installed out of the box (Azure marketplace).
function Get-FakeFeatureDefaults {
  return @('FileAndStorage-Services', 'Storage-Services', 'NET-Framework-45-Features', 'NET-Framework-45-Core', 'NET-WCF-Services45', 'NET-WCF-TCP-PortSharing45', 'PowerShellRoot', 'PowerShell', 'PowerShell-ISE', 'WoW64-Support')
}

function Get-FakeFeatureCanonicalName {
  param([string]$Name)
  $catalog = Get-FakeFeatureCatalog
  foreach ($k in $catalog.Keys) { if ($k -eq $Name) { return [string]$k } }
  return $null
}

function Test-FakeFeatureInstalled {
  param($Computer, [string]$Name)
  if ($Computer.Features.ContainsKey($Name)) { return [bool]$Computer.Features[$Name].Installed }
  return ((Get-FakeFeatureDefaults) -contains $Name)
}

function Get-FakeFeatureObject {
  param($Computer, [string]$Name)
  $catalog = Get-FakeFeatureCatalog
  $def = $catalog[$Name]
  $installed = Test-FakeFeatureInstalled -Computer $Computer -Name $Name
  $depth = 0
  $p = $def['Parent']
  while ($p) { $depth++; $p = $catalog[$p]['Parent'] }
  return New-FakeObject -TypeName 'Microsoft.Windows.ServerManager.Commands.Feature' -Properties ([ordered]@{
      Name         = $Name
      DisplayName  = [string]$def['DisplayName']
      Installed    = $installed
      InstallState = $(if ($installed) { 'Installed' } else { 'Available' })
      FeatureType  = $(if ($depth -eq 0) { 'Role' } else { 'Role Service' })
      Path         = [string]$def['DisplayName']
      Depth        = $depth + 1
      Parent       = [string]$def['Parent']
    })
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/servermanager/Get-WindowsFeature.md
# (-Vhd, -Credential and -LogPath are left out; -ComputerName must name the current computer).
# A name the catalog lacks returns nothing, as on Windows; wildcards select, as in the page's example 3.
function Get-WindowsFeature {
  [CmdletBinding()]
  param(
    [Parameter(Position = 0, ValueFromPipeline = $true)][string[]]$Name,
    [Alias('Cn')][string]$ComputerName
  )
  process {
    Enter-FakeCall -Command 'Get-WindowsFeature' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ServerManager' -Command 'Get-WindowsFeature'
    $c = Get-FakeComputer
    $catalog = Get-FakeFeatureCatalog
    if ($ComputerName -and -not (Test-FakeComputerName -Computer $c -Name $ComputerName)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The fake world runs Get-WindowsFeature on the current computer only, not ' + $ComputerName) -Category NotImplemented }
    $names = @($catalog.Keys)
    if ($PSBoundParameters.ContainsKey('Name')) {
      $names = @($names | Where-Object { $n = $_; @($Name | Where-Object { Test-FakeLike -Value $n -Pattern $_ }).Count -gt 0 })
    }
    foreach ($n in $names) { Get-FakeFeatureObject -Computer $c -Name $n }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/servermanager/Install-WindowsFeature.md
# (set ComponentNamesAndRunningComputer; -Vhd, -ConfigurationFilePath, -Credential are left out).
# Returns a FeatureOperationResult: Success, RestartNeeded (No/Yes as the RestartState enum prints),
# FeatureResult (what was installed), ExitCode (Success, NoChangeNeeded, SuccessRestartRequired).
function Install-WindowsFeature {
  [CmdletBinding(DefaultParameterSetName = 'ComponentNamesAndRunningComputer', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(Mandatory = $true, Position = 0, ValueFromPipeline = $true)][object[]]$Name,
    [switch]$Restart,
    [switch]$IncludeAllSubFeature,
    [switch]$IncludeManagementTools,
    [string[]]$Source,
    [Alias('Cn')][string]$ComputerName,
    [string]$LogPath
  )
  begin { $requested = [System.Collections.Generic.List[string]]::new() }
  process {
    foreach ($n in $Name) {
      if ($n -is [string]) { $requested.Add($n) } elseif ($null -ne $n.PSObject.Properties['Name']) { $requested.Add([string]$n.Name) } else { $requested.Add([string]$n) }
    }
  }
  end {
    $bound = @{} + $PSBoundParameters
    Enter-FakeCall -Command 'Install-WindowsFeature' -Parameters $bound
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'ServerManager' -Command 'Install-WindowsFeature'
    $c = Get-FakeComputer
    $catalog = Get-FakeFeatureCatalog
    if ($ComputerName -and -not (Test-FakeComputerName -Computer $c -Name $ComputerName)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The fake world runs Install-WindowsFeature on the current computer only, not ' + $ComputerName) -Category NotImplemented }
    $canonical = @()
    foreach ($n in $requested) {
      $k = Get-FakeFeatureCanonicalName -Name $n
      if (-not $k) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("ArgumentNotValid: The role, role service, or feature name is not valid: '" + $n + "'. The name was not found.") -ErrorId 'NameDoesNotExist,Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand' -Category InvalidArgument -Target $n }
      $canonical += $k
    }
    # What gets installed: each name, its parents, its sub-features (-IncludeAllSubFeature) and tools.
    $plan = [System.Collections.Generic.List[string]]::new()
    $add = {
      param([string]$f)
      $chain = @()
      $p = $f
      while ($p) { $chain = @($p) + $chain; $p = $catalog[$p]['Parent'] }
      foreach ($x in $chain) { if (-not $plan.Contains($x)) { $plan.Add($x) } }
    }
    foreach ($n in $canonical) {
      & $add $n
      if ($IncludeAllSubFeature) {
        foreach ($k in @($catalog.Keys)) {
          $p = $catalog[$k]['Parent']
          while ($p) { if ($p -eq $n) { & $add $k; break }; $p = $catalog[$p]['Parent'] }
        }
      }
      if ($IncludeManagementTools) { foreach ($t in @($catalog[$n]['Tools'])) { if ($t) { & $add $t } } }
    }
    $new = @($plan | Where-Object { -not (Test-FakeFeatureInstalled -Computer $c -Name $_) })
    $results = @()
    $restartNeeded = 'No'
    if ($new.Count -gt 0 -and $PSCmdlet.ShouldProcess($c.Name, ('Install ' + ($new -join ', ')))) {
      foreach ($f in $new) {
        $def = $catalog[$f]
        $c.Features[$f] = @{ Name = $f; Installed = $true }
        foreach ($m in @($def['Modules'])) { if ($m -and @($c.Modules) -notcontains $m) { $c.Modules = @(@($c.Modules) + $m) } }
        $r = $(if ($def['Restart']) { [string]$def['Restart'] } else { 'No' })
        if ($r -eq 'Yes') { $restartNeeded = 'Yes' }
        $results += New-FakeObject -TypeName 'Microsoft.Windows.ServerManager.Commands.FeatureResult' -Properties ([ordered]@{ DisplayName = [string]$def['DisplayName']; Name = $f; RestartNeeded = $r; Success = $true; SkipReason = 'NotSkipped' })
      }
    } elseif ($new.Count -gt 0) {
      return
    }
    $exit = $(if ($new.Count -eq 0) { 'NoChangeNeeded' } elseif ($restartNeeded -eq 'Yes') { 'SuccessRestartRequired' } else { 'Success' })
    if ($restartNeeded -eq 'Yes') { $c['RestartPending'] = $true }
    New-FakeObject -TypeName 'Microsoft.Windows.ServerManager.Commands.FeatureOperationResult' -Properties ([ordered]@{
        Success       = $true
        RestartNeeded = $restartNeeded
        FeatureResult = $results
        ExitCode      = $exit
      })
  }
}

<#
.SYNOPSIS
  Seeding: features already installed on a computer (by their Get-WindowsFeature names).
#>
function Add-FakeFeature {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Computer, [Parameter(Mandatory = $true)][string[]]$Name)
  $c = Add-FakeComputer -Name $Computer
  $catalog = Get-FakeFeatureCatalog
  foreach ($given in $Name) {
    $n = Get-FakeFeatureCanonicalName -Name $given
    if (-not $n) { throw ('Add-FakeFeature: ' + $given + ' is not in the fake catalog of Windows Server 2012 R2 features (fakes/Features.ps1)') }
    $p = $n
    while ($p) {
      $c.Features[$p] = @{ Name = $p; Installed = $true }
      foreach ($m in @($catalog[$p]['Modules'])) { if ($m -and @($c.Modules) -notcontains $m) { $c.Modules = @(@($c.Modules) + $m) } }
      $p = $catalog[$p]['Parent']
    }
  }
}
