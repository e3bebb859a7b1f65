/**
 * Every resource input of the component fixtures, put back into ARM shape and validated against the
 * real ARM request schemas (../shared/azure-arm-schemas), standing in for Azure Resource Manager.
 */
import { ArmSchemas, armSchemasAvailable, explainArmErrors, ARM_MAPPINGS } from "../support/arm-schema";
import { labPlan } from "../components/fixtures";
import { recordTopology } from "../components/harness";
import { unwrapSecrets, type RecordedResource } from "../../src/offline/recorder";

const available = armSchemasAvailable();
if (!available) {
  // eslint-disable-next-line no-console
  console.warn("ARM schema tests skipped: ../shared/azure-arm-schemas is absent (see its README for the source).");
}
const maybe = available ? describe : describe.skip;

maybe("ARM schemas: lab fixture", () => {
  let resources: RecordedResource[] = [];
  let schemas: ArmSchemas;
  beforeAll(async () => {
    schemas = new ArmSchemas();
    ({ resources } = await recordTopology(labPlan()));
  });

  it("maps every azure-native type the kit declares", () => {
    const types = new Set(resources.filter((r) => r.type.startsWith("azure-native:")).map((r) => r.type));
    for (const t of types) expect(Object.keys(ARM_MAPPINGS)).toContain(t);
  });

  it("validates every resource", () => {
    const problems: string[] = [];
    for (const r of resources.filter((x) => x.type.startsWith("azure-native:"))) {
      const { errors } = schemas.validate(r.type, unwrapSecrets(r.inputs) as Record<string, unknown>);
      if (errors.length) problems.push(`${r.name} (${r.type}):\n  ${explainArmErrors(errors).join("\n  ")}`);
    }
    expect(problems).toEqual([]);
  });

  it.each([
    ["an unknown vmSize", "azure-native:compute:VirtualMachine", (i: any) => ({ ...i, hardwareProfile: { vmSize: "Standard_Bogus_v9" } })],
    ["a wrong NSG access value", "azure-native:network:NetworkSecurityGroup", (i: any) => ({ ...i, securityRules: [{ ...i.securityRules[0], access: "Permit" }] })],
    ["a wrong IP allocation method on a NIC", "azure-native:network:NetworkInterface", (i: any) => ({ ...i, ipConfigurations: [{ ...i.ipConfigurations[0], privateIPAllocationMethod: "Fixed" }] })],
  ])("catches %s", (_n, type, mutate) => {
    const r = resources.find((x) => x.type === type)!;
    const { errors } = schemas.validate(type, mutate(unwrapSecrets(r.inputs)));
    expect(errors.length).toBeGreaterThan(0);
  });

  it("puts flattened fields back under properties", () => {
    const nic = resources.find((x) => x.type === "azure-native:network:NetworkInterface")!;
    const body = schemas.armBody(nic.type, unwrapSecrets(nic.inputs) as Record<string, unknown>) as any;
    expect(body.properties.ipConfigurations[0].properties.privateIPAllocationMethod).toBe("Static");
    const ext = resources.find((x) => x.type === "azure-native:compute:VirtualMachineExtension")!;
    expect((schemas.armBody(ext.type, unwrapSecrets(ext.inputs) as Record<string, unknown>) as any).properties.type).toBe("JsonADDomainExtension");
  });
});
