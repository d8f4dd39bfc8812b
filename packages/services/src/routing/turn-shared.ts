/**
 * Calls with the same key made during one turn of the event loop share one call of `load` and its result;
 * the next turn calls afresh. Concurrent orders for one symbol arrive in the same turn (their requests are
 * read in the same I/O phase), so they read the symbol's venue quotes once, one Redis round trip and one
 * parse for all of them, instead of once each. Nothing is kept beyond the turn: the shared read is sent
 * after every request of the turn has arrived, so each order still sees every quote stored before it came.
 */
export function shareWithinTurn<A extends unknown[], R>(
  keyOf: (...args: A) => string,
  load: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let turn = new Map<string, Promise<R>>();
  return (...args) => {
    const key = keyOf(...args);
    const shared = turn.get(key);
    if (shared !== undefined) return shared;
    if (turn.size === 0) setImmediate(() => (turn = new Map()));
    const loading = load(...args);
    turn.set(key, loading);
    return loading;
  };
}
