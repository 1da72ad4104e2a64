/**
 * Projects for the verify tests: a good one (two revisions, a declared schema
 * that matches them) and, from it, one revision crafted to break each test.
 */
import { connect } from "../../src/dialects/index.js";
import type { DialectName } from "../support/servers.js";
import { serverUrls } from "../support/servers.js";
import { createProject, type Project, type RevisionSpec } from "../runtime/project.js";

export const usersTable = "${P}_users";

const createUsers: RevisionSpec = {
  id: "aa0000000001",
  doc: "create users",
  upgrade: `  await op.createTable("${usersTable}", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("name", op.type.string(50))]);`,
  downgrade: `  await op.dropTable("${usersTable}");`,
};

const addEmail: RevisionSpec = {
  id: "aa0000000002",
  down: "aa0000000001",
  doc: "add email",
  upgrade: `  await op.addColumn("${usersTable}", op.column("email", op.type.string(100)));`,
  downgrade: `  await op.dropColumn("${usersTable}", "email");`,
};

/** The good project's revisions. */
export const goodRevisions: readonly RevisionSpec[] = [createUsers, addEmail];

/** The second revision, broken in each way a verify test must catch. */
export const brokenSecond = {
  /** Its upgrade fails after a first statement. */
  upgradeFails: { ...addEmail, upgrade: `${addEmail.upgrade}\n  await op.execute("INSERT INTO \${P}_missing (id) VALUES (1)");` },
  /** Its downgrade drops one of the two columns its upgrade added. */
  leavesColumn: {
    ...addEmail,
    upgrade: `${addEmail.upgrade}\n  await op.addColumn("${usersTable}", op.column("nickname", op.type.string(20)));`,
    downgrade: addEmail.downgrade,
  },
  /** Its downgrade is empty and it is not marked irreversible. */
  emptyDowngrade: { ...addEmail, downgrade: "" },
  /** Its downgrade is empty and it says why. */
  markedIrreversible: { ...addEmail, downgrade: "", extra: `export const irreversible = "the emails cannot be put back";` },
  /** It adds another column when writing SQL than when running online. */
  offlineDiverges: {
    ...addEmail,
    upgrade: `  await op.addColumn("${usersTable}", op.column(op.isOffline ? "mail" : "email", op.type.string(100)));`,
    downgrade: `  await op.dropColumn("${usersTable}", op.isOffline ? "mail" : "email");`,
  },
} satisfies Record<string, RevisionSpec>;

/** A second head beside the good project's. */
export const secondHead: RevisionSpec = {
  id: "aa0000000003",
  down: "aa0000000001",
  doc: "create teams",
  upgrade: `  await op.createTable("\${P}_teams", [op.column("id", op.type.integer(), { primaryKey: true })]);`,
  downgrade: `  await op.dropTable("\${P}_teams");`,
};

/** env.ts declaring the users table: as the revisions make it, or with a column they never add. */
export function envSource(options: { readonly extraColumn?: boolean } = {}): string {
  return `import { defineEnvironment, MetaData, column } from "athanor";

const metadata = new MetaData();
metadata.table("${usersTable}", {
  id: column.integer().primaryKey(),
  name: column.string(50),
  email: column.string(100),${options.extraColumn ? "\n  age: column.integer()," : ""}
});

export default defineEnvironment({ targetMetadata: metadata });
`;
}

/** A project with these revisions and env.ts. */
export function verifyProject(dialect: DialectName, revisions: readonly RevisionSpec[], env: string | null = envSource()): Project {
  const project = createProject(dialect, revisions);
  if (env !== null) project.writeEnv(env);
  return project;
}

/** The scratch databases (`athanor_verify_%`) on the dialect's server now; SQLite has none. */
export async function scratchDatabases(dialect: DialectName): Promise<string[]> {
  if (dialect === "sqlite") return [];
  const admin = await connect(serverUrls[dialect]);
  try {
    const result =
      dialect === "postgresql"
        ? await admin.execute("SELECT datname AS n FROM pg_database WHERE datname LIKE 'athanor\\_verify\\_%'")
        : await admin.execute("SELECT schema_name AS n FROM information_schema.schemata WHERE schema_name LIKE 'athanor\\_verify\\_%'");
    return result.rows.map((row) => String(row["n"] ?? Object.values(row)[0])).sort();
  } finally {
    await admin.close();
  }
}
