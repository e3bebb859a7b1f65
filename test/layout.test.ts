/**
 * The rules of the layout (issue 10, item 6). CONTRIBUTING.md's folder table ("Where things are") is
 * read from the document itself, so the document and the rule cannot drift apart: every import of a
 * .ts file under src/, migration-jobs/ and bench/ (`import`, `import type`, `export ... from`,
 * `import x = require`, `require(...)`, `import(...)`, `typeof import(...)`, found with the TypeScript
 * compiler API) stays in its folder or goes to one that its row names. Three rules hold whatever a row
 * says: no cycle between folders, the engine (migration-jobs/) imports nothing from src/, and only the
 * two cli/ folders import a command module (a module that calls defineCommand or defineGroup).
 * Every failure names the importing file and line, the imported file and the rule.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";

const ROOT = path.join(__dirname, "..");
const SCANNED = ["src", "migration-jobs", "bench"];
const HEADING = "## Where things are";
const WHERE = 'CONTRIBUTING.md, "Where things are"';
const CLI_FOLDERS = ["src/cli/", "migration-jobs/cli/"];
const COMMAND_MAKERS = new Set(["defineCommand", "defineGroup"]);

/** A row of the table: a folder (`src/config/`) or a file (`src/program.ts`), and what it may import. */
export interface FolderRule {
  folder: string;
  /** The tokens of the "may import" column as written, e.g. `common`, `migration-jobs/*`. */
  written: string[];
  /** The rows they name. */
  mayImport: Set<string>;
}

export interface Table {
  rows: FolderRule[];
  /** What could not be read: a row without a folder, a token that names no row. */
  problems: string[];
}

/** Cells of a Markdown table row; a `|` inside backticks is text. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let code = false;
  for (const ch of line.trim().replace(/^\|/, "").replace(/\|$/, "")) {
    if (ch === "`") code = !code;
    if (ch === "|" && !code) {
      out.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  out.push(cell.trim());
  return out;
}

const backticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
const rootOf = (folder: string): string => folder.split("/")[0]!;

/** What a token of a row names: `src/*` and `migration-jobs/*` every row of that root but its cli/; a bare name a row of the row's own root. */
function rowsNamed(token: string, row: string, folders: readonly string[]): string[] {
  const wildcard = /^([^/]+)\/\*$/.exec(token);
  if (wildcard) {
    const root = wildcard[1]!;
    return folders.filter((f) => rootOf(f) === root && f !== `${root}/cli/` && f !== row && f !== `${root}/`);
  }
  const candidates = [token, `${token}/`, `${rootOf(row)}/${token}`, `${rootOf(row)}/${token}/`];
  const hit = candidates.find((c) => folders.includes(c));
  return hit ? [hit] : [];
}

/** Reads the folder table under "## Where things are". */
export function readTable(markdown: string): Table {
  const lines = markdown.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() === HEADING);
  const problems: string[] = [];
  if (at < 0) return { rows: [], problems: [`${WHERE}: no such heading`] };
  const tableLines: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim().startsWith("|")) tableLines.push(line);
    else if (tableLines.length > 0 || line.trim() !== "") break;
  }
  const header = cells(tableLines[0] ?? "");
  const folderCol = header.indexOf("folder");
  const mayCol = header.indexOf("may import");
  if (folderCol < 0 || mayCol < 0) return { rows: [], problems: [`${WHERE}: the table has no "folder" or no "may import" column`] };
  const raw = tableLines.slice(2).map((line) => {
    const c = cells(line);
    const names = backticked(c[folderCol] ?? "");
    if (names.length !== 1) problems.push(`${WHERE}: the row "${line.trim()}" must name one folder or file in backticks`);
    // Remarks in parentheses may hold backticks too: they are no rule.
    return { folder: names[0] ?? "", written: backticked((c[mayCol] ?? "").replace(/\([^)]*\)/g, "")) };
  });
  const folders = raw.map((r) => r.folder);
  const rows = raw.map(({ folder, written }) => {
    const mayImport = new Set<string>();
    for (const token of written) {
      const named = rowsNamed(token, folder, folders);
      if (named.length === 0) problems.push(`${WHERE}: \`${token}\` in the row of \`${folder}\` names no folder of the table`);
      for (const n of named) mayImport.add(n);
    }
    return { folder, written, mayImport };
  });
  return { rows, problems };
}

