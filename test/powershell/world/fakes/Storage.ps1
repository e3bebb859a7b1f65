<#
  Storage (Windows Server 2012 R2): disks, partitions and volumes of the current computer.

  State (Computers[x]): Disks (the core's list: Number, Lun, Location, PartitionStyle RAW/GPT/MBR,
  Partitions, SizeGB), Volumes (letter -> FileSystem, FileSystemLabel, AllocationUnitSize; the core
  maps each letter to a folder; a disk without SizeGB is 128 GB). Disks 0 (OS, C:) and 1 (Azure's temporary disk, D:) are not in the
  state: Get-Disk shows them as an Azure generation 1 VM does (IDE locations, MBR), so a LUN filter
  is tested against them too.
#>

function Get-FakeDiskObject {
  param($Disk)
  $size = [uint64]([int]$(if ($Disk.ContainsKey('SizeGB') -and $Disk.SizeGB) { $Disk.SizeGB } else { 128 })) * 1GB
  return New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Disk' -Properties ([ordered]@{
      Number             = [uint32]$Disk.Number
      FriendlyName       = 'Msft Virtual Disk'
      SerialNumber       = ''
      HealthStatus       = 'Healthy'
      OperationalStatus  = 'Online'
      Size               = $size
      PartitionStyle     = [string]$Disk.PartitionStyle
      Location           = [string]$Disk.Location
      IsOffline          = $false
      IsReadOnly         = $false
      IsSystem           = $false
      IsBoot             = $false
      NumberOfPartitions = [uint32]@($Disk.Partitions).Count
      Path               = ('\\?\scsi#disk&ven_msft&prod_virtual_disk#' + $Disk.Number)
    })
}

function Get-FakeSystemDiskObjects {
  # Disk 0 (OS) and 1 (temporary disk) of an Azure generation 1 VM: IDE controller locations.
  $os = Get-FakeDiskObject -Disk @{ Number = 0; Location = 'PCI Slot 0 : Adapter 0 : Channel 0 : Device 0'; PartitionStyle = 'MBR'; Partitions = @(1, 2); SizeGB = 127 }
  $os.IsSystem = $true; $os.IsBoot = $true; $os.FriendlyName = 'Virtual HD ATA Device'
  $temp = Get-FakeDiskObject -Disk @{ Number = 1; Location = 'PCI Slot 1 : Adapter 0 : Channel 1 : Device 0'; PartitionStyle = 'MBR'; Partitions = @(1); SizeGB = 16 }
  $temp.FriendlyName = 'Virtual HD ATA Device'
  return @($os, $temp)
}

