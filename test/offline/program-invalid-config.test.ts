/**
 * The program with an invalid config, under Pulumi's mock runtime (standing in for `pulumi up`):
 * it fails with the config errors before declaring anything, and the `pulumi up` entry turns them
 * into a RunError (printed by Pulumi without a stack trace). A config value that an error repeats
 * (here a connection string pasted into pool.fqdn, with sentinel password pieces) passes the secrets gate.
 */
import * as pulumi from "@pulumi/pulumi";
import { installRecorder, type Recorder } from "../../src/offline/recorder";
import { UserErrors } from "../../migration-jobs/common/errors";

let recorder: Recorder;

beforeAll(async () => {
  pulumi.runtime.setAllConfig({
    "pchat-kit:location": "westeurope",
    "pchat-kit:prefix": "lab",
    "pchat-kit:pool": JSON.stringify({ activeServers: 9, compliance: false, fqdn: "Server=x;Password=S3ntinel-PW-1;S3ntinel-PW-2" }),
    "pchat-kit:adminPassword": "Adm1n-Pa55-zq7-LEAKCHECK",
  }, ["pchat-kit:adminPassword"]);
  recorder = await installRecorder("pchat-kit", "broken");
});

it("throws UserErrors naming the key, and registers no resource", async () => {
  const { pchatKit } = require("../../src/program") as typeof import("../../src/program");
  const error = await pchatKit().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserErrors);
  expect((error as UserErrors).describe()).toContain("pchat-kit:pool");
  expect((error as UserErrors).describe()).not.toContain("LEAKCHECK");
  await recorder.settle();
  expect(recorder.resources).toEqual([]);
});

it("makes the pulumi up entry fail with a RunError carrying the message", async () => {
  const entry = require("../../src/index") as Promise<unknown>;
  const error = await entry.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(pulumi.RunError);
  expect(String((error as Error).message)).toMatch(/pchat-kit configuration is invalid: .*problem/);
  expect(String((error as Error).message)).toContain("pchat-kit:pool.fqdn");
  expect(String((error as Error).message)).not.toMatch(/S3ntinel/);
});
