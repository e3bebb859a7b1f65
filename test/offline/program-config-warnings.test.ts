/**
 * The program with a config that warns, under Pulumi's mock runtime (standing in for `pulumi up`):
 * the warning goes to pulumi.log.warn (the engine shows it in preview and up) and the resources are
 * declared, because a warning never blocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { installRecorder, type Recorder } from "../../src/offline/recorder";

let recorder: Recorder;

beforeAll(async () => {
  pulumi.runtime.setAllConfig(
    {
      "pchat-kit:location": "westeurope",
      "pchat-kit:prefix": "lab",
      "pchat-kit:pool": JSON.stringify({ activeServers: 1, compliance: true }),
      "pchat-kit:sql": JSON.stringify({ complianceStore: "store-instance" }),
      "pchat-kit:adminPassword": "Adm1n-Pa55-zq7-LEAKCHECK",
      "pchat-kit:sqlAdminPassword": "Sql-Pa55-zq7-LEAKCHECK",
      "pchat-kit:safeModePassword": "Dsrm-Pa55-zq7-LEAKCHECK",
    },
    ["pchat-kit:adminPassword", "pchat-kit:sqlAdminPassword", "pchat-kit:safeModePassword"],
  );
  recorder = await installRecorder("pchat-kit", "warned");
});

it("warns through pulumi.log.warn, names the key, and declares the topology", async () => {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  const { pchatKit } = require("../../src/program") as typeof import("../../src/program");
  await pchatKit();
  await recorder.settle();
  const messages = warn.mock.calls.map((c) => String(c[0]));
  expect(messages.filter((m) => m.startsWith("warning: pchat-kit:sql.complianceStore"))).toHaveLength(1);
  expect(messages.join("\n")).not.toContain("LEAKCHECK");
  expect(recorder.resources.filter((r) => r.type === "azure-native:compute:VirtualMachine").length).toBeGreaterThan(3);
  warn.mockRestore();
});
