/** CONFIG_KEYS is the single source of truth: the schema, Pulumi.yaml and the README must agree with it. */
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { CONFIG_KEYS, kitConfigSchema } from "../../src/config";
import { kitConfigShape } from "../../src/config/schema";
import { shaped } from "./helpers";
import { CASES } from "./ruleCases";

const ROOT = path.join(__dirname, "..", "..");
const project = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as {
  name: string;
  config: Record<string, { type?: string; description: string; default?: unknown; secret?: boolean }>;
  template: { config: Record<string, { description: string; secret?: boolean }> };
};
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const configSection = readme.slice(readme.indexOf("<!-- section:config -->"), readme.indexOf("<!-- /section:config -->"));

const plain = CONFIG_KEYS.filter((k) => !k.secret);
const secrets = CONFIG_KEYS.filter((k) => k.secret);

it("names each key once, and the schema's keys are exactly the non-secret ones", () => {
  const names = CONFIG_KEYS.map((k) => k.name);
  expect(new Set(names).size).toBe(names.length);
  expect(Object.keys(kitConfigShape).sort()).toEqual(plain.map((k) => k.name).sort());
  for (const k of plain) expect(k.schema).toBe((kitConfigShape as Record<string, unknown>)[k.name]);
  expect(secrets.map((k) => k.name).sort()).toEqual(["adminPassword", "legacyBackupUrl", "lyncMediaUrl", "lyncUpdateUrl", "safeModePassword", "sqlAdminPassword"]);
});

it("documents every key with a description and an example", () => {
  for (const k of CONFIG_KEYS) {
    expect(k.description.length).toBeGreaterThan(20);
    expect(k.example.length).toBeGreaterThan(0);
  }
});

it("declares the descriptor defaults the schema really applies", () => {
  const parsed = kitConfigSchema.parse({}) as Record<string, unknown>;
  for (const k of plain.filter((x) => x.type !== "object")) expect(parsed[k.name]).toEqual(k.default);
});

describe("Pulumi.yaml", () => {
  it("is the pchat-kit project, so its config namespace is pchat-kit:", () => expect(project.name).toBe("pchat-kit"));

  it.each(plain.map((k) => [k.name, k]))("declares %s with the same type, description and default", (_n, k) => {
    const entry = project.config[k.name];
    expect(entry?.description).toBe(k.description);
    if (k.type === "object") expect(entry?.default).toEqual({});
    else {
      expect(entry?.type).toBe(k.type);
      expect(entry?.default).toEqual(k.default);
    }
  });

  it("requires the unconditional secrets as secrets, and prompts for every secret in the template", () => {
    for (const k of secrets) {
      if (k.requiredWhen === undefined) expect(project.config[k.name]).toEqual({ description: k.description, secret: true });
      else expect(project.config[k.name]).toBeUndefined();
      expect(project.template.config[`pchat-kit:${k.name}`]?.secret).toBe(true);
    }
  });

  it("declares nothing CONFIG_KEYS does not know", () => {
    const known = new Set(CONFIG_KEYS.map((k) => k.name));
    for (const name of Object.keys(project.config)) expect(known.has(name)).toBe(true);
  });
});

describe("README configuration section", () => {
  it.each(CONFIG_KEYS.map((k) => [k.name, k]))("has a row for %s with its description", (_n, k) => {
    const row = configSection.split("\n").find((l) => l.startsWith(`| \`pchat-kit:${k.name}\` |`));
    expect(row).toBeDefined();
    expect(row?.replace(/\\\|/g, "|")).toContain(k.description);
  });
});

describe("README Configuration errors", () => {
  const errors = readme.slice(readme.indexOf("### Configuration errors"), readme.indexOf("<!-- /section:errors -->"));
  it.each(CASES.map((c) => [c[0], c]))("lists the error and fix of rule: %s", (_n, c) => {
    for (const p of c[1](shaped(c[3]))) {
      expect(errors).toContain(`| \`${p.where}\` |`);
      expect(errors.replace(/\\\|/g, "|")).toContain(p.fix);
    }
  });
});
