/**
 * A small pool of worker threads running risk-thread.ts, so the engine never blocks the event loop of
 * the process that serves requests (docs/architecture.md "Where state lives": stateless computation over
 * stored data runs off the web server's event loop). Each thread keeps the price history it was sent and
 * gets it again only when its version changed; a task goes to the thread with the fewest in flight.
 * node:worker_threads rather than a pool library: the history broadcast per thread is the one thing a
 * generic pool (piscina) does not do, and the rest is some forty lines.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { startTypeScriptThread } from "../typescript-thread";
import type { MarketSnapshot } from "./market-history";
import type { RiskRequest, TextOutcome, WirePosition } from "./risk-requests";
import type { ThreadMessage } from "./risk-thread";

export interface RiskPoolOptions {
  /** Threads (default: the cores less one, 1 to 4). */
  size?: number;
  /**
   * The thread's module. By default risk-thread.ts next to this file, run through tsx (the packages ship
   * TypeScript); a bundled server passes the path of the source file.
   */
  threadFile?: string | URL;
}

/** Named, not a literal in `new URL(...)`: a bundler would take that for an asset to copy. */
const THREAD_MODULE = "./risk-thread.ts";

interface Pending {
  resolve: (outcome: TextOutcome) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  version: string | undefined;
  pending: Map<number, Pending>;
}

export class RiskThreadPool {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  private readonly size: number;
  private readonly threadFile: string | URL;

  constructor(options: RiskPoolOptions = {}) {
    this.size = options.size ?? Math.min(4, Math.max(1, availableParallelism() - 1));
    this.threadFile = options.threadFile ?? new URL(THREAD_MODULE, import.meta.url);
  }

  run(
    snapshot: Pick<MarketSnapshot, "version" | "history">,
    positions: WirePosition[],
    request: RiskRequest,
  ): Promise<TextOutcome> {
    const thread = this.leastBusy();
    if (thread.version !== snapshot.version) {
      const { history } = snapshot;
      const message: ThreadMessage = {
        type: "history",
        version: snapshot.version,
        dates: history.dates,
        closes: [...history.closes],
        volumes: [...(history.volumes ?? [])],
        confirmedMoves: [...(history.confirmedMoves ?? [])].map(([symbol, dates]) => [
          symbol,
          new Set(dates),
        ]),
      };
      thread.worker.postMessage(message);
      thread.version = snapshot.version;
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref();
      const message: ThreadMessage = { type: "task", id, positions, request };
      thread.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private leastBusy(): Thread {
    if (this.threads.length < this.size) return this.spawn();
    return this.threads.reduce((best, thread) => (thread.pending.size < best.pending.size ? thread : best));
  }

  private spawn(): Thread {
    const worker = startTypeScriptThread(new URL(this.threadFile, import.meta.url));
    const thread: Thread = { worker, version: undefined, pending: new Map() };
    worker.on("message", (reply: { id: number; outcome?: TextOutcome; failure?: string }) => {
      const pending = thread.pending.get(reply.id);
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) thread.worker.unref();
      if (reply.outcome !== undefined) pending?.resolve(reply.outcome);
      else pending?.reject(new Error(reply.failure));
    });
    const fail = (error: Error) => {
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`risk thread exited with code ${code}`)));
    this.threads.push(thread);
    return thread;
  }
}