function Get-FakeVolumeObject {
  param($Volume, $Computer)
  $sizeGb = 127
  foreach ($d in $Computer.Disks) { foreach ($p in @($d.Partitions)) { if ($p -is [System.Collections.IDictionary] -and $p.DriveLetter -eq $Volume.DriveLetter) { $sizeGb = $(if ($d.ContainsKey('SizeGB') -and $d.SizeGB) { $d.SizeGB } else { 128 }) } } }
  if ($Volume.DriveLetter -eq 'D') { $sizeGb = 16 }
  return New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Volume' -Properties ([ordered]@{
      DriveLetter       = [char]$Volume.DriveLetter
      FileSystemLabel   = [string]$Volume.FileSystemLabel
      FileSystem        = [string]$Volume.FileSystem
      DriveType         = $(if ($Volume.ContainsKey('DriveType') -and $Volume.DriveType) { [string]$Volume.DriveType } else { 'Fixed' })
      HealthStatus      = 'Healthy'
      OperationalStatus = 'OK'
      Size              = [uint64]$sizeGb * 1GB
      SizeRemaining     = [uint64]$sizeGb * 1GB
      AllocationUnitSize = [uint32]$Volume.AllocationUnitSize
      ObjectId          = ('\\?\Volume{' + $Volume.DriveLetter + '}\')
      Path              = ('\\?\Volume{' + $Volume.DriveLetter + '}\')
    })
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/storage/Get-Disk.md
# (sets ByNumber, ByUniqueId, ByName, ByPath; ByPartition/ByVirtualDisk/ByiSCSI* and the CIM session
# parameters are left out).
function Get-Disk {
  [CmdletBinding(DefaultParameterSetName = 'ByNumber')]
  param(
    [Parameter(ParameterSetName = 'ByNumber', Position = 0, ValueFromPipelineByPropertyName = $true)][Alias('DeviceId')][uint32[]]$Number,
    [Parameter(ParameterSetName = 'ByUniqueId')][Alias('Id')][string[]]$UniqueId,
    [Parameter(ParameterSetName = 'ByName')][string[]]$FriendlyName,
    [Parameter(ParameterSetName = 'ByPath', ValueFromPipelineByPropertyName = $true)][string[]]$Path
  )
  Enter-FakeCall -Command 'Get-Disk' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Storage' -Command 'Get-Disk'
  $c = Get-FakeComputer
  $all = @(Get-FakeSystemDiskObjects) + @($c.Disks | Sort-Object { [int]$_.Number } | ForEach-Object { Get-FakeDiskObject -Disk $_ })
  switch ($PSCmdlet.ParameterSetName) {
    'ByNumber' {
      if (-not $PSBoundParameters.ContainsKey('Number')) { return $all }
      foreach ($n in $Number) {
        $hit = @($all | Where-Object { $_.Number -eq $n })
        if ($hit.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ("No MSFT_Disk objects found with property 'Number' equal to '" + $n + "'.  Verify the value of the property and retry.") -ErrorId 'CmdletizationQuery_NotFound_Number' -Target $n }
        $hit
      }
    }
    'ByUniqueId' { foreach ($u in $UniqueId) { $all | Where-Object { $_.SerialNumber -like $u } } }
    'ByName' { foreach ($f in $FriendlyName) { $all | Where-Object { $_.FriendlyName -like $f } } }
    'ByPath' { foreach ($p in $Path) { $all | Where-Object { $_.Path -eq $p } } }
  }
}

function Find-FakeDisk {
  param($Computer, [uint32]$Number)
  foreach ($d in $Computer.Disks) { if ([uint32]$d.Number -eq $Number) { return $d } }
  return $null
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/storage/Initialize-Disk.md
# ("initializes a Disk object with the RAW partition style ... The default partition style is GPT";
# sets ByNumber and ByName; the CIM session parameters are left out). A disk that is not RAW
# fails as the real one: "The disk has already been initialized."
function Initialize-Disk {
  [CmdletBinding(DefaultParameterSetName = 'ByNumber', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'ByNumber', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][uint32[]]$Number,
    [Parameter(ParameterSetName = 'ByName', ValueFromPipelineByPropertyName = $true)][string[]]$FriendlyName,
    [ValidateSet('Unknown', 'MBR', 'GPT')][string]$PartitionStyle = 'GPT',
    [switch]$PassThru
  )
  Enter-FakeCall -Command 'Initialize-Disk' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Storage' -Command 'Initialize-Disk'
  $c = Get-FakeComputer
  $targets = @()
  if ($PSCmdlet.ParameterSetName -eq 'ByNumber') {
    foreach ($n in $Number) {
      if ($n -le 1) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The disk has already been initialized.' -ErrorId 'StorageWMI 41001,Initialize-Disk' -Category InvalidOperation -Target $n }
      $d = Find-FakeDisk -Computer $c -Number $n
      if ($null -eq $d) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("No MSFT_Disk objects found with property 'Number' equal to '" + $n + "'.  Verify the value of the property and retry.") -ErrorId 'CmdletizationQuery_NotFound_Number' -Category ObjectNotFound -Target $n }
      $targets += , $d
    }
  } else {
    Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Initialize-Disk -FriendlyName: every data disk is a "Msft Virtual Disk"; the fake selects disks by -Number only.' -Category NotImplemented
  }
  if ($PartitionStyle -eq 'Unknown') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Invalid Parameter' -ErrorId 'StorageWMI 5,Initialize-Disk' -Category InvalidArgument }
  foreach ($d in $targets) {
    if ($d.PartitionStyle -ne 'RAW') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The disk has already been initialized.' -ErrorId 'StorageWMI 41001,Initialize-Disk' -Category InvalidOperation -Target $d.Number }
    if ($PSCmdlet.ShouldProcess(('Disk ' + $d.Number), 'Initialize')) {
      $d.PartitionStyle = $PartitionStyle
      # GPT disks get the Microsoft reserved partition first (partition 1).
      $d.Partitions = @($(if ($PartitionStyle -eq 'GPT') { @{ PartitionNumber = 1; Type = 'Reserved'; DriveLetter = '' } }))
      if ($PassThru) { Get-FakeDiskObject -Disk $d }
    }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/storage/New-Partition.md
# (set ByNumber; -Offset/-Alignment/-MbrType/-GptType/-IsHidden/-IsActive and the CIM session
# parameters are left out). The new partition holds a RAW volume (FileSystem '') until formatted.
function New-Partition {
  [CmdletBinding(DefaultParameterSetName = 'ByNumber')]
  param(
    [Parameter(ParameterSetName = 'ByNumber', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][uint32[]]$DiskNumber,
    [uint64]$Size,
    [switch]$UseMaximumSize,
    [Alias('NewDriveLetter')][char]$DriveLetter,
    [switch]$AssignDriveLetter
  )
  Enter-FakeCall -Command 'New-Partition' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Storage' -Command 'New-Partition'
  $c = Get-FakeComputer
  if (-not $UseMaximumSize -and -not $PSBoundParameters.ContainsKey('Size')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Invalid Parameter (New-Partition needs -Size or -UseMaximumSize)' -ErrorId 'StorageWMI 5,New-Partition' -Category InvalidArgument }
  if ($UseMaximumSize -and $PSBoundParameters.ContainsKey('Size')) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Parameter set cannot be resolved using the specified named parameters (-Size and -UseMaximumSize).' -ErrorId 'AmbiguousParameterSet' -Category InvalidArgument }
  foreach ($n in $DiskNumber) {
    $d = Find-FakeDisk -Computer $c -Number $n
    if ($n -le 1) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Not enough available capacity' -ErrorId 'StorageWMI 40000,New-Partition' -Category NotSpecified -Target $n }
    if ($null -eq $d) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("No MSFT_Disk objects found with property 'Number' equal to '" + $n + "'.  Verify the value of the property and retry.") -ErrorId 'CmdletizationQuery_NotFound_Number' -Category ObjectNotFound -Target $n }
    if ($d.PartitionStyle -eq 'RAW') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The disk has not been initialized.' -ErrorId 'StorageWMI 41000,New-Partition' -Category InvalidOperation -Target $n }
    if (@($d.Partitions | Where-Object { $_ -is [System.Collections.IDictionary] -and $_.Type -eq 'Basic' }).Count -gt 0) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Not enough available capacity' -ErrorId 'StorageWMI 40000,New-Partition' -Target $n }
    $letter = ''
    if ($PSBoundParameters.ContainsKey('DriveLetter')) {
      $letter = ([string]$DriveLetter).ToUpperInvariant()
      if ($c.Volumes.ContainsKey($letter)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The requested access path is already in use.' -ErrorId 'StorageWMI 42002,New-Partition' -Category ResourceExists -Target $letter }
    } elseif ($AssignDriveLetter) {
      foreach ($l in [char[]]'EFGHIJKLMNOPQRSTUVWXYZ') { if (-not $c.Volumes.ContainsKey([string]$l)) { $letter = [string]$l; break } }
    }
    $number = 1 + @($d.Partitions).Count
    $partition = @{ PartitionNumber = $number; Type = 'Basic'; DriveLetter = $letter }
    $d.Partitions = @(@($d.Partitions) + @($partition))
    if ($letter) {
      Add-FakeVolume -Computer $c.Name -DriveLetter $letter -FileSystem '' -Label ''
      Mount-FakeVolume -Computer $c -DriveLetter $letter
    }
    New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Partition' -Properties ([ordered]@{
        DiskNumber      = [uint32]$d.Number
        PartitionNumber = [uint32]$number
        DriveLetter     = $(if ($letter) { [char]$letter } else { [char]0 })
        Offset          = [uint64]135266304
        Size            = [uint64]([int]$(if ($d.ContainsKey('SizeGB') -and $d.SizeGB) { $d.SizeGB } else { 128 })) * 1GB - 135266304
        Type            = 'Basic'
      })
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/storage/Format-Volume.md
# (sets ByDriveLetter and ByLabel; -ObjectId/-Path/-Partition/-InputObject, -SetIntegrityStreams,
# -DisableHeatGathering and the CIM session parameters are left out). Formatting prompts for
# confirmation (all data on the volume is lost: ConfirmImpact High) and empties the volume's folder.
function Format-Volume {
  [CmdletBinding(DefaultParameterSetName = 'ByDriveLetter', SupportsShouldProcess = $true, ConfirmImpact = 'High')]
  param(
    [Parameter(ParameterSetName = 'ByDriveLetter', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][char[]]$DriveLetter,
    [Parameter(ParameterSetName = 'ByLabel', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][string[]]$FileSystemLabel,
    [ValidateSet('FAT', 'FAT32', 'exFAT', 'NTFS', 'ReFS')][string]$FileSystem,
    [string]$NewFileSystemLabel,
    [Alias('ClusterSize')][uint32]$AllocationUnitSize,
    [switch]$Full,
    [switch]$Force,
    [switch]$Compress,
    [bool]$ShortFileNameSupport,
    [switch]$UseLargeFRS
  )
  Enter-FakeCall -Command 'Format-Volume' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Storage' -Command 'Format-Volume'
  $c = Get-FakeComputer
  $volumes = @()
  if ($PSCmdlet.ParameterSetName -eq 'ByDriveLetter') {
    foreach ($l in $DriveLetter) {
      $key = ([string]$l).ToUpperInvariant()
      if (-not $c.Volumes.ContainsKey($key)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ("No MSFT_Volume objects found with property 'DriveLetter' equal to '" + $key + "'.  Verify the value of the property and retry.") -ErrorId 'CmdletizationQuery_NotFound_DriveLetter' -Category ObjectNotFound -Target $key }
      $volumes += , $c.Volumes[$key]
    }
  } else {
    foreach ($label in $FileSystemLabel) { $volumes += @($c.Volumes.Values | Where-Object { $_.FileSystemLabel -like $label }) }
  }
  if ($PSBoundParameters.ContainsKey('AllocationUnitSize')) {
    $ok = @(512, 1024, 2048, 4096, 8192, 16384, 32768, 65536)
    if ($ok -notcontains [int]$AllocationUnitSize) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Invalid Parameter (AllocationUnitSize)' -ErrorId 'StorageWMI 5,Format-Volume' -Category InvalidArgument }
  }
  foreach ($v in $volumes) {
    if ($v.DriveLetter -eq 'C') { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'Access denied (the system volume cannot be formatted while Windows runs from it)' -ErrorId 'StorageWMI 40001,Format-Volume' -Category PermissionDenied -Target 'C' }
    if ($PSCmdlet.ShouldProcess(($v.DriveLetter + ':'), 'Format volume (all data on the volume will be lost)')) {
      $v.FileSystem = $(if ($FileSystem) { $FileSystem } else { 'NTFS' })
      if ($PSBoundParameters.ContainsKey('NewFileSystemLabel')) { $v.FileSystemLabel = $NewFileSystemLabel } else { $v.FileSystemLabel = '' }
      $v.AllocationUnitSize = $(if ($PSBoundParameters.ContainsKey('AllocationUnitSize')) { [int]$AllocationUnitSize } else { 4096 })
      $folder = Join-Path $c.Folder $v.DriveLetter
      if (Test-Path -LiteralPath $folder) { Get-ChildItem -LiteralPath $folder -Force | Remove-Item -Recurse -Force }
      Mount-FakeVolume -Computer $c -DriveLetter $v.DriveLetter
      Get-FakeVolumeObject -Volume $v -Computer $c
    }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/storage/Get-Volume.md
# (sets ByDriveLetter, ByLabel, ByFilePath and ByDiskImage (a DiskImage piped from Get-DiskImage); the others and the CIM session parameters are left out).
function Get-Volume {
  [CmdletBinding(DefaultParameterSetName = 'ByDriveLetter')]
  param(
    [Parameter(ParameterSetName = 'ByDriveLetter', Position = 0, ValueFromPipelineByPropertyName = $true)][char[]]$DriveLetter,
    [Parameter(ParameterSetName = 'ByLabel', ValueFromPipelineByPropertyName = $true)][string[]]$FileSystemLabel,
    [Parameter(ParameterSetName = 'ByFilePath', ValueFromPipelineByPropertyName = $true)][Alias('FullName')][string]$FilePath,
    [Parameter(ParameterSetName = 'ByDiskImage', ValueFromPipeline = $true)][object]$DiskImage
  )
  Enter-FakeCall -Command 'Get-Volume' -Parameters $PSBoundParameters
  Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Storage' -Command 'Get-Volume'
  $c = Get-FakeComputer
  switch ($PSCmdlet.ParameterSetName) {
    'ByDriveLetter' {
      if (-not $PSBoundParameters.ContainsKey('DriveLetter')) {
        foreach ($k in @($c.Volumes.Keys | Sort-Object)) { Get-FakeVolumeObject -Volume $c.Volumes[$k] -Computer $c }
        return
      }
      foreach ($l in $DriveLetter) {
        $key = ([string]$l).ToUpperInvariant()
        if ($c.Volumes.ContainsKey($key)) { Get-FakeVolumeObject -Volume $c.Volumes[$key] -Computer $c }
        else { Write-FakeError -Cmdlet $PSCmdlet -Message ("No MSFT_Volume objects found with property 'DriveLetter' equal to '" + $key + "'.  Verify the value of the property and retry.") -ErrorId 'CmdletizationQuery_NotFound_DriveLetter' -Target $key }
      }
    }
    'ByLabel' {
      foreach ($label in $FileSystemLabel) {
        $hits = @($c.Volumes.Values | Where-Object { $_.FileSystemLabel -like $label } | Sort-Object DriveLetter)
        if ($hits.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ("No MSFT_Volume objects found with property 'FileSystemLabel' equal to '" + $label + "'.  Verify the value of the property and retry.") -ErrorId 'CmdletizationQuery_NotFound_FileSystemLabel' -Target $label }
        foreach ($v in $hits) { Get-FakeVolumeObject -Volume $v -Computer $c }
      }
    }
    'ByDiskImage' {
      # The volume of a mounted image (Mount-DiskImage): none while it is not attached.
      $image = Find-FakeDiskImage -Computer $c -ImagePath ([string]$DiskImage.ImagePath)
      if ($null -ne $image -and $image.DriveLetter -and $c.Volumes.ContainsKey($image.DriveLetter)) { return (Get-FakeVolumeObject -Volume $c.Volumes[$image.DriveLetter] -Computer $c) }
      return
    }
    'ByFilePath' {
      if ($FilePath -match '^([A-Za-z]):') {
        $key = $Matches[1].ToUpperInvariant()
        if ($c.Volumes.ContainsKey($key)) { return (Get-FakeVolumeObject -Volume $c.Volumes[$key] -Computer $c) }
      }
      Write-FakeError -Cmdlet $PSCmdlet -Message ('The volume of ' + $FilePath + ' was not found.') -Target $FilePath
    }
  }
}

<#
.SYNOPSIS
  Seeding: a data disk at a LUN (RAW unless -PartitionStyle says otherwise), optionally sized.
  Add-FakeComputer -RawDataDiskLuns does the same for RAW disks of the default size.
#>
function Add-FakeDisk {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Computer,
    [Parameter(Mandatory = $true)][int]$Lun,
    [int]$SizeGB = 128,
    [ValidateSet('RAW', 'GPT', 'MBR')][string]$PartitionStyle = 'RAW'
  )
  $c = Add-FakeComputer -Name $Computer
  $c.Disks.Add(@{ Number = $c.Disks.Count + 2; Lun = $Lun; Location = ('Integrated : Adapter 0 : Port 0 : Target 0 : LUN ' + $Lun); PartitionStyle = $PartitionStyle; Partitions = @(); SizeGB = $SizeGB })
}

#region disk images (ISO)

<#
  A fake ISO: a text file `PCHATKIT-FAKE-ISO 1`, then JSON { Label; Files (relative path -> base64
  content) }. Mount-DiskImage gives it the next free drive letter as a read-only UDF volume holding
  those files. State: Computers[x].DiskImages (lower-case image path -> @{ ImagePath; DriveLetter;
  Boot (the computer's reboot count when it was mounted) }).
#>
function Read-FakeIsoImage {
  param([string]$LocalPath)
  if (-not (Test-Path -LiteralPath $LocalPath -PathType Leaf)) { return $null }
  $parts = [System.IO.File]::ReadAllText($LocalPath) -split "`n", 2
  if ($parts.Count -lt 2 -or $parts[0].Trim() -ne 'PCHATKIT-FAKE-ISO 1') { return $null }
  try { return ($parts[1] | ConvertFrom-Json) } catch { return $null }
}

function Get-FakeDiskImages {
  param($Computer)
  if (-not $Computer.ContainsKey('DiskImages')) { $Computer['DiskImages'] = @{} }
  return $Computer['DiskImages']
}

<#
  The mount of an image on a computer, or $null. A mount does not survive a restart (argiesen/Skype4B:
  "Mounting ISO within Windows is not supported as it is not persistent across reboots"): a mount made
  before the computer's last reboot (Invoke-FakeReboot counts them) is gone, with its drive letter.
#>
function Find-FakeDiskImage {
  param($Computer, [string]$ImagePath)
  $images = Get-FakeDiskImages -Computer $Computer
  $key = $ImagePath.ToLowerInvariant()
  if (-not $images.ContainsKey($key)) { return $null }
  $image = $images[$key]
  if ([int]$image.Boot -eq [int]$Computer.Reboots) { return $image }
  $letter = [string]$image.DriveLetter
  if ($letter -and $Computer.Volumes.ContainsKey($letter)) {
    $Computer.Volumes.Remove($letter)
    $folder = Join-Path $Computer.Folder $letter
    if (Test-Path -LiteralPath $folder) { Remove-Item -LiteralPath $folder -Recurse -Force }
    if ($env:COMPUTERNAME -eq $Computer.Name -and (Get-PSDrive -Name $letter -ErrorAction SilentlyContinue)) { Remove-PSDrive -Name $letter -Force }
  }
  $images.Remove($key)
  return $null
}

function Get-FakeDiskImageObject {
  param($Computer, [string]$ImagePath, [long]$Size)
  $image = Find-FakeDiskImage -Computer $Computer -ImagePath $ImagePath
  $attached = $null -ne $image
  return New-FakeObject -TypeName 'Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_DiskImage' -Properties ([ordered]@{
      Attached          = $attached
      BlockSize         = [uint32]0
      DevicePath        = $(if ($attached) { '\\.\CDROM0' } else { $null })
      FileSize          = [uint64]$Size
      ImagePath         = $ImagePath
      LogicalSectorSize = [uint32]2048
      Number            = $null
      Size              = [uint64]$Size
      StorageType       = [uint32]1
    })
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/storage/Get-DiskImage.md
# (set ByImagePath; -StorageType, -CimSession, -ThrottleLimit and -AsJob are left out). A file that
# does not exist fails ("The system cannot find the file specified."); an image not mounted has
# Attached = False.
function Get-DiskImage {
  [CmdletBinding(DefaultParameterSetName = 'ByImagePath')]
  param([Parameter(ParameterSetName = 'ByImagePath', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$ImagePath)
  process {
    Enter-FakeCall -Command 'Get-DiskImage' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Storage' -Command 'Get-DiskImage'
    $c = Get-FakeComputer
    foreach ($p in $ImagePath) {
      $local = Resolve-FakeComputerPath -Computer $c -Path $p
      if ($null -eq $local -or -not (Test-Path -LiteralPath $local -PathType Leaf)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The system cannot find the file specified.' -ErrorId 'HRESULT 0x80070002,Get-DiskImage' -Category ObjectNotFound -Target $p }
      Get-FakeDiskImageObject -Computer $c -ImagePath $p -Size (Get-Item -LiteralPath $local).Length
    }
  }
}

# Reference: MicrosoftDocs/windows-powershell-docs docset/winserver2012r2-ps/storage/Mount-DiskImage.md
# (set ByImagePath; the InputObject set, -CimSession, -ThrottleLimit and -AsJob are left out). An
# image already mounted fails as the page says ("The process cannot access the file because it is
# being used by another process."); an ISO is read-only whatever -Access says and gets the next free
# drive letter unless -NoDriveLetter. A file that is not an image fails ("The file or directory is
# corrupted and unreadable."). The mount does not survive a restart (Find-FakeDiskImage).
function Mount-DiskImage {
  [CmdletBinding(DefaultParameterSetName = 'ByImagePath', SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
  param(
    [Parameter(ParameterSetName = 'ByImagePath', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$ImagePath,
    [Parameter(ParameterSetName = 'ByImagePath')][ValidateSet('Unknown', 'ISO', 'VHD', 'VHDX')][string]$StorageType,
    [ValidateSet('Unknown', 'ReadWrite', 'ReadOnly')][string]$Access,
    [switch]$NoDriveLetter,
    [switch]$PassThru
  )
  process {
    Enter-FakeCall -Command 'Mount-DiskImage' -Parameters $PSBoundParameters
    Assert-FakeModule -Cmdlet $PSCmdlet -Module 'Storage' -Command 'Mount-DiskImage'
    $c = Get-FakeComputer
    foreach ($p in $ImagePath) {
      $local = Resolve-FakeComputerPath -Computer $c -Path $p
      if ($null -eq $local -or -not (Test-Path -LiteralPath $local -PathType Leaf)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The system cannot find the file specified.' -ErrorId 'HRESULT 0x80070002,Mount-DiskImage' -Category ObjectNotFound -Target $p }
      if ($null -ne (Find-FakeDiskImage -Computer $c -ImagePath $p)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The process cannot access the file because it is being used by another process.' -ErrorId 'HRESULT 0x80070020,Mount-DiskImage' -Category ResourceBusy -Target $p }
      $iso = Read-FakeIsoImage -LocalPath $local
      if ($null -eq $iso) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'The file or directory is corrupted and unreadable.' -ErrorId 'HRESULT 0x80070570,Mount-DiskImage' -Category InvalidData -Target $p }
      if (-not $PSCmdlet.ShouldProcess($p, 'Mount')) { continue }
      $letter = ''
      if (-not $NoDriveLetter) {
        foreach ($l in [char[]]'DEFGHIJKLMNOPQRSTUVWXYZ') { if (-not $c.Volumes.ContainsKey([string]$l)) { $letter = [string]$l; break } }
        Add-FakeVolume -Computer $c.Name -DriveLetter $letter -FileSystem 'UDF' -Label ([string]$iso.Label) -AllocationUnitSize 2048
        $c.Volumes[$letter]['DriveType'] = 'CD-ROM'
        $root = Join-Path $c.Folder $letter
        foreach ($f in @($iso.Files.PSObject.Properties)) {
          $target = Join-Path $root ($f.Name -replace '\\', '/')
          New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force | Out-Null
          [System.IO.File]::WriteAllBytes($target, [System.Convert]::FromBase64String([string]$f.Value))
        }
        Mount-FakeVolume -Computer $c -DriveLetter $letter
      }
      (Get-FakeDiskImages -Computer $c)[$p.ToLowerInvariant()] = @{ ImagePath = $p; DriveLetter = $letter; Boot = [int]$c.Reboots }
      if ($PassThru) { Get-FakeDiskImageObject -Computer $c -ImagePath $p -Size (Get-Item -LiteralPath $local).Length }
    }
  }
}

<#
.SYNOPSIS
  Seeding: a fake ISO file (see Read-FakeIsoImage) at a local path, holding -Files (relative path ->
  text or byte[] content) under the volume label -Label.
#>
function Add-FakeIsoImage {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Files, [string]$Label = 'DVD')
  $encoded = [ordered]@{}
  foreach ($k in @($Files.Keys | Sort-Object)) {
    $v = $Files[$k]
    $bytes = $(if ($v -is [byte[]]) { $v } else { [System.Text.Encoding]::UTF8.GetBytes([string]$v) })
    $encoded[[string]$k] = [System.Convert]::ToBase64String($bytes)
  }
  New-Item -ItemType Directory -Path (Split-Path -Parent $Path) -Force | Out-Null
  [System.IO.File]::WriteAllText($Path, ("PCHATKIT-FAKE-ISO 1`n" + (@{ Label = $Label; Files = $encoded } | ConvertTo-Json -Compress -Depth 4) + "`n"))
}

#endregion
