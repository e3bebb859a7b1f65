/**
 * The one Run Command declaration (src/components/run-command.ts), under Pulumi's mock runtime
 * (standing in for the Pulumi engine and Azure, neither of which this machine has).
 */
import * as pulumi from "@pulumi/pulumi";
import { installRecorder, isSecretValue, type Recorder } from "../../src/offline/recorder";
import type { RenderedScript } from "../../migration-jobs/powershell/frame";

const RUN = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine";
const rendered = (stepId: string, protectedParameters: string[] = []): RenderedScript => ({ stepId, script: `# ${stepId}`, parameters: { RunId: "1", StepId: stepId }, protectedParameters });

let recorder: Recorder;
let chainModule: typeof import("../../src/components/run-command");

beforeAll(async () => {
  recorder = await installRecorder("pchat-kit", "test");
  chainModule = require("../../src/components/run-command") as typeof import("../../src/components/run-command");
  const target = { resourceGroupName: "rg", location: "westeurope", vmName: "lab-labpc01" };
  const chain = new chainModule.RunCommandChain(target);
  chain.add("first", { runCommandName: "first", rendered: rendered("first"), timeoutSeconds: 900, tags: { role: "pchat" } });
  chain.add("second", { runCommandName: "second", rendered: rendered("second", ["SqlPassword"]), protectedValues: { SqlPassword: pulumi.output("S3cret-LEAKCHECK") }, parameterValues: { RunId: pulumi.output("2") }, timeoutSeconds: 1800 });
  await recorder.settle();
});

it("declares each command with its parameters, failing the deployment when it fails", () => {
  const first = recorder.resources.find((r) => r.type === RUN && r.name === "first")!;
  expect(first.inputs).toMatchObject({
    vmName: "lab-labpc01",
    runCommandName: "first",
    source: { script: "# first" },
    parameters: [{ name: "RunId", value: "1" }, { name: "StepId", value: "first" }],
    asyncExecution: false,
    treatFailureAsDeploymentFailure: true,
    timeoutInSeconds: 900,
    tags: { role: "pchat" },
  });
  expect(first.inputs).not.toHaveProperty("protectedParameters");
});

it("runs one command at a time on a VM: each waits for the one before", () => {
  const second = recorder.resources.find((r) => r.type === RUN && r.name === "second")!;
  expect(second.dependsOn).toContain("first");
});

it("sends protected parameters as secrets only, and deploy-time values in place of the script's defaults", () => {
  const second = recorder.resources.find((r) => r.type === RUN && r.name === "second")!;
  const [p] = second.inputs.protectedParameters as Array<{ name: string; value: unknown }>;
  expect(p?.name).toBe("SqlPassword");
  expect(JSON.stringify(second.inputs.parameters)).not.toContain("LEAKCHECK");
  expect(isSecretValue(p?.value)).toBe(true);
  expect(second.inputs.parameters).toEqual([{ name: "RunId", value: "2" }, { name: "StepId", value: "second" }]);
});

it.each([
  ["a protected parameter without a value", { rendered: rendered("x", ["SqlPassword"]) }, /no value for the protected parameter SqlPassword/],
  ["a value for a parameter the script does not take as protected", { rendered: rendered("x"), protectedValues: { Other: "v" } }, /Other is not a protected parameter/],
  ["a deploy-time value for a parameter the script does not declare", { rendered: rendered("x"), parameterValues: { Nope: "v" } }, /parameter Nope is not declared/],
])("refuses %s", (_n, args, message) => {
  const chain = new chainModule.RunCommandChain({ resourceGroupName: "rg", location: "westeurope", vmName: "vm" });
  expect(() => chain.add("bad", { runCommandName: "bad", timeoutSeconds: 60, ...args })).toThrow(message);
});
