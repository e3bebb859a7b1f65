/**
 * Commands as data (issue 10, item 5): every command is a declaration (name, description, options)
 * with a handler, the options more than one command takes are defined once, and adding a command is
 * one module plus one line in src/cli/commands.ts. The CLI runs in-process with an in-memory Io;
 * sources are read with the TypeScript parser the build uses. Nothing is stood in for.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { Option as CommanderOption } from "commander";
import { bufferIo } from "../../migration-jobs/common/io";
import { UserError } from "../../migration-jobs/common/errors";
import { commandContext, commandPaths, defineCommand, defineGroup, defineOption, isGroup, optionKey, sharedOf, variant, type Args, type CommandDef, type OptionDef } from "../../migration-jobs/cli/command";
import * as SHARED from "../../migration-jobs/cli/options";
import { SHARED_OPTIONS, CUTOFF, JSON_OUTPUT, STACK, TRUST_SERVER_CERTIFICATE, CONFIG_FILE } from "../../migration-jobs/cli/options";
import type { analyzeCommand } from "../../migration-jobs/cli/analyze";
import type { contactsPlanCommand } from "../../migration-jobs/cli/contacts";
import { COMMANDS } from "../../src/cli/commands";
import { CONNECTION_OPTIONS, runCli } from "../../src/cli/main";

const ROOT = path.resolve(__dirname, "../..");
const SHARED_LIST: readonly OptionDef[] = SHARED_OPTIONS;
const ALL = commandPaths(COMMANDS);
const allOptions = ALL.flatMap(({ path: p, command }) => command.options.map((option) => ({ command: p.join(" "), option })));

/** The long flags commander's --help lists under "Options:", in order (without --help). */
function flagsInHelp(help: string): string[] {
  const at = help.indexOf("Options:");
  return help
    .slice(at)
    .split("\n")
    .map((l) => /^ {2}(?:-[a-zA-Z], )?(--[a-z][a-z-]*)/.exec(l)?.[1])
    .filter((f): f is string => f !== undefined && f !== "--help");
}

async function cli(argv: string[], commands = COMMANDS): Promise<{ code: number; out: string; err: string }> {
  const io = bufferIo();
  const code = await runCli(argv, io, commands);
  return { code, out: io.out, err: io.err };
}

describe("every command is declared as data", () => {
  it("finds the commands (the walk works)", () => {
    expect(ALL.map((c) => c.path.join(" "))).toEqual(["plan", "snapshot", "sample", "contacts plan", "analyze", "verify", "rehearse"]);
  });

  it.each(ALL.map((c) => [c.path.join(" "), c.command] as const))("%s: a name, a description, options and a handler", (_name, command) => {
    expect(command.name).toMatch(/^[a-z][a-z-]*$/);
    expect(command.description.trim().length).toBeGreaterThan(10);
    expect(typeof command.handler).toBe("function");
    expect(Array.isArray(command.options)).toBe(true);
    for (const o of command.options) {
      expect(o.flag).toMatch(/^--[a-z][a-z0-9-]*$/);
      expect(o.flag.startsWith("--no-")).toBe(false); // commander would negate it
      if (o.value !== undefined) expect(o.value).toMatch(/^<[^<>]+>$/);
      expect(o.description.trim()).not.toBe("");
      if (o.default !== undefined || o.choices !== undefined) expect(o.value).toBeDefined();
    }
    // Each flag once per command, and data only: strings, booleans and lists of strings (and the shared option).
    expect(new Set(command.options.map((o) => o.flag)).size).toBe(command.options.length);
    for (const o of command.options) {
      for (const [k, v] of Object.entries(o)) {
        const ok = k === "shared" ? SHARED_LIST.includes(v as OptionDef) : typeof v === "string" || typeof v === "boolean" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
        expect({ option: o.flag, field: k, data: ok }).toEqual({ option: o.flag, field: k, data: true });
      }
    }
  });

  it("groups are data too: a name, a description and their commands", () => {
    const groups = COMMANDS.filter(isGroup);
    expect(groups.map((g) => g.name)).toEqual(["contacts"]);
    for (const g of groups) {
      expect(g.description.trim()).not.toBe("");
      expect(g.commands.length).toBeGreaterThan(0);
    }
  });

  it.each(ALL.map((c) => [c.path.join(" "), c.path, c.command] as const))("%s --help lists exactly the declared options, in order", async (_name, words, command) => {
    const { code, out } = await cli([...words, "--help"]);
    expect(code).toBe(0);
    expect(out).toContain(command.description.slice(0, 30));
    expect(flagsInHelp(out)).toEqual(command.options.map((o) => o.flag));
  });

  it.each(allOptions.map(({ command, option }) => [command, option.flag, option] as const))("%s %s: the handler reads it under commander's name", (_c, _f, option) => {
    expect(optionKey(option)).toBe(new CommanderOption(option.value ? `${option.flag} ${option.value}` : option.flag).attributeName());
  });

  it("the options that may take a connection string are the ones whose value says so", () => {
    const declared = new Set(allOptions.filter(({ option }) => /connection string/.test(option.value ?? "")).map(({ option }) => option.flag));
    expect([...declared].sort()).toEqual([...CONNECTION_OPTIONS].sort());
  });
});

