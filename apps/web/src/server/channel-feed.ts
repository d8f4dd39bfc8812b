/**
 * One LISTEN on a Postgres channel per web process (opened with the first subscriber, closed with the
 * last), fanned out to every subscriber: how the worker's commits (NOTIFY) reach the open screens
 * without anyone polling. The alerts workspace and the Portfolio screen each keep one.
 */
import type { DbHandle } from "@nexus/db/client";

export interface ChannelFeed<T> {
  /** Resolves once listening; the returned function unsubscribes. */
  subscribe(listener: (notice: T) => void): Promise<() => Promise<void>>;
}

export function createChannelFeed<T>(
  sql: DbHandle["sql"],
  channel: string,
  parse: (payload: string) => T,
): ChannelFeed<T> {
  const listeners = new Set<(notice: T) => void>();
  let listening: Promise<{ unlisten: () => Promise<void> }> | undefined;
  const deliver = (payload: string) => {
    const notice = parse(payload);
    for (const listener of listeners) listener(notice);
  };
  return {
    async subscribe(listener) {
      listeners.add(listener);
      listening ??= sql.listen(channel, deliver);
      await listening;
      return async () => {
        listeners.delete(listener);
        if (listeners.size > 0 || listening === undefined) return;
        const current = listening;
        listening = undefined;
        await (await current).unlisten();
      };
    },
  };
}
