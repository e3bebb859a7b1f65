/**
 * The rehearsal's view of the Lync install (issue 11, Offline): the topology document `pulumi up`
 * publishes, the install steps in the order they run (each after the topology's provisioning steps
 * and before the runbook), and each step's script exactly as the offline plan declared it.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import type { OfflinePlanResult } from "../offline/plan";
import type { InstallStepPlan } from "../topology/lync-install";
import type { RehearsalWriter } from "./files";

export interface InstallFiles {
  /** `install/topology.xml`: the published-topology document. */
  topology: string;
  /** `install/install.md`: the steps in order, where each runs, as whom, after what. */
  steps: string;
  /** `install/NN-<step>.ps1`, one per step. */
  scripts: string[];
}

const RUN_COMMAND = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine";

function scriptOf(planned: OfflinePlanResult, step: InstallStepPlan): string {
  const r = planned.resources.find((x) => x.type === RUN_COMMAND && x.name === step.id);
  const script = (r?.inputs.source as { script?: unknown } | undefined)?.script;
  if (typeof script !== "string") throw new Error(`install step ${step.id} was planned but the program declared no Run Command for it`);
  return script;
}

function fileName(index: number, step: InstallStepPlan): string {
  return `${String(index + 1).padStart(2, "0")}-${step.id}.ps1`;
}

function stepsMarkdown(planned: OfflinePlanResult, steps: InstallStepPlan[]): string {
  const lync = planned.lync!;
  const computer = (key: string) => planned.plan.servers.find((s) => s.key === key)?.computerName ?? key;
  const lines = [
    `# Lync Server 2013 install of stack ${planned.stack}`,
    "",
    `pulumi up runs these steps after the topology's provisioning steps (plan.txt) and before the migration runbook (runbook.md), as Run Commands on each VM; a step waits for every earlier step on its VM and for those named under "waits for".`,
    "",
    `Topology document: topology.xml (${lync.topology.source === "file" ? `your lync.topologyFile, ${lync.topology.path}` : "generated from this stack's plan"}).`,
    `Installed as: ${lync.install.adminAccount}. Certificates from: ${planned.plan.lync.certificateAuthority ?? "(none)"}.`,
    "",
    "| # | step | server | runs as | waits for | timeout | script |",
    "|---|---|---|---|---|---|---|",
    ...steps.map((s, i) =>
      `| ${i + 1} | ${s.args.kind} | ${computer(s.serverKey)} | ${s.runAs === "domain-admin" ? lync.install.adminAccount : "LocalSystem"} | ${s.after.join(", ") || "-"} | ${s.timeoutSeconds} s${s.restartWaitSeconds ? `, then ${s.restartWaitSeconds} s for a restart` : ""} | ${fileName(i, s)} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

/** Writes `<dir>/install/`; null (and nothing written) when the stack installs Lync by hand. */
export async function writeInstall(writer: RehearsalWriter, dir: string, planned: OfflinePlanResult): Promise<InstallFiles | null> {
  if (!planned.lync) return null;
  const folder = path.join(dir, "install");
  // Scripts of an earlier rehearsal may belong to steps this one no longer plans.
  await fs.rm(folder, { recursive: true, force: true });
  const steps = planned.lync.install.steps;
  const topology = await writer.text(path.join(folder, "topology.xml"), planned.lync.topology.xml);
  const md = await writer.text(path.join(folder, "install.md"), stepsMarkdown(planned, steps));
  const scripts: string[] = [];
  for (const [i, s] of steps.entries()) scripts.push(await writer.text(path.join(folder, fileName(i, s)), scriptOf(planned, s)));
  return { topology, steps: md, scripts };
}
