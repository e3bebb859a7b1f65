import { powershellProblems, powershellCommands } from "./powershell";

// This checker stands in for pwsh; prove it rejects bad input, or every test that relies on it could
// pass on anything. (T-SQL is parsed by Microsoft's parser in the PowerShell suite,
// test/powershell/Tsql.Tests.ps1, which has its own control rows.)
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
