/**
 * The frame every step script shares: a param block carrying every value (so nothing is spliced
 * into the script body), strict mode, stop-on-error, a check that it runs on the intended computer,
 * the per-run state markers that make a re-run after a half-failure safe, and exactly one
 * `PCHATKIT-RESULT {json}` line on success and on failure.
 *
 * Scripts target Windows PowerShell 4.0 (Windows Server 2012 R2, the newest OS Lync Server 2013
 * supports, domain §6.4): no classes, no `::new()`, no PowerShell 5 cmdlets.
 */
import { createHash } from "node:crypto";
import { RESULT_LINE_PREFIX } from "../step";

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

/** What every step script knows about itself. */
export interface StepContext {
  runId: string;
  stepId: string;
  /** NetBIOS name of the VM it must run on; the script refuses to run anywhere else. */
  computerName: string;
  /** UNC share holding `<runId>\state\<stepId>.done` markers, export files, logs. */
  stagingFolder: string;
  /**
   * The run's last step: once it is done, the run is complete and every step of it is inert, even
   * one that never ran (a step added later under the same runId). Absent: no run-level check.
   */
  finalStepId?: string;
}

export interface RenderedScript {
  script: string;
  /** Plain parameters (the param block's defaults), passed again as Run Command parameters. */
  parameters: Record<string, string>;
  /** Parameters the Run Command must supply as protected parameters; never given a value here. */
  protectedParameters: string[];
}

export interface ScriptSpec {
  /** Step-specific plain parameters (strings: Run Command parameters are strings). */
  params: Record<string, string>;
  /** Names of secret parameters (passwords); the script receives them only at run time. */
  protectedParams?: string[];
  /** Step-specific PowerShell functions, defined before the body. */
  functions?: string;
  /** The step's work. Sets `$status` ('ok' or 'skipped') and fills `$data`. */
  body: string;
}

const SHARED_FUNCTIONS = `function Write-StepResult {
  param([string]$Status)
  if ($script:resultWritten) { return }
  $script:resultWritten = $true
  $result = [ordered]@{ step = $StepId; runId = $RunId; status = $Status; data = $data }
  Write-Output (${psString(RESULT_LINE_PREFIX)} + ($result | ConvertTo-Json -Compress -Depth 4))
}

function Get-StateFile {
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

/** Marks the text's place where its own fingerprint goes (replaced after hashing the rest). */
const FINGERPRINT_SLOT = "@@STEP-INPUTS@@";

/** Renders the whole script for one step. Pure: the same inputs give the same text. */
export function renderStepScript(ctx: StepContext, spec: ScriptSpec): RenderedScript {
  const common: Record<string, string> = {
    RunId: ctx.runId,
    StepId: ctx.stepId,
    ExpectedComputer: ctx.computerName,
    StagingFolder: ctx.stagingFolder,
    FinalStepId: ctx.finalStepId ?? "",
  };
  const parameters: Record<string, string> = { ...common, ...spec.params };
  const protectedParameters = [...(spec.protectedParams ?? [])];
  for (const name of [...Object.keys(parameters), ...protectedParameters]) {
    if (!PARAM_NAME.test(name)) throw new Error(`invalid script parameter name "${name}"`);
  }
  for (const name of protectedParameters) {
    if (name in parameters) throw new Error(`parameter "${name}" cannot be both plain and protected`);
  }
  const declarations = [
    ...Object.entries(parameters).map(([name, value]) => `  [string]$${name} = ${psString(value)}`),
    // No default: a text such as `$SqlPassword = ''` reads as a password assignment to every redactor.
    ...protectedParameters.map((name) => `  [string]$${name}`),
  ];
  const script = [
    `# pchat-kit runbook step ${ctx.stepId}`.replace(/[\r\n]/g, " "),
    "param(",
    declarations.join(",\n"),
    ")",
    "Set-StrictMode -Version Latest",
    "$ErrorActionPreference = 'Stop'",
    "$ProgressPreference = 'SilentlyContinue'",
    "$script:resultWritten = $false",
    "$data = [ordered]@{}",
    "$status = 'ok'",
    `$StepInputs = '${FINGERPRINT_SLOT}'`,
    // What the done marker records and a re-run compares: every plain parameter (never a protected one).
    `$StepInputNames = @(${Object.keys(parameters).map(psString).join(", ")})`,
    "",
    SHARED_FUNCTIONS,
    spec.functions ? "\n" + spec.functions.trim() : "",
    "",
    "try {",
    "  if ($env:COMPUTERNAME -ne $ExpectedComputer) {",
    "    throw ('step ' + $StepId + ' must run on ' + $ExpectedComputer + ', not on ' + $env:COMPUTERNAME)",
    "  }",
    indent(DONE_CHECK, "  "),
    indent(spec.body.trim(), "  "),
    "  Set-StepDone",
    "  Write-StepResult -Status $status",
    "} catch {",
    "  $data['error'] = $_.Exception.Message",
    "  Write-StepResult -Status 'failed'",
    "  throw",
    "}",
    "",
  ].join("\n");
  // The script's text holds every plain parameter as a default: its hash is the step's inputs.
  const fingerprint = createHash("sha256").update(script).digest("hex").slice(0, 16);
  return { script: script.replace(FINGERPRINT_SLOT, fingerprint), parameters, protectedParameters };
}

function indent(text: string, pad: string): string {
  return text
    .split("\n")
    .map((l) => (l.length > 0 ? pad + l : l))
    .join("\n");
}
