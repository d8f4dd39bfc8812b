import { defineConfig } from "drizzle-kit";

// Generation only needs the schema; `migrate-cli.ts` applies the SQL (advisory lock, target schema).
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
