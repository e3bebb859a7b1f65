#!/usr/bin/env node
/**
 * Exports every T-SQL statement the kit ships to one JSON file, for the PowerShell suite's
 * Tsql.Tests.ps1 to parse with Microsoft's own parser (ScriptDom). Plain CommonJS over the COMPILED
 * kit (`npm run build` writes dist/): the statements are the ones the shipped code holds, not a copy.
 *
 *   node test/powershell/tsql/export-tsql.js <outFile>
 *
 * Output: { "statements": [ { name, source, target, sql } ] }, where `target` is the oldest SQL Server
 * the statement must run on, one parser class per version in the test:
 * - "2008R2" (TSql100Parser): whatever runs against the legacy Group Chat database (the readers of
 *   the legacy side, the legacy backup and restore, the schema DDL and the `sample --sql` script that
 *   builds a legacy database), and whatever runs against both sides (domain §6.4: Lync 2010 Group Chat
 *   runs on SQL Server 2008 R2).
 * - "2012" (TSql110Parser): what runs only against the Lync 2013 `mgc` the kit builds (SQL Server 2012:
 *   2008 R2 has no marketplace image, src/config/images.ts).
 * The gates (src/runbook/gate-engine.ts) read both databases through the readers, so their SQL is the
 * readers' statements below.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const DIST = path.join(ROOT, "dist");

function load(rel) {
  const file = path.join(DIST, rel);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` first (the export reads the compiled kit)`);
  return require(file);
}

/**
 * Where each reader statement runs. A statement missing here, or a name here the kit no longer has,
 * stops the export: a new statement must be given its target version, not default to one.
 */
const READER_TARGETS = {
  // Every generation (legacy and mgc): the oldest server of either side.
  CATEGORIES_SQL: "2008R2",
  ROLE_ASSIGNMENTS_SQL: "2008R2",
  INVITATIONS_TICKS_SQL: "2008R2",
  INVITATIONS_DATETIME_SQL: "2008R2",
  ADDINS_SQL: "2008R2",
  SCHEMA_COLUMNS_SQL: "2008R2",
  // Legacy Group Chat only.
  ROOMS_LEGACY_SQL: "2008R2",
  PRINCIPALS_LYNC2010_SQL: "2008R2",
  PRINCIPALS_OCS2007R2_SQL: "2008R2",
  SCOPES_LEGACY_SQL: "2008R2",
  MESSAGE_DAYS_LEGACY_SQL: "2008R2",
  FILE_LINKS_LEGACY_SQL: "2008R2",
  // Lync 2013 mgc only.
  ROOMS_2013_SQL: "2012",
  PRINCIPALS_2013_SQL: "2012",
  SCOPES_2013_SQL: "2012",
  MESSAGE_DAYS_2013_SQL: "2012",
  FILE_LINKS_2013_SQL: "2012",
};

/**
 * The source files that hold or send T-SQL, and so must be covered here. The export fails when
 * another file starts to look like one (a new CommandText, query or *_SQL constant), so a statement
 * added elsewhere is not silently left unparsed.
 */
