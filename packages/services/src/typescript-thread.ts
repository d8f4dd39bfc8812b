/**
 * Starts a worker thread on one of this package's TypeScript modules. The packages ship TypeScript, and a
 * worker does not inherit its parent's loader (Node 20 also ignores `--import` in a worker's execArgv),
 * so tsx is registered inside the thread before the module is imported. The thread is unreferenced: an
 * idle one must not keep a process alive that is otherwise done (a CLI, a test); its owner refs it while
 * it has work.
 */
import { Worker } from "node:worker_threads";

export function startTypeScriptThread(file: string | URL, workerData?: unknown): Worker {
  const href = new URL(file, import.meta.url).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(href)}); })`;
  const worker = new Worker(boot, { eval: true, workerData });
  worker.unref();
  return worker;
}
