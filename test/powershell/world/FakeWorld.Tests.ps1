<#
  Proof of the fakes (fakes/*.ps1): for each one, that it refuses a parameter its real cmdlet lacks,
  that a missing mandatory parameter fails (where it has one), that it keeps state across calls, and
  that an injected failure (Set-FakeFailure -AtCall 1) makes its next call fail; then the behaviours
  the fakes take from their reference pages.

  Run: dotnet tool run pwsh -NoProfile -NonInteractive -Command "Import-Module
  /root/.nuget/packages/pester/6.2.0/tools/Pester.psd1; Invoke-Pester -Path
  test/powershell/world/FakeWorld.Tests.ps1 -Output Detailed"

  The fakes are private functions of the module: every call below runs inside it (InWorld).
#>

BeforeDiscovery {
  # One row per fake: Bogus calls it with a parameter its real cmdlet lacks; Missing leaves out a
  # mandatory one ($null: none); State returns $true when a later call sees an earlier call's
  # effect; Valid is a call that succeeds in the seeded world (used for the injected failure).
  $script:Cmdlets = @(
    # Storage
    @{ Command = 'Get-Disk'; Bogus = { Get-Disk -Lun 0 }; Missing = $null; Valid = { Get-Disk -Number 2 }
      State = { Initialize-Disk -Number 2; (Get-Disk -Number 2).PartitionStyle -eq 'GPT' } }
    @{ Command = 'Initialize-Disk'; Bogus = { Initialize-Disk -Number 2 -Force }; Missing = { Initialize-Disk -PartitionStyle GPT }; Valid = { Initialize-Disk -Number 2 }
      State = { Initialize-Disk -Number 2; try { Initialize-Disk -Number 2; $false } catch { $_.Exception.Message -like '*already been initialized*' } } }
    @{ Command = 'New-Partition'; Bogus = { New-Partition -DiskNumber 2 -UseMaximumSize -FileSystem NTFS }; Missing = { New-Partition -UseMaximumSize -DriveLetter G }; Valid = { Initialize-Disk -Number 2; New-Partition -DiskNumber 2 -UseMaximumSize -DriveLetter G }
      State = { Initialize-Disk -Number 2; New-Partition -DiskNumber 2 -UseMaximumSize -DriveLetter G | Out-Null; (Get-Volume -DriveLetter G).FileSystem -eq '' -and (Get-Disk -Number 2).NumberOfPartitions -eq 2 } }
    @{ Command = 'Format-Volume'; Bogus = { Format-Volume -DriveLetter F -Label DATA -Confirm:$false }; Missing = { Format-Volume -FileSystem NTFS -Confirm:$false }; Valid = { Format-Volume -DriveLetter F -FileSystem NTFS -Confirm:$false }
      State = { Format-Volume -DriveLetter F -FileSystem NTFS -NewFileSystemLabel 'NEW-LABEL' -Confirm:$false | Out-Null; (Get-Volume -DriveLetter F).FileSystemLabel -eq 'NEW-LABEL' } }
    @{ Command = 'Get-Volume'; Bogus = { Get-Volume -Name C }; Missing = $null; Valid = { Get-Volume -DriveLetter C }
      State = { Initialize-Disk -Number 2; New-Partition -DiskNumber 2 -UseMaximumSize -DriveLetter G | Out-Null; Format-Volume -DriveLetter G -FileSystem NTFS -Confirm:$false | Out-Null; (Get-Volume -DriveLetter G).FileSystem -eq 'NTFS' } }
    # ServerManager
    @{ Command = 'Get-WindowsFeature'; Bogus = { Get-WindowsFeature -Name DNS -IncludeManagementTools }; Missing = $null; Valid = { Get-WindowsFeature -Name DNS }
      State = { Install-WindowsFeature -Name DNS | Out-Null; (Get-WindowsFeature -Name DNS).Installed } }
    @{ Command = 'Install-WindowsFeature'; Bogus = { Install-WindowsFeature -Name DNS -Force }; Missing = { Install-WindowsFeature -IncludeManagementTools }; Valid = { Install-WindowsFeature -Name DNS }
      State = { (Install-WindowsFeature -Name MSMQ-Server).ExitCode -eq 'Success' -and (Install-WindowsFeature -Name MSMQ-Server).ExitCode -eq 'NoChangeNeeded' -and (Get-WindowsFeature -Name MSMQ).Installed } }
    # Services
    @{ Command = 'Get-Service'; Bogus = { Get-Service -Name Spooler -StartupType Manual }; Missing = $null; Valid = { Get-Service -Name Spooler }
      State = { Stop-Service -Name Spooler; (Get-Service -Name Spooler).Status -eq 'Stopped' } }
    @{ Command = 'Stop-Service'; Bogus = { Stop-Service -Name Spooler -NoWait }; Missing = { Stop-Service -Force }; Valid = { Stop-Service -Name Spooler }
      State = { Stop-Service -Name Spooler; $s = Get-Service -Name Spooler; $s.WaitForStatus('Stopped', [timespan]::FromSeconds(1)); $s.Status -eq 'Stopped' } }
    @{ Command = 'Start-Service'; Bogus = { Start-Service -Name Spooler -Force }; Missing = { Start-Service -PassThru }; Valid = { Start-Service -Name Spooler }
      State = { Stop-Service -Name Spooler; Start-Service -Name Spooler; (Get-Service -Name Spooler).Status -eq 'Running' } }
    @{ Command = 'Set-Service'; Bogus = { Set-Service -Name Spooler -StartType Manual }; Missing = { Set-Service -StartupType Manual }; Valid = { Set-Service -Name Spooler -StartupType Manual }
      State = { Set-Service -Name Spooler -StartupType Disabled; Stop-Service -Name Spooler; try { Start-Service -Name Spooler; $false } catch { (Get-Service -Name Spooler).StartType -eq 'Disabled' } } }
    @{ Command = 'Get-CimInstance'; Bogus = { Get-CimInstance -ClassName Win32_ComputerSystem -Recurse }; Missing = { Get-CimInstance -Namespace root/cimv2 }; Valid = { Get-CimInstance -ClassName Win32_ComputerSystem }
      State = { $a = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime; shutdown.exe /r /t 0 | Out-Null; (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime -gt $a } }
    @{ Command = 'Start-Sleep'; Bogus = { Start-Sleep -Duration ([timespan]::FromSeconds(1)) }; Missing = { Start-Sleep }; Valid = { Start-Sleep -Seconds 1 }
      State = { Start-Sleep -Seconds 7000; try { Start-Sleep -Seconds 300; $false } catch { $_.Exception.Message -like '*would wait forever*' } } }
    # Lync and Import-Module
    @{ Command = 'Import-Module'; Bogus = { Import-Module Lync -SkipEditionCheck }; Missing = { Import-Module -Force }; Valid = { Import-Module Lync }
      State = { Add-FakeModule -Computer SRV01 -Name @('ServerManager', 'Storage') -Only; $before = $false; try { Import-Module ActiveDirectory -ErrorAction Stop } catch { $before = $true }; Install-WindowsFeature -Name RSAT-AD-PowerShell | Out-Null; Import-Module ActiveDirectory; $before } }
    @{ Command = 'Get-CsWindowsService'; Bogus = { Get-CsWindowsService -Name RTCSRV -Status Running }; Missing = $null; Valid = { Get-CsWindowsService -Name RTCSRV }
      State = { Stop-CsWindowsService -Name RTCSRV; (Get-CsWindowsService -Name RTCSRV).Status -eq 'Stopped' } }
    @{ Command = 'Stop-CsWindowsService'; Bogus = { Stop-CsWindowsService -Name RTCSRV -Wait }; Missing = $null; Valid = { Stop-CsWindowsService -Name RTCSRV }
      State = { Stop-CsWindowsService; @(Get-CsWindowsService | Where-Object { $_.Status -ne 'Stopped' }).Count -eq 0 } }
    @{ Command = 'Start-CsWindowsService'; Bogus = { Start-CsWindowsService -Name RTCSRV -Graceful }; Missing = $null; Valid = { Start-CsWindowsService -Name RTCSRV }
      State = { Stop-CsWindowsService -Name RTCSRV; Start-CsWindowsService -Name RTCSRV; (Get-CsWindowsService -Name RTCSRV).Status -eq 'Running' } }
    @{ Command = 'Get-CsService'; Bogus = { Get-CsService -Role PersistentChatServer }; Missing = $null; Valid = { Get-CsService -PersistentChatServer }
      State = { Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:pchat.contoso.local' -ActiveServers $null; @((Get-CsService -PersistentChatServer).ActiveServers).Count -eq 0 } }
    @{ Command = 'Set-CsPersistentChatActiveServer'; Bogus = { Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:pchat.contoso.local' -Add 'srv01.contoso.local' }; Missing = { Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:pchat.contoso.local' }
      Valid = { Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:pchat.contoso.local' -ActiveServers @{ Add = 'srv01.contoso.local' } }
      State = { Set-CsPersistentChatActiveServer -Identity 'PersistentChatServer:pchat.contoso.local' -ActiveServers @{ Remove = 'srv01.contoso.local' }; $a = @((Get-CsService -PersistentChatServer).InactiveServers) -contains 'srv01.contoso.local'; Set-CsPersistentChatActiveServer -Swap; $a -and @((Get-CsService -PersistentChatServer).ActiveServers) -contains 'srv01.contoso.local' } }
    @{ Command = 'Get-CsPersistentChatState'; Bogus = { Get-CsPersistentChatState -State Normal }; Missing = $null; Valid = { Get-CsPersistentChatState }
      State = { Set-CsPersistentChatState -Identity 'PersistentChatServer:pchat.contoso.local' -PoolState FailedOver; (Get-CsPersistentChatState).PoolState -eq 'FailedOver' } }
    @{ Command = 'Set-CsPersistentChatState'; Bogus = { Set-CsPersistentChatState -Identity 'PersistentChatServer:pchat.contoso.local' -State FailedOver }; Missing = $null; Valid = { Set-CsPersistentChatState -Identity 'PersistentChatServer:pchat.contoso.local' -PoolState FailedOver }
      State = { Set-CsPersistentChatState -Identity 'PersistentChatServer:pchat.contoso.local' -PoolState FailedOver; Set-CsPersistentChatState -Identity 'PersistentChatServer:pchat.contoso.local' -PoolState Normal; (Get-CsPersistentChatState).PoolState -eq 'Normal' } }
    @{ Command = 'Get-CsPersistentChatEndpoint'; Bogus = { Get-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' }; Missing = $null; Valid = { Get-CsPersistentChatEndpoint }
      State = { New-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' -PersistentChatPoolFqdn 'pchat.contoso.local'; (Get-CsPersistentChatEndpoint -Identity 'sip:pc@contoso.local').SipAddress -eq 'sip:pc@contoso.local' } }
    @{ Command = 'New-CsPersistentChatEndpoint'; Bogus = { New-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' -PersistentChatPoolFqdn 'pchat.contoso.local' -Identity x }; Missing = { New-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' }
      Valid = { New-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' -PersistentChatPoolFqdn 'pchat.contoso.local' }
      State = { New-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' -PersistentChatPoolFqdn 'pchat.contoso.local'; try { New-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' -PersistentChatPoolFqdn 'pchat.contoso.local'; $false } catch { $_.Exception.Message -like '*already in use*' } } }
    @{ Command = 'Get-CsPersistentChatPolicy'; Bogus = { Get-CsPersistentChatPolicy -EnablePersistentChat $true }; Missing = $null; Valid = { Get-CsPersistentChatPolicy }
      State = { Set-CsPersistentChatPolicy -Identity Global -EnablePersistentChat $true; (Get-CsPersistentChatPolicy -Identity Global).EnablePersistentChat } }
    @{ Command = 'New-CsPersistentChatPolicy'; Bogus = { New-CsPersistentChatPolicy -Identity site:Lab -Enabled $true }; Missing = { New-CsPersistentChatPolicy -EnablePersistentChat $true }; Valid = { New-CsPersistentChatPolicy -Identity site:Lab -EnablePersistentChat $true }
      State = { New-CsPersistentChatPolicy -Identity site:Lab -EnablePersistentChat $true | Out-Null; (Get-CsPersistentChatPolicy -Identity 'Site:Lab').EnablePersistentChat } }
    @{ Command = 'Set-CsPersistentChatPolicy'; Bogus = { Set-CsPersistentChatPolicy -Identity Global -Enabled $true }; Missing = $null; Valid = { Set-CsPersistentChatPolicy -Identity Global -EnablePersistentChat $true }
      State = { Set-CsPersistentChatPolicy -EnablePersistentChat $true; (Get-CsPersistentChatPolicy -Identity Global).EnablePersistentChat } }
    @{ Command = 'Get-CsTrustedApplication'; Bogus = { Get-CsTrustedApplication -PoolFqdn 'legacy.contoso.local' }; Missing = $null; Valid = { Get-CsTrustedApplication }
      State = { Remove-CsTrustedApplication -Identity 'legacy.contoso.local/groupchat' -Confirm:$false; @(Get-CsTrustedApplication).Count -eq 0 } }
    @{ Command = 'Get-CsTrustedApplicationPool'; Bogus = { Get-CsTrustedApplicationPool -ApplicationId groupchat }; Missing = $null; Valid = { Get-CsTrustedApplicationPool }
      State = { Remove-CsTrustedApplicationPool -Identity 'TrustedApplicationPool:legacy.contoso.local' -Confirm:$false; @(Get-CsTrustedApplicationPool).Count -eq 0 -and @(Get-CsTrustedApplication).Count -eq 0 } }
    @{ Command = 'Remove-CsTrustedApplication'; Bogus = { Remove-CsTrustedApplication -Identity 'legacy.contoso.local/groupchat' -TrustedApplicationPoolFqdn 'legacy.contoso.local' -Confirm:$false }; Missing = { Remove-CsTrustedApplication -Confirm:$false }
      Valid = { Remove-CsTrustedApplication -Identity 'legacy.contoso.local/groupchat' -Confirm:$false }
      State = { Remove-CsTrustedApplication -Identity 'legacy.contoso.local/urn:application:groupchat' -Confirm:$false; (Get-FakeWorld).Lync.TopologyChangesPending -and @(Get-CsTrustedApplication -Filter '*groupchat*').Count -eq 0 } }
    @{ Command = 'Remove-CsTrustedApplicationPool'; Bogus = { Remove-CsTrustedApplicationPool -Identity 'legacy.contoso.local' -Recurse -Confirm:$false }; Missing = { Remove-CsTrustedApplicationPool -Confirm:$false }
      Valid = { Remove-CsTrustedApplicationPool -Identity 'legacy.contoso.local' -Confirm:$false }
      State = { Remove-CsTrustedApplicationPool -Identity 'legacy.contoso.local' -Confirm:$false; try { Remove-CsTrustedApplicationPool -Identity 'legacy.contoso.local' -Confirm:$false; $false } catch { $_.Exception.Message -like '*does not exist*' } } }
    @{ Command = 'Enable-CsTopology'; Bogus = { Enable-CsTopology -FileName topology.xml }; Missing = $null; Valid = { Enable-CsTopology }
      State = { Remove-CsTrustedApplication -Identity 'legacy.contoso.local/groupchat' -Confirm:$false; $pending = (Get-FakeWorld).Lync.TopologyChangesPending; Enable-CsTopology; $pending -and -not (Get-FakeWorld).Lync.TopologyChangesPending } }
    @{ Command = 'Export-CsPersistentChatData'; Bogus = { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' -Force }; Missing = { Export-CsPersistentChatData -FileName '\\srv01\data\e.zip' }
      Valid = { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' }
      State = { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e1.zip' -DisableExportedNodes -Report '\\srv01\data\e1.html'; Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e2.zip' -Report '\\srv01\data\e2.html'; (Get-Content -Raw -LiteralPath (Resolve-FakePath '\\srv01\data\e2.html')) -like '*Exported 0 categories*' } }
    @{ Command = 'Import-CsPersistentChatData'; Bogus = { Import-CsPersistentChatData -DBInstance 'sqlpc.contoso.local' -DBName mgc -FileName '\\srv01\data\e.zip' -Confirm:$false }; Missing = { Import-CsPersistentChatData -FileName '\\srv01\data\e.zip' }
      Valid = { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip'; Import-CsPersistentChatData -DBInstance 'sqlpc.contoso.local' -FileName '\\srv01\data\e.zip' }
      State = { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip'; Import-CsPersistentChatData -DBInstance 'sqlpc.contoso.local' -FileName '\\srv01\data\e.zip'; @((Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases['mgc'].Content.Categories | ForEach-Object { $_.Name }) -contains 'Engineering' } }
    @{ Command = 'Import-CsUserData'; Bogus = { Import-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\users.zip' -WhatIf }; Missing = { Import-CsUserData -PoolFqdn 'pool.contoso.local' }
      Valid = { Stop-CsWindowsService -Name RTCSRV; Import-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\users.zip' }
      State = { Stop-CsWindowsService -Name RTCSRV; Import-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\users.zip'; Export-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\out.zip'; (Read-FakeZipEntry -LocalPath (Resolve-FakePath '\\srv01\data\out.zip') -Name 'DocItemSet.xml') -like '*urn:lcd:ann@contoso.local*' } }
    @{ Command = 'Export-CsUserData'; Bogus = { Export-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\out.zip' -SipAddress 'ann@contoso.local' }; Missing = { Export-CsUserData -PoolFqdn 'pool.contoso.local' }
      Valid = { Export-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\out.zip' }
      State = { Add-FakeCsUserData -PoolFqdn 'pool.contoso.local' -DocItemXml '<DocItem Name="urn:lcd:bob@contoso.local"><Data><HomedResource><Contacts><Contact Buddy="ann@contoso.local"/></Contacts></HomedResource></Data></DocItem>'; Export-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\out.zip' -UserFilter 'bob@contoso.local'; ([xml](Read-FakeZipEntry -LocalPath (Resolve-FakePath '\\srv01\data\out.zip') -Name 'DocItemSet.xml')).SelectNodes('//DocItem/Data/HomedResource/Contacts/Contact').Count -eq 1 } }
    # Lync deployment (LyncDeploy.ps1): each Valid/State first seeds the CMS on sql01 and the domain's CA on DC01
    # (Add-FakeCsDeployment); the document is \\srv01\data\topology.xml (Initialize-TestWorld).
    @{ Command = 'Get-CsTopology'; Bogus = { Get-CsTopology -Identity Global }; Missing = $null; Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Get-CsTopology -AsXml }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; (Get-CsTopology -AsXml).ToString() -like '*pchat.contoso.local*' } }
    @{ Command = 'Publish-CsTopology'; Bogus = { Publish-CsTopology -FileName '\\srv01\data\topology.xml' -Enable }; Missing = { Publish-CsTopology -Force }; Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml' }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml' -Force; (Get-CsService -PersistentChatServer | Where-Object { $_.PoolFqdn -eq 'pchat.contoso.local' }).MtlsPort -eq 5042 } }
    @{ Command = 'Export-CsConfiguration'; Bogus = { Export-CsConfiguration -AsBytes -Path x }; Missing = { Export-CsConfiguration -Force }; Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Export-CsConfiguration -AsBytes }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Export-CsConfiguration -FileName '\\srv01\data\config.zip'; [System.IO.File]::ReadAllText((Resolve-FakePath '\\srv01\data\config.zip')) -like '*pchat.contoso.local*' } }
    @{ Command = 'Import-CsConfiguration'; Bogus = { Import-CsConfiguration -FileName '\\srv01\data\config.zip' -Replica }; Missing = { Import-CsConfiguration -LocalStore }
      Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeService -Computer SRV01 -Name 'MSSQL$RTCLOCAL' | Out-Null; $b = Export-CsConfiguration -AsBytes; Import-CsConfiguration -ByteInput $b -LocalStore }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeService -Computer SRV01 -Name 'MSSQL$RTCLOCAL' | Out-Null; Import-CsConfiguration -ByteInput (Export-CsConfiguration -AsBytes) -LocalStore; (Get-CsTopology -LocalStore -AsXml).ToString() -like '*pchat.contoso.local*' } }
    @{ Command = 'Enable-CsReplica'; Bogus = { Enable-CsReplica -ComputerName srv01 }; Missing = $null
      Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeService -Computer SRV01 -Name 'MSSQL$RTCLOCAL' | Out-Null; Import-CsConfiguration -ByteInput (Export-CsConfiguration -AsBytes) -LocalStore; Enable-CsReplica }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeService -Computer SRV01 -Name 'MSSQL$RTCLOCAL' | Out-Null; Import-CsConfiguration -ByteInput (Export-CsConfiguration -AsBytes) -LocalStore; Enable-CsReplica; @(Get-CsManagementStoreReplicationStatus -ReplicaFqdn 'srv01.contoso.local').Count -eq 1 } }
    @{ Command = 'Get-CsManagementStoreReplicationStatus'; Bogus = { Get-CsManagementStoreReplicationStatus -Computer srv01 }; Missing = $null; Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Get-CsManagementStoreReplicationStatus }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeService -Computer SRV01 -Name 'MSSQL$RTCLOCAL' | Out-Null; Import-CsConfiguration -ByteInput (Export-CsConfiguration -AsBytes) -LocalStore; Enable-CsReplica; $before = (Get-CsManagementStoreReplicationStatus -ReplicaFqdn 'srv01.contoso.local').UpToDate
        Add-FakeCsWindowsService -Computer SRV01 -Name REPLICA -Status Running; -not $before -and (Get-CsManagementStoreReplicationStatus -ReplicaFqdn 'srv01.contoso.local').UpToDate } }
    @{ Command = 'Request-CsCertificate'; Bogus = { Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' -Subject x }; Missing = { Request-CsCertificate -New -CA 'dc01.contoso.local\CONTOSO-CA' }
      Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' -FriendlyName Lync }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' -FriendlyName Lync | Out-Null; @(Get-ChildItem -Path 'Cert:\LocalMachine\My' | Where-Object { $_.FriendlyName -eq 'Lync' }).Count -eq 1 } }
    @{ Command = 'Set-CsCertificate'; Bogus = { Set-CsCertificate -Type Default -Thumbprint x -Usage Default }; Missing = { Set-CsCertificate -Type Default }
      Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; $c = Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA'; Set-CsCertificate -Type Default -Thumbprint $c.Thumbprint }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; $c = Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA'; Set-CsCertificate -Type Default -Thumbprint $c.Thumbprint; (Get-CsCertificate -Type Default).Thumbprint -eq $c.Thumbprint } }
    @{ Command = 'Get-CsCertificate'; Bogus = { Get-CsCertificate -Thumbprint x }; Missing = $null; Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Get-CsCertificate }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; $c = Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA'; $none = @(Get-CsCertificate).Count -eq 0; Set-CsCertificate -Type Default -Thumbprint $c.Thumbprint; $none -and (Get-CsCertificate).Use -eq 'Default' } }
    @{ Command = 'Get-ChildItem'; Bogus = { Get-ChildItem -Path 'Cert:\LocalMachine\My' -Depth 1 }; Missing = $null; Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Get-ChildItem -Path 'Cert:\LocalMachine\My' }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; $c = Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' -FriendlyName Lync; (Get-ChildItem -Path 'Cert:\LocalMachine\My').Thumbprint -eq $c.Thumbprint } }
    # Test-CsDatabase: the fake mgc on sqlpc (seeded without a version: RTM), the core components at RTM on SRV01.
    @{ Command = 'Test-CsDatabase'; Bogus = { Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' -Clean }; Missing = { Test-CsDatabase -ConfiguredDatabases }
      Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeSqlLogin -Instance 'sqlpc.contoso.local' -Login 'CONTOSO\pckadmin' -Windows; Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeSqlLogin -Instance 'sqlpc.contoso.local' -Login 'CONTOSO\pckadmin' -Windows
        $rtm = (Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local').Succeed; foreach ($p in (Get-FakeComputer).Products) { $p.DisplayVersion = '5.0.8308.556' }
        $behind = Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local'; Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' -Update
        $rtm -and -not $behind.Succeed -and $behind.InstalledVersion -eq '5.0.8308.0' -and (Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local').Succeed } }
    @{ Command = 'Enable-CsComputer'; Bogus = { Enable-CsComputer -ComputerName srv01 }; Missing = $null
      Valid = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Enable-CsTopology; $c = Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA'; Set-CsCertificate -Type Default -Thumbprint $c.Thumbprint; Enable-CsComputer }
      State = { Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'; Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Enable-CsTopology; $c = Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA'; Set-CsCertificate -Type Default -Thumbprint $c.Thumbprint; Set-Service -Name RTCCHAT -StartupType Manual; Enable-CsComputer; (Get-CsWindowsService -Name RTCCHAT).StartType -eq 'Automatic' } }
    # Active Directory, DNS, SMB
    @{ Command = 'Get-ADUser'; Bogus = { Get-ADUser -Identity ocschat -SipAddress x }; Missing = { Get-ADUser -Properties * }; Valid = { Get-ADUser -LDAPFilter '(msRTCSIP-PrimaryUserAddress=sip:ocschat@contoso.local)' }
      State = { Remove-ADUser -Identity ocschat -Confirm:$false; @(Get-ADUser -LDAPFilter '(msRTCSIP-PrimaryUserAddress=sip:ocschat@contoso.local)').Count -eq 0 } }
    @{ Command = 'Remove-ADUser'; Bogus = { Remove-ADUser -Identity ocschat -Recursive -Confirm:$false }; Missing = { Remove-ADUser -Confirm:$false }; Valid = { Remove-ADUser -Identity ocschat -Confirm:$false }
      State = { Remove-ADUser -Identity (Get-ADUser -Identity ocschat) -Confirm:$false; try { Get-ADUser -Identity ocschat -ErrorAction SilentlyContinue; $false } catch { $_.Exception.Message -like '*Cannot find an object with identity*' } } }
    @{ Command = 'New-ADUser'; Bogus = { New-ADUser -Name ann -Sip 'sip:ann@contoso.local' }; Missing = { New-ADUser -SamAccountName ann }; Valid = { New-ADUser -Name ann -SamAccountName ann }
      State = { New-ADUser -Name 'Ann Lee' -SamAccountName ann -OtherAttributes @{ 'msRTCSIP-PrimaryUserAddress' = 'sip:ann@contoso.local' }; (Get-ADUser -Filter "SamAccountName -eq 'ann'").DistinguishedName -eq 'CN=Ann Lee,CN=Users,DC=contoso,DC=local' } }
    @{ Command = 'Enable-CsUser'; Bogus = { Enable-CsUser -Identity ocschat -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:x@contoso.local' -Force }; Missing = { Enable-CsUser -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:x@contoso.local' }
      Valid = { New-ADUser -Name carl; Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:carl@contoso.local' }
      State = { New-ADUser -Name carl; Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:carl@contoso.local'; (Get-ADUser -LDAPFilter '(msRTCSIP-PrimaryUserAddress=sip:carl@contoso.local)').SamAccountName -eq 'carl' } }
    @{ Command = 'Set-ADUser'; Bogus = { Set-ADUser -Identity ocschat -OtherAttributes @{ a = 1 } }; Missing = { Set-ADUser -DisplayName x }; Valid = { Set-ADUser -Identity ocschat -DisplayName 'Lookup' }
      State = { Set-ADUser -Identity ocschat -Replace @{ 'msRTCSIP-PrimaryUserAddress' = 'sip:old@contoso.local' }; (Get-ADUser -Identity ocschat -Properties 'msRTCSIP-PrimaryUserAddress').'msRTCSIP-PrimaryUserAddress' -eq 'sip:old@contoso.local' } }
    @{ Command = 'Get-ADGroup'; Bogus = { Get-ADGroup -Filter * -Members x }; Missing = { Get-ADGroup -Properties * }; Valid = { Get-ADGroup -Filter * }
      State = { New-ADGroup -Name 'Chat Users' -GroupScope Global; (Get-ADGroup -LDAPFilter '(cn=Chat Users)').GroupScope -eq 'Global' } }
    @{ Command = 'New-ADGroup'; Bogus = { New-ADGroup -Name g -GroupScope Global -Members x }; Missing = { New-ADGroup -Name g }; Valid = { New-ADGroup -Name g -GroupScope Global }
      State = { New-ADGroup -Name g -GroupScope Global; try { New-ADGroup -Name g -GroupScope Global; $false } catch { $_.Exception.Message -like '*already exists*' } } }
    @{ Command = 'Add-ADGroupMember'; Bogus = { New-ADGroup -Name g -GroupScope Global; Add-ADGroupMember -Identity g -Group ocschat }; Missing = { Add-ADGroupMember -Identity g }; Valid = { New-ADGroup -Name g -GroupScope Global; Add-ADGroupMember -Identity g -Members ocschat }
      State = { New-ADGroup -Name g -GroupScope Global; Add-ADGroupMember -Identity g -Members ocschat; @((Get-ADGroup -Identity g -Properties Members).Members) -contains 'CN=ocschat,CN=Users,DC=contoso,DC=local' } }
    @{ Command = 'New-ADOrganizationalUnit'; Bogus = { New-ADOrganizationalUnit -Name Chat -ProtectedFromDeletion $false }; Missing = { New-ADOrganizationalUnit -Path 'DC=contoso,DC=local' }; Valid = { New-ADOrganizationalUnit -Name Chat }
      State = { New-ADOrganizationalUnit -Name Chat; New-ADUser -Name carl -Path 'OU=Chat,DC=contoso,DC=local'; (Get-ADUser -Identity carl).DistinguishedName -eq 'CN=carl,OU=Chat,DC=contoso,DC=local' } }
    @{ Command = 'Get-ADOrganizationalUnit'; Bogus = { Get-ADOrganizationalUnit -Filter * -Recursive }; Missing = { Get-ADOrganizationalUnit -SearchBase 'DC=contoso,DC=local' }; Valid = { Get-ADOrganizationalUnit -Filter * }
      State = { New-ADOrganizationalUnit -Name Chat; (Get-ADOrganizationalUnit -Identity 'OU=Chat,DC=contoso,DC=local').Name -eq 'Chat' -and @(Get-ADOrganizationalUnit -Filter * -SearchBase 'DC=contoso,DC=local').Count -eq 1 } }
    @{ Command = 'Get-ADDomain'; Bogus = { Get-ADDomain -Filter * }; Missing = $null; Valid = { Get-ADDomain -Identity contoso.local }
      State = { New-FakeWorld -Root (Join-Path (Split-Path -Parent (Get-FakeWorld).Root) 'forest') | Out-Null; Add-FakeComputer -Name DC09 -RawDataDiskLuns 0 | Out-Null; Enter-FakeComputer -Name DC09; Install-WindowsFeature -Name AD-Domain-Services, DNS -IncludeManagementTools | Out-Null
        Install-ADDSForest -DomainName 'fabrikam.local' -SafeModeAdministratorPassword (ConvertTo-SecureString 'Dsrm-Pass-1' -AsPlainText -Force) -InstallDns -NoRebootOnCompletion -Force | Out-Null
        $before = $false; try { Get-ADDomain | Out-Null } catch { $before = $_.Exception.Message -like '*Active Directory Web Services*' }
        shutdown.exe /r /t 60 | Out-Null; $before -and (Get-ADDomain -Identity FABRIKAM).DNSRoot -eq 'fabrikam.local' } }
    @{ Command = 'Install-ADDSForest'; Bogus = { Install-ADDSForest -DomainName 'fabrikam.local' -Credential $null -Force }; Missing = { Install-ADDSForest -InstallDns -Force }
      Valid = { Enter-FakeComputer -Name SRV02; Install-WindowsFeature -Name AD-Domain-Services | Out-Null; Install-ADDSForest -DomainName 'fabrikam.local' -SafeModeAdministratorPassword (ConvertTo-SecureString 'Dsrm-Pass-1' -AsPlainText -Force) -NoRebootOnCompletion -Force }
      State = { Enter-FakeComputer -Name SRV02; Install-WindowsFeature -Name AD-Domain-Services | Out-Null; Install-ADDSForest -DomainName 'fabrikam.local' -SafeModeAdministratorPassword (ConvertTo-SecureString 'Dsrm-Pass-1' -AsPlainText -Force) -NoRebootOnCompletion -Force | Out-Null; (Get-CimInstance -ClassName Win32_ComputerSystem).DomainRole -eq 5 -and (Get-FakeComputer).ContainsKey('PendingForest') } }
    @{ Command = 'Get-DnsServerResourceRecord'; Bogus = { Get-DnsServerResourceRecord -ZoneName contoso.local -IPv4Address 10.0.0.9 }; Missing = { Get-DnsServerResourceRecord -Name x }; Valid = { Enter-FakeComputer -Name DC01; Get-DnsServerResourceRecord -ZoneName contoso.local }
      State = { Enter-FakeComputer -Name DC01; Add-DnsServerResourceRecordA -ZoneName contoso.local -Name app -IPv4Address 10.0.0.9; (Get-DnsServerResourceRecord -ZoneName contoso.local -Name app -RRType A).RecordData.IPv4Address.IPAddressToString -eq '10.0.0.9' } }
    @{ Command = 'Add-DnsServerResourceRecordA'; Bogus = { Enter-FakeComputer -Name DC01; Add-DnsServerResourceRecordA -ZoneName contoso.local -Name app -IPv4Address 10.0.0.9 -Force }; Missing = { Add-DnsServerResourceRecordA -Name app -IPv4Address 10.0.0.9 }
      Valid = { Enter-FakeComputer -Name DC01; Add-DnsServerResourceRecordA -ZoneName contoso.local -Name app -IPv4Address 10.0.0.9 }
      State = { Enter-FakeComputer -Name DC01; Add-DnsServerResourceRecordA -ZoneName contoso.local -Name app -IPv4Address 10.0.0.9; try { Add-DnsServerResourceRecordA -ZoneName contoso.local -Name app -IPv4Address 10.0.0.9; $false } catch { $_.Exception.Message -like 'Failed to create resource record app*' } } }
    @{ Command = 'Get-SmbShare'; Bogus = { Get-SmbShare -Name data -Path 'F:\data' }; Missing = $null; Valid = { Get-SmbShare -Name data }
      State = { New-Item -ItemType Directory -Path (Resolve-FakeComputerPath -Computer (Get-FakeComputer) -Path 'F:\more') | Out-Null; New-SmbShare -Name more -Path 'F:\more' | Out-Null; (Get-SmbShare -Name more).Path -eq 'F:\more' } }
    @{ Command = 'New-SmbShare'; Bogus = { New-SmbShare -Name more -Path 'F:\data' -Force }; Missing = { New-SmbShare -Name more }; Valid = { New-SmbShare -Name more -Path 'F:\data' -FullAccess 'CONTOSO\Domain Admins' }
      State = { New-SmbShare -Name more -Path 'F:\data' | Out-Null; Set-Content -LiteralPath (Resolve-FakePath '\\srv01\more\x.txt') -Value 'via the share'; (Get-Content -LiteralPath (Resolve-FakeComputerPath -Computer (Get-FakeComputer) -Path 'F:\data\x.txt')) -eq 'via the share' } }
    # Programs, registry, web
    @{ Command = 'Start-Process'; Bogus = { Start-Process -FilePath msiexec.exe -ArgumentList '/x', '{7A1E2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B}', '/qn' -Environment @{} }; Missing = { Start-Process -ArgumentList '/x' }
      Valid = { Start-Process -FilePath 'msiexec.exe' -ArgumentList @('/x', '{7A1E2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B}', '/qn', '/norestart') -Wait -PassThru }
      State = { $a = Start-Process -FilePath 'msiexec.exe' -ArgumentList @('/x', '{7A1E2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B}', '/qn', '/norestart') -Wait -PassThru; $b = Start-Process -FilePath 'msiexec.exe' -ArgumentList @('/x', '{7A1E2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B}', '/qn', '/norestart') -Wait -PassThru; $a.ExitCode -eq 0 -and $b.ExitCode -eq 1605 } }
    @{ Command = 'Get-ItemProperty'; Bogus = { Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*' -Recurse }; Missing = { Get-ItemProperty -Name DisplayName }
      Valid = { Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*' }
      State = { Start-Process -FilePath 'msiexec.exe' -ArgumentList @('/x', '{7A1E2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B}', '/qn') -Wait | Out-Null; @(Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*' | Where-Object { $_.PSObject.Properties['DisplayName'] -and $_.DisplayName -like '*Group Chat*' }).Count -eq 0 } }
    @{ Command = 'Invoke-WebRequest'; Bogus = { Invoke-WebRequest -Uri 'https://example.blob.core.windows.net/b/file.bak?sig=x' -OutFile 'F:\f.bak' -SkipCertificateCheck }; Missing = { Invoke-WebRequest -OutFile 'F:\f.bak' }
      Valid = { Invoke-WebRequest -Uri 'https://example.blob.core.windows.net/b/file.bak?sig=x' -OutFile 'F:\f.bak' -UseBasicParsing }
      State = { Invoke-WebRequest -Uri 'https://example.blob.core.windows.net/b/file.bak?sig=x' -OutFile 'F:\f.bak' -UseBasicParsing; (Get-Content -Raw -LiteralPath (Resolve-FakeComputerPath -Computer (Get-FakeComputer) -Path 'F:\f.bak')) -eq "web content`n" } }
    @{ Command = 'New-Object'; Bogus = { New-Object -TypeName System.Data.SqlClient.SqlConnection -Force }; Missing = { New-Object -ArgumentList 'x' }
      Valid = { New-Object System.Data.SqlClient.SqlConnectionStringBuilder }
      State = { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $cmd = $c.CreateCommand(); $cmd.CommandTimeout = 0; $cmd.CommandText = 'BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM'; $cmd.Parameters.AddWithValue('@database', 'GroupChat') | Out-Null; $cmd.Parameters.AddWithValue('@path', '\\srv01\data\g.bak') | Out-Null; $cmd.ExecuteNonQuery() | Out-Null; $c.Close()
        $c2 = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c2.Open(); $v = $c2.CreateCommand(); $v.CommandText = 'RESTORE VERIFYONLY FROM DISK = @path WITH CHECKSUM'; $v.Parameters.AddWithValue('@path', '\\srv01\data\g.bak') | Out-Null; $v.ExecuteNonQuery() | Out-Null; $c2.Close(); $true } }
  )

  # Commands a fake counts that are not cmdlets: native programs and the SQL client's methods.
  $script:Natives = @(
    @{ Command = 'robocopy.exe'; Valid = { robocopy.exe '\\srv01\data\src' '\\srv01\data\dst' /E /COPY:DAT /R:1 /W:1 /NP | Out-Null } }
    @{ Command = 'shutdown.exe'; Valid = { shutdown.exe /r /t 0 | Out-Null } }
    @{ Command = 'SqlConnection.Open'; Valid = { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open() } }
    @{ Command = 'SqlCommand.ExecuteScalar'; Valid = { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'SELECT COUNT(*) FROM sys.databases WHERE name = @name'; $q.Parameters.AddWithValue('@name', 'GroupChat') | Out-Null; $q.ExecuteScalar() } }
    @{ Command = 'SqlCommand.ExecuteNonQuery'; Valid = { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM'; $q.Parameters.AddWithValue('@database', 'GroupChat') | Out-Null; $q.Parameters.AddWithValue('@path', '\\srv01\data\g.bak') | Out-Null; $q.ExecuteNonQuery() } }
    @{ Command = 'SqlCommand.ExecuteReader'; Valid = { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'RESTORE FILELISTONLY FROM DISK = @bak'; $q.Parameters.AddWithValue('@bak', '\\srv01\data\seed.bak') | Out-Null; $q.ExecuteReader() } }
  )
  # The Lync install's first steps (fakes/LyncSetup.ps1, the disk images of fakes/Storage.ps1). Each
  # row seeds what its cmdlet needs: SRV01 with Lync's core components, pckadmin (the run-as account)
  # as the forest's administrator, an ISO at C:\media\lync.iso.
  $script:Cmdlets += @(
    @{ Command = 'Get-DiskImage'; Bogus = { Get-DiskImage -ImagePath 'C:\media\lync.iso' -Mount }; Missing = { Get-DiskImage }
      Valid = { Add-FakeIsoImage -Path (Resolve-FakePath 'C:\media\lync.iso') -Files @{ 'a.txt' = 'a' }; Get-DiskImage -ImagePath 'C:\media\lync.iso' }
      State = { Add-FakeIsoImage -Path (Resolve-FakePath 'C:\media\lync.iso') -Files @{ 'a.txt' = 'a' }; $before = (Get-DiskImage -ImagePath 'C:\media\lync.iso').Attached; Mount-DiskImage -ImagePath 'C:\media\lync.iso'; -not $before -and (Get-DiskImage -ImagePath 'C:\media\lync.iso').Attached } }
    @{ Command = 'Mount-DiskImage'; Bogus = { Mount-DiskImage -ImagePath 'C:\media\lync.iso' -DriveLetter E }; Missing = { Mount-DiskImage -PassThru }
      Valid = { Add-FakeIsoImage -Path (Resolve-FakePath 'C:\media\lync.iso') -Files @{ 'a.txt' = 'a' }; Mount-DiskImage -ImagePath 'C:\media\lync.iso' }
      State = { Add-FakeIsoImage -Path (Resolve-FakePath 'C:\media\lync.iso') -Files @{ 'Setup\amd64\a.txt' = 'on the disc' }; Mount-DiskImage -ImagePath 'C:\media\lync.iso'; $v = Get-Volume -DiskImage (Get-DiskImage -ImagePath 'C:\media\lync.iso')
        $again = $false; try { Mount-DiskImage -ImagePath 'C:\media\lync.iso' } catch { $again = $_.Exception.Message -like '*being used by another process*' }
        $again -and $v.FileSystem -eq 'UDF' -and $v.DriveType -eq 'CD-ROM' -and (Get-Content -LiteralPath ([string]$v.DriveLetter + ':\Setup\amd64\a.txt')) -eq 'on the disc' } }
    @{ Command = 'Install-AdcsCertificationAuthority'; Bogus = { Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CAName 'CONTOSO-CA' -Force }; Missing = $null
      Valid = { Install-WindowsFeature -Name ADCS-Cert-Authority | Out-Null; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CACommonName 'CONTOSO-CA' -Force }
      State = { Install-WindowsFeature -Name ADCS-Cert-Authority | Out-Null; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CACommonName 'CONTOSO-CA' -Force | Out-Null
        $again = $false; try { Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CACommonName 'OTHER-CA' -Force } catch { $again = $_.Exception.Message -like '*already installed*' }
        $again -and (Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\CertSvc\Configuration' -Name Active).Active -eq 'CONTOSO-CA' -and (Get-Service -Name CertSvc).Status -eq 'Running' } }
    @{ Command = 'Get-CsAdServerSchema'; Bogus = { Get-CsAdServerSchema -Domain contoso.local }; Missing = $null
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Get-CsAdServerSchema }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; $a = Get-CsAdServerSchema; Install-CsAdServerSchema -Confirm:$false; $a -eq 'SCHEMA_VERSION_STATE_NOT_AVAILABLE' -and (Get-CsAdServerSchema) -eq 'SCHEMA_VERSION_STATE_CURRENT' } }
    @{ Command = 'Install-CsAdServerSchema'; Bogus = { Install-CsAdServerSchema -SchemaMaster dc01.contoso.local }; Missing = $null
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; (Get-CsAdServerSchema) -eq 'SCHEMA_VERSION_STATE_CURRENT' } }
    @{ Command = 'Get-CsAdForest'; Bogus = { Get-CsAdForest -Domain contoso.local }; Missing = $null
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Get-CsAdForest }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; $a = Get-CsAdForest; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; $a -eq 'LC_FORESTSETTINGS_STATE_NOT_READY' -and (Get-CsAdForest) -eq 'LC_FORESTSETTINGS_STATE_READY' } }
    @{ Command = 'Enable-CsAdForest'; Bogus = { Enable-CsAdForest -Domain contoso.local }; Missing = $null
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; (Get-ADGroup -Identity CsPersistentChatAdministrator).GroupScope -eq 'Universal' -and (Get-CsAdForest) -eq 'LC_FORESTSETTINGS_STATE_READY' } }
    @{ Command = 'Get-CsAdDomain'; Bogus = { Get-CsAdDomain -Forest contoso.local }; Missing = $null
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Get-CsAdDomain }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; $a = Get-CsAdDomain -Domain contoso.local; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; Enable-CsAdDomain -Confirm:$false; $a -eq 'LC_DOMAINSETTINGS_STATE_NOT_READY' -and (Get-CsAdDomain -Domain contoso.local) -eq 'LC_DOMAINSETTINGS_STATE_READY' } }
    @{ Command = 'Enable-CsAdDomain'; Bogus = { Enable-CsAdDomain -Forest contoso.local -Confirm:$false }; Missing = $null
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; Enable-CsAdDomain -Domain contoso.local -Confirm:$false }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; Enable-CsAdDomain -Domain contoso.local -Confirm:$false; (Get-CsAdDomain) -eq 'LC_DOMAINSETTINGS_STATE_READY' } }
    @{ Command = 'Install-CsDatabase'; Bogus = { Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -Mirror }; Missing = { Install-CsDatabase -CentralManagementDatabase -SqlInstanceName rtc }
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; Add-FakeSqlInstance -Computer SRV01 -Name 'srv01.contoso.local\RTC' -Folders @() | Out-Null; Add-FakeSqlLogin -Instance 'srv01.contoso.local\RTC' -Login 'CONTOSO\pckadmin' -Windows; Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; Add-FakeSqlInstance -Computer SRV01 -Name 'srv01.contoso.local\RTC' -Folders @() | Out-Null; Add-FakeSqlLogin -Instance 'srv01.contoso.local\RTC' -Login 'CONTOSO\pckadmin' -Windows
        Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc | Out-Null; Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc | Out-Null
        $i = Get-FakeSqlInstanceByName -Name 'srv01.contoso.local\RTC'; $i.Databases.ContainsKey('xds') -and $i.Databases.ContainsKey('lis') } }
    @{ Command = 'Get-CsConfigurationStoreLocation'; Bogus = { Get-CsConfigurationStoreLocation -SqlServerFqdn srv01.contoso.local }; Missing = $null
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Get-CsConfigurationStoreLocation }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; $a = Get-CsConfigurationStoreLocation; Set-CsConfigurationStoreLocation -SqlServerFqdn sqlpc.contoso.local -SkipLookup -Confirm:$false; $null -eq $a -and (Get-CsConfigurationStoreLocation) -eq 'sqlpc.contoso.local' } }
    @{ Command = 'Set-CsConfigurationStoreLocation'; Bogus = { Set-CsConfigurationStoreLocation -SqlServerFqdn sqlpc.contoso.local -Database xds }; Missing = { Set-CsConfigurationStoreLocation -SqlInstanceName rtc }
      Valid = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false; Set-CsConfigurationStoreLocation -SqlServerFqdn sqlpc.contoso.local -SkipLookup -Confirm:$false }
      State = { Add-FakeLyncCoreComponents -Computer SRV01; Add-FakeForestAdministrator -SamAccountName pckadmin; Install-CsAdServerSchema -Confirm:$false; Enable-CsAdForest -Confirm:$false
        $refused = $false; try { Set-CsConfigurationStoreLocation -SqlServerFqdn sqlpc.contoso.local -Confirm:$false } catch { $refused = $_.Exception.Message -like 'No Central Management store*' }
        Set-CsConfigurationStoreLocation -SqlServerFqdn sqlpc.contoso.local -SqlInstanceName rtc -SkipLookup -Confirm:$false; $refused -and (Get-CsConfigurationStoreLocation) -eq 'sqlpc.contoso.local\rtc' } }
  )
}

BeforeAll {
  Import-Module (Join-Path $PSScriptRoot 'FakeWorld.psm1') -Force

  <# Runs a block inside the module, where the fakes are. #>
  function InWorld {
    param([scriptblock]$Script)
    & (Get-Module FakeWorld) $Script
  }

  <#
    The world every row starts from: SRV01 (the current computer; two RAW data disks, F: with a share
    `data`, Spooler running, the Lync module with RTCSRV of pool.contoso.local and RTCCHAT of
    pchat.contoso.local, a Group Chat product), DC01 (the domain's DC with DNS), SRV02; SQL instances
    sql01 (GroupChat) and sqlpc (mgc) with the run-as account's Windows login; a legacy trusted
    application pool; the lookup account; a web file; user data to import.
  #>
  function Initialize-TestWorld {
    $root = Join-Path $TestDrive 'world'
    New-FakeWorld -Root $root | Out-Null
    Add-FakeComputer -Name SRV01 -RawDataDiskLuns 0, 1 | Out-Null
    Add-FakeComputer -Name SRV02 | Out-Null
    Add-FakeDomain -Fqdn contoso.local -NetbiosName CONTOSO -Available -DomainController DC01
    Add-FakeRunAs -Account 'CONTOSO\pckadmin'
    Add-FakeService -Computer SRV01 -Name Spooler -DisplayName 'Print Spooler' -Status Running -StartType Automatic | Out-Null
    Add-FakeCsWindowsService -Computer SRV01 -Name RTCSRV -Pool 'pool.contoso.local'
    Add-FakeCsWindowsService -Computer SRV01 -Name RTCCHAT -Pool 'pchat.contoso.local'
    Add-FakeSmbShare -Computer SRV01 -Name data -Path 'F:\data'
    Add-FakeSqlInstance -Computer 'sql01.contoso.local' | Out-Null
    Add-FakeSqlDatabase -Instance 'sql01.contoso.local' -Name GroupChat -Content @{
      Categories = @(@{ Name = 'Engineering'; Rooms = @(@{ Name = 'Platform'; Messages = @(@{ Date = '2024-06-01T10:00:00'; From = 'sip:ann@contoso.local'; Text = 'old' }, @{ Date = '2025-02-01T10:00:00'; From = 'sip:ann@contoso.local'; Text = 'new' }) }) }, @{ Name = 'Sales'; Rooms = @('EMEA') })
      Users      = @('sip:ann@contoso.local')
    } | Out-Null
    Add-FakeSqlInstance -Computer 'sqlpc.contoso.local' | Out-Null
    Add-FakeSqlDatabase -Instance 'sqlpc.contoso.local' -Name mgc | Out-Null
    foreach ($i in 'sql01.contoso.local', 'sqlpc.contoso.local') {
      Add-FakeSqlLogin -Instance $i -Login 'CONTOSO\pckadmin' -Windows
      Add-FakeSqlLogin -Instance $i -Login 'kit' -Password 'Kit-Pass-1'
    }
    Add-FakeTrustedApplicationPool -PoolFqdn 'legacy.contoso.local'
    Add-FakeTrustedApplication -PoolFqdn 'legacy.contoso.local' -ApplicationId groupchat
    Add-FakeAdUser -SamAccountName ocschat -SipAddress 'sip:ocschat@contoso.local'
    Add-FakeUninstallEntry -Computer SRV01 -ProductCode '{7A1E2B3C-4D5E-4F60-8A9B-0C1D2E3F4A5B}' -DisplayName 'Microsoft Lync Server 2010, Group Chat Server'
    $web = Join-Path $TestDrive 'web.bin'
    Set-Content -LiteralPath $web -Value 'web content' -NoNewline:$false
    Add-FakeWebFile -Uri 'https://example.blob.core.windows.net/b/file.bak?sig=x' -Path $web
    Add-FakeFileStoreFiles -Path '\\srv01\data\src' -Count 6 -TotalBytes 3000000
    Add-FakeSqlBackupFile -Path (Resolve-FakePath '\\srv01\data\seed.bak') -Database GroupChat
    # What Import-CsUserData takes: a ZIP with DocItemSet.xml (the kit writes it, domain §9.2).
    InWorld { Write-FakeZip -LocalPath (Resolve-FakePath '\\srv01\data\users.zip') -Entries @{ 'DocItemSet.xml' = '<?xml version="1.0" encoding="utf-8"?><DocItemSet><DocItem Name="urn:lcd:ann@contoso.local"><Data><HomedResource><Contacts><Contact Buddy="bob@contoso.local" DisplayName="Ym9i" Groups="1"/></Contacts></HomedResource></Data></DocItem></DocItemSet>' } }
    # For the Lync deployment fakes (LyncDeploy.ps1; their rows seed the CMS and the CA with
    # Add-FakeCsDeployment), a published-topology document to publish: the Registrar pool
    # pool.contoso.local on SRV02, the Persistent Chat pool pchat.contoso.local on SRV01 (SIP port 5042)
    # with its store on sqlpc.
    Set-Content -LiteralPath (Resolve-FakePath '\\srv01\data\topology.xml') -Value (Get-TestTopology) -Encoding utf8
    Enter-FakeComputer -Name SRV01
  }

  <# A small published-topology document (the generator's shape, migration-jobs/lync-topology). #>
  function Get-TestTopology {
    return @'
<?xml version="1.0" encoding="utf-8"?>
<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008" Signature="11111111-2222-4333-8444-555555555555">
  <InternalDomains AllowAllDomains="false" DefaultDomain="contoso.local"><InternalDomain Name="contoso.local" Authoritative="false" AllowSubDomains="false" /></InternalDomains>
  <Sites><CentralSite SiteId="1"><Name>test</Name><Location /></CentralSite></Sites>
  <Clusters>
    <Cluster RequiresReplication="true" RequiresSetup="true" Fqdn="pool.contoso.local"><ClusterId SiteId="1" Number="1" /><Machine OrdinalInCluster="1" Fqdn="srv02.contoso.local" FaultDomain="srv02.contoso.local" UpgradeDomain="srv02.contoso.local" /></Cluster>
    <Cluster RequiresReplication="true" RequiresSetup="true" Fqdn="pchat.contoso.local"><ClusterId SiteId="1" Number="2" /><Machine OrdinalInCluster="1" Fqdn="srv01.contoso.local" FaultDomain="srv01.contoso.local" UpgradeDomain="srv01.contoso.local" /></Cluster>
    <Cluster RequiresReplication="false" RequiresSetup="false" Fqdn="sqlpc.contoso.local"><ClusterId SiteId="1" Number="3" /><Machine OrdinalInCluster="1" Fqdn="sqlpc.contoso.local" FaultDomain="sqlpc.contoso.local" UpgradeDomain="sqlpc.contoso.local" /></Cluster>
  </Clusters>
  <SqlInstances><SqlInstance><SqlInstanceId Name=""><ClusterId SiteId="1" Number="3" /></SqlInstanceId></SqlInstance></SqlInstances>
  <Services>
    <Service RoleVersion="2" ServiceVersion="6" Type="Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.RegistrarService"><ServiceId SiteId="1" RoleName="Registrar" Instance="1" /><DependsOn /><InstalledOn><ClusterId SiteId="1" Number="1" /></InstalledOn><Ports xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008"><Port Owner="urn:component:Registrar" Usage="SipServer" InterfaceSide="Primary" InterfaceNumber="1" Port="5061" Protocol="Mtls" UrlPath="/" AuthorizesRequests="true" /></Ports></Service>
    <Service RoleVersion="1" ServiceVersion="6" Type="Microsoft.Rtc.Management.Deploy.Internal.ServiceRoles.PersistentChatService"><ServiceId SiteId="1" RoleName="PersistentChatService" Instance="1" /><DependsOn><Dependency Usage="Default"><ServiceId SiteId="1" RoleName="Registrar" Instance="1" /></Dependency><Dependency Usage="Default"><ServiceId SiteId="1" RoleName="PersistentChatStore" Instance="1" /></Dependency></DependsOn><InstalledOn><ClusterId SiteId="1" Number="2" /></InstalledOn><Ports xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008"><Port Owner="urn:component:PersistentChat" Usage="SipServer" InterfaceSide="Primary" InterfaceNumber="1" Port="5042" Protocol="Mtls" UrlPath="/" AuthorizesRequests="true" /></Ports></Service>
    <Service RoleVersion="1" ServiceVersion="6"><ServiceId SiteId="1" RoleName="PersistentChatStore" Instance="1" /><DependsOn /><InstalledOn><SqlInstanceId Name=""><ClusterId SiteId="1" Number="3" /></SqlInstanceId></InstalledOn><Ports xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.ServiceRoles.2008" /></Service>
  </Services>
</Topology>
'@
  }
}

Describe 'fake <Command>' -ForEach $script:Cmdlets {
  BeforeEach { Initialize-TestWorld }

  It 'refuses a parameter its real cmdlet lacks' {
    { InWorld $Bogus } | Should -Throw -ExpectedMessage '*A parameter cannot be found that matches parameter name*'
  }

  # Only for cmdlets that have a mandatory parameter (their Missing row); the others get no row.
  It 'fails when a mandatory parameter is missing' -ForEach @(if ($null -ne $Missing) { @{ Call = $Missing } }) -AllowNullOrEmptyForEach {
    { InWorld $Call } | Should -Throw
  }

  It 'keeps its state across calls' {
    InWorld $State | Select-Object -Last 1 | Should -BeTrue
  }

  It 'fails at the call Set-FakeFailure names, before any effect' {
    Set-FakeFailure -Command $Command -AtCall 1
    $threw = $null
    try { InWorld $Valid | Out-Null } catch { $threw = $_.Exception.Message }
    $threw | Should -BeLike '*fake failure injected at call * of *'
    # The same call in a fresh world then succeeds (the failure was the injected one).
    Clear-FakeFailure
    Initialize-TestWorld
    { InWorld $Valid | Out-Null } | Should -Not -Throw
  }
}

Describe 'native command <Command>' -ForEach $script:Natives {
  BeforeEach { Initialize-TestWorld }

  It 'fails at the call Set-FakeFailure names' {
    Set-FakeFailure -Command $Command -AtCall 1
    { InWorld $Valid | Out-Null } | Should -Throw -ExpectedMessage '*fake failure injected*'
    Clear-FakeFailure
    Initialize-TestWorld
    { InWorld $Valid | Out-Null } | Should -Not -Throw
  }
}

Describe 'native programs take the arguments Windows takes' {
  BeforeEach { Initialize-TestWorld }

  It 'robocopy refuses an unknown option with exit code 16, copies with 1, finds nothing new with 0, reports extras with 2' {
    InWorld { robocopy.exe '\\srv01\data\src' '\\srv01\data\dst' /E /BOGUS | Out-Null; $global:LASTEXITCODE } | Should -Be 16
    InWorld { robocopy.exe '\\srv01\data\src' '\\srv01\data\dst' /E /COPY:DAT /DCOPY:T /R:5 /W:15 /NP '/LOG+:\\srv01\data\rc.log'; $global:LASTEXITCODE } | Should -Be 1
    InWorld { robocopy.exe '\\srv01\data\src' '\\srv01\data\dst' /E /COPY:DAT /DCOPY:T /R:5 /W:15 /NP '/LOG+:\\srv01\data\rc.log'; $global:LASTEXITCODE } | Should -Be 0
    Set-Content -LiteralPath (Resolve-FakePath '\\srv01\data\dst\extra.txt') -Value 'x'
    InWorld { robocopy.exe '\\srv01\data\src' '\\srv01\data\dst' /E /NP | Out-Null; $global:LASTEXITCODE } | Should -Be 2
    InWorld { robocopy.exe '\\srv01\data\missing' '\\srv01\data\dst' /E | Out-Null; $global:LASTEXITCODE } | Should -Be 16
  }

  It 'robocopy keeps sparse stand-ins sparse and sizes equal' {
    InWorld { robocopy.exe '\\srv01\data\src' '\\srv01\data\dst' /E /COPY:DAT /NP | Out-Null }
    $src = @(Get-ChildItem -LiteralPath (Resolve-FakePath '\\srv01\data\src') -Recurse -File | Measure-Object -Property Length -Sum)
    $dst = @(Get-ChildItem -LiteralPath (Resolve-FakePath '\\srv01\data\dst') -Recurse -File | Measure-Object -Property Length -Sum)
    $dst[0].Sum | Should -Be $src[0].Sum
    $dst[0].Count | Should -Be 6
    $used = [long](& du -sk (Resolve-FakePath '\\srv01\data\dst') | ForEach-Object { ($_ -split '\s+')[0] })
    $used | Should -BeLessThan 1000
  }

  It 'shutdown.exe refuses an unknown option (87), restarts with /r, finds no shutdown to abort with /a (1116)' {
    InWorld { shutdown.exe /q | Out-Null; $global:LASTEXITCODE } | Should -Be 87
    (Get-FakeWorld).Computers['SRV01'].Reboots | Should -Be 0
    InWorld { shutdown.exe /r /t 60 /c 'pchat-kit: test' | Out-Null; $global:LASTEXITCODE } | Should -Be 0
    (Get-FakeWorld).Computers['SRV01'].Reboots | Should -Be 1
    InWorld { shutdown.exe /a | Out-Null; $global:LASTEXITCODE } | Should -Be 1116
  }
}

Describe 'behaviours taken from the reference pages' {
  BeforeEach { Initialize-TestWorld }

  It 'Export-CsPersistentChatData: -StartDate with a level other than RoomDirectory is refused (documented "valid only when Level is RoomDirectory")' {
    { InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' -Level All -StartDate ([datetime]'2025-01-01') } } | Should -Throw -ExpectedMessage '*valid only when -Level is RoomDirectory*'
    { InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' -Level RoomDirectory -StartDate ([datetime]'2025-01-01') } } | Should -Not -Throw
  }

  It 'Export-CsPersistentChatData: Add-FakeLyncOption Filter applies -StartDate to the content of any level' {
    Add-FakeLyncOption -Name StartDateOutsideRoomDirectory -Value Filter
    InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' -Level All -StartDate ([datetime]'2025-01-01') }
    $json = InWorld { Read-FakeZipEntry -LocalPath (Resolve-FakePath '\\srv01\data\e.zip') -Name 'pchat-kit-fake-export.json' } | ConvertFrom-Json
    @($json.categories[0].Rooms[0].Messages).Count | Should -Be 1
  }

  It 'Export-CsPersistentChatData: -Scope exports only the named categories; -DisableExportedNodes disables them in the source' {
    InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' -Scope @('Sales') -DisableExportedNodes }
    $json = InWorld { Read-FakeZipEntry -LocalPath (Resolve-FakePath '\\srv01\data\e.zip') -Name 'pchat-kit-fake-export.json' } | ConvertFrom-Json
    @($json.categories | ForEach-Object { $_.Name }) | Should -Be @('Sales')
    $cats = (Get-FakeWorld).Sql['sql01.contoso.local'].Databases['GroupChat'].Content.Categories
    ($cats | Where-Object { $_.Name -eq 'Sales' }).Disabled | Should -BeTrue
    ($cats | Where-Object { $_.Name -eq 'Engineering' }).Disabled | Should -BeFalse
  }

  It 'Export-CsPersistentChatData: a missing database is an error; the run-as account needs a SQL login' {
    { InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName Nope -FileName '\\srv01\data\e.zip' } } | Should -Throw -ExpectedMessage '*Cannot open database*'
    Add-FakeRunAs -Account 'CONTOSO\someoneelse'
    { InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' } } | Should -Throw -ExpectedMessage "*Login failed for user 'CONTOSO\someoneelse'*"
  }

  It 'Import-CsPersistentChatData -WhatIf writes the report only; warnings for the conversions the migration guide names' {
    Add-FakeSqlDatabase -Instance 'sql01.contoso.local' -Name GroupChat -Content @{ Categories = @(@{ Name = 'Closed'; Invitations = $false; Rooms = @(@{ Name = 'R'; Invitations = 'True' }) }); Users = @(@{ SipAddress = 'sip:bob@fabrikam.com'; Federated = $true }) } | Out-Null
    InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' }
    InWorld { Import-CsPersistentChatData -DBInstance 'sqlpc.contoso.local' -FileName '\\srv01\data\e.zip' -Report '\\srv01\data\whatif.html' -WhatIf }
    @((Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases['mgc'].Content.Categories).Count | Should -Be 0
    $report = Get-Content -Raw -LiteralPath (Resolve-FakePath '\\srv01\data\whatif.html')
    [regex]::Matches($report, '(?im)(^|>)\s*warning\s*:').Count | Should -Be 2
    InWorld { Import-CsPersistentChatData -DBInstance 'sqlpc.contoso.local' -FileName '\\srv01\data\e.zip' -Report '\\srv01\data\import.html' }
    ((Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases['mgc'].Content.Categories[0].Rooms[0]).Invitations | Should -Be 'False'
  }

  It 'Import-CsPersistentChatData needs the mgc database on -DBInstance' {
    InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' }
    { InWorld { Import-CsPersistentChatData -DBInstance 'sql01.contoso.local' -FileName '\\srv01\data\e.zip' } } | Should -Throw -ExpectedMessage '*mgc*'
  }

  It 'Import-CsUserData while a front end of the pool runs completes, but its changes do not happen' {
    InWorld { Import-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\users.zip' }
    (Get-FakeWorld).History['lync.userdata.lost']['pool.contoso.local'] | Should -Be 1
    InWorld { Export-CsUserData -PoolFqdn 'pool.contoso.local' -FileName '\\srv01\data\out.zip' }
    (InWorld { Read-FakeZipEntry -LocalPath (Resolve-FakePath '\\srv01\data\out.zip') -Name 'DocItemSet.xml' }) | Should -Not -BeLike '*urn:lcd:ann*'
  }

  It 'Remove-* of AD and Lync, Format-Volume: prompting cmdlets fail under a non-interactive run without -Confirm:$false' {
    { InWorld { Remove-ADUser -Identity ocschat } } | Should -Throw
    { InWorld { Remove-CsTrustedApplication -Identity 'legacy.contoso.local/groupchat' } } | Should -Throw
    { InWorld { Format-Volume -DriveLetter F -FileSystem NTFS } } | Should -Throw
    @(InWorld { Get-ADUser -Filter * }).Count | Should -Be 1
  }

  It 'Get-Disk lists the OS and temporary disks on IDE locations, so a LUN filter picks the data disk only' {
    $disks = @(InWorld { Get-Disk })
    $disks.Count | Should -Be 4
    @($disks | Where-Object Location -match 'LUN 0$').Number | Should -Be @(2)
  }

  It 'SQL: unknown statements, wrong passwords, missing folders and short timeouts fail as SQL Server would' {
    { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'DROP DATABASE GroupChat'; $q.ExecuteNonQuery() } } | Should -Throw -ExpectedMessage '*does not know this statement*'
    { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;User ID=kit;Password=wrong'); $c.Open() } } | Should -Throw -ExpectedMessage "*Login failed for user 'kit'*"
    { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=nosuch.contoso.local;Integrated Security=True'); $c.Open() } } | Should -Throw -ExpectedMessage '*network-related*'
    { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM'; $q.Parameters.AddWithValue('@database', 'GroupChat') | Out-Null; $q.Parameters.AddWithValue('@path', '\\srv01\nosuch\g.bak') | Out-Null; $q.ExecuteNonQuery() } } | Should -Throw -ExpectedMessage '*Operating system error 3*'
    Add-FakeSqlDatabase -Instance 'sql01.contoso.local' -Name Big -SizeMB 100000 | Out-Null
    { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM'; $q.Parameters.AddWithValue('@database', 'Big') | Out-Null; $q.Parameters.AddWithValue('@path', '\\srv01\data\big.bak') | Out-Null; $q.ExecuteNonQuery() } } | Should -Throw -ExpectedMessage '*Timeout Expired*'
    { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'SELECT COUNT(*) FROM sys.databases WHERE name = @name'; $q.ExecuteScalar() } } | Should -Throw -ExpectedMessage '*Must declare the scalar variable "@name"*'
  }

  It 'SQL: RESTORE FILELISTONLY and RESTORE DATABASE ... WITH MOVE bring a backup back as a database' {
    $n = InWorld {
      Enter-FakeComputer -Name SQL01
      $c = New-Object System.Data.SqlClient.SqlConnection
      $b = New-Object System.Data.SqlClient.SqlConnectionStringBuilder
      $b['Data Source'] = 'localhost'; $b['User ID'] = 'kit'; $b['Password'] = 'Kit-Pass-1'
      $c.ConnectionString = $b.ConnectionString
      $c.Open()
      $l = $c.CreateCommand(); $l.CommandText = 'RESTORE FILELISTONLY FROM DISK = @bak'; $l.Parameters.AddWithValue('@bak', '\\srv01\data\seed.bak') | Out-Null
      $r = $l.ExecuteReader(); $moves = @()
      while ($r.Read()) { $t = if ($r['Type'] -eq 'L') { 'G:\SQLLog' } else { 'F:\SQLData' }; $moves += ("MOVE N'" + $r['LogicalName'] + "' TO N'" + $t + '\Copy_' + $r['LogicalName'] + [System.IO.Path]::GetExtension($r['PhysicalName']) + "'") }
      $r.Close()
      $x = $c.CreateCommand(); $x.CommandTimeout = 0; $x.CommandText = 'RESTORE DATABASE [Copy] FROM DISK = @bak WITH RECOVERY, ' + ($moves -join ', '); $x.Parameters.AddWithValue('@bak', '\\srv01\data\seed.bak') | Out-Null; $x.ExecuteNonQuery() | Out-Null
      $s = $c.CreateCommand(); $s.CommandText = 'SELECT COUNT(*) FROM sys.databases WHERE name = @name'; $s.Parameters.AddWithValue('@name', 'Copy') | Out-Null
      $s.ExecuteScalar()
    }
    $n | Should -Be 1
  }

  It 'SQL: the statements of the access step give a Windows login what the kit asks, once; the Lync cmdlets then read and write with it' {
    $changes = InWorld {
      $run = {
        param([string]$Name, [hashtable]$Values)
        $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Initial Catalog=master')
        $secure = ConvertTo-SecureString -String 'Kit-Pass-1' -AsPlainText -Force; $secure.MakeReadOnly()
        $c.Credential = New-Object System.Data.SqlClient.SqlCredential('kit', $secure)
        $c.Open()
        try { $q = $c.CreateCommand(); $q.CommandText = (Get-FakeSqlAccessStatements)[$Name]; foreach ($k in $Values.Keys) { $q.Parameters.AddWithValue('@' + $k, $Values[$k]) | Out-Null }; [int]$q.ExecuteScalar() } finally { $c.Close() }
      }
      $all = @()
      foreach ($pass in 1, 2) {
        $all += & $run 'CanGrant' @{}
        $all += & $run 'EnsureLogin' @{ login = 'CONTOSO\carl' }
        $all += & $run 'GrantVerify' @{ login = 'CONTOSO\carl' }
        $all += & $run 'EnsureRole' @{ login = 'CONTOSO\carl'; database = 'GroupChat'; role = 'db_datareader' }
        $all += & $run 'GrantExecute' @{ login = 'CONTOSO\carl'; database = 'GroupChat' }
      }
      $all -join ','
    }
    $changes | Should -Be '1,1,1,1,1,1,0,0,0,0'
    Add-FakeRunAs -Account 'CONTOSO\carl'
    { InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' } } | Should -Not -Throw
    { InWorld { Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' -DisableExportedNodes } } | Should -Throw -ExpectedMessage '*UPDATE permission was denied*'
    { InWorld { Export-CsPersistentChatData -DBInstance 'sqlpc.contoso.local' -DBName mgc -FileName '\\srv01\data\m.zip' } } | Should -Throw -ExpectedMessage '*Login failed*'
  }

  It 'Enable-CsUser: needs a front-end Registrar pool and one way to a SIP address of a served SIP domain; refuses a SIP address in use and an account already enabled' {
    InWorld { New-ADUser -Name carl; New-ADUser -Name dora -GivenName Dora -Surname Diaz } | Out-Null
    { InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -SipAddress 'sip:carl@contoso.local' } } | Should -Throw -ExpectedMessage '*Registrar pool is required*'
    { InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pchat.contoso.local' -SipAddress 'sip:carl@contoso.local' } } | Should -Throw -ExpectedMessage '*Cannot find Registrar pool*'
    { InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' } } | Should -Throw -ExpectedMessage '*SIP address is required*'
    { InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:carl@contoso.local' -SipAddressType UserPrincipalName } } | Should -Throw -ExpectedMessage '*either -SipAddress or -SipAddressType*'
    { InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddressType SamAccountName } } | Should -Throw -ExpectedMessage '*requires -SipDomain*'
    { InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:carl@fabrikam.com' } } | Should -Throw -ExpectedMessage '*not a supported SIP domain*'
    { InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:ocschat@contoso.local' } } | Should -Throw -ExpectedMessage '*already in use*'
    { InWorld { Enable-CsUser -Identity 'CN=nobody,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:nobody@contoso.local' } } | Should -Throw -ExpectedMessage '*Management object not found*'
    InWorld { Enable-CsUser -Identity 'CN=carl,CN=Users,DC=contoso,DC=local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:carl@contoso.local' } | Should -BeNullOrEmpty
    { InWorld { Enable-CsUser -Identity 'sip:carl@contoso.local' -RegistrarPool 'pool.contoso.local' -SipAddress 'sip:carl2@contoso.local' } } | Should -Throw -ExpectedMessage '*already enabled*'
    # -SipAddressType FirstLastName builds given.surname@SipDomain; the display-name form of -Identity takes wildcards.
    InWorld { Enable-CsUser -Identity 'dor*' -RegistrarPool 'pool.contoso.local' -SipAddressType FirstLastName -SipDomain contoso.local }
    (InWorld { Get-ADUser -Identity dora -Properties 'msRTCSIP-PrimaryUserAddress', 'msRTCSIP-PrimaryHomeServer' }).'msRTCSIP-PrimaryUserAddress' | Should -Be 'sip:Dora.Diaz@contoso.local'
    (InWorld { Get-ADUser -Identity carl -Properties 'msRTCSIP-PrimaryHomeServer' }).'msRTCSIP-PrimaryHomeServer' | Should -Be 'pool.contoso.local'
  }

  It 'SQL: the principal statements of the runbook read tblPrincipal and tblPrincipalAffiliations from the content, with db_datareader' {
    Add-FakeSqlDatabase -Instance 'sql01.contoso.local' -Name Gc2 -Content @{ Principals = @(
        @{ Id = 3; Uri = 'sip:bo@contoso.local'; Name = 'Bo'; Type = 5; AdPath = 'CN=Bo,CN=Users,DC=contoso,DC=com'; MemberOf = @(9, 4) }
        @{ Id = 4; Uri = 'ma-grp://g'; Name = 'G'; Type = 9; AdPath = 'CN=G,OU=Groups,DC=contoso,DC=com' }
        @{ Id = 9; Uri = 'ma-grp://f'; Name = 'F'; Type = 10; AdPath = 'OU=F,DC=contoso,DC=com' }
      ) } | Out-Null
    Add-FakeSqlLogin -Instance 'sql01.contoso.local' -Login 'reader' -Password 'Reader-Pass-1' -Sysadmin $false
    Add-FakeSqlUser -Instance 'sql01.contoso.local' -Database Gc2 -Login 'reader' -Roles db_datareader
    Add-FakeSqlLogin -Instance 'sql01.contoso.local' -Login 'nobody' -Password 'Nobody-Pass-1' -Sysadmin $false
    Add-FakeSqlUser -Instance 'sql01.contoso.local' -Database Gc2 -Login 'nobody'
    $read = {
      param([string]$Login, [string]$Password, [string]$Which)
      & (Get-Module FakeWorld) { param($Login, $Password, $Which)
        $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Initial Catalog=Gc2')
        $secure = ConvertTo-SecureString -String $Password -AsPlainText -Force; $secure.MakeReadOnly()
        $c.Credential = New-Object System.Data.SqlClient.SqlCredential($Login, $secure)
        $c.Open()
        try {
          $q = $c.CreateCommand(); $q.CommandText = (Get-FakeLegacyPrincipalStatements)[$Which]
          $r = $q.ExecuteReader(); $rows = @()
          while ($r.Read()) { $rows += (@(for ($i = 0; $i -lt $r.FieldCount; $i++) { if ($r.IsDBNull($i)) { '' } else { [string]$r.GetValue($i) } }) -join '|') }
          $rows -join ';'
        } finally { $c.Close() }
      } $Login $Password $Which
    }
    & $read 'reader' 'Reader-Pass-1' 'Principals' | Should -Be '3|sip:bo@contoso.local|Bo|5|0|CN=Bo,CN=Users,DC=contoso,DC=com;4|ma-grp://g|G|9|0|CN=G,OU=Groups,DC=contoso,DC=com;9|ma-grp://f|F|10|0|OU=F,DC=contoso,DC=com'
    # Only groups (prinTypeID 9) are memberships: the folder Bo is affiliated with is not.
    & $read 'reader' 'Reader-Pass-1' 'GroupMembers' | Should -Be '4|3'
    { & $read 'nobody' 'Nobody-Pass-1' 'Principals' } | Should -Throw -ExpectedMessage '*SELECT permission was denied*'
  }

  It 'SQL: a login that is not sysadmin needs db_backupoperator to back up and CREATE ANY DATABASE to verify' {
    Add-FakeSqlLogin -Instance 'sql01.contoso.local' -Login 'op' -Password 'Op-Pass-1' -Sysadmin $false
    Add-FakeSqlUser -Instance 'sql01.contoso.local' -Database GroupChat -Login 'op' -Roles db_datareader
    $backup = { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;User ID=op;Password=Op-Pass-1'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM'; $q.Parameters.AddWithValue('@database', 'GroupChat') | Out-Null; $q.Parameters.AddWithValue('@path', '\\srv01\data\op.bak') | Out-Null; $q.ExecuteNonQuery() } }
    $verify = { InWorld { $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;User ID=op;Password=Op-Pass-1'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'RESTORE VERIFYONLY FROM DISK = @path WITH CHECKSUM'; $q.Parameters.AddWithValue('@path', '\\srv01\data\op.bak') | Out-Null; $q.ExecuteNonQuery() } }
    $backup | Should -Throw -ExpectedMessage '*BACKUP DATABASE permission denied*'
    Add-FakeSqlUser -Instance 'sql01.contoso.local' -Database GroupChat -Login 'op' -Roles db_datareader, db_backupoperator
    $backup | Should -Not -Throw
    $verify | Should -Throw -ExpectedMessage '*CREATE DATABASE permission denied*'
    Add-FakeSqlLogin -Instance 'sql01.contoso.local' -Login 'op' -Password 'Op-Pass-1' -Sysadmin $false -ServerPermissions 'CREATE ANY DATABASE'
    $verify | Should -Not -Throw
  }

  It 'Invoke-WebRequest: an unknown URI fails with the URI in the message; without -UseBasicParsing a parsed response fails as on Server 2012 R2' {
    { InWorld { Invoke-WebRequest -Uri 'https://nosuch.example/x?sig=SECRET' -OutFile 'F:\x' -UseBasicParsing } } | Should -Throw -ExpectedMessage '*https://nosuch.example/x?sig=SECRET*'
    { InWorld { Invoke-WebRequest -Uri 'https://example.blob.core.windows.net/b/file.bak?sig=x' } } | Should -Throw -ExpectedMessage '*UseBasicParsing*'
  }

  It 'New-SmbShare: a domain account resolves only on a member of a domain that answers' {
    Add-FakeDomain -Fqdn contoso.local -NetbiosName CONTOSO -Available -NoAutoJoin
    { InWorld { New-SmbShare -Name more -Path 'F:\data' -FullAccess 'CONTOSO\Domain Admins' } } | Should -Throw -ExpectedMessage '*No mapping between account names*'
    Add-FakeDomainMember -Computer SRV01
    { InWorld { New-SmbShare -Name more -Path 'F:\data' -FullAccess 'CONTOSO\Domain Admins' } } | Should -Not -Throw
  }

  It 'Install-WindowsFeature: an unknown feature name fails as on Windows' {
    { InWorld { Install-WindowsFeature -Name 'No-Such-Feature' } } | Should -Throw -ExpectedMessage '*feature name is not valid*'
  }

  It 'the state is deterministic: two equal runs give equal Export-FakeWorldState' {
    $run = {
      Initialize-TestWorld
      InWorld {
        Initialize-Disk -Number 2; New-Partition -DiskNumber 2 -UseMaximumSize -DriveLetter G | Out-Null; Format-Volume -DriveLetter G -FileSystem NTFS -Confirm:$false | Out-Null
        Export-CsPersistentChatData -DBInstance 'sql01.contoso.local' -DBName GroupChat -FileName '\\srv01\data\e.zip' -Report '\\srv01\data\e.html' -DisableExportedNodes
        Import-CsPersistentChatData -DBInstance 'sqlpc.contoso.local' -FileName '\\srv01\data\e.zip' -Report '\\srv01\data\i.html'
        robocopy.exe '\\srv01\data\src' '\\srv01\data\dst' /E /COPY:DAT /NP '/LOG:\\srv01\data\rc.log' | Out-Null
        New-CsPersistentChatEndpoint -SipAddress 'sip:pc@contoso.local' -PersistentChatPoolFqdn 'pchat.contoso.local'
        $c = New-Object System.Data.SqlClient.SqlConnection('Data Source=sql01.contoso.local;Integrated Security=True'); $c.Open(); $q = $c.CreateCommand(); $q.CommandText = 'BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM'; $q.Parameters.AddWithValue('@database', 'GroupChat') | Out-Null; $q.Parameters.AddWithValue('@path', '\\srv01\data\g.bak') | Out-Null; $q.ExecuteNonQuery() | Out-Null
      }
      Export-FakeWorldState
    }
    $first = & $run
    $second = & $run
    $second | Should -Be $first
  }
}

Describe 'the Lync deployment (fakes/LyncDeploy.ps1) behaves as its reference pages say' {
  BeforeEach {
    Initialize-TestWorld
    Add-FakeCsDeployment -StoreLocation 'sql01.contoso.local' -CertificationAuthority 'dc01.contoso.local\CONTOSO-CA'
    # The programs' files, as ocscore.msi and the media step leave them (Start-Process runs a program whose file exists).
    foreach ($f in 'C:\Program Files\Microsoft Lync Server 2013\Deployment\Bootstrapper.exe', 'F:\media\Setup\amd64\Setup.exe') {
      $local = & (Get-Module FakeWorld) { param($p) Resolve-FakeComputerPath -Computer (Get-FakeComputer) -Path $p } $f
      New-Item -ItemType Directory -Path (Split-Path -Parent $local) -Force | Out-Null
      Set-Content -LiteralPath $local -Value 'fake'
    }
    $script:Bootstrapper = 'C:\Program Files\Microsoft Lync Server 2013\Deployment\Bootstrapper.exe'
  }

  It 'Publish-CsTopology refuses a Topology Builder document, a dangling reference, and LocalSystem; stores the document under a new Signature' {
    Set-Content -LiteralPath (Resolve-FakePath '\\srv01\data\t.tbxml') -Value '<TopologyBuilder xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.TopologyBuilder.2008" />'
    { InWorld { Publish-CsTopology -FileName '\\srv01\data\t.tbxml' } } | Should -Throw -ExpectedMessage '*Topology Builder document*'
    $text = Get-Content -Raw -LiteralPath (Resolve-FakePath '\\srv01\data\topology.xml')
    Set-Content -LiteralPath (Resolve-FakePath '\\srv01\data\bad.xml') -Value ($text -replace 'RoleName="PersistentChatStore" Instance="1" /></Dependency>', 'RoleName="PersistentChatStore" Instance="7" /></Dependency>')
    { InWorld { Publish-CsTopology -FileName '\\srv01\data\bad.xml' } } | Should -Throw -ExpectedMessage '*depends on 1-PersistentChatStore-7*'
    (Get-FakeWorld).Remove('RunAs')
    { InWorld { Publish-CsTopology -FileName '\\srv01\data\topology.xml' } } | Should -Throw -ExpectedMessage '*not a member of RTCUniversalServerAdmins*'
    Add-FakeRunAs -Account 'CONTOSO\pckadmin'
    InWorld { Publish-CsTopology -FileName '\\srv01\data\topology.xml' }
    $back = (InWorld { Get-CsTopology -AsXml }).ToString()
    $back | Should -Not -BeLike '*11111111-2222-4333-8444-555555555555*'
    ([xml]$back).Topology.Clusters.Cluster.Count | Should -Be 3
    # Until Enable-CsTopology the published document is not enabled (Enable-CsComputer needs it).
    (Get-FakeWorld).Lync.EnabledTopology | Should -BeNullOrEmpty
    InWorld { Enable-CsTopology }
    (Get-FakeWorld).Lync.EnabledTopology | Should -Be (Get-FakeWorld).Lync.PublishedTopology
  }

  It 'Get-CsService -PersistentChatServer shows the published pool: its servers and its SIP port from the document' {
    InWorld { Publish-CsTopology -FileName '\\srv01\data\topology.xml' }
    $pool = InWorld { Get-CsService -PersistentChatServer } | Where-Object { $_.PoolFqdn -eq 'pchat.contoso.local' }
    $pool.MtlsPort | Should -Be 5042
    @($pool.ActiveServers) | Should -Be @('srv01.contoso.local')
    $pool.PersistentChatDatabase | Should -Be 'PersistentChatStore:sqlpc.contoso.local'
    @(InWorld { Get-CsService -Registrar } | ForEach-Object { $_.PoolFqdn }) | Should -Contain 'pool.contoso.local'
  }

  It 'Install-CsDatabase -ConfiguredDatabases creates the stores the topology places on that server (mgc), keeps what exists, needs sysadmin' {
    InWorld { Publish-CsTopology -FileName '\\srv01\data\topology.xml' }
    # The Lync cmdlets exist once the core components are installed (LyncSetup.ps1).
    Add-FakeUninstallEntry -Computer SRV01 -ProductCode '{8901ADCD-90ED-43D5-8A39-A7D1B4A4A1C1}' -DisplayName 'Microsoft Lync Server 2013, Core Components' -DisplayVersion '5.0.8308.0'
    Add-FakeSqlLogin -Instance 'sqlpc.contoso.local' -Login 'CONTOSO\pckadmin' -Windows -Sysadmin $false
    { InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' } } | Should -Throw -ExpectedMessage '*sysadmin*'
    Add-FakeSqlLogin -Instance 'sqlpc.contoso.local' -Login 'CONTOSO\pckadmin' -Windows
    (Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases.Remove('mgc')
    InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }
    (Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases.Keys | Should -Contain 'mgc'
    (Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases['mgc'].Content.Categories = @(@{ Name = 'Kept'; Rooms = @() })
    InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }
    (Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases['mgc'].Content.Categories[0].Name | Should -Be 'Kept'
    { InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' -Clean } } | Should -Throw -ExpectedMessage '*does not model*'
  }

  It 'Bootstrapper.exe: /BootstrapLocalMgmt installs the local store and REPLICA; the role bootstrap installs what the local store gives this computer, manual until Enable-CsComputer' {
    InWorld { Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Enable-CsTopology }
    Add-FakeUninstallEntry -Computer SRV01 -ProductCode '{8901ADCD-90ED-43D5-8A39-A7D1B4A4A1C1}' -DisplayName 'Microsoft Lync Server 2013, Core Components' -DisplayVersion '5.0.8308.0'
    (& (Get-Module FakeWorld) { param($b) Start-Process -FilePath $b -ArgumentList '/SourceDirectory:"F:\media\Setup\amd64"' -Wait -PassThru } $script:Bootstrapper).ExitCode | Should -Be 1
    (& (Get-Module FakeWorld) { param($b) Start-Process -FilePath $b -ArgumentList '/BootstrapLocalMgmt /SourceDirectory:"Q:\nowhere"' -Wait -PassThru } $script:Bootstrapper).ExitCode | Should -Be 1
    (& (Get-Module FakeWorld) { param($b) Start-Process -FilePath $b -ArgumentList '/BootstrapLocalMgmt /SourceDirectory:"F:\media\Setup\amd64"' -Wait -PassThru } $script:Bootstrapper).ExitCode | Should -Be 0
    (InWorld { Get-Service -Name 'MSSQL$RTCLOCAL' }).Status | Should -Be 'Running'
    InWorld { Import-CsConfiguration -ByteInput (Export-CsConfiguration -AsBytes) -LocalStore; Enable-CsReplica; Start-CsWindowsService -Name REPLICA }
    (InWorld { Get-CsManagementStoreReplicationStatus -ReplicaFqdn 'srv01.contoso.local' }).UpToDate | Should -BeTrue
    (Get-FakeWorld).Computers['SRV01'].CsServices.Remove('RTCCHAT'); (Get-FakeWorld).Computers['SRV01'].Services.Remove('RTCCHAT')
    (& (Get-Module FakeWorld) { param($b) Start-Process -FilePath $b -ArgumentList '/SourceDirectory:"F:\media\Setup\amd64"' -Wait -PassThru } $script:Bootstrapper).ExitCode | Should -Be 0
    $chat = InWorld { Get-CsWindowsService -Name RTCCHAT }
    $chat.StartType | Should -Be 'Manual'
    (Get-FakeWorld).Computers['SRV01'].CsServices['RTCCHAT'].Pool | Should -Be 'pchat.contoso.local'
    { InWorld { Enable-CsComputer } } | Should -Throw -ExpectedMessage '*no Default certificate*'
    InWorld { $c = Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' -FriendlyName Lync -AllSipDomain; Set-CsCertificate -Type Default -Thumbprint $c.Thumbprint; Enable-CsComputer; Start-CsWindowsService }
    (InWorld { Get-CsWindowsService -Name RTCCHAT }).Status | Should -Be 'Running'
  }

  It 'Request-CsCertificate names the pool and the computer, needs an online enterprise CA of the domain and a computer of the topology' {
    { InWorld { Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' } } | Should -Throw -ExpectedMessage '*not a computer of the published topology*'
    InWorld { Publish-CsTopology -FileName '\\srv01\data\topology.xml' }
    { InWorld { Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\OTHER-CA' } } | Should -Throw -ExpectedMessage '*was not found*'
    $c = InWorld { Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' -AllSipDomain }
    $c.Subject | Should -Be 'CN=pchat.contoso.local'
    @($c.DnsNameList) | Should -Be @('pchat.contoso.local', 'srv01.contoso.local', 'sip.contoso.local')
    { InWorld { Set-CsCertificate -Type Default -Thumbprint 'ABCDEF' } } | Should -Throw -ExpectedMessage '*no certificate with thumbprint*'
    Add-FakeCertificationAuthority -Config 'dc01.contoso.local\CONTOSO-CA' -Offline
    { InWorld { Request-CsCertificate -New -Type Default -CA 'dc01.contoso.local\CONTOSO-CA' } } | Should -Throw -ExpectedMessage '*not available*'
  }

  It 'Test-CsDatabase and Install-CsDatabase -Update: the databases stay at the version that created them until -Update raises them to the installed one; -LocalDatabases -Update raises the local ones' {
    InWorld { Publish-CsTopology -FileName '\\srv01\data\topology.xml'; Add-FakeLyncCoreComponents -Computer SRV01 }
    Add-FakeSqlLogin -Instance 'sqlpc.contoso.local' -Login 'CONTOSO\pckadmin' -Windows
    (Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases.Remove('mgc')
    @(InWorld { Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' } | ForEach-Object { $_.DatabaseName + '=' + $_.InstalledVersion }) | Should -Be @('mgc=')
    InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }
    (Get-FakeWorld).Sql['sqlpc.contoso.local'].Databases['mgc'].LyncVersion | Should -Be '5.0.8308.0'
    InWorld { Add-FakeService -Computer SRV01 -Name 'MSSQL$RTCLOCAL' -Status Running | Out-Null; Add-FakeCsLocalDatabases -Computer (Get-FakeComputer) -Names @('RTCLOCAL\xds') }
    # The cumulative update raises the binaries, not the databases.
    foreach ($p in (Get-FakeWorld).Computers['SRV01'].Products) { $p.DisplayVersion = '5.0.8308.556' }
    $r = InWorld { Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }
    @($r.ExpectedVersion, $r.InstalledVersion, $r.Succeed) | Should -Be @('5.0.8308.556', '5.0.8308.0', $false)
    (InWorld { Test-CsDatabase -LocalService }).Succeed | Should -BeFalse
    # Without -Update an existing database is kept as it is (PS:Install-CsDatabase).
    InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }
    (InWorld { Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }).Succeed | Should -BeFalse
    Add-FakeSqlLogin -Instance 'sqlpc.contoso.local' -Login 'CONTOSO\pckadmin' -Windows -Sysadmin $false
    { InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' -Update } } | Should -Throw -ExpectedMessage '*sysadmin*'
    Add-FakeSqlLogin -Instance 'sqlpc.contoso.local' -Login 'CONTOSO\pckadmin' -Windows
    InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' -Update }
    (InWorld { Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' }).Succeed | Should -BeTrue
    { InWorld { Install-CsDatabase -LocalDatabases } } | Should -Throw -ExpectedMessage '*does not model*'
    { InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local' -Update -Clean } } | Should -Throw -ExpectedMessage '*both Clean and Update*'
    (InWorld { Test-CsDatabase -LocalService }).Succeed | Should -BeFalse
    InWorld { Install-CsDatabase -Update -LocalDatabases }
    (InWorld { Test-CsDatabase -LocalService }).Succeed | Should -BeTrue
    # A local instance that is down: the update fails, naming it.
    (Get-FakeWorld).Computers['SRV01'].Services['MSSQL$RTCLOCAL'].Status = 'Stopped'
    { InWorld { Install-CsDatabase -Update -LocalDatabases } } | Should -Throw -ExpectedMessage '*RTCLOCAL*'
    { InWorld { Test-CsDatabase -CentralManagementDatabase } } | Should -Throw -ExpectedMessage '*does not model*'
    # Two names in one string (a list joined by mistake) do not bind to the Fqdn parameter.
    { InWorld { Test-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local sql01.contoso.local' } } | Should -Throw -ExpectedMessage "*Cannot bind parameter 'SqlServerFqdn'*"
    { InWorld { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn 'sqlpc.contoso.local sql01.contoso.local' -Update } } | Should -Throw -ExpectedMessage "*Cannot bind parameter 'SqlServerFqdn'*"
  }

  It 'LyncServerUpdateInstaller.exe /silentmode raises every Lync Server 2013 product to the package version; 3010 and a pending restart when the package says so; anything else is exit code 1' {
    Add-FakeUninstallEntry -Computer SRV01 -ProductCode '{8901ADCD-90ED-43D5-8A39-A7D1B4A4A1C1}' -DisplayName 'Microsoft Lync Server 2013, Core Components' -DisplayVersion '5.0.8308.0'
    Add-FakeUninstallEntry -Computer SRV01 -ProductCode '{9D5751C8-F6AC-4A33-9704-B1D2EB1769B6}' -DisplayName 'Microsoft Lync Server 2013, Administrative Tools' -DisplayVersion '5.0.8308.0'
    $cu = InWorld { Resolve-FakeComputerPath -Computer (Get-FakeComputer) -Path 'F:\cu\LyncServerUpdateInstaller.exe' }
    & (Get-Module FakeWorld) { param($p) New-FakeLyncUpdatePackage -Path $p -Version '5.0.8308.577' -RestartRequired } $cu
    (InWorld { Start-Process -FilePath 'F:\cu\LyncServerUpdateInstaller.exe' -ArgumentList '/silentmode' -Wait -PassThru }).ExitCode | Should -Be 3010
    @((Get-FakeWorld).Computers['SRV01'].Products | Where-Object { $_.DisplayName -like 'Microsoft Lync Server 2013*' } | ForEach-Object { $_.DisplayVersion } | Select-Object -Unique) | Should -Be @('5.0.8308.577')
    (Get-FakeWorld).Computers['SRV01']['RestartPending'] | Should -BeTrue
    Set-Content -LiteralPath $cu -Value 'not a package'
    (InWorld { Start-Process -FilePath 'F:\cu\LyncServerUpdateInstaller.exe' -ArgumentList '/silentmode' -Wait -PassThru }).ExitCode | Should -Be 1
  }
}

Describe 'the first Lync install steps (fakes/LyncSetup.ps1) behave as their reference pages say' {
  BeforeEach { Initialize-TestWorld }

  It 'msiexec /i installs a fake package into the Uninstall keys, once, and refuses one whose prerequisites are missing' {
    InWorld {
      Add-FakeMsiPackage -Path (Resolve-FakePath 'C:\pkg\tools.msi') -ProductCode '{11111111-2222-4333-8444-555555555555}' -DisplayName 'Tools' -Requires @('Base*') -Modules @('ToolsModule')
      Add-FakeMsiPackage -Path (Resolve-FakePath 'C:\pkg\base.msi') -ProductCode '{11111111-2222-4333-8444-666666666666}' -DisplayName 'Base Components'
      New-Item -ItemType Directory -Path (Resolve-FakePath 'C:\logs') -Force | Out-Null
      $early = (Start-Process -FilePath 'msiexec.exe' -ArgumentList '/i "C:\pkg\tools.msi" /qn /norestart /l*v "C:\logs\tools.log"' -Wait -PassThru).ExitCode
      $base = (Start-Process -FilePath 'msiexec.exe' -ArgumentList '/i "C:\pkg\base.msi" /qn /norestart' -Wait -PassThru).ExitCode
      $tools = (Start-Process -FilePath 'msiexec.exe' -ArgumentList '/i "C:\pkg\tools.msi" /qn /norestart' -Wait -PassThru).ExitCode
      $again = (Start-Process -FilePath 'msiexec.exe' -ArgumentList '/i "C:\pkg\tools.msi" /qn /norestart' -Wait -PassThru).ExitCode
      $missing = (Start-Process -FilePath 'msiexec.exe' -ArgumentList '/i "C:\pkg\none.msi" /qn' -Wait -PassThru).ExitCode
      $names = @(Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\*' | Where-Object { $_.PSObject.Properties['DisplayName'] } | ForEach-Object { $_.DisplayName })
      @($early, $base, $tools, $again, $missing) | Should -Be @(1603, 0, 0, 0, 1619)
      @($names | Where-Object { $_ -eq 'Tools' }).Count | Should -Be 1
      (Get-FakeComputer).Modules | Should -Contain 'ToolsModule'
      [System.IO.File]::ReadAllText((Resolve-FakePath 'C:\logs\tools.log'), [System.Text.Encoding]::Unicode) | Should -BeLike '*it needs Base*'
    }
  }

  It 'starts a registered program only when its file exists, the specific handler before a catch-all' {
    InWorld {
      Register-FakeProgram -Name 'Probe.exe' -Handler { param($Computer, $FilePath, $Words, $Line) 7 }
      Register-FakeProgram -Name 'Probe.exe' -Match '(?i)/special' -Handler { param($Computer, $FilePath, $Words, $Line) 3 }
      { Start-Process -FilePath 'C:\tools\Probe.exe' -ArgumentList '/x' -Wait } | Should -Throw -ExpectedMessage '*cannot find the file specified*'
      New-Item -ItemType Directory -Path (Resolve-FakePath 'C:\tools') -Force | Out-Null
      Set-Content -LiteralPath (Resolve-FakePath 'C:\tools\Probe.exe') -Value 'probe'
      (Start-Process -FilePath 'C:\tools\Probe.exe' -ArgumentList '/x' -Wait -PassThru).ExitCode | Should -Be 7
      (Start-Process -FilePath 'C:\tools\Probe.exe' -ArgumentList '/special' -Wait -PassThru).ExitCode | Should -Be 3
      { Start-Process -FilePath 'C:\tools\Other.exe' -Wait } | Should -Throw -ExpectedMessage '*starts no program*'
    }
  }

  It 'Bootstrapper.exe /BootstrapSqlExpress installs the RTC instance (the installing account sysadmin) from the media, once' {
    InWorld {
      Add-FakeLyncCoreComponents -Computer SRV01
      Add-FakeLyncMedia -Path (Resolve-FakePath 'C:\media\lync.iso')
      Mount-DiskImage -ImagePath 'C:\media\lync.iso'
      $drive = [string](Get-Volume -DiskImage (Get-DiskImage -ImagePath 'C:\media\lync.iso')).DriveLetter
      $exe = 'C:\Program Files\Microsoft Lync Server 2013\Deployment\Bootstrapper.exe'
      (Start-Process -FilePath $exe -ArgumentList '/BootstrapSqlExpress /SourceDirectory:"C:\nowhere"' -Wait -PassThru).ExitCode | Should -Be 1
      (Start-Process -FilePath $exe -ArgumentList ('/BootstrapSqlExpress /SourceDirectory:"' + $drive + ':\Setup\amd64"') -Wait -PassThru).ExitCode | Should -Be 0
      (Start-Process -FilePath $exe -ArgumentList ('/BootstrapSqlExpress /SourceDirectory:"' + $drive + ':\Setup\amd64"') -Wait -PassThru).ExitCode | Should -Be 0
      $i = Get-FakeSqlInstanceByName -Name 'srv01.contoso.local\RTC'
      $i.Logins['CONTOSO\pckadmin'].Sysadmin | Should -BeTrue
      (Get-Service -Name 'MSSQL$RTC').Status | Should -Be 'Running'
    }
  }

  It 'the Lync media installs its core components in order, and the Lync cmdlets need them' {
    InWorld {
      Add-FakeForestAdministrator -SamAccountName pckadmin
      { Get-CsAdForest } | Should -Throw -ExpectedMessage '*Core Components are not installed*'
      Add-FakeLyncMedia -Path (Resolve-FakePath 'C:\media\lync.iso')
      Mount-DiskImage -ImagePath 'C:\media\lync.iso'
      $drive = [string](Get-Volume -DiskImage (Get-DiskImage -ImagePath 'C:\media\lync.iso')).DriveLetter
      $codes = foreach ($f in 'Setup\ocscore.msi', 'SQLSysClrTypes.msi', 'SharedManagementObjects.msi', 'Setup\admintools.msi') { (Start-Process -FilePath 'msiexec.exe' -ArgumentList ('/i "' + $drive + ':\Setup\amd64\' + $f + '" /qn') -Wait -PassThru).ExitCode }
      $codes | Should -Be @(0, 0, 0, 0)
      Get-CsAdForest | Should -Be 'LC_FORESTSETTINGS_STATE_NOT_READY'
      Test-Path -LiteralPath (Resolve-FakePath 'C:\Program Files\Microsoft Lync Server 2013\Deployment\Bootstrapper.exe') | Should -BeTrue
    }
  }

  It 'a mounted ISO is gone after a restart, and mounts again' {
    InWorld {
      Add-FakeIsoImage -Path (Resolve-FakePath 'C:\media\lync.iso') -Files @{ 'a.txt' = 'a' }
      Mount-DiskImage -ImagePath 'C:\media\lync.iso'
      $letter = [string](Get-Volume -DiskImage (Get-DiskImage -ImagePath 'C:\media\lync.iso')).DriveLetter
      shutdown.exe /r /t 0 | Out-Null
      (Get-DiskImage -ImagePath 'C:\media\lync.iso').Attached | Should -BeFalse
      (Get-FakeComputer).Volumes.ContainsKey($letter) | Should -BeFalse
      Mount-DiskImage -ImagePath 'C:\media\lync.iso'
      (Get-Content -LiteralPath ([string](Get-Volume -DiskImage (Get-DiskImage -ImagePath 'C:\media\lync.iso')).DriveLetter + ':\a.txt')) | Should -Be 'a'
    }
  }

  It 'AD preparation needs Schema, Enterprise and Domain Admins, in its order; LocalSystem has none' {
    InWorld {
      Add-FakeLyncCoreComponents -Computer SRV01
      { Install-CsAdServerSchema -Confirm:$false } | Should -Throw -ExpectedMessage '*access is denied for CONTOSO\pckadmin*Schema Admins*'
      Add-FakeForestAdministrator -SamAccountName pckadmin -Groups @('Domain Admins')
      { Enable-CsAdDomain -Confirm:$false } | Should -Throw -ExpectedMessage '*forest has not been prepared*'
      { Enable-CsAdForest -Confirm:$false } | Should -Throw -ExpectedMessage '*Enterprise Admins*'
      Add-FakeForestAdministrator -SamAccountName pckadmin
      { Enable-CsAdForest -Confirm:$false } | Should -Throw -ExpectedMessage '*schema has not been extended*'
      (Get-FakeWorld)['RunAs'] = ''
      { Install-CsAdServerSchema -Confirm:$false } | Should -Throw -ExpectedMessage '*access is denied for CONTOSO\SRV01$*'
    }
  }

  It 'an enterprise CA needs Enterprise Admins and the role service; the CertSvc key appears with it' {
    InWorld {
      # The cmdlet comes with the role service (its page: Install-WindowsFeature Adcs-Cert-Authority).
      { Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CACommonName 'CONTOSO-CA' -Force } | Should -Throw -ExpectedMessage '*is not recognized*ADCSDeployment*'
      Install-WindowsFeature -Name ADCS-Cert-Authority | Out-Null
      { Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CACommonName 'CONTOSO-CA' -Force } | Should -Throw -ExpectedMessage '*Enterprise Admins*'
      Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\CertSvc\Configuration' -Name Active -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
      Add-FakeForestAdministrator -SamAccountName pckadmin
      Install-AdcsCertificationAuthority -CAType EnterpriseRootCA -CACommonName 'CONTOSO-CA' -Force | Out-Null
      (Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Services\CertSvc\Configuration' -Name Active).Active | Should -Be 'CONTOSO-CA'
    }
  }

  It 'the Central Management store needs a prepared forest and a sysadmin login; an existing store is kept' {
    InWorld {
      Add-FakeLyncCoreComponents -Computer SRV01
      Add-FakeForestAdministrator -SamAccountName pckadmin
      Add-FakeSqlInstance -Computer SRV01 -Name 'srv01.contoso.local\RTC' -Folders @() | Out-Null
      { Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc } | Should -Throw -ExpectedMessage '*forest is not prepared*'
      Install-CsAdServerSchema -Confirm:$false
      Enable-CsAdForest -Confirm:$false
      { Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc } | Should -Throw -ExpectedMessage "*Login failed for user 'CONTOSO\pckadmin'*"
      Add-FakeSqlLogin -Instance 'srv01.contoso.local\RTC' -Login 'CONTOSO\pckadmin' -Windows -Sysadmin $false
      { Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc } | Should -Throw -ExpectedMessage '*not a member of the sysadmin role*'
      Add-FakeSqlLogin -Instance 'srv01.contoso.local\RTC' -Login 'CONTOSO\pckadmin' -Windows
      Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc
      $i = Get-FakeSqlInstanceByName -Name 'srv01.contoso.local\RTC'
      $i.Databases['xds']['Marker'] = 'kept'
      Install-CsDatabase -CentralManagementDatabase -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc
      $i.Databases['xds']['Marker'] | Should -Be 'kept'
      Set-CsConfigurationStoreLocation -SqlServerFqdn srv01.contoso.local -SqlInstanceName rtc -Confirm:$false
      Get-CsConfigurationStoreLocation | Should -Be 'srv01.contoso.local\rtc'
    }
  }
}