describe("shared options are defined once", () => {
  it("holds the options the issue names", () => {
    expect(SHARED_LIST).toEqual(expect.arrayContaining([STACK, CONFIG_FILE, CUTOFF, JSON_OUTPUT, TRUST_SERVER_CERTIFICATE]));
    expect(new Set(SHARED_LIST.map((o) => o.flag)).size).toBe(SHARED_LIST.length);
    // Every export of options.ts that is an option is in the list the checks below use.
    const exported = (Object.values(SHARED) as unknown[]).filter((v) => typeof v === "object" && v !== null && "flag" in v);
    expect(new Set(exported)).toEqual(new Set(SHARED_LIST));
  });

  it("a flag two commands take is one shared object, whatever the command's wording", () => {
    const byFlag = new Map<string, Set<string>>();
    for (const { command, option } of allOptions) byFlag.set(option.flag, (byFlag.get(option.flag) ?? new Set()).add(command));
    const repeated = [...byFlag].filter(([, commands]) => commands.size > 1).map(([flag]) => flag);
    expect(repeated).toEqual(expect.arrayContaining(["--stack", "--config-file", "--cutoff", "--json", "--trust-server-certificate"]));
    for (const flag of repeated) {
      const bases = new Set(allOptions.filter(({ option }) => option.flag === flag).map(({ option }) => sharedOf(option)));
      expect({ flag, definitions: bases.size }).toEqual({ flag, definitions: 1 });
      expect(SHARED_LIST).toContain([...bases][0]);
    }
  });

  it.each(allOptions.map(({ command, option }) => [command, option.flag, option] as const))("%s %s: a shared flag is the shared object or its variant", (_c, flag, option) => {
    const shared = SHARED_LIST.find((s) => s.flag === flag);
    if (shared === undefined) return expect(option.shared).toBeUndefined();
    expect(sharedOf(option)).toBe(shared);
    // A variant words, requires or defaults the option; the flag and its value stay the shared ones.
    expect([option.flag, option.value]).toEqual([shared.flag, shared.value]);
  });

  it("the command names in use take --json from the one definition", () => {
    const json = allOptions.filter(({ option }) => option.flag === "--json");
    expect(json.map((j) => j.command).sort()).toEqual(ALL.map((c) => c.path.join(" ")).sort());
    expect(new Set(json.map(({ option }) => sharedOf(option)))).toEqual(new Set([JSON_OUTPUT]));
  });
});

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [p] : [];
  });
}

