/**
 * The T-SQL the backup steps send, as named constants so tests can parse them. Database and file
 * names travel as SQL parameters (BACKUP accepts variables for both), never spliced into the text.
 */

/** COPY_ONLY: the migration's backup must not break the customer's own differential/log chain. */
export const BACKUP_DATABASE_SQL = "BACKUP DATABASE @database TO DISK = @path WITH COPY_ONLY, INIT, CHECKSUM";

/** Proves the file is a readable, checksummed backup before the step reports ok. */
export const VERIFY_BACKUP_SQL = "RESTORE VERIFYONLY FROM DISK = @path WITH CHECKSUM";
