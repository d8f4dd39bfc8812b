/**
 * Runs the calibration sandbox in a worker thread (calibration-thread.ts), so a replay of a busy week
 * never blocks the event loop of the server that asked (docs/architecture.md "Where state lives":
 * stateless computation over stored data runs off the web server's event loop). One thread, started on
 * the first request and referenced only while it has work; refusals come back as the same
 * SurveillanceError the in-process use case throws.
 */
import type { Worker } from "node:worker_threads";
import { startTypeScriptThread } from "../typescript-thread";
import type { CalibrationRequest, CalibrationResult } from "./calibration";
import type { CalibrationReply, CalibrationTask, CalibrationThreadData } from "./calibration-thread";
import { SurveillanceError } from "./errors";

/** Named, not a literal in `new URL(...)`: a bundler would take that for an asset to copy. */
const THREAD_MODULE = "./calibration-thread.ts";

export interface CalibrationRunnerOptions extends CalibrationThreadData {
  /** The thread's module; by default calibration-thread.ts next to this file (see RiskPoolOptions). */
  threadFile?: string | URL;
}

interface Pending {
  resolve: (result: CalibrationResult) => void;
  reject: (error: Error) => void;
}

export class CalibrationRunner {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(private readonly options: CalibrationRunnerOptions) {}

  run(request: CalibrationRequest): Promise<CalibrationResult> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, request } satisfies CalibrationTask);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const { threadFile, ...data } = this.options;
    const worker = startTypeScriptThread(
      new URL(threadFile ?? THREAD_MODULE, import.meta.url),
      data satisfies CalibrationThreadData,
    );
    worker.on("message", (reply: CalibrationReply) => {
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ("result" in reply) pending?.resolve(reply.result);
      else if ("refusal" in reply)
        pending?.reject(
          new SurveillanceError(reply.refusal.problem, reply.refusal.message, reply.refusal.field),
        );
      else pending?.reject(new Error(reply.failure));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`calibration thread exited with code ${code}`)));
    return worker;
  }
}
