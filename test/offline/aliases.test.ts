/**
 * The offline plan's alias shortcut (src/offline/aliases.ts), under Pulumi's mock runtime (standing
 * in for the engine and Azure, which this machine lacks): the same azure-native resources declared
 * under a component with `deferAliasCollapse` and under one without must reach the monitor with the
 * same aliases and register in the same order; only the constructor's unused alias URNs are skipped.
 * One program per test file: the mock runtime is global to the file's module registry.
 */
import * as pulumi from "@pulumi/pulumi";
import { installRecorder, type Recorder } from "../../src/offline/recorder";
import { deferAliasCollapse } from "../../src/offline/aliases";

interface AliasSpec {
  type: string;
  name: string;
  parentUrn: string;
  noParent: boolean;
}

interface RegisterRequestWithAliases {
  getName(): string;
  getAliasesList(): Array<{ getUrn(): string; getSpec(): { getType(): string; getName(): string; getParenturn(): string; getNoparent(): boolean } | undefined }>;
}

describe("deferAliasCollapse", () => {
  it("leaves a resource without aliases alone", () => {
    const args = { resource: undefined as unknown as pulumi.Resource, type: "pchat-kit:x:Y", name: "y", props: {}, opts: {} };
    expect(deferAliasCollapse(args)).toBeUndefined();
    expect(deferAliasCollapse({ ...args, opts: { aliases: [] } })).toBeUndefined();
  });

  it("gives the constructor an empty list and fills that same list in the next microtask", async () => {
    const aliases = [{ type: "azure-native:compute/v20240701:VirtualMachine" }, { type: "azure-native:compute/v20241101:VirtualMachine" }];
    const result = deferAliasCollapse({ resource: undefined as unknown as pulumi.Resource, type: "azure-native:compute:VirtualMachine", name: "vm", props: { a: 1 }, opts: { aliases, protect: true } });
    expect(result?.opts.aliases).toEqual([]);
    expect(result?.opts.protect).toBe(true);
    expect(result?.props).toEqual({ a: 1 });
    await Promise.resolve();
    expect(result?.opts.aliases).toEqual(aliases);
  });
});

describe("deferAliasCollapse under the mock runtime", () => {
  const aliasesOf = new Map<string, AliasSpec[]>();
  let recorder: Recorder;
  let deferred: Record<string, pulumi.Resource>;
  let plain: Record<string, pulumi.Resource>;

  beforeAll(async () => {
    recorder = await installRecorder("pchat-kit", "aliases");
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: RegisterRequestWithAliases, cb: unknown): unknown };
    const recording = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      aliasesOf.set(
        req.getName(),
        req.getAliasesList().map((a) => {
          const spec = a.getSpec();
          return spec ? { type: spec.getType(), name: spec.getName(), parentUrn: spec.getParenturn(), noParent: spec.getNoparent() } : { type: a.getUrn(), name: "", parentUrn: "", noParent: false };
        }),
      );
      return recording(req, cb);
    };
    // Loaded only now, after the mocks (jest cannot run a dynamic import()).
    const network = require("@pulumi/azure-native/network") as typeof import("@pulumi/azure-native/network");
    const compute = require("@pulumi/azure-native/compute") as typeof import("@pulumi/azure-native/compute");
    const resources = require("@pulumi/azure-native/resources") as typeof import("@pulumi/azure-native/resources");
    // Types with different alias counts (a NIC has about twice a VM's), declared with no dependency
    // between them: the order their registrations complete in follows the SDK's turns per resource,
    // alias handling included, so any change in those turns shows as a change of order.
    const declare = (prefix: string, opts: pulumi.ComponentResourceOptions) => {
      const parent = new pulumi.ComponentResource("pchat-kit:test:Group", prefix, {}, opts);
      const r: Record<string, pulumi.Resource> = {
        nic: new network.NetworkInterface(`${prefix}-nic`, { resourceGroupName: "rg", networkInterfaceName: `${prefix}-nic` }, { parent }),
        vm: new compute.VirtualMachine(`${prefix}-vm`, { resourceGroupName: "rg", vmName: `${prefix}-vm` }, { parent }),
        rg: new resources.ResourceGroup(`${prefix}-rg`, { resourceGroupName: `${prefix}-rg` }, { parent }),
        nsg: new network.NetworkSecurityGroup(`${prefix}-nsg`, { resourceGroupName: "rg", networkSecurityGroupName: `${prefix}-nsg` }, { parent }),
        ext: new compute.VirtualMachineExtension(`${prefix}-ext`, { resourceGroupName: "rg", vmName: `${prefix}-vm`, vmExtensionName: "x" }, { parent }),
      };
      return r;
    };
    deferred = declare("deferred", { transformations: [deferAliasCollapse] });
    plain = declare("plain", {});
    await recorder.settle();
  });

  it("sends each resource exactly the aliases it sends without the shortcut", () => {
    for (const key of ["nic", "vm", "rg", "nsg", "ext"]) {
      const d = aliasesOf.get(`deferred-${key}`)!;
      const p = aliasesOf.get(`plain-${key}`)!;
      expect(d.length).toBeGreaterThan(10);
      // The specs name the resource's parent, which differs between the two groups.
      expect(d.map((a) => ({ ...a, parentUrn: a.parentUrn.replace("deferred", "X") }))).toEqual(p.map((a) => ({ ...a, parentUrn: a.parentUrn.replace("plain", "X") })));
    }
  });

  it("registers the resources in the same order", () => {
    const order = (prefix: string) => recorder.resources.filter((r) => r.parent === prefix).map((r) => r.name.slice(prefix.length + 1));
    expect(order("deferred")).toEqual(order("plain"));
    expect(order("deferred")).toHaveLength(5);
  });

  it("skips only the constructor's alias URNs, which the mock runtime never reads", () => {
    // The SDK's own field: if a Pulumi upgrade renames it, this says so, and the shortcut may no longer save anything.
    const collapsed = (r: pulumi.Resource) => (r as unknown as { __aliases: unknown[] }).__aliases.length;
    expect(collapsed(deferred.vm!)).toBe(0);
    expect(collapsed(plain.vm!)).toBe(aliasesOf.get("plain-vm")!.length);
  });
});
