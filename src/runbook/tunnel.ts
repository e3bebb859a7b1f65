/**
 * Bastion tunnels the gates open for themselves, so `pulumi up` stays one command: the gates run where
 * `pulumi up` runs and reach SQL Server on the VMs through `az network bastion tunnel` on a free local
 * port, held open only for the gate's duration. Processes are started through a small interface (the
 * real one is node:child_process; tests use a stand-in `az` executable), because execa 9 is ESM-only
 * and cannot be loaded by the dynamic provider's CommonJS code or by jest.
 */
import { spawn as spawnProcess, type ChildProcess } from "node:child_process";
import * as net from "node:net";
import { UserError } from "../../migration-jobs/common/errors";

export interface TunnelSpec {
  /** The Bastion host's name, e.g. `lab-bastion`. */
  bastionName: string;
  resourceGroup: string;
  /** The VM's resource id. */
  targetResourceId: string;
  /** The port on the VM, e.g. 1433. */
  resourcePort: number;
}

export interface OpenTunnel {
  /** The local port on 127.0.0.1 that reaches `resourcePort` on the VM. */
  port: number;
  close(): Promise<void>;
}

export interface TunnelDeps {
  /** @default node:child_process spawn */
  spawn?: (command: string, args: string[]) => ChildProcess;
  /** The Azure CLI. @default "az" (found on PATH) */
  az?: string;
  /** How long to wait for the tunnel to accept connections. @default 60000 */
  readyTimeoutMs?: number;
  /** @default an ephemeral port the OS hands out */
  freePort?: () => Promise<number>;
}

const WHERE = "pchat-kit:migration.gates";

/** A port nobody listens on right now (the OS picks it; the tunnel binds it a moment later). */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** What the Azure CLI's own words mean for the user, never its raw output (it may echo ids and tokens). */
function explain(stderr: string, exitCode: number | null, spec: TunnelSpec): UserError {
  if (/az login|not logged in|please run 'az login'|AADSTS|expired/i.test(stderr)) {
    return new UserError(WHERE, "the Azure CLI is not logged in, so the gates cannot open their Bastion tunnel", "run `az login` (and `az account set --subscription <id>`), then `pulumi up` again");
  }
  if (/extension|bastion.*not.*installed|is not in the 'az network bastion' command group/i.test(stderr)) {
    return new UserError(WHERE, "the Azure CLI lacks the bastion extension, so the gates cannot open their tunnel", "run `az extension add --name bastion`, then `pulumi up` again");
  }
  if (/tunnel|native client|enableTunneling|not enabled/i.test(stderr)) {
    return new UserError(WHERE, `Bastion ${spec.bastionName} refused a tunnel (the Standard SKU with tunnelling is needed)`, "set pchat-kit:access.bastion: true (the kit then declares a Standard Bastion with tunnelling), or open the access yourself and set gates.legacyServer/targetServer");
  }
  return new UserError(WHERE, `az network bastion tunnel to ${spec.bastionName} ended with exit code ${exitCode ?? "none"} before the tunnel was ready`, "run the same `az network bastion tunnel` by hand to see why, or open the access yourself and set gates.legacyServer/targetServer");
}

/** Opens one tunnel and waits until its local port accepts connections. */
export async function openBastionTunnel(spec: TunnelSpec, deps: TunnelDeps = {}): Promise<OpenTunnel> {
  const port = await (deps.freePort ?? freeLocalPort)();
  const args = ["network", "bastion", "tunnel", "--name", spec.bastionName, "--resource-group", spec.resourceGroup, "--target-resource-id", spec.targetResourceId, "--resource-port", String(spec.resourcePort), "--port", String(port)];
  const child = (deps.spawn ?? ((c: string, a: string[]) => spawnProcess(c, a, { stdio: ["ignore", "ignore", "pipe"] })))(deps.az ?? "az", args);
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => {
    if (stderr.length < 16_384) stderr += b.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; error?: NodeJS.ErrnoException }>((resolve) => {
    child.once("exit", (code) => resolve({ code }));
    child.once("error", (error: NodeJS.ErrnoException) => resolve({ code: null, error }));
  });
  const close = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const deadline = Date.now() + (deps.readyTimeoutMs ?? 60_000);
  let ended: { code: number | null; error?: NodeJS.ErrnoException } | null = null;
  void exited.then((e) => (ended = e));
  while (Date.now() < deadline) {
    if (ended) break;
    if (await accepts(port)) return { port, close };
    await new Promise((r) => setTimeout(r, 200));
  }
  // Read before close(): stopping a hung tunnel ends the process too, and that is not its failure.
  const end = ended as { code: number | null; error?: NodeJS.ErrnoException } | null;
  await close();
  if (end?.error?.code === "ENOENT") {
    throw new UserError(WHERE, "the Azure CLI (`az`) is not installed where `pulumi up` runs, so the gates cannot open their Bastion tunnel", "install the Azure CLI and run `az login`, or open the access yourself and set gates.legacyServer/targetServer");
  }
  if (end) throw explain(stderr, end.code, spec);
  throw new UserError(WHERE, `the Bastion tunnel to ${spec.bastionName} did not accept connections within ${Math.round((deps.readyTimeoutMs ?? 60_000) / 1000)} s`, "check the Bastion host and the VM, then `pulumi up` again");
}

/**
 * Runs `work` with a tunnel per spec open, and closes every tunnel afterwards, whatever happened: the
 * tunnels live exactly as long as the gate.
 */
export async function withTunnels<T>(specs: TunnelSpec[], work: (ports: number[]) => Promise<T>, deps: TunnelDeps = {}): Promise<T> {
  const open: OpenTunnel[] = [];
  try {
    for (const s of specs) open.push(await openBastionTunnel(s, deps));
    return await work(open.map((t) => t.port));
  } finally {
    await Promise.all(open.map((t) => t.close()));
  }
}
