<#
  The contact-list import files, opened the way Export-CsUserData's files are opened by public tools:
  as an Open Packaging Conventions package with System.IO.Packaging.Package (Import-CsUserData reads
  what Export-CsUserData writes, "a .ZIP file containing a pair of XML documents"). pwsh 7's
  System.IO.Packaging stands in for the .NET Framework's WindowsBase on the front end.
#>
BeforeDiscovery {
  $manifest = Get-Content -LiteralPath (Join-Path $env:PCHATKIT_PESTER_WORK 'manifest.json') -Raw | ConvertFrom-Json
  $zips = @(foreach ($suite in $manifest.suites) {
      foreach ($f in @($suite.shareFiles)) { if ($f.from -like '*.zip') { @{ Suite = $suite.name; File = $f.from; Name = (Split-Path -Leaf $f.from) } } }
    })
}

BeforeAll {
  Add-Type -AssemblyName System.IO.Packaging
}

Describe 'import file <Name> of <Suite>' -ForEach $zips {
  It 'opens as a package whose DocItemSet.xml part holds DocItems' {
    $package = [System.IO.Packaging.Package]::Open($File, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read)
    try {
      $uri = New-Object System.Uri('/DocItemSet.xml', [System.UriKind]::Relative)
      $package.PartExists($uri) | Should -BeTrue
      $part = $package.GetPart($uri)
      $reader = New-Object System.IO.StreamReader($part.GetStream())
      try { [xml]$doc = $reader.ReadToEnd() } finally { $reader.Dispose() }
      $doc.DocumentElement.LocalName | Should -Be 'DocItemSet'
      @($doc.SelectNodes("//*[local-name()='DocItem']")).Count | Should -BeGreaterThan 0
    } finally {
      $package.Close()
    }
  }
}

Describe 'the package check itself' {
  It 'finds no DocItemSet.xml part in a ZIP without [Content_Types].xml (what the kit wrote before)' {
    $zip = Join-Path $TestDrive 'plain.zip'
    $folder = Join-Path $TestDrive 'plain'
    New-Item -ItemType Directory -Path $folder | Out-Null
    Set-Content -LiteralPath (Join-Path $folder 'DocItemSet.xml') -Value '<DocItemSet/>'
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    [System.IO.Compression.ZipFile]::CreateFromDirectory($folder, $zip)
    $found = $false
    try {
      $package = [System.IO.Packaging.Package]::Open($zip, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read)
      try { $found = $package.PartExists((New-Object System.Uri('/DocItemSet.xml', [System.UriKind]::Relative))) } finally { $package.Close() }
    } catch {
      $found = $false
    }
    $found | Should -BeFalse
  }
}
