/**
 * Filling the parameters steps take from a gate at run time (`RunbookStep.consumes`) when their values
 * are known some other way: the rehearsal knows the readiness gate's figures from its own analysis.
 * `pulumi up` does the same with the gate resource's outputs (src/runbook/index.ts).
 */
import type { Runbook } from "./planner";
import type { GateOutput, RunbookStep } from "./step";

/** A gate's figures by name; a figure left out keeps the consumer's planned value. */
export type GateFigures = Partial<Record<GateOutput, number>>;

/**
 * The runbook with every consumed parameter set from `figuresOf(gate step)`. Only parameters change:
 * scripts, ids, order and dependencies are the plan's, so what is shown is what is declared.
 */
export function fillStepInputs(runbook: Runbook, figuresOf: (gate: RunbookStep) => GateFigures | null): Runbook {
  const byId = new Map(runbook.steps.map((s) => [s.id, s]));
  const steps = runbook.steps.map((step) => {
    if (!step.consumes || step.consumes.length === 0) return step;
    const parameters = { ...step.parameters };
    for (const input of step.consumes) {
      const gate = byId.get(input.from);
      const value = gate ? figuresOf(gate)?.[input.output] : undefined;
      if (value !== undefined) parameters[input.parameter] = String(value);
    }
    return { ...step, parameters };
  });
  return { ...runbook, steps };
}
