/**
 * ts-jest only transpiles (isolatedModules): the type check runs once, as its own step
 * (`npm run typecheck`), because type-checking inside jest costs three times the time and memory.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json", "node"],
  testTimeout: 60000,
  // Pulumi's mock runtime keeps global state: one worker per file is enough, two cores.
  maxWorkers: 2,
};
