/**
 * The step frame: the one ground floor of every PowerShell script the kit renders, provisioning
 * (NTFS, features, forest, share, restore) and migration (the runbook, the contacts import) alike.
 *
 * - one quoting function, `psString`, for every value written into a script;
 * - a param block carrying every value of the frame and the step (so nothing the caller gives is
 *   spliced into the body unquoted); protected parameters (secrets) are declared without a value;
 * - strict mode, stop on the first error, no progress bars;
 * - optionally, a check that it runs on the intended computer;
 * - a state convention: a migration step keeps a done marker (with the script's fingerprint and its
 *   recorded parameters) on the run's staging share and is inert once done or once its run is
 *   complete; a provisioning step has no staging share yet and judges by the real state alone;
 * - exactly one `PCHATKIT-RESULT {json}` line, on success and on failure (read back by
 *   migration-jobs/runbook/result.ts);
 * - one failure convention: the error's message goes into the result line's data, the failed
 *   result line is written, and the error is rethrown so that the Run Command fails (exit code 1).
 *
 * Scripts target Windows PowerShell 4.0 (Windows Server 2012 R2, the newest OS Lync Server 2013
 * supports, domain §6.4): no classes, no `::new()`, no PowerShell 5 cmdlets.
 *
 * Pure, and imports nothing of the kit: src/ (provisioning) and every engine folder build on it.
 */
import { createHash } from "node:crypto";

/**
 * Every step ends with exactly one line `PCHATKIT-RESULT {json}` on its output, so the next step,
 * a gate or an operator can read what happened without parsing free text.
 */
export const RESULT_LINE_PREFIX = "PCHATKIT-RESULT ";

/**
 * A PowerShell single-quoted string literal for any text. PowerShell also treats the typographic
 * quotes U+2018..U+201B as single quotes, so they are doubled too, or a category named
 * `Sales’ EMEA` would close the literal and the rest would run as code.
 */
export function psString(value: string): string {
  return "'" + value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q) + "'";
}

/** Identifier rules for script parameters: they become `$Name` and Run Command parameter names. */
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** Where a migration step keeps its state: `<stagingFolder>\<runId>\state\<stepId>.done`. */
export interface StepMarkers {
  /** UNC share holding the markers, export files, logs. */
  stagingFolder: string;
  /**
   * The run's last step: once it is done, the run is complete and every step of it is inert, even
   * one that never ran (a step added later under the same runId). Absent: no run-level check.
   */
  finalStepId?: string;
}

/** The frame's options: what differs between a provisioning step and a migration step. */
export interface FrameOptions {
  runId: string;
  stepId: string;
  /** NetBIOS name of the VM the step must run on (it refuses to run anywhere else); null: no check. */
  computerName: string | null;
  /**
   * Done markers on the staging share (migration steps), or null: no marker, no run-complete check,
   * the step judges by the real state alone (provisioning steps run before any staging share exists).
   */
  markers: StepMarkers | null;
  /**
   * Protected parameters declared `Mandatory`: a script started without one of its secrets stops
   * before its body. Off where the body itself decides (a SQL password needed only with a SQL login).
   */
  mandatorySecrets: boolean;
}

/** What every migration (runbook, contacts) step script knows about itself. */
export interface StepContext {
  runId: string;
  stepId: string;
  /** NetBIOS name of the VM it must run on; the script refuses to run anywhere else. */
  computerName: string;
  /** UNC share holding `<runId>\state\<stepId>.done` markers, export files, logs. */
  stagingFolder: string;
  /** See StepMarkers.finalStepId. */
  finalStepId?: string;
}

/** What a provisioning renderer is told about the VM its step runs on; the renderer names the step. */
export interface ProvisioningTarget {
  /** Changing it re-runs the step (a Run Command re-runs only when its script or parameters change). */
  runId: string;
  /** NetBIOS name of the VM, for the computer check; null: no check. */
  computerName: string | null;
}

export interface RenderedScript {
  /** The step id the script reports in its result line (also its Run Command's name in provisioning). */
  stepId: string;
  script: string;
  /** Plain parameters (the param block's defaults), passed again as Run Command parameters. */
  parameters: Record<string, string>;
  /** Parameters the Run Command must supply as protected parameters; never given a value here. */
  protectedParameters: string[];
}

