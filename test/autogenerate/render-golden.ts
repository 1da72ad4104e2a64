// The expected rendering of each operation of everyOperation (render-fixtures.ts), in order.
export const goldenRenderings: readonly string[] = [
  "await op.createEnum(\"role\", [\"owner\", \"member\"]);",
  "await op.createEnum(\"mood\", [\"sad\", \"ok\"], { schema: \"app\", ifNotExists: true });",
  "await op.createTable(\n" +
    "  \"users\",\n" +
    "  [\n" +
    "    op.column(\"id\", op.type.integer(), { primaryKey: true, autoincrement: true }),\n" +
    "    op.column(\"email\", op.type.string(255), { nullable: false }),\n" +
    "    op.column(\"nickname\", op.type.string(40), { default: \"it's \\\"me\\\"\" }),\n" +
    "    op.column(\"score\", op.type.numeric(10, 2), { nullable: false, default: 0 }),\n" +
    "    op.column(\"active\", op.type.boolean(), { nullable: false, default: true }),\n" +
    "    op.column(\"created_at\", op.type.timestamp({ withTimezone: true, precision: 3 }), {\n" +
    "      nullable: false,\n" +
    "      defaultSql: \"CURRENT_TIMESTAMP\",\n" +
    "    }),\n" +
    "    op.column(\"bio\", op.type.text(), { comment: \"about\\n" +
    "them\" }),\n" +
    "    op.column(\"org_id\", op.type.bigint()),\n" +
    "    op.foreignKey({\n" +
    "      name: \"fk_users_org\",\n" +
    "      columns: [\"org_id\"],\n" +
    "      foreignColumns: [\"orgs.id\"],\n" +
    "      onDelete: \"cascade\",\n" +
    "      onUpdate: \"set null\",\n" +
    "    }),\n" +
    "    op.unique(\"uq_users_email\").on(\"email\"),\n" +
    "    op.check(\"ck_users_score\", \"score >= 0\"),\n" +
    "    op.index(op.f(\"ix_users_org_id\")).on(\"org_id\"),\n" +
    "    op.uniqueIndex(op.f(\"ix_users_lower_email\")).on(op.expr(\"lower(email)\")).where(\"active\"),\n" +
    "  ],\n" +
    "  { comment: \"people\" },\n" +
    ");",
  "await op.createTable(\n" +
    "  \"members\",\n" +
    "  [\n" +
    "    op.column(\"org_id\", op.type.integer(), { nullable: false }),\n" +
    "    op.column(\"user_id\", op.type.integer(), { nullable: false }),\n" +
    "    op.column(\"role\", op.type.enumType(\"role\", [\"owner\", \"member\"]), {\n" +
    "      nullable: false,\n" +
    "      default: \"member\",\n" +
    "    }),\n" +
    "    op.column(\"tags\", op.type.array(op.type.text())),\n" +
    "    op.column(\"seq\", op.type.integer(), { nullable: false, identity: { always: true, start: 10 } }),\n" +
    "    op.column(\"total\", op.type.integer(), { generated: { sql: \"seq * 2\", stored: false } }),\n" +
    "    op.column(\"note\", op.type.customType(\"citext\"), { collation: \"C\" }),\n" +
    "    op.primaryKey({ name: \"pk_members\", columns: [\"org_id\", \"user_id\"] }),\n" +
    "    op.foreignKey({\n" +
    "      columns: [\"user_id\"],\n" +
    "      foreignColumns: [\"auth.users.id\"],\n" +
    "      deferrable: true,\n" +
    "      initially: \"deferred\",\n" +
    "      match: \"full\",\n" +
    "    }),\n" +
    "    op.unique().on(\"user_id\", \"role\").deferrable(\"immediate\"),\n" +
    "    op.check(undefined, \"seq > 0\"),\n" +
    "    op.index(op.f(\"ix_members_tags\")).on(\"tags\").using(\"gin\").include(\"role\"),\n" +
    "  ],\n" +
    "  { schema: \"app\", ifNotExists: true },\n" +
    ");",
  "await op.dropTable(\"legacy\");",
  "await op.dropTable(\"legacy\", { schema: \"app\", ifExists: true });",
  "await op.renameTable(\"user\", \"users\");",
  "await op.renameTable(\"member\", \"members\", { schema: \"app\" });",
  "await op.addColumn(\"users\", op.column(\"age\", op.type.smallint()));",
  "await op.addColumn(\n" +
    "  \"members\",\n" +
    "  op.column(\"joined\", op.type.date(), { nullable: false, defaultSql: \"CURRENT_DATE\" }),\n" +
    "  { schema: \"app\" },\n" +
    ");",
  "await op.dropColumn(\"users\", \"age\");",
  "await op.dropColumn(\"members\", \"joined\", { schema: \"app\" });",
  "await op.alterColumn(\"users\", \"email\", {\n" +
    "  nullable: true,\n" +
    "  type: op.type.text(),\n" +
    "  serverDefault: null,\n" +
    "  newName: \"mail\",\n" +
    "  comment: \"mail\",\n" +
    "  existingType: op.type.string(255),\n" +
    "  existingNullable: false,\n" +
    "  existingServerDefault: \"x\",\n" +
    "  existingComment: null,\n" +
    "});",
  "await op.alterColumn(\"members\", \"seq\", {\n" +
    "  type: op.type.bigint(),\n" +
    "  using: \"seq::bigint\",\n" +
    "  serverDefault: { kind: \"literal\", value: null },\n" +
    "  autoincrement: true,\n" +
    "  existingType: op.type.integer(),\n" +
    "  existingServerDefault: op.expr(\"0\"),\n" +
    "  existingAutoincrement: false,\n" +
    "  schema: \"app\",\n" +
    "});",
  "await op.createIndex(op.f(\"ix_users_email\"), \"users\", [\"email\"]);",
  "await op.createIndex(\"ix_members_role_lower\", \"members\", [\"role\", op.expr(\"lower(note)\")], {\n" +
    "  unique: true,\n" +
    "  where: \"note IS NOT NULL\",\n" +
    "  using: \"btree\",\n" +
    "  include: [\"seq\"],\n" +
    "  ifNotExists: true,\n" +
    "  concurrently: true,\n" +
    "  schema: \"app\",\n" +
    "});",
  "await op.dropIndex(\"ix_users_email\", { table: \"users\" });",
  "await op.dropIndex(\"ix_members_role_lower\", {\n" +
    "  table: \"members\",\n" +
    "  schema: \"app\",\n" +
    "  ifExists: true,\n" +
    "  concurrently: true,\n" +
    "});",
  "await op.createPrimaryKey(\"pk_users\", \"users\", [\"id\"]);",
  "await op.createUniqueConstraint(\"uq_users_nick\", \"users\", [\"nickname\", \"email\"], {\n" +
    "  deferrable: true,\n" +
    "  initially: \"deferred\",\n" +
    "});",
  "await op.createForeignKey(\"fk_users_org\", \"users\", \"orgs\", [\"org_id\"], [\"id\"], {\n" +
    "  onDelete: \"restrict\",\n" +
    "  match: \"simple\",\n" +
    "  sourceSchema: \"app\",\n" +
    "  referentSchema: \"crm\",\n" +
    "});",
  "await op.createCheckConstraint(\"ck_users_age\", \"users\", \"age >= 0\");",
  "await op.dropConstraint(\"uq_users_nick\", \"users\", { type: \"unique\" });",
  "await op.dropConstraint(\"ck_x\", \"members\", { type: \"check\", schema: \"app\" });",
  "await op.createTableComment(\"users\", \"people who sign in\", { existingComment: null });",
  "await op.dropTableComment(\"members\", { existingComment: \"old\", schema: \"app\" });",
  "await op.dropEnum(\"mood\", { schema: \"app\" });",
  "await op.addEnumValue(\"role\", \"guest\", { after: \"member\" });",
  "await op.addEnumValue(\"mood\", \"meh\", { before: \"ok\", ifNotExists: true, schema: \"app\" });",
  "await op.renameEnumValue(\"role\", \"guest\", \"visitor\");",
  "await op.bulkInsert(\n" +
    "  \"users\",\n" +
    "  [{ id: 1, email: \"a@example.com\" }, { id: 2, email: \"b@example.com\" }],\n" +
    "  { columns: [\"id\", \"email\"], types: { id: op.type.integer() } },\n" +
    ");",
];
