/**
 * `rehearse` of a lab with the contacts job configured (`pchat-kit:migration.contacts`), in-process,
 * on the small sample. Stand-ins: Pulumi's mock runtime for the Pulumi engine and Azure (the offline
 * plan, once in this process) and the simulated import. The project is a copy in a temporary folder
 * (Pulumi.yaml, the stack file, the contacts fixtures), so anything written outside `--out` shows.
 *
 * What it proves: the runbook the rehearsal writes is the migration plan the program declares (the
 * Run Commands and gates of its own plan.json, in the same order, contacts steps included, with the
 * same scripts), and the contacts job's files land under `<out>/<stack>/contacts/`, nowhere else.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { rehearse, type RehearsalSummary } from "../../src/rehearsal";

const ROOT = path.resolve(__dirname, "../..");
const RUN_ID = "rh-contacts";
const CUTOFF = "2024-01-01";
const RUN_COMMAND = "azure-native:compute:VirtualMachineRunCommandByVirtualMachine";
const GATE = "pulumi-nodejs:dynamic:Resource";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-rehearse-contacts-"));
const project = path.join(tmp, "project");
const out = path.join(project, "rehearsal-out");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Every file under `dir` with its size and modification time, `skip` left out. */
function listing(dir: string, skip: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (full === skip) continue;
      if (e.isDirectory()) walk(full);
      else {
        const st = fs.statSync(full);
        found.push(`${path.relative(dir, full)} ${st.size} ${st.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return found.sort();
}

interface PlanResource {
  type: string;
  name: string;
  inputs: { source?: { script: string }; parameters?: Array<{ name: string; value: string }> };
}
interface DocStep {
  id: string;
  kind: "gate" | "windows";
  scriptFile: string | null;
  parameters: Record<string, string>;
  /** Shown in `parameters` as [secret]; the plan gives them as protected parameters. */
  protectedParameters: string[];
  consumes?: Array<{ parameter: string }>;
}

describe("rehearse a lab with the contacts job configured", () => {
  let summary: RehearsalSummary;
  let before: string[];
  let plan: { resources: PlanResource[] };
  let steps: DocStep[];
  beforeAll(async () => {
    fs.mkdirSync(path.join(project, "stacks"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(project, "Pulumi.yaml"));
    fs.cpSync(path.join(ROOT, "test", "contacts", "fixtures", "regs"), path.join(project, "contacts", "regs"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "test", "contacts", "fixtures", "users.csv"), path.join(project, "contacts", "users.csv"));
    const doc = parseDocument(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8"));
    doc.setIn(["config", "pchat-kit:migration", "runId"], RUN_ID);
    doc.setIn(["config", "pchat-kit:migration", "contacts"], { strategy: "gradual-per-user", regDir: "contacts/regs", usersFile: "contacts/users.csv", acceptWarnings: true });
    fs.writeFileSync(path.join(project, "stacks", "Pulumi.lab.yaml"), doc.toString());
    before = listing(project, out);
    summary = await rehearse({ stack: "lab", out, scale: "small", seed: 1, cutoff: CUTOFF, projectRoot: project });
    plan = JSON.parse(fs.readFileSync(summary.files.plan.json, "utf8"));
    steps = JSON.parse(fs.readFileSync(summary.files.runbook.json, "utf8")).steps;
  }, 180_000);

  it("lists exactly the Run Commands and gates of its own plan.json, contacts steps included", () => {
    const declared = plan.resources.filter((r) => (r.type === RUN_COMMAND || r.type === GATE) && r.name.startsWith(`${RUN_ID}-`)).map((r) => r.name);
    // The same steps; plan.json lists resources in the order the engine registered them, which follows
    // when each one's dependencies resolved (the Lync install's last step among them), not the run order.
    expect(steps.map((s) => `${RUN_ID}-${s.id}`).sort()).toEqual([...declared].sort());
    expect(steps.filter((s) => s.id.startsWith("contacts-")).length).toBeGreaterThan(0);
    expect(steps.filter((s) => s.kind === "gate").map((s) => s.id)).toEqual(["01-readiness-gate", "11-verification-gate"]);
    expect(summary.runbook).toMatchObject({ runId: RUN_ID, origin: "stack", steps: declared.length });
  });

  it("writes each step's script and parameters as the program declares them, the readiness gate's figures from the analysis", () => {
    const byName = new Map(plan.resources.map((r) => [r.name, r]));
    const readiness = JSON.parse(fs.readFileSync(summary.files.readiness.json, "utf8")) as { files: { count: number; bytes: number | null } };
    for (const step of steps.filter((s) => s.kind === "windows")) {
      const declared = byName.get(`${RUN_ID}-${step.id}`)!;
      expect(fs.readFileSync(path.join(summary.outDir, step.scriptFile!), "utf8")).toBe(declared.inputs.source!.script.replace(/\r?\n/g, "\r\n"));
      const consumed = new Set([...(step.consumes ?? []).map((c) => c.parameter), ...step.protectedParameters]);
      const plain = (entries: Array<[string, string]>) => Object.fromEntries(entries.filter(([k]) => !consumed.has(k)));
      expect(plain(Object.entries(step.parameters))).toEqual(plain((declared.inputs.parameters ?? []).map((p) => [p.name, p.value])));
    }
    const copy = steps.find((s) => s.id === "08-copy-files")!;
    expect(copy.parameters).toMatchObject({ ExpectedFiles: String(readiness.files.count), ExpectedBytes: String(readiness.files.bytes ?? -1) });
  });

  it("takes --cutoff into the plan and the runbook alike", () => {
    const exportStep = steps.find((s) => s.id === "04-export")!;
    expect(exportStep.parameters.StartDate).toBe(CUTOFF);
    const declared = plan.resources.find((r) => r.name === `${RUN_ID}-04-export`)!;
    expect(declared.inputs.parameters).toEqual(expect.arrayContaining([{ name: "StartDate", value: CUTOFF }]));
    expect(summary.cutoff).toBe(CUTOFF);
  });

  it("writes the contacts job's files under <out>/<stack>/contacts/", () => {
    const contacts = path.join(out, "lab", "contacts");
    expect(summary.files.contacts).toBe(contacts);
    const stepsDoc = JSON.parse(fs.readFileSync(path.join(contacts, "runbook-steps.json"), "utf8")) as { steps: Array<{ id: string }> };
    expect(stepsDoc.steps.map((s) => s.id)).toEqual(steps.filter((s) => s.id.startsWith("contacts-")).map((s) => s.id));
    expect(fs.readdirSync(contacts).filter((f) => fs.statSync(path.join(contacts, f)).isDirectory()).length).toBeGreaterThan(0);
  });

  it("writes nothing outside --out", () => {
    expect(listing(project, out)).toEqual(before);
    for (const base of [ROOT, process.cwd()]) expect(fs.existsSync(path.join(base, "out", "contacts", "lab", RUN_ID))).toBe(false);
  });
});
