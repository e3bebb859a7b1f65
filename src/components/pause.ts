/**
 * A wait between two steps of one VM when the first ends by scheduling a reboot (the new forest):
 * a Run Command in flight during a reboot is reported failed, so the next command must not start
 * until the reboot has happened. A dynamic resource, because azure-native has no delay; it runs
 * where `pulumi up` runs, captures nothing but its own code, and re-waits only when `runId` changes.
 */
import * as pulumi from "@pulumi/pulumi";

export interface PauseInputs {
  /** How long to wait. @example 240 */
  seconds: number;
  /** Why, shown in `pulumi up` and the plan. @example "DC reboot after Install-ADDSForest" */
  reason: string;
  /** Changing it waits again. @default "1" */
  runId: string;
}

export const pauseProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: PauseInputs) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(0, Number(inputs.seconds)), 3600) * 1000));
    return { id: `pause-${Date.now()}`, outs: inputs };
  },
  async diff(_id: string, olds: PauseInputs, news: PauseInputs) {
    return { changes: olds.seconds !== news.seconds || olds.runId !== news.runId || olds.reason !== news.reason };
  },
  async update(_id: string, _olds: PauseInputs, news: PauseInputs) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(0, Number(news.seconds)), 3600) * 1000));
    return { outs: news };
  },
};

export class Pause extends pulumi.dynamic.Resource {
  constructor(name: string, args: PauseInputs, opts?: pulumi.CustomResourceOptions) {
    super(pauseProvider, name, { ...args }, opts, "pchat-kit", "Pause");
  }
}
