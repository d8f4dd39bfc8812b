/**
 * Reads with the same key share one call of `load`, sent only after every caller sharing it came: the first
 * call of an idle key sends its read on the next turn of the event loop (gathering the turn's callers), and
 * calls made while a read of the key is in flight share the next one, sent the moment it is answered. At
 * most one read per key is in flight, and under load one read answers every order that arrived during the
 * previous one (TickBatcher's group commit, for reads). Concurrent orders for one symbol thus read its
 * venue quotes once per Redis round trip, not once per turn or per order, and each order still sees every
 * quote stored before it came, since the read it gets was sent after it did. Nothing is kept afterwards.
 */
interface PendingRead<A, R> {
  args: A;
  promise: Promise<R>;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

interface Lane<A, R> {
  /** The read the next callers share, not sent yet. */
  next: PendingRead<A, R> | undefined;
  inFlight: boolean;
}

export function shareReads<A extends unknown[], R>(
  keyOf: (...args: A) => string,
  load: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  const lanes = new Map<string, Lane<A, R>>();
  const send = (key: string, lane: Lane<A, R>): void => {
    const read = lane.next;
    if (read === undefined) {
      lanes.delete(key);
      return;
    }
    lane.next = undefined;
    lane.inFlight = true;
    let loading: Promise<R>;
    try {
      loading = load(...read.args);
    } catch (error) {
      // Sent from a timer: a load that throws rather than rejects fails its callers, not the process.
      loading = Promise.reject(error);
    }
    loading.then(read.resolve, read.reject).finally(() => {
      lane.inFlight = false;
      send(key, lane);
    });
  };
  return (...args) => {
    const key = keyOf(...args);
    let lane = lanes.get(key);
    if (lane === undefined) {
      lane = { next: undefined, inFlight: false };
      lanes.set(key, lane);
    }
    if (lane.next !== undefined) return lane.next.promise;
    let resolve: (value: R) => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const promise = new Promise<R>((settle, fail) => {
      resolve = settle;
      reject = fail;
    });
    lane.next = { args, promise, resolve, reject };
    const idle = lane;
    if (!lane.inFlight) setImmediate(() => send(key, idle));
    return promise;
  };
}
