/**
 * Records what a Pulumi program declares, under Pulumi's mock runtime: no engine, no provider, no
 * cloud call. Each resource is kept with its type, name, parent, explicit dependencies and inputs
 * (secrets still wrapped, so callers can prove they are secret). The mock runtime is global to the
 * process: install the recorder once, before the program's modules are loaded.
 */
import * as pulumi from "@pulumi/pulumi";
import { REDACTED } from "../../migration-jobs/common/secrets";

/** How Pulumi's RPC layer marks a secret value. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export interface RecordedResource {
  type: string;
  /** Logical name (unique in this program). */
  name: string;
  urn: string;
  /** Logical name of the parent, or null at the top. */
  parent: string | null;
  /** Logical names of the resources in `dependsOn` (explicit and from inputs). */
  dependsOn: string[];
  /** Inputs as the provider would receive them; secrets wrapped as `{SECRET_SIG: ..., value}`. */
  inputs: Record<string, unknown>;
}

export function isSecretValue(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as Record<string, unknown>)[SECRET_SIG] === SECRET_SIG_VALUE;
}

/** Copy of `value` with every secret replaced by "[secret]". */
export function redactSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return REDACTED;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v)]));
  return value;
}

/** Copy of `value` with the secret wrappers removed (for schema validation only). */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretValue(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

/** Inputs that carry a resource's Azure name, for the types whose name input is not `<type>Name`. */
const NAME_INPUTS = ["accountName", "vmName", "vmExtensionName", "runCommandName", "publicIpAddressName", "sqlVirtualMachineName", "shareName"];

/** The Azure name a provider would report as `name`: the explicit physical name, else the logical one. */
export function physicalName(type: string, logicalName: string, inputs: Record<string, unknown>): string {
  const typeName = type.split(":").pop() ?? "";
  const own = `${typeName.charAt(0).toLowerCase()}${typeName.slice(1)}Name`;
  for (const key of [own, ...NAME_INPUTS]) if (typeof inputs[key] === "string") return inputs[key] as string;
  return logicalName;
}

function nameOfUrn(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i >= 0 ? urn.slice(i + 2) : urn;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}
interface RegisterResponse {
  getUrn(): string;
}
type RegisterCallback = (err: Error | null, resp?: RegisterResponse) => void;
interface PatchableMonitor {
  registerResource(req: RegisterRequest, cb: RegisterCallback): unknown;
}

export interface Recorder {
  /** Every resource registered so far, in registration order. */
  readonly resources: RecordedResource[];
  /** Waits until every registration the program started has completed. */
  settle(): Promise<void>;
}

let installed = false;

/** Installs the mock runtime and the recorder. Throws if called twice in one process. */
export async function installRecorder(project: string, stack: string): Promise<Recorder> {
  if (installed) throw new Error("the Pulumi mock runtime is global to the process: record one program per process");
  installed = true;
  const resources: RecordedResource[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        // Echo the inputs as state, with an id like Azure's, so outputs such as `vm.id` resolve.
        return { id: `/mock/${args.type}/${args.name}`, state: { ...(args.inputs as Record<string, unknown>), name: physicalName(args.type, args.name, args.inputs as Record<string, unknown>) } };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs as Record<string, unknown>;
      },
    },
    project,
    stack,
    false,
  );
  // `pulumi up` serialises a dynamic provider once per provider object (PULUMI_NODEJS_CACHE_DYNAMIC_PROVIDERS
  // defaults on); the mock options drop that flag, which made every Pause re-serialise its provider.
  const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { settings: { options: Record<string, unknown> } } };
  state.getStore().settings.options.cacheDynamicProviders = process.env.PULUMI_NODEJS_CACHE_DYNAMIC_PROVIDERS !== "false";
  const monitor = pulumi.runtime.getMonitor() as unknown as PatchableMonitor | undefined;
  if (!monitor) throw new Error("the mock runtime did not install a monitor");
  const original = monitor.registerResource.bind(monitor);
  // The mock's newResource sees neither parent nor dependencies: take them from the request.
  monitor.registerResource = (req, cb) =>
    original(req, (err, resp) => {
      if (!err && resp) {
        const deps = new Set(req.getDependenciesList());
        req.getPropertydependenciesMap().forEach((d) => d.getUrnsList().forEach((u) => deps.add(u)));
        resources.push({
          type: req.getType(),
          name: req.getName(),
          urn: resp.getUrn(),
          parent: req.getParent() ? nameOfUrn(req.getParent()) : null,
          dependsOn: [...deps].map(nameOfUrn),
          // The serialized request, not the mock's deserialized copy: deserializing marks a whole
          // top-level property secret when anything inside it is, which would hide e.g. the
          // computer name next to the admin password.
          inputs: req.getObject()?.toJavaScript() ?? {},
        });
      }
      cb(err, resp);
    });
  return {
    resources,
    async settle() {
      const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };
      await settings.waitForRPCs();
    },
  };
}
