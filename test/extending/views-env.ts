/**
 * The env.ts of the extension tests: a `createReportView`/`dropReportView` pair registered
 * with `registerOperation` and a schema comparator (env.ts's `comparators`)
 * that emits them, as the README's "Extending athanor" shows. The declared views come from a global
 * the test sets, so one process can change them between commands.
 */
export function viewsEnv(options: { readonly sql?: string } = {}): string {
  const sql =
    options.sql ??
    `{
    postgresql: (view, db) => \`CREATE VIEW \${db.quoteIdentifier(view.name)} AS \${view.select}\`,
    mysql: (view, db) => \`CREATE VIEW \${db.quoteIdentifier(view.name)} AS \${view.select}\`,
    sqlite: (view, db) => \`CREATE VIEW IF NOT EXISTS \${db.quoteIdentifier(view.name)} AS \${view.select}\`,
  }`;
  return `import { MetaData, column, registerOperation } from "athanor";

const createReportView = registerOperation({
  name: "createReportView",
  build: (name, select) => ({ name, select }),
  reverse: (view) => dropReportView.create(view.name, view.select),
  sql: ${sql},
  render: (view, code) => \`\${code.op}.createReportView(\${code.literal(view.name)}, \${code.literal(view.select)})\`,
  describe: (view) => \`create view \${view.name}\`,
});

const dropReportView = registerOperation({
  name: "dropReportView",
  build: (name, select) => ({ name, select }),
  reverse: (view) => createReportView.create(view.name, view.select),
  sql: { default: (view, db) => \`DROP VIEW \${db.quoteIdentifier(view.name)}\` },
  render: (view, code) => \`\${code.op}.dropReportView(\${code.literal(view.name)}, \${code.literal(view.select)})\`,
  describe: (view) => \`drop view \${view.name}\`,
});

const declaredViews = () => globalThis["athanorViews_\${P}"] ?? {};

async function compareViews({ connection, dialect }) {
  const like = "'\${P}%'";
  const sql =
    dialect.name === "postgresql"
      ? \`SELECT viewname AS name FROM pg_views WHERE schemaname = current_schema() AND viewname LIKE \${like}\`
      : dialect.name === "mysql"
        ? \`SELECT table_name AS name FROM information_schema.views WHERE table_schema = DATABASE() AND table_name LIKE \${like}\`
        : \`SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE \${like}\`;
  const present = new Set((await connection.execute(sql)).rows.map((row) => String(row.name)));
  const wanted = declaredViews();
  return Object.entries(wanted)
    .filter(([name]) => !present.has(name))
    .map(([name, select]) => createReportView.create(name, select));
}

const metadata = new MetaData();
metadata.table("\${P}_items", { id: column.integer().primaryKey(), label: column.string(50) });

export default {
  targetMetadata: metadata,
  renderAsBatch: false,
  // the test databases are shared: compare only this test's tables; views are the comparator's own
  includeName: (name, type) => type !== "view" && type !== "sequence" && (type !== "table" || name.startsWith("\${P}")),
  comparators: { schema: [compareViews] },
};
`;
}
