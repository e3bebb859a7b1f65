/**
 * The offline plan as people and programs read it: the JSON document of `pchat-kit plan --json` and of
 * the rehearsal's plan.json, and the readable tree of `pchat-kit plan` and plan.txt. Pure: it only
 * formats an `OfflinePlanResult`.
 */
import type { OfflinePlanResult, PlannedResource } from "./plan";

/** The document `--json` prints: `{"stack", "resources": [{"type","name","parent","inputs"}]}`. */
export function planDocument(result: OfflinePlanResult): { stack: string; resources: PlannedResource[]; outputs: Record<string, unknown> } {
  return { stack: result.stack, resources: result.resources.map((r) => ({ type: r.type, name: r.name, parent: r.parent, inputs: r.inputs })), outputs: result.outputs };
}

/** Inputs worth a glance in the readable listing (names people look for, never a secret). */
const GLANCE = ["location", "vmName", "computerName", "vmSize", "privateIPAddress", "addressPrefixes", "runCommandName", "type", "sku"];

function glance(inputs: Record<string, unknown>): string {
  const found: string[] = [];
  const visit = (v: unknown, key: string, depth: number) => {
    if (depth > 4 || found.length >= 4) return;
    if (GLANCE.includes(key) && (typeof v === "string" || typeof v === "number")) found.push(`${key}=${v}`);
    else if (key === "addressPrefixes" && Array.isArray(v)) found.push(`${key}=${v.join(",")}`);
    else if (Array.isArray(v)) v.slice(0, 1).forEach((x) => visit(x, key, depth + 1));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) visit(x, k, depth + 1);
  };
  for (const [k, v] of Object.entries(inputs)) if (k !== "tags" && k !== "source") visit(v, k, 0);
  return found.join(" ");
}

/** The readable tree: each resource under its parent, with a few identifying inputs. */
export function renderPlanText(result: OfflinePlanResult): string {
  const children = new Map<string | null, PlannedResource[]>();
  for (const r of result.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const names = new Set(result.resources.map((r) => r.name));
  const lines: string[] = [`Offline plan of stack ${result.stack} (${result.configFile}): ${result.resources.length} resources, no cloud call.`, ""];
  const seen = new Set<PlannedResource>();
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r)) continue;
      seen.add(r);
      const extra = glance(r.inputs);
      lines.push(`${"  ".repeat(depth)}${r.name}  [${r.type}]${extra ? "  " + extra : ""}`);
      walk(r.name, depth + 1);
    }
  };
  walk(null, 0);
  // Resources whose parent was not recorded (should not happen) still get listed.
  for (const [parent, list] of children) if (parent !== null && !names.has(parent)) for (const r of list) if (!seen.has(r)) lines.push(`${r.name}  [${r.type}] (parent ${parent})`);
  const counts = new Map<string, number>();
  for (const r of result.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  lines.push("", "By type:", ...[...counts].sort().map(([t, n]) => `  ${String(n).padStart(3)}  ${t}`));
  lines.push("", "Stack outputs:", ...JSON.stringify(result.outputs, null, 2).split("\n").map((l) => "  " + l), "");
  return lines.join("\n");
}