describe("adding a command is one module and one line", () => {
  const listFile = path.join(ROOT, "src", "cli", "commands.ts");
  const sf = ts.createSourceFile(listFile, readFileSync(listFile, "utf8"), ts.ScriptTarget.Latest, true);

  it("src/cli/commands.ts is imports and the list, one imported command per module", () => {
    const imported = new Map<string, string>();
    let list: string[] | null = null;
    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) {
        const from = (st.moduleSpecifier as ts.StringLiteral).text;
        const named = st.importClause?.namedBindings;
        if (st.importClause?.isTypeOnly) continue;
        expect(named && ts.isNamedImports(named) ? named.elements.length : 0).toBe(1);
        if (named && ts.isNamedImports(named)) for (const e of named.elements) imported.set(e.name.text, from);
        continue;
      }
      const decl = ts.isVariableStatement(st) ? st.declarationList.declarations[0] : undefined;
      expect(decl && ts.isIdentifier(decl.name) ? decl.name.text : ts.SyntaxKind[st.kind]).toBe("COMMANDS");
      const init = decl?.initializer;
      expect(init && ts.isArrayLiteralExpression(init)).toBe(true);
      list = (init as ts.ArrayLiteralExpression).elements.map((e) => (ts.isIdentifier(e) ? e.text : e.getText()));
    }
    expect(list).not.toBeNull();
    expect(list!.every((n) => imported.has(n))).toBe(true);
    expect(new Set(list!.map((n) => imported.get(n))).size).toBe(list!.length);
    expect(list!.length).toBe(COMMANDS.length);
  });

  it("no command module touches commander: the runner builds the command line from the data", () => {
    const allowed = [path.join("migration-jobs", "cli", "command.ts"), path.join("src", "cli", "main.ts")];
    const files = [...tsFiles(path.join(ROOT, "src")), ...tsFiles(path.join(ROOT, "migration-jobs"))].map((f) => path.relative(ROOT, f));
    const importers = files.filter((f) => /from "commander"|require\("commander"\)/.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(importers.sort()).toEqual(allowed.sort());
  });

  it("outside the two cli folders nothing imports a command module (the rehearsal takes nothing from them)", () => {
    const cliDirs = [path.join("src", "cli"), path.join("migration-jobs", "cli")];
    const files = [...tsFiles(path.join(ROOT, "src")), ...tsFiles(path.join(ROOT, "migration-jobs"))].map((f) => path.relative(ROOT, f)).filter((f) => !cliDirs.some((d) => f.startsWith(d + path.sep)));
    const offenders = files.filter((f) => /(?:from |require\()"(?:\.{1,2}\/)+(?:src\/|migration-jobs\/)?cli\//.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the engine's commands and their types import nothing from src/", () => {
    for (const f of tsFiles(path.join(ROOT, "migration-jobs", "cli"))) {
      expect({ f: path.relative(ROOT, f), src: /from "(\.\.\/)+src\//.test(readFileSync(f, "utf8")) }).toEqual({ f: path.relative(ROOT, f), src: false });
    }
  });

  // What a new module would hold: the declaration, shared options and its own, and the handler.
  const seen: unknown[] = [];
  const hello = defineCommand({
    name: "hello",
    description: "Say hello to the kit's folder, for the test of adding a command",
    options: [variant(CUTOFF, { required: true }), { flag: "--times", value: "<n>", default: "1", description: "how many times" }, JSON_OUTPUT],
    async handler(args, ctx) {
      seen.push(args);
      if (args.times === "0") throw new UserError("--times", "is 0", "say it at least once, e.g. --times 1");
      ctx.io.stdout(args.json ? JSON.stringify({ cutoff: args.cutoff, root: ctx.root }) + "\n" : `hello ${args.cutoff}\n`.repeat(Number(args.times)));
      return args.times === "2" ? ctx.exit.blocked : undefined;
    },
  });
  const withHello = [...COMMANDS, hello];

  it("listed, it is in --help and runs with its options typed and parsed", async () => {
    const help = await cli(["--help"], withHello);
    expect(help.out).toMatch(/^ {2}hello \[options\] +Say hello/m);
    expect(flagsInHelp((await cli(["hello", "--help"], withHello)).out)).toEqual(["--cutoff", "--times", "--json"]);

    const r = await cli(["hello", "--cutoff", "2024-01-01", "--json"], withHello);
    expect(r).toEqual({ code: 0, out: JSON.stringify({ cutoff: "2024-01-01", root: ROOT }) + "\n", err: "" });
    expect(seen.at(-1)).toEqual({ cutoff: "2024-01-01", times: "1", json: true });
  });

  it("the runner's conventions apply: the handler's exit code, user errors, usage errors, the secrets gate", async () => {
    expect((await cli(["hello", "--cutoff", "2024-01-01", "--times", "2"], withHello)).code).toBe(1);
    expect(await cli(["hello", "--cutoff", "2024-01-01", "--times", "0"], withHello)).toEqual({ code: 2, out: "", err: "error: --times: is 0\n  fix: say it at least once, e.g. --times 1\n" });
    const missing = await cli(["hello"], withHello);
    expect([missing.code, missing.err]).toEqual([2, expect.stringContaining("required option '--cutoff <YYYY-MM-DD>' not specified")]);
    const leak = defineCommand({ name: "leak", description: "Prints a connection string, for the test", options: [], handler: async (_a, ctx) => ctx.io.stdout("Server=s;Password=hunter2-sentinel\n") });
    expect((await cli(["leak"], [leak])).out).not.toContain("hunter2-sentinel");
  });

  it("a group of commands is one declaration too", async () => {
    const group = defineGroup({ name: "greet", description: "Greetings, for the test", commands: [hello] });
    expect((await cli(["greet", "hello", "--cutoff", "2024-02-02"], [...COMMANDS, group])).out).toBe("hello 2024-02-02\n");
    expect(commandPaths([group]).map((c) => c.path)).toEqual([["greet", "hello"]]);
  });

  it("without it, the command line does not know it", async () => {
    expect((await cli(["hello"])).code).toBe(2);
  });
});

describe("handlers receive their options typed from the declarations", () => {
  it("compiles only against the declared options (checked by npm run typecheck)", () => {
    const a = {} as Args<(typeof analyzeCommand)["options"]>;
    const c = {} as Args<(typeof contactsPlanCommand)["options"]>;
    const typed = (): void => {
      const legacy: string = a.legacy; // required: a string
      const cutoff: string | undefined = a.cutoff; // optional
      const json: true | undefined = a.json; // a switch
      const strategy: "immediate-recreate" | "immediate-import" | "gradual-per-user" | "gradual-deferred" = c.strategy; // its choices
      const format: "lync2013" | "lcs" = c.format; // defaulted choices
      const runId: string = c.runId; // defaulted
      // @ts-expect-error analyze has no --stack
      void a.stack;
      // @ts-expect-error --cutoff is optional for analyze
      const notRequired: string = a.cutoff;
      void [legacy, cutoff, json, strategy, format, runId, notRequired];
    };
    expect(typeof typed).toBe("function");
  });

  it("a context finds the kit's folder only when asked", () => {
    let calls = 0;
    const ctx = commandContext(bufferIo(), () => (calls++, ROOT));
    expect(calls).toBe(0);
    expect([ctx.root, ctx.root, calls]).toEqual([ROOT, ROOT, 1]);
    expect(ctx.exit).toEqual({ ok: 0, blocked: 1, usage: 2, internal: 3 });
    expect(ctx.redact("Password=abc")).not.toContain("abc");
  });

  it("defineOption and variant keep the shared object reachable", () => {
    const base = defineOption({ flag: "--x-y", value: "<v>", description: "d" });
    const v = variant(base, { required: true, description: "e" });
    expect(v).toEqual({ flag: "--x-y", value: "<v>", description: "e", required: true, shared: base });
    expect(sharedOf(v)).toBe(base);
    expect(sharedOf(base)).toBe(base);
    expect(optionKey(base)).toBe("xY");
    // A required variant's value is a string for the handler (this compiles only if so).
    const cmd: CommandDef = defineCommand({ name: "x", description: "x", options: [v], handler: async (args) => void args.xY.toUpperCase() });
    expect(cmd.options).toEqual([v]);
  });
});
