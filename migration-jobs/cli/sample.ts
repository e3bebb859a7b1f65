/**
 * `pchat-kit sample --scale <small|medium|max> --seed N --out DIR [--sql FILE] [--json]`: writes a
 * deterministic synthetic Lync 2010 Group Chat deployment as a snapshot (and, with --sql, as a T-SQL
 * script that builds the same legacy database on a real SQL Server). Progress on stderr; stdout gets one
 * summary line, or one JSON document with --json.
 */
import { UserError } from "../common/errors";
import { AtomicFileWriter } from "../common/files";
import { outputFile, outputFolder } from "../common/paths";
import { ExitCode, Io } from "../common/io";
import { ENTITIES, EntityName } from "../inventory/inventory";
import { writeSnapshot } from "../snapshot";
import { SAMPLE_CUTOFF, SCALES, SampleScale, plantedCases, renderSampleSql, sampleSource } from "../sample";
import type { SampleSqlCounts } from "../sample";
import { defineCommand, variant } from "./command";
import { JSON_OUTPUT, OUT, RESUME, SCALE, SEED } from "./options";

export interface SampleCommandOptions {
  scale: string;
  seed: string;
  out: string;
  sql?: string;
  resume?: boolean;
  json?: boolean;
}

export function parseScale(v: string): SampleScale {
  if ((SCALES as readonly string[]).includes(v)) return v as SampleScale;
  throw new UserError("--scale", `"${v}" is not a sample scale`, `use one of ${SCALES.join(", ")}`);
}

export function parseSeed(v: string): number {
  const n = /^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n > 0xffffffff) throw new UserError("--seed", `"${v}" is not a seed`, "use an integer from 0 to 4294967295");
  return n;
}

const SQL_FIX = "give a file path in a writable directory";
const OUT_FIX = "give the directory to write the snapshot to (it is created if missing)";

/**
 * Writes the script through a synchronous file descriptor (memory stays flat whatever the scale),
 * under a temporary name renamed into place at the end: a failure leaves no partial script.
 */
async function writeSql(file: string, source: ReturnType<typeof sampleSource>): Promise<SampleSqlCounts> {
  const out = new AtomicFileWriter(file, { where: "--sql", fix: SQL_FIX });
  try {
    const counts = await renderSampleSql(source, (chunk) => out.write(chunk));
    out.commit();
    return counts;
  } catch (e) {
    out.abort();
    throw e;
  }
}

export async function runSample(opts: SampleCommandOptions, io: Io): Promise<number> {
  const scale = parseScale(opts.scale);
  const seed = parseSeed(opts.seed);
  // Both outputs are checked before the snapshot is written: a bad --sql must not cost the snapshot.
  outputFolder("--out", opts.out, OUT_FIX);
  if (opts.sql !== undefined) outputFile("--sql", opts.sql, SQL_FIX);
  const source = sampleSource({ scale, seed });
  io.stderr(`writing the ${scale} sample (seed ${seed}) to ${opts.out}\n`);
  let last: EntityName | null = null;
  const manifest = await writeSnapshot(source, opts.out, {
    resume: opts.resume === true,
    onProgress: (entity, rows) => {
      const line = `  ${entity}: ${rows.toLocaleString("en-US")} rows`;
      if (io.interactive) io.stderr(`${entity === last ? "\r" : "\n"}${line}`);
      else io.stderr(`${line}\n`);
      last = entity;
    },
  });
  if (io.interactive) io.stderr("\n");
  let sql: SampleSqlCounts | null = null;
  if (opts.sql) {
    io.stderr(`writing the T-SQL script to ${opts.sql}\n`);
    sql = await writeSql(opts.sql, source);
  }
  const counts = Object.fromEntries(ENTITIES.map((e) => [e, manifest.entities[e].rows]));
  const planted = plantedCases({ scale, seed });
  if (opts.json) {
    io.stdout(JSON.stringify({ snapshot: opts.out, scale, seed, suggestedCutoff: SAMPLE_CUTOFF, counts, planted, ...(opts.sql ? { sql: { file: opts.sql, rows: sql } } : {}) }, null, 2) + "\n");
  } else {
    io.stdout(`sample ${scale} (seed ${seed}) written to ${opts.out}: ${ENTITIES.map((e) => `${counts[e]} ${e}`).join(", ")}; ${planted.length} planted cases; suggested cutoff ${SAMPLE_CUTOFF}${opts.sql ? `; script ${opts.sql}` : ""}\n`);
  }
  return ExitCode.ok;
}

export const sampleCommand = defineCommand({
  name: "sample",
  description: "Write a deterministic synthetic Lync 2010 Group Chat deployment (every tricky case planted) as a snapshot, and optionally as T-SQL",
  options: [
    variant(SCALE, { required: true, description: "small (tens of rooms), medium (a tenth of max) or max (Microsoft's capacity model: 33,077 rooms, 150,000 users)" }),
    variant(SEED, { default: "1", description: "any integer from 0 to 4294967295; the same seed gives the same deployment" }),
    variant(OUT, { required: true, description: "the snapshot directory to write" }),
    { flag: "--sql", value: "<file>", description: "also write a T-SQL script that builds the same legacy database (run with sqlcmd -b)" },
    RESUME,
    JSON_OUTPUT,
  ],
  handler: (args, ctx) => runSample(args, ctx.io),
});
