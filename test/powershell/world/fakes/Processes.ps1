<#
  Programs and the registry, web and file-copy commands: robocopy.exe, Start-Process (msiexec),
  Get-ItemProperty (the Uninstall keys), Invoke-WebRequest.

  State: Computers[x].Products (the core's list: @{ ProductCode; DisplayName; DisplayVersion;
  Publisher; Wow6432 ; UninstallExitCode }, the Uninstall registry keys); World.Web (URI ->
  @{ Path (local file); StatusCode }); files on drives and shares (robocopy copies real files,
  keeping sparse stand-ins sparse).
#>

#region robocopy

function Test-FakeZeroBlock {
  param([byte[]]$Buffer, [int]$Count, [byte[]]$Zero)
  if ($Count -eq $Buffer.Length) { return [System.Linq.Enumerable]::SequenceEqual($Buffer, $Zero) }
  for ($i = 0; $i -lt $Count; $i++) { if ($Buffer[$i] -ne 0) { return $false } }
  return $true
}

<# Copies a file writing only its non-zero 64 KB blocks, so a sparse stand-in stays sparse. #>
function Copy-FakeSparseFile {
  param([Parameter(Mandatory = $true)][string]$Source, [Parameter(Mandatory = $true)][string]$Destination)
  $block = 65536
  $buffer = [byte[]]::new($block)
  $zero = [byte[]]::new($block)
  $in = [System.IO.File]::OpenRead($Source)
  try {
    $out = [System.IO.File]::Create($Destination)
    try {
      $position = [long]0
      while ($true) {
        $read = $in.Read($buffer, 0, $block)
        if ($read -le 0) { break }
        if (-not (Test-FakeZeroBlock -Buffer $buffer -Count $read -Zero $zero)) {
          [void]$out.Seek($position, [System.IO.SeekOrigin]::Begin)
          $out.Write($buffer, 0, $read)
        }
        $position += $read
      }
      $out.SetLength($in.Length)
    } finally { $out.Dispose() }
  } finally { $in.Dispose() }
}

function Format-FakeRobocopySize {
  param([long]$Bytes)
  if ($Bytes -lt 1024) { return [string]$Bytes }
  $units = @('k', 'm', 'g', 't')
  $v = [double]$Bytes
  $u = -1
  while ($v -ge 1024 -and $u -lt 3) { $v = $v / 1024; $u++ }
  return ($v.ToString('0.00', [Globalization.CultureInfo]::InvariantCulture) + ' ' + $units[$u])
}

