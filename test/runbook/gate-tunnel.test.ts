/**
 * The gates open their own Bastion tunnels (issue 11, item 9): no tunnel opened by hand before
 * `pulumi up`. Three things stand in for what this machine lacks: the Azure CLI is the stand-in `az`
 * of test/support/standin-az.ts; SQL Server is a fake engine that records the connection strings it
 * was given and connects to their local ports while it runs; the Pulumi engine is Pulumi's mock
 * runtime, under which the program's declaration of the gates is recorded and then handed to the
 * provider, as `pulumi up` would hand it the resolved inputs.
 */
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { makeGateProvider, gateProvider, GATE_PROVIDER_VERSION, type GateInputs } from "../../src/runbook/gate-provider";
import type { GateSources } from "../../src/runbook/gate-engine";
import type { GateEngine } from "../../migration-jobs/runbook/gates";
import type { TunnelSpec } from "../../src/runbook/tunnel";
import { parseConnectionString } from "../../migration-jobs/readers/settings";
import { alive, standinAz, type StandinMode } from "../support/standin-az";

const SECRET = "Sentinel-Tunnel-Pa55";
const LEGACY = `Server=lablgsql101.contoso.local;Database=GroupChat;User Id=pchatkit;Password=${SECRET};Encrypt=true;TrustServerCertificate=true`;
const TARGET = `Server=labsql101.contoso.local;Database=mgc;User Id=pchatkit;Password=${SECRET};Encrypt=true;TrustServerCertificate=true`;
const VM = (name: string) => `/subscriptions/0000/resourceGroups/lab-primary-rg/providers/Microsoft.Compute/virtualMachines/${name}`;
const LEGACY_TUNNEL: TunnelSpec = { bastionName: "lab-bastion", resourceGroup: "lab-primary-rg", targetResourceId: VM("lablgsql101"), resourcePort: 1433 };
const TARGET_TUNNEL: TunnelSpec = { ...LEGACY_TUNNEL, targetResourceId: VM("labsql101") };

const AZ = standinAz();
const dirs: string[] = [];
afterAll(() => {
  AZ.remove();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
beforeEach(() => AZ.reset());

function reportDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-gate-"));
  dirs.push(d);
  return d;
}

const inputs = (over: Partial<GateInputs> = {}): GateInputs => ({
  gate: "readiness",
  runId: "lab-1",
  acceptWarnings: false,
  cutoff: "2025-01-01",
  exportLevel: "All",
  legacy: LEGACY,
  target: TARGET,
  legacyTunnel: LEGACY_TUNNEL,
  targetTunnel: TARGET_TUNNEL,
  reportDir: reportDir(),
  trustServerCertificate: true,
  top: 5,
  version: GATE_PROVIDER_VERSION,
  ...over,
});

function reaches(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port });
    s.on("data", () => undefined);
    s.once("end", () => resolve(true));
    s.once("error", () => resolve(false));
  });
}

const portOf = (cs: string | null): number => Number(/Server=127\.0\.0\.1,(\d+);/.exec(cs ?? "")?.[1] ?? NaN);

/** A fake engine: records its sources and, while it runs, whether their servers answer. */
function engine(behaviour: "pass" | "block" | "fail" = "pass") {
  const seen: GateSources[] = [];
  const reached: boolean[] = [];
  const run = async (s: GateSources) => {
    for (const cs of [s.legacy, s.target]) if (cs && cs.includes("127.0.0.1")) reached.push(await reaches(portOf(cs)));
    if (behaviour === "fail") throw new Error(`login failed for ${s.legacy}`);
  };
  const factory = (s: GateSources): GateEngine => {
    seen.push(s);
    return {
      readiness: async () => {
        await run(s);
        return { outcome: { findings: behaviour === "block" ? [{ code: "ROOM_NAME_TOO_LONG", severity: "error", subject: "room", message: "too long.", fix: "shorten it." }] : [] }, reportPath: `${s.reportDir}/readiness.md` };
      },
      verification: async () => {
        await run(s);
        return { outcome: { ok: true, findings: [] }, reportPath: `${s.reportDir}/verification.md` };
      },
    };
  };
  return { factory, seen, reached };
}

