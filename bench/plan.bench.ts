/**
 * Wall time and peak memory of the offline plan of the `dr` stack (the largest shipped topology:
 * a stretched pool across two sites), from config to the last recorded resource, in this process.
 * Module loading (Pulumi, azure-native, the program) is inside the measured window; only Node's own
 * start-up is not. Targets: under 2 s and 400 MB. Prints figures, asserts nothing.
 */
import * as path from "node:path";
import { measure } from "./harness";

// Compiled to dist/bench: the project root is two folders up.
const projectRoot = path.resolve(__dirname, "..", "..");

void measure("plan dr", async () => {
  const cpu = process.cpuUsage();
  // Loading Pulumi, azure-native and the program is part of what a user waits for: inside the window.
  const { runOfflinePlan } = require("../src/offline/plan") as typeof import("../src/offline/plan");
  const result = await runOfflinePlan({ stack: "dr", projectRoot });
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared, loaded machine the wall figure includes waiting.
  return {
    cpuMs: Math.round((used.user + used.system) / 1000), resources: result.resources.length, servers: result.plan.servers.length, runCommands: result.resources.filter((r) => r.type.endsWith("VirtualMachineRunCommandByVirtualMachine")).length };
});