# Reference: robocopy (Windows Server 2012 R2): https://learn.microsoft.com/windows-server/administration/windows-commands/robocopy
# Options taken: /S /E /COPY:<DATSOU> /DCOPY:T /R:n /W:n /NP /LOG:file /LOG+:file /NFL /NDL /TEE
# /XO; any other option fails as robocopy does ("Invalid Parameter", exit 16). Copies files that are
# missing or differ in size or time (robocopy's default), keeps the source's time (/COPY:T), keeps
# sparse stand-ins sparse. Exit code ($LASTEXITCODE) per robocopy's bits: 1 files copied, 2 extra
# files at the destination, 8 some copies failed, 16 fatal (no source, bad option). The log has a
# fixed date, so two equal runs write equal logs.
function robocopy.exe {
  Enter-FakeCall -Command 'robocopy.exe' -Parameters @{ Arguments = ($args -join ' ') }
  $positional = [System.Collections.Generic.List[string]]::new()
  $options = [System.Collections.Generic.List[string]]::new()
  $recurse = $false
  $emptyDirs = $false
  $copyTimes = $true
  $log = $null
  $append = $false
  $excludeOlder = $false
  $fatal = $null
  foreach ($a in $args) {
    $s = [string]$a
    if ($s -notmatch '^/') { $positional.Add($s); continue }
    $options.Add($s)
    switch -Regex ($s) {
      '^(?i)/S$' { $recurse = $true }
      '^(?i)/E$' { $recurse = $true; $emptyDirs = $true }
      '^(?i)/COPY:([DATSOU]+)$' { $copyTimes = $Matches[1].ToUpperInvariant().Contains('T') }
      '^(?i)/DCOPY:[DAT]+$' { }
      '^(?i)/R:\d+$' { }
      '^(?i)/W:\d+$' { }
      '^(?i)/(NP|NFL|NDL|TEE|NJH|NJS)$' { }
      '^(?i)/XO$' { $excludeOlder = $true }
      '^(?i)/LOG:(.+)$' { $log = $Matches[1] }
      '^(?i)/LOG\+:(.+)$' { $log = $Matches[1]; $append = $true }
      default { if ($null -eq $fatal) { $fatal = 'ERROR : Invalid Parameter #' + ($positional.Count + $options.Count) + ' : "' + $s + '"' } }
    }
  }
  $lines = [System.Collections.Generic.List[string]]::new()
  $rule = '-------------------------------------------------------------------------------'
  $lines.Add($rule)
  $lines.Add('   ROBOCOPY     ::     Robust File Copy for Windows')
  $lines.Add($rule)
  $lines.Add('')
  $lines.Add('  Started : Thursday, January 1, 2026 00:00:00 AM (fake world: fixed date)')
  $src = $(if ($positional.Count -ge 1) { $positional[0] } else { '' })
  $dst = $(if ($positional.Count -ge 2) { $positional[1] } else { '' })
  $lines.Add('   Source : ' + $src.TrimEnd('\', '/') + '\')
  $lines.Add('     Dest : ' + $dst.TrimEnd('\', '/') + '\')
  $lines.Add('')
  $lines.Add('    Files : *.*')
  $lines.Add('')
  $lines.Add('  Options : *.* ' + ($options -join ' '))
  $lines.Add('')
  $lines.Add($rule.Substring(1))
  $writeLog = {
    if (-not $log) { return }
    $local = Resolve-FakePath -Path $log
    $parent = Split-Path -Parent $local
    if (-not (Test-Path -LiteralPath $parent)) { return }
    $text = ($lines -join "`r`n") + "`r`n"
    if ($append) { [System.IO.File]::AppendAllText($local, $text) } else { [System.IO.File]::WriteAllText($local, $text) }
  }
  if ($positional.Count -lt 2 -and $null -eq $fatal) { $fatal = 'ERROR : No Destination Directory Specified.' }
  if ($null -ne $fatal) {
    $lines.Add(''); $lines.Add($fatal); $lines.Add('')
    & $writeLog
    Write-Output $fatal
    $global:LASTEXITCODE = 16
    return
  }
  $srcLocal = Resolve-FakePath -Path $src
  $dstLocal = Resolve-FakePath -Path $dst
  if (-not (Test-Path -LiteralPath $srcLocal -PathType Container)) {
    $lines.Add('')
    $lines.Add('ERROR 2 (0x00000002) Accessing Source Directory ' + $src.TrimEnd('\', '/') + '\')
    $lines.Add('The system cannot find the file specified.')
    & $writeLog
    $global:LASTEXITCODE = 16
    return
  }
  New-Item -ItemType Directory -Path $dstLocal -Force | Out-Null
  $files = @(Get-ChildItem -LiteralPath $srcLocal -File -Force -Recurse:$recurse | Sort-Object FullName)
  $dirs = @($(if ($recurse) { Get-ChildItem -LiteralPath $srcLocal -Directory -Force -Recurse | Sort-Object FullName }))
  $copied = 0; $skipped = 0; $failed = 0; $extras = 0; $mismatch = 0
  $copiedBytes = [long]0; $skippedBytes = [long]0; $totalBytes = [long]0
  $dirsCreated = 0
  $srcRoot = (Get-Item -LiteralPath $srcLocal).FullName.TrimEnd('/')
  foreach ($d in $dirs) {
    $rel = $d.FullName.Substring($srcRoot.Length).TrimStart('/')
    $target = Join-Path $dstLocal $rel
    if (-not (Test-Path -LiteralPath $target)) {
      if ($emptyDirs -or @(Get-ChildItem -LiteralPath $d.FullName -File -Recurse -Force).Count -gt 0) { New-Item -ItemType Directory -Path $target -Force | Out-Null; $dirsCreated++ }
    } elseif (Test-Path -LiteralPath $target -PathType Leaf) { $mismatch++ }
  }
  foreach ($f in $files) {
    $rel = $f.FullName.Substring($srcRoot.Length).TrimStart('/')
    $target = Join-Path $dstLocal $rel
    $totalBytes += $f.Length
    $existing = Get-Item -LiteralPath $target -Force -ErrorAction SilentlyContinue
    $class = 'New File'
    if ($null -ne $existing) {
      if ($existing.PSIsContainer) { $mismatch++; $lines.Add("`t    *Mismatch`t`t" + $f.Length + "`t" + $rel); continue }
      if ($existing.Length -eq $f.Length -and $existing.LastWriteTimeUtc -eq $f.LastWriteTimeUtc) { $skipped++; $skippedBytes += $f.Length; continue }
      if ($excludeOlder -and $f.LastWriteTimeUtc -lt $existing.LastWriteTimeUtc) { $skipped++; $skippedBytes += $f.Length; continue }
      $class = $(if ($f.LastWriteTimeUtc -gt $existing.LastWriteTimeUtc) { 'Newer' } elseif ($f.LastWriteTimeUtc -lt $existing.LastWriteTimeUtc) { 'Older' } else { 'Changed' })
    }
    try {
      $parent = Split-Path -Parent $target
      if (-not (Test-Path -LiteralPath $parent)) { New-Item -ItemType Directory -Path $parent -Force | Out-Null }
      Copy-FakeSparseFile -Source $f.FullName -Destination $target
      if ($copyTimes) { [System.IO.File]::SetLastWriteTimeUtc($target, $f.LastWriteTimeUtc) }
      $copied++
      $copiedBytes += $f.Length
      $lines.Add("`t    " + $class + "`t`t" + $f.Length + "`t" + $rel)
    } catch {
      $failed++
      $lines.Add('ERROR 5 (0x00000005) Copying File ' + $rel + ': ' + $_.Exception.Message)
    }
  }
  $srcSet = @{}
  foreach ($f in $files) { $srcSet[$f.FullName.Substring($srcRoot.Length).TrimStart('/')] = $true }
  $dstRoot = (Get-Item -LiteralPath $dstLocal).FullName.TrimEnd('/')
  foreach ($e in @(Get-ChildItem -LiteralPath $dstLocal -File -Force -Recurse:$recurse)) {
    $rel = $e.FullName.Substring($dstRoot.Length).TrimStart('/')
    if (-not $srcSet.ContainsKey($rel)) { $extras++; $lines.Add("`t    *EXTRA File`t`t" + $e.Length + "`t" + $rel) }
  }
  $lines.Add('')
  $lines.Add($rule.Substring(1))
  $lines.Add('')
  $lines.Add('               Total    Copied   Skipped  Mismatch    FAILED    Extras')
  $lines.Add(('    Dirs : {0,9} {1,9} {2,9} {3,9} {4,9} {5,9}' -f ($dirs.Count + 1), $dirsCreated, ($dirs.Count + 1 - $dirsCreated), 0, 0, 0))
  $lines.Add(('   Files : {0,9} {1,9} {2,9} {3,9} {4,9} {5,9}' -f $files.Count, $copied, $skipped, $mismatch, $failed, $extras))
  $lines.Add(('   Bytes : {0,9} {1,9} {2,9} {3,9} {4,9} {5,9}' -f (Format-FakeRobocopySize $totalBytes), (Format-FakeRobocopySize $copiedBytes), (Format-FakeRobocopySize $skippedBytes), 0, 0, 0))
  $lines.Add('')
  $lines.Add('   Ended : Thursday, January 1, 2026 00:00:00 AM (fake world: fixed date)')
  & $writeLog
  $code = 0
  if ($copied -gt 0) { $code = $code -bor 1 }
  if ($extras -gt 0) { $code = $code -bor 2 }
  if ($mismatch -gt 0) { $code = $code -bor 4 }
  if ($failed -gt 0) { $code = $code -bor 8 }
  $global:LASTEXITCODE = $code
  if (-not $log -or ($options | Where-Object { $_ -match '^(?i)/TEE$' })) { $lines | ForEach-Object { Write-Output $_ } }
}

<#
.SYNOPSIS
  Seeding: a file store's files under a folder (a share `\\host\share` or a drive path of the
  current computer): -Count files over a few subfolders, -TotalBytes in all, each a sparse file
  (created and extended, costing no disk) whose first bytes name it; fixed times.
#>
function Add-FakeFileStoreFiles {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Path, [Parameter(Mandatory = $true)][int]$Count, [Parameter(Mandatory = $true)][long]$TotalBytes)
  if ($Count -lt 1) { throw 'Add-FakeFileStoreFiles: -Count must be 1 or more' }
  $root = Resolve-FakePath -Path $Path
  New-Item -ItemType Directory -Path $root -Force | Out-Null
  $each = [long][Math]::Floor($TotalBytes / $Count)
  for ($i = 0; $i -lt $Count; $i++) {
    $folder = Join-Path $root ('channel-' + ($i % 4).ToString('00'))
    New-Item -ItemType Directory -Path $folder -Force | Out-Null
    $file = Join-Path $folder ('file-' + $i.ToString('0000') + '.bin')
    $size = $(if ($i -eq $Count - 1) { $TotalBytes - $each * ($Count - 1) } else { $each })
    $stream = [System.IO.File]::Create($file)
    try {
      $head = [System.Text.Encoding]::ASCII.GetBytes('fake file store ' + $i + "`n")
      if ($head.Length -gt $size) { $head = $head[0..([int]$size - 1)] }
      if ($size -gt 0) { $stream.Write($head, 0, $head.Length) }
      $stream.SetLength($size)
    } finally { $stream.Dispose() }
    [System.IO.File]::SetLastWriteTimeUtc($file, [datetime]::new(2025, 6, 1, 0, 0, 0, [DateTimeKind]::Utc).AddMinutes($i))
  }
}

#endregion

#region msiexec, other programs, the Uninstall keys

<# Command-line words as a Windows program parses them: words, or "quoted strings". #>
function Split-FakeCommandLine {
  param([string]$Line)
  return @([regex]::Matches($Line, '"([^"]*)"|(\S+)') | ForEach-Object { if ($_.Groups[1].Success) { $_.Groups[1].Value } else { $_.Groups[2].Value } })
}

<#
  A fake Windows Installer package: a text file `PCHATKIT-FAKE-MSI 1` then JSON { ProductCode;
  DisplayName; DisplayVersion; Publisher; Requires (DisplayName patterns of products it needs, else
  1603); Modules (PowerShell modules it installs); Files (paths it creates on the computer) }.
  Add-FakeMsiPackage writes one; msiexec /i reads it.
#>
function Read-FakeMsiPackage {
  param([string]$LocalPath)
  if (-not (Test-Path -LiteralPath $LocalPath -PathType Leaf)) { return $null }
  $lines = [System.IO.File]::ReadAllText($LocalPath) -split "`n", 2
  if ($lines.Count -lt 2 -or $lines[0].Trim() -ne 'PCHATKIT-FAKE-MSI 1') { return $null }
  return ($lines[1] | ConvertFrom-Json)
}

<# msiexec /i: installs a fake package on the computer; returns the Windows Installer exit code and log lines. #>
function Invoke-FakeMsiInstall {
  param($Computer, [string]$Package)
  $local = Resolve-FakeComputerPath -Computer $Computer -Path $Package
  $msi = $(if ($local) { Read-FakeMsiPackage -LocalPath $local } else { $null })
  # 1619: "This installation package could not be opened."
  if ($null -eq $msi) { return @{ Exit = 1619; Log = @('MSI (c): Note: 1: 2203 2: ' + $Package + ' 3: -2147287038', 'MSI (c): This installation package could not be opened.') } }
  $code = ([string]$msi.ProductCode).ToUpperInvariant()
  if (@($Computer.Products | Where-Object { $_.ProductCode -eq $code }).Count -gt 0) { return @{ Exit = 0; Log = @('MSI (s): Product: ' + $msi.DisplayName + ' -- Configuration completed successfully (already installed).') } }
  foreach ($need in @($msi.Requires | Where-Object { $_ })) {
    if (@($Computer.Products | Where-Object { $_.DisplayName -like $need }).Count -eq 0) { return @{ Exit = 1603; Log = @('MSI (s): Product: ' + $msi.DisplayName + ' -- Installation failed: it needs ' + $need + '.') } }
  }
  $Computer.Products.Add(@{ ProductCode = $code; DisplayName = [string]$msi.DisplayName; DisplayVersion = [string]$msi.DisplayVersion; Publisher = [string]$msi.Publisher; Wow6432 = $false; UninstallExitCode = 0 })
  foreach ($m in @($msi.Modules | Where-Object { $_ })) { if (@($Computer.Modules) -notcontains $m) { $Computer.Modules = @(@($Computer.Modules) + [string]$m) } }
  foreach ($f in @($msi.Files | Where-Object { $_ })) {
    $target = Resolve-FakeComputerPath -Computer $Computer -Path ([string]$f)
    if ($target) { New-Item -ItemType Directory -Path (Split-Path -Parent $target) -Force | Out-Null; [System.IO.File]::WriteAllText($target, ('fake file of ' + $msi.DisplayName + "`n")) }
  }
  return @{ Exit = 0; Log = @('MSI (s): Product: ' + $msi.DisplayName + ' -- Installation completed successfully.', ('MSI (s): Windows Installer installed the product. Product Name: ' + $msi.DisplayName + '. Product Version: ' + $msi.DisplayVersion + '. Installation success or error status: 0.')) }
}

<#
.SYNOPSIS
  Seeding: a fake Windows Installer package file (see Read-FakeMsiPackage) at a local path.
#>
function Add-FakeMsiPackage {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Path,
    [Parameter(Mandatory = $true)][string]$ProductCode,
    [Parameter(Mandatory = $true)][string]$DisplayName,
    [string]$DisplayVersion = '5.0.8308.0',
    [string]$Publisher = 'Microsoft Corporation',
    [string[]]$Requires = @(),
    [string[]]$Modules = @(),
    [string[]]$Files = @()
  )
  $body = [ordered]@{ ProductCode = $ProductCode; DisplayName = $DisplayName; DisplayVersion = $DisplayVersion; Publisher = $Publisher; Requires = @($Requires); Modules = @($Modules); Files = @($Files) }
  New-Item -ItemType Directory -Path (Split-Path -Parent $Path) -Force | Out-Null
  [System.IO.File]::WriteAllText($Path, ("PCHATKIT-FAKE-MSI 1`n" + ($body | ConvertTo-Json -Compress -Depth 4) + "`n"))
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Management/Start-Process.md
# (sets Default and UseShellExecute). msiexec.exe is faked for what the kit runs
# (msiexec: https://learn.microsoft.com/windows-server/administration/windows-commands/msiexec):
# `/x {ProductCode} /qn /norestart /l*v "log"` (the product leaves the computer's Uninstall keys) and
# `/i "package.msi" /qn /norestart /l*v "log"` (a fake package, Add-FakeMsiPackage, joins them); the
# log is written; exit codes as Windows Installer's: 0, 3010 (reboot required, when the entry says so),
# 1603 (a product the package needs is missing), 1605 (not installed), 1619 (the package cannot be
# opened), 1622 (the log cannot be opened), 1639 (bad command line). Other programs run the handler
# a fake registered for them (Register-FakeProgram) when their file exists on the computer ("The
# system cannot find the file specified" otherwise, as Windows). Without -Wait a program still
# completes before the next command (the fake has no time). Any other program fails.
function Start-Process {
  [CmdletBinding(DefaultParameterSetName = 'Default')]
  param(
    [Parameter(Mandatory = $true, Position = 0)][Alias('PSPath')][string]$FilePath,
    [Parameter(Position = 1)][Alias('Args')][string[]]$ArgumentList,
    [Parameter(ParameterSetName = 'Default')][pscredential]$Credential,
    [string]$WorkingDirectory,
    [Parameter(ParameterSetName = 'Default')][Alias('Lup')][switch]$LoadUserProfile,
    [Parameter(ParameterSetName = 'Default')][Alias('nnw')][switch]$NoNewWindow,
    [switch]$PassThru,
    [Parameter(ParameterSetName = 'Default')][Alias('RSE')][string]$RedirectStandardError,
    [Parameter(ParameterSetName = 'Default')][Alias('RSI')][string]$RedirectStandardInput,
    [Parameter(ParameterSetName = 'Default')][Alias('RSO')][string]$RedirectStandardOutput,
    [Parameter(ParameterSetName = 'UseShellExecute')][string]$Verb,
    [ValidateSet('Normal', 'Hidden', 'Minimized', 'Maximized')][string]$WindowStyle,
    [switch]$Wait,
    [Parameter(ParameterSetName = 'Default')][switch]$UseNewEnvironment
  )
  Enter-FakeCall -Command 'Start-Process' -Parameters $PSBoundParameters
  $c = Get-FakeComputer
  $exe = [System.IO.Path]::GetFileName(($FilePath -replace '\\', '/'))
  $line = (@($ArgumentList) -join ' ')
  $isMsiexec = ($exe -eq 'msiexec.exe' -or $exe -eq 'msiexec')
  if (-not $isMsiexec) {
    $handler = Find-FakeProgram -Exe $exe -Line $line
    if ($null -eq $handler) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('This command cannot be run because the fake world starts no program but msiexec.exe and the registered ones (Register-FakeProgram): ' + $FilePath + ' ' + $line) -ErrorId 'InvalidOperationException,Microsoft.PowerShell.Commands.StartProcessCommand' -Category InvalidOperation -Target $FilePath }
    $file = Resolve-FakeComputerPath -Computer $c -Path $FilePath
    if ($null -eq $file -or -not (Test-Path -LiteralPath $file -PathType Leaf)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message 'This command cannot be run due to the error: The system cannot find the file specified.' -ErrorId 'InvalidOperationException,Microsoft.PowerShell.Commands.StartProcessCommand' -Category InvalidOperation -Target $FilePath }
    $exit = [int](& $handler.Handler $c $FilePath (Split-FakeCommandLine $line) $line)
    $id = 4000 + (Get-FakeNextNumber -Kind 'process')
    if ($PassThru) { New-FakeObject -TypeName 'System.Diagnostics.Process' -Properties ([ordered]@{ Id = $id; ProcessName = [System.IO.Path]::GetFileNameWithoutExtension($exe); HasExited = $true; ExitCode = $exit }) }
    return
  }
  $words = Split-FakeCommandLine $line
  $product = $null; $package = $null; $logPath = $null; $mode = $null; $bad = $false
  for ($i = 0; $i -lt $words.Count; $i++) {
    $wd = $words[$i]
    switch -Regex ($wd) {
      '^(?i)/x$' { if ($mode) { $bad = $true }; $mode = 'uninstall'; $i++; if ($i -lt $words.Count) { $product = $words[$i] } else { $bad = $true } }
      '^(?i)/(i|package)$' { if ($mode) { $bad = $true }; $mode = 'install'; $i++; if ($i -lt $words.Count) { $package = $words[$i] } else { $bad = $true } }
      '^(?i)/q[nbrf]?\+?-?$' { }
      '^(?i)/(norestart|promptrestart|forcerestart)$' { }
      '^(?i)/l[iwearucmopvx\*\+!]*$' { $i++; if ($i -lt $words.Count) { $logPath = $words[$i] } else { $bad = $true } }
      default { $bad = $true }
    }
  }
  $exit = 0
  $entry = $null
  $installLog = @()
  if ($bad -or $null -eq $mode) { $exit = 1639 }
  elseif ($mode -eq 'uninstall') {
    if ($product -notmatch '^\{[0-9A-Fa-f-]{36}\}$') { $exit = 1639 }
    else {
      $entry = @($c.Products | Where-Object { $_.ProductCode -eq $product }) | Select-Object -First 1
      if ($null -eq $entry) { $exit = 1605 }
    }
  }
  if ($logPath -and $exit -ne 1639) {
    $local = Resolve-FakePath -Path $logPath
    if (-not (Test-Path -LiteralPath (Split-Path -Parent $local) -PathType Container)) { $exit = 1622 }
  }
  if ($mode -eq 'install' -and $exit -eq 0) {
    $r = Invoke-FakeMsiInstall -Computer $c -Package $package
    $exit = [int]$r.Exit
    $installLog = @($r.Log)
  }
  if ($logPath -and $exit -ne 1639 -and $exit -ne 1622) {
    $local = Resolve-FakePath -Path $logPath
    $text = @('=== Verbose logging started (fake world) ===', ('MSI (c): command line: msiexec.exe ' + $line))
    if ($mode -eq 'install') { $text += $installLog }
    elseif ($exit -eq 1605) { $text += 'MSI (c): This action is only valid for products that are currently installed.' }
    else { $text += ('MSI (s): Product: ' + $entry.DisplayName + ' -- Removal completed successfully.'); $text += ('MSI (s): Windows Installer removed the product. Product Name: ' + $entry.DisplayName + '. Product Version: ' + $entry.DisplayVersion + '. Removal success or error status: ' + $(if ($entry.UninstallExitCode) { $entry.UninstallExitCode } else { 0 }) + '.') }
    $text += '=== Logging stopped (fake world) ==='
    [System.IO.File]::WriteAllText($local, (($text -join "`r`n") + "`r`n"), [System.Text.Encoding]::Unicode)
  }
  if ($mode -eq 'uninstall' -and $exit -eq 0 -and $null -ne $entry) {
    $code = [int]$entry.UninstallExitCode
    if ($code -eq 0 -or $code -eq 3010) { [void]$c.Products.Remove($entry) }
    $exit = $code
  }
  $id = 4000 + (Get-FakeNextNumber -Kind 'process')
  if ($PassThru) { New-FakeObject -TypeName 'System.Diagnostics.Process' -Properties ([ordered]@{ Id = $id; ProcessName = 'msiexec'; HasExited = $true; ExitCode = $exit }) }
}

function Get-FakeUninstallObject {
  param($Entry, [string]$KeyPath, [string[]]$Name)
  $regPath = 'HKEY_LOCAL_MACHINE\' + ($KeyPath -replace '^(?i)HKLM:\\', '')
  $o = [ordered]@{}
  $values = [ordered]@{}
  if ($Entry.DisplayName) { $values['DisplayName'] = [string]$Entry.DisplayName }
  if ($Entry.DisplayVersion) { $values['DisplayVersion'] = [string]$Entry.DisplayVersion }
  if ($Entry.Publisher) { $values['Publisher'] = [string]$Entry.Publisher }
  $values['UninstallString'] = 'MsiExec.exe /X' + $Entry.ProductCode
  $values['WindowsInstaller'] = 1
  foreach ($k in $values.Keys) { if (-not $Name -or @($Name | Where-Object { $k -like $_ }).Count -gt 0) { $o[$k] = $values[$k] } }
  $o['PSPath'] = 'Microsoft.PowerShell.Core\Registry::' + $regPath + '\' + $Entry.ProductCode
  $o['PSParentPath'] = 'Microsoft.PowerShell.Core\Registry::' + $regPath
  $o['PSChildName'] = [string]$Entry.ProductCode
  $o['PSDrive'] = 'HKLM'
  $o['PSProvider'] = 'Microsoft.PowerShell.Core\Registry'
  return New-FakeObject -Properties $o
}

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Management/Get-ItemProperty.md
# (-UseTransaction is left out). Faked for the Uninstall keys of the current computer
# (HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\* and its Wow6432Node twin): one
# object per product key, with the key's values and PSChildName; a key that has no DisplayName has
# no such property. And for HKLM:\SYSTEM\CurrentControlSet\Services\CertSvc\Configuration, the key
# Install-AdcsCertificationAuthority writes (its Active value names the CA; absent before). Every other path goes to Microsoft.PowerShell.Management\Get-ItemProperty.
function Get-ItemProperty {
  [CmdletBinding(DefaultParameterSetName = 'Path')]
  param(
    [Parameter(ParameterSetName = 'Path', Mandatory = $true, Position = 0, ValueFromPipelineByPropertyName = $true)][string[]]$Path,
    [Parameter(ParameterSetName = 'LiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath')][string[]]$LiteralPath,
    [Parameter(Position = 1)][Alias('PSProperty')][string[]]$Name,
    [string]$Filter,
    [string[]]$Include,
    [string[]]$Exclude,
    [pscredential]$Credential
  )
  process {
    Enter-FakeCall -Command 'Get-ItemProperty' -Parameters $PSBoundParameters
    $paths = $(if ($PSCmdlet.ParameterSetName -eq 'Path') { $Path } else { $LiteralPath })
    $certSvc = '^(?i)(?:HKLM:|HKEY_LOCAL_MACHINE|Registry::HKEY_LOCAL_MACHINE)\\SYSTEM\\CurrentControlSet\\Services\\CertSvc\\Configuration\\?$'
    $pattern = '^(?i)(?:HKLM:|HKEY_LOCAL_MACHINE|Registry::HKEY_LOCAL_MACHINE|Microsoft\.PowerShell\.Core\\Registry::HKEY_LOCAL_MACHINE)\\SOFTWARE\\(?<wow>Wow6432Node\\)?Microsoft\\Windows\\CurrentVersion\\Uninstall\\(?<key>[^\\]+)$'
    foreach ($p in $paths) {
      $m = [regex]::Match($p, $pattern)
      $ca = [regex]::Match($p, $certSvc)
      if ($ca.Success) {
        # The CA configuration key (certutil -getreg CA\Active): present once a CA is installed.
        $c = Get-FakeComputer
        $authority = $(if ($c.ContainsKey('CertificationAuthority')) { $c['CertificationAuthority'] } else { $null })
        if ($null -eq $authority) { Write-FakeError -Cmdlet $PSCmdlet -Message ("Cannot find path '" + $p + "' because it does not exist.") -ErrorId 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand' -Target $p -ExceptionType 'System.Management.Automation.ItemNotFoundException'; continue }
        $o = [ordered]@{}
        $values = [ordered]@{ Active = [string]$authority.Name; DBDirectory = 'C:\Windows\system32\CertLog' }
        foreach ($k in $values.Keys) { if (-not $Name -or @($Name | Where-Object { $k -like $_ }).Count -gt 0) { $o[$k] = $values[$k] } }
        if ($Name -and $o.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ('Property ' + ($Name -join ', ') + ' does not exist at path ' + $p + '.') -ErrorId 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand' -Target $p; continue }
        $o['PSPath'] = 'Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\CertSvc\Configuration'
        $o['PSChildName'] = 'Configuration'
        $o['PSDrive'] = 'HKLM'
        $o['PSProvider'] = 'Microsoft.PowerShell.Core\Registry'
        New-FakeObject -Properties $o
        continue
      }
      if (-not $m.Success) {
        $bound = @{} + $PSBoundParameters
        if ($PSCmdlet.ParameterSetName -eq 'Path') { $bound['Path'] = @($p) } else { $bound['LiteralPath'] = @($p) }
        Microsoft.PowerShell.Management\Get-ItemProperty @bound
        continue
      }
      $c = Get-FakeComputer
      $wow = $m.Groups['wow'].Success
      $key = $m.Groups['key'].Value
      $keyPath = 'HKLM:\SOFTWARE\' + $(if ($wow) { 'Wow6432Node\' } else { '' }) + 'Microsoft\Windows\CurrentVersion\Uninstall'
      $entries = @($c.Products | Where-Object { [bool]$_.Wow6432 -eq $wow } | Sort-Object { $_.ProductCode })
      $wild = $PSCmdlet.ParameterSetName -eq 'Path' -and [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($key)
      if ($wild) { $hits = @($entries | Where-Object { $_.ProductCode -like $key }) } else { $hits = @($entries | Where-Object { $_.ProductCode -eq $key }) }
      if ($Include) { $hits = @($hits | Where-Object { $e = $_; @($Include | Where-Object { $e.ProductCode -like $_ }).Count -gt 0 }) }
      if ($Exclude) { $hits = @($hits | Where-Object { $e = $_; @($Exclude | Where-Object { $e.ProductCode -like $_ }).Count -eq 0 }) }
      if (-not $wild -and $hits.Count -eq 0) { Write-FakeError -Cmdlet $PSCmdlet -Message ("Cannot find path '" + $p + "' because it does not exist.") -ErrorId 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand' -Target $p -ExceptionType 'System.Management.Automation.ItemNotFoundException'; continue }
      foreach ($e in $hits) { Get-FakeUninstallObject -Entry $e -KeyPath $keyPath -Name $Name }
    }
  }
}

<#
.SYNOPSIS
  Seeding: an installed product (an Uninstall key of a computer). -Wow6432 puts it under
  Wow6432Node (a 32-bit product); -UninstallExitCode is what msiexec /x returns (0; 3010: done,
  reboot required; 1603: failed, the product stays).
#>
function Add-FakeUninstallEntry {
  [CmdletBinding()]
  param(
    [Parameter(Mandatory = $true)][string]$Computer,
    [Parameter(Mandatory = $true)][string]$ProductCode,
    [string]$DisplayName,
    [string]$DisplayVersion = '4.0.7577.0',
    [string]$Publisher = 'Microsoft Corporation',
    [switch]$Wow6432,
    [int]$UninstallExitCode = 0
  )
  $c = Add-FakeComputer -Name $Computer
  $c.Products.Add(@{ ProductCode = $ProductCode.ToUpperInvariant(); DisplayName = $DisplayName; DisplayVersion = $DisplayVersion; Publisher = $Publisher; Wow6432 = [bool]$Wow6432; UninstallExitCode = $UninstallExitCode })
}

#endregion

#region web

# Reference: MicrosoftDocs/PowerShell-Docs reference/4.0/Microsoft.PowerShell.Utility/Invoke-WebRequest.md
# (-WebSession/-SessionVariable, the certificate, proxy and body parameters are left out). Serves
# the files Add-FakeWebFile registers. An unknown URI fails with "(404) Not Found" and the URI in the
# message (Windows PowerShell 4.0's WebException names the host for an unknown name; the fake names
# the whole URI so any script that echoes the error is caught leaking a SAS token). Without
# -UseBasicParsing a parsed response (no -OutFile, or -PassThru) needs Internet Explorer's engine,
# which a Windows Server 2012 R2 Run Command account has not set up: that fails as Windows does.
function Invoke-WebRequest {
  [CmdletBinding()]
  param(
    [switch]$UseBasicParsing,
    [Parameter(Mandatory = $true, Position = 0)][uri]$Uri,
    [pscredential]$Credential,
    [switch]$UseDefaultCredentials,
    [string]$UserAgent,
    [switch]$DisableKeepAlive,
    [int]$TimeoutSec,
    [System.Collections.IDictionary]$Headers,
    [int]$MaximumRedirection,
    [ValidateSet('Default', 'Get', 'Head', 'Post', 'Put', 'Delete', 'Trace', 'Options', 'Merge', 'Patch')][string]$Method = 'Default',
    [string]$OutFile,
    [switch]$PassThru
  )
  Enter-FakeCall -Command 'Invoke-WebRequest' -Parameters $PSBoundParameters
  $w = Get-FakeWorld
  $key = $Uri.OriginalString
  $parsed = (-not $OutFile) -or $PassThru
  if (-not $w.Web.ContainsKey($key)) {
    Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The remote server returned an error: (404) Not Found. (' + $key + ')') -ErrorId 'WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand' -Category InvalidOperation -Target $key -ExceptionType 'System.Net.WebException'
  }
  $entry = $w.Web[$key]
  if ([int]$entry.StatusCode -ne 200) {
    $reason = @{ 403 = 'Forbidden'; 404 = 'Not Found'; 500 = 'Internal Server Error'; 503 = 'Server Unavailable' }[[int]$entry.StatusCode]
    Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('The remote server returned an error: (' + $entry.StatusCode + ') ' + $reason + '. (' + $key + ')') -ErrorId 'WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand' -Category InvalidOperation -Target $key -ExceptionType 'System.Net.WebException'
  }
  if ($parsed -and -not $UseBasicParsing) {
    Stop-FakeCommand -Cmdlet $PSCmdlet -Message "The response content cannot be parsed because the Internet Explorer engine is not available, or Internet Explorer's first-launch configuration is not complete. Specify the UseBasicParsing parameter and try again." -ErrorId 'WebCmdletIEDomNotSupportedException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand' -Category NotImplemented
  }
  if ($OutFile) {
    $local = Resolve-FakePath -Path $OutFile
    if (-not (Test-Path -LiteralPath (Split-Path -Parent $local) -PathType Container)) { Stop-FakeCommand -Cmdlet $PSCmdlet -Message ('Could not find a part of the path ''' + $OutFile + '''.') -Category ObjectNotFound -Target $OutFile -ExceptionType 'System.IO.DirectoryNotFoundException' }
    Copy-FakeSparseFile -Source ([string]$entry.Path) -Destination $local
  }
  if ($parsed) {
    $bytes = [System.IO.File]::ReadAllBytes([string]$entry.Path)
    New-FakeObject -TypeName 'Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject' -Properties ([ordered]@{ StatusCode = 200; StatusDescription = 'OK'; Content = [System.Text.Encoding]::UTF8.GetString($bytes); RawContentLength = $bytes.Length; Headers = @{ 'Content-Length' = [string]$bytes.Length } })
  }
}

<#
.SYNOPSIS
  Seeding: a URI Invoke-WebRequest serves, with the local file it returns; -StatusCode 403 (an
  expired SAS) or 404 makes it fail as the server would.
#>
function Add-FakeWebFile {
  [CmdletBinding()]
  param([Parameter(Mandatory = $true)][string]$Uri, [Parameter(Mandatory = $true)][string]$Path, [ValidateSet(200, 403, 404, 500, 503)][int]$StatusCode = 200)
  if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw ('Add-FakeWebFile: no file ' + $Path) }
  (Get-FakeWorld).Web[$Uri] = @{ Path = (Resolve-Path -LiteralPath $Path).ProviderPath; StatusCode = $StatusCode }
}

#endregion