/** The row a file is in: the file's own row, or the longest folder row holding it. */
export function folderOf(file: string, table: Table): string | undefined {
  let best: string | undefined;
  for (const { folder } of table.rows) {
    if (folder === file) return folder;
    if (folder.endsWith("/") && file.startsWith(folder) && (best === undefined || folder.length > best.length)) best = folder;
  }
  return best;
}

interface Specifier {
  text: string;
  line: number;
}

/** Every module a file names, with the line it is named on; whether it makes a command. */
export function readModule(file: string, text: string): { specifiers: Specifier[]; makesCommand: boolean } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const specifiers: Specifier[] = [];
  let makesCommand = false;
  const add = (node: ts.Node, literal: ts.Node | undefined): void => {
    if (literal && ts.isStringLiteralLike(literal)) specifiers.push({ text: literal.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) add(node, node.arguments[0]);
      if (ts.isIdentifier(callee) && COMMAND_MAKERS.has(callee.text)) makesCommand = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { specifiers, makesCommand };
}

/** The file a relative specifier names (`x`, `x.ts`, `x/index.ts`, `x.js` for `x.ts`), or the bare path when none is known; null for a package. */
export function resolve(from: string, specifier: string, files: ReadonlySet<string>): string | null {
  if (!specifier.startsWith(".")) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [target, `${target}.ts`, `${target}/index.ts`, target.replace(/\.js$/, ".ts")];
  return candidates.find((c) => files.has(c)) ?? target;
}

interface Edge {
  from: string;
  line: number;
  to: string;
}

/** A shortest loop from `start` back to it through folders of one strongly connected part, as edges. */
function loopFrom(start: string, graph: Map<string, Map<string, Edge>>, part: ReadonlySet<string>): Edge[] {
  const previous = new Map<string, [string, Edge]>();
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const [next, edge] of [...(graph.get(at) ?? [])].sort(([a], [b]) => a.localeCompare(b))) {
      if (!part.has(next) || previous.has(next)) continue;
      previous.set(next, [at, edge]);
      if (next === start) {
        const loop: Edge[] = [];
        for (let f = start; loop.length === 0 || f !== start; ) {
          const [before, e] = previous.get(f)!;
          loop.unshift(e);
          f = before;
        }
        return loop;
      }
      queue.push(next);
    }
  }
  return [];
}

/** Strongly connected parts of more than one folder (Tarjan). */
function circles(graph: Map<string, Map<string, Edge>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1) out.push(part.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  return out;
}

export interface Layout {
  problems: string[];
  /** Folder -> folders it imports. */
  graph: Map<string, Set<string>>;
  commandModules: Set<string>;
}

