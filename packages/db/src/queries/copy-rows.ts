import type { Readable } from "node:stream";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import type { Database } from "../client";

/*
 * `COPY (select ...) TO STDOUT` streams a query's rows as text without a result set's per-row work in
 * the driver (no row objects, no cursor round trips): reading 1.36M stored events of 36 symbols took
 * this process 1.6-2.7 s of CPU against 4.0-5.8 s through two cursors per symbol, and Postgres no more
 * (6.4-9.4 s against 6.4-9.2 s). COPY takes no bind parameters, so values go into its text as literals
 * (quoteLiteral).
 */

/**
 * A string as an SQL literal, whatever it holds: an escape string (E'...') with its quotes and
 * backslashes doubled, so it reads the same whether standard_conforming_strings is on or off.
 */
export function quoteLiteral(value: string): string {
  // Postgres text cannot hold NUL; refused here rather than cut short by the server.
  if (value.includes("\0")) throw new Error("an SQL literal cannot hold a NUL character");
  return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** What a backslash followed by this character stands for in COPY's text format; any other stands for itself. */
const ESCAPES: Readonly<Record<string, string>> = {
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};
const ESCAPE_SEQUENCE = /\\(.)/gs;

/**
 * One row of COPY's text format (PostgreSQL docs, COPY "Text Format") holding one non-null column, as
 * the text stored: COPY TO writes a backslash, and the control characters that would cut a row or a
 * column, as a backslash sequence, and never an octal or hex one.
 */
export function unescapeCopyText(row: string): string {
  if (row.indexOf("\\") === -1) return row;
  if (row === "\\N") throw new Error("a COPY row read as one text column is null");
  return row.replace(ESCAPE_SEQUENCE, (_, character: string) => ESCAPES[character] ?? character);
}

const NEWLINE = 0x0a;

/**
 * Hands each row of a COPY TO stream (text format, one column) to `onRow` as it arrives; resolves once
 * the stream has ended. Postgres sends a row per message, but rows are cut at their newlines, so a row
 * split across chunks (or a character split across them) reads whole. A newline byte only ends a row:
 * one in the data is escaped, and no byte of a multi-byte UTF-8 character is 0x0A.
 *
 * Read through 'data' events, not `for await`: postgres.js pauses the socket when the stream's buffer
 * fills and an async iterator can leave it paused (porsager/postgres#917). Rows are handled as they
 * come, in the socket's own callback, so memory stays bounded: the server waits on a full socket.
 *
 * If `onRow` throws, the rest is read and dropped and the promise rejects with that error once the
 * stream has ended, so the connection goes back to its pool clean. (Not cancelled: postgres.js's
 * cancel does nothing once a COPY's stream is handed out, and a destroyed stream would leave its
 * socket paused.)
 */
export function readCopyRows(stream: Readable, onRow: (row: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending: Buffer | undefined;
    let failure: { error: unknown } | undefined;
    stream.on("data", (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        let data = chunk;
        if (pending !== undefined) {
          data = Buffer.concat([pending, chunk]);
          pending = undefined;
        }
        let start = 0;
        for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
          onRow(unescapeCopyText(data.toString("utf8", start, end)));
          start = end + 1;
        }
        // Copied: what is kept must not depend on the driver's buffer.
        if (start < data.length) pending = Buffer.from(data.subarray(start));
      } catch (error) {
        failure = { error };
      }
    });
    stream.on("error", (error) => reject(failure === undefined ? error : failure.error));
    stream.on("end", () => {
      if (failure !== undefined) reject(failure.error);
      else if (pending !== undefined) reject(new Error("a COPY stream ended inside a row"));
      else resolve();
    });
  });
}

/*
 * postgres.js pauses its socket when a COPY stream's buffer passes the high-water mark, and resumes it
 * when the stream asks for more (its _read). Rows that come before the stream is listened to are
 * buffered; when a whole COPY came so (a short one in one socket read; PGlite's replies always), the
 * stream ends without asking again and the connection stays paused: its next query never answers (an
 * embedded database hung on the second read). Asked once more once read; a running socket ignores it.
 */
const resumeConnection = (stream: Readable) =>
  (stream as unknown as { _read: (size: number) => void })._read(0);

/**
 * Runs `COPY (<query>) TO STDOUT` and hands each row's one text column to `onRow` (readCopyRows).
 * `query` is SQL text: literals in it must be quoted with quoteLiteral.
 *
 * On the pool, in a transaction of its own that turns parallel workers off: the callers already read
 * and replay in parallel (two scan lanes, the workers' partitions), and on a 1M-order scan of two CPUs,
 * Postgres planned the reads' sorts over workers for 13 s of CPU against 8 s without (and a slower
 * scan). In a caller's transaction (`db` is one), on its connection as its settings have it.
 */
export async function copyRows(db: Database, query: string, onRow: (row: string) => void): Promise<void> {
  // The postgres.js client drizzle runs on (json-rows.ts reaches the session the same way): COPY's
  // stream is postgres.js's, which drizzle does not expose.
  const client = (db._.session as unknown as { client: postgres.Sql }).client;
  const copy = async (sql: postgres.Sql | postgres.TransactionSql) => {
    const stream = await sql.unsafe(`copy (${query}) to stdout`).readable();
    try {
      await readCopyRows(stream, onRow);
    } finally {
      resumeConnection(stream);
    }
  };
  if (is(db, PgTransaction)) return copy(client);
  await client.begin(async (sql) => {
    await sql.unsafe("set local max_parallel_workers_per_gather = 0");
    await copy(sql);
  });
}
