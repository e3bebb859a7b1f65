/**
 * The gates' Bastion tunnels, with a stand-in for the Azure CLI: a small Node program named `az`
 * (this machine has no Azure CLI and no Azure). It does what `az network bastion tunnel` does seen
 * from outside (listens on the `--port` it is given until it is stopped), or fails the ways the real
 * one does (not logged in, no bastion extension, tunnelling not enabled), or hangs.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { spawn } from "node:child_process";
import { openBastionTunnel, withTunnels, type TunnelSpec } from "../../src/runbook/tunnel";
import { UserError } from "../../migration-jobs/common/errors";

const SPEC: TunnelSpec = { bastionName: "lab-bastion", resourceGroup: "lab-rg", targetResourceId: "/subscriptions/s/resourceGroups/lab-rg/providers/Microsoft.Compute/virtualMachines/lablgsql101", resourcePort: 1433 };

/** The stand-in `az`: its behaviour comes from STANDIN_MODE; it records its arguments in STANDIN_LOG. */
const STANDIN = `#!${process.execPath}
const fs = require("node:fs");
const net = require("node:net");
const args = process.argv.slice(2);
fs.appendFileSync(process.env.STANDIN_LOG, JSON.stringify({ args, pid: process.pid }) + "\\n");
const mode = process.env.STANDIN_MODE;
if (mode === "not-logged-in") { process.stderr.write("ERROR: Please run 'az login' to setup account.\\n"); process.exit(1); }
if (mode === "no-extension") { process.stderr.write("ERROR: 'tunnel' is misspelled or not recognized by the system. The extension 'bastion' is not installed.\\n"); process.exit(2); }
if (mode === "no-tunnelling") { process.stderr.write("ERROR: Bastion Host SKU must be Standard or Premium and Native Client must be enabled.\\n"); process.exit(1); }
if (mode === "hang") { setInterval(() => {}, 1000); return; }
const port = Number(args[args.indexOf("--port") + 1]);
// A probe that connects and drops at once resets its socket: like the real tunnel, carry on.
const server = net.createServer((s) => { s.on("error", () => {}); s.end("tunnel"); });
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => { fs.appendFileSync(process.env.STANDIN_LOG, JSON.stringify({ stopped: process.pid }) + "\\n"); server.close(() => process.exit(0)); });
`;

let dir: string;
let az: string;
let log: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-tunnel-"));
  az = path.join(dir, "az");
  log = path.join(dir, "calls.ndjson");
  fs.writeFileSync(az, STANDIN, { mode: 0o755 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => fs.rmSync(log, { force: true }));

function deps(mode: string, readyTimeoutMs = 5000) {
  return {
    az,
    readyTimeoutMs,
    spawn: (command: string, args: string[]) => spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, STANDIN_MODE: mode, STANDIN_LOG: log } }),
  };
}

function calls(): Array<{ args?: string[]; pid?: number; stopped?: number }> {
  return fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : [];
}

function connect(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: "127.0.0.1", port });
    let data = "";
    s.on("data", (d) => (data += d.toString()));
    s.on("end", () => resolve(data));
    s.on("error", (e) => (data ? resolve(data) : reject(e)));
  });
}

test("opens the tunnel on a free local port with the documented arguments, and closes it", async () => {
  const t = await openBastionTunnel(SPEC, deps("listen"));
  expect(await connect(t.port)).toBe("tunnel");
  const first = calls()[0]!;
  expect(first.args).toEqual(["network", "bastion", "tunnel", "--name", "lab-bastion", "--resource-group", "lab-rg", "--target-resource-id", SPEC.targetResourceId, "--resource-port", "1433", "--port", String(t.port)]);
  await t.close();
  expect(calls().some((c) => c.stopped === first.pid)).toBe(true);
  await expect(connect(t.port)).rejects.toThrow();
});

test("withTunnels holds the tunnels exactly for the work, and closes them when it throws", async () => {
  let seen: number[] = [];
  await expect(
    withTunnels(
      [SPEC, { ...SPEC, targetResourceId: SPEC.targetResourceId.replace("lablgsql101", "labsqlpc101") }],
      async (ports) => {
        seen = ports;
        expect(await connect(ports[0]!)).toBe("tunnel");
        expect(await connect(ports[1]!)).toBe("tunnel");
        throw new Error("the gate failed");
      },
      deps("listen"),
    ),
  ).rejects.toThrow("the gate failed");
  expect(seen).toHaveLength(2);
  const started = calls().filter((c) => c.pid).map((c) => c.pid);
  const stopped = calls().filter((c) => c.stopped).map((c) => c.stopped);
  expect(stopped.sort()).toEqual(started.sort());
});

test.each<[string, string, RegExp, RegExp]>([
  ["not logged in", "not-logged-in", /not logged in/, /az login/],
  ["the bastion extension missing", "no-extension", /bastion extension/, /az extension add --name bastion/],
  ["a Bastion without tunnelling", "no-tunnelling", /refused a tunnel/, /access\.bastion/],
])("%s: a user error naming the gates' key and the fix", async (_n, mode, problem, fix) => {
  const e = await openBastionTunnel(SPEC, deps(mode)).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  expect((e as UserError).where).toBe("pchat-kit:migration.gates");
  expect((e as UserError).message).toMatch(problem);
  expect((e as UserError).fix).toMatch(fix);
});

test("no az on the machine: a user error saying to install the Azure CLI", async () => {
  const e = await openBastionTunnel(SPEC, { ...deps("listen"), az: path.join(dir, "no-such-az") }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  expect((e as UserError).message).toMatch(/not installed/);
});

test("a tunnel that never opens is stopped after the timeout", async () => {
  const e = await openBastionTunnel(SPEC, deps("hang", 800)).catch((x: unknown) => x);
  expect((e as UserError).message).toMatch(/did not accept connections within 1 s/);
  const started = calls().find((c) => c.pid)!;
  // The hung stand-in was killed: its process is gone.
  expect(() => process.kill(started.pid!, 0)).toThrow();
});
