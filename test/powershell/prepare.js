/**
 * The PowerShell suite's input: every script the kit generates, rendered by the kit itself (the
 * compiled command line, as a user runs it) and listed in run order in `<work>/manifest.json`:
 *
 * - provisioning:<stack>  the Run Commands of each shipped stack's offline plan, per VM in the
 *                         order the program chains them;
 * - runbook:<variant>     the rehearsal's runbook (runbook.json + scripts/), gates included as
 *                         entries the suite does not run (they run in Node, where `pulumi up` runs);
 * - contacts:<strategy>   `pchat-kit contacts plan` for each strategy, on a two-server front end pool,
 *                         with the import files the first step expects on the share.
 *
 * Plain Node (no TypeScript loader): it runs the build in `dist/`, which run.js refreshes first.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "bin", "pchat-kit.js");

const SHIPPED_STACKS = ["lab", "staging", "dr"];
const RUNBOOK_VARIANTS = [
  { name: "lab-immediate", stack: "lab", args: ["--stack", "lab"] },
  { name: "lab-batched", stack: "lab", args: ["--stack", "lab", "--config-file", path.join(__dirname, "stacks", "lab-batched.yaml")] },
  // A stretched pool (standby servers), so the runbook also sets the pool's active servers.
  { name: "dr-stretched", stack: "dr", args: ["--stack", "dr", "--config-file", path.join(__dirname, "stacks", "dr-legacy.yaml")] },
];
/**
 * A runbook whose legacy side is a real Lync Server 2010 Group Chat deployment in an existing domain:
 * no shipped stack has one (a lab's provisioned legacy side is data-only, lync-install §3, and an
 * existing one is not a VM of the stack), so the compiled engine plans it from an environment built
 * by hand, as the engine's own callers may. It runs the scripts that act on legacy services (stop
 * Group Chat, remove the lookup account, uninstall, remove the trusted application pool) and the
 * check of the legacy principals in the existing domain.
 */
const EXISTING_LEGACY = {
  name: "existing-legacy",
  config: { enabled: true, runId: "legacy-1", strategy: "immediate", cutoff: "2025-01-01", decommission: true, sqlLogin: "pchatkit" },
  environment: {
    domain: "contoso.local",
    legacy: {
      product: "lync2010",
      servers: [{ key: "legacy-gc-1", computerName: "LABGC01" }],
      dataSource: "labsqlgc.contoso.local",
      database: "GroupChat",
      trustedApplicationPoolFqdn: "gcpool.contoso.local",
      fileStoreUnc: "\\\\labgc01.contoso.local\\gcfs",
      dataOnly: false,
    },
    principals: "check",
    persistentChat: {
      poolFqdn: "pchatpool.contoso.local",
      servers: [{ key: "pchat-1", computerName: "LABPC01" }],
      activeServerFqdns: [],
      storeDataSource: "labsql01.contoso.local",
      storeDatabase: "mgc",
      fileStoreUnc: "\\\\labfs01.contoso.local\\pchatfs",
    },
    frontEnd: { poolFqdn: "labfe.contoso.local", servers: [{ key: "fe-1", computerName: "LABFE01" }] },
    stagingFolder: "\\\\labfs01.contoso.local\\migration",
    runAs: "CONTOSO\\pckadmin",
  },
  roles: { "legacy-gc-1": "legacy-group-chat", "pchat-1": "persistent-chat", "fe-1": "front-end" },
  expected: { expectedFiles: 6, expectedBytes: 3000000 },
};

const CONTACT_STRATEGIES = ["immediate-recreate", "immediate-import", "gradual-per-user", "gradual-deferred"];
/** The contacts suites' front end pool: two servers, so every stop/start runs on each. */
const CONTACTS_POOL = { fqdn: "pool.contoso.local", frontEnds: "fe-1=LABFE01,fe-2=LABFE02", remoteFolder: "\\\\labfs01.contoso.local\\staging\\contacts" };

