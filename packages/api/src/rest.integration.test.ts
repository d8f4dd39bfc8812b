import { createTestDatabase } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, signIn, testDeps } from "../test/harness";
import { createRestHandler } from "./openapi";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let serviceKey: string;
let adminSession: string;
let rest: (req: Request) => Promise<Response>;
const now = new Date("2025-03-03T14:30:30.000Z");

beforeAll(async () => {
  handle = await createTestDatabase();
  const admin = await createUserWithRole(handle.db, "admin");
  adminSession = await signIn(handle.db, admin.email, admin.password);
  const { caller } = await callAs(handle.db, { session: adminSession });
  serviceKey = (await caller.apiKeys.create({ name: "rest-client" })).key;
  rest = createRestHandler({ ...testDeps(handle.db), clock: () => now });
  // Two trades of AAPL and one of MSFT in the last hour, one AAPL trade two hours ago.
  await handle.sql`
    insert into trade_events (event_id, occurred_at, trade_id, symbol, price, quantity, buy_order_id, sell_order_id,
      buy_user_id, sell_user_id, buy_account_id, sell_account_id, aggressor_side, venue_id)
    select gen_random_uuid(), t.at::timestamptz, gen_random_uuid(), t.symbol, t.price::numeric, t.qty::numeric,
      gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'ACC-1', 'ACC-2', 'buy', null
    from (values
      ('2025-03-03T14:29:10Z', 'AAPL', '189.25', '100'),
      ('2025-03-03T14:30:05Z', 'AAPL', '189.30', '0.5'),
      ('2025-03-03T14:10:00Z', 'MSFT', '410.10', '10'),
      ('2025-03-03T12:00:00Z', 'AAPL', '180.00', '1000')
    ) as t(at, symbol, price, qty)`;
});
afterAll(async () => {
  await handle.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  rest(new Request(`http://localhost/api/v1${path}`, { headers }));

describe("REST handler", () => {
  it("answers 401 without a key and with a malformed one", async () => {
    expect((await get("/overview/summary")).status).toBe(401);
    expect((await get("/overview/summary", { authorization: "Bearer nxk_nope" })).status).toBe(401);
  });

  it("answers 401 to a signed-in browser's session cookie: only API keys authenticate here", async () => {
    expect((await get("/auth/me", { cookie: `nexus_session=${adminSession}` })).status).toBe(401);
    const withKey = await get("/auth/me", {
      cookie: `nexus_session=${adminSession}`,
      authorization: `Bearer ${serviceKey}`,
    });
    expect(await withKey.json()).toMatchObject({ kind: "service" });
  });

  it("answers 400 naming the field for bad input", async () => {
    const response = await get("/overview/summary?tradesLimit=0", { authorization: `Bearer ${serviceKey}` });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { code: string; issues: Array<{ path: string[] }> };
    expect(body.code).toBe("BAD_REQUEST");
    expect(body.issues.map((issue) => issue.path)).toEqual([["tradesLimit"]]);
  });

  it("serves the overview with exact decimals as strings to a service key", async () => {
    const response = await get("/overview/summary?tradesLimit=2", { authorization: `Bearer ${serviceKey}` });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      asOf: string;
      eventCounts: Array<{ table: string; count: number }>;
      eventsPerMinute: Array<{ minute: string; trades: number }>;
      latestTrades: Array<{ symbol: string; price: string; quantity: string }>;
      activeSymbols: Array<{
        symbol: string;
        trades: number;
        volume: string;
        notional: string;
        lastPrice: string;
      }>;
    };
    expect(body.asOf).toBe("2025-03-03T14:30:30.000Z");
    expect(body.eventCounts.find((row) => row.table === "trade_events")?.count).toBe(4);
    expect(body.eventsPerMinute).toHaveLength(60);
    expect(body.eventsPerMinute.at(-1)).toMatchObject({ minute: "2025-03-03T14:30:00.000Z", trades: 1 });
    expect(body.latestTrades.map((trade) => [trade.symbol, trade.price, trade.quantity])).toEqual([
      ["AAPL", "189.3", "0.5"],
      ["AAPL", "189.25", "100"],
    ]);
    // 189.25 x 100 + 189.30 x 0.5 = 18925 + 94.65; the 12:00 trade is outside the hour.
    expect(body.activeSymbols).toEqual([
      { symbol: "AAPL", trades: 2, volume: "100.5", notional: "19019.65", lastPrice: "189.3" },
      { symbol: "MSFT", trades: 1, volume: "10", notional: "4101", lastPrice: "410.1" },
    ]);
  });

  it("tells a service who it is", async () => {
    const response = await get("/auth/me", { authorization: `Bearer ${serviceKey}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: "service", apiKey: { name: "rest-client" } });
  });
});
