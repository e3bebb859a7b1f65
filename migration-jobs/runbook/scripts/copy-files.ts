/**
 * Step 8: the tools do not move uploaded files (domain §1 fact 3, §2.4 step 7), so the whole legacy
 * file-store folder is copied into the Persistent Chat file store with robocopy (incremental by
 * nature: a re-run copies only what is missing), then counted and compared with what the analysis
 * predicted from the legacy database.
 */
import { renderStepScript, RenderedScript, StepContext } from "../../powershell/frame";

export interface CopyFilesArgs {
  source: string;
  destination: string;
  logFile: string;
  /** Files and bytes the analysis expects (`AnalysisResult.files`); null when no prediction was made. */
  expected: { count: number; bytes: number | null } | null;
}

/** Robocopy exit codes 0-7 mean success (bit flags for copied/extra/mismatched); 8 and up, failure. */
const ROBOCOPY_FAILURE = 8;

export function renderCopyFiles(ctx: StepContext, args: CopyFilesArgs): RenderedScript {
  return renderStepScript(ctx, {
    params: {
      Source: args.source,
      Destination: args.destination,
      LogFile: args.logFile,
      ExpectedFiles: String(args.expected?.count ?? -1),
      ExpectedBytes: String(args.expected?.bytes ?? -1),
    },
    functions: `
function Measure-Tree {
  param([string]$Path)
  $files = @(Get-ChildItem -LiteralPath $Path -Recurse -File -Force)
  $bytes = [long]0
  foreach ($f in $files) { $bytes += $f.Length }
  return @{ files = [long]$files.Count; size = $bytes }
}`,
    body: `
if (-not (Test-Path -LiteralPath $Source)) { throw ('legacy file store not reachable: ' + $Source) }
if (-not (Test-Path -LiteralPath $Destination)) { throw ('Persistent Chat file store not reachable: ' + $Destination) }
$logFolder = Split-Path -Parent $LogFile
if (-not (Test-Path -LiteralPath $logFolder)) { New-Item -ItemType Directory -Path $logFolder | Out-Null }
# /E every subfolder, /COPY:DAT data+attributes+times, /R:5 /W:15 ride out share hiccups, /LOG+ keeps every attempt.
$robocopyArgs = @($Source, $Destination, '/E', '/COPY:DAT', '/DCOPY:T', '/R:5', '/W:15', '/NP', ('/LOG+:' + $LogFile))
& robocopy.exe @robocopyArgs | Out-Null
$exit = $LASTEXITCODE
$data['robocopyExit'] = $exit
$data['log'] = $LogFile
if ($exit -ge ${ROBOCOPY_FAILURE}) { throw ('robocopy failed with exit code ' + $exit + '; see ' + $LogFile) }
$src = Measure-Tree -Path $Source
$dst = Measure-Tree -Path $Destination
$data['sourceFiles'] = $src.files
$data['sourceBytes'] = $src.size
$data['destinationFiles'] = $dst.files
$data['destinationBytes'] = $dst.size
$expectedFiles = [long]$ExpectedFiles
$expectedBytes = [long]$ExpectedBytes
$data['expectedFiles'] = $expectedFiles
$data['expectedBytes'] = $expectedBytes
if ($dst.files -lt $src.files -or $dst.size -lt $src.size) {
  throw ('the Persistent Chat file store holds fewer files or bytes than the legacy one; see ' + $LogFile)
}
if ($expectedFiles -ge 0 -and ($dst.files -lt $expectedFiles -or ($expectedBytes -ge 0 -and $dst.size -lt $expectedBytes))) {
  throw ('the analysis expects ' + $expectedFiles + ' files (' + $expectedBytes + ' bytes) but the store holds ' + $dst.files + ' (' + $dst.size + ' bytes): files referenced by the legacy database are missing from ' + $Source)
}
if ($exit -eq 0) { $status = 'skipped' }`,
  });
}
