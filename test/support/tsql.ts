/**
 * Syntax check for T-SQL, standing in for SQL Server (which this machine does not have): every
 * statement the kit sends or writes is parsed with the ANTLR T-SQL grammar of `antlr4ts-sql`.
 * It proves the text is T-SQL the grammar accepts; it cannot prove the tables exist.
 */
import { antlr4tsSQL, SQLDialect, ANTLRErrorListener, Recognizer, RecognitionException } from "antlr4ts-sql";

export interface TsqlSyntaxError {
  line: number;
  column: number;
  message: string;
}

class Collect implements ANTLRErrorListener<unknown> {
  readonly errors: TsqlSyntaxError[] = [];
  syntaxError<T>(
    _recognizer: Recognizer<T, any>,
    _offendingSymbol: T | undefined,
    line: number,
    charPositionInLine: number,
    msg: string,
    _e: RecognitionException | undefined,
  ): void {
    this.errors.push({ line, column: charPositionInLine, message: msg });
  }
}

const tsql = new antlr4tsSQL(SQLDialect.TSQL);

/** Every syntax error the T-SQL grammar reports for `sql` (empty when it parses). */
export function tsqlSyntaxErrors(sql: string): TsqlSyntaxError[] {
  const listener = new Collect();
  // The grammar's keywords are upper case; the notes say to feed it upper-cased text.
  const tokens = tsql.getTokens(sql.toUpperCase(), [listener]);
  const parser = tsql.getParser(tokens, [listener]);
  tsql.getParseTree(parser);
  return listener.errors;
}

/** Throws with the first errors and the offending lines when `sql` does not parse as T-SQL. */
export function expectValidTsql(sql: string, name = "statement"): void {
  const errors = tsqlSyntaxErrors(sql);
  if (errors.length === 0) return;
  const lines = sql.split(/\r?\n/);
  const detail = errors
    .slice(0, 5)
    .map((e) => `  line ${e.line}:${e.column} ${e.message}\n    > ${lines[e.line - 1] ?? ""}`)
    .join("\n");
  throw new Error(`${name} is not valid T-SQL:\n${detail}`);
}