export interface ScriptSpec {
  /** Step-specific plain parameters (strings: Run Command parameters are strings). */
  params: Record<string, string>;
  /** Names of secret parameters (passwords, SAS URLs); the script receives them only at run time. */
  protectedParams?: string[];
  /** Step-specific PowerShell functions, defined before the body. */
  functions?: string;
  /** The step's work. Sets `$status` ('ok' or 'skipped') and fills `$data`; throws on failure. */
  body: string;
}

const WRITE_RESULT = `function Write-StepResult {
  param([string]$Status)
  if ($script:resultWritten) { return }
  $script:resultWritten = $true
  $result = [ordered]@{ step = $StepId; runId = $RunId; status = $Status; data = $data }
  Write-Output (${psString(RESULT_LINE_PREFIX)} + ($result | ConvertTo-Json -Compress -Depth 4))
}`;

const MARKER_FUNCTIONS = `function Get-StateFile {
  param([string]$Id)
  $stateDir = Join-Path (Join-Path $StagingFolder $RunId) 'state'
  if (-not (Test-Path -LiteralPath $stateDir)) { New-Item -ItemType Directory -Path $stateDir | Out-Null }
  return (Join-Path $stateDir ($Id + '.done'))
}

function Test-StepDone {
  param([string]$Id = $StepId)
  return (Test-Path -LiteralPath (Get-StateFile -Id $Id))
}

function Get-StepInputValues {
  $values = [ordered]@{}
  foreach ($n in $StepInputNames) { $values[$n] = [string](Get-Variable -Name $n -ValueOnly) }
  return $values
}

function Set-StepDone {
  $marker = [ordered]@{ step = $StepId; runId = $RunId; inputs = $StepInputs; parameters = (Get-StepInputValues); computer = $env:COMPUTERNAME; at = (Get-Date).ToUniversalTime().ToString('o'); data = $data }
  Set-Content -LiteralPath (Get-StateFile -Id $StepId) -Value ($marker | ConvertTo-Json -Compress -Depth 4) -Encoding UTF8
}

function Get-StepDoneData {
  param([string]$Id = $StepId)
  $marker = Get-Content -LiteralPath (Get-StateFile -Id $Id) -Raw | ConvertFrom-Json
  foreach ($p in $marker.data.PSObject.Properties) { $data[$p.Name] = $p.Value }
  return $marker
}`;

/**
 * A step that completed in this run never acts again, whatever is re-run: a re-run of the stop step
 * after a finished migration must not stop the production services. When the script (and so its
 * parameters, which are its defaults) changed since, it says what happened and what to do instead.
 */
const DONE_CHECK = `if (Test-StepDone) {
  $marker = Get-StepDoneData
  $now = Get-StepInputValues
  $changed = @($StepInputNames | Where-Object { -not $marker.parameters.PSObject.Properties[$_] -or [string]$marker.parameters.PSObject.Properties[$_].Value -ne $now[$_] })
  if ($changed.Count -eq 0 -and [string]$marker.inputs -ne $StepInputs) { $changed = @('the script (another kit version)') }
  if ($changed.Count -gt 0) {
    $data['inputsChanged'] = ($changed -join ', ')
    $data['reason'] = 'step ' + $StepId + ' already completed in run ' + $RunId + '; since then these inputs changed: ' + ($changed -join ', ') + '. Nothing was done: use a new runId to act on the change.'
  }
  Write-StepResult -Status 'skipped'
  return
}
if ($FinalStepId -ne '' -and $FinalStepId -ne $StepId -and (Test-StepDone -Id $FinalStepId)) {
  $data['reason'] = 'run ' + $RunId + ' is complete (its last step, ' + $FinalStepId + ', is done): nothing to do. Use a new runId to run the migration again.'
  Write-StepResult -Status 'skipped'
  return
}`;

const COMPUTER_CHECK = `if ($env:COMPUTERNAME -ne $ExpectedComputer) {
  throw ('step ' + $StepId + ' must run on ' + $ExpectedComputer + ', not on ' + $env:COMPUTERNAME)
}`;

/** Marks the text's place where its own fingerprint goes (replaced after hashing the rest). */
const FINGERPRINT_SLOT = "@@STEP-INPUTS@@";

