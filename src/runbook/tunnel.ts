/**
 * Bastion tunnels the gates open for themselves, so `pulumi up` stays one command: the gates run where
 * `pulumi up` runs and reach SQL Server on the VMs through `az network bastion tunnel` on a free local
 * port, held open only for the gate's duration. Processes are started through a small interface (the
 * real one is node:child_process; tests use a stand-in `az` executable), because execa 9 is ESM-only
 * and cannot be loaded by the dynamic provider's CommonJS code or by jest.
 */
import { spawn as spawnProcess, type ChildProcess, type SpawnOptions } from "node:child_process";
import * as net from "node:net";
import { UserError } from "../../migration-jobs/common/errors";
import { formatConnectionString, parseServer, splitConnectionString } from "../../migration-jobs/readers/settings";

export interface TunnelSpec {
  /** The Bastion host's name, e.g. `lab-bastion`. */
  bastionName: string;
  /** The Bastion host's resource group. */
  resourceGroup: string;
  /** The VM's resource id. */
  targetResourceId: string;
  /** The port on the VM: the SQL instance's TCP port, e.g. 1433. */
  resourcePort: number;
}

export interface OpenTunnel {
  /** The local port on 127.0.0.1 that reaches `resourcePort` on the VM. */
  port: number;
  close(): Promise<void>;
}

export interface TunnelDeps {
  /** @default node:child_process spawn (tests pass it on with their own environment) */
  spawn?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
  /** The Azure CLI. @default "az" ("az.cmd" on Windows), found on PATH */
  az?: string;
  /** How long to wait for the tunnel to accept connections. @default 60000 */
  readyTimeoutMs?: number;
  /** How long a stopped tunnel may take to exit before it is killed. @default 5000 */
  stopTimeoutMs?: number;
  /** @default an ephemeral port the OS hands out */
  freePort?: () => Promise<number>;
  /** @default process.platform */
  platform?: NodeJS.Platform;
}

const WHERE = "pchat-kit:migration.gates";
/** What a user without Bastion, or without the Azure CLI, does instead (README, SQL access for the gates). */
const OWN_ACCESS = "or set pchat-kit:migration.gates.legacyServer and targetServer to SQL Servers reachable from where `pulumi up` runs (a VPN, or a tunnel you open yourself)";
/** A free port can be taken between asking the OS and the tunnel binding it: try again on another. */
const PORT_ATTEMPTS = 3;

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

/** The local port was taken by someone else between freePort and the tunnel's bind (Linux, Windows wordings). */
function portTaken(stderr: string): boolean {
  return /address already in use|only one usage of each socket address|Errno 98|WinError 10048/i.test(stderr);
}

/** What the Azure CLI's own words mean for the user, never its raw output (it may echo ids and tokens). */
function explain(stderr: string, exitCode: number | null, spec: TunnelSpec): UserError {
  // cmd.exe's words and exit code when `az.cmd` is not on PATH (Windows starts it through the shell).
  if (exitCode === 9009 || /is not recognized as an internal or external command/i.test(stderr)) return notInstalled();
  if (/az login|not logged in|please run 'az login'|AADSTS|expired/i.test(stderr)) {
    return new UserError(WHERE, "the Azure CLI is not logged in, so the gates cannot open their Bastion tunnels", `run \`az login\` (and \`az account set --subscription <id>\`) where \`pulumi up\` runs, then \`pulumi up\` again, ${OWN_ACCESS}`);
  }
  if (/extension|bastion.*not.*installed|is not in the 'az network bastion' command group/i.test(stderr)) {
    return new UserError(WHERE, "the Azure CLI lacks the bastion extension, so the gates cannot open their tunnels", "run `az extension add --name bastion`, then `pulumi up` again");
  }
  if (/native client|enableTunneling|tunnel.*not enabled|SKU must be/i.test(stderr)) {
    return new UserError(WHERE, `Bastion ${spec.bastionName} refused a tunnel (the Standard SKU with tunnelling is needed)`, `set pchat-kit:access.bastion: true (the kit then declares a Standard Bastion with tunnelling), ${OWN_ACCESS}`);
  }
  return new UserError(WHERE, `az network bastion tunnel to ${spec.bastionName} ended with exit code ${exitCode ?? "none"} before the tunnel was ready`, `run the same \`az network bastion tunnel\` by hand to see why, ${OWN_ACCESS}`);
}

function notInstalled(): UserError {
  return new UserError(WHERE, "the Azure CLI (`az`) is not installed where `pulumi up` runs, so the gates cannot open their Bastion tunnels", `install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli) and run \`az login\`, ${OWN_ACCESS}`);
}

interface Ended {
  code: number | null;
  error?: NodeJS.ErrnoException;
}

/**
 * Stops the tunnel and everything it started: on Linux `az` is a shell script that starts Python as
 * its child, so the whole process group is signalled (the child was started as its leader); on
 * Windows `taskkill /T` ends the tree under cmd.exe.
 */
function stopper(child: ChildProcess, exited: Promise<Ended>, deps: TunnelDeps, windows: boolean): () => Promise<void> {
  const signal = (sig: NodeJS.Signals): void => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    if (windows) {
      spawnProcess("taskkill", ["/pid", String(child.pid), "/T", "/F"], { stdio: "ignore" }).once("error", () => child.kill());
      return;
    }
    try {
      process.kill(-child.pid, sig);
    } catch {
      child.kill(sig);
    }
  };
  // Closed means nothing of the tunnel is left: the group's last process, not only its leader, is gone.
  const groupGone = async (): Promise<boolean> => {
    if (windows || child.pid === undefined) return true;
    try {
      process.kill(-child.pid, 0);
      return false;
    } catch {
      return true;
    }
  };
  const settled = async (): Promise<void> => {
    await exited;
    while (!(await groupGone())) await new Promise((r) => setTimeout(r, 50));
  };
  // Bounded: an orphan that has exited stays in the group as a zombie until init reaps it; it holds no port.
  const within = async (ms: number): Promise<boolean> => (await Promise.race([settled().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), ms).unref())])) === true;
  return async () => {
    const ms = deps.stopTimeoutMs ?? 5_000;
    signal("SIGTERM");
    if (await within(ms)) return;
    signal("SIGKILL");
    if (!windows && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await exited;
    await within(ms);
  };
}

