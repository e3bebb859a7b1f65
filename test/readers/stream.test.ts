// A scripted event emitter stands in for mssql's streaming Request (and through it SQL Server): it
// emits `row` events in packet-sized bursts, honours pause()/resume(), and can fail mid-stream.
import { EventEmitter } from "node:events";
import { RequestError } from "mssql";
import { SqlRow, StreamingRequest, retryingRows, streamRows } from "../../migration-jobs/readers/connection";

class ScriptedRequest extends EventEmitter implements StreamingRequest {
  paused = false;
  pauses = 0;
  cancelled = false;
  emitted = 0;
  consumed = 0;
  maxOutstanding = 0;
  constructor(private readonly total: number, private readonly failAfter: number | null = null, private readonly burst = 37) {
    super();
  }
  pause() {
    this.paused = true;
    this.pauses++;
    return true;
  }
  resume() {
    this.paused = false;
    setImmediate(() => this.pump());
    return true;
  }
  cancel() {
    this.cancelled = true;
  }
  query(_sql: string) {
    setImmediate(() => this.pump());
  }
  private pump(): void {
    if (this.cancelled) return;
    for (let n = 0; n < this.burst; n++) {
      if (this.paused) return;
      if (this.failAfter !== null && this.emitted === this.failAfter) {
        const e = new RequestError("Transaction (Process ID 57) was deadlocked", "EREQUEST");
        e.number = 1205;
        this.emit("error", e);
        this.emit("done");
        return;
      }
      if (this.emitted === this.total) {
        this.emit("done");
        return;
      }
      this.emit("row", { n: this.emitted++ });
      this.maxOutstanding = Math.max(this.maxOutstanding, this.emitted - this.consumed);
    }
    setImmediate(() => this.pump());
  }
}

describe("streamRows", () => {
  it("hands over every row in order while never buffering more than the high-water mark", async () => {
    const req = new ScriptedRequest(5000);
    let expected = 0;
    for await (const row of streamRows(req, "SELECT 1", { highWater: 200 })) {
      expect(row.n).toBe(expected++);
      req.consumed++;
      // A slow consumer: the producer must wait for it, not fill memory.
      await new Promise((r) => setImmediate(r));
    }
    expect(expected).toBe(5000);
    expect(req.pauses).toBeGreaterThan(0);
    expect(req.maxOutstanding).toBeLessThanOrEqual(201);
    expect(req.cancelled).toBe(false);
  });

  it("yields the rows before a failure, then throws the driver's error", async () => {
    const req = new ScriptedRequest(100, 30);
    const seen: SqlRow[] = [];
    await expect(
      (async () => {
        for await (const row of streamRows(req, "SELECT 1")) seen.push(row);
      })(),
    ).rejects.toMatchObject({ number: 1205 });
    expect(seen).toHaveLength(30);
  });

  it("cancels the request when the consumer stops early", async () => {
    const req = new ScriptedRequest(1000);
    for await (const row of streamRows(req, "SELECT 1")) if (row.n === 10) break;
    expect(req.cancelled).toBe(true);
  });
});

describe("retryingRows", () => {
  const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 };
  it("restarts a statement that failed transiently before its first row", async () => {
    const requests: ScriptedRequest[] = [];
    const retries: number[] = [];
    const rows: SqlRow[] = [];
    for await (const r of retryingRows(
      () => {
        const req = new ScriptedRequest(20, requests.length === 0 ? 0 : null);
        requests.push(req);
        return streamRows(req, "SELECT 1");
      },
      policy,
      { sleep: async () => undefined, onRetry: (_e, n) => void retries.push(n) },
    ))
      rows.push(r);
    expect(requests).toHaveLength(2);
    expect(retries).toEqual([1]);
    expect(rows).toHaveLength(20);
  });

  it("does not restart once rows were handed on (a retry would repeat them)", async () => {
    let starts = 0;
    const rows: SqlRow[] = [];
    await expect(
      (async () => {
        for await (const r of retryingRows(
          () => {
            starts++;
            return streamRows(new ScriptedRequest(20, 5), "SELECT 1");
          },
          policy,
          { sleep: async () => undefined },
        ))
          rows.push(r);
      })(),
    ).rejects.toMatchObject({ number: 1205 });
    expect(starts).toBe(1);
    expect(rows).toHaveLength(5);
  });

  it("does not retry a non-transient error", async () => {
    let starts = 0;
    const e = new RequestError("Invalid column name 'topic'.", "EREQUEST");
    e.number = 207;
    await expect(
      (async () => {
        for await (const _ of retryingRows(
          () => {
            starts++;
            return (async function* (): AsyncGenerator<SqlRow> {
              throw e;
            })();
          },
          policy,
          { sleep: async () => undefined },
        ));
      })(),
    ).rejects.toBe(e);
    expect(starts).toBe(1);
  });
});
