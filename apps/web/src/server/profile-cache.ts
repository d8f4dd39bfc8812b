import "server-only";
import { createCache } from "@nexus/platform/cache";
import type { Cache } from "@nexus/platform/cache";
import { webEnv } from "../env";
import { serverLog } from "./logger";

/**
 * The cache of trading profiles: Redis when REDIS_URL is set, shared with the worker that drops a
 * profile when new events of its user or symbol are stored. Without Redis (the embedded default) the
 * worker is another process whose invalidations a cache here could not see, so profiles are read from
 * trading_profiles alone. Kept on globalThis like the database pool.
 */
const held = globalThis as typeof globalThis & { nexusWebProfileCache?: Cache };

export function getProfileCache(): Cache | undefined {
  const url = webEnv().REDIS_URL;
  if (url === undefined) return undefined;
  held.nexusWebProfileCache ??= createCache({ url, logger: serverLog() });
  return held.nexusWebProfileCache;
}
