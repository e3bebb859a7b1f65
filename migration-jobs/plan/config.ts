/**
 * The migration config, `pchat-kit:migration`, whole: the runbook's part (runbook/config.ts) and the
 * contacts job's (`contacts`, contacts/config.ts), checked together so that every problem of both is
 * reported at once, as the whole migration is planned once (`planMigration`) from it.
 */
import { UserErrors } from "../common/errors";
import { checkContactsConfig, type ContactsConfig } from "../contacts/config";
import { checkRunbookConfig, type RunbookConfig } from "../runbook/config";

/** The validated migration config. */
export interface MigrationConfig extends RunbookConfig {
  /**
   * Exchange 2000 IM contact lists moved by the same runbook, after the Persistent Chat steps
   * (README, Exchange 2000 IM contact lists). Null: no contacts job.
   * @default null
   * @example { strategy: "gradual-per-user", regDir: "migration/contacts/regs", usersFile: "migration/contacts/users.csv" }
   */
  contacts: ContactsConfig | null;
}

/**
 * Validates `pchat-kit:migration` (as read with `requireObject`, which only casts) and applies the
 * defaults. Throws UserErrors listing every problem, the runbook's then the contacts job's, even
 * when the rest is of the wrong shape.
 */
export function parseMigrationConfig(raw: unknown): MigrationConfig {
  const runbook = checkRunbookConfig(raw);
  const contacts = checkContactsConfig(contactsOf(raw));
  if (!runbook.ok || !contacts.ok) throw new UserErrors([...(runbook.ok ? [] : runbook.problems), ...(contacts.ok ? [] : contacts.problems)]);
  return { ...runbook.data, contacts: contacts.data };
}

/** The `contacts` member of a raw migration config, whatever the rest holds. */
function contactsOf(raw: unknown): unknown {
  return raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>).contacts : undefined;
}
