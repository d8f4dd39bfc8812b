import type { PGlite } from "@electric-sql/pglite";
import { NotificationRouter } from "./pglite-notifications";

interface Waiter {
  connectionId: number;
  grant: () => void;
  cancel: (error: Error) => void;
}

/**
 * Lends the one PGlite session to one wire connection at a time: from the first message of an
 * exchange to the message that ends it (Sync / Query), and for as long as that connection keeps a
 * transaction open. PostgreSQL keeps a single unnamed statement and portal per session and the
 * extended query protocol assumes a session per client, so exchanges from different clients must
 * never interleave (pglite-socket 0.2.17 interleaves them message by message: two postgres.js
 * clients at once fail with `portal "" does not exist` or run each other's statements).
 */
export class PgliteSession {
  private owner: number | null = null;
  private waiters: Waiter[] = [];
  private readonly notifications = new NotificationRouter();

  constructor(private readonly db: PGlite) {}

  /** Runs one frontend message for `connectionId`, streaming the backend's reply to `onData`. */
  async run(
    connectionId: number,
    message: Uint8Array,
    endsExchange: boolean,
    onData: (data: Uint8Array) => void,
  ): Promise<void> {
    await this.acquire(connectionId);
    this.notifications.observe(connectionId, message, onData);
    const reply = this.notifications.replyStream(connectionId, onData);
    try {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData: reply.write }));
      if (!reply.end()) throw new Error("PGlite ended a reply in the middle of a message");
    } finally {
      if (endsExchange && !this.db.isInTransaction()) this.release(connectionId);
    }
  }

  /** A connection went away: drop its turn, and never leave the shared session inside its transaction. */
  async disconnect(connectionId: number): Promise<void> {
    this.notifications.forget(connectionId);
    const error = new Error("connection closed");
    for (const waiter of this.waiters) if (waiter.connectionId === connectionId) waiter.cancel(error);
    this.waiters = this.waiters.filter((waiter) => waiter.connectionId !== connectionId);
    if (this.owner !== connectionId) return;
    // exec takes PGlite's query lock itself (wrapping it in runExclusive would deadlock).
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.release(connectionId);
  }

  private acquire(connectionId: number): Promise<void> {
    if (this.owner === null || this.owner === connectionId) {
      this.owner = connectionId;
      return Promise.resolve();
    }
    return new Promise((grant, cancel) => this.waiters.push({ connectionId, grant, cancel }));
  }

  private release(connectionId: number): void {
    if (this.owner !== connectionId) return;
    const next = this.waiters.shift();
    this.owner = next ? next.connectionId : null;
    next?.grant();
  }
}
