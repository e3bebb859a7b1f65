/**
 * Entry of `pulumi up` (Pulumi.yaml `main`). The stack outputs are the program's result. A config
 * error becomes a RunError, which Pulumi prints as a message without a stack trace.
 */
import * as pulumi from "@pulumi/pulumi";
import { isUserError } from "../migration-jobs/common/errors";
import { pchatKit } from "./program";

export = pchatKit().catch((e: unknown) => {
  if (isUserError(e)) throw new pulumi.RunError(`pchat-kit configuration is invalid: ${e.describe()}`);
  throw e;
});
