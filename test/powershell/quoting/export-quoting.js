#!/usr/bin/env node
/**
 * Exports psString's literals to one JSON file, for the PowerShell suite's Quoting.Tests.ps1 to parse
 * with PowerShell's own parser and evaluate under pwsh. Plain CommonJS over the COMPILED kit
 * (`npm run build` writes dist/): the quoting is the one the shipped scripts use, not a copy.
 *
 *   node test/powershell/quoting/export-quoting.js <outFile>
 *
 * Output: { "cases": [ { name, value, literal } ] }, where `literal` is psString(value): every plain
 * parameter of every step script is declared as `[string]$Name = <literal>`, so a value (a category
 * name, a path, a login) must come back from PowerShell exactly as given and never run as code.
 * The first cases are the ones test/runbook/scripts.test.ts checks in TypeScript (the literal undone
 * by hand); the rest are nastier.
 */
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..", "..", "..");
const COMMON = path.join(ROOT, "dist", "migration-jobs", "powershell", "frame.js");

const CASES = [
  // The jest table of test/runbook/scripts.test.ts ("psString with %s").
  ["plain text", "Sales"],
  ["an apostrophe", "O'Brien's room"],
  ["typographic quotes", "Sales\u2019 EMEA \u2018x\u2019 \u201Ay\u201B"],
  ["a subexpression (not expanded in single quotes)", "$(Stop-Computer)"],
  ["a backtick and a dollar", "`n $env:PATH"],
  ["a newline", "line 1\nline 2"],
  ["an injection attempt", "x'; Stop-Computer -Force; '"],
  ["a typographic injection attempt", "x\u2019; Stop-Computer -Force; \u2018"],
  ["an empty string", ""],
  // Nastier ones.
  ["a subexpression inside an apostrophe", "it's $(Get-Date) and ${env:COMPUTERNAME}"],
  ["a subexpression after a closing quote", "'$(Write-Output pwned)'"],
  ["backticks before a quote", "``'`'`\u2019"],
  ["a trailing backtick", "C:\\share\\`"],
  ["each typographic quote alone (U+2018)", "\u2018"],
  ["each typographic quote alone (U+2019)", "\u2019"],
  ["each typographic quote alone (U+201A)", "\u201A"],
  ["each typographic quote alone (U+201B)", "\u201B"],
  ["typographic quotes doubled already", "\u2018\u2018\u2019\u2019\u201A\u201A\u201B\u201B"],
  ["mixed straight and typographic quotes", "'\u2019'\u2018\u201A'\u201B''"],
  ["a typographic injection with a subexpression", "x\u2018); $(Stop-Computer -Force); (\u2019"],
  ["CR LF line ends", "line 1\r\nline 2\r\n"],
  ["a lone CR", "a\rb"],
  ["a newline then an injection", "x\n'; Stop-Computer -Force; '"],
  ["a block comment close and open", "#> Stop-Computer <# #"],
  ["a block comment open, then an injection", "<# x'; Stop-Computer; '#>"],
  ["a line comment", "# not a comment"],
  ["double quotes and escapes", "\"$x\" `\"`t\""],
  ["a here-string marker", "@'\n'@\n@\"\n\"@"],
  ["a UNC path", "\\\\labfs101.contoso.local\\migration\\run-1"],
  ["unicode: accents, CJK, right-to-left, emoji (no NUL)", "Zoë Ærøskøbing 東京 עברית \u{1F600} \u00A0nbsp \u200Bzwsp"],
  ["unicode line and paragraph separators", "a\u2028b\u2029c\u0085d"],
  ["tabs and control characters", "a\tb\u0001c\u001Bd\u007F"],
  ["a hostile scope, as ScopeJson", JSON.stringify(["Sales'); Stop-Computer -Force; ('", "Eng\u2019; Stop-Computer; \u2018"])],
  ["a semicolon, pipe and ampersand", "a; b | c & d && e || f"],
  ["leading and trailing spaces", "  padded  "],
];

function exportQuoting(outFile) {
  if (!fs.existsSync(COMMON)) throw new Error(`${path.relative(ROOT, COMMON)} is missing: run \`npm run build\` first (the export reads the compiled kit)`);
  const { psString } = require(COMMON);
  const names = new Set();
  const cases = CASES.map(([name, value]) => {
    if (names.has(name)) throw new Error(`quoting case named twice: ${name}`);
    names.add(name);
    if (value.includes("\0")) throw new Error(`quoting case ${name}: NUL cannot reach a script parameter`);
    return { name, value, literal: psString(value) };
  });
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify({ cases }, null, 2) + "\n");
  return cases.length;
}

module.exports = { exportQuoting };

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write("usage: node test/powershell/quoting/export-quoting.js <outFile>\n");
    process.exit(2);
  }
  process.stdout.write(`${exportQuoting(out)} quoting cases in ${out}\n`);
}
