import { webEnv } from "./env";

/**
 * Next.js calls this once as the server starts (the instrumentation hook). Reading the configuration here
 * makes a bad value stop `next start` at once with one line naming the variable, as the worker does,
 * instead of failing the first request (under `npm start` the launcher has checked it already; in the
 * Docker image `next start` is the whole process).
 */
export function register(): void {
  webEnv();
}
