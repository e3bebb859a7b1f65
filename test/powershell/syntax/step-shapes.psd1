<#
  What each step calls, read by Shapes.Tests.ps1 from the real parser's syntax tree (Read-ScriptSyntax):
  one row per assertion the jest tests used to make on the tree-sitter parse tree.

  Id       -like pattern(s) on the manifest step id (manifest.json, node test/powershell/prepare.js);
           every pattern must match at least one generated script, or the row fails
  Command  the command, as written in the script
  With     parameters every call of Command must pass (names without the dash)
  Without  parameters no call of Command may pass
  Calls    how many calls each matching script makes: absent = at least one; a number = exactly that
           many (0 = never); 'any' = any number, the With/Without checks apply to those there are;
           '$name' = exactly one per assignment to $name, and at least one
  Exact    $true: each call passes exactly the With parameters, no others
  Suite    -like pattern(s) on the suite name the row is limited to; absent = every suite
  From     where the assertion came from
#>
@{
  Shapes = @(
    # test/runbook/scripts.test.ts, "step %s calls %s"
    @{ Suite = 'runbook:existing-legacy'; Id = '02-stop-legacy-*'; Command = 'Stop-Service'; With = @('Name'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Suite = 'runbook:existing-legacy'; Id = '02-stop-legacy-*'; Command = 'Set-Service'; With = @('StartupType'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '02-stop-pchat-*'; Command = 'Stop-CsWindowsService'; With = @('Name'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '03-backup-legacy'; Command = 'Invoke-KitSql'; With = @('DataSource', 'Sql', 'Timeout'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '04-export*'; Command = 'Export-CsPersistentChatData'; With = @('DBInstance', 'DBName', 'FileName', 'Level', 'Report'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '05-backup-mgc*'; Command = 'Invoke-KitSql'; With = @('DataSource', 'Sql', 'Timeout'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '06-import-whatif*'; Command = 'Import-CsPersistentChatData'; With = @('DBInstance', 'FileName', 'Report', 'WhatIf'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '07-import*'; Command = 'Import-CsPersistentChatData'; With = @('DBInstance', 'FileName', 'Report', 'Confirm'); Without = @('WhatIf'); From = 'runbook/scripts: step calls (-Confirm:$false: no one answers a prompt in a Run Command)' }
    @{ Id = '08-copy-files'; Command = 'robocopy.exe'; With = @(); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Suite = 'runbook:existing-legacy'; Id = '09-cutover'; Command = 'Remove-ADUser'; With = @('Identity'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '09-cutover'; Command = 'New-CsPersistentChatEndpoint'; With = @('SipAddress', 'PersistentChatPoolFqdn'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Id = '10-start-pchat-*'; Command = 'Start-CsWindowsService'; With = @('Name'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Suite = 'runbook:existing-legacy'; Id = '12-uninstall-group-chat-*'; Command = 'Start-Process'; With = @('FilePath', 'Wait'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Suite = 'runbook:existing-legacy'; Id = '12-remove-legacy-pool'; Command = 'Remove-CsTrustedApplication'; With = @('Identity'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Suite = 'runbook:existing-legacy'; Id = '12-remove-legacy-pool'; Command = 'Remove-CsTrustedApplicationPool'; With = @('Identity'); Without = @(); From = 'runbook/scripts: step calls' }
    @{ Suite = 'runbook:existing-legacy'; Id = '12-remove-legacy-pool'; Command = 'Enable-CsTopology'; With = @(); Without = @(); From = 'runbook/scripts: step calls' }
    # lync-install §3: a lab's legacy side is data-only; its legacy-service steps call nothing
    @{ Suite = @('runbook:lab-*', 'runbook:dr-*'); Id = @('02-stop-legacy-*', '12-uninstall-group-chat-*', '12-remove-legacy-pool'); Command = 'Stop-Service'; With = @(); Without = @(); Calls = 0; From = 'runbook/scripts/data-only: nothing to do' }
    @{ Suite = @('runbook:lab-*', 'runbook:dr-*'); Id = @('12-uninstall-group-chat-*'); Command = 'Start-Process'; With = @(); Without = @(); Calls = 0; From = 'runbook/scripts/data-only: nothing to do' }
    @{ Suite = @('runbook:lab-*', 'runbook:dr-*'); Id = @('12-remove-legacy-pool'); Command = 'Remove-CsTrustedApplicationPool'; With = @(); Without = @(); Calls = 0; From = 'runbook/scripts/data-only: nothing to do' }
    @{ Suite = @('runbook:lab-*', 'runbook:dr-*'); Id = '09-cutover'; Command = 'Remove-ADUser'; With = @(); Without = @(); Calls = 0; From = 'runbook/scripts/cutover: no Lookup account on a data-only legacy side' }
    @{ Suite = @('runbook:lab-*', 'runbook:dr-*'); Id = '09-cutover'; Command = 'New-CsPersistentChatEndpoint'; With = @('SipAddress', 'PersistentChatPoolFqdn'); Without = @(); From = 'runbook/scripts/cutover: the endpoint is still created' }
    # the legacy principals (lync-install §3): seeded in a lab's new forest, checked in an existing domain
    @{ Id = '01-seed-principals'; Command = 'Enable-CsUser'; With = @('Identity', 'RegistrarPool', 'SipAddress'); Without = @(); Exact = $true; From = 'runbook/scripts/principals: users Lync-enabled with their legacy SIP address (PS:Enable-CsUser)' }
    @{ Id = '01-seed-principals'; Command = 'New-ADUser'; With = @('Name', 'SamAccountName', 'Path', 'UserPrincipalName', 'DisplayName', 'Enabled'); Without = @('AccountPassword'); From = 'runbook/scripts/principals: disabled accounts without a password' }
    @{ Id = '01-seed-principals'; Command = 'New-ADGroup'; With = @('Name', 'SamAccountName', 'GroupScope', 'GroupCategory', 'Path'); Without = @(); From = 'runbook/scripts/principals: security groups where the legacy forest had them' }
    @{ Id = '01-seed-principals'; Command = 'New-ADOrganizationalUnit'; With = @('Name', 'Path'); Without = @(); From = 'runbook/scripts/principals: OUs parents first' }
    @{ Id = '01-seed-principals'; Command = 'Add-ADGroupMember'; With = @('Identity', 'Members'); Without = @(); From = 'runbook/scripts/principals: memberships from tblPrincipalAffiliations' }
    @{ Suite = 'runbook:existing-legacy'; Id = '01-check-principals'; Command = 'New-ADUser'; With = @(); Without = @(); Calls = 0; From = 'runbook/scripts/principals: nothing is created in an existing domain' }
    @{ Suite = 'runbook:existing-legacy'; Id = '01-check-principals'; Command = 'Get-ADUser'; With = @('Filter', 'Properties'); Without = @(); From = 'runbook/scripts/principals: users looked up by their SIP address' }
    @{ Id = '13-enable-policy'; Command = 'Set-CsPersistentChatPolicy'; With = @('Identity', 'EnablePersistentChat'); Without = @(); From = 'runbook/scripts: step calls' }

    # test/runbook/scripts.test.ts, "never passes a parameter Export/Import do not have (domain §4.3)"
    @{ Id = '*'; Command = 'Export-CsPersistentChatData'; With = @(); Without = @('Force', 'Legacy', 'PersistentChatPoolFqdn'); Calls = 'any'; From = 'runbook/scripts: parameters Export/Import do not have' }
    @{ Id = '*'; Command = 'Import-CsPersistentChatData'; With = @(); Without = @('Force', 'Legacy', 'PersistentChatPoolFqdn'); Calls = 'any'; From = 'runbook/scripts: parameters Export/Import do not have' }
    @{ Id = @('06-import-whatif*', '07-import*'); Command = 'Import-CsPersistentChatData'; With = @(); Without = @('DBName', 'Level', 'Scope'); From = 'runbook/scripts: parameters Import does not have' }

    # test/runbook/scripts.test.ts, "a hostile category name stays data": no script calls Stop-Computer
    # (the category names themselves are quoted by psString, evaluated in Quoting.Tests.ps1)
    @{ Id = '*'; Command = 'Stop-Computer'; With = @(); Without = @(); Calls = 0; From = 'runbook/scripts: a hostile category name stays data' }

    # test/runbook/planner.test.ts, "export switches follow the strategy and cutoff" (both manifest
    # variants have a cutoff; the no-cutoff case stays in jest, read from the script text)
    @{ Id = '04-export'; Command = 'Export-CsPersistentChatData'; With = @('StartDate'); Without = @('Scope', 'DisableExportedNodes'); From = 'runbook/planner: immediate with a cutoff' }
    @{ Id = '04-export-*'; Command = 'Export-CsPersistentChatData'; With = @('Scope', 'DisableExportedNodes', 'StartDate'); Without = @(); From = 'runbook/planner: batched with a cutoff' }

    # test/contacts/outputs.test.ts
    @{ Id = 'contacts-*-check-files'; Command = 'Stop-CsWindowsService'; With = @(); Without = @(); Calls = 0; From = 'contacts/outputs: the files are checked before any Front End service is stopped' }
    @{ Id = 'contacts-*-stop-*'; Command = 'Stop-CsWindowsService'; With = @('Name'); Without = @(); From = 'contacts/outputs: the stop script' }
    @{ Id = 'contacts-*-import'; Command = 'Import-CsUserData'; With = @('PoolFqdn', 'FileName'); Without = @(); From = 'contacts/outputs: the import script' }
    @{ Id = 'contacts-*-start-*'; Command = 'Start-CsWindowsService'; With = @('Name'); Without = @(); From = 'contacts/outputs: the start script' }
    @{ Id = 'contacts-*-verify'; Command = 'Export-CsUserData'; With = @('PoolFqdn', 'FileName'); Without = @(); From = 'contacts/outputs: the verify script' }
    @{ Id = @('contacts-*-stop-*', 'contacts-*-import', 'contacts-*-start-*', 'contacts-*-verify'); Command = 'Import-Module'; With = @(); Without = @(); From = 'contacts/outputs: stop, import, start and verify load the Lync module' }
    @{ Id = @('contacts-*-stop-*', 'contacts-*-import', 'contacts-*-start-*', 'contacts-*-verify'); Command = 'Write-StepResult'; With = @('Status'); Without = @(); Calls = 4; Exact = $true; From = 'contacts/outputs: the frame writes the result (step done, run complete, outcome, failed)' }
    @{ Id = @('contacts-*-stop-*', 'contacts-*-import', 'contacts-*-start-*', 'contacts-*-verify'); Command = 'Expand-Archive'; With = @(); Without = @(); Calls = 0; From = 'contacts/outputs: no PowerShell 5 archive cmdlets (Windows Server 2012 R2 has 4.0)' }

    # migration-jobs/powershell/services.ts: the one service renderer lists the services, acts on those
    # not yet in the wanted state, then lists them again to check (Persistent Chat and Front End alike)
    @{ Id = @('02-stop-pchat-*', '10-start-pchat-*', 'contacts-*-stop-*', 'contacts-*-start-*'); Command = 'Get-CsWindowsService'; With = @(); Without = @('Name'); Calls = 2; From = 'powershell/services: one service renderer (list, act, check)' }
    @{ Suite = 'runbook:existing-legacy'; Id = '02-stop-legacy-*'; Command = 'Get-Service'; With = @(); Without = @('Name'); Calls = 2; From = 'powershell/services: one service renderer (list, act, check)' }

    # migration-jobs/powershell/frame.ts, provisioning options: no staging share yet, so no done marker;
    # one result line on success, one on failure
    @{ Id = @('*-windows-features', '*-ntfs-data-disks', '*-ad-forest', '*-ad-ready', '*-file-share-*', '*-legacy-restore'); Command = 'Write-StepResult'; With = @('Status'); Without = @(); Calls = 2; Exact = $true; From = 'powershell/frame: a provisioning step writes its outcome or its failure' }
    @{ Id = @('*-windows-features', '*-ntfs-data-disks', '*-ad-forest', '*-ad-ready', '*-file-share-*', '*-legacy-restore'); Command = 'Set-StepDone'; With = @(); Without = @(); Calls = 0; From = 'powershell/frame: a provisioning step judges by the real state, without markers' }

    # test/components/scripts.test.ts, "NTFS step": one block per guest-formatted disk, each starting
    # with `$lun = <n>`
    @{ Id = '*-ntfs-data-disks'; Command = 'Initialize-Disk'; With = @('PartitionStyle'); Without = @(); Calls = '$lun'; From = 'components/scripts: NTFS initializes each guest disk as GPT' }
    @{ Id = '*-ntfs-data-disks'; Command = 'Format-Volume'; With = @('FileSystem', 'AllocationUnitSize', 'NewFileSystemLabel'); Without = @(); Calls = '$lun'; From = 'components/scripts: exactly one Format-Volume per guest disk, with the planned file system, cluster size and label' }
    # src/components/scripts/lync (issue 11, steps 6-7): the deployment as the AWS Quick Start runs it (lync-install.md §1)
    @{ Id = '*-lync-topology'; Command = 'Publish-CsTopology'; With = @('FileName', 'Force'); Without = @(); Calls = 1; Exact = $true; From = 'scripts/lync/publish: the generated document, published once (PS:Publish-CsTopology)' }
    @{ Id = '*-lync-topology'; Command = 'Enable-CsTopology'; With = @(); Without = @(); Calls = 1; From = 'scripts/lync/publish: what is published is enabled' }
    @{ Id = '*-lync-topology'; Command = 'Install-CsDatabase'; With = @('ConfiguredDatabases', 'SqlServerFqdn'); Without = @('Clean', 'Update'); Exact = $true; From = 'scripts/lync/publish: the topology''s databases from Lync itself, never overwriting one (PS:Install-CsDatabase)' }
    @{ Id = '*-lync-server'; Command = 'Import-CsConfiguration'; With = @('ByteInput', 'LocalStore'); Without = @(); Calls = 1; Exact = $true; From = 'scripts/lync/server: the local store from the CMS (PS:Import-CsConfiguration example 3)' }
    @{ Id = '*-lync-server'; Command = 'Export-CsConfiguration'; With = @('AsBytes'); Without = @('LocalStore'); Calls = 1; Exact = $true; From = 'scripts/lync/server: read from the CMS, not the local store' }
    @{ Id = '*-lync-server'; Command = 'Start-Process'; With = @('FilePath', 'ArgumentList', 'Wait', 'PassThru'); Without = @(); Calls = 1; From = 'scripts/lync/server: one bootstrapper call, waited for, its exit code read' }
    @{ Id = '*-lync-update'; Command = 'Start-Process'; With = @('FilePath', 'ArgumentList', 'Wait', 'PassThru'); Without = @(); Calls = 1; From = 'scripts/lync/update: the installer waited for, its exit code read' }
    @{ Id = '*-lync-db-update'; Command = 'Test-CsDatabase'; With = @(); Without = @('CentralManagementDatabase', 'DatabaseType'); From = 'scripts/lync/db-update: which databases are behind the installed version (PS:Test-CsDatabase)' }
    @{ Id = '*-lync-db-update'; Command = 'Install-CsDatabase'; With = @('Update'); Without = @('Clean', 'CentralManagementDatabase', 'DatabaseType'); From = 'scripts/lync/db-update: the cumulative update''s database step, never -Clean (PS:Install-CsDatabase; Lync Server 2013 CU articles)' }
    @{ Id = '*-lync-db-update'; Command = 'Write-StepResult'; With = @('Status'); Without = @(); Calls = 2; Exact = $true; From = 'powershell/frame: a provisioning step writes its outcome or its failure' }
    @{ Id = '*-lync-certificates'; Command = 'Request-CsCertificate'; With = @('New', 'Type', 'CA', 'FriendlyName', 'AllSipDomain'); Without = @('Output'); Calls = 1; Exact = $true; From = 'scripts/lync/certificates: online request to the enterprise CA (lync-install.md §1)' }
    @{ Id = '*-lync-certificates'; Command = 'Set-CsCertificate'; With = @('Type', 'Thumbprint', 'Confirm'); Without = @(); Calls = 1; Exact = $true; From = 'scripts/lync/certificates: assigned by thumbprint, no prompt in a Run Command' }
    @{ Id = '*-lync-enable'; Command = 'Start-CsWindowsService'; With = @(); Without = @('Name'); Calls = 1; From = 'scripts/lync/enable: every Lync service of the computer' }
    @{ Id = '*-lync-pool-check'; Command = 'Get-CsService'; With = @('PersistentChatServer'); Without = @(); Calls = 1; Exact = $true; From = 'scripts/lync/pool-check: the published pool (PS:Get-CsService)' }
    @{ Id = @('*-lync-topology', '*-lync-server', '*-lync-update', '*-lync-certificates', '*-lync-enable', '*-lync-pool-check'); Command = 'Write-StepResult'; With = @('Status'); Without = @(); Calls = 2; Exact = $true; From = 'powershell/frame: a provisioning step writes its outcome or its failure' }
    @{ Id = @('*-lync-topology', '*-lync-server', '*-lync-update', '*-lync-certificates', '*-lync-enable', '*-lync-pool-check'); Command = 'Set-StepDone'; With = @(); Without = @(); Calls = 0; From = 'powershell/frame: a provisioning step judges by the real state, without markers' }
  )
}
