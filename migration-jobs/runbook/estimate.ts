/**
 * How long the runbook should take: each step's estimated duration from the data volumes (messages,
 * files, database size) and stated rates, laid out as a timeline across machines and windows, and the
 * downtime window it implies. Pure. The rates are assumptions, not measurements of Lync's cmdlets
 * (Microsoft publishes no export or import throughput): they are written under every chart and table
 * (`ESTIMATE_ASSUMPTIONS`) so an engineer can replace them with a lab run's figures.
 */
import type { RunbookStep } from "./step";

export interface DataVolumes {
  /** Messages that migrate (since the cutoff). */
  messages: number;
  /** Files to copy and their bytes (null: unknown). */
  files: number;
  fileBytes: number | null;
  /** Every legacy message, the cutoff's too: what the legacy database's backup holds. */
  legacyMessages: number;
  /** The legacy database's size in bytes, when known; else estimated from the legacy messages. */
  databaseBytes: number | null;
}

/** The stated rates every estimate uses. */
export const RATES = {
  /** Export-CsPersistentChatData: messages per second written to the export file. */
  exportMessagesPerSecond: 2_000,
  /** Import-CsPersistentChatData: messages per second into mgc. */
  importMessagesPerSecond: 1_000,
  /** Import -WhatIf reads and checks the file without writing. */
  whatIfMessagesPerSecond: 5_000,
  /** BACKUP DATABASE ... WITH CHECKSUM, then RESTORE VERIFYONLY: bytes per second, both passes. */
  backupBytesPerSecond: 50 * 1024 * 1024,
  /** robocopy between two VMs over SMB. */
  copyBytesPerSecond: 40 * 1024 * 1024,
  /** The legacy database per message (row, indexes, principals and ACEs spread over it). */
  databaseBytesPerMessage: 1_024,
  /** A fresh 2013 mgc before the import. */
  emptyStoreBytes: 100 * 1024 * 1024,
  /** Readiness and verification gates: messages per second the engine reads. */
  gateMessagesPerSecond: 500_000,
  /** Fixed cost of any step: Run Command start, script checks, done marker. */
  overheadSeconds: 60,
  /** Stopping or starting a machine's services, waiting for each to settle. */
  serviceSeconds: 180,
  /** Moving the lookup account and checking the pool. */
  cutoverSeconds: 300,
  /** Anything else (SQL access, policy, decommission). */
  otherSeconds: 120,
} as const;

export const ESTIMATE_ASSUMPTIONS: readonly string[] = [
  `Export-CsPersistentChatData writes ${RATES.exportMessagesPerSecond.toLocaleString("en-US")} messages/s, Import-CsPersistentChatData imports ${RATES.importMessagesPerSecond.toLocaleString("en-US")} messages/s and its -WhatIf run checks ${RATES.whatIfMessagesPerSecond.toLocaleString("en-US")} messages/s (assumed: Microsoft publishes no throughput; time a lab run and replace them).`,
  `A SQL backup with its verification moves ${RATES.backupBytesPerSecond / 1024 / 1024} MB/s; the legacy database holds about ${RATES.databaseBytesPerMessage.toLocaleString("en-US")} bytes per message when its size is not given; the 2013 mgc is about ${RATES.emptyStoreBytes / 1024 / 1024} MB before the import.`,
  `robocopy copies the file store at ${RATES.copyBytesPerSecond / 1024 / 1024} MB/s between two Azure VMs.`,
  `The readiness and verification gates read ${RATES.gateMessagesPerSecond.toLocaleString("en-US")} messages/s; stopping or starting a machine's services takes ${RATES.serviceSeconds / 60} min, the cutover ${RATES.cutoverSeconds / 60} min, any other step ${RATES.otherSeconds / 60} min; every step adds ${RATES.overheadSeconds} s of Run Command overhead.`,
  "A batched runbook's windows each carry an equal share of the messages and files (the plan does not record each window's share).",
  "Steps start when every step they wait for has ended and their machine is free (a VM runs one Run Command at a time); the estimate never exceeds a step's timeout.",
  "The downtime window runs from the first service stop to the end of the last service start (or of the last step before the verification gate); the worst case lets every step run to its timeout.",
];