function cli(args) {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** name -> value of a Run Command's `parameters` / names of its `protectedParameters`. */
function runCommandParameters(inputs) {
  const parameters = Object.fromEntries((inputs.parameters ?? []).map((p) => [p.name, String(p.value)]));
  const protectedParameters = (inputs.protectedParameters ?? []).map((p) => p.name);
  return { parameters, protectedParameters };
}

/** A provisioning step runs before any staging share exists: the step frame gives it no StagingFolder. */
function isProvisioning(resource) {
  return resource.type === "azure-native:compute:VirtualMachineRunCommandByVirtualMachine" && !(resource.inputs.parameters ?? []).some((p) => p.name === "StagingFolder");
}

/** The computers of a plan: NetBIOS name, role tag and the LUNs of their data disks (RAW when new). */
function computersOf(resources) {
  return resources
    .filter((r) => r.type === "azure-native:compute:VirtualMachine")
    .map((vm) => ({
      vmName: vm.inputs.vmName,
      name: String(vm.inputs.osProfile?.computerName ?? vm.inputs.vmName).toUpperCase(),
      key: vm.parent,
      role: vm.inputs.tags?.role ?? "",
      dataDiskLuns: (vm.inputs.storageProfile?.dataDisks ?? []).map((d) => d.lun),
    }));
}

function writeScript(dir, file, content) {
  const full = path.join(dir, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  return full;
}

/** The stack's domain as its file declares it (a new forest in a lab, an existing domain in staging). */
function stackDomain(stack) {
  const YAML = require("yaml");
  const doc = YAML.parse(fs.readFileSync(path.join(ROOT, "stacks", `Pulumi.${stack}.yaml`), "utf8"));
  const d = doc?.config?.["pchat-kit:domain"] ?? {};
  return { fqdn: d.fqdn ?? null, netbiosName: d.netbiosName ?? null, mode: d.mode ?? null };
}

function provisioningSuite(stack, plan, work) {
  const computers = computersOf(plan.resources);
  const byVm = new Map(computers.map((c) => [c.vmName, c]));
  const dir = path.join(work, "provisioning", stack);
  const steps = plan.resources.filter(isProvisioning).map((r, i) => {
    const computer = byVm.get(r.inputs.vmName);
    if (!computer) throw new Error(`${stack}: Run Command ${r.name} targets unknown VM ${r.inputs.vmName}`);
    const { parameters, protectedParameters } = runCommandParameters(r.inputs);
    return {
      id: r.name,
      step: r.inputs.runCommandName,
      order: i + 1,
      kind: "windows",
      machine: computer.key,
      computerName: computer.name,
      scriptFile: writeScript(dir, `${String(i + 1).padStart(2, "0")}-${r.name}.ps1`, r.inputs.source.script),
      parameters,
      protectedParameters,
      // The account the Run Command runs as (runAsUser), or null: LocalSystem.
      runAsUser: typeof r.inputs.runAsUser === "string" ? r.inputs.runAsUser : null,
      window: null,
    };
  });
  return { name: `provisioning:${stack}`, kind: "provisioning", stack, domain: stackDomain(stack), computers, steps, shareFiles: [] };
}

function runbookSuite(variant, rehearsalDir, plan) {
  const rb = readJson(path.join(rehearsalDir, "runbook.json"));
  const computers = computersOf(plan.resources);
  const byKey = new Map(computers.map((c) => [c.key, c]));
  const steps = rb.steps.map((s) => ({
    id: s.id,
    step: s.id,
    order: s.order,
    kind: s.kind,
    machine: s.machine,
    computerName: s.kind === "windows" ? String(s.parameters.ExpectedComputer).toUpperCase() : null,
    scriptFile: s.scriptFile ? path.join(rehearsalDir, s.scriptFile) : null,
    parameters: Object.fromEntries(Object.entries(s.parameters).filter(([k]) => !s.protectedParameters.includes(k))),
    protectedParameters: s.protectedParameters,
    window: s.window,
    role: s.machine ? (byKey.get(s.machine)?.role ?? "") : "",
  }));
  return { name: `runbook:${variant}`, kind: "runbook", runId: rb.runId, strategy: rb.strategy, computers, steps, shareFiles: [] };
}

/** The EXISTING_LEGACY runbook, planned by the compiled engine, its scripts written under `work`. */
function existingLegacySuite(work) {
  const { parseMigrationConfig } = require(path.join(ROOT, "dist", "migration-jobs", "plan", "config.js"));
  const { planRunbook } = require(path.join(ROOT, "dist", "migration-jobs", "runbook", "planner.js"));
  const { fillStepInputs } = require(path.join(ROOT, "dist", "migration-jobs", "runbook", "step-inputs.js"));
  const v = EXISTING_LEGACY;
  const out = path.join(work, "runbook", v.name);
  fs.rmSync(out, { recursive: true, force: true });
  const rb = fillStepInputs(planRunbook(parseMigrationConfig(v.config), v.environment), (gate) => (gate.parameters.gate === "readiness" ? v.expected : null));
  const env = v.environment;
  const servers = [...env.legacy.servers, ...env.persistentChat.servers, ...env.frontEnd.servers];
  const computers = servers.map((c) => ({ vmName: c.computerName, name: c.computerName, key: c.key, role: v.roles[c.key], dataDiskLuns: [] }));
  const steps = rb.steps.map((s) => ({
    id: s.id,
    step: s.id,
    order: s.order,
    kind: s.kind,
    machine: s.machine,
    computerName: s.kind === "windows" ? String(s.parameters.ExpectedComputer).toUpperCase() : null,
    scriptFile: s.script === null ? null : writeScript(out, path.join("scripts", `${String(s.order).padStart(2, "0")}-${s.id}.ps1`), s.script.replace(/\r?\n/g, "\r\n")),
    parameters: Object.fromEntries(Object.entries(s.parameters).filter(([k]) => !s.protectedParameters.includes(k))),
    protectedParameters: s.protectedParameters,
    window: s.window,
    role: s.machine ? (v.roles[s.machine] ?? "") : "",
  }));
  return { name: `runbook:${v.name}`, kind: "runbook", runId: rb.runId, strategy: rb.strategy, computers, steps, shareFiles: [] };
}

function contactsSuite(strategy, work) {
  const out = path.join(work, "contacts", strategy);
  fs.rmSync(out, { recursive: true, force: true });
  const regs = path.join(ROOT, "test", "contacts", "fixtures", "regs");
  const users = path.join(ROOT, "test", "contacts", "fixtures", "users.csv");
  cli(["contacts", "plan", "--strategy", strategy, "--reg-dir", regs, "--users", users, "--out", out, "--pool-fqdn", CONTACTS_POOL.fqdn, "--front-ends", CONTACTS_POOL.frontEnds, "--remote-folder", CONTACTS_POOL.remoteFolder, "--run-id", `contacts-${CONTACT_STRATEGIES.indexOf(strategy) + 1}`, "--accept-warnings"]);
  const doc = readJson(path.join(out, "runbook-steps.json"));
  const steps = doc.steps.map((s) => ({
    id: s.id,
    step: s.id,
    order: s.order,
    kind: s.kind,
    machine: s.machine,
    computerName: String(s.parameters.ExpectedComputer).toUpperCase(),
    scriptFile: writeScript(out, path.join("scripts", `${String(s.order).padStart(3, "0")}-${s.id}.ps1`), s.script),
    parameters: s.parameters,
    protectedParameters: s.protectedParameters,
    window: s.window,
  }));
  // What an operator copies to the share before the window: each window folder's import files.
  const windows = [...new Set(steps.map((s) => s.window))];
  const shareFiles = windows.flatMap((w) =>
    fs
      .readdirSync(path.join(out, w))
      .filter((f) => /\.(zip|json|xml)$/.test(f) && !f.startsWith("report"))
      .map((f) => ({ from: path.join(out, w, f), to: `${CONTACTS_POOL.remoteFolder}\\${w}\\${f}` })),
  );
  const computers = CONTACTS_POOL.frontEnds.split(",").map((kv) => {
    const [key, name] = kv.split("=");
    return { vmName: name, name, key, role: "front-end", dataDiskLuns: [] };
  });
  return { name: `contacts:${strategy}`, kind: "contacts", strategy, pool: CONTACTS_POOL.fqdn, computers, steps, shareFiles };
}

/** Renders every suite into `work` and writes `work/manifest.json`; returns the manifest. */
/**
 * Renders every suite, or only those whose name starts with one of `only` (a developer's
 * `run.js --suites provisioning:lab,runbook:`); `npm test` renders them all.
 */
function prepare(work, only = []) {
  fs.mkdirSync(work, { recursive: true });
  const suites = [];
  const plans = {};
  for (const v of RUNBOOK_VARIANTS) {
    const out = path.join(work, "rehearsal", v.name);
    fs.rmSync(out, { recursive: true, force: true });
    cli(["rehearse", ...v.args, "--out", out]);
    const dir = path.join(out, v.stack);
    const plan = readJson(path.join(dir, "plan.json"));
    if (v.name === "lab-immediate") plans.lab = plan;
    suites.push(runbookSuite(v.name, dir, plan));
  }
  suites.push(existingLegacySuite(work));
  for (const stack of SHIPPED_STACKS.filter((s) => !plans[s])) plans[stack] = JSON.parse(cli(["plan", "--stack", stack, "--json"]));
  for (const stack of SHIPPED_STACKS) suites.unshift(provisioningSuite(stack, plans[stack], work));
  for (const strategy of CONTACT_STRATEGIES) suites.push(contactsSuite(strategy, work));
  const chosen = only.length ? suites.filter((s) => only.some((p) => s.name.startsWith(p))) : suites;
  const manifest = { format: "pchat-kit.powershell-suite", version: 1, suites: chosen };
  fs.writeFileSync(path.join(work, "manifest.json"), JSON.stringify(manifest, null, 2));
  return manifest;
}

module.exports = { prepare };

if (require.main === module) {
  const work = path.resolve(process.argv[2] ?? path.join(ROOT, "out", "powershell"));
  const m = prepare(work);
  const scripts = m.suites.reduce((n, s) => n + s.steps.filter((x) => x.scriptFile).length, 0);
  process.stdout.write(`${m.suites.length} suites, ${scripts} scripts in ${work}\n`);
}
