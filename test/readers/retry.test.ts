// Error objects shaped like mssql's (ConnectionError/RequestError with code, number, originalError)
// stand in for a SQL Server that deadlocks, times out or refuses a login.
import { ConnectionError, RequestError } from "mssql";
import { DEFAULT_RETRY, backoffDelay, isTransient, withRetry } from "../../migration-jobs/readers/retry";

function requestError(number: number, message = "x"): RequestError {
  const e = new RequestError(message, "EREQUEST");
  e.number = number;
  return e;
}
function wrapped(code: string, inner: object): ConnectionError {
  const e = new ConnectionError("Failed to connect", code as ConnectionError["code"]);
  e.originalError = Object.assign(new Error("inner"), inner);
  return e;
}

describe("isTransient", () => {
  it.each([
    ["deadlock victim 1205", requestError(1205), true],
    ["lock request timeout 1222", requestError(1222), true],
    ["AG failover 40613", requestError(40613), true],
    ["transport 10054", requestError(10054), true],
    ["request timeout ETIMEOUT", new RequestError("Timeout: Request failed to complete in 15000ms", "ETIMEOUT"), true],
    ["connect timeout ETIMEOUT", new ConnectionError("Failed to connect in 15000ms", "ETIMEOUT"), true],
    ["socket ESOCKET", new ConnectionError("Connection lost - read ECONNRESET", "ESOCKET"), true],
    ["closed ECONNCLOSED", new ConnectionError("Connection is closed.", "ECONNCLOSED"), true],
    ["Node ECONNRESET", Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }), true],
    ["wrapped ECONNREFUSED", wrapped("ESOCKET", { code: "ECONNREFUSED" }), true],
    ["instance lookup EINSTLOOKUP", new ConnectionError("Failed to get response from SQL Server Browser", "EINSTLOOKUP"), true],
    ["syntax error 102", requestError(102), false],
    ["invalid column 207", requestError(207), false],
    ["invalid object 208", requestError(208), false],
    ["permission denied 229", requestError(229), false],
    ["login failed 18456 number", requestError(18456), false],
    ["login failed ELOGIN", new ConnectionError("Login failed for user 'sa'.", "ELOGIN"), false],
    ["cannot open database 4060", requestError(4060), false],
    ["certificate refused", wrapped("ESOCKET", { message: "self-signed certificate in certificate chain", code: "SELF_SIGNED_CERT_IN_CHAIN" }), false],
    ["host unknown ENOTFOUND", Object.assign(new Error("getaddrinfo ENOTFOUND sql01"), { code: "ENOTFOUND" }), false],
    ["cancelled ECANCEL", new RequestError("Canceled.", "ECANCEL"), false],
    ["a plain Error", new Error("boom"), false],
    ["not an error", "boom", false],
  ])("%s -> %s", (_name, error, transient) => expect(isTransient(error)).toBe(transient));
});

describe("backoffDelay", () => {
  it.each([
    [0, 1, 500],
    [1, 1, 1000],
    [2, 1, 2000],
    [10, 1, 15000],
    [3, 0, 0],
    [3, 0.5, 2000],
  ])("retry %i with random %f -> %i ms (full jitter, capped)", (retry, r, ms) => {
    expect(backoffDelay(retry, DEFAULT_RETRY, () => r)).toBe(ms);
  });
});

describe("withRetry", () => {
  const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
  it("retries transient errors with growing delays, then succeeds", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw requestError(1205);
        return "ok";
      },
      policy,
      { sleep: async (ms) => void sleeps.push(ms), random: () => 1 },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
    expect(sleeps).toEqual([100, 200]);
  });
  it("gives up after the last attempt with the last error", async () => {
    let calls = 0;
    const e = requestError(1205);
    await expect(withRetry(async () => { calls++; throw e; }, policy, { sleep: async () => undefined })).rejects.toBe(e);
    expect(calls).toBe(4);
  });
  it.each([[requestError(18456)], [new ConnectionError("Login failed", "ELOGIN")], [requestError(102)], [requestError(229)]])("fails at once on %p", async (e) => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw e; }, policy, { sleep: async () => undefined })).rejects.toBe(e);
    expect(calls).toBe(1);
  });
});
