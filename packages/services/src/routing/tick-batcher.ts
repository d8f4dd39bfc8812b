/**
 * Writes what concurrent requests produce together: the items added during one turn of the event loop are
 * flushed as one batch per key on the next (Kafka's linger and Postgres's group commit, bounded by the
 * turn). A Kafka producer answers one request at a time per broker and every autocommitted INSERT waits for
 * its own WAL flush, so one write per routing decision would cap the API far below what the router does.
 * Each caller's promise settles with its own items: when a batch fails, its items are tried once more one
 * by one, so an item the sink refuses (a row the database rejects) fails only its own caller.
 */
export class TickBatcher<T> {
  private pending = new Map<string, Array<{ items: readonly T[]; settle: (error?: unknown) => void }>>();
  private scheduled = false;

  constructor(private readonly write: (key: string, items: T[]) => Promise<void>) {}

  add(key: string, items: readonly T[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: unknown) => (error === undefined ? resolve() : reject(error));
      const waiting = this.pending.get(key);
      if (waiting === undefined) this.pending.set(key, [{ items, settle }]);
      else waiting.push({ items, settle });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    for (const [key, entries] of batches) void this.writeBatch(key, entries);
  }

  private async writeBatch(
    key: string,
    entries: Array<{ items: readonly T[]; settle: (error?: unknown) => void }>,
  ): Promise<void> {
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
