/** The README's Verification section documents every finding code the verification emits, and the level mapping. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { VERIFICATION_CODES } from "../../migration-jobs/verification/codes";
import { EXPORTED_BY_LEVEL } from "../../migration-jobs/analysis/export-level";

const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
const verification = readme.slice(readme.indexOf("### Verification"), readme.indexOf("<!-- /section:engine -->"));

describe.each(Object.entries(VERIFICATION_CODES))("README documents %s", (code, c) => {
  it(`as ${c.severity}, in the Verification section`, () => expect(verification).toMatch(new RegExp(`\\| \`${code}\` \\| ${c.severity} \\|`)));
});

describe.each(Object.keys(EXPORTED_BY_LEVEL))("README's level table has -Level %s", (level) => {
  it("as a row", () => expect(verification).toMatch(new RegExp(`^\\| \`${level}\` \\|`, "m")));
});
