/**
 * What `pchat-kit plan` loads before it plans (the offline plan's time is a third module loading):
 * the modules reached from the command line's entry and the offline plan by the imports that run when
 * a module loads (value imports, `import x = require`, a `require()` outside any function), found with
 * the TypeScript compiler API. The SQL Server client and the contact lists' ZIP and XML writers are
 * for the commands and the migrations that use them, loaded inside what needs them: none of them may
 * be reached here. A stack with a migration loads them when the program plans it (src/program.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const ENTRIES = ["src/cli/main.ts", "src/offline/plan.ts", "src/program.ts"];
const ONLY_WHEN_USED = ["mssql", "tedious", "jszip", "xmlbuilder2"];

/** The specifiers a module imports when it loads, in source order. */
export function loadTimeImports(source: string, file = "x.ts"): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const requireOf = (e: ts.Expression | undefined): string | null =>
    e && ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments[0] && ts.isStringLiteral(e.arguments[0]) ? e.arguments[0].text : null;
  const visit = (node: ts.Node): void => {
    // A function body runs when it is called, not when the module loads.
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      out.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression) && !node.isTypeOnly) {
      out.push(node.moduleReference.expression.text);
    } else {
      const required = ts.isCallExpression(node) ? requireOf(node) : null;
      if (required) out.push(required);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function resolveLocal(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const f of [`${base}.ts`, path.join(base, "index.ts")]) if (fs.existsSync(f)) return f;
  return null;
}

/** Every package reached from `entries`, with the chain of our modules that first reaches it. */
function packagesReached(entries: string[]): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const queue: Array<{ file: string; chain: string[] }> = entries.map((e) => ({ file: path.join(ROOT, e), chain: [e] }));
  while (queue.length > 0) {
    const { file, chain } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of loadTimeImports(fs.readFileSync(file, "utf8"), file)) {
      if (spec.startsWith(".")) {
        const next = resolveLocal(file, spec);
        if (next) queue.push({ file: next, chain: [...chain, path.relative(ROOT, next)] });
      } else if (!spec.startsWith("node:")) {
        const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
        if (!reached.has(pkg)) reached.set(pkg, chain);
      }
    }
  }
  return reached;
}

describe("what the plan command loads", () => {
  it.each([
    ["a value import", `import { a } from "./a";`, ["./a"]],
    ["a type-only import", `import type { A } from "./a"; import { type B } from "./b";`, []],
    ["a re-export", `export { a } from "./a"; export type { B } from "./b";`, ["./a"]],
    ["import = require", `import fs = require("node:fs");`, ["node:fs"]],
    ["a require() at the top", `const x = require("./x");`, ["./x"]],
    ["a require() inside a function", `export function f() { return require("./x"); }`, []],
    ["a require() inside a method or an arrow", `class C { m() { require("./a"); } } const g = () => require("./b");`, []],
  ])("reads %s", (_what, source, expected) => {
    expect(loadTimeImports(source)).toEqual(expected);
  });

  it("reaches neither the SQL Server client nor the contact lists' writers", () => {
    const reached = packagesReached(ENTRIES);
    expect(reached.has("@pulumi/pulumi")).toBe(true);
    expect(ONLY_WHEN_USED.filter((p) => reached.has(p)).map((p) => `${p} via ${reached.get(p)!.join(" > ")}`)).toEqual([]);
  });
});
