// A declared schema of many tables for the autogenerate benchmark, written with the
// DSL. Imported both by the benchmark and by the env.ts of its project, each passing
// the athanor module it loaded (so both build the very same schema).

/**
 * `count` tables `bench_t0000`...: ten columns of mixed types, two indexes, a unique
 * constraint and one or two foreign keys each (every table refers to the one before
 * it, the first to itself; odd tables also to the table at half their number).
 */
export function declareWideSchema(athanor, count) {
  const { MetaData, column, index, unique } = athanor;
  const metadata = new MetaData({
    namingConvention: {
      pk: "pk_%(table_name)s",
      uq: "uq_%(table_name)s_%(column_0_name)s",
      fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    },
  });
  const tables = [];
  const name = (i) => `bench_t${String(i).padStart(4, "0")}`;
  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? () => tables[0].c.id : () => tables[i - 1].c.id;
    const columns = {
      id: column.integer().primaryKey().autoincrement(),
      name: column.string(100).notNull(),
      code: column.string(20).notNull(),
      amount: column.numeric(12, 2),
      ratio: column.double(),
      active: column.boolean().notNull().default(true),
      created_at: column.timestamp().notNull().defaultNow(),
      body: column.text(),
      parent_id: column.integer().references(parent),
    };
    if (i % 2 === 1) {
      const owner = Math.floor(i / 2);
      columns.owner_id = column.integer().references(() => tables[owner].c.id, { onDelete: "cascade" });
    } else {
      columns.born_on = column.date();
    }
    tables.push(
      metadata.table(name(i), columns, (c) => [
        index().on(c.name),
        index().on(c.created_at, c.active),
        unique().on(c.code),
      ]),
    );
  }
  return metadata;
}
