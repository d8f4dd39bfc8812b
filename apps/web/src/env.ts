/**
 * The web app's configuration: the shared service settings plus DATABASE_URL, which the web app
 * cannot run without (`npm start` passes it the embedded database's URL). The only module of the
 * app that reads the environment (docs/conventions.md, Environment).
 *
 * Loaded on first use, not at import: `next build` imports every route module without a database
 * configured, and a page that needs one only runs at request time.
 */
import { z } from "zod";
import { baseEnvSchema, loadEnv } from "@nexus/platform/env";

export const webEnvSchema = baseEnvSchema.extend({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" }),
  /** Connections this web process may hold; a page needs one or two, the pool absorbs bursts. */
  WEB_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
});

export type WebEnv = z.infer<typeof webEnvSchema>;

let loaded: WebEnv | undefined;

export function webEnv(): WebEnv {
  loaded ??= loadEnv(webEnvSchema);
  return loaded;
}
