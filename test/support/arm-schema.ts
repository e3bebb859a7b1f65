/**
 * ARM request-schema validation of recorded Pulumi inputs, standing in for Azure Resource Manager
 * (which this machine cannot reach). The schemas are the real ones in ../shared/azure-arm-schemas
 * (draft-04, validated with ajv-draft-04, `strict: false`). Pulumi flattens ARM's nested
 * `properties` objects, so inputs are put back into ARM shape by walking the schema: a key that is
 * not a property at its level, where that level has a `properties` object, belongs inside it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import type { ErrorObject, ValidateFunction } from "ajv";

export const ARM_SCHEMA_DIR = path.resolve(__dirname, "../../../shared/azure-arm-schemas");

export function armSchemasAvailable(): boolean {
  return fs.existsSync(path.join(ARM_SCHEMA_DIR, "common", "definitions.json"));
}

interface Mapping {
  file: string;
  /** Section and key of the resource definition. */
  section: "resourceDefinitions" | "subscription_resourceDefinitions";
  definition: string;
  armType: string;
  /** Pulumi input holding the resource's own name. */
  nameInput: string;
  /** Pulumi inputs that only address the resource (group, parent names): not in the request body. */
  pathInputs: string[];
  /** Pulumi inputs whose ARM home is `properties` although a top-level key has the same name. */
  intoProperties?: string[];
}

/** The azure-native types the kit declares, with the schema files of their default API versions. */
export const ARM_MAPPINGS: Record<string, Mapping> = {
  "azure-native:resources:ResourceGroup": { file: "2024-03-01/Microsoft.Resources.json", section: "subscription_resourceDefinitions", definition: "resourceGroups", armType: "Microsoft.Resources/resourceGroups", nameInput: "resourceGroupName", pathInputs: [] },
  "azure-native:network:VirtualNetwork": { file: "2024-05-01/Microsoft.Network.NRP.json", section: "resourceDefinitions", definition: "virtualNetworks", armType: "Microsoft.Network/virtualNetworks", nameInput: "virtualNetworkName", pathInputs: ["resourceGroupName"] },
  "azure-native:network:NetworkSecurityGroup": { file: "2024-05-01/Microsoft.Network.NRP.json", section: "resourceDefinitions", definition: "networkSecurityGroups", armType: "Microsoft.Network/networkSecurityGroups", nameInput: "networkSecurityGroupName", pathInputs: ["resourceGroupName"] },
  "azure-native:network:NetworkInterface": { file: "2024-05-01/Microsoft.Network.NRP.json", section: "resourceDefinitions", definition: "networkInterfaces", armType: "Microsoft.Network/networkInterfaces", nameInput: "networkInterfaceName", pathInputs: ["resourceGroupName"] },
  "azure-native:network:PublicIPAddress": { file: "2024-05-01/Microsoft.Network.NRP.json", section: "resourceDefinitions", definition: "publicIPAddresses", armType: "Microsoft.Network/publicIPAddresses", nameInput: "publicIpAddressName", pathInputs: ["resourceGroupName"] },
  "azure-native:network:BastionHost": { file: "2024-05-01/Microsoft.Network.NRP.json", section: "resourceDefinitions", definition: "bastionHosts", armType: "Microsoft.Network/bastionHosts", nameInput: "bastionHostName", pathInputs: ["resourceGroupName"] },
  "azure-native:network:VirtualNetworkPeering": { file: "2024-05-01/Microsoft.Network.NRP.json", section: "resourceDefinitions", definition: "virtualNetworks_virtualNetworkPeerings", armType: "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", nameInput: "virtualNetworkPeeringName", pathInputs: ["resourceGroupName", "virtualNetworkName"] },
  "azure-native:compute:VirtualMachine": { file: "2024-11-01/Microsoft.Compute.json", section: "resourceDefinitions", definition: "virtualMachines", armType: "Microsoft.Compute/virtualMachines", nameInput: "vmName", pathInputs: ["resourceGroupName"] },
  "azure-native:compute:VirtualMachineRunCommandByVirtualMachine": { file: "2024-11-01/Microsoft.Compute.json", section: "resourceDefinitions", definition: "virtualMachines_runCommands", armType: "Microsoft.Compute/virtualMachines/runCommands", nameInput: "runCommandName", pathInputs: ["resourceGroupName", "vmName"] },
  // The extension's Pulumi `type` is the handler type: ARM's properties.type.
  "azure-native:compute:VirtualMachineExtension": { file: "2024-11-01/Microsoft.Compute.Extensions.json", section: "resourceDefinitions", definition: "virtualMachines_extensions", armType: "Microsoft.Compute/virtualMachines/extensions", nameInput: "vmExtensionName", pathInputs: ["resourceGroupName", "vmName"], intoProperties: ["type"] },
  "azure-native:sqlvirtualmachine:SqlVirtualMachine": { file: "2023-10-01/Microsoft.SqlVirtualMachine.json", section: "resourceDefinitions", definition: "sqlVirtualMachines", armType: "Microsoft.SqlVirtualMachine/sqlVirtualMachines", nameInput: "sqlVirtualMachineName", pathInputs: ["resourceGroupName"] },
  "azure-native:storage:StorageAccount": { file: "2024-01-01/Microsoft.Storage.json", section: "resourceDefinitions", definition: "storageAccounts", armType: "Microsoft.Storage/storageAccounts", nameInput: "accountName", pathInputs: ["resourceGroupName"] },
  "azure-native:storage:FileShare": { file: "2024-01-01/Microsoft.Storage.json", section: "resourceDefinitions", definition: "storageAccounts_fileServices_shares", armType: "Microsoft.Storage/storageAccounts/fileServices/shares", nameInput: "shareName", pathInputs: ["resourceGroupName", "accountName"] },
};

