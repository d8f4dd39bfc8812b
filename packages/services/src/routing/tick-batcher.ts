interface Entry<T> {
  items: readonly T[];
  settle: (error?: unknown) => void;
}

/** A key's callers waiting for the next write, and whether a write of the key is in flight. */
interface Lane<T> {
  waiting: Entry<T>[];
  writing: boolean;
}

/**
 * Writes what concurrent requests produce together (group commit): the items added during one turn of the
 * event loop go as one batch per key on the next, and while a key's batch is being written everything
 * added meanwhile waits and goes as the next batch the moment it is done, so at most one write per key is
 * in flight and a batch grows with the load (Postgres's group commit, with no timer to tune). Every
 * autocommitted INSERT waits for its own WAL flush, so one write per routing decision would cap the API far
 * below what the router does. Each caller's promise settles once its own batch is written, never before:
 * when a batch fails, its items are tried once more one by one, so an item the sink refuses (a row the
 * database rejects) fails only its own caller, and a sink that is down fails every caller with its error.
 */
export class TickBatcher<T> {
  private readonly lanes = new Map<string, Lane<T>>();

  constructor(private readonly write: (key: string, items: T[]) => Promise<void>) {}

  add(key: string, items: readonly T[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: unknown) => (error === undefined ? resolve() : reject(error));
      let lane = this.lanes.get(key);
      if (lane === undefined) {
        lane = { waiting: [], writing: false };
        this.lanes.set(key, lane);
      }
      lane.waiting.push({ items, settle });
      // The first item of an idle key gathers the rest of the turn's; under a write, the write's end flushes.
      if (lane.waiting.length === 1 && !lane.writing) setImmediate(() => void this.flush(key, lane));
    });
  }

  private async flush(key: string, lane: Lane<T>): Promise<void> {
    while (lane.waiting.length > 0) {
      const entries = lane.waiting;
      lane.waiting = [];
      lane.writing = true;
      await this.writeBatch(key, entries);
      lane.writing = false;
    }
  }

  private async writeBatch(key: string, entries: Entry<T>[]): Promise<void> {
    try {
      await this.write(
        key,
        entries.flatMap((entry) => entry.items),
      );
      for (const entry of entries) entry.settle();
    } catch (error) {
      if (entries.length === 1) {
        entries[0]?.settle(error ?? new Error(`writing ${key} failed`));
        return;
      }
      await Promise.all(entries.map((entry) => this.writeBatch(key, [entry])));
    }
  }
}
