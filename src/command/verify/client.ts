/**
 * Runs an offline (`--sql`) script the way a user would: through the
 * database's own command-line client (`sqlite3 -bail`, `psql -v
 * ON_ERROR_STOP=1`, `mariadb`), stopping at the first error. The password goes
 * to the client in its environment (`PGPASSWORD`, `MYSQL_PWD`), never on its
 * command line.
 */
import { spawn } from "node:child_process";
import type { DatabaseUrl } from "../../dialects/contract/index.js";
import { AthanorError } from "../../util/errors.js";

/** The client program and its arguments for one database. */
interface ClientCommand {
  readonly program: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

function clientCommand(url: DatabaseUrl, sqliteFile: string | undefined): ClientCommand {
  if (url.dialect === "sqlite") {
    if (sqliteFile === undefined) throw new AthanorError("An in-memory SQLite database cannot be handed to the sqlite3 client");
    return { program: "sqlite3", args: ["-bail", sqliteFile], env: {} };
  }
  const secret = url.password ?? "";
  if (url.dialect === "postgresql") {
    const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.host ?? "127.0.0.1", "-p", String(url.port ?? 5432)];
    if (url.username) args.push("-U", url.username);
    args.push("-d", url.database ?? "postgres", "-f", "-");
    const env: Record<string, string> = {};
    if (secret !== "") env["PGPASSWORD"] = secret;
    if (url.query["sslmode"] !== undefined) env["PGSSLMODE"] = url.query["sslmode"];
    return { program: "psql", args, env };
  }
  if (url.dialect === "mysql") {
    const args = ["-h", url.host ?? "127.0.0.1", "-P", String(url.port ?? 3306)];
    if (url.username) args.push("-u", url.username);
    if (url.database) args.push(url.database);
    return { program: "mariadb", args, env: secret === "" ? {} : { MYSQL_PWD: secret } };
  }
  throw new AthanorError(`verify cannot run an offline script on ${url.dialect}: no command-line client is known for it`);
}

/** The client `runWithClient` would use for this URL (`sqlite3`, `psql`, `mariadb`). */
export function clientProgram(url: DatabaseUrl): string {
  return url.dialect === "sqlite" ? "sqlite3" : url.dialect === "postgresql" ? "psql" : url.dialect === "mysql" ? "mariadb" : url.dialect;
}

/** Thrown when the client is not installed: the test that needs it is skipped, not failed. */
export class ClientMissingError extends AthanorError {}

/**
 * Feed `script` to the database's client on stdin; rejects with the client's
 * first error line when it stops (or with {@link ClientMissingError} when the
 * program is not installed).
 *
 * @example
 * ```ts
 * await runWithClient(parseUrl("postgresql://app@db/scratch"), sql);
 * ```
 */
export function runWithClient(url: DatabaseUrl, script: string, options: { readonly sqliteFile?: string; readonly signal?: AbortSignal } = {}): Promise<void> {
  const command = clientCommand(url, options.sqliteFile);
  // the MariaDB client is also installed as `mysql`
  const programs = command.program === "mariadb" ? ["mariadb", "mysql"] : [command.program];
  const attempt = (index: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const program = programs[index]!;
      const child = spawn(program, [...command.args], {
        env: { ...process.env, ...command.env },
        stdio: ["pipe", "pipe", "pipe"],
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      let stderr = "";
      child.stdout.resume();
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => {
        stderr += chunk;
      });
      child.stdin.on("error", () => undefined);
      child.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") {
          if (index + 1 < programs.length) resolve(attempt(index + 1));
          else reject(new ClientMissingError(`${programs.join(" or ")} is not installed`, { hint: `install the ${command.program} client to check the offline script` }));
        } else {
          reject(error);
        }
      });
      child.on("close", (code) => {
        const failed = code !== 0 || /^(?:psql:.*)?ERROR\b/mu.test(stderr);
        if (!failed) return resolve();
        const first = stderr.split("\n").find((line) => /error/iu.test(line)) ?? stderr.split("\n").find((line) => line.trim() !== "") ?? `exit code ${String(code)}`;
        reject(new AthanorError(`${program} stopped on the script: ${first.trim()}`));
      });
      child.stdin.end(script);
    });
  return attempt(0);
}
