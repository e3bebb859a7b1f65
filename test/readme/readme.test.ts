/**
 * The README against the code it describes: every command the CLI registers is documented, the two
 * set-up commands are exactly the ones CI runs, and every config key an error names is in the
 * configuration table. Nothing here stands in for anything: the CLI runs in-process and the sources
 * are read with the TypeScript parser the build uses.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { runCli } from "../../src/cli/main";
import { bufferIo } from "../../migration-jobs/common/io";

const ROOT = path.join(__dirname, "..", "..");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The text between `<!-- section:NAME -->` and `<!-- /section:NAME -->`. */
export function section(readme: string, name: string): string {
  const start = readme.indexOf(`<!-- section:${name} -->`);
  const end = readme.indexOf(`<!-- /section:${name} -->`);
  if (start < 0 || end < start) throw new Error(`README has no section ${name}`);
  return readme.slice(start, end);
}

/** Names listed under "Commands:" in commander's help text (without `help`). */
export function commandsInHelp(help: string): string[] {
  const at = help.indexOf("Commands:");
  if (at < 0) return [];
  return help
    .slice(at)
    .split("\n")
    .slice(1)
    .map((l) => /^ {2}([a-z][a-z-]*)\b/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined && n !== "help");
}

async function help(argv: string[]): Promise<string> {
  const io = bufferIo();
  const code = await runCli([...argv, "--help"], io);
  expect(code).toBe(0);
  return io.out;
}

/** Every command path, e.g. ["plan"], ["contacts", "plan"]. */
async function commandPaths(): Promise<string[][]> {
  const out: string[][] = [];
  for (const name of commandsInHelp(await help([]))) {
    const subs = commandsInHelp(await help([name]));
    if (subs.length === 0) out.push([name]);
    else for (const s of subs) out.push([name, s]);
  }
  return out;
}

describe("commandsInHelp", () => {
  it.each([
    ["Usage: x\n\nCommands:\n  plan [options]  a\n  help [command]  b\n", ["plan"]],
    ["Usage: x\n\nOptions:\n  -h, --help\n", []],
    ["Commands:\n  contacts  c\n  sample [options]  s\n", ["contacts", "sample"]],
  ])("reads %j", (text, names) => expect(commandsInHelp(text)).toEqual(names));
});

describe("README documents every command of the CLI", () => {
  let paths: string[][] = [];
  beforeAll(async () => {
    paths = await commandPaths();
  });

  it("finds the commands the CLI registers", () => {
    // Guards against a help format change that would make the checks below vacuous.
    expect(paths.length).toBeGreaterThanOrEqual(7);
    expect(paths).toContainEqual(["rehearse"]);
    expect(paths).toContainEqual(["contacts", "plan"]);
  });

  it("mentions each as `pchat-kit <command>` outside the layout map too", () => {
    const rest = README.replace(section(README, "layout"), "");
    const missing = paths.map((p) => `pchat-kit ${p.join(" ")}`).filter((c) => !rest.includes(c));
    expect(missing).toEqual([]);
  });

  it("lists each in the layout map", () => {
    const layout = section(README, "layout");
    const missing = paths.map((p) => `pchat-kit ${p.join(" ")}`).filter((c) => !layout.includes(c));
    expect(missing).toEqual([]);
  });
});

/** The non-comment lines of the first fenced block after the heading `## Set-up...`. */
export function setupCommands(readme: string): string[] {
  const m = /^## Set-up[^\n]*\n+```sh\n([\s\S]*?)\n```/m.exec(readme);
  if (!m) throw new Error("README has no ## Set-up heading followed by a ```sh block");
  return m[1]!
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l !== "");
}

/** The commands a shell script runs, without comments, `set` and `cd`. */
export function scriptCommands(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#") && !/^(set|cd)\b/.test(l));
}

describe("set-up", () => {
  it("the README's set-up block holds exactly the two commands", () => {
    expect(setupCommands(README)).toEqual(["npm ci && npm run rehearse", "npm test"]);
  });

  it("CI installs the Debian packages of .ci/debian-packages when Chromium is missing, runs npm ci then npm test, and nothing else", () => {
    expect(scriptCommands(readFileSync(path.join(ROOT, ".ci", "run"), "utf8"))).toEqual([
      "command -v chromium >/dev/null || { apt-get update && apt-get install -y --no-install-recommends $(grep -v '^#' .ci/debian-packages); }",
      "npm ci",
      "npm test",
    ]);
  });

  it("the Debian packages CI installs are Chromium only, the browser of the report tests", () => {
    expect(scriptCommands(readFileSync(path.join(ROOT, ".ci", "debian-packages"), "utf8"))).toEqual(["chromium"]);
  });

  it.each([
    ["## Set-up: two\n\n```sh\nnpm ci   # x\nnpm test\n```\n", ["npm ci", "npm test"]],
    ["## Set-up\n```sh\nnpm ci && npm run rehearse\n\nnpm run lint\n```", ["npm ci && npm run rehearse", "npm run lint"]],
  ])("setupCommands reads %j", (text, cmds) => expect(setupCommands(text)).toEqual(cmds));

  it("setupCommands refuses a README without the block", () => {
    expect(() => setupCommands("# x\n")).toThrow(/Set-up/);
  });
});

// --- config keys named by errors ----------------------------------------------------------------

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [p] : [];
  });
}

/**
 * The config keys (`pchat-kit:<key>`) that the `where` of every `new UserError(...)` in `text`
 * names statically: a string literal, the head of a template, or a template or call built on a
 * constant such as MIGRATION_CONFIG_KEY. `constants` maps constant names to their string values.
 */
