/**
 * The application's tables, declared with drizzle-orm. athanor reads them
 * through `fromDrizzle()` in migrations/env.ts.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: ["admin", "reader"] }).notNull().default("reader"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at", { mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
});

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    score: real("score").notNull().default(0),
    publishedAt: integer("published_at", { mode: "timestamp" }),
  },
  (t) => [
    uniqueIndex("posts_author_slug_uq").on(t.authorId, t.slug),
    index("posts_published_idx").on(t.publishedAt).where(sql`${t.publishedAt} is not null`),
    check("posts_score_check", sql`${t.score} >= 0`),
  ],
);
