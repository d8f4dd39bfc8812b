import { describe, expect, it } from "vitest";
import { isRefusedByDatabase } from "./refused-by-database.js";

/** An error as postgres.js raises it: the server's message, SQLSTATE in `code`. */
const postgresError = (code: string, message = "refused") =>
  Object.assign(new Error(message), { name: "PostgresError", code, severity: "ERROR" });
/** As drizzle rethrows it: "Failed query: ..." with the driver's error as cause. */
const wrapped = (cause: Error) =>
  new Error("Failed query: insert into order_events ...\nparams: ...", { cause });
/** postgres.js' own connection errors: `code` is a word, not a SQLSTATE. */
const connectionError = (code: string) => Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code });

describe("isRefusedByDatabase", () => {
  it.each([
    ["22021", 'invalid byte sequence for encoding "UTF8": 0x00'],
    ["22008", 'date/time field value out of range: "0000-01-01T00:00:00Z"'],
    ["22003", "numeric field overflow"],
    ["22P02", "invalid input value for enum side"],
    ["23514", 'new row for relation "order_events" violates check constraint "x"'],
    ["23502", 'null value in column "symbol" violates not-null constraint'],
  ])("blames the events for SQLSTATE %s (%s), also when drizzle wraps it", (code, message) => {
    expect(isRefusedByDatabase(postgresError(code, message))).toBe(true);
    expect(isRefusedByDatabase(wrapped(postgresError(code, message)))).toBe(true);
  });

  it.each([
    ["08006", "connection failure"],
    ["53300", "too many connections"],
    ["57P01", "admin shutdown"],
    ["57P03", "the database system is starting up"],
    ["40001", "serialization failure"],
    ["40P01", "deadlock detected"],
    // A missing grant or table is the database's fault: splitting would dead-letter every event.
    ["42501", "permission denied for table order_events"],
    ["42P01", 'relation "order_events" does not exist'],
  ])("retries SQLSTATE %s (%s)", (code, message) => {
    expect(isRefusedByDatabase(wrapped(postgresError(code, message)))).toBe(false);
  });

  it("retries the database or network being unreachable, and anything it does not recognise", () => {
    for (const code of [
      "CONNECTION_CLOSED",
      "CONNECTION_DESTROYED",
      "CONNECT_TIMEOUT",
      "ECONNREFUSED",
      "EPIPE",
    ])
      expect(isRefusedByDatabase(wrapped(connectionError(code))), code).toBe(false);
    expect(isRefusedByDatabase(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isRefusedByDatabase("a string")).toBe(false);
  });
});
