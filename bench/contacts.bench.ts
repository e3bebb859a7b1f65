/**
 * Contacts planner at scale: 50,000 users with 100 contacts each, one `.reg` file per user (every
 * tenth in UTF-16LE, the rest ANSI), ten waves of 5,000, for each of the four strategies. Prints wall
 * time, CPU time, peak RSS and the machine's load per run; each run is its own process so that its
 * peak is its own. The smaller run (10,000 users, two waves of the same size) shows whether memory
 * follows the wave size rather than the user count.
 *
 *   npm run build && node dist/bench/contacts.bench.js            # all runs
 *   node dist/bench/contacts.bench.js run gradual-per-user 50000 10  # one run
 *
 * Data is generated into bench/.data/contacts/ once (about 0.5 GB) and reused.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { folderRegSource, folderSink } from "../migration-jobs/contacts/files";
import { planContacts, Strategy } from "../migration-jobs/contacts";
import { DEFAULT_LAYOUT } from "../migration-jobs/contacts/layout";
import { parseUserMap } from "../migration-jobs/contacts/usermap";
import { measure } from "./harness";

const CONTACTS_PER_USER = 100;
const DATA = path.join(__dirname, "..", "..", "bench", ".data", "contacts");

/** Deterministic xorshift: the same data on every machine. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const addr = (i: number) => `user${i}@im.bench.example`;

function generate(users: number, waves: number): { regDir: string; usersCsv: string } {
  const dir = path.join(DATA, `${users}-${waves}`);
  const regDir = path.join(dir, "regs");
  const usersCsv = path.join(dir, "users.csv");
  const done = path.join(dir, ".complete");
  if (fs.existsSync(done)) return { regDir, usersCsv };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(regDir, { recursive: true });
  const perWave = Math.ceil(users / waves);
  const wave = (i: number) => Math.floor(i / perWave) + 1;
  const csv = ["exchange_im_address,sip_uri,display_name,wave"];
  for (let i = 0; i < users; i++) csv.push(`${addr(i)},sip:user${i}@bench.example,User ${i},${wave(i)}`);
  fs.writeFileSync(usersCsv, csv.join("\n") + "\n");
  const root = DEFAULT_LAYOUT.accountKey.replace("\\{account}", "");
  const groups = ["Team", "Project", "Friends", "Managers", "Vendors"];
  for (let i = 0; i < users; i++) {
    const next = rng(i + 1);
    const base = `${root}\\${addr(i)}`;
    const chosen = new Set<number>();
    // 80% of contacts are in the owner's own wave (teams move together), the rest anywhere.
    while (chosen.size < CONTACTS_PER_USER) {
      const c = next() < 0.8 ? (wave(i) - 1) * perWave + Math.floor(next() * perWave) : Math.floor(next() * users);
      if (c !== i && c < users) chosen.add(c);
    }
    const lines = [i % 10 === 0 ? "Windows Registry Editor Version 5.00" : "REGEDIT4", "", `[${base}\\Contacts]`];
    const members = groups.map(() => [] as number[]);
    for (const c of chosen) {
      lines.push(`"${addr(c)}"="User ${c}"`);
      members[c % groups.length]?.push(c);
    }
    groups.forEach((g, k) => {
      lines.push("", `[${base}\\Groups\\${g}]`);
      for (const c of members[k] ?? []) lines.push(`"${addr(c)}"=""`);
    });
    const text = lines.join("\r\n") + "\r\n";
    const sub = path.join(regDir, `g${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const bytes = i % 10 === 0 ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]) : Buffer.from(text, "latin1");
    fs.writeFileSync(path.join(sub, `u${i}.reg`), bytes);
  }
  fs.writeFileSync(done, new Date().toISOString());
  return { regDir, usersCsv };
}

async function run(strategy: Strategy, users: number, waves: number): Promise<void> {
  const { regDir, usersCsv } = generate(users, waves);
  const out = path.join(DATA, "out", `${strategy}-${users}-${waves}`);
  fs.rmSync(out, { recursive: true, force: true });
  const cpu0 = process.cpuUsage();
  const loadAtStart = os.loadavg()[0] ?? 0;
  await measure(`contacts ${strategy} ${users} users ${waves} waves`, async () => {
    const map = parseUserMap(fs.readFileSync(usersCsv, "utf8"), "users.csv");
    const summary = await planContacts(
      { strategy, format: "lync2013", users: map, layout: DEFAULT_LAYOUT, source: folderRegSource(regDir), pool: { fqdn: "pool01.bench.example", servers: [{ key: "fe-1", computerName: "FE1" }, { key: "fe-2", computerName: "FE2" }] }, remoteFolder: "\\\\files01\\pchat-staging\\contacts", runId: "bench", acceptWarnings: true },
      folderSink(out),
    );
    return {
      users,
      waves,
      files: summary.files,
      windows: summary.windows.length,
      contactsMoved: summary.windows.reduce((n, w) => n + w.contactsMoved, 0),
      listsRewritten: summary.windows.reduce((n, w) => n + w.listsRewritten, 0),
      heapUsedMbAtEnd: Math.round(process.memoryUsage().heapUsed / 1048576),
      // Wall time on a shared machine includes waiting for a core; CPU time is what the job costs.
      cpuMs: Math.round((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000),
      // One-minute load average of the shared machine, at the start and the end of the run.
      loadAtStart: Math.round(loadAtStart * 10) / 10,
      loadAtEnd: Math.round((os.loadavg()[0] ?? 0) * 10) / 10,
    };
  });
}

async function main(): Promise<void> {
  const [mode, strategy, users, waves] = process.argv.slice(2);
  if (mode === "run") return run(strategy as Strategy, Number(users), Number(waves));
  const runs: Array<[Strategy, number, number]> = [
    ["immediate-recreate", 50000, 10],
    ["immediate-import", 50000, 10],
    ["gradual-per-user", 50000, 10],
    ["gradual-deferred", 50000, 10],
    ["gradual-per-user", 10000, 2],
    ["gradual-deferred", 10000, 2],
  ];
  for (const [s, u, w] of runs) {
    // Generate first, outside the measured child, so that the run measures planning only.
    generate(u, w);
    spawnSync(process.execPath, [__filename, "run", s, String(u), String(w)], { stdio: "inherit" });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
