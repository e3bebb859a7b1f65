/**
 * Wall time and peak memory of the offline plan of the `dr` stack (the largest shipped topology:
 * a stretched pool across two sites), from config to the last recorded resource, in this process.
 * Targets: under 2 s and 400 MB. Prints figures, asserts nothing.
 */
import * as path from "node:path";
import { measure } from "./harness";
import { runOfflinePlan } from "../src/offline/plan";

// Compiled to dist/bench: the project root is two folders up.
const projectRoot = path.resolve(__dirname, "..", "..");

void measure("plan dr", async () => {
  const cpu = process.cpuUsage();
  const result = await runOfflinePlan({ stack: "dr", projectRoot });
  const used = process.cpuUsage(cpu);
  // CPU time beside wall time: on a shared, loaded machine the wall figure includes waiting.
  return {
    cpuMs: Math.round((used.user + used.system) / 1000), resources: result.resources.length, servers: result.plan.servers.length, runCommands: result.resources.filter((r) => r.type.endsWith("VirtualMachineRunCommandByVirtualMachine")).length };
});