type Attempt = { tunnel: OpenTunnel } | { retry: true };

async function attempt(spec: TunnelSpec, deps: TunnelDeps): Promise<Attempt> {
  const windows = (deps.platform ?? process.platform) === "win32";
  const port = await (deps.freePort ?? freeLocalPort)();
  const args = ["network", "bastion", "tunnel", "--name", spec.bastionName, "--resource-group", spec.resourceGroup, "--target-resource-id", spec.targetResourceId, "--resource-port", String(spec.resourcePort), "--port", String(port)];
  // Node starts a .cmd only through the shell; elsewhere the tunnel leads its own process group (see stopper).
  const options: SpawnOptions = windows ? { stdio: ["ignore", "ignore", "pipe"], shell: true, windowsHide: true } : { stdio: ["ignore", "ignore", "pipe"], detached: true };
  const child = (deps.spawn ?? spawnProcess)(deps.az ?? (windows ? "az.cmd" : "az"), args, options);
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => {
    if (stderr.length < 16_384) stderr += b.toString("utf8");
  });
  const exited = new Promise<Ended>((resolve) => {
    child.once("exit", (code) => resolve({ code }));
    child.once("error", (error: NodeJS.ErrnoException) => resolve({ code: null, error }));
  });
  const close = stopper(child, exited, deps, windows);
  const timeoutMs = deps.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let ended: Ended | null = null;
  void exited.then((e) => (ended = e));
  while (Date.now() < deadline) {
    if (ended) break;
    if (await accepts(port)) return { tunnel: { port, close } };
    await new Promise((r) => setTimeout(r, 200));
  }
  // Read before close(): stopping a hung tunnel ends the process too, and that is not its failure.
  const end = ended as Ended | null;
  await close();
  if (end?.error?.code === "ENOENT") throw notInstalled();
  if (end && portTaken(stderr)) return { retry: true };
  if (end) throw explain(stderr, end.code, spec);
  throw new UserError(WHERE, `the Bastion tunnel to ${spec.bastionName} did not accept connections within ${Math.round(timeoutMs / 1000)} s`, "check the Bastion host and the VM, then `pulumi up` again");
}

/** Opens one tunnel and waits until its local port accepts connections. */
export async function openBastionTunnel(spec: TunnelSpec, deps: TunnelDeps = {}): Promise<OpenTunnel> {
  for (let i = 0; i < PORT_ATTEMPTS; i++) {
    const a = await attempt(spec, deps);
    if ("tunnel" in a) return a.tunnel;
  }
  throw new UserError(WHERE, `the Bastion tunnel to ${spec.bastionName} found its local port taken ${PORT_ATTEMPTS} times in a row`, "stop whatever keeps taking local ports, then `pulumi up` again");
}

/** A tunnel of `withTunnels` that could not be opened: which one (its index in the specs), and why. */
export class TunnelOpenError extends UserError {
  readonly index: number;
  constructor(index: number, cause: UserError) {
    super(cause.where, cause.message.slice(cause.where.length + 2), cause.fix);
    this.index = index;
  }
}

/**
 * Runs `work` with a tunnel per spec open, and closes every tunnel afterwards, whatever happened: the
 * tunnels live exactly as long as the gate.
 */
export async function withTunnels<T>(specs: TunnelSpec[], work: (ports: number[]) => Promise<T>, deps: TunnelDeps = {}): Promise<T> {
  const open: OpenTunnel[] = [];
  try {
    for (const [index, s] of specs.entries()) {
      try {
        open.push(await openBastionTunnel(s, deps));
      } catch (e) {
        throw e instanceof UserError ? new TunnelOpenError(index, e) : e;
      }
    }
    return await work(open.map((t) => t.port));
  } finally {
    await Promise.all(open.map((t) => t.close()));
  }
}

const SERVER_KEYS = new Set(["server", "datasource", "address", "addr", "networkaddress"]);

/**
 * The connection string pointed at a tunnel's local end: its server becomes `127.0.0.1,<port>` (a port
 * wins over an instance name, so a named instance is reached on the VM port the tunnel carries), and
 * the certificate is still checked against the server's own name (`HostNameInCertificate`, unless the
 * string names one); every other key, the password too, is kept as it was.
 */
export function throughTunnel(connectionString: string, port: number, where: string): string {
  const pairs = splitConnectionString(connectionString, where);
  const norm = (k: string) => k.replace(/\s+/g, "").toLowerCase();
  const at = pairs.findIndex(([k]) => SERVER_KEYS.has(norm(k)));
  if (at < 0) throw new UserError(where, "the connection string names no server, so the gate cannot point it at its Bastion tunnel", "give the gate a connection string with Server=...");
  const host = parseServer(pairs[at]![1], where).host;
  pairs[at] = [pairs[at]![0], `127.0.0.1,${port}`];
  if (!pairs.some(([k]) => norm(k) === "hostnameincertificate")) pairs.push(["HostNameInCertificate", host]);
  return formatConnectionString(pairs);
}
