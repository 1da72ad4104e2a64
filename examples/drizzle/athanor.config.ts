import { defineConfig } from "athanor";

export default defineConfig({
  // The migrations folder (env.ts, script.ts.tmpl, versions/), relative to this file.
  scriptLocation: "migrations",

  // The database. Keep credentials in the environment, never in this file.
  url: process.env.DATABASE_URL ?? "sqlite:///app.db",
});
