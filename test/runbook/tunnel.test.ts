/**
 * The gates' Bastion tunnels, with a stand-in for the Azure CLI (test/support/standin-az.ts: this
 * machine has no Azure CLI and no Azure). It does what `az network bastion tunnel` does seen from
 * outside, fails the ways the real one does, or hangs; and, like the Linux `az` (a shell script that
 * starts Python as its child), it can run under a wrapper script, so closing must stop the process the
 * wrapper started too.
 */
import * as net from "node:net";
import { alive, standinAz, type StandinAz, type StandinMode } from "../support/standin-az";
import { openBastionTunnel, throughTunnel, withTunnels, TunnelOpenError, type TunnelSpec } from "../../src/runbook/tunnel";
import { UserError } from "../../migration-jobs/common/errors";

const SPEC: TunnelSpec = { bastionName: "lab-bastion", resourceGroup: "lab-rg", targetResourceId: "/subscriptions/s/resourceGroups/lab-rg/providers/Microsoft.Compute/virtualMachines/lablgsql101", resourcePort: 1433 };

const AZ = standinAz();
afterAll(() => AZ.remove());
beforeEach(() => AZ.reset());
const deps = (mode: Parameters<StandinAz["deps"]>[0], readyTimeoutMs?: number) => AZ.deps(mode, readyTimeoutMs);
const calls = () => AZ.calls();

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

test("a local port taken before the tunnel binds it: the tunnel is opened again on another port", async () => {
  const t = await openBastionTunnel(SPEC, deps("port-taken-once"));
  const ports = AZ.ports();
  expect(ports).toHaveLength(2);
  expect(t.port).toBe(ports[1]);
  expect(await connect(t.port)).toBe("tunnel");
  await t.close();
});

test("a port taken every time: a user error after three tries, no process left", async () => {
  const e = await openBastionTunnel(SPEC, deps("port-taken")).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  expect((e as UserError).message).toMatch(/local port taken 3 times/);
  const started = calls().filter((c) => c.pid);
  expect(started).toHaveLength(3);
  for (const c of started) expect(alive(c.pid!)).toBe(false);
});

test("close stops what the az script started, not only the script (the whole process group)", async () => {
  const t = await openBastionTunnel(SPEC, { ...deps("listen"), az: AZ.wrapper });
  const inner = calls().find((c) => c.pid)!;
  expect(await connect(t.port)).toBe("tunnel");
  await t.close();
  expect(calls().some((c) => c.stopped === inner.pid)).toBe(true);
  expect(alive(inner.pid!)).toBe(false);
  await expect(connect(t.port)).rejects.toThrow();
});

test("withTunnels names the tunnel that could not open and closes the ones already open", async () => {
  const e = await withTunnels([SPEC, { ...SPEC, resourcePort: 1434 }], async () => "never", deps((start) => (start === 0 ? "listen" : "not-logged-in"))).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(TunnelOpenError);
  expect((e as TunnelOpenError).index).toBe(1);
  const first = calls().find((c) => c.pid)!;
  expect(calls().some((c) => c.stopped === first.pid)).toBe(true);
});

test("on Windows: az.cmd through the shell (Node starts a .cmd no other way), stopped with its tree", async () => {
  const asked: Array<{ command: string; shell: unknown; detached: unknown }> = [];
  const standin = deps("listen");
  const t = await openBastionTunnel(SPEC, {
    readyTimeoutMs: 5000,
    platform: "win32",
    // Records what the kit asks for, then starts the stand-in in its place (this machine has no cmd.exe).
    spawn: (command, args, options) => {
      asked.push({ command, shell: options.shell, detached: options.detached });
      return standin.spawn(AZ.az, args, { ...options, shell: false });
    },
  });
  expect(asked).toEqual([{ command: "az.cmd", shell: true, detached: undefined }]);
  const pid = calls().find((c) => c.pid)!.pid!;
  // taskkill is absent here: the kit falls back to stopping the process itself.
  await t.close();
  expect(alive(pid)).toBe(false);
});

test.each<[string, StandinMode, RegExp, RegExp]>([
  ["not logged in", "not-logged-in", /not logged in/, /az login.*pchat-kit:migration\.gates\.legacyServer/],
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
  const e = await openBastionTunnel(SPEC, { ...deps("listen"), az: AZ.missing }).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(UserError);
  expect((e as UserError).message).toMatch(/not installed/);
  expect((e as UserError).fix).toMatch(/install the Azure CLI.*az login.*pchat-kit:migration\.gates\.legacyServer and targetServer/);
});

describe("throughTunnel: the gate's connection string pointed at the tunnel's local end", () => {
  const PASSWORD = "Sentinel;Tunnel=Pa55";
  test.each<[string, string, string]>([
    ["Server with a named instance", `Server=lablgsql101.contoso.local\\GC;Database=GroupChat;User Id=pchatkit;Password="${PASSWORD}";Encrypt=true`, `Server=127.0.0.1,50123;Database=GroupChat;User Id=pchatkit;Password="${PASSWORD}";Encrypt=true;HostNameInCertificate=lablgsql101.contoso.local`],
    ["Data Source with a port", `Data Source=labsql101.contoso.local,1433;Initial Catalog=mgc;Password="${PASSWORD}"`, `Data Source=127.0.0.1,50123;Initial Catalog=mgc;Password="${PASSWORD}";HostNameInCertificate=labsql101.contoso.local`],
    ["a certificate name already given", `Server=sql;Database=mgc;Host Name In Certificate=sql.contoso.local;Password="${PASSWORD}"`, `Server=127.0.0.1,50123;Database=mgc;Host Name In Certificate=sql.contoso.local;Password="${PASSWORD}"`],
  ])("%s", (_n, given, expected) => {
    const out = throughTunnel(given, 50123, "pchat-kit:migration.gates (legacy)");
    expect(out).toBe(expected);
    expect(out).toContain(PASSWORD);
  });
  test("no server: a user error that does not show the string", () => {
    const e = (() => {
      try {
        return throughTunnel(`Database=mgc;Password=${PASSWORD.replace(";", "")}`, 50123, "pchat-kit:migration.gates (target)");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).not.toContain("Sentinel");
  });
});

test("a tunnel that never opens is stopped after the timeout", async () => {
  const e = await openBastionTunnel(SPEC, deps("hang", 800)).catch((x: unknown) => x);
  expect((e as UserError).message).toMatch(/did not accept connections within 1 s/);
  const started = calls().find((c) => c.pid)!;
  // The hung stand-in was killed: its process is gone.
  expect(alive(started.pid!)).toBe(false);
});
