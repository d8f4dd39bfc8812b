import { z } from "zod";

/** The database settings this package reads; the only place in packages/db that sees process.env. */
const dbEnvSchema = z.object({
  /** A Postgres server; when unset, the embedded PGlite database is used. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Where embedded state lives (docs/architecture.md: `.nexus/`). */
  NEXUS_DATA_DIR: z.string().min(1).default(".nexus"),
  TEST_DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default("postgres://postgres@127.0.0.1:5432/test"),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid database environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
