import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { PgliteSession } from "./pglite-session";

// PostgreSQL frontend/backend protocol 3.0 (postgresql.org/docs/current/protocol-message-formats.html).
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

export interface PgliteServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a PGlite database over TCP to up to `maxConnections` Postgres clients. Replaces
 * pglite-socket's server because that one (0.2.17) interleaves clients per message and, when a
 * socket delivers data while a previous chunk is still being processed, runs two parse loops over
 * one connection's buffer; both break postgres.js under concurrency. Here each connection handles
 * its messages strictly in order and `PgliteSession` serialises whole exchanges between connections.
 */
export async function servePglite(
  db: PGlite,
  options: { host: string; port: number; maxConnections: number },
): Promise<PgliteServer> {
  const session = new PgliteSession(db);
  const sockets = new Set<Socket>();
  let nextConnectionId = 1;

  const server = createServer((socket) => {
    if (sockets.size >= options.maxConnections) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    const connectionId = nextConnectionId++;
    let buffer = Buffer.alloc(0);
    let started = false;
    let closed = false;
    let processing = Promise.resolve();

    const reply = (data: Uint8Array) => {
      if (socket.writable) socket.write(data);
    };

    /** Takes every complete message off the buffer, in order; runs them one after another. */
    const drain = async () => {
      while (!closed) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            reply(Buffer.from("N"));
          } else if (code === CANCEL_REQUEST) {
            socket.end(); // PGlite cannot interrupt a running statement.
            return;
          } else {
            started = true;
            await session.run(connectionId, message, true, reply);
          }
          continue;
        }
        if (buffer.length < 5) return;
        const total = 1 + buffer.readInt32BE(1);
        if (buffer.length < total) return;
        const type = buffer[0];
        const message = buffer.subarray(0, total);
        buffer = buffer.subarray(total);
        if (type === TERMINATE) {
          socket.destroy();
          return;
        }
        await session.run(connectionId, message, type === SYNC || type === QUERY, reply);
      }
    };

    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      processing = processing.then(drain).catch(() => {
        socket.destroy();
      });
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      // Not chained after `processing`: that may be waiting for its turn, which disconnect cancels.
      closed = true;
      sockets.delete(socket);
      void session.disconnect(connectionId);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: options.host,
    port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
