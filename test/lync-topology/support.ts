/**
 * Shared by the topology document tests: the shipped stacks' plans, built as the planner tests build
 * them (stack file -> config -> planTopology), and the generated document read back by the
 * structural checker with its references resolved to FQDNs. No XSD is public (lync-install.md §2),
 * so the document is checked by structure and against the plan, never against a schema.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { checkTopologyDocument, type ParsedService, type ParsedTopology } from "../../migration-jobs/lync-topology";
import { parseKitConfig, stackConfigToRaw } from "../../src/config";
import type { TopologyPlan } from "../../src/topology/plan";
import { planTopology } from "../../src/topology/planner";

export const STACKS = ["lab", "staging", "dr"] as const;
export type Stack = (typeof STACKS)[number];

const STACKS_DIR = path.join(__dirname, "..", "..", "stacks");

export function stackConfig(stack: string): Record<string, unknown> {
  const doc = YAML.parse(fs.readFileSync(path.join(STACKS_DIR, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, unknown> };
  return stackConfigToRaw(doc.config, `Pulumi.${stack}.yaml`);
}

export function planOf(raw: Record<string, unknown>, stack: string): TopologyPlan {
  return planTopology(parseKitConfig(raw), { project: "pchat-kit", stack });
}

export const planStack = (stack: string): TopologyPlan => planOf(stackConfig(stack), stack);

/** The document read back, with lookups from ids to what they name. */
export class ReadBack {
  readonly topology: ParsedTopology;
  readonly problems: string[];

  constructor(xml: string) {
    const r = checkTopologyDocument(xml);
    this.topology = r.topology;
    this.problems = r.problems;
  }

  cluster(id: string): ParsedTopology["clusters"][number] {
    const c = this.topology.clusters.find((x) => x.id === id);
    if (!c) throw new Error(`no cluster ${id}`);
    return c;
  }

  clusterByFqdn(fqdn: string): ParsedTopology["clusters"][number] | undefined {
    return this.topology.clusters.find((x) => x.fqdn === fqdn);
  }

  service(id: string): ParsedService {
    const s = this.topology.services.find((x) => x.id === id);
    if (!s) throw new Error(`no service ${id}`);
    return s;
  }

  /** Where a service runs: `fqdn` for a cluster, `fqdn\name` for a SQL instance (name "" = default). */
  where(serviceId: string): string {
    const on = this.service(serviceId).installedOn ?? "";
    if (on.startsWith("cluster:")) return this.cluster(on.slice("cluster:".length)).fqdn;
    const [name, cluster] = on.slice("sql:".length).split("@");
    return `${this.cluster(cluster ?? "").fqdn}\\${name ?? ""}`;
  }

  /** The services a service depends on with a given Usage. */
  dependencies(serviceId: string, usage?: string): string[] {
    return this.service(serviceId).dependsOn.filter((d) => usage === undefined || d.usage === usage).map((d) => d.id);
  }

  /** The `fqdn\name` of the SQL instances a service's child element (Witness, ...) names. */
  sqlNamedIn(serviceId: string, elementName: string): string[] {
    const el = this.service(serviceId).element.children.find((c) => c.name === elementName);
    return (el?.children ?? [])
      .filter((c) => c.name === "SqlInstanceId")
      .map((c) => {
        const cid = c.children.find((x) => x.name === "ClusterId");
        return `${this.cluster(`${cid?.attrs.SiteId}.${cid?.attrs.Number}`).fqdn}\\${c.attrs.Name ?? ""}`;
      });
  }

  roleCount(roleName: string): number {
    return this.topology.services.filter((s) => s.roleName === roleName).length;
  }
}

/** `fqdn\name` of a plan SQL instance, as the document names it (the default instance has no name). */
export function planInstance(plan: TopologyPlan, key: string | null): string {
  const i = plan.sqlInstances.find((x) => x.key === key);
  const fqdn = plan.servers.find((s) => s.key === i?.serverKey)?.fqdn ?? "?";
  const name = !i || i.instanceName.toUpperCase() === "MSSQLSERVER" ? "" : i.instanceName;
  return `${fqdn}\\${name}`;
}

export const fqdnsOf = (plan: TopologyPlan, keys: string[]): string[] => keys.map((k) => plan.servers.find((s) => s.key === k)?.fqdn ?? `?${k}`);
