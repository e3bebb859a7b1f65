/**
 * fillStepInputs: the parameters a step takes from a gate, set from figures known another way (the
 * rehearsal's analysis). Pure, no stand-ins.
 */
import { planRunbook } from "../../migration-jobs/runbook/planner";
import { fillStepInputs, type GateFigures } from "../../migration-jobs/runbook/step-inputs";
import { ENV, config } from "./fixtures";

const runbook = planRunbook(config(), ENV);
const copy = (rb: typeof runbook) => rb.steps.find((s) => s.id === "08-copy-files")!;

describe.each<[string, GateFigures | null, Record<string, string>]>([
  ["both figures", { expectedFiles: 12, expectedBytes: 3456 }, { ExpectedFiles: "12", ExpectedBytes: "3456" }],
  ["bytes unknown (-1)", { expectedFiles: 7, expectedBytes: -1 }, { ExpectedFiles: "7", ExpectedBytes: "-1" }],
  ["one figure only", { expectedFiles: 7 }, { ExpectedFiles: "7", ExpectedBytes: "-1" }],
  ["no figures from the gate", null, { ExpectedFiles: "-1", ExpectedBytes: "-1" }],
])("filling the readiness gate's figures: %s", (_name, figures, expected) => {
  const filled = fillStepInputs(runbook, (gate) => (gate.parameters.gate === "readiness" ? figures : null));

  test("sets the consumer's parameters and nothing else", () => {
    expect(copy(filled).parameters).toMatchObject(expected);
    expect({ ...copy(filled), parameters: {} }).toEqual({ ...copy(runbook), parameters: {} });
    expect(filled.steps.filter((s) => s.id !== "08-copy-files")).toEqual(runbook.steps.filter((s) => s.id !== "08-copy-files"));
  });
});
