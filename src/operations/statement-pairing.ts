import type { DdlCompiler, SchemaOperation } from "../dialects/contract/index.js";

/**
 * Compiles schema operations one after another and hands each statement on,
 * holding back an operation the database may need in the same statement as the
 * next one (`DdlCompiler.waitsForNext`): when the next operation arrives, the
 * two are compiled together if the compiler can (`compileTogether`), else the
 * held one's statements go first. `flush()` sends a held operation on; call it
 * before anything else reaches the database and when the operations end.
 *
 * This is how MySQL changes the primary key of a table with an AUTO_INCREMENT
 * column: it refuses `DROP PRIMARY KEY` alone (the column must stay a key), so
 * a drop followed by the new `ADD PRIMARY KEY` of that table becomes one
 * `ALTER TABLE ... DROP PRIMARY KEY, ADD PRIMARY KEY (...)`.
 *
 * @example
 * ```ts
 * const pairing = new StatementPairing(dialect.ddl, (sql) => connection.execute(sql).then(() => undefined));
 * await pairing.run({ kind: "dropConstraint", table: "t", name: "PRIMARY", type: "primary" });
 * await pairing.run({ kind: "addConstraint", table: "t", constraint: { type: "primary", columns: ["id", "k"] } });
 * await pairing.flush();
 * ```
 */
export class StatementPairing {
  readonly #ddl: DdlCompiler;
  readonly #emit: (sql: string) => Promise<void>;
  #held: { readonly operation: SchemaOperation; readonly statements: readonly string[] } | undefined;

  constructor(ddl: DdlCompiler, emit: (sql: string) => Promise<void>) {
    this.#ddl = ddl;
    this.#emit = emit;
  }

  /** Compile one operation and send its statements (or hold it until the next one). */
  async run(operation: SchemaOperation): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) {
      const together = this.#ddl.compileTogether?.(held.operation, operation);
      if (together !== undefined) {
        for (const sql of together) await this.#emit(sql);
        return;
      }
      for (const sql of held.statements) await this.#emit(sql);
    }
    // Compiled now, so a bad operation fails where it is called even when held back.
    const statements = this.#ddl.compile(operation);
    if (this.#ddl.waitsForNext?.(operation) === true) {
      this.#held = { operation, statements };
      return;
    }
    for (const sql of statements) await this.#emit(sql);
  }

  /** Send the statements of an operation held back, if any. */
  async flush(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (held !== undefined) for (const sql of held.statements) await this.#emit(sql);
  }
}
