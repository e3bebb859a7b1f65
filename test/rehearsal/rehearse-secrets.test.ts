/**
 * No secret reaches the rehearsal's files or output. Stand-ins: Pulumi's mock runtime for the Pulumi
 * engine and Azure (the real program runs under it, through `runCli`, once in this file); a
 * connection string to a closed local port for an unreachable legacy SQL Server.
 * Every secret key of the stack gets a sentinel value, as `pulumi config set --secret` would give it
 * (through the offline plan's `secretValues`): the rehearsal must mask each of them everywhere. The
 * same sentinels written in clear in a stack file are refused, by key, never echoed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../../src/cli/main";
import { runRehearse } from "../../src/cli/rehearse";
import { commandContext } from "../../migration-jobs/cli/command";
import type { OfflinePlanOptions } from "../../src/offline/plan";
import { bufferIo } from "../../migration-jobs/common/io";

const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-rehearse-secrets-"));
const out = path.join(tmp, "out");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SENTINELS: Record<string, string> = {
  adminPassword: "Sentinel-Admin-Pw-5c1e9a",
  sqlAdminPassword: "Sentinel-Sql-Pw-77b2f0",
  safeModePassword: "Sentinel-SafeMode-Pw-3d84",
  legacyBackupUrl: "https://labbackups.blob.core.windows.net/gc/GroupChat.bak?sv=2024-08-04&sig=SentinelSasSig0x9f",
  lyncMediaUrl: "https://labmedia.blob.core.windows.net/lync/LyncServer2013.iso?sv=2024-08-04&sig=SentinelMediaSig0x51",
  lyncUpdateUrl: "https://labmedia.blob.core.windows.net/lync/LyncServerUpdateInstaller.exe?sv=2024-08-04&sig=SentinelUpdateSig0x7a",
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe("a --legacy connection string whose server cannot be reached", () => {
  const password = "Sentinel-Legacy-Pw-0c4b";
  const io = bufferIo();
  let code = -1;
  beforeAll(async () => {
    // Port 1 on the loopback refuses at once; no retry keeps the test fast.
    code = await runCli(["rehearse", "--out", out, "--json", "--legacy", `Server=127.0.0.1,1;Database=GroupChat;User Id=sa;Password=${password};Connect Timeout=2;ConnectRetryCount=0`], io);
  }, 60_000);

  it("exits 2 naming the server and the fix, without the password anywhere", () => {
    expect(code).toBe(2);
    expect(io.out).toBe("");
    expect(io.err).toMatch(/127\.0\.0\.1,1\/GroupChat: connecting failed/);
    expect(io.err).toMatch(/fix:/);
    expect(io.err).not.toContain(password);
  });

  it("wrote nothing, and did not start the offline plan", () => {
    expect(fs.existsSync(path.join(out, "lab"))).toBe(false);
  });
});

describe("a stack file with secrets written in clear", () => {
  const io = bufferIo();
  let code = -1;
  beforeAll(async () => {
    const lab = fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8");
    const secrets = Object.entries(SENTINELS).map(([k, v]) => `  pchat-kit:${k}: "${v}"\n`).join("");
    const file = path.join(tmp, "Pulumi.lab.yaml");
    fs.writeFileSync(file, lab.replace(/^config:\n/m, `config:\n${secrets}`));
    code = await runCli(["rehearse", "--stack", "lab", "--config-file", file, "--out", path.join(tmp, "refused"), "--json"], io);
  }, 60_000);

  it("is refused with exit 2, every such key named with the command that stores it encrypted", () => {
    expect(code).toBe(2);
    expect(io.out).toBe("");
    for (const key of Object.keys(SENTINELS)) {
      expect(io.err).toContain(`pchat-kit:${key}: a secret is set in clear text`);
      expect(io.err).toContain(`pulumi config set --secret ${key}`);
    }
  });

  it.each(Object.keys(SENTINELS))("never echoes the value of %s", (key) => {
    expect(io.err).not.toContain(SENTINELS[key]!);
    expect(fs.existsSync(path.join(tmp, "refused", "lab"))).toBe(false);
  });
});

describe("rehearse with every secret key set to a sentinel, as pulumi config set --secret gives them", () => {
  const io = bufferIo();
  let code = -1;
  beforeAll(async () => {
    const { runOfflinePlan } = require("../../src/offline/plan") as typeof import("../../src/offline/plan");
    const planStack = (o: OfflinePlanOptions) => runOfflinePlan({ ...o, secretValues: SENTINELS });
    code = await runRehearse({ stack: "lab", out, json: true }, commandContext(io, ROOT), { planStack });
  }, 120_000);

  it("ran", () => {
    expect(io.err).not.toMatch(/^error:/m);
    expect(code).toBe(0);
    // The sentinels were used (no placeholder notes), so masking them is what is being tested.
    expect(io.err).not.toMatch(/is not set: the plan uses a placeholder/);
  });

  it.each(Object.keys(SENTINELS))("%s appears in no file, nor on stdout or stderr", (key) => {
    const value = SENTINELS[key]!;
    const files = filesUnder(path.join(out, "lab"));
    expect(files.length).toBeGreaterThan(15);
    for (const f of files) expect({ file: f, leaked: fs.readFileSync(f, "utf8").includes(value) }).toEqual({ file: f, leaked: false });
    expect(io.out).not.toContain(value);
    expect(io.err).not.toContain(value);
  });

  it("still shows where the secrets go, masked", () => {
    expect(fs.readFileSync(path.join(out, "lab", "plan.json"), "utf8")).toContain('"[secret]"');
  });
});
