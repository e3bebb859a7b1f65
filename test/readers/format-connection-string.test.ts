import { formatConnectionString, splitConnectionString } from "../../migration-jobs/readers/settings";

describe("formatConnectionString", () => {
  it.each([
    ["plain", "p4ssw0rd"],
    ["semicolon", "a;b"],
    ["double quote", 'a"b'],
    ["single quote", "a'b"],
    ["braces", "{a}"],
    ["equals", "a=b"],
    ["edge spaces", " a "],
    ["empty", ""],
  ])("round-trips a password with %s through the parser", (_n, password) => {
    const text = formatConnectionString([["Server", "sql01\\RTC,1433"], ["Database", "mgc"], ["User Id", "pchatkit"], ["Password", password]]);
    expect(splitConnectionString(text, "test")).toEqual([["Server", "sql01\\RTC,1433"], ["Database", "mgc"], ["User Id", "pchatkit"], ["Password", password]]);
  });
});