const provider = (e: ReturnType<typeof engine>, mode: StandinMode | ((start: number) => StandinMode) = "listen", az?: string) => makeGateProvider(e.factory, { ...AZ.deps(mode), ...(az ? { az } : {}) });

/** Every tunnel started was stopped, and no stand-in is left running. */
function expectAllClosed(): void {
  const started = AZ.calls().filter((c) => c.pid).map((c) => c.pid!);
  expect(AZ.calls().filter((c) => c.stopped).map((c) => c.stopped!).sort()).toEqual([...started].sort());
  for (const pid of started) expect(alive(pid)).toBe(false);
}

describe("a gate opens the tunnels it needs for its own run and closes them afterwards", () => {
  test("readiness: both tunnels, with the documented arguments; the engine reaches SQL through their local ports", async () => {
    const e = engine();
    const r = await provider(e).create(inputs());
    const starts = AZ.calls().filter((c) => c.args);
    expect(starts.map((c) => c.args!.slice(0, 11))).toEqual([
      ["network", "bastion", "tunnel", "--name", "lab-bastion", "--resource-group", "lab-primary-rg", "--target-resource-id", VM("lablgsql101"), "--resource-port", "1433"],
      ["network", "bastion", "tunnel", "--name", "lab-bastion", "--resource-group", "lab-primary-rg", "--target-resource-id", VM("labsql101"), "--resource-port", "1433"],
    ]);
    // The connection strings point at the tunnels' local ends; everything else is as given.
    expect(portOf(e.seen[0]!.legacy)).toBe(AZ.ports()[0]);
    expect(portOf(e.seen[0]!.target)).toBe(AZ.ports()[1]);
    expect(e.seen[0]!.legacy).toBe(`${LEGACY.replace("lablgsql101.contoso.local", `127.0.0.1,${AZ.ports()[0]}`)};HostNameInCertificate=lablgsql101.contoso.local`);
    // The live engine reads it so: the tunnel's port, the certificate still checked against the VM's name.
    expect(parseConnectionString(e.seen[0]!.legacy, "legacy")).toMatchObject({ host: "127.0.0.1", port: AZ.ports()[0], hostNameInCertificate: "lablgsql101.contoso.local", database: "GroupChat" });
    expect(e.reached).toEqual([true, true]);
    expectAllClosed();
    // Nothing of the tunnels (ports) and no secret in what the gate leaves in the state.
    expect(JSON.stringify(r.outs)).not.toContain(SECRET);
    for (const p of AZ.ports()) expect(JSON.stringify(r.outs)).not.toContain(String(p));
  });

  test.each<[string, "block" | "fail", RegExp]>([
    ["a blocked gate", "block", /readiness gate blocked run lab-1/],
    ["an engine failure (redacted)", "fail", /readiness gate \(run lab-1\) could not run/],
  ])("%s: the tunnels are closed too", async (_n, behaviour, message) => {
    const err = await provider(engine(behaviour)).create(inputs()).catch((x: Error) => x);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain(SECRET);
    expect(AZ.calls().filter((c) => c.pid)).toHaveLength(2);
    expectAllClosed();
  });

  test("verification with the readiness gate's saved analysis: only the mgc tunnel", async () => {
    const dir = reportDir();
    fs.writeFileSync(path.join(dir, "readiness.json"), JSON.stringify({ format: "pchat-kit.analysis", version: 1 }));
    const e = engine();
    await provider(e).create(inputs({ gate: "verification", reportDir: dir }));
    expect(AZ.calls().filter((c) => c.args).map((c) => c.args![8])).toEqual([VM("labsql101")]);
    expect(e.seen[0]!.legacy).toBe(LEGACY);
    expect(portOf(e.seen[0]!.target)).toBe(AZ.ports()[0]);
    expectAllClosed();
  });

  test("verification without it (it analyses the legacy database again): both tunnels", async () => {
    await provider(engine()).create(inputs({ gate: "verification" }));
    expect(AZ.calls().filter((c) => c.args).map((c) => c.args![8])).toEqual([VM("lablgsql101"), VM("labsql101")]);
    expectAllClosed();
  });

  test("a gate without tunnels (explicit servers, or no Bastion) starts no az and connects as given", async () => {
    const e = engine();
    await provider(e).create(inputs({ legacyTunnel: null, targetTunnel: undefined }));
    expect(AZ.calls()).toEqual([]);
    expect(e.seen[0]).toMatchObject({ legacy: LEGACY, target: TARGET });
  });
});

