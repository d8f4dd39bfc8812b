/**
 * LISTEN/NOTIFY across the wire connections that share the one PGlite session (pglite-session.ts).
 *
 * PostgreSQL delivers a notification to the listening session when the notifying transaction commits
 * (docs, NOTIFY). Here every connection is the same session, so the NotificationResponse comes out in the
 * reply of whichever connection committed, not of the one that listens: the web app's LISTEN for new
 * alerts, halts and simulation controls never heard the worker's NOTIFY, and the embedded default's
 * screens did not update live. This router remembers which connection listens on which channel (from the
 * LISTEN and UNLISTEN it sends) and moves each NotificationResponse out of the committing connection's
 * reply into the replies of the connections listening on its channel.
 */

// Frontend messages that carry a statement's text (protocol 3.0): simple Query and extended Parse.
const QUERY = 0x51; // 'Q': Int32 length, String query
const PARSE = 0x50; // 'P': Int32 length, String statement name, String query, ...
// The backend's NotificationResponse: Int32 length, Int32 process id, String channel, String payload.
const NOTIFICATION = 0x41; // 'A'

const LISTEN_STATEMENT = /^\s*(un)?listen\s+(\*|"((?:[^"]|"")+)"|([a-z_][\w$]*))\s*;?\s*$/i;

/** The NUL-terminated string of `bytes` at `offset`, and the offset after its NUL. */
function cString(bytes: Uint8Array, offset: number): { text: string; next: number } {
  let end = offset;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return {
    text: Buffer.from(bytes.buffer, bytes.byteOffset + offset, end - offset).toString("utf8"),
    next: end + 1,
  };
}

/** The statement text of a Query or Parse message; undefined for any other message. */
function statementOf(message: Uint8Array): string | undefined {
  if (message[0] === QUERY) return cString(message, 5).text;
  if (message[0] === PARSE) return cString(message, cString(message, 5).next).text;
  return undefined;
}

export class NotificationRouter {
  /** Channel -> the connections listening on it. */
  private readonly listeners = new Map<string, Set<number>>();
  /** Where each connection's replies go (its socket). */
  private readonly outputs = new Map<number, (data: Uint8Array) => void>();

  /** Notes a LISTEN or UNLISTEN among `connectionId`'s messages, and where its replies go. */
  observe(connectionId: number, message: Uint8Array, output: (data: Uint8Array) => void): void {
    this.outputs.set(connectionId, output);
    const statement = statementOf(message);
    const match = statement === undefined ? null : LISTEN_STATEMENT.exec(statement);
    if (match === null) return;
    const [, unlisten, target, quoted, bare] = match;
    if (target === "*") return this.unlistenAll(connectionId);
    // A quoted name keeps its case; a bare one is folded to lower case, as PostgreSQL does.
    const channel = quoted === undefined ? (bare ?? "").toLowerCase() : quoted.replaceAll('""', '"');
    const listening = this.listeners.get(channel) ?? new Set<number>();
    this.listeners.set(channel, listening);
    if (unlisten === undefined) listening.add(connectionId);
    else listening.delete(connectionId);
  }

  /** A connection went away: it hears nothing more. */
  forget(connectionId: number): void {
    this.unlistenAll(connectionId);
    this.outputs.delete(connectionId);
  }

  private unlistenAll(connectionId: number): void {
    for (const listening of this.listeners.values()) listening.delete(connectionId);
  }

  /**
   * The reply stream of one exchange of `connectionId`: every backend message passes through to `output`
   * in order, except notifications, which go to the connections listening on their channel (this one
   * included, if it listens). Messages split across chunks are held until whole; `end()` says whether
   * anything was left incomplete.
   */
  replyStream(connectionId: number, output: (data: Uint8Array) => void) {
    let pending: Uint8Array = new Uint8Array(0);
    const write = (chunk: Uint8Array): void => {
      const bytes = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let start = 0;
      let offset = 0;
      while (offset + 5 <= bytes.length) {
        const length = 1 + Buffer.from(bytes.buffer, bytes.byteOffset + offset + 1, 4).readInt32BE(0);
        if (offset + length > bytes.length) break;
        if (bytes[offset] === NOTIFICATION) {
          if (offset > start) output(bytes.subarray(start, offset));
          this.deliver(connectionId, bytes.subarray(offset, offset + length), output);
          start = offset + length;
        }
        offset += length;
      }
      if (offset > start) output(bytes.subarray(start, offset));
      // Kept as a copy: the engine may reuse the memory of the chunk it handed over.
      pending = Uint8Array.from(bytes.subarray(offset));
    };
    return { write, end: () => pending.length === 0 };
  }

  private deliver(from: number, message: Uint8Array, output: (data: Uint8Array) => void): void {
    const channel = cString(message, 9).text;
    // Copied: each listener's socket keeps what it is handed until written.
    for (const connectionId of this.listeners.get(channel) ?? []) {
      (connectionId === from ? output : this.outputs.get(connectionId))?.(Uint8Array.from(message));
    }
  }
}
