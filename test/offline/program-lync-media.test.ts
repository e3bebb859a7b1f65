/**
 * Issue 11: `lync.install: true` without the media secrets is a config error naming each key, before
 * any resource. The program runs under Pulumi's mock runtime (standing in for `pulumi up`), with every
 * other secret set, so only the Lync media are missing.
 */
import * as pulumi from "@pulumi/pulumi";
import { installRecorder, type Recorder } from "../../src/offline/recorder";
import { UserErrors } from "../../migration-jobs/common/errors";

let recorder: Recorder;

beforeAll(async () => {
  const secrets = { "pchat-kit:adminPassword": "Adm1n-Pa55-zq7-LEAKCHECK", "pchat-kit:sqlAdminPassword": "Sq1-Pa55-xv3-LEAKCHECK", "pchat-kit:safeModePassword": "Dsrm-Pa55-kw9-LEAKCHECK" };
  pulumi.runtime.setAllConfig(
    {
      "pchat-kit:location": "westeurope",
      "pchat-kit:prefix": "lab",
      "pchat-kit:domain": JSON.stringify({ fqdn: "contoso.local", netbiosName: "CONTOSO", mode: "new-forest" }),
      "pchat-kit:lync": JSON.stringify({ install: true }),
      ...secrets,
    },
    Object.keys(secrets),
  );
  recorder = await installRecorder("pchat-kit", "media");
});

it("names lyncMediaUrl and lyncUpdateUrl with the command that sets them, and registers no resource", async () => {
  const { pchatKit } = require("../../src/program") as typeof import("../../src/program");
  const error = await pchatKit().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserErrors);
  const problems = (error as UserErrors).problems.map((p) => [p.where, p.fix]);
  expect(problems).toEqual([
    ["pchat-kit:lyncMediaUrl", expect.stringContaining("pulumi config set --secret lyncMediaUrl")],
    ["pchat-kit:lyncUpdateUrl", expect.stringContaining("pulumi config set --secret lyncUpdateUrl")],
  ]);
  expect((error as UserErrors).describe()).not.toContain("LEAKCHECK");
  await recorder.settle();
  expect(recorder.resources).toEqual([]);
});
