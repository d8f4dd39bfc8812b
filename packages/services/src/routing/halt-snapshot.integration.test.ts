/**
 * The in-memory halts on the real Postgres: trading_halts' trigger announces each change on commit, and the
 * snapshot answers from memory until then.
 */
import { randomUUID } from "node:crypto";
import { TRADING_HALTS_CHANNEL } from "@nexus/db/queries/routing";
import { tradingHalts } from "@nexus/db/schema";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HaltSnapshot, type ListenPort } from "./halt-snapshot";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("services_halt_snapshot");
}, 60_000);
afterAll(async () => {
  await db.close();
});

/** A LISTEN whose callbacks the test calls itself (no notification arrives unless the test says so). */
function manualListen() {
  const port = {
    channels: [] as string[],
    notify: () => undefined as void,
    reconnect: () => undefined as void,
    unlistened: 0,
  };
  const listen: ListenPort = (channel, onNotify, onListen) => {
    port.channels.push(channel);
    port.notify = onNotify;
    port.reconnect = onListen;
    return Promise.resolve({ unlisten: async () => void (port.unlistened += 1) });
  };
  return { port, listen };
}

const halt = (values: Omit<typeof tradingHalts.$inferInsert, "reason">) =>
  db.db
    .insert(tradingHalts)
    .values({ reason: "review", ...values })
    .returning()
    .then(([row]) => row);

describe("HaltSnapshot", () => {
  it("answers from memory, and reads the halts again once a change or a reconnect is announced", async () => {
    const { port, listen } = manualListen();
    const snapshot = new HaltSnapshot(db.db, listen, { maxAgeMs: Infinity });
    const userId = randomUUID();
    expect(await snapshot.find({ userId, symbol: "MEMO" })).toBeUndefined();
    expect(port.channels).toEqual([TRADING_HALTS_CHANNEL]);
    const symbolHalt = await halt({ scope: "symbol", symbol: "MEMO" });
    // Not announced yet: the held halts are still those read before.
    expect(await snapshot.find({ userId, symbol: "MEMO" })).toBeUndefined();
    port.notify();
    expect((await snapshot.find({ userId, symbol: "MEMO" }))?.id).toBe(symbolHalt?.id);
    await db.db
      .update(tradingHalts)
      .set({ status: "lifted", liftedAt: new Date() })
      .where(eq(tradingHalts.symbol, "MEMO"));
    port.reconnect();
    expect(await snapshot.find({ userId, symbol: "MEMO" })).toBeUndefined();
    await snapshot.close();
    await snapshot.close();
    expect(port.unlistened).toBe(1);
  });

  it("reads the halts again once they are older than maxAgeMs, announced or not", async () => {
    const { listen } = manualListen();
    let now = 1_000_000;
    const snapshot = new HaltSnapshot(db.db, listen, { maxAgeMs: 5_000, now: () => now });
    const userId = randomUUID();
    expect(await snapshot.find({ userId, symbol: "AGED" })).toBeUndefined();
    const row = await halt({ scope: "symbol", symbol: "AGED" });
    now += 4_999;
    expect(await snapshot.find({ userId, symbol: "AGED" })).toBeUndefined();
    now += 1;
    expect((await snapshot.find({ userId, symbol: "AGED" }))?.id).toBe(row?.id);
  });

  it("reports the oldest halt covering the order, whether the user's or the symbol's", async () => {
    const { listen } = manualListen();
    const snapshot = new HaltSnapshot(db.db, listen, { maxAgeMs: Infinity });
    const [early, late] = [new Date("2026-11-24T14:00:00Z"), new Date("2026-11-24T15:00:00Z")];
    const alice = randomUUID();
    const bob = randomUUID();
    const carol = randomUUID();
    const aliceBook = await halt({ scope: "user", userId: alice, haltedAt: early });
    const oldSymbol = await halt({ scope: "symbol", symbol: "OLDS", haltedAt: early });
    await halt({ scope: "user_symbol", userId: bob, symbol: "OLDS", haltedAt: late });
    await halt({ scope: "symbol", symbol: "NEWS", haltedAt: late });
    await halt({ scope: "user_symbol", userId: carol, symbol: "AAPL", haltedAt: early });
    const dave = randomUUID();
    const daveInIbm = await halt({ scope: "user_symbol", userId: dave, symbol: "IBM", haltedAt: early });
    const daveBook = await halt({ scope: "user", userId: dave, haltedAt: late });
    expect((await snapshot.find({ userId: alice, symbol: "NEWS" }))?.id).toBe(aliceBook?.id);
    expect((await snapshot.find({ userId: bob, symbol: "OLDS" }))?.id).toBe(oldSymbol?.id);
    expect(await snapshot.find({ userId: bob, symbol: "MSFT" })).toBeUndefined();
    // Two halts of one user: the older where it covers the order, else the other.
    expect((await snapshot.find({ userId: dave, symbol: "IBM" }))?.id).toBe(daveInIbm?.id);
    expect((await snapshot.find({ userId: dave, symbol: "MSFT" }))?.id).toBe(daveBook?.id);
    expect(await snapshot.find({ userId: carol, symbol: "MSFT" })).toBeUndefined();
  });

  it("fails the order's lookup when the LISTEN cannot be had, and tries again with the next", async () => {
    let attempts = 0;
    const snapshot = new HaltSnapshot(db.db, () => {
      attempts += 1;
      return attempts === 1
        ? Promise.reject(new Error("connection refused"))
        : Promise.resolve({ unlisten: () => Promise.resolve() });
    });
    await expect(snapshot.find({ userId: randomUUID(), symbol: "AAPL" })).rejects.toThrow(
      "connection refused",
    );
    expect(await snapshot.find({ userId: randomUUID(), symbol: "AAPL" })).toBeUndefined();
    expect(attempts).toBe(2);
  });

  it("applies a halt and its lift from the first order after their NOTIFY, as committed", async () => {
    let delivered = 0;
    const listen: ListenPort = (channel, onNotify, onListen) =>
      db.sql.listen(
        channel,
        () => {
          delivered += 1;
          onNotify();
        },
        onListen,
      );
    const snapshot = new HaltSnapshot(db.db, listen, { maxAgeMs: Infinity });
    const userId = randomUUID();
    const target = { userId, symbol: "LIVE" };
    expect(await snapshot.find(target)).toBeUndefined();
    // NOTIFY is database-wide: another test file's halts may be announced too, so each check waits for a
    // notification that came after its own commit (one arriving in between only reloads earlier).
    const afterNotify = async <T>(
      change: () => Promise<unknown>,
      check: () => Promise<T>,
      want: (v: T) => boolean,
    ) => {
      let seen = delivered;
      await change();
      const deadline = Date.now() + 10_000;
      let value = await check();
      while (!want(value) && Date.now() < deadline) {
        while (delivered === seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        seen = delivered;
        value = await check();
      }
      return value;
    };
    let row: typeof tradingHalts.$inferSelect | undefined;
    const halted = await afterNotify(
      async () => (row = await halt({ scope: "user_symbol", userId, symbol: "LIVE" })),
      () => snapshot.find(target),
      (found) => found !== undefined,
    );
    expect(halted?.id).toBe(row?.id);
    const lifted = await afterNotify(
      () => db.sql`update trading_halts set status = 'lifted', lifted_at = now() where id = ${row?.id ?? ""}`,
      () => snapshot.find(target),
      (found) => found === undefined,
    );
    expect(lifted).toBeUndefined();
    await snapshot.close();
  });
});
