import { join } from "node:path";
import { openDatabase } from "./client";
import { readDbEnv } from "./env";
import { migrate } from "./migrate";

/** `npm run db:migrate`: migrates DATABASE_URL, or the embedded database under NEXUS_DATA_DIR. */
const env = readDbEnv();
const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: join(env.NEXUS_DATA_DIR, "pgdata") });
let applied = 0;
try {
  await migrate(handle.sql, {
    onApplied: (migration) => {
      applied += 1;
      console.log(`applied ${migration.tag}`);
    },
  });
  if (applied === 0) console.log("database is up to date");
} finally {
  await handle.close();
}
