/**
 * The Portfolio screen's live stream on the real Postgres: a trade applied by the position keeper
 * reaches the owner's open stream within a second as it commits; a book nobody traded stays quiet;
 * another trader, ops and anonymous callers are refused, compliance may watch anyone.
 */
import { randomUUID } from "node:crypto";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { POSITIONS_CHANNEL } from "@nexus/db/queries/portfolio";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { applyExecutedTrades } from "@nexus/services/portfolio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelFeed } from "./channel-feed";
import { portfolioStreamResponse } from "./portfolio-stream";

let handle: TestSchema;
beforeAll(async () => {
  handle = await createTestDatabase("web_portfolio_stream");
});
afterAll(async () => {
  await handle.close();
});

const person = (role: "compliance" | "trader" | "ops") => ({
  id: randomUUID(),
  email: `${role}@example.com`,
  name: role,
  role,
});

function trade(buyer: string, seller: string): TradeExecutedEvent {
  return {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: new Date().toISOString(),
    trade_id: randomUUID(),
    symbol: "AAA",
    price: "101.5",
    quantity: "100",
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: buyer,
    sell_user_id: seller,
    aggressor_side: "buy",
  };
}

/** The events of the stream as they arrive, as [name, data] pairs. */
function collect(response: Response): Array<[string, unknown]> {
  const events: Array<[string, unknown]> = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = "";
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += decoder.decode(value);
      const blocks = text.split("\n\n");
      text = blocks.pop() ?? "";
      for (const block of blocks) {
        const match = /^event: (\w+)\ndata: (.*)$/m.exec(block);
        if (match) events.push([match[1] as string, JSON.parse(match[2] as string)]);
      }
    }
  })().catch(() => undefined);
  return events;
}

describe("live portfolio stream", () => {
  it("tells the owner's open screen of a trade within a second, and nobody else's", async () => {
    const feed = createChannelFeed(handle.sql, POSITIONS_CHANNEL, (userId) => userId);
    const owner = person("trader");
    const bystander = randomUUID();
    const closed = new AbortController();
    const response = portfolioStreamResponse({ user: owner, userId: null, feed, signal: closed.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = collect(response);
    const watcher = portfolioStreamResponse({
      user: person("compliance"),
      userId: bystander,
      feed,
      signal: closed.signal,
    });
    const bystanderEvents = collect(watcher);
    // Both streams are listening once the first comment arrives; give the LISTEN a moment to settle.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await applyExecutedTrades(handle.db, [trade(owner.id, randomUUID())]);
    while (events.length === 0 && Date.now() - started < 1000) await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([["positions", { userId: owner.id }]]);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(bystanderEvents).toEqual([]);
    closed.abort();
  });

  it("refuses another trader's book, ops and anonymous callers", () => {
    const feed = createChannelFeed(handle.sql, POSITIONS_CHANNEL, (userId) => userId);
    const signal = new AbortController().signal;
    const other = randomUUID();
    expect(portfolioStreamResponse({ user: person("trader"), userId: other, feed, signal }).status).toBe(403);
    expect(portfolioStreamResponse({ user: person("ops"), userId: null, feed, signal }).status).toBe(403);
    expect(portfolioStreamResponse({ user: null, userId: other, feed, signal }).status).toBe(401);
  });
});
