import { Redis } from "ioredis";
import type { Logger } from "pino";

/**
 * One ioredis connection as every Redis adapter here opens it: commands fail fast after two retries
 * while the server is away (callers decide what a failure means), pipelined automatically, and
 * connection errors logged (without a listener ioredis prints every failed reconnect to the console as
 * "Unhandled error event"; it reconnects by itself either way).
 */
export function connectRedis(url: string, logger: Logger | undefined): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
  redis.on("error", (error: Error) => logger?.warn({ err: error }, "redis connection error"));
  return redis;
}
