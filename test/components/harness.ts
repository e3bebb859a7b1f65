/**
 * Runs components under Pulumi's mock runtime (standing in for the Pulumi engine and Azure, neither
 * of which this machine has) and gives the tests the recorded resources. One topology per test
 * file: the mock runtime is global to the file's module registry.
 */
import * as pulumi from "@pulumi/pulumi";
import { installRecorder, isSecretValue, RecordedResource } from "../../src/offline/recorder";
import type { TopologyPlan } from "../../src/topology/plan";

/** Distinctive secret values, so a leak is found by a plain substring search. */
export const SECRET_VALUES: Record<string, string> = {
  adminPassword: "Adm1n-Pa55-zq7-LEAKCHECK",
  sqlAdminPassword: "Sq1-Pa55-xv3-LEAKCHECK",
  safeModePassword: "Dsrm-Pa55-kw9-LEAKCHECK",
  legacyBackupUrl: "https://legacy.blob.core.windows.net/bak/GroupChat.bak?sv=2024&sig=SAS-LEAKCHECK",
  lyncMediaUrl: "https://media.blob.core.windows.net/lync/LyncServer2013.iso?sv=2024&sig=MEDIA-LEAKCHECK",
  lyncUpdateUrl: "https://media.blob.core.windows.net/lync/LyncServerUpdateInstaller.exe?sv=2024&sig=UPDATE-LEAKCHECK",
};

export async function recordTopology(plan: TopologyPlan): Promise<{ resources: RecordedResource[]; outputs: Record<string, unknown> }> {
  const names = Object.values(plan.secrets).filter((n): n is string => typeof n === "string");
  pulumi.runtime.setAllConfig(Object.fromEntries(names.map((n) => [`pchat-kit:${n}`, SECRET_VALUES[n]!])), names.map((n) => `pchat-kit:${n}`));
  const recorder = await installRecorder(plan.project, plan.stack);
  // Loaded only now, after the mocks (jest cannot run a dynamic import()).
  const { PchatTopology } = require("../../src/components/topology") as typeof import("../../src/components/topology");
  const { readSecrets } = require("../../src/components/secrets") as typeof import("../../src/components/secrets");
  const topology = new PchatTopology("pchat", { plan, secrets: readSecrets(plan.secrets) });
  await recorder.settle();
  return { resources: recorder.resources, outputs: { ...topology.outputs } };
}

/** Strings found outside secret wrappers, with their paths. */
export function plainStrings(value: unknown, path = ""): Array<[string, string]> {
  if (isSecretValue(value)) return [];
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => plainStrings(v, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => plainStrings(v, path ? `${path}.${k}` : k));
  return [];
}

/** Paths at which `secret` appears inside a secret wrapper. */
export function wrappedSecretPaths(value: unknown, secret: string, path = ""): string[] {
  if (isSecretValue(value)) return JSON.stringify(value.value).includes(secret) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => wrappedSecretPaths(v, secret, `${path}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => wrappedSecretPaths(v, secret, path ? `${path}.${k}` : k));
  return [];
}

export function byType(resources: RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function named(resources: RecordedResource[], name: string): RecordedResource {
  const r = resources.find((x) => x.name === name);
  if (!r) throw new Error(`no resource named ${name}; have ${resources.map((x) => x.name).join(", ")}`);
  return r;
}