export function whereKeys(fileName: string, text: string, constants: ReadonlyMap<string, string>): Array<{ key: string; at: string }> {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ key: string; at: string }> = [];
  const prefixOf = (e: ts.Expression): string | null => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isIdentifier(e)) return constants.get(e.text) ?? null;
    if (ts.isTemplateExpression(e)) {
      if (e.head.text !== "") return e.head.text;
      const first = e.templateSpans[0]!;
      const c = ts.isIdentifier(first.expression) ? constants.get(first.expression.text) : undefined;
      return c === undefined ? null : c + first.literal.text;
    }
    return null;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "UserError" && node.arguments?.[0]) {
      const prefix = prefixOf(node.arguments[0]);
      // `pchat-kit:${path}` (the config rules) names no key statically; test/config/keys.test.ts covers those.
      const m = prefix === null ? null : /^pchat-kit:([A-Za-z]+)(?=[.[ ]|$)/.exec(prefix);
      if (m) found.push({ key: m[1]!, at: `${fileName}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The options (`--name`) that the `where` of a `new UserError("--name", ...)` in `text` names. */
export function whereOptions(fileName: string, text: string): string[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "UserError" && node.arguments?.[0]) {
      const a = node.arguments[0];
      if ((ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) && /^--[a-z][a-z-]*$/.test(a.text)) found.push(a.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** `const NAME = "pchat-kit:..."` anywhere in the sources. */
function keyConstants(files: Array<[string, string]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [, text] of files) {
    for (const m of text.matchAll(/\bconst ([A-Z][A-Z0-9_]*) = "(pchat-kit:[^"]*)"/g)) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** Keys of the configuration section's tables: `| \`pchat-kit:<key>\` |` at the start of a row. */
export function documentedKeys(configSection: string): Set<string> {
  return new Set([...configSection.matchAll(/^\| `pchat-kit:([A-Za-z]+)` \|/gm)].map((m) => m[1]!));
}

describe("every config key an error names is documented", () => {
  const files: Array<[string, string]> = [...tsFiles(path.join(ROOT, "src")), ...tsFiles(path.join(ROOT, "migration-jobs"))].map((f) => [path.relative(ROOT, f), readFileSync(f, "utf8")]);
  const constants = keyConstants(files);
  const used = files.flatMap(([name, text]) => whereKeys(name, text, constants));
  const documented = documentedKeys(section(README, "config"));

  it("finds the keys errors name (the scan works)", () => {
    expect(constants.get("MIGRATION_CONFIG_KEY")).toBe("pchat-kit:migration");
    expect(used.map((u) => u.key)).toEqual(expect.arrayContaining(["migration", "legacy", "pool", "sqlAdminPassword"]));
    expect(documented.size).toBeGreaterThanOrEqual(20);
  });

  it("the README's configuration tables list each", () => {
    expect(used.filter((u) => !documented.has(u.key))).toEqual([]);
  });

  it.each([
    ['new UserError("pchat-kit:pool.fqdn", "p", "f")', ["pool"]],
    ["new UserError(`pchat-kit:network.${site}.subnets`, p, f)", ["network"]],
    ["new UserError(`${KEY}.batches`, p, f)", ["migration"]],
    ["new UserError(KEY, p, f)", ["migration"]],
    ["new UserError(`pchat-kit:${path}`, p, f)", []],
    ['new UserError("--stack", p, f)', []],
    ['new Error("pchat-kit:nokey")', []],
  ])("whereKeys reads %s", (code, keys) => {
    expect(whereKeys("x.ts", code, new Map([["KEY", "pchat-kit:migration"]])).map((k) => k.key)).toEqual(keys);
  });

  it("documentedKeys reads table rows only", () => {
    expect([...documentedKeys("| `pchat-kit:pool` | object |\ntext `pchat-kit:other` here\n| `pchat-kit:adminPassword` | always |")]).toEqual(["pool", "adminPassword"]);
  });
});

describe("every option an error names has its entry in the errors section", () => {
  const files = [...tsFiles(path.join(ROOT, "src")), ...tsFiles(path.join(ROOT, "migration-jobs"))];
  const options = [...new Set(files.flatMap((f) => whereOptions(f, readFileSync(f, "utf8"))))].sort();
  const errors = section(README, "errors");

  it("finds the options errors name (the scan works)", () => {
    expect(options).toEqual(expect.arrayContaining(["--stack", "--cutoff", "--batch-size"]));
  });

  it.each(options)("%s", (option) => expect(errors).toContain(`\`${option}`));

  it("whereOptions reads literal options only", () => {
    expect(whereOptions("x.ts", 'new UserError("--out", p, f); new UserError(where, p, f); new UserError("pchat-kit:pool", p, f)')).toEqual(["--out"]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}

describe("links of the layout and errors sections reach a heading", () => {
  const anchors = new Set([...README.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));
  const links = ["layout", "errors"].flatMap((name) => [...section(README, name).matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!));

  it("finds links", () => expect(links.length).toBeGreaterThan(10));
  it.each([...new Set(links)])("#%s", (anchor) => expect(anchors).toContain(anchor));
  it.each([
    ["Offline plan: `pchat-kit plan`", "offline-plan-pchat-kit-plan"],
    ["Config (`pchat-kit:migration`)", "config-pchat-kitmigration"],
    ["Readiness analysis (findings)", "readiness-analysis-findings"],
  ])("slug(%j)", (h, s) => expect(slug(h)).toBe(s));
});