type Json = Record<string, unknown>;

function stripHash(id: string): string {
  return id.replace(/#$/, "");
}

export class ArmSchemas {
  private readonly docs = new Map<string, Json>();
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(dir = ARM_SCHEMA_DIR) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const files = new Set(Object.values(ARM_MAPPINGS).map((m) => m.file));
    files.add("common/definitions.json");
    // Some files reference other providers' files: load every schema of the folder.
    for (const version of fs.readdirSync(dir)) {
      const sub = path.join(dir, version);
      if (!fs.statSync(sub).isDirectory()) continue;
      for (const f of fs.readdirSync(sub)) if (f.endsWith(".json")) files.add(`${version}/${f}`);
    }
    for (const f of files) {
      const doc = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Json;
      this.docs.set(stripHash(String(doc.id)), doc);
      this.ajv.addSchema(doc);
    }
  }

  private docOf(file: string): Json {
    const doc = [...this.docs.values()].find((d) => String(d.id).endsWith(`/${file}#`));
    if (!doc) throw new Error(`schema file ${file} not loaded`);
    return doc;
  }

  /** Resolves `$ref` (absolute or local to `base`), returning the schema and its document id. */
  private resolve(schema: Json, base: string): { schema: Json; base: string } {
    let s = schema;
    let b = base;
    for (let i = 0; i < 20 && typeof s.$ref === "string"; i++) {
      const [file, pointer = ""] = (s.$ref as string).split("#");
      if (file) b = file;
      let node: unknown = this.docs.get(b);
      for (const part of pointer.split("/").filter(Boolean)) node = (node as Json | undefined)?.[part];
      if (!node) throw new Error(`unresolved $ref ${String(s.$ref)} from ${base}`);
      s = node as Json;
    }
    return { schema: s, base: b };
  }

  /** Object branches of a schema (through $ref, oneOf, anyOf, allOf), skipping ARM expressions. */
  private objectBranches(schema: Json, base: string): Array<{ schema: Json; base: string }> {
    const r = this.resolve(schema, base);
    const out: Array<{ schema: Json; base: string }> = [];
    if (r.schema.properties || r.schema.items || r.schema.type === "object") out.push(r);
    for (const key of ["oneOf", "anyOf", "allOf"]) {
      const list = r.schema[key];
      if (Array.isArray(list)) for (const b of list as Json[]) if (!String(b.$ref ?? "").endsWith("/definitions/expression")) out.push(...this.objectBranches(b, r.base));
    }
    return out;
  }

  private propertySchema(branches: Array<{ schema: Json; base: string }>, key: string): { schema: Json; base: string } | null {
    for (const b of branches) {
      const props = b.schema.properties as Json | undefined;
      if (props && props[key]) return { schema: props[key] as Json, base: b.base };
    }
    return null;
  }

  /** Puts Pulumi's flattened value back into ARM shape, guided by `schema`. */
  toArm(value: unknown, schema: Json, base: string, intoProperties: string[] = []): unknown {
    if (Array.isArray(value)) {
      const items = this.objectBranches(schema, base).map((b) => b.schema.items).find(Boolean) as Json | undefined;
      const itemBase = this.objectBranches(schema, base).find((b) => b.schema.items)?.base ?? base;
      return items ? value.map((v) => this.toArm(v, items, itemBase)) : value;
    }
    if (typeof value !== "object" || value === null) return value;
    const branches = this.objectBranches(schema, base);
    const nested = this.propertySchema(branches, "properties");
    const out: Json = {};
    const moved: Json = {};
    for (const [k, v] of Object.entries(value as Json)) {
      const own = k === "properties" || intoProperties.includes(k) ? null : this.propertySchema(branches, k);
      if (own) out[k] = this.toArm(v, own.schema, own.base);
      else if (nested) moved[k] = v;
      else out[k] = v;
    }
    if (nested && Object.keys(moved).length) out.properties = this.toArm(moved, nested.schema, nested.base);
    return out;
  }

  /** The ARM request body for a recorded resource (inputs with secrets already unwrapped). */
  armBody(type: string, inputs: Json): Json {
    const m = ARM_MAPPINGS[type];
    if (!m) throw new Error(`no ARM schema mapping for ${type}`);
    const doc = this.docOf(m.file);
    const def = (doc[m.section] as Json)[m.definition] as Json;
    const body: Json = {};
    for (const [k, v] of Object.entries(inputs)) if (k !== m.nameInput && !m.pathInputs.includes(k)) body[k] = v;
    const arm = this.toArm(body, def, stripHash(String(doc.id)), m.intoProperties) as Json;
    const apiVersion = ((def.properties as Json).apiVersion as { enum: string[] }).enum[0];
    // The provider always sends the `properties` envelope, empty or not.
    if (Array.isArray(def.required) && def.required.includes("properties") && arm.properties === undefined) arm.properties = {};
    return { ...arm, name: inputs[m.nameInput], type: m.armType, apiVersion };
  }

  /** Schema errors of the resource's ARM body (empty when valid). */
  validate(type: string, inputs: Json): { body: Json; errors: ErrorObject[] } {
    const m = ARM_MAPPINGS[type];
    if (!m) throw new Error(`no ARM schema mapping for ${type}`);
    const key = `${m.file}#${m.section}/${m.definition}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${stripHash(String(this.docOf(m.file).id))}#/${m.section}/${m.definition}` });
      this.validators.set(key, validate);
    }
    const body = this.armBody(type, inputs);
    const ok = validate(body);
    return { body, errors: ok ? [] : [...(validate.errors ?? [])] };
  }
}

/**
 * The errors worth reading: with oneOf/anyOf, ajv reports every failed branch; keep the deepest
 * paths, which name the field actually at fault.
 */
export function explainArmErrors(errors: ErrorObject[]): string[] {
  const real = errors.filter((e) => !["oneOf", "anyOf", "$ref"].includes(e.keyword));
  const depth = (e: ErrorObject) => e.instancePath.split("/").length;
  const max = Math.max(0, ...real.map(depth));
  return real.filter((e) => depth(e) === max).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).slice(0, 5).join(", ")}...)` : ""}${e.params && "additionalProperty" in e.params ? `: ${String(e.params.additionalProperty)}` : ""}`);
}
