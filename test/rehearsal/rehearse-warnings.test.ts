/**
 * A config warning through `pchat-kit rehearse`, in-process, on the small sample. Stand-ins: Pulumi's
 * mock runtime for the engine and Azure (the offline plan, once in this process) and the simulated
 * import. The lab stack with compliance on and mgccomp on the mgc instance (supported, LS: required
 * resources for Persistent Chat Server): the rehearsal runs, and the warning is one of its notes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseDocument } from "yaml";
import { runRehearse } from "../../src/cli/rehearse";
import { commandContext } from "../../migration-jobs/cli/command";
import { bufferIo } from "../../migration-jobs/common/io";

const ROOT = path.resolve(__dirname, "../..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pchat-rehearse-warn-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("rehearse a lab whose mgc and mgccomp share one SQL instance", () => {
  const io = bufferIo();
  let code = -1;
  beforeAll(async () => {
    const doc = parseDocument(fs.readFileSync(path.join(ROOT, "stacks", "Pulumi.lab.yaml"), "utf8"));
    doc.setIn(["config", "pchat-kit:pool", "compliance"], true);
    doc.setIn(["config", "pchat-kit:sql", "complianceStore"], "store-instance");
    const file = path.join(tmp, "Pulumi.lab.yaml");
    fs.writeFileSync(file, doc.toString());
    code = await runRehearse({ stack: "lab", configFile: file, out: path.join(tmp, "out"), json: true }, commandContext(io, ROOT), {});
  }, 120_000);

  it("runs (the warning does not block) and lists the warning among its notes", () => {
    expect(io.err).not.toMatch(/^error:/m);
    expect(code).toBe(0);
    const summary = JSON.parse(io.out) as { notes: string[] };
    expect(summary.notes.filter((n) => n.startsWith("warning: pchat-kit:sql.complianceStore: mgc and mgccomp share one SQL instance"))).toHaveLength(1);
  });
});
