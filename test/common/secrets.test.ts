import { redactConnectionString, redactValues, REDACTED } from "../../migration-jobs/common/secrets";

describe("redactConnectionString", () => {
  it.each([
    ["Server=sql01;Database=mgc;User Id=sa;Password=p4ss;Encrypt=true", "p4ss", "Server=sql01;Database=mgc;User Id=sa;Password=[secret];Encrypt=true"],
    ["server=x;PWD=p4ss", "p4ss", "server=x;PWD=[secret]"],
    ['Server=x;Password="a;b""c";Database=mgc', 'a;b""c', "Server=x;Password=[secret];Database=mgc"],
    ["Server=x;Password={a;b};Database=mgc", "a;b", "Server=x;Password=[secret];Database=mgc"],
    ["Server=x;Password='a;b';Database=mgc", "a;b", "Server=x;Password=[secret];Database=mgc"],
    ["login failed for x Password=p4ss and more", "p4ss", "login failed for x Password=[secret]"],
    ["AccountName=a;Account Key=k3y==;EndpointSuffix=core.windows.net", "k3y==", "AccountName=a;Account Key=[secret];EndpointSuffix=core.windows.net"],
    ["mssql://sa:p4ss@sql01/mgc", "p4ss", `mssql://sa:${REDACTED}@sql01/mgc`],
  ])("hides the secret of %s", (text, secret, expected) => {
    const out = redactConnectionString(text);
    expect(out).toBe(expected);
    expect(out).not.toContain(secret);
  });
  it("leaves text without secrets alone", () => {
    expect(redactConnectionString("Server=sql01;Database=mgc;Integrated Security=true")).toBe("Server=sql01;Database=mgc;Integrated Security=true");
  });
});

describe("redactValues", () => {
  it("replaces every occurrence of every known secret, longest first", () => {
    expect(redactValues("a abc b ab", ["ab", "abc", undefined, ""])).toBe(`a ${REDACTED} b ${REDACTED}`);
  });
});
