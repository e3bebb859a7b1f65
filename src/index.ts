/**
 * Entry of `pulumi up` (Pulumi.yaml `main`). The stack outputs are the program's result. A config
 * error becomes a RunError, which Pulumi prints as a message without a stack trace. Whatever the
 * program throws passes the secrets gate first (a config value echoed in an error may be a password).
 */
import * as pulumi from "@pulumi/pulumi";
import { isUserError } from "../migration-jobs/common/errors";
import { redact } from "../migration-jobs/common/secrets";
import { pchatKit } from "./program";

export = pchatKit().catch((e: unknown) => {
  if (isUserError(e)) throw new pulumi.RunError(redact(`pchat-kit configuration is invalid: ${e.describe()}`));
  if (e instanceof Error) {
    e.message = redact(e.message);
    if (e.stack) e.stack = redact(e.stack);
    throw e;
  }
  throw new Error(redact(String(e)));
});
