import { tsqlSyntaxErrors, expectValidTsql } from "./tsql";
import { powershellProblems, powershellCommands } from "./powershell";

// These checkers stand in for SQL Server and pwsh; prove each one rejects bad input, or every
// test that relies on them could pass on anything.
describe("T-SQL syntax checker", () => {
  it.each([
    ["SELECT nodeID, nodeName FROM dbo.tblNode WHERE nodeType = 1"],
    ["SELECT n.nodeID, COUNT_BIG(*) AS messages FROM dbo.tblChat AS c JOIN dbo.tblNode AS n ON n.nodeID = c.channelId WHERE c.chatDate >= @cutoff GROUP BY n.nodeID"],
    ["IF DB_ID(N'mgc') IS NULL CREATE DATABASE mgc;"],
  ])("accepts %s", (sql) => {
    expect(tsqlSyntaxErrors(sql)).toEqual([]);
  });
  it.each([["SELEC nodeID FROM tblNode"], ["SELECT nodeID FROM WHERE"], ["INSERT INTO t (a VALUES (1)"]])("rejects %s", (sql) => {
    expect(tsqlSyntaxErrors(sql).length).toBeGreaterThan(0);
    expect(() => expectValidTsql(sql)).toThrow(/not valid T-SQL/);
  });
});

describe("PowerShell syntax checker", () => {
  it("accepts a script and lists its commands and switches", async () => {
    const script = [
      "Set-StrictMode -Version Latest",
      "$ErrorActionPreference = 'Stop'",
      "try { Export-CsPersistentChatData -DBInstance 'sql01\\rtc' -FileName 'C:\\x.zip' -DisableExportedNodes } catch { throw }",
      "Import-CsPersistentChatData -DBInstance $db -FileName $f -WhatIf",
    ].join("\r\n");
    expect(await powershellProblems(script)).toEqual([]);
    const commands = await powershellCommands(script);
    expect(commands.map((c) => c.name)).toEqual(["Set-StrictMode", "Export-CsPersistentChatData", "Import-CsPersistentChatData"]);
    expect(commands[1]!.parameters).toEqual(["-DBInstance", "-FileName", "-DisableExportedNodes"]);
    expect(commands[2]!.parameters).toContain("-WhatIf");
  });
  it.each([
    ["if ($x { 1 }"],
    ["function f { "],
    ["try { Get-Disk }"],
  ])("rejects %s", async (script) => {
    expect((await powershellProblems(script)).length).toBeGreaterThan(0);
  });
});
