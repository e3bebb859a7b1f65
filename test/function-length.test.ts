/**
 * Issue 10: no function in the planners and the analysis is longer than about 120 lines, so each
 * reads as a table of contents of named phases. The files are parsed with the TypeScript compiler
 * API; a function's length runs from its first line to its last (nested functions count in their
 * parent too, so a long closure cannot hide inside a short-looking function).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const MAX_LINES = 120;
const ROOT = path.join(__dirname, "..");
/** Folders whose every .ts file is held to the limit, and single files. */
const CHECKED = ["migration-jobs/analysis", "src/topology", "migration-jobs/sample", "migration-jobs/runbook/planner.ts"];

function filesOf(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => `${entry}/${f}`);
}

interface FunctionSpan {
  name: string;
  line: number;
  lines: number;
}

function nameOf(node: ts.Node, sf: ts.SourceFile): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isFunctionExpression(node) || ts.isAccessor(node)) && node.name) return node.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) return parent.name.getText(sf);
  return "(anonymous)";
}

/** Every function-like node of a file with its length in lines. */
export function functionSpans(fileName: string, text: string): FunctionSpan[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const last = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      out.push({ name: nameOf(node, sf), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

describe("the length check itself", () => {
  test.each([
    ["a declaration", "function f() {\n  return 1;\n}\n", [{ name: "f", line: 1, lines: 3 }]],
    ["an arrow in a const, nested in a method", "class A {\n  m() {\n    const g = () => {\n      return 2;\n    };\n  }\n}\n", [{ name: "m", line: 2, lines: 5 }, { name: "g", line: 3, lines: 3 }]],
    ["a signature without a body is no function", "declare function h(): void;\n", []],
  ])("%s", (_, text, expected) => {
    expect(functionSpans("x.ts", text)).toEqual(expected);
  });
});

describe.each(CHECKED.flatMap(filesOf))(`functions of %s are at most ${MAX_LINES} lines`, (file) => {
  test("none longer", () => {
    const long = functionSpans(file, fs.readFileSync(path.join(ROOT, file), "utf8"))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${file}:${f.line} ${f.name} has ${f.lines} lines`);
    expect(long).toEqual([]);
  });
});
