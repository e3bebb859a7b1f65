// Proves the SQL password never reaches an error, a retry message or command output. Driver errors are
// built as mssql builds them (ConnectionError/RequestError wrapping tedious errors); the connection
// tests use the real mssql driver against a closed local port, standing in for an unreachable SQL Server.
import * as net from "node:net";
import { ConnectionError, RequestError } from "mssql";
import { UserError } from "../../migration-jobs/common/errors";
import { bufferIo } from "../../migration-jobs/common/io";
import { openMssql } from "../../migration-jobs/readers/connection";
import { openInventory } from "../../migration-jobs/readers/open";
import { parseConnectionString } from "../../migration-jobs/readers/settings";
import { toUserError } from "../../migration-jobs/readers/sql-errors";
import { runCli } from "../../src/cli/main";

const PW = "Tr0ub4dor&3-horse";

function withOriginal<E extends ConnectionError | RequestError>(e: E, inner: Error): E {
  e.originalError = inner;
  return e;
}

describe("toUserError keeps the password out and says what to do", () => {
  it.each([
    ["login failed echoing the string", new ConnectionError(`Login failed for user 'sa'. Server=sql01;User Id=sa;Password=${PW}`, "ELOGIN"), /User Id and Password/],
    ["bare password in a socket error", new ConnectionError(`Failed to connect: ${PW}`, "ESOCKET"), /reachable/],
    ["password in the wrapped tedious error only", withOriginal(new ConnectionError("Failed to connect", "ESOCKET"), Object.assign(new Error(`socket hang up ${PW}`), { code: "ECONNRESET" })), /reachable/],
    ["self-signed certificate", withOriginal(new ConnectionError(`Failed to connect: self-signed certificate (pwd=${PW})`, "ESOCKET"), Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })), /--trust-server-certificate/],
    ["permission denied", Object.assign(new RequestError(`The SELECT permission was denied on the object 'tblChat' ${PW}`, "EREQUEST"), { number: 229 }), /db_datareader/],
    ["invalid column", Object.assign(new RequestError("Invalid column name 'topic'.", "EREQUEST"), { number: 207 }), /schema differs/],
  ])("%s", (_name, error, fix) => {
    const u = toUserError(error, `sql01/GroupChat`, [PW], "connecting");
    expect(u).toBeInstanceOf(UserError);
    expect(u.describe()).not.toContain(PW);
    expect(u.message).not.toContain(PW);
    expect(u.fix).toMatch(fix);
  });
});

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("connecting through the real mssql driver to an unreachable server", () => {
  it("retries the refused connection, then fails as a UserError without the password", async () => {
    const port = await closedPort();
    const settings = parseConnectionString(`Server=127.0.0.1,${port};Database=GroupChat;User Id=sa;Password=${PW};Encrypt=false;Connect Timeout=5`, "--from", { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const retries: string[] = [];
    let caught: unknown;
    try {
      await openMssql(settings, { onRetry: (e) => void retries.push(String((e as Error).message)) });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UserError);
    const u = caught as UserError;
    expect(u.where).toBe(`127.0.0.1,${port}/GroupChat`);
    expect(u.message).toMatch(/connecting failed \((ESOCKET|ECONNREFUSED)\)/);
    expect(u.describe()).not.toContain(PW);
    expect(retries).toHaveLength(1);
  });
});

describe("openInventory", () => {
  it.each([
    ["", /is empty/],
    ["/no/such/dir", /neither an existing snapshot directory nor a connection string/],
    [__filename, /is a file, not a snapshot directory/],
    [`Server=s;User Id=sa;Password=${PW}`, /no Database/],
  ])("refuses %p", async (spec, problem) => {
    const err = await openInventory(spec, { where: "--legacy" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).where).toBe("--legacy");
    expect((err as UserError).message).toMatch(problem);
    expect((err as UserError).describe()).not.toContain(PW);
  });

  it("reports retries redacted", async () => {
    const messages: string[] = [];
    const err = await openInventory(`Server=sql01\\RTC;Database=mgc;User Id=sa;Password=${PW}`, {
      onRetry: (m) => messages.push(m),
      connect: async (_s, onRetry) => {
        onRetry(new Error(`connection reset while sending Password=${PW} and ${PW}`), 1, 1500);
        throw new UserError("sql01\\RTC/mgc", "connecting failed", "check");
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^sql01\\RTC\/mgc: transient error .*retry 1 of 4 in 1\.5 s$/);
    expect(messages[0]).not.toContain(PW);
  });
});

describe("pchat-kit snapshot never prints the password", () => {
  it("unreachable server: exit 2, server named, password absent", async () => {
    const port = await closedPort();
    const io = bufferIo();
    const code = await runCli(["snapshot", "--from", `Server=127.0.0.1,${port};Database=GroupChat;User Id=sa;Password=${PW};Encrypt=false;ConnectRetryCount=0`, "--to", "/tmp/never-written"], io);
    expect(code).toBe(2);
    expect(io.err).toContain(`127.0.0.1,${port}/GroupChat`);
    expect(io.out + io.err).not.toContain(PW);
  });
  it.each([
    [["snapshot", "--from", `Server=s;Database=d;Bogus=1;User Id=sa;Password=${PW}`, "--to", "/tmp/x"], /key "Bogus" is not supported/],
    [["snapshot", "--from", `Server=s;Database=d;User Id=sa;Password=${PW};Bogus=1`, "--to", "/tmp/x"], /part after the password is not a Key=Value pair/],
    [["snapshot", "--from", `Server=s;Database=d;User Id=sa;Password=${PW}`], /required option '--to <dir>'/],
  ])("bad usage %#: exit 2", async (argv, message) => {
    const io = bufferIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.out + io.err).not.toContain(PW);
  });
});
