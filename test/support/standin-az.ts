/**
 * A stand-in for the Azure CLI's `az network bastion tunnel` (this machine has no Azure CLI and no
 * Azure): a small Node program named `az`. Seen from outside it does what the real one does: listens
 * on the `--port` it is given until it is stopped; or fails the ways the real one does (not logged in,
 * no bastion extension, tunnelling not enabled, its local port taken), or hangs. Like the Linux `az`
 * (a shell script that starts Python as its child, without exec), it can run under a wrapper script.
 * Its behaviour comes from STANDIN_MODE; it records its arguments, its pid and its stop in STANDIN_LOG.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

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
// Someone took the port between the kit asking the OS for it and the tunnel binding it (once, or always).
const marker = process.env.STANDIN_LOG + ".taken";
if (mode === "port-taken-once" && !fs.existsSync(marker)) { fs.writeFileSync(marker, ""); process.stderr.write("ERROR: [Errno 98] Address already in use\\n"); process.exit(1); }
if (mode === "port-taken") { process.stderr.write("ERROR: [Errno 98] Address already in use\\n"); process.exit(1); }
// A probe that connects and drops at once resets its socket: like the real tunnel, carry on.
const server = net.createServer((s) => { s.on("error", () => {}); s.end("tunnel"); });
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => { fs.appendFileSync(process.env.STANDIN_LOG, JSON.stringify({ stopped: process.pid }) + "\\n"); server.close(() => process.exit(0)); });
`;

export type StandinMode = "listen" | "not-logged-in" | "no-extension" | "no-tunnelling" | "hang" | "port-taken-once" | "port-taken";

export interface StandinCall {
  args?: string[];
  pid?: number;
  stopped?: number;
}

export interface StandinAz {
  /** The stand-in itself. */
  az: string;
  /** A shell script that runs it as its child, as /usr/bin/az runs Python. */
  wrapper: string;
  /** A path where no `az` is. */
  missing: string;
  /** Tunnel deps that run the stand-in in `mode` (a function: the mode of each start in turn). */
  deps(mode: StandinMode | ((start: number) => StandinMode), readyTimeoutMs?: number): { az: string; readyTimeoutMs: number; spawn: (command: string, args: string[], options: SpawnOptions) => ChildProcess };
  /** Every start and stop so far. */
  calls(): StandinCall[];
  /** The `--port` of every start so far. */
  ports(): number[];
  /** Forget the calls (between tests). */
  reset(): void;
  remove(): void;
}

export function standinAz(): StandinAz {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-az-"));
  const az = path.join(dir, "az");
  const wrapper = path.join(dir, "az-wrapper");
  const log = path.join(dir, "calls.ndjson");
  fs.writeFileSync(az, STANDIN, { mode: 0o755 });
  fs.writeFileSync(wrapper, `#!/bin/sh\n"${az}" "$@"\necho "wrapper done" >&2\n`, { mode: 0o755 });
  const calls = (): StandinCall[] => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as StandinCall) : []);
  return {
    az,
    wrapper,
    missing: path.join(dir, "no-such-az"),
    deps(mode, readyTimeoutMs = 5000) {
      let start = 0;
      return {
        az,
        readyTimeoutMs,
        // The kit's own spawn options (process group, stdio) are kept; only the stand-in's environment is added.
        spawn: (command, args, options) => spawn(command, args, { ...options, env: { ...process.env, STANDIN_MODE: typeof mode === "function" ? mode(start++) : mode, STANDIN_LOG: log } }),
      };
    },
    calls,
    ports: () => calls().filter((c) => c.args).map((c) => Number(c.args![c.args!.indexOf("--port") + 1])),
    reset() {
      fs.rmSync(log, { force: true });
      fs.rmSync(`${log}.taken`, { force: true });
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Running: a process that exited but waits to be reaped (a zombie, state Z) holds nothing and does not count. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}
