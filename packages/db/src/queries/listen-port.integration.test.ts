/** The listen port over postgres.js on the real Postgres: what HaltSnapshot hears, and when it stops. */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestSchema, type TestSchema } from "../testing";
import { listenPort } from "./listen-port";

let db: TestSchema;
beforeAll(() => {
  db = openTestSchema("db_listen");
});
afterAll(async () => {
  await db.close();
});

async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
}

describe("listenPort", () => {
  it("announces the LISTEN, each NOTIFY without its payload, and nothing after unlisten", async () => {
    // NOTIFY is database-wide: a channel of this test's own.
    const channel = `nexus_test_${randomBytes(6).toString("hex")}`;
    const notified: unknown[][] = [];
    let listened = 0;
    const listening = await listenPort(db.sql)(
      channel,
      (...args: unknown[]) => notified.push(args),
      () => (listened += 1),
    );
    expect(listened).toBe(1);

    await db.sql`select pg_notify(${channel}, 'halt 42')`;
    await until(() => notified.length === 1);
    expect(notified).toEqual([[]]);

    await listening.unlisten();
    await db.sql`select pg_notify(${channel}, 'after')`;
    // A notification to a listener would arrive well within this wait (the one above took milliseconds).
    await new Promise((r) => setTimeout(r, 200));
    expect(notified).toHaveLength(1);
  });
});