/** Renders the whole script of one step with the frame's options. Pure: the same inputs give the same text. */
export function renderFrame(options: FrameOptions, spec: ScriptSpec): RenderedScript {
  const frameParams: Record<string, string> = { RunId: options.runId, StepId: options.stepId };
  if (options.computerName !== null) frameParams.ExpectedComputer = options.computerName;
  if (options.markers !== null) {
    frameParams.StagingFolder = options.markers.stagingFolder;
    frameParams.FinalStepId = options.markers.finalStepId ?? "";
  }
  for (const name of Object.keys(spec.params)) {
    if (name in frameParams) throw new Error(`parameter "${name}" belongs to the step frame`);
  }
  const parameters: Record<string, string> = { ...frameParams, ...spec.params };
  const protectedParameters = [...(spec.protectedParams ?? [])];
  for (const name of [...Object.keys(parameters), ...protectedParameters]) {
    if (!PARAM_NAME.test(name)) throw new Error(`invalid script parameter name "${name}"`);
  }
  for (const name of protectedParameters) {
    if (name in parameters) throw new Error(`parameter "${name}" cannot be both plain and protected`);
  }
  const mandatory = options.mandatorySecrets ? "[Parameter(Mandatory = $true)]" : "";
  const declarations = [
    ...Object.entries(parameters).map(([name, value]) => `  [string]$${name} = ${psString(value)}`),
    // No default: a text such as `$SqlPassword = ''` reads as a password assignment to every redactor.
    ...protectedParameters.map((name) => `  ${mandatory}[string]$${name}`),
  ];
  const markers = options.markers !== null;
  const kind = markers ? "runbook" : "provisioning";
  const script = [
    `# pchat-kit ${kind} step ${options.stepId}`.replace(/[\r\n]/g, " "),
    "param(",
    declarations.join(",\n"),
    ")",
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    "$script:resultWritten = $false",
    "$data = [ordered]@{}",
    "$status = 'ok'",
    ...(markers
      ? [
          `$StepInputs = '${FINGERPRINT_SLOT}'`,
          // What the done marker records and a re-run compares: every plain parameter (never a protected one).
          `$StepInputNames = @(${Object.keys(parameters).map(psString).join(", ")})`,
        ]
      : []),
    "",
    markers ? `${WRITE_RESULT}\n\n${MARKER_FUNCTIONS}` : WRITE_RESULT,
    spec.functions ? "\n" + spec.functions.trim() : "",
    "",
    "try {",
    ...(options.computerName !== null ? [indent(COMPUTER_CHECK, "  ")] : []),
    ...(markers ? [indent(DONE_CHECK, "  ")] : []),
    indent(spec.body.trim(), "  "),
    ...(markers ? ["  Set-StepDone"] : []),
    "  Write-StepResult -Status $status",
    "} catch {",
    // The message, not the error record: a failing cmdlet's full record may echo its parameters.
    "  $data['error'] = $_.Exception.Message",
    "  Write-StepResult -Status 'failed'",
    "  throw",
    "}",
    "",
  ].join("\n");
  if (!markers) return { stepId: options.stepId, script, parameters, protectedParameters };
  // The script's text holds every plain parameter as a default: its hash is the step's inputs.
  const fingerprint = createHash("sha256").update(script).digest("hex").slice(0, 16);
  return { stepId: options.stepId, script: script.replace(FINGERPRINT_SLOT, fingerprint), parameters, protectedParameters };
}

/** A migration step (runbook, contacts): done markers on the staging share, computer check on. */
export function renderStepScript(ctx: StepContext, spec: ScriptSpec): RenderedScript {
  const markers: StepMarkers = { stagingFolder: ctx.stagingFolder, ...(ctx.finalStepId !== undefined ? { finalStepId: ctx.finalStepId } : {}) };
  return renderFrame({ runId: ctx.runId, stepId: ctx.stepId, computerName: ctx.computerName, markers, mandatorySecrets: false }, spec);
}

/**
 * A provisioning step (the VMs' own set-up, before any staging share): no markers, it reads the real
 * state (a formatted volume, an installed feature, a promoted DC) and says `skipped` when there is
 * nothing to do; its secrets are mandatory.
 */
export function renderProvisioningScript(target: ProvisioningTarget, stepId: string, spec: ScriptSpec): RenderedScript {
  return renderFrame({ runId: target.runId, stepId, computerName: target.computerName, markers: null, mandatorySecrets: true }, spec);
}

function indent(text: string, pad: string): string {
  return text
    .split("\n")
    .map((l) => (l.length > 0 ? pad + l : l))
    .join("\n");
}