/** Holds every import of `sources` (path from the root -> text) to the table and the three rules. */
export function checkLayout(table: Table, sources: ReadonlyMap<string, string>): Layout {
  const problems = [...table.problems];
  const files = new Set(sources.keys());
  const modules = new Map([...sources].map(([file, text]) => [file, readModule(file, text)]));
  const commandModules = new Set([...modules].filter(([, m]) => m.makesCommand).map(([f]) => f));
  const rule = new Map(table.rows.map((r) => [r.folder, r]));
  const graph = new Map<string, Map<string, Edge>>();
  for (const [from, { specifiers }] of [...modules].sort(([a], [b]) => a.localeCompare(b))) {
    const home = folderOf(from, table);
    if (home === undefined) problems.push(`${from}: in no folder of the table (${WHERE}): add its row`);
    const seen = new Set<string>();
    for (const { text, line } of specifiers) {
      const to = resolve(from, text, files);
      if (to === null || seen.has(`${line} ${to}`)) continue;
      seen.add(`${line} ${to}`);
      const at = `${from}:${line} imports ${to}`;
      if (from.startsWith("migration-jobs/") && to.startsWith("src/")) problems.push(`${at}: the engine (migration-jobs/) imports nothing from src/`);
      if (commandModules.has(to) && !CLI_FOLDERS.some((c) => from.startsWith(c))) problems.push(`${at}: ${to} is a command module, which only ${CLI_FOLDERS.join(" and ")} import`);
      const there = folderOf(to, table);
      if (home === undefined || there === home) continue;
      if (there === undefined) {
        problems.push(`${at}, which is in no folder of the table (${WHERE})`);
        continue;
      }
      const may = rule.get(home)!;
      if (!may.mayImport.has(there)) {
        problems.push(`${at}: \`${home}\` may import ${may.written.map((w) => `\`${w}\``).join(", ") || "nothing of ours"}, not \`${there}\` (${WHERE})`);
      }
      if (!graph.has(home)) graph.set(home, new Map());
      if (!graph.get(home)!.has(there)) graph.get(home)!.set(there, { from, line, to });
    }
  }
  for (const part of circles(graph)) {
    const loop = loopFrom(part[0]!, graph, new Set(part));
    const route = [part[0]!, ...loop.map((e) => folderOf(e.to, table)!)].join(" -> ");
    problems.push(`cycle between folders ${route}: ${loop.map((e) => `${e.from}:${e.line} imports ${e.to}`).join("; ")} (no folders import each other in a cycle)`);
  }
  return { problems, graph: new Map([...graph].map(([f, to]) => [f, new Set(to.keys())])), commandModules };
}

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(path.join(ROOT, dir))) return [];
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => !e.name.startsWith(".") && e.name !== "node_modules")
    .flatMap((e) => (e.isDirectory() ? tsFiles(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []));
}

describe("the house keeps CONTRIBUTING.md's folder table", () => {
  const table = readTable(fs.readFileSync(path.join(ROOT, "CONTRIBUTING.md"), "utf8"));
  const sources = new Map(SCANNED.flatMap(tsFiles).map((f) => [f, fs.readFileSync(path.join(ROOT, f), "utf8")]));
  const layout = checkLayout(table, sources);

  it("every row names a folder or file that exists", () => {
    expect(table.rows.length).toBeGreaterThan(20);
    expect(table.rows.filter((r) => !fs.existsSync(path.join(ROOT, r.folder))).map((r) => r.folder)).toEqual([]);
  });

  it("every import of src/, migration-jobs/ and bench/ keeps the table, no cycle, the engine apart from src/, command modules to the cli folders", () => {
    expect(layout.problems).toEqual([]);
  });

  it("the check sees the house: its imports, folders and command modules", () => {
    expect(sources.size).toBeGreaterThan(150);
    expect(layout.graph.get("src/cli/")).toContain("migration-jobs/cli/");
    expect(layout.graph.get("migration-jobs/plan/")).toEqual(new Set(["migration-jobs/runbook/", "migration-jobs/contacts/", "migration-jobs/common/"]));
    expect(layout.graph.get("src/index.ts")).toContain("src/program.ts");
    expect(layout.commandModules).toContain("migration-jobs/cli/analyze.ts");
    expect(layout.commandModules).toContain("src/cli/plan.ts");
    expect(layout.commandModules).not.toContain("migration-jobs/cli/command.ts");
    expect(layout.commandModules).not.toContain("src/cli/commands.ts");
  });

  it("the real table has teeth: the runbook taking the contacts job's config back is refused, and so is its cycle", () => {
    const planted = new Map(sources).set("migration-jobs/runbook/contacts-config.ts", 'export { checkContactsConfig } from "../contacts/config";\n');
    expect(checkLayout(table, planted).problems).toEqual([
      "migration-jobs/runbook/contacts-config.ts:1 imports migration-jobs/contacts/config.ts: `migration-jobs/runbook/` may import `analysis`, `powershell`, `common`, not `migration-jobs/contacts/` (CONTRIBUTING.md, \"Where things are\")",
      expect.stringMatching(/^cycle between folders migration-jobs\/contacts\/ -> migration-jobs\/runbook\/ -> migration-jobs\/contacts\/: migration-jobs\/contacts\/\S+ imports migration-jobs\/runbook\/step\.ts; migration-jobs\/runbook\/contacts-config\.ts:1 imports migration-jobs\/contacts\/config\.ts/),
    ]);
  });
});

