/**
 * The invariants every runbook must keep before it becomes resources, whoever planned its steps
 * (the planner, the contacts planner, or both merged): ids unique, dependencies known and earlier,
 * a gate's figures taken only from a gate the step waits for, and the steps of one VM chained, since
 * Azure answers 409 to a second Run Command on a busy VM.
 */
import type { RunbookStep } from "./step";

/** Problems with the steps' order, as sentences; empty when the runbook can be declared. */
export function runbookOrderProblems(steps: readonly RunbookStep[]): string[] {
  const problems: string[] = [];
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.id)) problems.push(`step id ${s.id} is used twice`);
    else index.set(s.id, i);
  });
  steps.forEach((s, i) => {
    for (const d of s.dependsOn) {
      const at = index.get(d);
      if (at === undefined) problems.push(`step ${s.id} waits for ${d}, which is not in the runbook`);
      else if (at >= i) problems.push(`step ${s.id} waits for ${d}, which comes after it`);
    }
  });
  if (problems.length > 0) return problems;
  // Ancestors of each step, computed once in order (dependencies always come earlier).
  const ancestors: Set<string>[] = [];
  steps.forEach((s, i) => {
    const set = new Set<string>();
    for (const d of s.dependsOn) {
      set.add(d);
      for (const a of ancestors[index.get(d)!]!) set.add(a);
    }
    ancestors[i] = set;
  });
  // A step that takes a gate's figures (consumes) must wait for that gate, or it would run without them.
  steps.forEach((s, i) => {
    for (const input of s.consumes ?? []) {
      const from = steps[index.get(input.from) ?? -1];
      if (!from) problems.push(`step ${s.id} takes ${input.parameter} from ${input.from}, which is not in the runbook`);
      else if (from.kind !== "gate") problems.push(`step ${s.id} takes ${input.parameter} from ${input.from}, which is not a gate`);
      else if (!ancestors[i]!.has(input.from)) problems.push(`step ${s.id} takes ${input.parameter} from ${input.from} but does not wait for it`);
    }
  });
  const lastOnMachine = new Map<string, string>();
  steps.forEach((s, i) => {
    if (s.machine === null) return;
    const previous = lastOnMachine.get(s.machine);
    if (previous !== undefined && !ancestors[i]!.has(previous)) {
      problems.push(`steps ${previous} and ${s.id} both run on ${s.machine} but ${s.id} does not wait for ${previous}: the VM would get two commands at once`);
    }
    lastOnMachine.set(s.machine, s.id);
  });
  return problems;
}
