/**
 * PowerShell syntax check, standing in for pwsh (which this machine does not have): scripts are
 * parsed with the tree-sitter PowerShell grammar (web-tree-sitter + the grammar's wasm).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Parser, Language, Node, Tree } from "web-tree-sitter";

let ready: Promise<Parser> | undefined;

/** One parser for the whole test file: loading the wasm costs ~100 ms. */
export function powershellParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init();
    const wasm = path.join(path.dirname(require.resolve("tree-sitter-powershell/package.json")), "tree-sitter-powershell.wasm");
    const language = await Language.load(new Uint8Array(fs.readFileSync(wasm)));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return ready;
}

export interface PowerShellProblem {
  line: number;
  column: number;
  kind: "ERROR" | "MISSING" | "TRY-WITHOUT-CATCH";
  text: string;
}

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.children) if (child) walk(child, visit);
}

/** Syntax problems: ERROR and MISSING nodes, plus `try {}` without catch/finally, which the grammar accepts. */
export async function powershellProblems(script: string): Promise<PowerShellProblem[]> {
  const parser = await powershellParser();
  const tree = parser.parse(script) as Tree;
  const problems: PowerShellProblem[] = [];
  walk(tree.rootNode, (n) => {
    if (n.type === "ERROR" || n.isMissing) {
      problems.push({
        line: n.startPosition.row + 1,
        column: n.startPosition.column,
        kind: n.type === "ERROR" ? "ERROR" : "MISSING",
        text: n.text.slice(0, 80),
      });
    }
    if (n.type === "try_statement") {
      const hasHandler = n.children.some((c) => c && (c.type === "catch_clauses" || c.type === "catch_clause" || c.type === "finally_clause"));
      if (!hasHandler) {
        problems.push({ line: n.startPosition.row + 1, column: n.startPosition.column, kind: "TRY-WITHOUT-CATCH", text: n.text.slice(0, 80) });
      }
    }
  });
  tree.delete();
  return problems;
}

/** Throws with the problems and their lines when `script` does not parse cleanly. */
export async function expectValidPowerShell(script: string, name = "script"): Promise<void> {
  const problems = await powershellProblems(script);
  if (problems.length === 0) return;
  const lines = script.split(/\r?\n/);
  const detail = problems
    .slice(0, 5)
    .map((p) => `  line ${p.line}:${p.column} ${p.kind} ${JSON.stringify(p.text)}\n    > ${lines[p.line - 1] ?? ""}`)
    .join("\n");
  throw new Error(`${name} does not parse as PowerShell:\n${detail}`);
}

/**
 * The commands a script calls (command names as written, e.g. `Export-CsPersistentChatData`), with
 * the parameters passed to each (e.g. `-WhatIf`), for assertions on what a step does.
 */
export async function powershellCommands(script: string): Promise<Array<{ name: string; parameters: string[] }>> {
  const parser = await powershellParser();
  const tree = parser.parse(script) as Tree;
  const out: Array<{ name: string; parameters: string[] }> = [];
  walk(tree.rootNode, (n) => {
    if (n.type !== "command") return;
    const nameNode = n.childForFieldName("command_name") ?? n.children.find((c) => c?.type === "command_name") ?? null;
    if (!nameNode) return;
    const parameters: string[] = [];
    walk(n, (c) => {
      if (c.type === "command_parameter") parameters.push(c.text.replace(/:$/, ""));
    });
    out.push({ name: nameNode.text, parameters });
  });
  tree.delete();
  return out;
}
