// The client floor: the SQL script `athanor ... --sql` writes, sent by the plain
// driver athanor itself uses (pg, mysql2, libsql), one statement per call in the
// script's order, as the database's own command-line client sends a script. One
// whole process: node start-up, the driver, one connection, the statements.
//   node bench/peers/floor.mjs <postgresql|mysql|sqlite> <url> <script.sql>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const [dialect, url, file] = process.argv.slice(2);
// the project's own drivers (the root's node_modules)
const require = createRequire(fileURLToPath(new URL("../../package.json", import.meta.url)));

/** The script's statements: athanor ends each with `;` and a blank line; comment lines dropped. */
export function statementsOf(script) {
  return script
    .split(/;\n(?:\n|$)/)
    .map((text) =>
      text
        .split("\n")
        .filter((line) => !line.startsWith("--"))
        .join("\n")
        .trim(),
    )
    .filter((text) => text.length > 0);
}

const statements = statementsOf(readFileSync(file, "utf8"));
if (dialect === "postgresql") {
  const { Client } = require("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
} else if (dialect === "mysql") {
  const mysql = require("mysql2/promise");
  const connection = await mysql.createConnection(url);
  try {
    for (const sql of statements) await connection.query(sql);
  } finally {
    await connection.end();
  }
} else {
  const Database = require("libsql");
  const db = new Database(url.replace(/^sqlite:\/\/\//, ""));
  try {
    for (const sql of statements) db.exec(sql);
  } finally {
    db.close();
  }
}
