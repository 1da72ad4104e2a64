import { MetaData, column, type as t, index, uniqueIndex, unique, check, foreignKey, primaryKey, expr } from "../../src/schema/index.js";

export const metadata = new MetaData({
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_N_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  },
});

export const role = metadata.enum("user_role", ["admin", "editor", "reader"]);

export const users = metadata.table("users", {
  id: column.integer().primaryKey().autoincrement(),
  email: column.string(255).notNull(),
  displayName: column.string(100).columnName("display_name"),
  role: column.enum(role).notNull().default("reader"),
  active: column.boolean().notNull().default(true),
  createdAt: column.timestamp({ withTimezone: true }).columnName("created_at").notNull().defaultSql("CURRENT_TIMESTAMP"),
}, (c) => [
  uniqueIndex("ix_users_lower_email").on(expr`lower(${c.email})`),
], { comment: "people who can sign in", mysql: { engine: "InnoDB", charset: "utf8mb4" } });

export const posts = metadata.table("posts", {
  id: column.bigint().primaryKey().identity(),
  authorId: column.integer().columnName("author_id").notNull().references(() => users.c.id, { onDelete: "cascade" }),
  slug: column.string(200).notNull(),
  title: column.text().notNull(),
  body: column.text(),
  price: column.numeric(10, 2).notNull().default(0),
  publishedAt: column.timestamp({ withTimezone: true }).columnName("published_at"),
}, (c) => [
  unique().on(c.authorId, c.slug),
  index().on(c.authorId),
  index("ix_posts_published").on(c.publishedAt).where("published_at IS NOT NULL"),
  check("price_not_negative", expr`${c.price} >= 0`),
]);

export const tags = metadata.table("tags", {
  id: column.integer().primaryKey().autoincrement(),
  name: column.string(50).notNull().unique(),
});

export const postTags = metadata.table("post_tags", {
  postId: column.bigint().columnName("post_id"),
  tagId: column.integer().columnName("tag_id"),
}, (c) => [
  primaryKey({ columns: [c.postId, c.tagId] }),
  foreignKey({ columns: [c.postId], foreignColumns: [posts.c.id], onDelete: "cascade" }),
  foreignKey({ columns: [c.tagId], foreignColumns: [tags.c.id], onDelete: "cascade" }),
]);

export const profiles = metadata.table("profiles", {
  userId: column.integer().columnName("user_id").primaryKey().references("users.id"),
  bio: column.text().comment("shown on the profile page"),
  settings: column.json().notNull().defaultSql("('{}')"),
  website: column(t.string(200)),
});