describe("the check itself, on planted houses", () => {
  const TABLE = [
    "# A house",
    "",
    "## Where things are",
    "| folder | what | may import |",
    "|---|---|---|",
    "| `src/app/` | the program | `src/lib`, `migration-jobs/*`, `migration-jobs/cli` (its `options.ts`) |",
    "| `src/lib/` | a library with a `a|b` in its text | `migration-jobs/core` |",
    "| `src/cli/` | the command line | `src/*`, `migration-jobs/*`, `migration-jobs/cli` |",
    "| `migration-jobs/core/` | the ground | nothing of ours |",
    "| `migration-jobs/jobs/` | a job, wrongly allowed into src | `core`, `src/lib` |",
    "| `migration-jobs/left/` | allowed both ways | `right`, `core` |",
    "| `migration-jobs/right/` | allowed both ways | `left` |",
    "| `migration-jobs/cli/` | the engine's commands | `migration-jobs/*` |",
    "",
    "## Conventions",
  ].join("\n");
  const HOUSE: Record<string, string> = {
    "src/app/main.ts": 'import { lib } from "../lib/lib";\nimport { job } from "../../migration-jobs/jobs/job";\nimport { FLAG } from "../../migration-jobs/cli/options";\n',
    "src/lib/lib.ts": 'import type { Core } from "../../migration-jobs/core";\nexport const lib = 1;\n',
    "src/cli/run.ts": 'import { helloCommand } from "../../migration-jobs/cli/hello";\nimport { lib } from "../lib/lib";\n',
    "migration-jobs/core/index.ts": "export interface Core { id: number }\n",
    "migration-jobs/jobs/job.ts": 'import type { Core } from "../core/index";\nexport const job = 1;\n',
    "migration-jobs/left/l.ts": 'import type { Core } from "../core";\n',
    "migration-jobs/right/r.ts": "export const r = 1;\n",
    "migration-jobs/cli/options.ts": "export const FLAG = { flag: \"--x\" };\n",
    "migration-jobs/cli/hello.ts": 'import { job } from "../jobs/job";\nimport { FLAG } from "./options";\nexport const helloCommand = defineCommand({ name: "hello", options: [FLAG] });\n',
  };
  const LIB_RULE = "`src/lib/` may import `migration-jobs/core`, not `migration-jobs/jobs/` (CONTRIBUTING.md, \"Where things are\")";

  test.each<[string, Record<string, string>, string[]]>([
    ["the house as planned", {}, []],
    [
      "a forbidden import",
      { "src/lib/more.ts": 'import { job } from "../../migration-jobs/jobs/job";\n' },
      [`src/lib/more.ts:1 imports migration-jobs/jobs/job.ts: ${LIB_RULE}`],
    ],
    [
      "a forbidden import type, export from, require and typeof import",
      { "src/lib/more.ts": 'import type { J } from "../../migration-jobs/jobs/job";\nexport { job } from "../../migration-jobs/jobs/job";\nconst j = require("../../migration-jobs/jobs/job") as typeof import("../../migration-jobs/jobs/job");\n' },
      [1, 2, 3].map((line) => `src/lib/more.ts:${line} imports migration-jobs/jobs/job.ts: ${LIB_RULE}`),
    ],
    [
      "a cycle the table allows",
      { "migration-jobs/left/to-right.ts": 'import { r } from "../right/r";\n', "migration-jobs/right/to-left.ts": 'import "../left/l";\n' },
      [
        "cycle between folders migration-jobs/left/ -> migration-jobs/right/ -> migration-jobs/left/: migration-jobs/left/to-right.ts:1 imports migration-jobs/right/r.ts; migration-jobs/right/to-left.ts:1 imports migration-jobs/left/l.ts (no folders import each other in a cycle)",
      ],
    ],
    [
      "a cycle through a forbidden import",
      { "migration-jobs/core/up.ts": 'import { job } from "../jobs/job";\n' },
      [
        "migration-jobs/core/up.ts:1 imports migration-jobs/jobs/job.ts: `migration-jobs/core/` may import nothing of ours, not `migration-jobs/jobs/` (CONTRIBUTING.md, \"Where things are\")",
        "cycle between folders migration-jobs/core/ -> migration-jobs/jobs/ -> migration-jobs/core/: migration-jobs/core/up.ts:1 imports migration-jobs/jobs/job.ts; migration-jobs/jobs/job.ts:1 imports migration-jobs/core/index.ts (no folders import each other in a cycle)",
      ],
    ],
    [
      "the engine importing src/, though its row allows it",
      { "migration-jobs/jobs/uses-src.ts": 'import { lib } from "../../src/lib/lib";\n' },
      ["migration-jobs/jobs/uses-src.ts:1 imports src/lib/lib.ts: the engine (migration-jobs/) imports nothing from src/"],
    ],
    [
      "a command module imported outside the cli folders, though the row allows the folder",
      { "src/app/hello.ts": 'const { helloCommand } = require("../../migration-jobs/cli/hello");\n' },
      ["src/app/hello.ts:1 imports migration-jobs/cli/hello.ts: migration-jobs/cli/hello.ts is a command module, which only src/cli/ and migration-jobs/cli/ import"],
    ],
    ["a file in no folder of the table", { "src/stray.ts": "export const s = 1;\n" }, ['src/stray.ts: in no folder of the table (CONTRIBUTING.md, "Where things are"): add its row']],
    [
      "an import of a file in no folder of the table",
      { "src/lib/tests.ts": 'import { fake } from "../../test/support/fake";\n' },
      ['src/lib/tests.ts:1 imports test/support/fake, which is in no folder of the table (CONTRIBUTING.md, "Where things are")'],
    ],
  ])("%s", (_, planted, expected) => {
    expect(checkLayout(readTable(TABLE), new Map(Object.entries({ ...HOUSE, ...planted }))).problems).toEqual(expected);
  });

  test.each<[string, string, string[]]>([
    ["a token that names no folder", "| `src/app/` | x | `src/nowhere` |", ['CONTRIBUTING.md, "Where things are": `src/nowhere` in the row of `src/app/` names no folder of the table']],
    ["a row without its folder", "| the app | x | |", ['CONTRIBUTING.md, "Where things are": the row "| the app | x | |" must name one folder or file in backticks']],
  ])("the table: %s", (_, row, expected) => {
    expect(readTable(`## Where things are\n| folder | what | may import |\n|---|---|---|\n${row}\n`).problems).toEqual(expected);
  });

  it("reads the rules as written: wildcards leave out cli/, bare names are of the row's root, remarks are no rule", () => {
    const rows = new Map(readTable(TABLE).rows.map((r) => [r.folder, [...r.mayImport].sort()]));
    expect(rows.get("src/app/")).toEqual(["migration-jobs/cli/", "migration-jobs/core/", "migration-jobs/jobs/", "migration-jobs/left/", "migration-jobs/right/", "src/lib/"]);
    expect(rows.get("src/cli/")).toEqual(["migration-jobs/cli/", "migration-jobs/core/", "migration-jobs/jobs/", "migration-jobs/left/", "migration-jobs/right/", "src/app/", "src/lib/"]);
    expect(rows.get("migration-jobs/jobs/")).toEqual(["migration-jobs/core/", "src/lib/"]);
    expect(rows.get("migration-jobs/core/")).toEqual([]);
  });
});
