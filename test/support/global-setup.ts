import { createConnection } from "node:net";
import { requireServers, serverUrls } from "./servers.js";

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

async function ensureDatabase(kind: "postgresql" | "mysql", url: string): Promise<void> {
  const database = new URL(url).pathname.slice(1);
  if (!database) return;
  if (kind === "postgresql") {
    const pg = (await import("pg")).default;
    const admin = new URL(url);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      const found = await client.query("select 1 from pg_database where datname = $1", [database]);
      if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '""')}"`);
    } finally {
      await client.end();
    }
  } else {
    const mysql = await import("mysql2/promise");
    const admin = new URL(url);
    admin.pathname = "/";
    const connection = await mysql.createConnection(admin.toString());
    try {
      await connection.query(`create database if not exists \`${database.replace(/`/g, "``")}\``);
    } finally {
      await connection.end();
    }
  }
}

export default async function setup(): Promise<void> {
  const available = ["sqlite"];
  const missing: string[] = [];
  for (const kind of ["postgresql", "mysql"] as const) {
    const url = serverUrls[kind];
    if (await answers(url)) {
      await ensureDatabase(kind, url);
      available.push(kind);
    } else {
      missing.push(`${kind} (${new URL(url).host})`);
    }
  }
  if (missing.length > 0) {
    if (requireServers) {
      throw new Error(`ATHANOR_TEST_REQUIRE_SERVERS=1 but no server answers for: ${missing.join(", ")}`);
    }
    console.warn(`\n[athanor tests] skipping live tests for ${missing.join(", ")}: server not reachable\n`);
  }
  process.env.ATHANOR_TEST_AVAILABLE = available.join(",");
}
