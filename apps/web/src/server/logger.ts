import "server-only";
import { createLogger } from "@nexus/platform/logger";
import type { Logger } from "@nexus/platform/logger";
import { webEnv } from "../env";

let logger: Logger | undefined;

/** The web server's structured log (created on first use, when the environment is known). */
export function serverLog(): Logger {
  logger ??= createLogger({ name: "web", level: webEnv().LOG_LEVEL });
  return logger;
}
