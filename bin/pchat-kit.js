#!/usr/bin/env node
"use strict";
// The command line runs the compiled program (built by `npm ci` through the `prepare` script).
let cli;
try {
  cli = require("../dist/src/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /dist[\\/]src[\\/]cli[\\/]main/.test(String(e.message))) {
    process.stderr.write("pchat-kit is not built: run `npm ci` (or `npm run build`) in the kit's folder first.\n");
    process.exit(2);
  }
  throw e;
}
cli.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
