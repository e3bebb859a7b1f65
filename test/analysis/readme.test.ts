/** The README's finding table documents every code the analysis can emit, with its severity. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { FINDING_CODES } from "../../migration-jobs/analysis/codes";

const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe.each(Object.entries(FINDING_CODES))("README documents %s", (code, c) => {
  it(`as ${c.severity}`, () => expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${c.severity} \\|`)));
});