const COVERED_FILES = new Set([
  "migration-jobs/readers/queries/inventory.ts",
  "migration-jobs/readers/queries/schema.ts",
  "migration-jobs/readers/schema-ddl.ts",
  "migration-jobs/readers/connection.ts", // runs the statements it is given; holds none
  "migration-jobs/readers/live-source.ts", // sends the readers' statements
  "migration-jobs/runbook/scripts/tsql.ts",
  "migration-jobs/runbook/scripts/backup.ts", // sends tsql.ts's statements
  "migration-jobs/runbook/scripts/sql-access.ts", // sends tsql.ts's access statements
  "migration-jobs/runbook/scripts/principals.ts", // sends tsql.ts's legacy principal statements
  "migration-jobs/sample/sql.ts",
  "migration-jobs/cli/sample.ts", // writes sample/sql.ts's script
  "src/components/scripts/restore.ts",
  "src/components/scripts/lync/sql-logins.ts",
  "migration-jobs/powershell/sql.ts", // Invoke-KitSql, and the login statements tsql.ts re-exports (exported there)
]);
const SQL_MARKER = /CommandText|ExecuteNonQuery|ExecuteScalar|ExecuteReader|Invoke-Sqlcmd|\bsqlcmd\b|\.query\(|\b[A-Z0-9_]+_(SQL|DDL)\s*=/;

function sourceFiles(dir, out = []) {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) sourceFiles(rel, out);
    else if (e.name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

function checkCoverage() {
  const uncovered = [...sourceFiles("src"), ...sourceFiles("migration-jobs")].filter(
    (f) => !COVERED_FILES.has(f) && SQL_MARKER.test(fs.readFileSync(path.join(ROOT, f), "utf8")),
  );
  if (uncovered.length > 0) {
    throw new Error(`these files look like they hold or send T-SQL, and export-tsql.js does not export it: ${uncovered.join(", ")} (export their statements, then add them to COVERED_FILES)`);
  }
}

function readerStatements() {
  const { INVENTORY_STATEMENTS } = load("migration-jobs/readers/queries/inventory.js");
  const { SCHEMA_COLUMNS_SQL } = load("migration-jobs/readers/queries/schema.js");
  const all = [
    ...Object.entries(INVENTORY_STATEMENTS).map(([name, sql]) => ({ name, sql, source: "migration-jobs/readers/queries/inventory.ts" })),
    { name: "SCHEMA_COLUMNS_SQL", sql: SCHEMA_COLUMNS_SQL, source: "migration-jobs/readers/queries/schema.ts" },
  ];
  const names = new Set(all.map((s) => s.name));
  const unclassified = all.filter((s) => !READER_TARGETS[s.name]).map((s) => s.name);
  const gone = Object.keys(READER_TARGETS).filter((n) => !names.has(n));
  if (unclassified.length > 0) throw new Error(`reader statements without a target version in READER_TARGETS: ${unclassified.join(", ")}`);
  if (gone.length > 0) throw new Error(`READER_TARGETS names statements the readers no longer have: ${gone.join(", ")}`);
  return all.map((s) => ({ name: `readers ${s.name}`, source: s.source, target: READER_TARGETS[s.name], sql: s.sql }));
}

function ddlStatements() {
  const { LYNC2010_DDL, OCS2007R2_DDL } = load("migration-jobs/readers/schema-ddl.js");
  const out = [];
  for (const [name, list] of [["LYNC2010_DDL", LYNC2010_DDL], ["OCS2007R2_DDL", OCS2007R2_DDL]]) {
    list.forEach((sql, i) => out.push({ name: `schema-ddl ${name}[${i}]`, source: "migration-jobs/readers/schema-ddl.ts", target: "2008R2", sql }));
  }
  return out;
}

function runbookStatements() {
  const tsql = load("migration-jobs/runbook/scripts/tsql.js");
  const source = "migration-jobs/runbook/scripts/tsql.ts";
  // Every *_SQL constant of tsql.ts: a new one is parsed without being listed here. The backups and
  // the access grants run on both sides, so 2008 R2.
  const constants = Object.entries(tsql).filter(([name, sql]) => /_SQL$/.test(name) && typeof sql === "string");
  const out = constants.map(([name, sql]) => ({ name: `runbook ${name}`, source, target: "2008R2", sql }));
  // The statement each `EXEC sp_executesql @sql` runs in the named database, parsed too.
  for (const [name, sql] of constants) {
    const inner = /N'USE ' \+ QUOTENAME\(@database\) \+ N';([\s\S]*?)';\r?\nEXEC sp_executesql/.exec(sql);
    if (inner) out.push({ name: `runbook ${name} (dynamic SQL)`, source, target: "2008R2", sql: inner[1].replace(/''/g, "'") });
  }
  if (!out.some((s) => s.name === "runbook BACKUP_DATABASE_SQL")) throw new Error("tsql.ts no longer exports BACKUP_DATABASE_SQL");
  return out;
}

/** A PowerShell single-quoted literal's value. */
const psLiteral = (s) => s.replace(/''/g, "'");

/**
 * The restore step's statements, taken from the script the kit renders: every `Invoke-KitSql -Sql '...'`
 * literal, and the RESTORE DATABASE text the script assembles at run time, rebuilt from the pieces of
 * its expressions for a backup with one data and one log file. A change to the expressions' shape
 * stops the export (update the rebuild here), rather than exporting a stale text.
 */
function restoreStatements() {
  const { renderRestoreScript, RESTORE_FILELIST_SQL } = load("src/components/scripts/restore.js");
  const args = { database: "GroupChat", downloadFolder: "H:\\Backup", dataPath: "F:\\Data", logPath: "G:\\Log", sqlLogin: "pchatadmin" };
  const script = renderRestoreScript({ runId: "1", computerName: null }, args).script;
  const source = "src/components/scripts/restore.ts";
  const out = [];
  const literals = [...script.matchAll(/Invoke-KitSql @\w+ -Sql '((?:[^']|'')*)'/g)];
  literals.forEach((m, i) => out.push({ name: `restore Invoke-KitSql literal ${i + 1}`, source, target: "2008R2", sql: psLiteral(m[1]) }));
  if (!out.some((s) => s.sql === RESTORE_FILELIST_SQL)) throw new Error("the restore script no longer sends RESTORE_FILELIST_SQL as an Invoke-KitSql -Sql literal");

  const restore = /-Sql \('((?:[^']|'')*)' \+ \$database \+ '((?:[^']|'')*)' \+ \(\$moves -join '((?:[^']|'')*)'\)\)/m.exec(script);
  const move = /\$moves \+= \("([^"]*)" \+ \(\$file\['LogicalName'\] -replace "'", "''"\) \+ "([^"]*)" \+ \(\$path -replace "'", "''"\) \+ "([^"]*)"\)\s*$/m.exec(script);
  const file = /\$path = Join-Path \$target \(\$database \+ '_' \+ \$file\['LogicalName'\] \+ \[System\.IO\.Path\]::GetExtension\(\$file\['PhysicalName'\]\)\)/.exec(script);
  if (!restore || !move || !file) throw new Error("the restore script's RESTORE DATABASE expression changed shape: update restoreStatements() in export-tsql.js");
  // The files RESTORE FILELISTONLY lists for a Group Chat backup: one data file, one log file.
  const files = [
    { logical: "GroupChat", physical: "D:\\SQL\\GroupChat.mdf", dir: args.dataPath },
    { logical: "GroupChat_log", physical: "D:\\SQL\\GroupChat_log.ldf", dir: args.logPath },
    // A quote in a logical name reaches both literals; the script doubles it in each.
    { logical: "O'Brien data", physical: "D:\\SQL\\obrien.ndf", dir: args.dataPath },
  ];
  const moves = files.map((f) => `${move[1]}${f.logical.replace(/'/g, "''")}${move[2]}${`${f.dir}\\${args.database}_${f.logical}${path.extname(f.physical)}`.replace(/'/g, "''")}${move[3]}`);
  out.push({ name: "restore RESTORE DATABASE (as the script assembles it)", source, target: "2008R2", sql: `${psLiteral(restore[1])}${args.database}${psLiteral(restore[2])}${moves.join(psLiteral(restore[3]))}` });
  return out;
}

