import { randomUUID } from "node:crypto";
import type { QuoteEvent, TradeExecutedEvent } from "@nexus/core/events";
import { createDb } from "@nexus/db/client";
import { insertQuoteEvents, insertTradeEvents } from "@nexus/db/queries/events";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newSession, signInAs } from "./lib/browser";

let browser: Browser;

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

function trade(symbol: string, price: string, quantity: string, occurredAt: string): TradeExecutedEvent {
  return {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: occurredAt,
    trade_id: randomUUID(),
    symbol,
    price,
    quantity,
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: randomUUID(),
    sell_user_id: randomUUID(),
    aggressor_side: "buy",
  };
}

function quote(symbol: string, occurredAt: string): QuoteEvent {
  return {
    event_id: randomUUID(),
    event_type: "quote",
    occurred_at: occurredAt,
    venue_id: "XNAS",
    symbol,
    bid_price: "189.24",
    bid_size: "300",
    ask_price: "189.26",
    ask_size: "200",
  };
}

/** Events other e2e files stored before this one (they share the app and its database). */
let before = { trades: 0, quotes: 0, orders: 0 };

async function storedCounts(): Promise<typeof before> {
  const handle = createDb({ url: inject("databaseUrl"), max: 1 });
  try {
    const [row] = await handle.sql<{ trades: string; quotes: string; orders: string }[]>`
      select (select count(*) from trade_events) as trades, (select count(*) from quote_events) as quotes,
             (select count(*) from order_events) as orders`;
    return { trades: Number(row?.trades), quotes: Number(row?.quotes), orders: Number(row?.orders) };
  } finally {
    await handle.close();
  }
}

/** Stores events as the worker's ingest would. */
async function ingest(trades: TradeExecutedEvent[], quotes: QuoteEvent[] = []): Promise<void> {
  const handle = createDb({ url: inject("databaseUrl"), max: 1 });
  try {
    await insertTradeEvents(handle.db, trades);
    await insertQuoteEvents(handle.db, quotes);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  before = await storedCounts();
  await ingest(
    [
      trade("AAPL", "189.25", "100", secondsAgo(300)),
      trade("AAPL", "189.30", "250", secondsAgo(200)),
      trade("MSFT", "415.10", "40", secondsAgo(150)),
      // Now: newer than whatever another e2e file stored before this one.
      trade("AAPL", "1189.3125", "1200", secondsAgo(0)),
    ],
    [quote("AAPL", secondsAgo(60)), quote("MSFT", secondsAgo(45))],
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe("overview", () => {
  it("shows the ingested events: counters, latest trades first, most active symbols", async () => {
    const { context, page } = await newSession(browser);
    try {
      await signInAs(page, "admin");
      await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();

      const counters = page.getByRole("region", { name: "Ingested events" });
      expect(await counters.getByTestId("count-trades").textContent()).toBe(String(before.trades + 4));
      expect(await counters.getByTestId("count-quotes").textContent()).toBe(String(before.quotes + 2));
      expect(await counters.getByTestId("count-orders").textContent()).toBe(String(before.orders));

      const trades = page.getByRole("table", { name: "Latest trades" });
      const firstRow = trades.getByRole("row").nth(1);
      // Newest first, and the price exactly as stored (no float rounding of 1189.3125).
      expect(await firstRow.textContent()).toContain("1,189.3125");
      expect(await firstRow.textContent()).toContain("AAPL");

      const symbols = page.getByRole("table", { name: "Most active symbols" });
      const symbolRows = await symbols.getByRole("row").allTextContents();
      expect(symbolRows[1]).toContain("AAPL");
      expect(symbolRows.slice(2).join("\n")).toContain("MSFT");

      // The chart is drawn in the browser only; its container keeps its height either way.
      await page.locator(".recharts-surface").first().waitFor();
      await page.screenshot({ path: "/tmp/overview.png", fullPage: true });

      // A trade ingested while the page is open shows up without a reload.
      await ingest([trade("NVDA", "131.07", "10", secondsAgo(0))]);
      await counters
        .getByTestId("count-trades")
        .filter({ hasText: new RegExp(`^${before.trades + 5}$`) })
        .waitFor({ timeout: 15_000 });
      expect(await trades.getByRole("row").nth(1).textContent()).toContain("NVDA");
    } finally {
      await context.close();
    }
  });
});