describe("a tunnel that cannot open: a clear error naming the fix, and nothing left open", () => {
  test("az missing: install the Azure CLI and log in, or name reachable servers", async () => {
    const err = await provider(engine(), "listen", AZ.missing).create(inputs()).catch((x: Error) => x);
    expect((err as Error).message).toMatch(/^readiness gate \(run lab-1\) could not open its Bastion tunnel to the legacy database's SQL Server: pchat-kit:migration\.gates: the Azure CLI \(`az`\) is not installed/);
    expect((err as Error).message).toMatch(/fix: install the Azure CLI .* and run `az login`, or set pchat-kit:migration\.gates\.legacyServer and targetServer/);
  });

  test("not logged in, on the second tunnel: the first is closed, the error names the mgc side and `az login`", async () => {
    const e = engine();
    const err = await provider(e, (start) => (start === 0 ? "listen" : "not-logged-in")).create(inputs()).catch((x: Error) => x);
    expect((err as Error).message).toMatch(/could not open its Bastion tunnel to the Persistent Chat store's \(mgc\) SQL Server: pchat-kit:migration\.gates: the Azure CLI is not logged in/);
    expect((err as Error).message).toMatch(/fix: run `az login`/);
    expect(e.seen).toEqual([]);
    const [first, second] = AZ.calls().filter((c) => c.pid).map((c) => c.pid!);
    expect(AZ.calls().filter((c) => c.stopped).map((c) => c.stopped)).toEqual([first]); // the second ended on its own
    expect([alive(first!), alive(second!)]).toEqual([false, false]);
  });
});

describe("how a gate connects is not what it decides with", () => {
  const p = makeGateProvider(engine().factory);
  const moved = inputs({ legacyTunnel: { ...LEGACY_TUNNEL, targetResourceId: VM("lablgsql102"), resourcePort: 14330 }, targetTunnel: null });
  test("another tunnel (or none) under the same runId is no change and is not refused", async () => {
    const old = inputs();
    expect((await p.diff!("readiness-lab-1", old, { ...moved, reportDir: old.reportDir })).changes).toBe(false);
    expect((await p.check!(old, { ...moved, reportDir: old.reportDir })).failures).toEqual([]);
  });
  test("a state from before the gates opened tunnels is no change either", async () => {
    const { legacyTunnel: _l, targetTunnel: _t, ...before } = inputs();
    expect((await p.diff!("readiness-lab-1", before as GateInputs, inputs({ reportDir: before.reportDir }))).changes).toBe(false);
  });
  test.each<[string, unknown]>([
    ["no Bastion name", { ...LEGACY_TUNNEL, bastionName: "" }],
    ["no VM id", { ...LEGACY_TUNNEL, targetResourceId: undefined }],
    ["a port that is not one", { ...LEGACY_TUNNEL, resourcePort: 70000 }],
  ])("a tunnel input with %s is refused by check", async (_n, tunnel) => {
    const r = await p.check!({}, inputs({ legacyTunnel: tunnel as TunnelSpec }));
    expect(r.failures!.map((f) => f.property)).toEqual(["legacyTunnel"]);
  });
});

describe("serialization, as pulumi up does it", () => {
  test("the provider with its tunnel dependencies serializes", async () => {
    const p = provider(engine());
    expect((await pulumi.runtime.serializeFunction(() => p)).text.length).toBeGreaterThan(0);
  });
  test("the live provider carries the tunnel code, and no secret", async () => {
    const s = await pulumi.runtime.serializeFunction(() => gateProvider);
    expect(s.text).toContain("bastion");
    expect(s.text).not.toContain(SECRET);
  });
});
