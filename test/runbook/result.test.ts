/** The result-line protocol; outputs are written the way Windows PowerShell's ConvertTo-Json -Compress prints them. */
import { formatResultLine, parseResultLine, ResultLineError } from "../../migration-jobs/runbook/result";
import { StepResult } from "../../migration-jobs/runbook/step";

const OK: StepResult = { step: "04-export", runId: "run-1", status: "ok", data: { exportFile: "\\\\fs\\m\\run-1\\export-all.zip", bytes: 123456, sha256: "AB12", reused: false, note: null } };

test("a line among other output, with CRLF and a BOM, is found and read", () => {
  const out = "\uFEFFExporting...\r\nWARNING: something\r\n" + formatResultLine(OK) + "\r\n";
  expect(parseResultLine(out)).toEqual(OK);
});

test("what the script's frame prints (empty data) parses", () => {
  expect(parseResultLine('PCHATKIT-RESULT {"step":"02-stop-pchat-pchat-1","runId":"run-1","status":"skipped","data":{}}')).toEqual({ step: "02-stop-pchat-pchat-1", runId: "run-1", status: "skipped", data: {} });
});

test("a failed step's line carries the error", () => {
  const r = parseResultLine('PCHATKIT-RESULT {"step":"07-import","runId":"r","status":"failed","data":{"error":"boom"}}\nException: boom');
  expect(r.status).toBe("failed");
  expect(r.data.error).toBe("boom");
});

test.each([
  ["no result line", "Exporting...\nException: access denied", /no PCHATKIT-RESULT line/],
  ["two result lines", formatResultLine(OK) + "\n" + formatResultLine(OK), /2 PCHATKIT-RESULT lines/],
  ["broken JSON", "PCHATKIT-RESULT {step:", /not JSON/],
  ["an unknown status", 'PCHATKIT-RESULT {"step":"x","runId":"r","status":"done","data":{}}', /malformed at status/],
  ["nested data", 'PCHATKIT-RESULT {"step":"x","runId":"r","status":"ok","data":{"a":{"b":1}}}', /malformed at data.a/],
  ["data as an array", 'PCHATKIT-RESULT {"step":"x","runId":"r","status":"ok","data":[]}', /malformed at data/],
])("%s is rejected", (_n, output, message) => {
  expect(() => parseResultLine(output)).toThrow(ResultLineError);
  expect(() => parseResultLine(output)).toThrow(message);
});
