#!/usr/bin/env node
"use strict";
// Runs every compiled bench (dist/bench/*.bench.js) in its own process, one after the other, and
// prints their figure lines. `npm run bench -- plan` runs only the benches whose name contains "plan".
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const dir = path.join(__dirname, "..", "dist", "bench");
if (!fs.existsSync(dir)) {
  process.stderr.write("No compiled benches: run `npm run build` first.\n");
  process.exit(2);
}
const filter = process.argv[2] ?? "";
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".bench.js") && f.includes(filter)).sort();
let failed = 0;
for (const f of files) {
  process.stderr.write(`== ${f}\n`);
  const r = spawnSync(process.execPath, ["--expose-gc", path.join(dir, f)], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
