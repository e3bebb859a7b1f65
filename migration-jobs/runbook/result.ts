/**
 * Reading a step's `PCHATKIT-RESULT {json}` line back from its output (a Run Command's instance
 * view, or a log an operator pastes), so gates and reports never parse free text.
 */
import { z } from "zod";
import { RESULT_LINE_PREFIX, StepResult } from "./step";

const resultSchema = z.object({
  step: z.string().min(1),
  runId: z.string(),
  status: z.enum(["ok", "skipped", "failed"]),
  // PowerShell's ConvertTo-Json turns an empty [ordered]@{} into {} and never into an array.
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export class ResultLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ResultLineError";
  }
}

/**
 * The one result line in `output`. Throws when there is none (the script died before its frame
 * could report: look at the error stream), several (two scripts' output concatenated), or a
 * malformed one. A UTF-8 BOM or CR line endings from Windows are tolerated.
 */
export function parseResultLine(output: string): StepResult {
  const lines = output
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.startsWith(RESULT_LINE_PREFIX));
  if (lines.length === 0) throw new ResultLineError(`no ${RESULT_LINE_PREFIX.trim()} line in the step output`);
  if (lines.length > 1) throw new ResultLineError(`${lines.length} ${RESULT_LINE_PREFIX.trim()} lines in the step output; expected exactly one`);
  const json = lines[0]!.slice(RESULT_LINE_PREFIX.length);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new ResultLineError(`the ${RESULT_LINE_PREFIX.trim()} line is not JSON: ${(e as Error).message}`);
  }
  const parsed = resultSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResultLineError(`the ${RESULT_LINE_PREFIX.trim()} line is malformed at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** The line a step writes (the TypeScript twin of the scripts' Write-StepResult, for tests and tools). */
export function formatResultLine(result: StepResult): string {
  return RESULT_LINE_PREFIX + JSON.stringify(result);
}
