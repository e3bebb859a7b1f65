/** Every rule, one by one: a passing and a failing config each, and the key the error must name. */
import { UserError } from "../../migration-jobs/common/errors";
import * as rules from "../../src/config/rules";
import type { Rule } from "../../src/config/rules";
import { shaped } from "./helpers";
import { CASES } from "./ruleCases";

describe.each(CASES)("rule: %s", (_name, rule, passing, failing, where, mentions) => {
  it("passes a config that follows it", () => {
    expect(rule(shaped(passing))).toEqual([]);
  });
  it(`names pchat-kit:${where} and says the fix when broken`, () => {
    const problems = rule(shaped(failing));
    expect(problems.length).toBeGreaterThan(0);
    const p = problems[0] as UserError;
    expect(p).toBeInstanceOf(UserError);
    expect(p.where).toBe(`pchat-kit:${where}`);
    expect(p.message).toMatch(mentions);
    expect(p.fix.length).toBeGreaterThan(10);
  });
});

it("every exported rule is in ALL_RULES and has a case above", () => {
  const exported = Object.entries(rules).filter(([name, v]) => name.startsWith("check") && typeof v === "function").map(([, v]) => v);
  const tested = new Set(CASES.map((c) => c[1]));
  for (const rule of exported) {
    expect(rules.ALL_RULES).toContain(rule);
    expect(tested.has(rule as Rule)).toBe(true);
  }
});