export type WorkKind = "gate" | "services" | "backup" | "export" | "whatif" | "import" | "copy" | "cutover" | "other";

/**
 * What a step does, read from the parameters its script declares (data on the step, never its id):
 * the backup steps take the backup's T-SQL, the export a -Level, the -WhatIf run the import it
 * checks, the copy the expected bytes, the service steps a service name pattern (or say so in the title).
 */
export function workKind(step: Pick<RunbookStep, "kind" | "parameters" | "title">): WorkKind {
  const p = step.parameters;
  if (step.kind === "gate") return "gate";
  if ("BackupSql" in p) return "backup";
  if ("Level" in p && "ExportFile" in p) return "export";
  if ("ImportStepId" in p) return "whatif";
  if ("ExportFile" in p) return "import";
  if ("ExpectedBytes" in p || ("Source" in p && "Destination" in p)) return "copy";
  // A step that stops or starts a machine's services without a pattern (e.g. one that only records why
  // it does nothing) still marks the downtime: its title says so.
  if ("ServicePattern" in p || /^(stop|start)\b.*\bservices\b/i.test(step.title)) return "services";
  if ("LookupSipUri" in p) return "cutover";
  return "other";
}

export interface TimelineStep {
  id: string;
  title: string;
  machine: string;
  window: string | null;
  work: WorkKind;
  /** Seconds from the start of the runbook. */
  start: number;
  estimatedSeconds: number;
  timeoutSeconds: number;
  /** The worst case: every step before it runs to its timeout. */
  worstStart: number;
  /** What the estimate is made of, e.g. "3,655,633 messages at 1,000/s". */
  basis: string;
}

export interface RunbookEstimate {
  volumes: DataVolumes;
  steps: TimelineStep[];
  totalSeconds: number;
  worstTotalSeconds: number;
  /** From the first service stop to the last service start; null when no step stops services. */
  downtime: { start: number; end: number; seconds: number; worstSeconds: number } | null;
  windows: Array<{ name: string; start: number; end: number }>;
  assumptions: readonly string[];
}

const nf = (x: number) => Math.round(x).toLocaleString("en-US");

function estimateOne(step: RunbookStep, work: WorkKind, v: DataVolumes, share: number, legacyDatabase: string | null): { seconds: number; basis: string } {
  const messages = v.messages * share;
  const dbBytes = (v.databaseBytes ?? v.legacyMessages * RATES.databaseBytesPerMessage) * share;
  const mb = (b: number) => `${nf(b / 1024 / 1024)} MB`;
  switch (work) {
    case "gate":
      return { seconds: messages / RATES.gateMessagesPerSecond, basis: `${nf(messages)} messages at ${nf(RATES.gateMessagesPerSecond)}/s` };
    case "backup": {
      const legacy = legacyDatabase !== null && step.parameters["Database"] === legacyDatabase;
      const b = legacy ? dbBytes : RATES.emptyStoreBytes;
      return { seconds: b / RATES.backupBytesPerSecond, basis: `${legacy ? "legacy database" : "2013 store"} ~${mb(b)} at ${RATES.backupBytesPerSecond / 1024 / 1024} MB/s` };
    }
    case "export":
      return { seconds: messages / RATES.exportMessagesPerSecond, basis: `${nf(messages)} messages at ${nf(RATES.exportMessagesPerSecond)}/s` };
    case "whatif":
      return { seconds: messages / RATES.whatIfMessagesPerSecond, basis: `${nf(messages)} messages at ${nf(RATES.whatIfMessagesPerSecond)}/s` };
    case "import":
      return { seconds: messages / RATES.importMessagesPerSecond, basis: `${nf(messages)} messages at ${nf(RATES.importMessagesPerSecond)}/s` };
    case "copy": {
      const b = (v.fileBytes ?? 0) * share;
      return { seconds: b / RATES.copyBytesPerSecond, basis: v.fileBytes === null ? "file bytes unknown" : `${nf(v.files * share)} files, ${mb(b)} at ${RATES.copyBytesPerSecond / 1024 / 1024} MB/s` };
    }
    case "services":
      return { seconds: RATES.serviceSeconds, basis: "fixed" };
    case "cutover":
      return { seconds: RATES.cutoverSeconds, basis: "fixed" };
    default:
      return { seconds: RATES.otherSeconds, basis: "fixed" };
  }
}

