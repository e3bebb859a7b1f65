# What a generated script may use on Windows Server 2012 R2: Windows PowerShell 4.0 (Windows
# Management Framework 4.0) with the modules the kit installs or Windows ships there. Sources: the
# Windows PowerShell 4.0 cmdlet list of Microsoft.PowerShell.Core/Management/Utility/Security (the
# "What's new in Windows PowerShell" pages of 3.0, 4.0 and 5.0 name what each version added), the
# Windows Server 2012 R2 module references (Storage, ServerManager, SmbShare, DnsServer,
# ActiveDirectory, ADDSDeployment, NetSecurity, ADCSDeployment), and the Lync Server 2013 module.
# A command not listed here fails the syntax suite: add it only with the page that shows it on 4.0.
@{
  Commands = @(
    # Microsoft.PowerShell.Core (4.0)
    'Add-History', 'Clear-History', 'Export-ModuleMember', 'ForEach-Object', 'Get-Command', 'Get-Help', 'Get-History', 'Get-Job', 'Get-Module',
    'Import-Module', 'Invoke-Command', 'Invoke-History', 'New-Module', 'New-ModuleManifest', 'Out-Default', 'Out-Host', 'Out-Null', 'Receive-Job',
    'Remove-Job', 'Remove-Module', 'Set-StrictMode', 'Start-Job', 'Stop-Job', 'Test-ModuleManifest', 'Wait-Job', 'Where-Object',
    # Microsoft.PowerShell.Management (4.0)
    'Add-Content', 'Clear-Content', 'Clear-Item', 'Convert-Path', 'Copy-Item', 'Get-ChildItem', 'Get-Content', 'Get-Item', 'Get-ItemProperty',
    'Get-Location', 'Get-Process', 'Get-PSDrive', 'Get-Service', 'Join-Path', 'Move-Item', 'New-Item', 'New-ItemProperty', 'New-PSDrive',
    'New-Service', 'Pop-Location', 'Push-Location', 'Remove-Item', 'Remove-ItemProperty', 'Remove-PSDrive', 'Rename-Item', 'Resolve-Path',
    'Restart-Computer', 'Restart-Service', 'Set-Content', 'Set-Item', 'Set-ItemProperty', 'Set-Location', 'Set-Service', 'Split-Path',
    'Start-Process', 'Start-Service', 'Stop-Computer', 'Stop-Process', 'Stop-Service', 'Test-Connection', 'Test-Path', 'Wait-Process',
    'Get-WmiObject', 'Add-Computer', 'Rename-Computer', 'Get-HotFix',
    # Microsoft.PowerShell.Utility (4.0; Get-FileHash is new in 4.0)
    'Add-Member', 'Add-Type', 'Compare-Object', 'ConvertFrom-Csv', 'ConvertFrom-Json', 'ConvertTo-Csv', 'ConvertTo-Html', 'ConvertTo-Json',
    'ConvertTo-Xml', 'Export-Clixml', 'Export-Csv', 'Format-List', 'Format-Table', 'Get-Date', 'Get-FileHash', 'Get-Member', 'Get-Random',
    'Get-Unique', 'Group-Object', 'Import-Clixml', 'Import-Csv', 'Invoke-Expression', 'Invoke-RestMethod', 'Invoke-WebRequest', 'Measure-Object',
    'New-Object', 'New-TimeSpan', 'Out-File', 'Out-String', 'Read-Host', 'Select-Object', 'Select-String', 'Select-Xml', 'Sort-Object',
    'Start-Sleep', 'Tee-Object', 'Write-Debug', 'Write-Error', 'Write-Host', 'Write-Output', 'Write-Verbose', 'Write-Warning', 'Get-Variable',
    'Set-Variable', 'New-Variable', 'Remove-Variable',
    # Microsoft.PowerShell.Security (4.0)
    'ConvertFrom-SecureString', 'ConvertTo-SecureString', 'Get-Acl', 'Set-Acl', 'Get-Credential',
    # CimCmdlets (3.0)
    'Get-CimInstance', 'Invoke-CimMethod',
    # Storage (Windows Server 2012 R2)
    'Get-Disk', 'Initialize-Disk', 'New-Partition', 'Format-Volume', 'Get-Volume', 'Get-Partition', 'Set-Disk', 'Get-DiskImage', 'Mount-DiskImage', 'Dismount-DiskImage',
    # ServerManager
    'Get-WindowsFeature', 'Install-WindowsFeature', 'Uninstall-WindowsFeature',
    # SmbShare
    'Get-SmbShare', 'New-SmbShare', 'Grant-SmbShareAccess', 'Get-SmbShareAccess',
    # DnsServer
    'Get-DnsServerResourceRecord', 'Add-DnsServerResourceRecordA', 'Add-DnsServerResourceRecordCName', 'Get-DnsServerZone',
    # ActiveDirectory (RSAT-AD-PowerShell)
    'Get-ADDomain', 'Get-ADForest', 'Get-ADUser', 'New-ADUser', 'Set-ADUser', 'Remove-ADUser', 'Get-ADGroup', 'New-ADGroup', 'Add-ADGroupMember',
    'Get-ADGroupMember', 'Get-ADOrganizationalUnit', 'New-ADOrganizationalUnit', 'Get-ADObject', 'Set-ADObject', 'Enable-ADAccount', 'Set-ADAccountPassword',
    # ADDSDeployment
    'Install-ADDSForest', 'Install-ADDSDomainController',
    # ADCSDeployment
    'Install-AdcsCertificationAuthority',
    # NetSecurity
    'Get-NetFirewallRule', 'New-NetFirewallRule', 'Enable-NetFirewallRule'
  )

  # The Lync Server 2013 module: every cmdlet is Verb-Cs<Noun>; the fakes hold each to its reference page.
  CommandPatterns = @('*-Cs*')

  # Programs Windows Server 2012 R2 has (or Lync setup brings); called as native commands.
  Executables = @('robocopy.exe', 'robocopy', 'msiexec.exe', 'msiexec', 'shutdown.exe', 'shutdown', 'sc.exe', 'netsh.exe', 'certutil.exe', 'Bootstrapper.exe', 'setup.exe', 'dism.exe')

  # Parameters added after 4.0 to cmdlets that 4.0 has.
  LaterParameters = @{
    'ConvertFrom-Json' = @('AsHashtable', 'Depth', 'NoEnumerate')
    'ConvertTo-Json'   = @('AsArray', 'EnumsAsStrings', 'EscapeHandling')
    'Get-ChildItem'    = @('Depth', 'FollowSymlink')
    'Set-Content'      = @('NoNewline', 'AsByteStream')
    'Add-Content'      = @('NoNewline', 'AsByteStream')
    'Out-File'         = @('NoNewline')
    'Get-Content'      = @('AsByteStream')
    'Join-Path'        = @('AdditionalChildPath', 'Extension')
    'Import-Csv'       = @('Path')
    'New-Item'         = @()
    'Remove-Item'      = @()
    'Select-String'    = @('Raw', 'NoEmphasis')
    'Invoke-WebRequest' = @('SkipCertificateCheck', 'Authentication', 'Token', 'Resume', 'SslProtocol', 'StatusCodeVariable', 'SkipHttpErrorCheck')
    'Start-Process'    = @('Environment')
    'Get-Date'         = @('AsUTC', 'UnixTimeSeconds')
    'Test-Connection'  = @('TargetName', 'TcpPort')
    'Sort-Object'      = @('Top', 'Bottom', 'Stable')
  }

  # Type accelerators Windows PowerShell 4.0 has.
  TypeAccelerators = @('string', 'int', 'long', 'bool', 'char', 'byte', 'double', 'decimal', 'datetime', 'timespan', 'regex', 'xml', 'ordered', 'hashtable',
    'array', 'pscustomobject', 'psobject', 'scriptblock', 'switch', 'ref', 'guid', 'uri', 'securestring', 'void', 'object', 'type', 'int32', 'int64', 'uint32',
    'ipaddress', 'adsi', 'wmi', 'version', 'Globalization.CultureInfo', 'Parameter', 'CmdletBinding', 'ValidateSet', 'ValidateNotNullOrEmpty', 'AllowEmptyString')

  # .NET Framework 4.5 namespaces (Windows Server 2012 R2 ships 4.5.1).
  TypeNamespaces = @('System.IO', 'System.Data.SqlClient', 'System.Globalization', 'System.Text', 'System.Security.Cryptography', 'System.Security.Principal',
    'System.Xml', 'System.Net', 'System.Collections', 'System.Diagnostics', 'System.Management.Automation', 'System.DirectoryServices', 'Microsoft.Win32',
    'System.Environment', 'System.Convert', 'System.Math', 'System.BitConverter', 'System.Guid', 'System.String', 'System.DateTime', 'System.TimeSpan',
    'System.Uri', 'System.Int32', 'System.Int64', 'System.Text.Encoding', 'System.Threading', 'System.Reflection')
}