/**
 * The Lync install's SQL logins step (issue 11): every *_SQL constant of sql-logins.ts, which the
 * script sends as its CommandText. It runs on Lync's own SQL Servers (2012 in the kit's stacks) but
 * is kept to 2008 R2, the oldest SQL Server Lync Server 2013 supports for its stores.
 */
function lyncSqlLoginsStatements() {
  const m = load("src/components/scripts/lync/sql-logins.js");
  const source = "src/components/scripts/lync/sql-logins.ts";
  const out = Object.entries(m)
    .filter(([name, sql]) => /_SQL$/.test(name) && typeof sql === "string")
    .map(([name, sql]) => ({ name: `lync sql-logins ${name}`, source, target: "2008R2", sql }));
  if (!out.some((s) => s.name === "lync sql-logins LYNC_ENSURE_SYSADMIN_SQL")) throw new Error("sql-logins.ts no longer exports LYNC_ENSURE_SYSADMIN_SQL");
  return out;
}

/**
 * `pchat-kit sample --sql`: the script for the small sample, cut into the batches sqlcmd sends (the
 * script ends every batch with a `GO` line). It builds a legacy database: 2008 R2.
 */
async function sampleStatements() {
  const { renderSampleSql, sampleSource } = load("migration-jobs/sample/index.js");
  const parts = [];
  await renderSampleSql(sampleSource({ scale: "small", seed: 1 }), (c) => parts.push(c));
  const batches = parts.join("").split(/^GO[ \t]*\r?\n/m).filter((b) => b.trim().length > 0);
  return batches.map((sql, i) => ({
    name: `sample --sql (small, seed 1) batch ${String(i + 1).padStart(3, "0")} of ${batches.length}`,
    source: "migration-jobs/sample/sql.ts",
    target: "2008R2",
    sql,
  }));
}

async function exportTsql(outFile) {
  checkCoverage();
  const statements = [...readerStatements(), ...ddlStatements(), ...runbookStatements(), ...restoreStatements(), ...lyncSqlLoginsStatements(), ...(await sampleStatements())];
  for (const s of statements) {
    if (typeof s.sql !== "string" || s.sql.trim() === "") throw new Error(`${s.name} is empty`);
    if (s.target !== "2008R2" && s.target !== "2012") throw new Error(`${s.name} has target ${s.target}`);
  }
  const dupes = statements.map((s) => s.name).filter((n, i, a) => a.indexOf(n) !== i);
  if (dupes.length > 0) throw new Error(`duplicate statement names: ${dupes.join(", ")}`);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify({ statements }, null, 2) + "\n");
  return statements;
}

module.exports = { exportTsql };

if (require.main === module) {
  const outFile = process.argv[2];
  if (!outFile) {
    process.stderr.write("usage: node test/powershell/tsql/export-tsql.js <outFile>\n");
    process.exit(2);
  }
  exportTsql(outFile).then(
    (statements) => {
      const by = {};
      for (const s of statements) by[s.target] = (by[s.target] ?? 0) + 1;
      process.stderr.write(`${statements.length} statements (${Object.entries(by).map(([t, n]) => `${t}: ${n}`).join(", ")}) -> ${outFile}\n`);
    },
    (e) => {
      process.stderr.write(`export-tsql: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