/**
 * The timeline: each step starts when its dependencies have ended and its machine is free; gates run
 * where `pulumi up` runs, which is a lane of its own.
 */
export function estimateRunbook(steps: readonly RunbookStep[], volumes: DataVolumes, opts: { legacyDatabase?: string | null } = {}): RunbookEstimate {
  const windowNames = [...new Set(steps.map((s) => s.window).filter((w): w is string => w !== null))];
  const share = windowNames.length > 1 ? 1 / windowNames.length : 1;
  const ends = new Map<string, { end: number; worstEnd: number }>();
  const machineFree = new Map<string, { end: number; worstEnd: number }>();
  const out: TimelineStep[] = [];
  for (const s of [...steps].sort((a, b) => a.order - b.order)) {
    const work = workKind(s);
    const est = estimateOne(s, work, volumes, s.window === null ? 1 : share, opts.legacyDatabase ?? null);
    const estimatedSeconds = Math.min(s.timeoutSeconds, Math.round(est.seconds) + RATES.overheadSeconds);
    const machine = s.machine ?? "where pulumi up runs";
    let start = machineFree.get(machine)?.end ?? 0;
    let worstStart = machineFree.get(machine)?.worstEnd ?? 0;
    for (const d of s.dependsOn) {
      start = Math.max(start, ends.get(d)?.end ?? 0);
      worstStart = Math.max(worstStart, ends.get(d)?.worstEnd ?? 0);
    }
    const end = { end: start + estimatedSeconds, worstEnd: worstStart + s.timeoutSeconds };
    ends.set(s.id, end);
    machineFree.set(machine, end);
    out.push({ id: s.id, title: s.title, machine, window: s.window, work, start, estimatedSeconds, timeoutSeconds: s.timeoutSeconds, worstStart, basis: est.basis });
  }
  const totalSeconds = Math.max(0, ...out.map((t) => t.start + t.estimatedSeconds));
  const worstTotalSeconds = Math.max(0, ...out.map((t) => t.worstStart + t.timeoutSeconds));
  return { volumes, steps: out, totalSeconds, worstTotalSeconds, downtime: downtime(out), windows: windowSpans(out, windowNames), assumptions: ESTIMATE_ASSUMPTIONS };
}

/** Services stop before the first data step and start after the import: those after it are starts. */
function downtime(steps: readonly TimelineStep[]): RunbookEstimate["downtime"] {
  const firstData = steps.findIndex((t) => t.work === "backup" || t.work === "export");
  const services = steps.filter((t) => t.work === "services");
  if (services.length === 0 || firstData < 0) return null;
  const stops = services.filter((t) => steps.indexOf(t) < firstData);
  const starts = services.filter((t) => steps.indexOf(t) > firstData);
  if (stops.length === 0) return null;
  const firstStop = stops.reduce((a, b) => (b.start < a.start ? b : a));
  const until = starts.length > 0 ? starts : steps.filter((t) => t.work !== "gate" && steps.indexOf(t) > firstData);
  const end = Math.max(...until.map((t) => t.start + t.estimatedSeconds));
  const worstEnd = Math.max(...until.map((t) => t.worstStart + t.timeoutSeconds));
  return { start: firstStop.start, end, seconds: end - firstStop.start, worstSeconds: worstEnd - firstStop.worstStart };
}

function windowSpans(steps: readonly TimelineStep[], names: readonly string[]): RunbookEstimate["windows"] {
  return names.map((name) => {
    const inWindow = steps.filter((t) => t.window === name);
    return { name, start: Math.min(...inWindow.map((t) => t.start)), end: Math.max(...inWindow.map((t) => t.start + t.estimatedSeconds)) };
  });
}

/** Seconds as "2 h 05 min" or "7 min". */
export function hm(seconds: number): string {
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}
