/** Schema detection: which tbl* columns the database has (domain §7.1, §7.3). Read-only metadata. */

/**
 * Every column of the dbo.tbl* tables the login can see. INFORMATION_SCHEMA lists only objects the
 * login has rights on, so an empty answer also means "no SELECT permission".
 */
export const SCHEMA_COLUMNS_SQL = `SELECT c.TABLE_NAME AS tableName, c.COLUMN_NAME AS columnName, c.DATA_TYPE AS dataType
FROM INFORMATION_SCHEMA.COLUMNS AS c
WHERE c.TABLE_SCHEMA = N'dbo' AND c.TABLE_NAME LIKE N'tbl%'
ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION`;

export interface SchemaColumnRow {
  tableName: string;
  columnName: string;
  dataType: string;
}
