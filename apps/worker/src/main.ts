/**
 * The worker process. SIGTERM/SIGINT: stop consuming, finish and commit the batch in hand, close
 * everything, exit 0; if that takes longer than WORKER_SHUTDOWN_TIMEOUT_MS, exit 1 (anything not
 * committed is redelivered to the next worker and dropped there by event_id).
 */
import { createLogger } from "@nexus/platform/logger";
import { loadWorkerEnv } from "./env.js";
import { startWorker } from "./service.js";

const env = loadWorkerEnv();
const logger = createLogger({ name: "worker", level: env.LOG_LEVEL });

const worker = await startWorker({ env, logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, "worker failed to start");
  process.exit(1);
});

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping: finishing the batch in hand");
  const timeout = setTimeout(() => {
    logger.error({ timeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS }, "graceful stop timed out; exiting");
    process.exit(1);
  }, env.WORKER_SHUTDOWN_TIMEOUT_MS);
  try {
    await worker.stop();
    clearTimeout(timeout);
    logger.info("stopped");
    process.exit(0);
  } catch (error) {
    logger.error({ err: error }, "error while stopping");
    process.exit(1);
  }
}
process.once("SIGTERM", (signal) => void shutdown(signal));
process.once("SIGINT", (signal) => void shutdown(signal));
